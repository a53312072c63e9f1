/**
 * Spend in the worker, with real adapters (DynamoDB Local store and usage ledger, Twilio and Slack
 * emulators, the offline model behind a call counter): suggested replies count against the conversation's
 * budget and the hourly ledger; past the budget the agent gets no suggestion (and one note); past a global
 * ceiling the AI escalates with `budget_exceeded` without calling the model.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import businessSettings from '../../config/business.ts';
import { DynamoDbConversationStore } from '../../functions/adapters/dynamodb-conversation-store.ts';
import { DynamoDbUsageLedger } from '../../functions/adapters/dynamodb-usage-ledger.ts';
import { loadKnowledge } from '../../functions/adapters/knowledge-loader.ts';
import { OfflineModel } from '../../functions/adapters/offline-model.ts';
import { SlackAgentDesk } from '../../functions/adapters/slack-agent-desk.ts';
import { slackMessageOf } from '../../functions/adapters/slack-desk-ref.ts';
import { SqsEscalationQueue } from '../../functions/adapters/sqs-escalation-queue.ts';
import { TwilioCustomerChannel } from '../../functions/adapters/twilio-customer-channel.ts';
import { hourOf, totalTokens } from '../../functions/core/guardrails/budget.ts';
import { makeCanary } from '../../functions/core/guardrails/output.ts';
import type { Conversation, ConversationEvent } from '../../functions/core/model.ts';
import type { LanguageModel } from '../../functions/core/ports.ts';
import {
  handleCustomerMessage,
  type WorkerDeps,
} from '../../functions/core/use-cases/handle-customer-message.ts';
import { receiveCustomerMessage } from '../../functions/core/use-cases/receive-customer-message.ts';
import { parseBusinessSettings } from '../../functions/shared/business-settings.ts';
import { type FakeSlack, startFakeSlack } from '../../local/fake-slack.ts';
import { type FakeTwilio, startFakeTwilio } from '../../local/fake-twilio.ts';
import { freshQueues, freshTable } from '../helpers/aws.ts';
import { runDeskJobs } from '../helpers/desk-jobs.ts';

const settings = parseBusinessSettings(businessSettings);
let twilio: FakeTwilio;
let slack: FakeSlack;
let queues: Awaited<ReturnType<typeof freshQueues>>;
let deps: WorkerDeps & {
  ledger: DynamoDbUsageLedger;
  store: DynamoDbConversationStore;
  desk: SlackAgentDesk;
};
let modelCalls = 0;
let sids = 0;

beforeAll(async () => {
  const table = await freshTable();
  queues = await freshQueues();
  twilio = await startFakeTwilio({ accountSid: `AC${'2'.repeat(32)}`, authToken: 'token' });
  slack = await startFakeSlack({ botToken: 'xoxb-test', signingSecret: 'secret' });
  const knowledge = loadKnowledge('knowledge');
  const offline = new OfflineModel(knowledge);
  // Counts calls and passes them to the real offline model.
  const model: LanguageModel = {
    name: offline.name,
    respond: (request) => {
      modelCalls++;
      return offline.respond(request);
    },
  };
  deps = {
    store: new DynamoDbConversationStore(table.documentClient, table.tableName),
    ledger: new DynamoDbUsageLedger(table.documentClient, table.tableName),
    escalations: new SqsEscalationQueue(queues.client, queues.escalations.url),
    channel: new TwilioCustomerChannel({
      accountSid: twilio.accountSid,
      authToken: twilio.authToken,
      apiUrl: twilio.url,
      maxAttempts: 1,
      baseDelayMs: 1,
    }),
    desk: SlackAgentDesk.create({ token: 'xoxb-test', slackApiUrl: slack.url, channel: 'C0TEST' }),
    model,
    knowledge,
    settings,
    clock: { now: () => new Date() },
    canary: makeCanary('test'),
  };
});

afterAll(async () => {
  await twilio?.stop();
  await slack?.stop();
});

async function inbound(from: string, body: string): Promise<ConversationEvent> {
  const events: ConversationEvent[] = [];
  await receiveCustomerMessage(
    {
      store: deps.store,
      events: { publish: async (event) => void events.push(event as ConversationEvent) },
      clock: deps.clock,
    },
    {
      messageSid: `SM${String(++sids).padStart(32, '7')}`,
      channel: 'sms',
      customerAddress: from,
      businessAddress: '+15550100000',
      body,
      media: [],
    },
  );
  return events[0]!;
}

/** A conversation escalated, its card posted and claimed by Ana: mode `agent`. */
async function withAgent(from: string): Promise<{ conversation: Conversation; threadTs: string }> {
  const first = await inbound(from, 'I want to talk to a person');
  expect(await handleCustomerMessage(deps, first)).toBe('escalated');
  const queued = (await deps.store.getConversation(first.conversationId))!;
  const kase = (await deps.store.getCase(queued.caseId!))!;
  const ref = await deps.desk.postCase({ kase, transcript: [] });
  const agent = { id: 'UANA', name: 'Ana' };
  await deps.store.saveCase({
    ...kase,
    deskRef: ref,
    status: 'claimed',
    owner: agent,
    version: kase.version + 1,
  });
  const conversation = { ...queued, mode: 'agent' as const, owner: agent, version: queued.version + 1 };
  await deps.store.saveConversation(conversation);
  return { conversation, threadTs: slackMessageOf(ref).ts };
}

/** The thread's texts once the notifier has run the queued thread jobs. */
const threadTexts = async (ts: string) => {
  await runDeskJobs(queues.client, queues.escalations.url, deps);
  return threadNow(ts);
};
const threadNow = (ts: string) =>
  [...slack.messages.values()].filter((m) => m.thread_ts === ts && m.ts !== ts).map((m) => m.text ?? '');

it('a suggested reply counts against the conversation budget and the hourly ledger, and keeps its tokens', async () => {
  const { conversation, threadTs } = await withAgent('+15557779001');
  const hour = hourOf(new Date());
  const ledgerBefore = await deps.ledger.current(hour);
  const calls = modelCalls;
  const event = await inbound('+15557779001', 'Do you ship to Canada?');
  expect(await handleCustomerMessage(deps, event)).toBe('to_agents');
  expect(modelCalls).toBe(calls + 1);
  expect((await threadTexts(threadTs)).some((text) => text.startsWith('Suggested reply:'))).toBe(true);

  const suggestion = await deps.store.getMessage(conversation.id, `suggestion-${event.messageId}`);
  expect(suggestion?.tokens?.input).toBeGreaterThan(0);
  const spent = totalTokens(suggestion!.tokens!);
  const after = await deps.store.getConversation(conversation.id);
  expect(after?.usage?.calls).toBe((conversation.usage?.calls ?? 0) + 1);
  expect(after?.usage?.tokens).toBe((conversation.usage?.tokens ?? 0) + spent);
  // Another test's model calls may share the hour: at least this suggestion's tokens were added.
  expect((await deps.ledger.current(hour)).tokens - ledgerBefore.tokens).toBeGreaterThanOrEqual(spent);
});

it('past the conversation budget the agent gets no suggestion, the model is not called, and the thread is told once', async () => {
  const { conversation, threadTs } = await withAgent('+15557779002');
  await deps.store.saveConversation({
    ...conversation,
    usage: {
      windowStart: new Date().toISOString(),
      calls: 0,
      tokens: settings.guardrails.tokensPerConversation,
    },
    version: conversation.version + 1,
  });
  const calls = modelCalls;
  for (const body of ['Do you ship to Canada?', 'And to Mexico?']) {
    expect(await handleCustomerMessage(deps, await inbound('+15557779002', body))).toBe('to_agents');
  }
  expect(modelCalls).toBe(calls);
  const texts = await threadTexts(threadTs);
  expect(texts.filter((text) => text.startsWith('Suggested reply:'))).toHaveLength(0);
  expect(texts.filter((text) => text.includes('no more suggested replies'))).toHaveLength(1);
  // The customer's messages still reach the thread.
  expect(texts.filter((text) => text.includes('Mexico'))).toHaveLength(1);
});

it('past a global hourly ceiling the AI escalates with budget_exceeded and the model is not called', async () => {
  const hour = hourOf(new Date());
  const now = await deps.ledger.current(hour);
  await deps.ledger.add(hour, { tokens: Math.max(0, settings.ceilings.modelTokensPerHour - now.tokens) });
  const calls = modelCalls;
  const event = await inbound('+15557779003', 'What is the warranty on your tents?');
  expect(await handleCustomerMessage(deps, event)).toBe('escalated');
  expect(modelCalls).toBe(calls);
  const conversation = await deps.store.getConversation(event.conversationId);
  expect(conversation?.mode).toBe('queued');
  expect((await deps.store.getCase(conversation?.caseId ?? ''))?.packet.reason).toBe('budget_exceeded');
  // The customer is still told what happens next: system messages go out over the ceiling.
  expect(twilio.messages.filter((m) => m.to === '+15557779003')).toHaveLength(1);
});
