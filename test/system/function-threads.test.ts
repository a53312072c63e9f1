/**
 * The local runtime with `functionThreads` (as `npm run dev` and the benchmarks run it): the queue
 * consumers and the sweeper run in a worker thread, the HTTP handlers in the runtime's own thread.
 * Answers, escalations, the sweep, fault injection and drain work across the thread as in one thread.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { type SystemHarness, startSystem, waitFor } from '../helpers/system.ts';

const business = '+15550100000';
let system: SystemHarness;

beforeAll(async () => {
  system = await startSystem({}, { functionThreads: true, pollerBackoffMs: { min: 100, max: 1000 } });
});

afterAll(async () => {
  await system?.stop();
});

it('every handler is ready, the background ones loaded in their thread', async () => {
  const health = await system.runtime.health();
  expect(health.status).toBe('ok');
  expect(Object.values(health.components.handlers)).toEqual(Array(6).fill('ready'));
});

it('a customer message is answered once by the worker in its thread, and drain waits for it', async () => {
  const from = '+15557775001';
  const response = await system.driver.customerSays({
    from,
    to: business,
    body: 'How much does standard shipping cost?',
  });
  expect(response.status).toBe(200);
  await system.settle();
  expect(system.sentTo(from)).toHaveLength(1);
  expect(system.sentTo(from)[0]?.body).toContain('$6.95');
});

it('an escalation reaches the desk: the notifier in the thread posts the card', async () => {
  const from = '+15557775002';
  await system.driver.customerSays({ from, to: business, body: 'I want to talk to a person' });
  await system.settle();
  expect(system.cardFor(from)).toBeDefined();
});

it('failed receives are injected into the thread: webhooks are accepted and answered once receiving resumes', async () => {
  const from = '+15557775003';
  system.runtime.faults.failSqsReceives(3000);
  // A long poll already waiting (up to 1 s) may still return; every receive after it fails.
  await new Promise((resolve) => setTimeout(resolve, 1200));
  const response = await system.driver.customerSays({
    from,
    to: business,
    body: 'How much does standard shipping cost?',
  });
  expect(response.status).toBe(200);
  await new Promise((resolve) => setTimeout(resolve, 800));
  expect(system.sentTo(from)).toHaveLength(0);
  await waitFor(() => system.sentTo(from).length === 1, 15_000);
  await system.settle();
  expect(system.sentTo(from)).toHaveLength(1);
});

it('the sweep runs the sweeper in the thread and returns its result', async () => {
  const result = await system.runtime.sweep();
  expect(result).toBeTypeOf('object');
});
