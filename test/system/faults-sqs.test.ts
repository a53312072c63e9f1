/**
 * SQS faults on the local runtime: the pollers cannot receive for a while (they back off and nothing is
 * lost), and a poison event the worker cannot parse reaches the DLQ after maxReceiveCount without blocking
 * its conversation for good. The visibility timeout is 1 s instead of 180 s.
 */
import { SendMessageCommand } from '@aws-sdk/client-sqs';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { sqsSafeId } from '../../functions/adapters/sqs-event-queue.ts';
import { conversationIdOf } from '../../functions/core/model.ts';
import { localSqsClient } from '../../local/sqs-local.ts';
import { type SystemHarness, startSystem, waitFor } from '../helpers/system.ts';

const business = '+15550100000';
let system: SystemHarness;

beforeAll(async () => {
  system = await startSystem(
    {},
    {
      queues: { events: { visibilityTimeoutSeconds: 1, maxReceiveCount: 3 } },
      pollerBackoffMs: { min: 100, max: 1000 },
    },
  );
});

afterAll(async () => {
  await system?.stop();
});

it('while the pollers cannot receive, webhooks are still accepted, and every customer is answered once after', async () => {
  const customers = ['+15557774001', '+15557774002', '+15557774003'];
  system.runtime.faults.failSqsReceives(4000);
  // A long poll already waiting (up to 1 s) may still return; every receive after it fails.
  await new Promise((resolve) => setTimeout(resolve, 1200));
  for (const from of customers) {
    const response = await system.driver.customerSays({
      from,
      to: business,
      body: 'How much does standard shipping cost?',
    });
    expect(response.status).toBe(200);
  }
  await new Promise((resolve) => setTimeout(resolve, 1000));
  expect(customers.every((from) => system.sentTo(from).length === 0)).toBe(true);
  await waitFor(() => customers.every((from) => system.sentTo(from).length === 1), 15_000);
  await system.settle();
  for (const from of customers) expect(system.sentTo(from), from).toHaveLength(1);
});

it('a poison event reaches the DLQ after maxReceiveCount and the next message of its conversation is answered', async () => {
  const from = '+15557774010';
  const conversationId = conversationIdOf({
    channel: 'sms',
    customerAddress: from,
    businessAddress: business,
  });
  const sqs = localSqsClient(system.runtime.services.sqsEndpoint);
  try {
    await sqs.send(
      new SendMessageCommand({
        QueueUrl: system.runtime.services.queues.events.url,
        MessageBody: '{"type":"customer_message", this is not json',
        MessageGroupId: sqsSafeId(conversationId),
        MessageDeduplicationId: 'poison-1',
      }),
    );
  } finally {
    sqs.destroy();
  }
  await system.driver.customerSays({ from, to: business, body: 'How much does standard shipping cost?' });
  await system.settle();
  expect(system.sentTo(from)).toHaveLength(1);
  expect(system.sentTo(from)[0]?.body).toContain('$6.95');
  expect(await system.deadLetters()).toEqual({ events: 1, escalations: 0 });
});
