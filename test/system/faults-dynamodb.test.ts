/**
 * DynamoDB stalls for a few seconds (a paused loopback proxy between the handlers and DynamoDB Local) while
 * customers write: webhooks wait (or fail and Twilio retries the same MessageSid), the worker's turns wait
 * or are retried, and every customer is answered exactly once.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { newMessageSid } from '../../local/driver.ts';
import { type SystemHarness, startSystem } from '../helpers/system.ts';

const business = '+15550100000';
let system: SystemHarness;

beforeAll(async () => {
  system = await startSystem({}, { dynamoProxy: true, queues: { events: { visibilityTimeoutSeconds: 3 } } });
});

afterAll(async () => {
  await system?.stop();
});

/** Twilio's behaviour: a webhook that did not get a 2xx is sent again with the same MessageSid. */
async function deliver(from: string, body: string): Promise<void> {
  const messageSid = newMessageSid();
  for (let attempt = 0; attempt < 5; attempt++) {
    const response = await system.driver.customerSays({ from, to: business, body, messageSid });
    if (response.status === 200) return;
  }
  throw new Error(`webhook for ${from} never accepted`);
}

it('every customer is answered exactly once across a DynamoDB stall', async () => {
  const dynamo = system.runtime.faults.dynamo;
  if (!dynamo) throw new Error('the runtime has no DynamoDB proxy');
  const customers = ['+15557773001', '+15557773002', '+15557773003', '+15557773004'];
  // Stalled while the webhooks arrive, and again while the worker handles them.
  dynamo.pause();
  const delivered = Promise.all(
    customers.map((from) => deliver(from, 'How much does standard shipping cost?')),
  );
  await new Promise((resolve) => setTimeout(resolve, 3000));
  dynamo.resume();
  await delivered;
  await dynamo.stallFor(3000);
  await system.settle();
  for (const from of customers) {
    const replies = system.sentTo(from);
    expect(replies, from).toHaveLength(1);
    expect(replies[0]?.body).toContain('$6.95');
  }
  expect(await system.deadLetters()).toEqual({ events: 0, escalations: 0 });
});
