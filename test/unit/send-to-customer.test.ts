import { beforeEach, describe, expect, it } from 'vitest';
import { deliveryRefOf } from '#core/delivery-ref.ts';
import { ChannelError, ConflictError } from '#core/errors.ts';
import type { Conversation, CustomerProfile, Message } from '#core/model.ts';
import type { ChannelTemplate, ChannelText, ConversationStore, CustomerChannel } from '#core/ports.ts';
import { outboundMessageId, sendToCustomer } from '#core/use-cases/send-to-customer.ts';
import { parseBusinessSettings } from '#shared/business-settings.ts';
import businessConfig from '../../config/business.ts';

const settings = parseBusinessSettings(businessConfig);
const NOW = new Date('2025-03-01T12:00:00.000Z');
const clock = { now: () => NOW };

/** In-memory store: only what sendToCustomer uses. */
class MemoryStore {
  profiles = new Map<string, CustomerProfile>();
  claims = new Set<string>();
  messages: Message[] = [];
  providerIds = new Map<string, string>();
  async getProfile(address: string) {
    return this.profiles.get(address);
  }
  async saveProfile(profile: CustomerProfile) {
    const stored = this.profiles.get(profile.customerAddress);
    if ((stored?.version ?? 0) !== profile.version - 1) throw new ConflictError('profile version');
    this.profiles.set(profile.customerAddress, profile);
  }
  async claimOnce(key: string) {
    if (this.claims.has(key)) return false;
    this.claims.add(key);
    return true;
  }
  async releaseOnce(key: string) {
    this.claims.delete(key);
    this.settled.delete(key);
  }
  settled = new Map<string, unknown>();
  async settleOnce(key: string, outcome: unknown) {
    this.settled.set(key, outcome);
  }
  async getOnce(key: string) {
    return this.settled.get(key) ?? (this.claims.has(key) ? { state: 'claimed' } : undefined);
  }
  async appendMessage(message: Message) {
    if (this.messages.some((m) => m.messageId === message.messageId)) return false;
    this.messages.push(message);
    return true;
  }
  async recordProviderIds(message: Message, ids: string[]) {
    for (const id of ids) this.providerIds.set(id, message.messageId);
  }
}

type Sent = { kind: 'text'; message: ChannelText } | { kind: 'template'; message: ChannelTemplate };

/** Records sends; scripted failures are consumed in order. */
class RecordingChannel implements CustomerChannel {
  sent: Sent[] = [];
  failures: (Error | undefined)[] = [];
  private count = 0;
  async sendText(message: ChannelText) {
    return this.respond({ kind: 'text', message });
  }
  async sendTemplate(message: ChannelTemplate) {
    return this.respond({ kind: 'template', message });
  }
  private respond(attempt: Sent) {
    const failure = this.failures.shift();
    if (failure) throw failure;
    this.sent.push(attempt);
    this.count += 1;
    return { providerId: `SM${String(this.count).padStart(32, '0')}` };
  }
}

const sms: Conversation = {
  id: 'sms|+15551230000|+15559990000',
  channel: 'sms',
  customerAddress: '+15551230000',
  businessAddress: '+15559990000',
  mode: 'ai',
  version: 3,
  openedAt: '2025-03-01T09:00:00.000Z',
  updatedAt: '2025-03-01T11:00:00.000Z',
  lastInboundAt: '2025-03-01T11:00:00.000Z',
};
const whatsapp: Conversation = {
  ...sms,
  id: 'whatsapp|+15551230000|+15559990000',
  channel: 'whatsapp',
  businessAddress: 'whatsapp:+15559990000',
  customerName: 'Ada',
};

let store: MemoryStore;
let channel: RecordingChannel;
const deps = () => ({ store: store as unknown as ConversationStore, channel, clock, settings });
const send = (conversation: Conversation, text: string, key = 'evt-1', extra = {}) =>
  sendToCustomer(deps(), { conversation, text, author: 'ai', idempotencyKey: key, ...extra });

beforeEach(() => {
  store = new MemoryStore();
  channel = new RecordingChannel();
});

describe('sendToCustomer', () => {
  it('sends an SMS from the business number to the bare E.164 number and records it with segments', async () => {
    const outcome = await send(sms, 'Your order shipped today.');
    expect(channel.sent).toEqual([
      {
        kind: 'text',
        message: {
          from: '+15559990000',
          to: '+15551230000',
          body: 'Your order shipped today.',
          // Delivery callbacks name the recorded message, so they update it without a lookup.
          deliveryRef: deliveryRefOf({
            conversationId: sms.id,
            messageId: outboundMessageId('evt-1'),
            at: NOW.toISOString(),
          }),
        },
      },
    ]);
    expect(outcome).toMatchObject({ status: 'sent', template: false, segments: 1, parts: 1 });
    expect(store.messages).toHaveLength(1);
    expect(store.messages[0]).toMatchObject({
      conversationId: sms.id,
      messageId: outboundMessageId('evt-1'),
      at: NOW.toISOString(),
      direction: 'outbound',
      author: 'ai',
      text: 'Your order shipped today.',
      segments: 1,
      template: false,
      status: 'queued',
      providerIds: ['SM00000000000000000000000000000001'],
    });
    expect(store.providerIds.get('SM00000000000000000000000000000001')).toBe(outboundMessageId('evt-1'));
  });

  it('records the agent and extra fields, keeping the core fields authoritative', async () => {
    const outcome = await sendToCustomer(deps(), {
      conversation: sms,
      text: 'Hi, Sam here.',
      author: 'agent',
      idempotencyKey: 'slack-1',
      agent: { id: 'U1', name: 'Sam' },
      extra: { passages: ['p1'], direction: 'inbound', messageId: 'forged' },
    });
    expect(outcome.status).toBe('sent');
    expect(store.messages[0]).toMatchObject({
      author: 'agent',
      agent: { id: 'U1', name: 'Sam' },
      passages: ['p1'],
      direction: 'outbound',
      messageId: outboundMessageId('slack-1'),
    });
  });

  it('sends WhatsApp text inside the window with whatsapp: on both addresses', async () => {
    const outcome = await send(whatsapp, 'Hello on WhatsApp');
    expect(channel.sent).toEqual([
      {
        kind: 'text',
        message: {
          from: 'whatsapp:+15559990000',
          to: 'whatsapp:+15551230000',
          body: 'Hello on WhatsApp',
          deliveryRef: deliveryRefOf(store.messages[0] as Message),
        },
      },
    ]);
    expect(outcome).toMatchObject({ status: 'sent', template: false, parts: 1 });
    expect(store.messages[0]?.segments).toBeUndefined();
  });

  it('outside the 24-hour WhatsApp window sends the configured template with name and brand filled', async () => {
    const stale = { ...whatsapp, lastInboundAt: '2025-02-28T11:59:59.000Z' };
    const outcome = await send(stale, 'A free-form reply');
    expect(channel.sent).toEqual([
      {
        kind: 'template',
        message: {
          from: 'whatsapp:+15559990000',
          to: 'whatsapp:+15551230000',
          contentSid: settings.whatsapp.reopenTemplate.contentSid,
          variables: { '1': 'Ada', '2': 'Northwind Outfitters' },
          deliveryRef: deliveryRefOf(store.messages[0] as Message),
        },
      },
    ]);
    expect(outcome).toMatchObject({ status: 'sent', template: true, parts: 1 });
    expect(store.messages[0]).toMatchObject({ template: true, status: 'queued' });
  });

  it('outside the window a Spanish conversation gets the template approved in Spanish, others the default', async () => {
    const SPANISH_SID = `HX${'e5'.repeat(16)}`;
    const withSpanish = parseBusinessSettings({
      ...businessConfig,
      whatsapp: {
        ...businessConfig.whatsapp,
        reopenTemplates: { es: { contentSid: SPANISH_SID, variables: { '1': '{{name}}' } } },
      },
    });
    const stale = { ...whatsapp, lastInboundAt: '2025-02-28T11:59:59.000Z' };
    const sendWith = (conversation: Conversation, key: string) =>
      sendToCustomer(
        { ...deps(), settings: withSpanish },
        { conversation, text: 'Hola', author: 'system', idempotencyKey: key },
      );
    await sendWith({ ...stale, language: 'es' }, 'es-1');
    await sendWith({ ...stale, language: 'en' }, 'en-1');
    expect(channel.sent).toMatchObject([
      { kind: 'template', message: { contentSid: SPANISH_SID, variables: { '1': 'Ada' } } },
      { kind: 'template', message: { contentSid: settings.whatsapp.reopenTemplate.contentSid } },
    ]);
  });

  it('an SMS conversation never uses the template, however old the last inbound message', async () => {
    await send({ ...sms, lastInboundAt: '2024-01-01T00:00:00.000Z' }, 'Still here');
    expect(channel.sent.map((s) => s.kind)).toEqual(['text']);
  });

  it('sends nothing to an opted-out customer and refuses with the reason', async () => {
    store.profiles.set(sms.customerAddress, {
      customerAddress: sms.customerAddress,
      facts: {},
      pastCases: [],
      optedOut: true,
      version: 2,
    });
    const outcome = await send(sms, 'Are you there?');
    expect(outcome).toEqual({ status: 'refused', reason: 'opted_out' });
    expect(channel.sent).toEqual([]);
    expect(store.messages).toEqual([]);
  });

  it('a second send with the same idempotency key is a duplicate and sends nothing', async () => {
    await send(sms, 'Once');
    const outcome = await send(sms, 'Once');
    expect(outcome).toEqual({ status: 'duplicate' });
    expect(channel.sent).toHaveLength(1);
    expect(store.messages).toHaveLength(1);
  });

  it('splits a body over 1,600 characters at sentence boundaries and counts every segment', async () => {
    const text = 'This sentence is exactly fifty characters long ok. '.repeat(40).trim();
    const outcome = await send(sms, text);
    expect(channel.sent).toHaveLength(2);
    const bodies = channel.sent.map((s) => (s.kind === 'text' ? s.message.body : ''));
    for (const body of bodies) expect(body.endsWith('ok.')).toBe(true);
    // 1,599 + 399 GSM-7 characters: ceil(1599/153) + ceil(399/153) = 11 + 3.
    expect(outcome).toMatchObject({ status: 'sent', parts: 2, segments: 14 });
    expect(store.messages[0]).toMatchObject({ segments: 14, text });
    expect(store.messages[0]?.providerIds).toHaveLength(2);
  });

  it('Twilio 21610 marks an existing profile opted out (version + 1) and refuses', async () => {
    store.profiles.set(sms.customerAddress, {
      customerAddress: sms.customerAddress,
      name: 'Ada',
      facts: { size: 'M' },
      pastCases: [],
      optedOut: false,
      version: 4,
    });
    channel.failures.push(new ChannelError('opted_out', 'unsubscribed', 21610));
    const outcome = await send(sms, 'Hello');
    expect(outcome).toEqual({ status: 'refused', reason: 'opted_out' });
    expect(store.profiles.get(sms.customerAddress)).toMatchObject({
      optedOut: true,
      optedOutAt: NOW.toISOString(),
      version: 5,
      facts: { size: 'M' },
    });
    expect(channel.sent).toEqual([]);
  });

  it('Twilio 21610 creates an opted-out profile (version 1) when none exists', async () => {
    channel.failures.push(new ChannelError('opted_out', 'unsubscribed', 21610));
    await send(sms, 'Hello');
    expect(store.profiles.get(sms.customerAddress)).toEqual({
      customerAddress: sms.customerAddress,
      facts: {},
      pastCases: [],
      optedOut: true,
      optedOutAt: NOW.toISOString(),
      version: 1,
    });
  });

  it('Twilio 63016 inside our window takes the template path once', async () => {
    channel.failures.push(new ChannelError('window_closed', 'outside window', 63016));
    const outcome = await send(whatsapp, 'Free text');
    expect(outcome).toMatchObject({ status: 'sent', template: true });
    expect(channel.sent.map((s) => s.kind)).toEqual(['template']);
  });

  it('a template refused with 63016 as well is recorded as rejected, not retried again', async () => {
    channel.failures.push(
      new ChannelError('window_closed', 'outside window', 63016),
      new ChannelError('window_closed', 'outside window', 63016),
    );
    const outcome = await send(whatsapp, 'Free text');
    expect(outcome).toMatchObject({ status: 'refused', reason: 'rejected' });
    expect(channel.sent).toEqual([]);
  });

  it('an invalid number is recorded on a failed message and refused', async () => {
    channel.failures.push(new ChannelError('invalid_number', 'not a mobile number', 21614));
    const outcome = await send(sms, 'Hello');
    expect(outcome).toMatchObject({ status: 'refused', reason: 'invalid_number' });
    expect(store.messages).toHaveLength(1);
    expect(store.messages[0]).toMatchObject({ status: 'failed', errorCode: '21614', text: 'Hello' });
    if (outcome.status === 'refused') expect(outcome.message).toEqual(store.messages[0]);
  });

  it('a transient failure releases the outbox key and rethrows, so the queue retry sends it', async () => {
    channel.failures.push(new ChannelError('transient', 'HTTP 503'));
    await expect(send(sms, 'Retry me')).rejects.toMatchObject({ kind: 'transient' });
    expect(store.messages).toEqual([]);
    const retry = await send(sms, 'Retry me');
    expect(retry.status).toBe('sent');
    expect(channel.sent).toHaveLength(1);
  });

  it('an unexpected error is treated like a transient one (key released, rethrown)', async () => {
    channel.failures.push(new TypeError('socket hang up'));
    await expect(send(sms, 'Retry me')).rejects.toThrow(TypeError);
    expect((await send(sms, 'Retry me')).status).toBe('sent');
  });

  it('a retry after a transient failure on part 2 does not resend part 1', async () => {
    const text = 'This sentence is exactly fifty characters long ok. '.repeat(40).trim();
    channel.failures.push(undefined, new ChannelError('transient', 'HTTP 500'));
    await expect(send(sms, text)).rejects.toBeInstanceOf(ChannelError);
    expect(channel.sent).toHaveLength(1);
    const retry = await send(sms, text);
    expect(retry).toMatchObject({ status: 'sent', parts: 1 });
    expect(channel.sent).toHaveLength(2);
    const bodies = channel.sent.map((s) => (s.kind === 'text' ? s.message.body : ''));
    expect(bodies.join(' ')).toBe(text);
  });

  it('refuses to send an empty message', async () => {
    await expect(send(sms, '   ')).rejects.toThrow(/empty/);
    expect(channel.sent).toEqual([]);
  });
});
