/**
 * The desk commands with real adapters (DynamoDB Local, the Slack and Twilio emulators): owner checks are
 * decided inside the conditional write, so a Release or Claim that lands between a command's read and its
 * write leads to a refusal; the agent allowlist (user ids, a user group read from Slack) gates every
 * command; feedback is accepted only from the resolver.
 */
import { randomUUID } from 'node:crypto';
import {
  ChangeMessageVisibilityCommand,
  DeleteMessageCommand,
  ReceiveMessageCommand,
  type SQSClient,
} from '@aws-sdk/client-sqs';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import businessSettings from '../../config/business.ts';
import { DynamoDbConversationStore } from '../../functions/adapters/dynamodb-conversation-store.ts';
import { SlackAgentDesk } from '../../functions/adapters/slack-agent-desk.ts';
import { slackDeskRef, slackMessageOf } from '../../functions/adapters/slack-desk-ref.ts';
import { SlackUserGroups } from '../../functions/adapters/slack-user-groups.ts';
import { SqsEventQueue } from '../../functions/adapters/sqs-event-queue.ts';
import { TwilioCustomerChannel } from '../../functions/adapters/twilio-customer-channel.ts';
import { claim, release } from '../../functions/core/conversation-state.ts';
import type { DeskCommands } from '../../functions/core/desk-commands.ts';
import type {
  Agent,
  Case,
  Conversation,
  ConversationQueueEvent,
  DeskRef,
} from '../../functions/core/model.ts';
import type { CaseCommit, ConversationStore, EventQueue } from '../../functions/core/ports.ts';
import { carryOutDeskCommand } from '../../functions/core/use-cases/carry-out-desk-command.ts';
import { updateConversation, updateProfile } from '../../functions/core/use-cases/conversations.ts';
import { createDeskCommands } from '../../functions/core/use-cases/desk-actions.ts';
import { sendSavedReply } from '../../functions/core/use-cases/send-saved-reply.ts';
import { parseBusinessSettings } from '../../functions/shared/business-settings.ts';
import { conversationEventsQueue } from '../../lib/design.ts';
import { type FakeSlack, startFakeSlack } from '../../local/fake-slack.ts';
import { type FakeTwilio, startFakeTwilio } from '../../local/fake-twilio.ts';
import { freshQueues, freshTable } from '../helpers/aws.ts';

const DESK = 'CDESK';
const ANA: Agent = { id: 'UANA', name: 'ana' };
const BOB: Agent = { id: 'UBOB', name: 'bob' };
const clock = { now: () => new Date() };
const settings = parseBusinessSettings(businessSettings);

let slack: FakeSlack;
let twilio: FakeTwilio;
let realStore: DynamoDbConversationStore;
let sqs: SQSClient;
let queues: Awaited<ReturnType<typeof freshQueues>>;
let eventQueue: SqsEventQueue;
/** Runs once, just before the command's first conditional conversation write (the race window). */
let beforeNextSave: (() => Promise<void>) | undefined;
/** The store methods the commands and the worker called, in order (a test empties it when it starts counting). */
const storeCalls: string[] = [];
/** What the store calls in `storeCalls` that write. */
const STORE_WRITES = new Set([
  'saveConversation',
  'saveCase',
  'saveProfile',
  'commitCase',
  'claimOnce',
  'claimSendAsOwner',
  'releaseOnce',
  'settleOnce',
  'recordLifecycle',
  'appendMessage',
  'parkDeskCommand',
]);

/**
 * The real store, its calls recorded in `storeCalls`; `beforeNextSave` lets a test land a concurrent change
 * between read and write.
 */
function racingStore(store: DynamoDbConversationStore): ConversationStore {
  /** The real method, or (for the conversation's conditional writes) one that lets the race land first. */
  const method = (target: DynamoDbConversationStore, property: string | symbol) => {
    if (property === 'saveConversation') {
      return async (conversation: Conversation) => {
        const race = beforeNextSave;
        beforeNextSave = undefined;
        if (race) await race();
        return target.saveConversation(conversation);
      };
    }
    if (property === 'claimSendAsOwner') {
      // The worker's owner check of an agent's send, right before the provider call.
      return async (...args: Parameters<ConversationStore['claimSendAsOwner']>) => {
        const race = beforeNextSave;
        beforeNextSave = undefined;
        if (race) await race();
        return target.claimSendAsOwner(...args);
      };
    }
    if (property === 'commitCase') {
      // A desk command's transaction over its case and conversation.
      return async (commit: CaseCommit) => {
        const race = commit.conversation ? beforeNextSave : undefined;
        if (race) beforeNextSave = undefined;
        if (race) await race();
        return target.commitCase(commit);
      };
    }
    const value = Reflect.get(target, property, target);
    return typeof value === 'function' ? value.bind(target) : value;
  };
  return new Proxy(store, {
    get(target, property) {
      const value = method(target, property);
      if (typeof value !== 'function' || typeof property !== 'string') return value;
      return (...args: unknown[]) => {
        storeCalls.push(property);
        return value(...args);
      };
    },
  });
}

function commands(access?: Parameters<typeof createDeskCommands>[0]['access']): DeskCommands {
  return createDeskCommands({
    store: racingStore(realStore),
    desk: desk(),
    events: recording,
    clock,
    settings,
    access: access ?? { channels: [DESK] },
    directory: new SlackUserGroups({
      token: 'xoxb-test',
      slackApiUrl: slack.url,
      retryConfig: { retries: 0 },
    }),
  });
}

function desk(): SlackAgentDesk {
  return SlackAgentDesk.create({ token: 'xoxb-test', slackApiUrl: slack.url, channel: DESK });
}

/** The events queue on fauxqs, with a switch to make publishing fail (SQS unavailable). */
const recording = {
  failing: false,
  async publish(event: Parameters<EventQueue['publish']>[0]) {
    if (this.failing) throw new Error('SQS unavailable');
    await eventQueue.publish(event);
  },
};

/**
 * The worker's part, as Lambda's event source would run it: receive what is on the events queue, carry out
 * each desk command (the last receive is the redrive limit), delete what succeeded; a failure comes back at
 * once (visibility 0) instead of after the visibility timeout. Returns once a receive comes back empty.
 */
async function work(maxReceives = conversationEventsQueue.maxReceiveCount): Promise<void> {
  const deps = { store: racingStore(realStore), desk: desk(), channel: twilioChannel(), clock, settings };
  for (;;) {
    const { Messages = [] } = await sqs.send(
      new ReceiveMessageCommand({
        QueueUrl: queues.events.url,
        MaxNumberOfMessages: 10,
        WaitTimeSeconds: 0,
        MessageSystemAttributeNames: ['ApproximateReceiveCount'],
      }),
    );
    if (Messages.length === 0) return;
    for (const message of Messages) {
      const event = JSON.parse(message.Body ?? '{}') as ConversationQueueEvent;
      const receives = Number(message.Attributes?.ApproximateReceiveCount ?? 1);
      try {
        if (event.type === 'desk_command') {
          await carryOutDeskCommand(deps, event, { last: receives >= maxReceives });
        }
        await sqs.send(
          new DeleteMessageCommand({ QueueUrl: queues.events.url, ReceiptHandle: message.ReceiptHandle }),
        );
      } catch {
        await sqs.send(
          new ChangeMessageVisibilityCommand({
            QueueUrl: queues.events.url,
            ReceiptHandle: message.ReceiptHandle,
            VisibilityTimeout: 0,
          }),
        );
      }
    }
  }
}

function twilioChannel(): TwilioCustomerChannel {
  return new TwilioCustomerChannel({
    accountSid: twilio.accountSid,
    authToken: twilio.authToken,
    apiUrl: twilio.url,
    maxAttempts: 1,
    baseDelayMs: 1,
    timeoutMs: 300,
  });
}

/** A case in the desk channel, owned by `owner` (or queued), with a real card in the emulated Slack. */
async function openCase(owner: Agent | undefined): Promise<{ kase: Case; ref: DeskRef }> {
  const number = `+1555${Math.floor(1_000_000 + Math.random() * 8_999_999)}`;
  const now = clock.now().toISOString();
  const caseId = `case_${randomUUID().slice(0, 8)}`;
  const conversationId = `sms|${number}|+15550100000`;
  const card = slack.postAsUser({ channel: DESK, user: 'UBOT', text: 'card' });
  const ref = slackDeskRef(DESK, card.ts);
  await realStore.createConversation({
    id: conversationId,
    channel: 'sms',
    customerAddress: number,
    businessAddress: '+15550100000',
    mode: owner ? 'agent' : 'queued',
    caseId,
    ...(owner ? { owner } : {}),
    version: 1,
    openedAt: now,
    updatedAt: now,
    lastInboundAt: now,
  });
  const kase: Case = {
    caseId,
    conversationId,
    status: owner ? 'claimed' : 'queued',
    version: 1,
    openedAt: now,
    priority: 'normal',
    deskRef: ref,
    ...(owner ? { owner } : {}),
    packet: {
      caseId,
      conversationId,
      channel: 'sms',
      customerAddress: number,
      reason: 'customer_request',
      priority: 'normal',
      summary: 'wants a refund',
      tried: 'explained the policy',
      sentimentTrend: [],
      lastCustomerMessage: 'a person please',
      suggestedNextStep: 'refund',
      openedAt: now,
    },
  };
  await realStore.createCase(kase);
  return { kase, ref };
}

/** Another agent's Release then Claim, landing between the command's read and its write. */
const releaseThenBobClaims = (conversationId: string) => async () => {
  await updateConversation({ store: realStore, clock }, conversationId, (current) =>
    release(current, clock.now()),
  );
  await updateConversation({ store: realStore, clock }, conversationId, (current) =>
    claim(current, BOB, clock.now()),
  );
};

const sentTo = (number: string) => twilio.messages.filter((message) => message.to === number);
const ephemeralsFor = (user: string) => slack.ephemerals.filter((e) => e.user === user).map((e) => e.text);

beforeAll(async () => {
  const table = await freshTable();
  realStore = new DynamoDbConversationStore(table.documentClient, table.tableName);
  const fresh = await freshQueues();
  sqs = fresh.client;
  queues = fresh;
  eventQueue = new SqsEventQueue(sqs, queues.events.url);
  slack = await startFakeSlack({ botToken: 'xoxb-test', signingSecret: 'secret' });
  twilio = await startFakeTwilio({ accountSid: `AC${'1'.repeat(32)}`, authToken: 'token' });
});
afterAll(async () => {
  await slack?.stop();
  await twilio?.stop();
});
beforeEach(async () => {
  beforeNextSave = undefined;
  recording.failing = false;
  await work(); // nothing left over from the test before
});

describe('owner checks inside the conditional write', () => {
  it("the owner's thread reply is not sent when a Release and another Claim land before its write", async () => {
    const { kase, ref } = await openCase(ANA);
    beforeNextSave = releaseThenBobClaims(kase.conversationId);
    await commands().threadReply({
      ref,
      message: slackDeskRef(DESK, '1.000100'),
      agent: ANA,
      text: 'Refund is on its way',
    });
    await work();
    expect(sentTo(kase.packet.customerAddress)).toEqual([]);
    expect(ephemeralsFor('UANA').at(-1)).toMatch(/Kept as an internal note: @bob owns this conversation/);
    expect((await realStore.getConversation(kase.conversationId))?.owner?.id).toBe('UBOB');
  });

  /** Ana's reply in the case's thread, as Slack shows it, handed to the desk; returns its ts. */
  const anaReplies = async (ref: DeskRef): Promise<string> => {
    const reply = slack.postAsUser({
      channel: DESK,
      user: 'UANA',
      text: 'x',
      thread_ts: slackMessageOf(ref).ts,
    });
    await commands().threadReply({
      ref,
      message: slackDeskRef(DESK, reply.ts),
      agent: ANA,
      text: 'Refund is on its way',
    });
    return reply.ts;
  };

  it('a reply recorded while its agent owned the conversation is not sent once they lost it before the worker sent it', async () => {
    const { kase, ref } = await openCase(ANA);
    const ts = await anaReplies(ref);
    expect(slack.messages.get(ts)?.reactions.map((r) => r.name)).toEqual(['hourglass_flowing_sand']);
    await releaseThenBobClaims(kase.conversationId)();
    await work();
    expect(sentTo(kase.packet.customerAddress)).toEqual([]);
    expect(ephemeralsFor('UANA').at(-1)).toMatch(/Kept as an internal note: @bob owns this conversation/);
    expect(slack.messages.get(ts)?.reactions.map((r) => r.name)).toEqual([]);
  });

  it('a redelivery of a reply that went before its agent released the conversation shows it sent, says nothing', async () => {
    const { kase, ref } = await openCase(ANA);
    const ts = await anaReplies(ref);
    await work();
    await updateConversation({ store: realStore, clock }, kase.conversationId, (current) =>
      release(current, clock.now()),
    );
    const told = ephemeralsFor('UANA').length;
    await eventQueue.publish({
      type: 'desk_command',
      eventId: `redelivered-${ts}`,
      commandId: `agent#${DESK}#${ts}`,
      conversationId: kase.conversationId,
      caseId: kase.caseId,
      agent: ANA,
      ref,
      task: { kind: 'reply', text: 'Refund is on its way', reply: slackDeskRef(DESK, ts) },
    });
    await work();
    expect(sentTo(kase.packet.customerAddress)).toHaveLength(1);
    expect(ephemeralsFor('UANA')).toHaveLength(told);
    expect(slack.messages.get(ts)?.reactions.map((r) => r.name)).toEqual(['white_check_mark']);
  });

  it('without the race, the same reply reaches the customer', async () => {
    const { kase, ref } = await openCase(ANA);
    await anaReplies(ref);
    await work();
    expect(sentTo(kase.packet.customerAddress)).toHaveLength(1);
  });

  it('Resolve by the previous owner is refused when the case changed hands before the write', async () => {
    const { kase, ref } = await openCase(ANA);
    beforeNextSave = releaseThenBobClaims(kase.conversationId);
    await commands().resolve({ caseId: kase.caseId, agent: ANA, outcome: 'solved', ref });
    const conversation = await realStore.getConversation(kase.conversationId);
    expect(conversation?.mode).toBe('agent');
    expect(conversation?.owner?.id).toBe('UBOB');
    expect((await realStore.getCase(kase.caseId))?.status).not.toBe('resolved');
    expect(ephemeralsFor('UANA').at(-1)).toBe('Only @bob can resolve this conversation.');
  });

  it('Hand back by the previous owner is refused when the case changed hands before the write', async () => {
    const { kase, ref } = await openCase(ANA);
    beforeNextSave = releaseThenBobClaims(kase.conversationId);
    await commands().handBack({ caseId: kase.caseId, agent: ANA, instruction: 'offer 10%', ref });
    const conversation = await realStore.getConversation(kase.conversationId);
    expect(conversation?.mode).toBe('agent');
    expect(conversation?.handbackInstruction).toBeUndefined();
    expect(ephemeralsFor('UANA').at(-1)).toBe('Only @bob can hand this conversation back.');
  });

  it('Release by the previous owner is refused when the case changed hands before the write', async () => {
    const { kase, ref } = await openCase(ANA);
    beforeNextSave = releaseThenBobClaims(kase.conversationId);
    await commands().release({ caseId: kase.caseId, agent: ANA, ref });
    expect((await realStore.getConversation(kase.conversationId))?.owner?.id).toBe('UBOB');
    expect(ephemeralsFor('UANA').at(-1)).toBe('Only @bob can release this conversation.');
  });

  it('Send suggestion by the previous owner is refused when the case changed hands before the write', async () => {
    const { kase, ref } = await openCase(ANA);
    await realStore.appendMessage({
      conversationId: kase.conversationId,
      messageId: 'sug_1',
      at: clock.now().toISOString(),
      direction: 'outbound',
      author: 'ai',
      text: 'Your refund is approved.',
    } as Parameters<ConversationStore['appendMessage']>[0]);
    beforeNextSave = releaseThenBobClaims(kase.conversationId);
    await commands().sendSuggestion({ caseId: kase.caseId, suggestionId: 'sug_1', agent: ANA, ref });
    await work();
    expect(sentTo(kase.packet.customerAddress)).toEqual([]);
    expect(ephemeralsFor('UANA').at(-1)).toBe('Only the owner can send the suggested reply.');
  });

  it("the owner's Retry writes nothing on the conversation; the worker's claim refuses it when the case changed hands since", async () => {
    const { kase, ref } = await openCase(ANA);
    const ts = await anaReplies(ref);
    twilio.failNext(503, 503, 3);
    await work(3); // "Not sent" with Retry
    const before = await realStore.getConversation(kase.conversationId);
    storeCalls.length = 0;
    await commands().retry({
      caseId: kase.caseId,
      commandId: `agent#${DESK}#${ts}`,
      agent: ANA,
      ref,
      clickId: '3.1',
    });
    expect(storeCalls.filter((call) => STORE_WRITES.has(call))).toEqual(['releaseOnce']);
    expect(await realStore.getConversation(kase.conversationId)).toEqual(before);

    beforeNextSave = releaseThenBobClaims(kase.conversationId);
    storeCalls.length = 0;
    await work();
    expect(sentTo(kase.packet.customerAddress)).toEqual([]);
    expect(ephemeralsFor('UANA').at(-1)).toMatch(/Kept as an internal note: @bob owns this conversation/);
    // The refusal carries the conversation its condition saw: the worker loaded once.
    expect(storeCalls.filter((call) => call === 'loadCase')).toHaveLength(1);
  });

  it("a saved reply writes nothing on the conversation; the worker's claim refuses it when the case changed hands since", async () => {
    const { kase, ref } = await openCase(ANA);
    const deps = {
      store: racingStore(realStore),
      desk: desk(),
      events: recording,
      replies: [{ id: 'thanks', title: 'Thanks', tags: [], text: 'Thanks for waiting. {{agent_name}}' }],
      access: { channels: [DESK] },
      brand: settings.brand,
    };
    storeCalls.length = 0;
    expect(
      await sendSavedReply(deps, { ref, replyId: 'thanks', agent: ANA, submissionId: randomUUID() }),
    ).toBe('recorded');
    expect(storeCalls.filter((call) => STORE_WRITES.has(call))).toEqual([]);
    expect((await realStore.getConversation(kase.conversationId))?.version).toBe(1);

    beforeNextSave = releaseThenBobClaims(kase.conversationId);
    await work();
    expect(sentTo(kase.packet.customerAddress)).toEqual([]);
    expect(ephemeralsFor('UANA').at(-1)).toBe(
      'Not sent: only the owner of this conversation can send a saved reply.',
    );
  });

  it('an unclaimed case resolved by an agent is recorded as theirs, and only they answer the feedback', async () => {
    const { kase, ref } = await openCase(undefined);
    const desk = commands();
    await desk.resolve({ caseId: kase.caseId, agent: BOB, outcome: 'not_solved', ref });
    const resolved = await realStore.getCase(kase.caseId);
    expect(resolved).toMatchObject({ status: 'resolved', owner: { id: 'UBOB' } });

    await desk.feedback({
      caseId: kase.caseId,
      agent: ANA,
      question: 'summary_accurate',
      answer: false,
      ref,
    });
    expect((await realStore.getCase(kase.caseId))?.summaryAccurate).toBeUndefined();
    expect(ephemeralsFor('UANA').at(-1)).toBe(
      'Only @bob, who resolved this case, can answer these questions.',
    );

    await desk.feedback({ caseId: kase.caseId, agent: BOB, question: 'summary_accurate', answer: true, ref });
    expect((await realStore.getCase(kase.caseId))?.summaryAccurate).toBe(true);
  });
});

describe('who may act at the desk', () => {
  it('with an allowlist, a listed agent can claim and an unlisted one is refused and changes nothing', async () => {
    const access = { channels: [DESK], agents: { userIds: ['UANA'] } };
    const { kase, ref } = await openCase(undefined);
    await commands(access).claim({ caseId: kase.caseId, agent: BOB, ref });
    expect((await realStore.getConversation(kase.conversationId))?.mode).toBe('queued');
    expect(ephemeralsFor('UBOB').at(-1)).toMatch(/Only .* desk agents can do this/);
    await commands(access).claim({ caseId: kase.caseId, agent: ANA, ref });
    expect((await realStore.getConversation(kase.conversationId))?.owner?.id).toBe('UANA');
  });

  it('members of the allowlisted Slack user group may act; others may not', async () => {
    slack.setUserGroup('SAGENTS', ['UBOB']);
    const access = { channels: [DESK], agents: { userIds: [], userGroup: 'SAGENTS' } };
    const { kase, ref } = await openCase(undefined);
    await commands(access).claim({ caseId: kase.caseId, agent: ANA, ref });
    expect((await realStore.getConversation(kase.conversationId))?.mode).toBe('queued');
    await commands(access).claim({ caseId: kase.caseId, agent: BOB, ref });
    expect((await realStore.getConversation(kase.conversationId))?.owner?.id).toBe('UBOB');
    expect(slack.calls.some((call) => call.method === 'usergroups.users.list')).toBe(true);
  });

  it('an unlisted owner cannot reply to the customer', async () => {
    const { kase, ref } = await openCase(BOB);
    await commands({ channels: [DESK], agents: { userIds: ['UANA'] } }).threadReply({
      ref,
      message: slackDeskRef(DESK, '1.000300'),
      agent: BOB,
      text: 'hello',
    });
    expect(sentTo(kase.packet.customerAddress)).toEqual([]);
  });

  it('a Claim from a button outside the desk channel is refused', async () => {
    const { kase } = await openCase(undefined);
    await commands().claim({ caseId: kase.caseId, agent: ANA, ref: slackDeskRef('COTHER', '1.1') });
    expect((await realStore.getConversation(kase.conversationId))?.mode).toBe('queued');
    expect(ephemeralsFor('UANA').at(-1)).toMatch(/only in the escalation channel/);
  });

  it("the owner's reply in another channel carrying the card's thread_ts is not relayed, and they are told", async () => {
    const { kase, ref } = await openCase(ANA);
    await commands().threadReply({
      ref: slackDeskRef('COTHER', slackMessageOf(ref).ts),
      message: slackDeskRef('COTHER', '1.000400'),
      agent: ANA,
      text: 'hello from elsewhere',
    });
    await work();
    expect(sentTo(kase.packet.customerAddress)).toEqual([]);
    expect(ephemeralsFor('UANA').at(-1)).toMatch(/Not sent: replies to the customer go in the case thread/);
  });

  it('a reply in a thread of another channel that is no card is none of our business: nothing is said', async () => {
    const ephemerals = ephemeralsFor('UANA').length;
    await commands().threadReply({
      ref: slackDeskRef('COTHER', '1.000500'),
      message: slackDeskRef('COTHER', '1.000600'),
      agent: ANA,
      text: 'lunch?',
    });
    expect(ephemeralsFor('UANA')).toHaveLength(ephemerals);
  });
});

describe('durable agent commands (recorded on the events queue, carried out by the worker)', () => {
  const reactionsOn = (ts: string) => slack.messages.get(ts)?.reactions.map((r) => r.name) ?? [];
  const threadTexts = (ref: DeskRef) =>
    slack
      .thread(DESK, slackMessageOf(ref).ts)
      .map((m) => `${m.text ?? ''} ${JSON.stringify(m.blocks ?? [])}`);
  const reply = (ref: DeskRef, text: string) =>
    slack.postAsUser({ channel: DESK, user: 'UANA', text, thread_ts: slackMessageOf(ref).ts });

  it('a reply is pending (⏳) until the worker sends it, then ✓ replaces ⏳; a redelivery sends nothing more', async () => {
    const { kase, ref } = await openCase(ANA);
    const message = reply(ref, 'Your refund is on its way');
    await commands().threadReply({
      ref,
      message: slackDeskRef(DESK, message.ts),
      agent: ANA,
      text: 'Your refund is on its way',
    });
    expect(reactionsOn(message.ts)).toEqual(['hourglass_flowing_sand']);
    expect(sentTo(kase.packet.customerAddress)).toEqual([]);

    await work();
    expect(sentTo(kase.packet.customerAddress).map((m) => m.body)).toEqual(['Your refund is on its way']);
    expect(reactionsOn(message.ts)).toEqual(['white_check_mark']);
    const key = await realStore.getOnce(`outbox#agent#${DESK}#${message.ts}`);
    expect(key).toEqual({ state: 'sent', providerIds: [sentTo(kase.packet.customerAddress)[0]?.sid] });

    // The same command again (SQS redelivery after the deletion was lost, a Slack retry after 5 minutes).
    await eventQueue.publish({
      type: 'desk_command',
      eventId: `redelivered-${message.ts}`,
      commandId: `agent#${DESK}#${message.ts}`,
      conversationId: kase.conversationId,
      caseId: kase.caseId,
      agent: ANA,
      ref,
      task: { kind: 'reply', text: 'Your refund is on its way', reply: slackDeskRef(DESK, message.ts) },
    });
    await work();
    expect(sentTo(kase.packet.customerAddress)).toHaveLength(1);
    expect(reactionsOn(message.ts)).toEqual(['white_check_mark']);
  });

  it('Twilio failing: "Retrying" once (not per attempt), then the reply goes exactly once after recovery', async () => {
    const { kase, ref } = await openCase(ANA);
    const message = reply(ref, 'We found your parcel');
    await commands().threadReply({
      ref,
      message: slackDeskRef(DESK, message.ts),
      agent: ANA,
      text: 'We found your parcel',
    });
    twilio.failNext(503, 503, 2);
    await work();
    expect(sentTo(kase.packet.customerAddress).map((m) => m.body)).toEqual(['We found your parcel']);
    const retrying = threadTexts(ref).filter((text) => text.includes('Retrying:'));
    expect(retrying).toHaveLength(1);
    expect(retrying[0]).toContain('the messaging provider is unavailable (HTTP 503)');
    expect(reactionsOn(message.ts)).toEqual(['white_check_mark']);
  });

  it('out of attempts: "Not sent" with Retry; only the owner may retry, and the retry sends it once', async () => {
    const { kase, ref } = await openCase(ANA);
    const message = reply(ref, 'Tracking number 123');
    await commands().threadReply({
      ref,
      message: slackDeskRef(DESK, message.ts),
      agent: ANA,
      text: 'Tracking number 123',
    });
    twilio.failNext(503, 503, 3);
    await work(3);
    expect(sentTo(kase.packet.customerAddress)).toEqual([]);
    const notSent = slack.thread(DESK, slackMessageOf(ref).ts).filter((m) => m.text?.includes('Not sent:'));
    expect(notSent).toHaveLength(1);
    expect(notSent[0]?.text).toContain('retries ran out');
    expect(JSON.stringify(notSent[0]?.blocks)).toContain('tandem_retry_command');
    expect(reactionsOn(message.ts)).toEqual(['x']);

    const commandId = `agent#${DESK}#${message.ts}`;
    await commands().retry({ caseId: kase.caseId, commandId, agent: BOB, ref, clickId: '1.1' });
    await work();
    expect(sentTo(kase.packet.customerAddress)).toEqual([]);
    expect(ephemeralsFor('UBOB').at(-1)).toBe('Only @ana can retry this message.');

    await commands().retry({ caseId: kase.caseId, commandId, agent: ANA, ref, clickId: '1.2' });
    expect(reactionsOn(message.ts)).toContain('hourglass_flowing_sand');
    await work();
    expect(sentTo(kase.packet.customerAddress).map((m) => m.body)).toEqual(['Tracking number 123']);
    expect(reactionsOn(message.ts)).toEqual(['white_check_mark']);
  });

  it('a permanent refusal (21610 unsubscribed) says "Not sent" at once, without retrying', async () => {
    const { kase, ref } = await openCase(ANA);
    const message = reply(ref, 'hello?');
    await commands().threadReply({
      ref,
      message: slackDeskRef(DESK, message.ts),
      agent: ANA,
      text: 'hello?',
    });
    twilio.failNext(21610, 400, 1);
    const before = twilio.requests.length;
    await work();
    expect(twilio.requests.length - before).toBe(1);
    expect(threadTexts(ref).some((text) => text.includes('Not sent: the customer has opted out'))).toBe(true);
    expect(threadTexts(ref).some((text) => text.includes('Retrying:'))).toBe(false);
    expect((await realStore.getProfile(kase.packet.customerAddress))?.optedOut).toBe(true);
  });

  it('a lost Twilio response is never resent on its own: "Not sent" asks the agent, whose Retry sends again', async () => {
    const { kase, ref } = await openCase(ANA);
    const message = reply(ref, 'Order confirmed');
    await commands().threadReply({
      ref,
      message: slackDeskRef(DESK, message.ts),
      agent: ANA,
      text: 'Order confirmed',
    });
    twilio.answerLateNext(1_000);
    await work();
    // The message went (the fake created it), but the channel saw no answer: no automatic resend.
    expect(sentTo(kase.packet.customerAddress)).toHaveLength(1);
    expect(threadTexts(ref).some((text) => text.includes('may have reached the customer'))).toBe(true);
    await work();
    expect(sentTo(kase.packet.customerAddress)).toHaveLength(1);
    await commands().retry({
      caseId: kase.caseId,
      commandId: `agent#${DESK}#${message.ts}`,
      agent: ANA,
      ref,
      clickId: '2.1',
    });
    await work();
    expect(sentTo(kase.packet.customerAddress)).toHaveLength(2);
  });

  it('a reply that cannot be recorded is not lost silently: the agent is told and the error goes up', async () => {
    const { kase, ref } = await openCase(ANA);
    const message = reply(ref, 'x');
    recording.failing = true;
    await expect(
      commands().threadReply({ ref, message: slackDeskRef(DESK, message.ts), agent: ANA, text: 'x' }),
    ).rejects.toThrow('SQS unavailable');
    expect(ephemeralsFor('UANA').at(-1)).toMatch(/could not record this/);
    expect(sentTo(kase.packet.customerAddress)).toEqual([]);
  });
});

describe('claim, release, resolve and hand back are one transaction each', () => {
  it('Claim writes the case and the conversation together', async () => {
    const { kase, ref } = await openCase(undefined);
    await commands().claim({ caseId: kase.caseId, agent: ANA, ref });
    const [conversation, stored] = [
      await realStore.getConversation(kase.conversationId),
      await realStore.getCase(kase.caseId),
    ];
    expect(conversation).toMatchObject({ mode: 'agent', owner: { id: 'UANA' }, version: 2 });
    expect(stored).toMatchObject({ status: 'claimed', owner: { id: 'UANA' }, version: 2 });
  });

  it('the same Claim click delivered twice claims once, and a refused one is answered once', async () => {
    const { kase, ref } = await openCase(undefined);
    const requestKey = `slack-action#${randomUUID()}UANA`;
    await commands().claim({ caseId: kase.caseId, agent: ANA, ref, requestKey });
    const told = ephemeralsFor('UANA').length;
    expect(await commands().claim({ caseId: kase.caseId, agent: ANA, ref, requestKey })).toBeUndefined();
    expect(ephemeralsFor('UANA')).toHaveLength(told);
    expect(await realStore.getCase(kase.caseId)).toMatchObject({ status: 'claimed', version: 2 });
    const since = new Date(Date.now() - 60_000).toISOString();
    const events = await realStore.listLifecycle(since, new Date(Date.now() + 1000).toISOString());
    expect(events.filter((event) => event.caseId === kase.caseId).map((event) => event.type)).toEqual([
      'claimed',
    ]);

    const bobsClick = `slack-action#${randomUUID()}UBOB`;
    const bobWasTold = ephemeralsFor('UBOB').length;
    await commands().claim({ caseId: kase.caseId, agent: BOB, ref, requestKey: bobsClick });
    await commands().claim({ caseId: kase.caseId, agent: BOB, ref, requestKey: bobsClick });
    expect(ephemeralsFor('UBOB').slice(bobWasTold)).toEqual(['Already claimed by @ana.']);
  });

  it.each([
    [
      'Release',
      (caseId: string, ref: DeskRef, requestKey: string) =>
        commands().release({ caseId, agent: ANA, ref, requestKey }),
    ],
    [
      'Resolve',
      (caseId: string, ref: DeskRef, requestKey: string) =>
        commands().resolve({ caseId, agent: ANA, outcome: 'solved', ref, requestKey }),
    ],
    [
      'Hand back',
      (caseId: string, ref: DeskRef, requestKey: string) =>
        commands().handBack({ caseId, agent: ANA, instruction: 'offer 10%', ref, requestKey }),
    ],
  ] as const)('the same %s click delivered twice acts once and answers once', async (_name, click) => {
    const { kase, ref } = await openCase(ANA);
    const requestKey = `slack-action#${randomUUID()}UANA`;
    const eventsOfCase = async () =>
      (
        await realStore.listLifecycle(
          new Date(Date.now() - 60_000).toISOString(),
          new Date(Date.now() + 1000).toISOString(),
        )
      ).filter((event) => event.caseId === kase.caseId).length;
    await click(kase.caseId, ref, requestKey);
    const [told, events, stored] = [
      ephemeralsFor('UANA').length,
      await eventsOfCase(),
      await realStore.getCase(kase.caseId),
    ];
    expect(await click(kase.caseId, ref, requestKey)).toBeUndefined();
    expect(ephemeralsFor('UANA')).toHaveLength(told);
    expect(await eventsOfCase()).toBe(events);
    expect((await realStore.getCase(kase.caseId))?.version).toBe(stored?.version);
  });

  it('a case changed between the read and the write makes the transaction retry on fresh state', async () => {
    const { kase, ref } = await openCase(ANA);
    // Someone else resolves the case item only (e.g. an old two-write path): the conversation write must not land.
    beforeNextSave = async () => {
      const current = await realStore.getCase(kase.caseId);
      if (current) await realStore.saveCase({ ...current, priority: 'high', version: current.version + 1 });
    };
    await commands().release({ caseId: kase.caseId, agent: ANA, ref });
    expect(await realStore.getCase(kase.caseId)).toMatchObject({
      status: 'queued',
      priority: 'high',
      version: 3,
    });
    expect((await realStore.getConversation(kase.conversationId))?.mode).toBe('queued');
  });

  it('Resolve sends the closing message once; a second click says "already resolved" and sends nothing more', async () => {
    const { kase, ref } = await openCase(ANA);
    await commands().resolve({ caseId: kase.caseId, agent: ANA, outcome: 'solved', ref });
    expect(await realStore.getCase(kase.caseId)).toMatchObject({ status: 'resolved', version: 2 });
    expect((await realStore.getConversation(kase.conversationId))?.mode).toBe('ai');
    await work();
    expect(sentTo(kase.packet.customerAddress)).toHaveLength(1);
    await commands().resolve({ caseId: kase.caseId, agent: ANA, outcome: 'solved', ref });
    expect(ephemeralsFor('UANA').at(-1)).toBe('You already resolved this case.');
    await work();
    expect(sentTo(kase.packet.customerAddress)).toHaveLength(1);
  });

  it('a second, distinct Resolve click writes only its own one-time key: a survey answered since is not asked again', async () => {
    const { kase, ref } = await openCase(ANA);
    const click = () =>
      commands().resolve({
        caseId: kase.caseId,
        agent: ANA,
        outcome: 'solved',
        ref,
        requestKey: `slack-action#${randomUUID()}UANA`,
      });
    await click();
    await work();
    const address = kase.packet.customerAddress;
    expect((await realStore.getProfile(address))?.pendingSurvey?.caseId).toBe(kase.caseId);
    // The customer answers the survey: the worker clears the pending question.
    await updateProfile(realStore, address, () => ({ pendingSurvey: undefined }));
    const profile = await realStore.getProfile(address);

    storeCalls.length = 0;
    await click();
    expect(ephemeralsFor('UANA').at(-1)).toBe('You already resolved this case.');
    expect(storeCalls.filter((call) => STORE_WRITES.has(call))).toEqual(['claimOnce']);
    expect(await realStore.getProfile(address)).toEqual(profile);
  });

  it('a Resolve that stopped after its transaction is finished by a second click (the closing message goes once)', async () => {
    const { kase, ref } = await openCase(ANA);
    recording.failing = true; // the closing message cannot be recorded: half done
    await expect(
      commands().resolve({ caseId: kase.caseId, agent: ANA, outcome: 'solved', ref }),
    ).rejects.toThrow();
    expect((await realStore.getCase(kase.caseId))?.status).toBe('resolved');
    await work();
    expect(sentTo(kase.packet.customerAddress)).toEqual([]);

    recording.failing = false;
    await commands().resolve({ caseId: kase.caseId, agent: ANA, outcome: 'solved', ref });
    expect(ephemeralsFor('UANA').at(-1)).toBe('You already resolved this case.');
    await work();
    const sent = sentTo(kase.packet.customerAddress);
    expect(sent).toHaveLength(1);
    expect(sent[0]?.body).toContain(settings.messages.closing);
    expect((await realStore.getProfile(kase.packet.customerAddress))?.pendingSurvey?.caseId).toBe(
      kase.caseId,
    );
    await commands().resolve({ caseId: kase.caseId, agent: ANA, outcome: 'solved', ref });
    await work();
    expect(sentTo(kase.packet.customerAddress)).toHaveLength(1);
  });

  it('another agent clicking Resolve on a resolved case is refused and nothing is sent', async () => {
    const { kase, ref } = await openCase(ANA);
    await commands().resolve({ caseId: kase.caseId, agent: ANA, outcome: 'solved', ref });
    await work();
    await commands().resolve({ caseId: kase.caseId, agent: BOB, outcome: 'spam', ref });
    await work();
    expect(ephemeralsFor('UBOB').at(-1)).toBe('This case is already closed.');
    expect(sentTo(kase.packet.customerAddress)).toHaveLength(1);
    expect((await realStore.getCase(kase.caseId))?.outcome).toBe('solved');
  });

  it('Hand back posts its notice through the worker, once', async () => {
    const { kase, ref } = await openCase(ANA);
    await commands().handBack({ caseId: kase.caseId, agent: ANA, instruction: 'offer 10%', ref });
    await commands().handBack({ caseId: kase.caseId, agent: ANA, instruction: 'offer 10%', ref });
    expect(ephemeralsFor('UANA').at(-1)).toBe('You already handed this conversation back to the AI.');
    await work();
    const notices = slack
      .thread(DESK, slackMessageOf(ref).ts)
      .filter((m) => m.text?.includes('handed the conversation back'));
    expect(notices).toHaveLength(1);
    expect(sentTo(kase.packet.customerAddress)).toEqual([]);
  });
});
