/**
 * Round trips per message, counted on the running system: every DynamoDB and SQS request the handlers
 * and event sources make goes through a counting proxy (`support/request-counter.ts`). Three flows, each
 * from signed webhook to settled queues (reply at the emulated Twilio, card posted in the emulated Slack):
 * a customer's first message answered by the AI, a follow-up answered by the AI, and an escalation.
 * SQS `ReceiveMessage` and `GetQueueAttributes` are the event sources' polling and are left out.
 * Delivery receipts (the emulated Twilio's `sent` and `delivered` callbacks for each outbound message, to
 * `POST /twilio/status`) are counted apart: they are Twilio's, not the message's path, and come whether or
 * not anyone reads them. A request is a receipt's when it writes a delivery status or reads a provider-id
 * pointer (`bench/support/request-counter.ts` classifies by the request body).
 */
import { randomUUID } from 'node:crypto';
import { driverFor } from '../local/driver.ts';
import { startDynamoDbLocal } from '../local/dynamodb-local.ts';
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
  const snapshot = () => ({ dynamo: dynamoCounter.counts(), sqs: sqsCounter.counts() });
  /** Mean requests per message of `flow`, run once per customer, each waited for until the queues settle. */
  const perMessage = async (customers: string[], body: string): Promise<Figures> => {
    const totals = { reads: 0, writes: 0, sqs: 0, receipts: 0 };
    const operations: Record<string, number> = {};
    for (const from of customers) {
      const before = snapshot();
      await driver.customerSays({ from, to: business, body });
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
    const n = customers.length;
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
    const first = await perMessage(customers, 'How much does standard shipping cost?');
    const followUp = await perMessage(customers, 'And how long does international shipping take?');
    const escalation = await perMessage(escalating, 'I want to talk to a person please');
    const figures: Figures = {};
    for (const [label, flow] of [
      ['first message (AI answer)', first],
      ['follow-up (AI answer)', followUp],
      ['escalation (to card posted)', escalation],
    ] as const) {
      for (const [key, value] of Object.entries(flow)) figures[`${label}: ${key}`] = value;
    }
    return figures;
  } finally {
    await runtime.stop();
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
