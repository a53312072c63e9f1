/**
 * Guardrails on the live path, with the Anthropic model behind its wire-format emulator: a card number
 * never reaches the model request or the logs; a self-harm message gets the safety text at once and a person.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { conversationIdOf } from '../../functions/core/model.ts';
import { type FakeAnthropic, startFakeAnthropic } from '../../local/fake-anthropic.ts';
import { type SystemHarness, startSystem } from '../helpers/system.ts';

let anthropic: FakeAnthropic;
let system: SystemHarness;
const logs: string[] = [];
const write = process.stdout.write.bind(process.stdout);

beforeAll(async () => {
  anthropic = await startFakeAnthropic();
  // Everything the handlers log (Powertools writes JSON lines to stdout) is kept for inspection.
  process.stdout.write = ((chunk: string | Uint8Array, ...rest: unknown[]) => {
    logs.push(String(chunk));
    return (write as (...args: unknown[]) => boolean)(chunk, ...rest);
  }) as typeof process.stdout.write;
  system = await startSystem({
    MODEL_PROVIDER: 'anthropic',
    ANTHROPIC_API_KEY: 'sk-ant-test-key',
    ANTHROPIC_BASE_URL: anthropic.url,
    LOG_LEVEL: 'DEBUG',
  });
});

afterAll(async () => {
  process.stdout.write = write;
  await system?.stop();
  await anthropic?.stop();
});

it('a card number never reaches the model request or the logs, and the model still answers', async () => {
  const customer = '+15557775001';
  await system.driver.customerSays({
    from: customer,
    body: 'My card 4111 1111 1111 1111 was charged twice for order 55120, can you check?',
  });
  await system.settle();
  expect(anthropic.requests.length).toBeGreaterThan(0);
  const request = JSON.stringify(anthropic.requests.map((recorded) => recorded.body));
  expect(request).not.toMatch(/4111[\s-]?1111[\s-]?1111[\s-]?1111/);
  // The card never reached the table: the stored text (what the model sees) keeps only its last four digits.
  expect(request).toContain('[card ending 1111]');
  expect(request).toContain('order 55120');
  // The system prefix carries the cache breakpoint.
  expect(JSON.stringify(anthropic.requests[0]?.body.system)).toContain(
    '"cache_control":{"type":"ephemeral"}',
  );
  const logged = logs.join('');
  expect(logged).toContain('inbound message accepted');
  expect(logged).not.toMatch(/4111[\s-]?1111[\s-]?1111[\s-]?1111/);
  expect(logged).not.toContain(customer);
  // The answer, and once the notice that card numbers should not be sent here.
  expect(system.sentTo(customer)).toHaveLength(2);
});

it('a self-harm message gets the safety message at once, without the model, and goes to a person', async () => {
  const customer = '+15557775002';
  const before = anthropic.requests.length;
  await system.driver.customerSays({ from: customer, body: "I don't want to live anymore" });
  await system.settle();
  expect(anthropic.requests.length).toBe(before);
  expect(system.sentTo(customer)[0]?.body).toContain('988');
  const conversation = await system.store.getConversation(
    conversationIdOf({ channel: 'sms', customerAddress: customer, businessAddress: '+15550100000' }),
  );
  expect(conversation?.mode).toBe('queued');
  const kase = await system.store.getCase(conversation?.caseId ?? '');
  expect(kase?.packet.reason).toBe('self_harm');
  expect(kase?.priority).toBe('urgent');
  expect(system.cardFor(customer)).toBeDefined();
});

it('when the model is overloaded for good, the customer is told and a person takes over', async () => {
  const customer = '+15557775003';
  anthropic.script(Array.from({ length: 10 }, () => ({ status: 529 })));
  await system.driver.customerSays({ from: customer, body: 'What is the warranty on your tents?' });
  await system.settle();
  anthropic.reset();
  expect(system.sentTo(customer)[0]?.body).toMatch(/trouble/);
  const conversation = await system.store.getConversation(
    conversationIdOf({ channel: 'sms', customerAddress: customer, businessAddress: '+15550100000' }),
  );
  expect(conversation?.mode).toBe('queued');
  expect((await system.store.getCase(conversation?.caseId ?? ''))?.packet.reason).toBe('model_unavailable');
});
