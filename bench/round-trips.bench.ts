/**
 * Round trips per message, counted on the running system: every DynamoDB and SQS request the handlers
 * and event sources make goes through a counting proxy (`support/request-counter.ts`). Three customer flows,
 * each from signed webhook to settled queues (reply at the emulated Twilio, card posted in the emulated
 * Slack): a customer's first message answered by the AI, a follow-up answered by the AI, and an escalation.
 * Then three desk flows on the escalated cases, each from the signed Slack request to settled queues: a
 * Claim, the owner's thread reply (sent to the customer, ✓ on the reply) and a Resolve (closing message).
 * Lookups the bench itself makes (case ids) go to DynamoDB Local directly and are not counted.
 * SQS `ReceiveMessage` and `GetQueueAttributes` are the event sources' polling and are left out.
 * Delivery receipts (the emulated Twilio's `sent` and `delivered` callbacks for each outbound message, to
 * `POST /twilio/status`) are counted apart: they are Twilio's, not the message's path, and come whether or
 * not anyone reads them. A request is a receipt's when it writes a delivery status or reads a provider-id
 * pointer (`bench/support/request-counter.ts` classifies by the request body).
 */
import { randomUUID } from 'node:crypto';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { DynamoDbConversationStore } from '../functions/adapters/dynamodb-conversation-store.ts';
import { ACTION_IDS, encodeActionValue } from '../functions/adapters/slack-blocks.ts';
import { conversationIdOf } from '../functions/core/model.ts';
import { driverFor } from '../local/driver.ts';
import { localDynamoClient, startDynamoDbLocal } from '../local/dynamodb-local.ts';
import { freePort } from '../local/ports.ts';
import { EMULATED_ENV, startLocalRuntime } from '../local/runtime.ts';
import { startSqsLocal } from '../local/sqs-local.ts';
import { countsBetween, startRequestCounter } from './support/request-counter.ts';
import { type Figures, isolated, round } from './support/system.ts';

const CUSTOMERS = 10;
const business = '+15550100000';
const WRITES = new Set(['PutItem', 'UpdateItem', 'DeleteItem', 'TransactWriteItems', 'BatchWriteItem']);
const POLLING = new Set(['ReceiveMessage', 'GetQueueAttributes']);

/** The measurement (runs in a child process: one runtime per process). */
export async function measure(): Promise<Figures> {
  const [dynamo, sqs] = await Promise.all([
    freePort().then((port) => startDynamoDbLocal({ port })),
    freePort().then((port) => startSqsLocal({ port })),
  ]);
  const dynamoCounter = await startRequestCounter(dynamo.endpoint, { classify: receiptRequest });
  const sqsCounter = await startRequestCounter(sqs.endpoint);
  const runtime = await startLocalRuntime({
    port: 0,
    dynamoEndpoint: dynamoCounter.endpoint,
    sqsEndpoint: sqsCounter.endpoint,
    resourcePrefix: `rt${randomUUID().slice(0, 8)}`,
    sweepIntervalMs: 0,
    quiet: true,
    env: { ...EMULATED_ENV, LOG_LEVEL: 'ERROR', POWERTOOLS_DEV: '' },
  });
  const driver = driverFor(runtime);
  const slack = runtime.services.slack.fake;
  if (!slack) throw new Error('the round-trips bench needs the emulated Slack');
  const channel = runtime.services.slack.escalationChannel;
  // Not through the counter: the bench's own lookups are not the system's requests.
  const uncounted = localDynamoClient(dynamo.endpoint);
  const store = new DynamoDbConversationStore(
    DynamoDBDocumentClient.from(uncounted),
    runtime.services.tableName,
  );
  /** The case and card of `customer`'s escalation. */
  const cardOf = async (customer: string): Promise<{ caseId: string; cardTs: string }> => {
    const key = { channel: 'sms' as const, customerAddress: customer, businessAddress: business };
    const caseId = (await store.getConversation(conversationIdOf(key)))?.caseId;
    const card = [...slack.messages.values()].find(
      (message) =>
        message.channel === channel &&
        (!message.thread_ts || message.thread_ts === message.ts) &&
        JSON.stringify(message.blocks ?? []).includes(`•${customer.slice(-4)}`),
    );
    if (!caseId || !card) throw new Error(`no case or card for ${customer}`);
    return { caseId, cardTs: card.ts };
  };
  const snapshot = () => ({ dynamo: dynamoCounter.counts(), sqs: sqsCounter.counts() });
  /** Mean requests of `act`, run once per item, each waited for until the queues settle. */
  const perRun = async <T>(items: T[], act: (item: T) => Promise<unknown>): Promise<Figures> => {
    const totals = { reads: 0, writes: 0, sqs: 0, receipts: 0 };
    const operations: Record<string, number> = {};
    for (const item of items) {
      const before = snapshot();
      await act(item);
      await runtime.drain({ timeoutMs: 60_000 });
      const after = snapshot();
      for (const [operation, count] of Object.entries(countsBetween(before.dynamo, after.dynamo))) {
        if (operation.startsWith(RECEIPT)) {
          totals.receipts += count;
          continue;
        }
        operations[operation] = (operations[operation] ?? 0) + count;
        if (WRITES.has(operation)) totals.writes += count;
        else totals.reads += count;
      }
      for (const [operation, count] of Object.entries(countsBetween(before.sqs, after.sqs))) {
        if (!POLLING.has(operation)) totals.sqs += count;
      }
    }
    const n = items.length;
    return {
      'DynamoDB requests': round((totals.reads + totals.writes) / n),
      'DynamoDB writes': round(totals.writes / n),
      'SQS calls (polling excluded)': round(totals.sqs / n),
      'DynamoDB requests of its delivery receipts': round(totals.receipts / n),
      'DynamoDB by operation': Object.entries(operations)
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([operation, count]) => `${operation} ${round(count / n)}`)
        .join(', '),
    };
  };
  try {
    // Warm every handler once, so module loading is not in the counts.
    await driver.customerSays({ from: '+15557000000', to: business, body: 'Hello' });
    await runtime.drain({ timeoutMs: 60_000 });
    const customers = Array.from({ length: CUSTOMERS }, (_, i) => `+1555710${String(i).padStart(4, '0')}`);
    const escalating = Array.from({ length: CUSTOMERS }, (_, i) => `+1555720${String(i).padStart(4, '0')}`);
    const says = (body: string) => (from: string) => driver.customerSays({ from, to: business, body });
    const first = await perRun(customers, says('How much does standard shipping cost?'));
    const followUp = await perRun(customers, says('And how long does international shipping take?'));
    const escalation = await perRun(escalating, says('I want to talk to a person please'));
    // The desk: each escalated case claimed, answered in its thread and resolved, by one agent.
    const cases = await Promise.all(escalating.map((customer) => cardOf(customer)));
    const agent = { id: 'UBENCH0', username: 'agent0' };
    const claim = await perRun(cases, ({ caseId, cardTs }) =>
      driver.agentClicks({ agent, actionId: ACTION_IDS.claim, value: caseId, messageTs: cardTs }),
    );
    const reply = await perRun(cases, ({ cardTs }) => {
      const text = 'Your refund is on its way.';
      const posted = slack.postAsUser({ channel, user: agent.id, text, thread_ts: cardTs });
      return driver.agentReplies({ agent, threadTs: cardTs, text, ts: posted.ts });
    });
    const resolve = await perRun(cases, ({ caseId, cardTs }) =>
      driver.agentClicks({
        agent,
        actionId: ACTION_IDS.resolve,
        selectedValue: encodeActionValue({ caseId, outcome: 'solved' }),
        messageTs: cardTs,
      }),
    );
    const figures: Figures = {};
    for (const [label, flow] of [
      ['first message (AI answer)', first],
      ['follow-up (AI answer)', followUp],
      ['escalation (to card posted)', escalation],
      ['claim (desk)', claim],
      ['thread reply (desk, to the customer)', reply],
      ['resolve (desk, closing message)', resolve],
    ] as const) {
      for (const [key, value] of Object.entries(flow)) figures[`${label}: ${key}`] = value;
    }
    return figures;
  } finally {
    await runtime.stop();
    uncounted.destroy();
    await Promise.all([dynamoCounter.stop(), sqsCounter.stop()]);
    await Promise.all([dynamo.stop(), sqs.stop()]);
  }
}

const RECEIPT = 'receipt:';

/** A delivery receipt's request: a status write on a message, or a provider-id pointer's read or park. */
function receiptRequest(operation: string, body: string): string | undefined {
  if (operation === 'UpdateItem' && /statusRank = :rank|pendingStatus = :status/.test(body)) {
    return `${RECEIPT}${operation}`;
  }
  if (operation === 'GetItem' && body.includes('"PROVIDER#')) return `${RECEIPT}${operation}`;
  return undefined;
}

/** Figures for `npm run bench`. */
export default async function roundTrips(): Promise<Figures> {
  return isolated(import.meta.url);
}
