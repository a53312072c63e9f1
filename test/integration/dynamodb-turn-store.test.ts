/**
 * The turn side of the DynamoDB store against DynamoDB Local: a turn's state read in one round trip
 * (`loadTurn`) and its outcome written in one transaction (`commitTurn`), all or nothing; delivery
 * callbacks that name their message.
 */
import { type DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { DynamoDbConversationStore } from '#adapters/dynamodb-conversation-store.ts';
import { DynamoDbUsageLedger } from '#adapters/dynamodb-usage-ledger.ts';
import { deliveryRefOf } from '#core/delivery-ref.ts';
import { ConflictError } from '#core/errors.ts';
import {
  type Case,
  type Conversation,
  type CustomerProfile,
  conversationIdOf,
  type Message,
} from '#core/model.ts';
import type { TurnCommit } from '#core/ports.ts';
import { freshTable } from '../helpers/aws.ts';

let documentClient: DynamoDBDocumentClient;
let tableName: string;
let store: DynamoDbConversationStore;
let counter = 0;

beforeAll(async () => {
  ({ documentClient, tableName } = await freshTable());
  store = new DynamoDbConversationStore(documentClient, tableName);
});

function unique(prefix: string): string {
  counter += 1;
  return `${prefix}${Date.now().toString(36)}${counter}`;
}

function conversationFor(customer: string, extra: Partial<Conversation> = {}): Conversation {
  const key = { channel: 'sms' as const, customerAddress: customer, businessAddress: '+15550100000' };
  return {
    ...key,
    id: conversationIdOf(key),
    mode: 'ai',
    version: 1,
    openedAt: '2026-01-05T10:00:00.000Z',
    updatedAt: '2026-01-05T10:00:00.000Z',
    customerTurns: 1,
    ...extra,
  };
}

function customer(): string {
  return `+1555${String(Math.floor(Math.random() * 1e7)).padStart(7, '0')}`;
}

function inbound(conversationId: string, text: string, at = '2026-01-05T10:00:01.000Z'): Message {
  return {
    conversationId,
    messageId: unique('SM'),
    at,
    direction: 'inbound',
    author: 'customer',
    text,
  };
}

function reply(conversationId: string, providerIds: string[]): Message {
  return {
    conversationId,
    messageId: unique('out-'),
    at: '2026-01-05T10:00:02.000Z',
    direction: 'outbound',
    author: 'ai',
    text: 'Standard shipping is $5.',
    status: 'queued',
    providerIds,
  };
}

async function raw(pk: string, sk: string) {
  const result = await documentClient.send(
    new GetCommand({ TableName: tableName, Key: { pk, sk }, ConsistentRead: true }),
  );
  return result.Item;
}

/** A first turn of a new customer: conversation created, message handled, reply recorded. */
async function firstTurn() {
  const address = customer();
  const conversation = conversationFor(address, { lastInboundAt: '2026-01-05T10:00:01.000Z' });
  const message = inbound(conversation.id, 'How much is shipping?');
  expect(await store.appendMessage(message)).toBe(true);
  const sid = unique('SMr');
  const answer = reply(conversation.id, [sid]);
  const commit: TurnCommit = {
    conversation: { next: conversation, create: true },
    handled: { message, flags: ['processed'], sentiment: 0.2 },
    profile: { customerAddress: address, facts: {}, pastCases: [], optedOut: false, version: 1, name: 'Ada' },
    lifecycle: [
      { conversationId: conversation.id, channel: 'sms', at: message.at, type: 'opened' },
      { conversationId: conversation.id, channel: 'sms', at: message.at, type: 'customer_message' },
    ],
    messages: [answer],
    settled: [
      {
        key: `outbox#reply#${message.messageId}`,
        outcome: { state: 'sent', providerIds: [sid] },
        ttlSeconds: 600,
      },
    ],
    usage: { hour: '2026-01-05T10', tokens: 120, messages: 1 },
  };
  await store.commitTurn(commit);
  return { address, conversation, message, answer, sid };
}

describe('commitTurn', () => {
  it('writes the whole outcome of a turn, and loadTurn reads it back in one round trip', async () => {
    const { address, conversation, message, answer, sid } = await firstTurn();
    const state = await store.loadTurn({
      conversationId: conversation.id,
      customerAddress: address,
      messageId: message.messageId,
      historyLimit: 40,
      usageHour: '2026-01-05T10',
    });
    expect(state.conversation).toMatchObject({ id: conversation.id, version: 1, mode: 'ai' });
    expect(state.profile).toMatchObject({ name: 'Ada', version: 1 });
    expect(state.message).toMatchObject({
      messageId: message.messageId,
      flags: ['processed'],
      sentiment: 0.2,
    });
    expect(state.history.map((item) => item.messageId)).toEqual([message.messageId, answer.messageId]);
    expect(state.usage?.tokens).toBeGreaterThanOrEqual(120);
    // The send-once key says the reply went; the provider-id pointer finds it for status callbacks.
    expect(await store.getOnce(`outbox#reply#${message.messageId}`)).toEqual({
      state: 'sent',
      providerIds: [sid],
    });
    expect(await store.updateDeliveryStatus(sid, 'delivered')).toMatchObject({
      messageId: answer.messageId,
      status: 'delivered',
    });
    // The customer index finds the new conversation (export and erase).
    expect(await raw(`CUSTOMER#${address}`, `CONV#${conversation.id}`)).toBeDefined();
    const lifecycle = await store.listLifecycle('2026-01-05T00:00:00.000Z', '2026-01-06T00:00:00.000Z');
    expect(
      lifecycle
        .filter((event) => event.conversationId === conversation.id)
        .map((e) => e.type)
        .sort(),
    ).toEqual(['customer_message', 'opened']);
  });

  it('a stale conversation version writes nothing at all and is a ConflictError', async () => {
    const { address, conversation, message } = await firstTurn();
    const claimed: Conversation = { ...conversation, version: 2, mode: 'queued', caseId: 'case-x' };
    await store.saveConversation(claimed);
    const follow = inbound(conversation.id, 'And returns?', '2026-01-05T10:05:00.000Z');
    await store.appendMessage(follow);
    const stale = reply(conversation.id, [unique('SMs')]);
    await expect(
      store.commitTurn({
        // Decided on version 1: the conversation moved on to 2 meanwhile.
        conversation: { next: { ...conversation, version: 2, customerTurns: 2 }, create: false },
        handled: { message: follow, flags: ['processed'] },
        lifecycle: [
          { conversationId: conversation.id, channel: 'sms', at: follow.at, type: 'customer_message' },
        ],
        messages: [stale],
        settled: [],
      }),
    ).rejects.toThrow(ConflictError);
    const state = await store.loadTurn({
      conversationId: conversation.id,
      customerAddress: address,
      messageId: follow.messageId,
      historyLimit: 40,
    });
    expect(state.conversation).toMatchObject({ version: 2, mode: 'queued' });
    expect(state.message?.flags).toBeUndefined();
    expect(state.history.map((item) => item.messageId)).not.toContain(stale.messageId);
    expect(message.flags).toBeUndefined();
  });

  it('an escalation creates its case with the conversation, and a second create of the case conflicts', async () => {
    const address = customer();
    const conversation = conversationFor(address, { mode: 'queued', caseId: unique('case-') });
    const message = inbound(conversation.id, 'I want a person');
    await store.appendMessage(message);
    const kase: Case = {
      caseId: conversation.caseId as string,
      conversationId: conversation.id,
      status: 'queued',
      version: 1,
      openedAt: '2026-01-05T10:00:02.000Z',
      priority: 'high',
      packet: {
        caseId: conversation.caseId as string,
        conversationId: conversation.id,
        channel: 'sms',
        customerAddress: address,
        reason: 'customer_request',
        priority: 'high',
        summary: 'Wants a person',
        tried: 'Nothing yet',
        sentimentTrend: [0],
        lastCustomerMessage: 'I want a person',
        suggestedNextStep: 'Introduce yourself',
        openedAt: '2026-01-05T10:00:02.000Z',
      },
    };
    const commit: TurnCommit = {
      conversation: { next: conversation, create: true },
      handled: { message, flags: ['processed'] },
      newCase: kase,
      lifecycle: [],
      messages: [],
      settled: [],
    };
    await store.commitTurn(commit);
    expect(await store.getCase(kase.caseId)).toMatchObject({ status: 'queued', priority: 'high' });
    expect(await raw(`CUSTOMER#${address}`, `CASE#${kase.caseId}`)).toBeDefined();
    expect((await store.listOpenCases(1000)).map((open) => open.caseId)).toContain(kase.caseId);
    await expect(store.commitTurn({ ...commit, conversation: undefined })).rejects.toThrow(ConflictError);
  });

  it('a profile saved since the load is a ConflictError', async () => {
    const { address, conversation } = await firstTurn();
    const current = (await store.getProfile(address)) as CustomerProfile;
    await store.saveProfile({ ...current, version: 2, optedOut: true });
    await expect(
      store.commitTurn({
        conversation: { next: { ...conversation, version: 2 }, create: false },
        profile: { ...current, version: 2, name: 'Bea' },
        lifecycle: [],
        messages: [],
        settled: [],
      }),
    ).rejects.toThrow(ConflictError);
    expect(await store.getProfile(address)).toMatchObject({ optedOut: true, name: 'Ada' });
  });

  it('a delivery status parked before the commit is applied to the committed message', async () => {
    const address = customer();
    const conversation = conversationFor(address);
    const sid = unique('SMearly');
    // The callback came before the worker's commit: no message yet, so the status waits on the pointer.
    expect(await store.updateDeliveryStatus(sid, 'delivered')).toBeUndefined();
    const answer = reply(conversation.id, [sid]);
    await store.commitTurn({
      conversation: { next: conversation, create: true },
      lifecycle: [],
      messages: [answer],
      settled: [],
    });
    expect((await store.getMessage(conversation.id, answer.messageId))?.status).toBe('delivered');
    expect(await store.getConversation(conversation.id)).toMatchObject({ version: 1 });
  });

  it('turn usage lands in the hour shards the ledger sums', async () => {
    const ledger = new DynamoDbUsageLedger(documentClient, tableName);
    const hour = '2026-02-01T08';
    const before = await ledger.current(hour);
    await Promise.all(
      Array.from({ length: 6 }, (_, index) =>
        store.commitTurn({
          conversation: { next: conversationFor(customer()), create: true },
          lifecycle: [],
          messages: [],
          settled: [],
          usage: { hour, tokens: 10 * (index + 1), messages: 1 },
        }),
      ),
    );
    await ledger.add(hour, { tokens: 5 });
    expect(await ledger.current(hour)).toEqual({
      tokens: before.tokens + 215,
      messages: before.messages + 6,
    });
  });
});

describe('delivery callbacks that name their message', () => {
  it('update the message by its reference, and a reference to a message not yet recorded is parked', async () => {
    const { answer, sid } = await firstTurn();
    const ref = deliveryRefOf(answer);
    // The reference alone finds the message: this provider id has no pointer at all.
    expect(await store.updateDeliveryStatus(unique('SMnopointer'), 'sent', undefined, ref)).toMatchObject({
      messageId: answer.messageId,
      status: 'sent',
    });
    expect(await store.updateDeliveryStatus(sid, 'read', undefined, ref)).toMatchObject({ status: 'read' });
    // Not an advance: the message comes back as it stands.
    expect(await store.updateDeliveryStatus(sid, 'delivered', undefined, ref)).toMatchObject({
      status: 'read',
    });

    const conversationId = conversationFor(customer()).id;
    const early = reply(conversationId, [unique('SMx')]);
    const earlySid = early.providerIds?.[0] as string;
    expect(
      await store.updateDeliveryStatus(earlySid, 'sent', undefined, deliveryRefOf(early)),
    ).toBeUndefined();
    // No stub message was made by the early callback.
    expect(await store.recentMessages(conversationId, 5)).toEqual([]);
    await store.commitTurn({ lifecycle: [], messages: [early], settled: [] });
    expect((await store.getMessage(conversationId, early.messageId))?.status).toBe('sent');
  });

  it('a malformed reference is ignored: the status finds its message by the provider id', async () => {
    const { answer, sid } = await firstTurn();
    expect(await store.updateDeliveryStatus(sid, 'delivered', undefined, 'not|a ref')).toMatchObject({
      messageId: answer.messageId,
      status: 'delivered',
    });
    // A well-formed reference to a message that does not exist creates nothing either.
    const ghost = reply(conversationFor(customer()).id, [unique('SMg')]);
    expect(
      await store.updateDeliveryStatus(
        ghost.providerIds?.[0] as string,
        'sent',
        undefined,
        deliveryRefOf(ghost),
      ),
    ).toBeUndefined();
    expect(await store.recentMessages(ghost.conversationId, 5)).toEqual([]);
  });
});
