import { type DynamoDBDocumentClient, GetCommand, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { DynamoDbActionStore } from '#adapters/dynamodb-action-store.ts';
import { DynamoDbConversationStore } from '#adapters/dynamodb-conversation-store.ts';
import { type Case, type Conversation, conversationIdOf, type Message } from '#core/model.ts';
import { eraseCustomer, exportCustomer } from '#core/use-cases/customer-data.ts';
import { freshTable } from '../helpers/aws.ts';

const NOW = new Date('2026-03-01T12:00:00.000Z');
const NOW_S = NOW.getTime() / 1000;
const DAY = 24 * 3600;
const clock = { now: () => new Date(NOW) };

let documentClient: DynamoDBDocumentClient;
let tableName: string;
let store: DynamoDbConversationStore;
let counter = 0;

beforeAll(async () => {
  ({ documentClient, tableName } = await freshTable());
  store = new DynamoDbConversationStore(documentClient, tableName, { clock, retentionDays: 30 });
});

function customerNumber(): string {
  counter += 1;
  return `+1555${String(Date.now() % 1e5).padStart(5, '0')}${String(counter).padStart(2, '0')}`;
}

function conversationFor(
  customerAddress: string,
  channel: 'sms' | 'whatsapp',
  business: string,
): Conversation {
  const key = {
    channel,
    customerAddress,
    businessAddress: channel === 'whatsapp' ? `whatsapp:${business}` : business,
  };
  return {
    ...key,
    id: conversationIdOf(key),
    mode: 'ai',
    version: 1,
    openedAt: NOW.toISOString(),
    updatedAt: NOW.toISOString(),
  };
}

function message(
  conversationId: string,
  messageId: string,
  text: string,
  extra: Partial<Message> = {},
): Message {
  return {
    conversationId,
    messageId,
    at: NOW.toISOString(),
    direction: 'inbound',
    author: 'customer',
    text,
    ...extra,
  };
}

function caseFor(conversation: Conversation, caseId: string): Case {
  return {
    caseId,
    conversationId: conversation.id,
    status: 'queued',
    version: 1,
    openedAt: NOW.toISOString(),
    priority: 'normal',
    packet: {
      caseId,
      conversationId: conversation.id,
      channel: conversation.channel,
      customerAddress: conversation.customerAddress,
      reason: 'customer_request',
      priority: 'normal',
      summary: 'Card 4111 1111 1111 1111 was charged twice',
      tried: 'nothing',
      sentimentTrend: [],
      lastCustomerMessage: 'my card 4111111111111111',
      suggestedNextStep: 'refund',
      openedAt: NOW.toISOString(),
    },
  };
}

async function raw(pk: string, sk: string): Promise<Record<string, unknown> | undefined> {
  return (await documentClient.send(new GetCommand({ TableName: tableName, Key: { pk, sk } }))).Item;
}

async function scanAll(): Promise<Record<string, unknown>[]> {
  const items: Record<string, unknown>[] = [];
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await documentClient.send(
      new ScanCommand({ TableName: tableName, ...(startKey ? { ExclusiveStartKey: startKey } : {}) }),
    );
    items.push(...(page.Items ?? []));
    startKey = page.LastEvaluatedKey;
  } while (startKey);
  return items;
}

/** Writes a customer with two conversations (SMS and WhatsApp), messages, a case, a profile and keys. */
async function seedCustomer(customerAddress: string) {
  const sms = conversationFor(customerAddress, 'sms', '+15550000001');
  const whatsapp = conversationFor(customerAddress, 'whatsapp', '+15550000002');
  await store.createConversation(sms);
  await store.createConversation(whatsapp);
  await store.appendMessage(message(sms.id, `SMin${counter}`, 'hello, my card is 4111 1111 1111 1111'));
  const reply = message(sms.id, `out-${counter}`, 'Thanks!', { direction: 'outbound', author: 'ai' });
  await store.appendMessage(reply);
  await store.recordProviderIds(reply, [`SMprov${counter}`]);
  await store.appendMessage(message(whatsapp.id, `SMwa${counter}`, 'still waiting'));
  const kase = caseFor(whatsapp, `case-SMwa${counter}`);
  await store.createCase(kase);
  await store.saveConversation({ ...whatsapp, mode: 'queued', caseId: kase.caseId, version: 2 });
  await store.recordLifecycle({
    conversationId: sms.id,
    at: NOW.toISOString(),
    type: 'opened',
    channel: 'sms',
  });
  await store.saveProfile({
    customerAddress,
    name: 'Jane',
    facts: { note: 'IBAN DE89 3704 0044 0532 0130 00' },
    pastCases: [],
    optedOut: false,
    version: 1,
  });
  await store.claimOnce(`forwarded#${whatsapp.id}#SMwa${counter}`, 7 * DAY);
  await store.claimOnce(`outbox#reply#SMin${counter}`, 7 * DAY);
  return { sms, whatsapp, kase, providerId: `SMprov${counter}` };
}

describe('retention (DynamoDB TTL)', () => {
  it('messages, cases, lifecycle events, profiles and conversations expire `retention` after the write', async () => {
    const address = customerNumber();
    const { sms, kase } = await seedCustomer(address);
    const expected = NOW_S + 30 * DAY;
    expect((await raw(`CONV#${sms.id}`, 'CONV'))?.['expiresAt']).toBe(expected);
    const messages = (await scanAll()).filter((item) => item['pk'] === `CONV#${sms.id}`);
    for (const item of messages) expect(item['expiresAt'], String(item['sk'])).toBe(expected);
    expect(messages.some((item) => String(item['sk']).startsWith('LIFE#'))).toBe(true);
    expect((await raw(`CASE#${kase.caseId}`, 'CASE'))?.['expiresAt']).toBe(expected);
    expect((await raw(`PROFILE#${address}`, 'PROFILE'))?.['expiresAt']).toBe(expected);
  });

  it('a one-time key never outlives the retention, and a shorter one keeps its own TTL', async () => {
    await store.claimOnce('test#long', 365 * DAY);
    await store.claimOnce('test#short', 3600);
    expect((await raw('ONCE#test#long', 'ONCE'))?.['expiresAt']).toBe(NOW_S + 30 * DAY);
    expect((await raw('ONCE#test#short', 'ONCE'))?.['expiresAt']).toBe(NOW_S + 3600);
  });

  it('a profile saved again on later activity moves its expiry forward', async () => {
    const address = customerNumber();
    const later = new DynamoDbConversationStore(documentClient, tableName, {
      clock: { now: () => new Date(NOW.getTime() + 10 * DAY * 1000) },
      retentionDays: 30,
    });
    await store.saveProfile({
      customerAddress: address,
      facts: {},
      pastCases: [],
      optedOut: false,
      version: 1,
    });
    await later.saveProfile({
      customerAddress: address,
      facts: {},
      pastCases: [],
      optedOut: true,
      version: 2,
    });
    expect((await raw(`PROFILE#${address}`, 'PROFILE'))?.['expiresAt']).toBe(NOW_S + 40 * DAY);
  });
});

describe('no card number, SSN or IBAN is written, whoever writes', () => {
  it('message text, case packet and profile facts are stored redacted', async () => {
    const address = customerNumber();
    const { sms, kase } = await seedCustomer(address);
    const dump = JSON.stringify(await scanAll());
    expect(dump).not.toContain('4111111111111111');
    expect(dump).not.toContain('4111 1111 1111 1111');
    expect(dump).not.toContain('DE89370400440532013000');
    expect(dump).not.toContain('0532 0130 00');
    const stored = await store.recentMessages(sms.id, 10);
    expect(stored.map((item) => item.text)).toContain('hello, my card is [card ending 1111]');
    expect((await store.getCase(kase.caseId))?.packet.summary).toBe(
      'Card [card ending 1111] was charged twice',
    );
    expect((await store.getProfile(address))?.facts['note']).toBe('IBAN [IBAN ending 3000]');
  });
});

describe('export and erase by phone number', () => {
  it('export finds every conversation (both channels), message, case, lifecycle event and pointer', async () => {
    const address = customerNumber();
    const { sms, whatsapp, kase, providerId } = await seedCustomer(address);
    const other = customerNumber();
    await seedCustomer(other);
    // An action the AI proposed in the customer's conversation is theirs too.
    await new DynamoDbActionStore(documentClient, tableName).createProposal({
      proposalId: `proposal-${sms.id}`,
      conversationId: sms.id,
      action: 'refund_order',
      input: { order_id: '1187', amount: 20, reason: 'torn' },
      reason: 'The customer asked for a refund',
      status: 'proposed',
      version: 1,
      proposedAt: '2026-01-05T10:00:00.000Z',
    });
    const document = await exportCustomer({ customerData: store, clock }, { customerAddress: address });
    expect(document.actionProposals.map((item) => item.action)).toEqual(['refund_order']);
    expect(document.conversations.map((item) => item.id).sort()).toEqual([sms.id, whatsapp.id].sort());
    expect(document.messages).toHaveLength(3);
    expect(document.cases.map((item) => item.caseId)).toEqual([kase.caseId]);
    expect(document.lifecycle).toHaveLength(1);
    expect(document.profile?.name).toBe('Jane');
    expect(document.providerIds).toEqual([providerId]);
    expect(JSON.stringify(document)).not.toContain(other);
  });

  it('erase deletes every item that names the customer, keeps others, and leaves a no-PII audit', async () => {
    const address = customerNumber();
    const { providerId } = await seedCustomer(address);
    const other = customerNumber();
    await seedCustomer(other);
    const digits = address.slice(1);

    const result = await eraseCustomer(
      { customerData: store, clock, ids: { next: (prefix) => `${prefix}-test${counter}` } },
      { customerAddress: address, requester: 'cli:test' },
    );

    const items = await scanAll();
    const leftovers = items.filter((item) => JSON.stringify(item).includes(digits));
    expect(leftovers).toEqual([]);
    expect(items.some((item) => JSON.stringify(item).includes(other.slice(1)))).toBe(true);
    expect(await raw(`PROVIDER#${providerId}`, 'PROVIDER')).toBeUndefined();
    const audit = items.find((item) => item['eraseId'] === result.audit.eraseId);
    expect(audit).toMatchObject({ pk: 'AUDIT#erase', requester: 'cli:test' });
    expect(audit?.['expiresAt']).toBeUndefined();
    expect(result.audit.counts['message']).toBe(3);
    expect(result.audit.counts['case']).toBe(1);
    expect(result.audit.counts['conversation']).toBe(2);
    // A second run finds nothing more to delete.
    const again = await exportCustomer({ customerData: store, clock }, { customerAddress: address });
    expect(again.conversations).toEqual([]);
    expect(again.profile).toBeNull();
  });

  it('with --scan, conversations written before the customer index are found too', async () => {
    const address = customerNumber();
    const legacy = conversationFor(address, 'sms', '+15550000009');
    // Written as an older version of the store did: no customer-index entry.
    await documentClient.send(
      new (await import('@aws-sdk/lib-dynamodb')).PutCommand({
        TableName: tableName,
        Item: { ...legacy, pk: `CONV#${legacy.id}`, sk: 'CONV', itemType: 'conversation' },
      }),
    );
    expect(
      (await exportCustomer({ customerData: store, clock }, { customerAddress: address })).conversations,
    ).toEqual([]);
    const scanned = await exportCustomer(
      { customerData: store, clock },
      { customerAddress: address, scan: true },
    );
    expect(scanned.conversations.map((item) => item.id)).toEqual([legacy.id]);
  });
});
