import { type DynamoDBDocumentClient, GetCommand, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { DynamoDbConversationStore } from '#adapters/dynamodb-conversation-store.ts';
import { partitionsOf, shardOf } from '#adapters/dynamodb-shards.ts';
import { slackDeskRef } from '#adapters/slack-desk-ref.ts';
import { claim, escalate, resolve } from '#core/conversation-state.ts';
import { ConflictError, NotFoundError, NotOwnerError } from '#core/errors.ts';
import {
  type Case,
  type Conversation,
  type CustomerProfile,
  conversationIdOf,
  type LifecycleEvent,
  type Message,
} from '#core/model.ts';
import type { Clock } from '#core/ports.ts';
import { emptyProfile as emptyProfileOf } from '#core/use-cases/conversations.ts';
import { freshTable } from '../helpers/aws.ts';

let documentClient: DynamoDBDocumentClient;
let tableName: string;
let store: DynamoDbConversationStore;
let counter = 0;

/** A clock the test moves by hand. */
class ManualClock implements Clock {
  constructor(private time: Date) {}
  now(): Date {
    return new Date(this.time);
  }
  advance(seconds: number): void {
    this.time = new Date(this.time.getTime() + seconds * 1000);
  }
}

beforeAll(async () => {
  ({ documentClient, tableName } = await freshTable());
  store = new DynamoDbConversationStore(documentClient, tableName);
});

function unique(prefix: string): string {
  counter += 1;
  return `${prefix}${Date.now().toString(36)}${counter}`;
}

function newConversation(overrides: Partial<Conversation> = {}): Conversation {
  const key = {
    channel: 'whatsapp' as const,
    customerAddress: `+1555${String(Math.floor(Math.random() * 1e7)).padStart(7, '0')}`,
    businessAddress: `whatsapp:+1444${unique('')}`,
  };
  return {
    ...key,
    id: conversationIdOf(key),
    mode: 'ai',
    version: 1,
    openedAt: '2026-01-05T10:00:00.000Z',
    updatedAt: '2026-01-05T10:00:00.000Z',
    customerTurns: 1,
    ...overrides,
  };
}

function newMessage(conversationId: string, overrides: Partial<Message> = {}): Message {
  return {
    conversationId,
    messageId: unique('SM'),
    at: '2026-01-05T10:00:00.000Z',
    direction: 'inbound',
    author: 'customer',
    text: 'hello',
    ...overrides,
  };
}

function newCase(overrides: Partial<Case> = {}): Case {
  const caseId = unique('case-');
  return {
    caseId,
    conversationId: 'whatsapp|+15550000000|+14440000000',
    status: 'queued',
    version: 1,
    openedAt: '2026-01-05T10:00:00.000Z',
    priority: 'normal',
    packet: {
      caseId,
      conversationId: 'whatsapp|+15550000000|+14440000000',
      channel: 'whatsapp',
      customerAddress: '+15550000000',
      reason: 'customer_request',
      priority: 'normal',
      summary: 'Wants a refund',
      tried: 'Explained the policy',
      sentimentTrend: [-0.2, -0.5],
      lastCustomerMessage: 'I want a person',
      suggestedNextStep: 'Offer a refund',
      openedAt: '2026-01-05T10:00:00.000Z',
    },
    ...overrides,
  };
}

async function rawItem(pk: string, sk: string) {
  const result = await documentClient.send(
    new GetCommand({ TableName: tableName, Key: { pk, sk }, ConsistentRead: true }),
  );
  return result.Item;
}

describe('conversations', () => {
  it('a created conversation reads back exactly, without key attributes', async () => {
    const conversation = newConversation({ customerName: 'Ana', summary: 'asked about hours' });
    await store.createConversation(conversation);
    expect(await store.getConversation(conversation.id)).toEqual(conversation);
  });

  it('an unknown conversation id reads as undefined', async () => {
    expect(await store.getConversation('sms|+10000000000|+19999999999')).toBeUndefined();
  });

  it('creating a conversation that exists is a ConflictError and keeps the first', async () => {
    const conversation = newConversation({ customerName: 'first' });
    await store.createConversation(conversation);
    await expect(store.createConversation({ ...conversation, customerName: 'second' })).rejects.toThrow(
      ConflictError,
    );
    expect((await store.getConversation(conversation.id))?.customerName).toBe('first');
  });

  it('saving the next version succeeds and a stale version is a ConflictError', async () => {
    const conversation = newConversation();
    await store.createConversation(conversation);
    const escalated = escalate(conversation, 'case-1', new Date('2026-01-05T10:05:00.000Z'));
    await store.saveConversation(escalated);
    expect(await store.getConversation(conversation.id)).toEqual(escalated);
    // A second writer that also started from version 1 loses.
    await expect(store.saveConversation({ ...conversation, version: 2, summary: 'stale' })).rejects.toThrow(
      ConflictError,
    );
    expect((await store.getConversation(conversation.id))?.mode).toBe('queued');
  });

  it('saving a conversation that was never created is a ConflictError', async () => {
    await expect(store.saveConversation(newConversation({ version: 2 }))).rejects.toThrow(ConflictError);
  });

  it('fields cleared by a transition are removed from the stored item', async () => {
    const conversation = escalate(newConversation(), 'case-x', new Date('2026-01-05T10:01:00.000Z'));
    await store.createConversation({ ...conversation, version: 1 });
    const claimed = claim({ ...conversation, version: 1 }, { id: 'U1' }, new Date('2026-01-05T10:02:00Z'));
    await store.saveConversation(claimed);
    const resolved = resolve(claimed, new Date('2026-01-05T10:03:00.000Z'));
    await store.saveConversation(resolved);
    const stored = await store.getConversation(conversation.id);
    expect(stored?.owner).toBeUndefined();
    expect(stored?.caseId).toBeUndefined();
    expect(stored).toEqual(JSON.parse(JSON.stringify(resolved)));
  });

  it('20 agents claiming the same version at once: exactly one wins and owns the conversation', async () => {
    const queued = escalate(newConversation(), 'case-race', new Date('2026-01-05T10:01:00.000Z'));
    await store.createConversation({ ...queued, version: 1 });
    const read = await store.getConversation(queued.id);
    const results = await Promise.allSettled(
      Array.from({ length: 20 }, (_, i) =>
        store.saveConversation(claim(read!, { id: `U${i}`, name: `Agent ${i}` }, new Date())),
      ),
    );
    const winners = results
      .map((result, i) => ({ result, i }))
      .filter(({ result }) => result.status === 'fulfilled');
    const losers = results.filter((result) => result.status === 'rejected');
    expect(winners).toHaveLength(1);
    expect(losers).toHaveLength(19);
    for (const loser of losers) expect((loser as PromiseRejectedResult).reason).toBeInstanceOf(ConflictError);
    const stored = await store.getConversation(queued.id);
    expect(stored?.mode).toBe('agent');
    expect(stored?.version).toBe(2);
    expect(stored?.owner?.id).toBe(`U${winners[0]!.i}`);
  });
});

describe('messages', () => {
  it('appendMessage stores a message once and a second append of the same messageId returns false', async () => {
    const conversationId = newConversation().id;
    const message = newMessage(conversationId, {
      text: 'first',
      media: [{ url: 'u', contentType: 'image/png' }],
    });
    expect(await store.appendMessage(message)).toBe(true);
    // A webhook retry may carry a different receive time; it is still the same message.
    expect(await store.appendMessage({ ...message, at: '2026-01-05T11:00:00.000Z', text: 'second' })).toBe(
      false,
    );
    expect(await store.getMessage(conversationId, message.messageId)).toEqual(message);
    expect(await store.recentMessages(conversationId, 10)).toEqual([message]);
  });

  it('the same messageId in two different conversations is two messages', async () => {
    const messageId = unique('SM');
    const a = newMessage(newConversation().id, { messageId });
    const b = newMessage(newConversation().id, { messageId });
    expect(await store.appendMessage(a)).toBe(true);
    expect(await store.appendMessage(b)).toBe(true);
  });

  it('20 concurrent appends of the same messageId: exactly one returns true and one message is stored', async () => {
    const conversationId = newConversation().id;
    const message = newMessage(conversationId);
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        store.appendMessage({ ...message, at: new Date(Date.parse(message.at) + i).toISOString() }),
      ),
    );
    expect(results.filter(Boolean)).toHaveLength(1);
    expect(await store.recentMessages(conversationId, 50)).toHaveLength(1);
  });

  it('getMessage of an unknown id is undefined', async () => {
    expect(await store.getMessage(newConversation().id, 'SMnope')).toBeUndefined();
  });

  it('recentMessages returns the last N oldest first, ordered by (at, messageId) whatever the insert order', async () => {
    const conversationId = newConversation().id;
    const messages = [
      newMessage(conversationId, { messageId: 'SM-b', at: '2026-01-05T10:00:01.000Z' }),
      newMessage(conversationId, { messageId: 'SM-a', at: '2026-01-05T10:00:01.000Z' }),
      newMessage(conversationId, { messageId: 'SM-z', at: '2026-01-05T10:00:00.000Z' }),
      newMessage(conversationId, { messageId: 'SM-c', at: '2026-01-05T10:00:03.000Z' }),
      newMessage(conversationId, { messageId: 'SM-d', at: '2026-01-05T10:00:02.000Z' }),
    ];
    for (const message of messages) await store.appendMessage(message);
    const all = await store.recentMessages(conversationId, 10);
    expect(all.map((m) => m.messageId)).toEqual(['SM-z', 'SM-a', 'SM-b', 'SM-d', 'SM-c']);
    const lastThree = await store.recentMessages(conversationId, 3);
    expect(lastThree.map((m) => m.messageId)).toEqual(['SM-b', 'SM-d', 'SM-c']);
    expect(await store.recentMessages(conversationId, 0)).toEqual([]);
  });

  it('recentMessages only returns messages, not other items of the conversation partition', async () => {
    const conversation = newConversation();
    await store.createConversation(conversation);
    await store.appendMessage(newMessage(conversation.id));
    await store.recordLifecycle({
      conversationId: conversation.id,
      at: conversation.openedAt,
      type: 'opened',
      channel: 'whatsapp',
    });
    const messages = await store.recentMessages(conversation.id, 10);
    expect(messages).toHaveLength(1);
    expect(messages[0]?.direction).toBe('inbound');
  });

  it('annotateMessage sets sentiment and flags and leaves the rest; absent messages are ignored', async () => {
    const conversationId = newConversation().id;
    const message = newMessage(conversationId);
    await store.appendMessage(message);
    await store.annotateMessage(conversationId, message.messageId, { sentiment: -0.6, flags: ['abuse'] });
    expect(await store.getMessage(conversationId, message.messageId)).toEqual({
      ...message,
      sentiment: -0.6,
      flags: ['abuse'],
    });
    await expect(
      store.annotateMessage(conversationId, 'SMmissing', { sentiment: 1 }),
    ).resolves.toBeUndefined();
    expect(await store.getMessage(conversationId, 'SMmissing')).toBeUndefined();
  });
});

describe('delivery status', () => {
  async function sentMessage(providerIds: string[], status: Message['status'] = 'queued') {
    const conversationId = newConversation().id;
    const message = newMessage(conversationId, {
      direction: 'outbound',
      author: 'ai',
      text: 'reply',
      status,
    });
    await store.appendMessage(message);
    await store.recordProviderIds(message, providerIds);
    return message;
  }

  it('a status callback finds the message by provider id and updates it', async () => {
    const sid = unique('SMp');
    const message = await sentMessage([sid]);
    expect((await store.getMessage(message.conversationId, message.messageId))?.providerIds).toEqual([sid]);
    const updated = await store.updateDeliveryStatus(sid, 'delivered');
    expect(updated).toMatchObject({ messageId: message.messageId, status: 'delivered' });
    expect((await store.getMessage(message.conversationId, message.messageId))?.status).toBe('delivered');
  });

  it('a late sent never overwrites delivered', async () => {
    const sid = unique('SMp');
    const message = await sentMessage([sid]);
    await store.updateDeliveryStatus(sid, 'delivered');
    const after = await store.updateDeliveryStatus(sid, 'sent');
    expect(after?.status).toBe('delivered');
    expect((await store.getMessage(message.conversationId, message.messageId))?.status).toBe('delivered');
  });

  it('failed is final: a later delivered or read does not replace it, and the error code is kept', async () => {
    const sid = unique('SMp');
    const message = await sentMessage([sid]);
    const failed = await store.updateDeliveryStatus(sid, 'failed', '30007');
    expect(failed).toMatchObject({ status: 'failed', errorCode: '30007' });
    await store.updateDeliveryStatus(sid, 'delivered');
    await store.updateDeliveryStatus(sid, 'read');
    expect(await store.getMessage(message.conversationId, message.messageId)).toMatchObject({
      status: 'failed',
      errorCode: '30007',
    });
  });

  it('undelivered after sent is applied', async () => {
    const sid = unique('SMp');
    await sentMessage([sid]);
    await store.updateDeliveryStatus(sid, 'sent');
    expect((await store.updateDeliveryStatus(sid, 'undelivered', '63016'))?.status).toBe('undelivered');
  });

  it('any part of a multi-part message updates the one message', async () => {
    const [a, b] = [unique('SMp'), unique('SMp')];
    const message = await sentMessage([a, b]);
    await store.updateDeliveryStatus(b, 'sent');
    await store.updateDeliveryStatus(a, 'delivered');
    await store.updateDeliveryStatus(b, 'sent');
    const stored = await store.getMessage(message.conversationId, message.messageId);
    expect(stored?.providerIds).toEqual([a, b]);
    expect(stored?.status).toBe('delivered');
  });

  it('an unknown provider id returns undefined', async () => {
    expect(await store.updateDeliveryStatus(unique('SMunknown'), 'delivered')).toBeUndefined();
  });

  it('a status that arrives before the provider id is recorded is applied when it is recorded', async () => {
    const sid = unique('SMearly');
    const conversationId = newConversation().id;
    const message = newMessage(conversationId, { direction: 'outbound', author: 'agent', status: 'queued' });
    await store.appendMessage(message);
    expect(await store.updateDeliveryStatus(sid, 'sent')).toBeUndefined();
    expect(await store.updateDeliveryStatus(sid, 'delivered')).toBeUndefined();
    expect(await store.updateDeliveryStatus(sid, 'sent')).toBeUndefined();
    await store.recordProviderIds(message, [sid]);
    expect((await store.getMessage(conversationId, message.messageId))?.status).toBe('delivered');
  });

  it('recording provider ids for a message that is not stored is a NotFoundError', async () => {
    const message = newMessage(newConversation().id, { direction: 'outbound', author: 'ai' });
    await expect(store.recordProviderIds(message, [unique('SMp')])).rejects.toThrow(NotFoundError);
  });
});

describe('cases', () => {
  it('a created case reads back by id and by its desk reference', async () => {
    const kase = newCase();
    await store.createCase(kase);
    expect(await store.getCase(kase.caseId)).toEqual(kase);
    expect(await store.getCaseByDeskRef(slackDeskRef('C1', '1.000'))).toBeUndefined();
    const ts = `${Date.now()}.000100`;
    const posted = { ...kase, version: 2, deskRef: slackDeskRef('CESC', ts) };
    await store.saveCase(posted);
    expect(await store.getCaseByDeskRef(slackDeskRef('CESC', ts))).toEqual(posted);
    expect(await store.getCaseByDeskRef(slackDeskRef('COTHER', ts))).toBeUndefined();
  });

  it('getCaseByDeskRef returns the current version of the case, not an index copy', async () => {
    const kase = { ...newCase(), deskRef: slackDeskRef('CESC', `${Date.now()}.000200`) };
    await store.createCase(kase);
    const claimed: Case = { ...kase, version: 2, status: 'claimed', owner: { id: 'U7' } };
    await store.saveCase(claimed);
    expect(await store.getCaseByDeskRef(kase.deskRef)).toEqual(claimed);
  });

  it('a case written before the desk reference was opaque (a `slack` map) keeps its card', async () => {
    const ts = `${Date.now()}.000300`;
    const { caseId, ...fields } = newCase();
    // The item exactly as the earlier version wrote it: `slack` and the thread index entry.
    await documentClient.send(
      new PutCommand({
        TableName: tableName,
        Item: {
          caseId,
          ...fields,
          slack: { channel: 'COLD', ts },
          pk: `CASE#${caseId}`,
          sk: 'CASE',
          itemType: 'case',
          gsi1pk: `THREAD#COLD#${ts}`,
          gsi1sk: `CASE#${caseId}`,
          gsi2pk: `OPEN#${shardOf(fields.conversationId)}`,
          gsi2sk: `${fields.openedAt}#${caseId}`,
        },
      }),
    );
    const ref = slackDeskRef('COLD', ts);
    const read = await store.getCase(caseId);
    expect(read?.deskRef).toBe(ref);
    expect(read).not.toHaveProperty('slack');
    expect((await store.getCaseByDeskRef(ref))?.caseId).toBe(caseId);
    expect((await store.listOpenCases(1000)).find((open) => open.caseId === caseId)?.deskRef).toBe(ref);
    // The next write stores the new form, and the thread index entry is the same.
    await store.saveCase({ ...read!, version: read!.version + 1, status: 'claimed', owner: { id: 'U7' } });
    const item = await rawItem(`CASE#${caseId}`, 'CASE');
    expect(item).toMatchObject({ deskRef: ref, gsi1pk: `THREAD#COLD#${ts}` });
    expect(item).not.toHaveProperty('slack');
    expect((await store.getCaseByDeskRef(ref))?.status).toBe('claimed');
  });

  it('a desk command parked before the desk reference was opaque is read in the new form', async () => {
    const conversationId = newConversation().id;
    await documentClient.send(
      new PutCommand({
        TableName: tableName,
        Item: {
          pk: `CONV#${conversationId}`,
          sk: 'DESKCMD#agent#COLD#1.5',
          itemType: 'desk-command',
          command: {
            type: 'desk_command',
            eventId: 'agent#COLD#1.5',
            commandId: 'agent#COLD#1.5',
            conversationId,
            caseId: 'case-old',
            agent: { id: 'U7' },
            ref: { channel: 'COLD', ts: '1.0' },
            task: { kind: 'reply', text: 'hello', replyTs: '1.5' },
          },
        },
      }),
    );
    expect(await store.getParkedDeskCommand(conversationId, 'agent#COLD#1.5')).toMatchObject({
      ref: slackDeskRef('COLD', '1.0'),
      task: { kind: 'reply', text: 'hello', reply: slackDeskRef('COLD', '1.5') },
    });
  });

  it('creating an existing case is a ConflictError; saving a stale version is a ConflictError', async () => {
    const kase = newCase();
    await store.createCase(kase);
    await expect(store.createCase(kase)).rejects.toThrow(ConflictError);
    await store.saveCase({ ...kase, version: 2, status: 'claimed', owner: { id: 'U1' } });
    await expect(
      store.saveCase({ ...kase, version: 2, status: 'claimed', owner: { id: 'U2' } }),
    ).rejects.toThrow(ConflictError);
    expect((await store.getCase(kase.caseId))?.owner?.id).toBe('U1');
    await expect(store.saveCase({ ...newCase(), version: 2 })).rejects.toThrow(ConflictError);
  });

  it('listOpenCases lists unresolved cases oldest first and drops a case once resolved', async () => {
    // Opened in 2001, before every other case in this file's table, so they lead the listing.
    const newest = newCase({ openedAt: '2001-01-05T12:00:00.000Z' });
    const oldest = newCase({ openedAt: '2001-01-05T09:00:00.000Z' });
    const middle = newCase({ openedAt: '2001-01-05T10:30:00.000Z', status: 'claimed' });
    for (const kase of [newest, oldest, middle]) await store.createCase(kase);
    const listed = await store.listOpenCases(100);
    expect(listed.slice(0, 3).map((c) => c.caseId)).toEqual([oldest.caseId, middle.caseId, newest.caseId]);
    const openedTimes = listed.map((c) => Date.parse(c.openedAt));
    expect(openedTimes).toEqual([...openedTimes].sort((a, b) => a - b));
    expect(listed.every((c) => c.status !== 'resolved')).toBe(true);
    expect((await store.listOpenCases(2)).map((c) => c.caseId)).toEqual([oldest.caseId, middle.caseId]);
    await store.saveCase({ ...oldest, version: 2, status: 'resolved', outcome: 'solved' });
    const open = await store.listOpenCases(100);
    expect(open.map((c) => c.caseId)).not.toContain(oldest.caseId);
    expect(open.slice(0, 2).map((c) => c.caseId)).toEqual([middle.caseId, newest.caseId]);
    expect(open[0]).toEqual(middle);
  });
});

describe('desk commands: load once, write once', () => {
  /** A conversation in mode agent owned by U7 on a claimed case of its own. */
  async function ownedCase(): Promise<{ conversation: Conversation; kase: Case }> {
    const base = newCase();
    const conversation = newConversation({ mode: 'agent', caseId: base.caseId, owner: { id: 'U7' } });
    const kase: Case = {
      ...base,
      conversationId: conversation.id,
      status: 'claimed',
      owner: { id: 'U7' },
      packet: {
        ...base.packet,
        conversationId: conversation.id,
        customerAddress: conversation.customerAddress,
      },
    };
    await store.createConversation(conversation);
    await store.createCase(kase);
    return { conversation, kase };
  }

  it('loadCase reads the case, its conversation, profile and last messages, by case id or with the conversation', async () => {
    const { conversation, kase } = await ownedCase();
    const profile = { ...emptyProfileOf(conversation.customerAddress), version: 1, name: 'Ana' };
    await store.saveProfile(profile);
    for (const n of [1, 2, 3]) {
      await store.appendMessage(newMessage(conversation.id, { at: `2026-01-05T10:00:0${n}.000Z` }));
    }
    const byCase = await store.loadCase({ caseId: kase.caseId, historyLimit: 2 });
    expect(byCase).toMatchObject({ kase, conversation, profile });
    expect(byCase.history.map((message) => message.at)).toEqual([
      '2026-01-05T10:00:02.000Z',
      '2026-01-05T10:00:03.000Z',
    ]);
    const withConversation = await store.loadCase({
      caseId: kase.caseId,
      conversationId: conversation.id,
      historyLimit: 0,
      usageHour: '2026-01-05T10',
    });
    expect(withConversation).toEqual({
      kase,
      conversation,
      profile,
      history: [],
      usage: { tokens: 0, messages: 0 },
    });
    expect(await store.loadCase({ caseId: 'case-none', historyLimit: 5 })).toEqual({ history: [] });
  });

  it('commitCase writes case, conversation and lifecycle together; a stale version writes none of them', async () => {
    const { conversation, kase } = await ownedCase();
    const event: LifecycleEvent = {
      conversationId: conversation.id,
      channel: conversation.channel,
      at: '2026-01-05T11:00:00.000Z',
      type: 'released',
      caseId: kase.caseId,
    };
    const released = { ...conversation, mode: 'queued' as const, owner: undefined, version: 2 };
    await expect(
      store.commitCase({
        conversationId: conversation.id,
        kase: { ...kase, status: 'queued', owner: undefined, version: 3 },
        conversation: released,
        lifecycle: [event],
      }),
    ).rejects.toBeInstanceOf(ConflictError);
    expect(await store.listLifecycle('2026-01-05T11:00:00.000Z', '2026-01-05T11:00:01.000Z')).toEqual([]);
    expect(
      await store.commitCase({
        conversationId: conversation.id,
        kase: { ...kase, status: 'queued', owner: undefined, version: 2 },
        conversation: released,
        lifecycle: [event],
      }),
    ).toEqual({ status: 'committed', late: [] });
    expect((await store.getCase(kase.caseId))?.status).toBe('queued');
    expect((await store.getConversation(conversation.id))?.mode).toBe('queued');
    const listed = await store.listLifecycle('2026-01-05T11:00:00.000Z', '2026-01-05T11:00:01.000Z');
    expect(listed.filter((item) => item.conversationId === conversation.id)).toEqual([event]);
  });

  it("commitCase with the request's one-time key: the repeat is a duplicate and writes nothing", async () => {
    const { conversation, kase } = await ownedCase();
    const once = { key: unique('slack-action#'), ttlSeconds: 60 };
    const next = { ...kase, priority: 'high' as const, version: 2 };
    const commit = { conversationId: conversation.id, kase: next, lifecycle: [], once };
    expect(await store.commitCase(commit)).toEqual({ status: 'committed', late: [] });
    expect(await store.commitCase({ ...commit, kase: { ...next, priority: 'low', version: 3 } })).toEqual({
      status: 'duplicate',
    });
    expect(await store.getCase(kase.caseId)).toMatchObject({ priority: 'high', version: 2 });
    expect(await store.claimOnce(once.key, 60)).toBe(false);
  });

  it('claimSendAsOwner claims only for the owner on this case; a taken key is false', async () => {
    const { conversation, kase } = await ownedCase();
    const owner = { conversationId: conversation.id, caseId: kase.caseId, agentId: 'U7' };
    const key = unique('outbox#agent#');
    await expect(store.claimSendAsOwner(key, 60, { ...owner, agentId: 'U8' })).rejects.toBeInstanceOf(
      ConflictError,
    );
    await expect(store.claimSendAsOwner(key, 60, { ...owner, caseId: 'case-other' })).rejects.toBeInstanceOf(
      ConflictError,
    );
    expect(await store.claimSendAsOwner(key, 60, owner)).toBe(true);
    expect(await store.claimSendAsOwner(key, 60, owner)).toBe(false);
    await store.saveConversation(
      claim({ ...conversation, mode: 'queued', owner: undefined }, { id: 'U8' }, new Date()),
    );
    await expect(store.claimSendAsOwner(unique('outbox#'), 60, owner)).rejects.toBeInstanceOf(ConflictError);
  });

  it("claimSendAsOwner's refusal carries the conversation as its condition saw it (none when it is gone)", async () => {
    const { conversation, kase } = await ownedCase();
    const taken = claim({ ...conversation, mode: 'queued', owner: undefined }, { id: 'U8' }, new Date());
    await store.saveConversation(taken);
    const owner = { conversationId: conversation.id, caseId: kase.caseId, agentId: 'U7' };
    const refusal = await store.claimSendAsOwner(unique('outbox#'), 60, owner).catch((error) => error);
    expect(refusal).toBeInstanceOf(NotOwnerError);
    expect(refusal.current).toEqual(taken);
    const gone = await store
      .claimSendAsOwner(unique('outbox#'), 60, { ...owner, conversationId: newConversation().id })
      .catch((error) => error);
    expect(gone).toBeInstanceOf(NotOwnerError);
    expect(gone.current).toBeUndefined();
  });

  it('getCaseByDeskRef with indexCopy reads the case from the index in one request (a Query, no GetItem)', async () => {
    const kase = { ...newCase(), deskRef: slackDeskRef('CESC', `${Date.now()}.000300`) };
    await store.createCase(kase);
    const sent: string[] = [];
    const counting = new Proxy(documentClient, {
      get(target, property, receiver) {
        if (property === 'send') {
          return (command: { constructor: { name: string } }) => {
            sent.push(command.constructor.name);
            return target.send(command as Parameters<typeof target.send>[0]);
          };
        }
        return Reflect.get(target, property, receiver);
      },
    });
    const counted = new DynamoDbConversationStore(counting, tableName);
    expect(await counted.getCaseByDeskRef(kase.deskRef, { indexCopy: true })).toEqual(kase);
    expect(sent).toEqual(['QueryCommand']);
    // Without it, the item itself is read after the index (strongly consistent, for a caller about to write).
    sent.length = 0;
    expect(await counted.getCaseByDeskRef(kase.deskRef)).toEqual(kase);
    expect(sent).toEqual(['QueryCommand', 'GetCommand']);
  });
});

describe('profiles', () => {
  it('version 1 creates, version n+1 updates, anything else is a ConflictError', async () => {
    const profile: CustomerProfile = {
      customerAddress: `+1555${unique('')}`,
      name: 'Ana',
      facts: { plan: 'gold' },
      pastCases: [],
      optedOut: false,
      version: 1,
    };
    expect(await store.getProfile(profile.customerAddress)).toBeUndefined();
    await store.saveProfile(profile);
    expect(await store.getProfile(profile.customerAddress)).toEqual(profile);
    await expect(store.saveProfile(profile)).rejects.toThrow(ConflictError);
    const updated = {
      ...profile,
      version: 2,
      facts: { plan: 'platinum' },
      pastCases: [{ caseId: 'c1', summary: 's' }],
    };
    await store.saveProfile(updated);
    await expect(store.saveProfile({ ...profile, version: 2 })).rejects.toThrow(ConflictError);
    await expect(store.saveProfile({ ...profile, version: 5 })).rejects.toThrow(ConflictError);
    expect(await store.getProfile(profile.customerAddress)).toEqual(updated);
  });
});

describe('one-time keys', () => {
  it('claimOnce is true the first time and false while the key lives', async () => {
    const key = unique('twilio:');
    expect(await store.claimOnce(key, 3600)).toBe(true);
    expect(await store.claimOnce(key, 3600)).toBe(false);
  });

  it('20 concurrent claims of one key: exactly one is true', async () => {
    const key = unique('slack:');
    const results = await Promise.all(Array.from({ length: 20 }, () => store.claimOnce(key, 60)));
    expect(results.filter(Boolean)).toHaveLength(1);
  });

  it('a key past its TTL but not yet deleted by DynamoDB can be claimed again', async () => {
    const clock = new ManualClock(new Date('2026-01-05T10:00:00.000Z'));
    const timed = new DynamoDbConversationStore(documentClient, tableName, { clock });
    const key = unique('outbox:');
    expect(await timed.claimOnce(key, 60)).toBe(true);
    clock.advance(59);
    expect(await timed.claimOnce(key, 60)).toBe(false);
    clock.advance(1);
    expect(await timed.claimOnce(key, 60)).toBe(true);
    const item = await rawItem(`ONCE#${key}`, 'ONCE');
    expect(item?.['expiresAt']).toBe(Date.parse('2026-01-05T10:01:00.000Z') / 1000 + 60);
  });

  it('releaseOnce makes the key claimable again', async () => {
    const key = unique('outbox:');
    expect(await store.claimOnce(key, 3600)).toBe(true);
    await store.releaseOnce(key);
    expect(await store.claimOnce(key, 3600)).toBe(true);
  });
});

describe('lifecycle', () => {
  it('events are listed by time range [since, until), across UTC days, and a repeated write is kept once', async () => {
    const event = (at: string, type: LifecycleEvent['type'], extra: Partial<LifecycleEvent> = {}) =>
      ({ conversationId: 'sms|+15550001|+14440001', at, type, channel: 'sms', ...extra }) as LifecycleEvent;
    const events = [
      event('2003-01-04T23:59:59.999Z', 'opened'),
      event('2003-01-05T00:00:00.000Z', 'customer_message'),
      event('2003-01-05T13:00:00.000Z', 'escalated', {
        caseId: 'c1',
        data: { reason: 'abuse', score: -0.8 },
      }),
      event('2003-01-06T08:00:00.000Z', 'claimed', { caseId: 'c1' }),
      event('2003-01-07T00:00:00.000Z', 'resolved', { caseId: 'c1' }),
    ];
    for (const e of events) await store.recordLifecycle(e);
    await store.recordLifecycle(events[2]!);
    const listed = await store.listLifecycle('2003-01-05T00:00:00.000Z', '2003-01-07T00:00:00.000Z');
    expect(listed.sort((a, b) => a.at.localeCompare(b.at))).toEqual([events[1], events[2], events[3]]);
    expect(await store.listLifecycle('2003-01-01T00:00:00.000Z', '2003-01-10T00:00:00.000Z')).toHaveLength(5);
    expect(await store.listLifecycle('2003-01-07T00:00:00.000Z', '2003-01-05T00:00:00.000Z')).toEqual([]);
  });

  it('two different events at the same instant are both kept', async () => {
    const base = { conversationId: 'sms|+1|+2', at: '2004-02-01T10:00:00.000Z', channel: 'sms' as const };
    await store.recordLifecycle({ ...base, type: 'satisfaction', data: { score: 5 } });
    await store.recordLifecycle({ ...base, type: 'satisfaction', data: { score: 3 } });
    expect(await store.listLifecycle('2004-02-01T00:00:00Z', '2004-02-02T00:00:00Z')).toHaveLength(2);
  });
});

describe('idle conversations', () => {
  it('lists AI conversations with a customer message since the last resolution, quiet before the cutoff', async () => {
    const quiet = newConversation({
      lastInboundAt: '2001-01-05T08:00:00.000Z',
      updatedAt: '2001-01-05T08:00:02.000Z',
    });
    const older = newConversation({
      lastInboundAt: '2001-01-05T07:00:00.000Z',
      updatedAt: '2001-01-05T07:00:00.000Z',
    });
    const recent = newConversation({
      lastInboundAt: '2001-01-05T11:30:00.000Z',
      updatedAt: '2001-01-05T11:30:01.000Z',
    });
    const neverWrote = newConversation({ updatedAt: '2001-01-05T06:00:00.000Z' });
    const resolvedSince = newConversation({
      lastInboundAt: '2001-01-05T06:00:00.000Z',
      lastResolvedAt: '2001-01-05T06:30:00.000Z',
      updatedAt: '2001-01-05T06:30:00.000Z',
    });
    const reopened = newConversation({
      lastInboundAt: '2001-01-05T09:00:00.000Z',
      lastResolvedAt: '2001-01-05T06:30:00.000Z',
      updatedAt: '2001-01-05T09:00:01.000Z',
    });
    const withAgent = newConversation({
      mode: 'agent',
      owner: { id: 'U1' },
      caseId: 'c',
      lastInboundAt: '2001-01-05T06:00:00.000Z',
      updatedAt: '2001-01-05T06:00:00.000Z',
    });
    // Only a survey answer or a keyword since the resolution: customerTurns stayed 0.
    const housekeepingOnly = newConversation({
      lastInboundAt: '2001-01-05T07:30:00.000Z',
      lastResolvedAt: '2001-01-05T06:30:00.000Z',
      updatedAt: '2001-01-05T07:30:01.000Z',
      customerTurns: 0,
    });
    for (const c of [
      quiet,
      older,
      recent,
      neverWrote,
      resolvedSince,
      reopened,
      withAgent,
      housekeepingOnly,
    ]) {
      await store.createConversation(c);
    }
    const idle = await store.listIdleConversations('2001-01-05T10:00:00.000Z', 10);
    expect(idle.map((c) => c.id)).toEqual([older.id, quiet.id, reopened.id]);
    expect(idle[1]).toEqual(quiet);
    expect((await store.listIdleConversations('2001-01-05T10:00:00.000Z', 1)).map((c) => c.id)).toEqual([
      older.id,
    ]);

    // Resolving removes it from the listing; escalating does too.
    await store.saveConversation(resolve(quiet, new Date('2001-01-05T10:00:00.000Z')));
    await store.saveConversation(escalate(older, 'case-o', new Date('2001-01-05T10:00:00.000Z')));
    expect((await store.listIdleConversations('2001-01-05T12:00:00.000Z', 10)).map((c) => c.id)).toEqual([
      reopened.id,
      recent.id,
    ]);
  });

  it('later activity moves a conversation out of an earlier cutoff', async () => {
    const conversation = newConversation({
      lastInboundAt: '2002-01-05T08:00:00.000Z',
      updatedAt: '2002-01-05T08:00:00.000Z',
    });
    await store.createConversation(conversation);
    const idleIds = async () =>
      (await store.listIdleConversations('2002-01-05T09:00:00.000Z', 100)).map((c) => c.id);
    expect(await idleIds()).toContain(conversation.id);
    await store.saveConversation({
      ...conversation,
      version: 2,
      lastInboundAt: '2002-01-05T09:30:00.000Z',
      updatedAt: '2002-01-05T09:30:00.000Z',
    });
    expect(await idleIds()).not.toContain(conversation.id);
  });
});

describe('hot shared partitions, sharded', () => {
  /** How many `gsi2` entries each partition of `base` holds (legacy unsharded one included). */
  async function entriesPerPartition(base: string): Promise<Map<string, number>> {
    const counts = new Map<string, number>();
    for (const partition of partitionsOf(base)) {
      const result = await documentClient.send(
        new QueryCommand({
          TableName: tableName,
          IndexName: 'gsi2',
          KeyConditionExpression: 'gsi2pk = :pk',
          ExpressionAttributeValues: { ':pk': partition },
          Select: 'COUNT',
        }),
      );
      if (result.Count) counts.set(partition, result.Count);
    }
    return counts;
  }

  /** A time on 1990-01-05 (earlier than anything else this file writes), `minute` minutes after 08:00. */
  const at = (minute: number) => new Date(Date.UTC(1990, 0, 5, 8, minute)).toISOString();

  it('idle entries spread over the shards by conversation id; the list stays globally ordered and limited', async () => {
    const conversations = Array.from({ length: 40 }, (_, i) =>
      // Written in an order unrelated to their activity times.
      newConversation({ lastInboundAt: at((i * 17) % 40), updatedAt: at((i * 17) % 40) }),
    );
    await Promise.all(conversations.map((c) => store.createConversation(c)));
    for (const c of conversations) {
      expect((await rawItem(`CONV#${c.id}`, 'CONV'))?.['gsi2pk']).toBe(`IDLE#${shardOf(c.id)}`);
    }
    const shards = new Set(conversations.map((c) => shardOf(c.id)));
    expect(shards.size).toBeGreaterThanOrEqual(6);

    const byActivity = [...conversations].sort((a, b) => a.updatedAt.localeCompare(b.updatedAt));
    const cutoff = at(40);
    expect((await store.listIdleConversations(cutoff, 7)).map((c) => c.id)).toEqual(
      byActivity.slice(0, 7).map((c) => c.id),
    );
    expect((await store.listIdleConversations(cutoff, 100)).map((c) => c.id)).toEqual(
      byActivity.map((c) => c.id),
    );
    expect(await store.listIdleConversations(at(10), 100)).toHaveLength(10);
  });

  it('open cases spread over the shards by conversation; listOpenCases returns the oldest first across shards', async () => {
    const cases = Array.from({ length: 30 }, (_, i) =>
      newCase({
        conversationId: `sms|+1555000${String(i).padStart(4, '0')}|+14440000000`,
        openedAt: at((i * 7) % 30),
      }),
    );
    await Promise.all(cases.map((kase) => store.createCase(kase)));
    const perPartition = await entriesPerPartition('OPEN');
    expect(perPartition.has('OPEN')).toBe(false);
    expect(new Set(cases.map((kase) => `OPEN#${shardOf(kase.conversationId)}`)).size).toBeGreaterThanOrEqual(
      6,
    );
    for (const kase of cases) {
      expect((await rawItem(`CASE#${kase.caseId}`, 'CASE'))?.['gsi2pk']).toBe(
        `OPEN#${shardOf(kase.conversationId)}`,
      );
    }
    const oldestFirst = [...cases].sort((a, b) => a.openedAt.localeCompare(b.openedAt));
    expect((await store.listOpenCases(5)).map((kase) => kase.caseId)).toEqual(
      oldestFirst.slice(0, 5).map((kase) => kase.caseId),
    );
    expect((await store.listOpenCases(30)).map((kase) => kase.caseId)).toEqual(
      oldestFirst.map((kase) => kase.caseId),
    );
  });

  it('lifecycle events of a day spread over the shards and list in time order across shards and days', async () => {
    const events = Array.from(
      { length: 60 },
      (_, i) =>
        ({
          conversationId: `sms|+1555100${String(i).padStart(4, '0')}|+14440000000`,
          // Two UTC days, times interleaved across conversations.
          at: new Date(Date.UTC(1991, 0, 5 + (i % 2), 10, (i * 13) % 60)).toISOString(),
          type: 'customer_message',
          channel: 'sms',
        }) as LifecycleEvent,
    );
    await Promise.all(events.map((event) => store.recordLifecycle(event)));
    const day1 = await entriesPerPartition('LIFE#1991-01-05');
    expect(day1.size).toBeGreaterThanOrEqual(6);
    expect(day1.has('LIFE#1991-01-05')).toBe(false);
    const listed = await store.listLifecycle('1991-01-05T00:00:00.000Z', '1991-01-07T00:00:00.000Z');
    expect(listed).toHaveLength(60);
    // Globally ordered as listed, not only per shard.
    const times = listed.map((event) => `${event.at}#${event.conversationId}`);
    expect(times).toEqual([...times].sort());
  });

  it('entries written before sharding (the unsharded partition) are still listed, in order', async () => {
    const sharded = newConversation({ lastInboundAt: at(30), updatedAt: at(30) });
    await store.createConversation(sharded);
    const legacy = newConversation({
      lastInboundAt: '1989-06-01T00:00:00.000Z',
      updatedAt: '1989-06-01T00:00:00.000Z',
    });
    await documentClient.send(
      new PutCommand({
        TableName: tableName,
        Item: {
          ...legacy,
          pk: `CONV#${legacy.id}`,
          sk: 'CONV',
          itemType: 'conversation',
          gsi2pk: 'IDLE',
          gsi2sk: `${legacy.updatedAt}#${legacy.id}`,
        },
      }),
    );
    expect((await store.listIdleConversations(at(60), 1)).map((c) => c.id)).toEqual([legacy.id]);
  });
});

describe('error mapping', () => {
  it('errors other than failed conditions are rethrown as they are', async () => {
    const broken = new DynamoDbConversationStore(documentClient, 'no-such-table');
    await expect(broken.getConversation('x')).rejects.toMatchObject({ name: 'ResourceNotFoundException' });
    await expect(broken.createConversation(newConversation())).rejects.not.toBeInstanceOf(ConflictError);
  });

  it('stored items carry their keys but domain objects do not', async () => {
    const conversation = newConversation({ lastInboundAt: '2026-01-05T10:00:00.000Z' });
    await store.createConversation(conversation);
    const raw = await rawItem(`CONV#${conversation.id}`, 'CONV');
    expect(raw).toMatchObject({ gsi2pk: `IDLE#${shardOf(conversation.id)}` });
    const read = (await store.getConversation(conversation.id)) as unknown as Record<string, unknown>;
    for (const name of ['pk', 'sk', 'gsi1pk', 'gsi1sk', 'gsi2pk', 'gsi2sk', 'expiresAt', 'itemType']) {
      expect(read).not.toHaveProperty(name);
    }
  });
});
