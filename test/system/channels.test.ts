/**
 * Customer channels end to end on the local runtime: signatures, malformed bodies, duplicate deliveries,
 * opt-out and back in, HELP, attachments, and the WhatsApp template outside the 24-hour window.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACTION_IDS } from '../../functions/adapters/slack-blocks.ts';
import { conversationIdOf } from '../../functions/core/model.ts';
import { newMessageSid } from '../../local/driver.ts';
import { type SystemHarness, slackText, startSystem } from '../helpers/system.ts';

const business = '+15550100000';
const ana = { id: 'UANA', username: 'ana' };
let system: SystemHarness;

beforeAll(async () => {
  system = await startSystem();
});

afterAll(async () => {
  await system?.stop();
});

function smsConversation(customer: string): string {
  return conversationIdOf({ channel: 'sms', customerAddress: customer, businessAddress: business });
}

/** Escalates a fresh conversation and claims it as Ana; returns the card ts and case id. */
async function claimedConversation(
  customer: string,
  channel: 'sms' | 'whatsapp' = 'sms',
): Promise<{ cardTs: string; caseId: string; conversationId: string }> {
  await system.driver.customerSays({
    from: customer,
    to: business,
    channel,
    body: 'I need to speak to a human',
  });
  await system.settle();
  const conversationId = conversationIdOf({
    channel,
    customerAddress: customer,
    businessAddress: channel === 'whatsapp' ? `whatsapp:${business}` : business,
  });
  const caseId = (await system.store.getConversation(conversationId))?.caseId ?? '';
  const cardTs = system.cardFor(customer)?.ts ?? '';
  expect(caseId).not.toBe('');
  expect(cardTs).not.toBe('');
  await system.driver.agentClicks({
    agent: ana,
    actionId: ACTION_IDS.claim,
    value: caseId,
    messageTs: cardTs,
  });
  expect((await system.store.getConversation(conversationId))?.owner?.id).toBe(ana.id);
  return { cardTs, caseId, conversationId };
}

describe('inbound webhook', () => {
  it('a wrong signature is a 403 and stores, enqueues and sends nothing', async () => {
    const customer = '+15557771001';
    const sid = newMessageSid();
    const params = system.driver.twilioParams({
      from: customer,
      to: business,
      body: 'hello',
      messageSid: sid,
    });
    const forged = await system.driver.postTwilio('/twilio/messages', params, 'not-the-auth-token');
    expect(forged.status).toBe(403);
    const unsigned = await system.driver.post('/twilio/messages', new URLSearchParams(params).toString(), {
      'content-type': 'application/x-www-form-urlencoded',
    });
    expect(unsigned.status).toBe(403);
    await system.settle();
    expect(await system.store.getMessage(smsConversation(customer), sid)).toBeUndefined();
    expect(await system.store.getConversation(smsConversation(customer))).toBeUndefined();
    expect(system.sentTo(customer)).toHaveLength(0);
  });

  it('a signed body without From is a 400 that changes nothing', async () => {
    const sid = newMessageSid();
    const params = system.driver.twilioParams({
      from: '+15557771002',
      to: business,
      body: 'hi',
      messageSid: sid,
    });
    delete params.From;
    const response = await system.driver.postTwilio('/twilio/messages', params);
    expect(response.status).toBe(400);
    expect(response.body).toContain('From');
    await system.settle();
    expect(await system.store.getMessage(smsConversation('+15557771002'), sid)).toBeUndefined();
  });

  it('the same MessageSid delivered five times at once is stored once and answered once', async () => {
    const customer = '+15557771003';
    const sid = newMessageSid();
    const responses = await Promise.all(
      Array.from({ length: 5 }, () =>
        system.driver.customerSays({
          from: customer,
          to: business,
          body: 'Do you ship to Canada?',
          messageSid: sid,
        }),
      ),
    );
    expect(responses.map((response) => response.status)).toEqual([200, 200, 200, 200, 200]);
    await system.settle();
    const stored = await system.store.recentMessages(smsConversation(customer), 10);
    expect(stored.filter((message) => message.messageId === sid)).toHaveLength(1);
    expect(system.sentTo(customer)).toHaveLength(1);
    expect(system.sentTo(customer)[0]?.body).toContain('Canada');
  });

  it('a photo without text goes to a person (the offline model cannot see it), and is kept on the message', async () => {
    const customer = '+15557771004';
    await system.driver.customerSays({
      from: customer,
      to: business,
      body: '',
      media: [{ url: 'https://media.example/photo.jpg', contentType: 'image/jpeg' }],
    });
    await system.settle();
    // The customer is told a person will look (the escalation notice); the case says why.
    expect(system.sentTo(customer)).toHaveLength(1);
    expect(system.sentTo(customer).at(-1)?.body).not.toMatch(/can't open attachments/);
    const conversation = await system.store.getConversation(smsConversation(customer));
    expect(conversation?.mode).toBe('queued');
    expect((await system.store.getCase(conversation?.caseId ?? ''))?.packet.reason).toBe('attachment');
    const [stored] = await system.store.recentMessages(smsConversation(customer), 1);
    expect(stored?.author === 'customer' ? stored.media : undefined).toBeUndefined();
    const inbound = (await system.store.recentMessages(smsConversation(customer), 5)).find(
      (m) => m.author === 'customer',
    );
    expect(inbound?.media).toEqual([{ url: 'https://media.example/photo.jpg', contentType: 'image/jpeg' }]);
  });

  it('HELP answers with the configured help text', async () => {
    const customer = '+15557771005';
    await system.driver.customerSays({ from: customer, to: business, body: ' help ' });
    await system.settle();
    expect(system.sentTo(customer).at(-1)?.body).toMatch(/Reply STOP to opt out/);
  });
});

describe('opt-out', () => {
  it('after STOP nothing is sent, an agent is refused with a visible reason, and START brings replies back', async () => {
    const customer = '+15557772001';
    const { cardTs, caseId, conversationId } = await claimedConversation(customer);
    const sentBefore = system.sentTo(customer).length;

    await system.driver.customerSays({ from: customer, to: business, body: 'STOP' });
    await system.settle();
    expect((await system.store.getProfile(customer))?.optedOut).toBe(true);
    expect(slackText(system.slack.thread(system.channel, cardTs).at(-1))).toContain('opted out');

    await system.agentReplies({ agent: ana, threadTs: cardTs, text: 'Are you still there?' });
    await system.settle();
    expect(system.sentTo(customer)).toHaveLength(sentBefore);
    expect(slackText(system.slack.thread(system.channel, cardTs).at(-1))).toMatch(
      /Not sent: the customer has opted out/,
    );

    // Back to the AI, still opted out: silence.
    await system.driver.agentClicks({
      agent: ana,
      actionId: ACTION_IDS.handBack,
      value: caseId,
      messageTs: cardTs,
    });
    const view = system.slack.views.at(-1);
    expect(view).toBeDefined();
    await system.driver.agentSubmits({
      agent: ana,
      callbackId: 'tandem_handback_modal',
      privateMetadata: String(
        (view as { view?: { private_metadata?: string } }).view?.private_metadata ?? '',
      ),
      values: { instruction: { instruction: { type: 'plain_text_input', value: '' } } },
    });
    expect((await system.store.getConversation(conversationId))?.mode).toBe('ai');
    await system.driver.customerSays({ from: customer, to: business, body: 'What are your opening hours?' });
    await system.settle();
    expect(system.sentTo(customer)).toHaveLength(sentBefore);

    await system.driver.customerSays({ from: customer, to: business, body: 'start' });
    await system.driver.customerSays({ from: customer, to: business, body: 'What are your opening hours?' });
    await system.settle();
    expect((await system.store.getProfile(customer))?.optedOut).toBe(false);
    expect(system.sentTo(customer)).toHaveLength(sentBefore + 1);
  });

  it('"stop please" is not a keyword: the AI still answers', async () => {
    const customer = '+15557772002';
    await system.driver.customerSays({
      from: customer,
      to: business,
      body: 'stop please, what is your return policy?',
    });
    await system.settle();
    expect((await system.store.getProfile(customer))?.optedOut ?? false).toBe(false);
    expect(system.sentTo(customer)).toHaveLength(1);
  });
});

describe('WhatsApp 24-hour window', () => {
  it("an agent's reply after the window closed goes out as the approved template and the thread says so", async () => {
    const customer = '+15557773001';
    const { cardTs, conversationId } = await claimedConversation(customer, 'whatsapp');
    const conversation = await system.store.getConversation(conversationId);
    expect(conversation?.channel).toBe('whatsapp');
    // The customer last wrote 25 hours ago.
    await system.store.saveConversation({
      ...conversation!,
      version: conversation!.version + 1,
      lastInboundAt: new Date(Date.now() - 25 * 3_600_000).toISOString(),
    });
    await system.agentReplies({ agent: ana, threadTs: cardTs, text: 'Following up on your order' });
    await system.settle();
    const sent = system.sentTo(customer).at(-1);
    expect(sent?.to).toBe(`whatsapp:${customer}`);
    expect(sent?.contentSid).toMatch(/^HX/);
    expect(sent?.body).toBeUndefined();
    expect(slackText(system.slack.thread(system.channel, cardTs).at(-1))).toMatch(
      /template was sent instead/,
    );
  });

  it('replies go from the business number the customer wrote to, with the whatsapp: prefix kept', async () => {
    const customer = '+15557773002';
    await system.driver.customerSays({
      from: customer,
      to: '+15550109999',
      channel: 'whatsapp',
      profileName: 'Dana',
      body: 'Hi! How much is express shipping?',
    });
    await system.settle();
    const sent = system.twilio.messages.find((message) => message.to === `whatsapp:${customer}`);
    expect(sent?.from).toBe('whatsapp:+15550109999');
    expect(sent?.body).toContain('$14.95');
    const conversation = await system.store.getConversation(
      conversationIdOf({
        channel: 'whatsapp',
        customerAddress: customer,
        businessAddress: 'whatsapp:+15550109999',
      }),
    );
    expect(conversation?.customerName).toBe('Dana');
  });
});
