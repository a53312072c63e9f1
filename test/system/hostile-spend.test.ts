/**
 * Spend on the live path (local runtime, Anthropic behind its wire-format emulator, EMF metrics on):
 * the model call that crosses the deployment's hourly token ceiling is counted with its cache reads and
 * writes and raises `BudgetCeilingCrossed`; while the ceiling stays crossed, a customer's question goes to
 * a person with reason `budget_exceeded` and the model is not called.
 *
 * The ceiling is crossed the way production would see it: the hour's ledger item is filled through the
 * real adapter on the runtime's table (no settings override).
 */
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, expect, it } from 'vitest';
import businessSettings from '../../config/business.ts';
import { CEILING_METRIC } from '../../functions/adapters/ceiling-metrics.ts';
import { DynamoDbUsageLedger } from '../../functions/adapters/dynamodb-usage-ledger.ts';
import { hourOf } from '../../functions/core/guardrails/budget.ts';
import { conversationIdOf } from '../../functions/core/model.ts';
import { parseBusinessSettings } from '../../functions/shared/business-settings.ts';
import { localDynamoClient } from '../../local/dynamodb-local.ts';
import { type FakeAnthropic, fakeText, startFakeAnthropic } from '../../local/fake-anthropic.ts';
import { type SystemHarness, slackText, startSystem } from '../helpers/system.ts';

const ceiling = parseBusinessSettings(businessSettings).ceilings.modelTokensPerHour;
const business = '+15550100000';
let anthropic: FakeAnthropic;
let system: SystemHarness;
let ledger: DynamoDbUsageLedger;
const logs: string[] = [];
const write = process.stdout.write.bind(process.stdout);

beforeAll(async () => {
  anthropic = await startFakeAnthropic();
  process.stdout.write = ((chunk: string | Uint8Array, ...rest: unknown[]) => {
    logs.push(String(chunk));
    return (write as (...args: unknown[]) => boolean)(chunk, ...rest);
  }) as typeof process.stdout.write;
  system = await startSystem({
    MODEL_PROVIDER: 'anthropic',
    ANTHROPIC_API_KEY: 'sk-ant-test-key',
    ANTHROPIC_BASE_URL: anthropic.url,
    // EMF records on stdout, so the ceiling metric can be seen.
    POWERTOOLS_METRICS_DISABLED: 'false',
  });
  ledger = new DynamoDbUsageLedger(
    DynamoDBDocumentClient.from(localDynamoClient(system.runtime.services.dynamoEndpoint)),
    system.runtime.services.tableName,
  );
});

afterAll(async () => {
  process.stdout.write = write;
  await system?.stop();
  await anthropic?.stop();
});

const conversationOf = (customer: string) =>
  system.store.getConversation(
    conversationIdOf({ channel: 'sms', customerAddress: customer, businessAddress: business }),
  );

it('the model call that crosses the hourly token ceiling is answered, counted with cache reads and writes, and raises the ceiling metric', async () => {
  const customer = '+15557776001';
  const hour = hourOf(new Date());
  await ledger.add(hour, { tokens: ceiling - 1 });
  anthropic.script([
    {
      status: 200,
      body: fakeText('Our tents carry a two-year warranty.', {
        input_tokens: 50,
        output_tokens: 10,
        cache_read_input_tokens: 30,
        cache_creation_input_tokens: 20,
      }),
    },
  ]);
  await system.driver.customerSays({ from: customer, body: 'What is the warranty on your tents?' });
  await system.settle();

  expect(system.sentTo(customer).map((m) => m.body)).toEqual(['Our tents carry a two-year warranty.']);
  expect(await ledger.current(hour)).toEqual({ tokens: ceiling - 1 + 110, messages: 1 });
  const conversation = await conversationOf(customer);
  expect(conversation?.usage?.tokens).toBe(110);
  const reply = (await system.store.recentMessages(conversation?.id ?? '', 10)).find(
    (m) => m.author === 'ai',
  );
  expect(reply?.tokens).toEqual({ input: 50, output: 10, cacheRead: 30, cacheWrite: 20 });

  const records = logs
    .flatMap((chunk) => chunk.split('\n'))
    .filter((line) => line.includes(`"${CEILING_METRIC}"`))
    .map((line) => JSON.parse(line));
  expect(records).toHaveLength(1);
  expect(records[0]).toMatchObject({ [CEILING_METRIC]: 1, ceiling: 'tokens', service: 'tandem' });
  expect(records[0]._aws.CloudWatchMetrics[0].Namespace).toBe('Tandem');
});

it('with the global token ceiling crossed, a question escalates with budget_exceeded: card posted, customer told, model not called', async () => {
  const customer = '+15557776002';
  // Crossed for this hour and the next, so a clock hour ending mid-test changes nothing.
  const now = new Date();
  for (const hour of [hourOf(now), hourOf(new Date(now.getTime() + 3_600_000))]) {
    await ledger.add(hour, { tokens: ceiling });
  }
  const modelRequests = anthropic.requests.length;
  await system.driver.customerSays({ from: customer, body: 'Do you ship to Canada?' });
  await system.settle();

  expect(anthropic.requests.length).toBe(modelRequests);
  const conversation = await conversationOf(customer);
  expect(conversation?.mode).toBe('queued');
  expect((await system.store.getCase(conversation?.caseId ?? ''))?.packet.reason).toBe('budget_exceeded');
  const card = system.cardFor(customer);
  expect(card).toBeDefined();
  expect(slackText(card)).toContain('AI budget exceeded');
  const told = system.sentTo(customer);
  expect(told).toHaveLength(1);
  expect(told[0]?.body).toMatch(/our team/);
});
