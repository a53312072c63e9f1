/**
 * The hourly usage ledger against DynamoDB Local: atomic additions per clock hour, a TTL on every item,
 * and bad input refused before anything is written.
 */
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll, expect, it } from 'vitest';
import { DynamoDbUsageLedger, USAGE_TTL_SECONDS } from '../../functions/adapters/dynamodb-usage-ledger.ts';
import { ValidationError } from '../../functions/core/errors.ts';
import { freshTable } from '../helpers/aws.ts';

let table: Awaited<ReturnType<typeof freshTable>>;
let ledger: DynamoDbUsageLedger;

beforeAll(async () => {
  table = await freshTable();
  ledger = new DynamoDbUsageLedger(table.documentClient, table.tableName);
});

it('an hour nobody used reads as zero', async () => {
  expect(await ledger.current('2026-01-05T09')).toEqual({ tokens: 0, messages: 0 });
});

it('concurrent additions all count, and the totals come back from each addition', async () => {
  const hour = '2026-01-05T10';
  const results = await Promise.all(
    Array.from({ length: 20 }, (_, index) =>
      ledger.add(hour, index % 2 === 0 ? { tokens: 100 } : { messages: 1 }),
    ),
  );
  expect(await ledger.current(hour)).toEqual({ tokens: 1000, messages: 10 });
  // Each addition saw a distinct total: exactly one of them took tokens from 900 to 1000.
  const tokenTotals = results.filter((_, index) => index % 2 === 0).map((usage) => usage.tokens);
  expect(new Set(tokenTotals).size).toBe(10);
  expect(Math.max(...tokenTotals)).toBe(1000);
});

it('hours are counted apart', async () => {
  await ledger.add('2026-01-05T11', { tokens: 5, messages: 2 });
  await ledger.add('2026-01-05T12', { tokens: 7 });
  expect(await ledger.current('2026-01-05T11')).toEqual({ tokens: 5, messages: 2 });
  expect(await ledger.current('2026-01-05T12')).toEqual({ tokens: 7, messages: 0 });
});

it('the item is keyed by the hour and expires two days after the hour starts', async () => {
  await ledger.add('2026-01-05T13', { messages: 1 });
  const { Item } = await table.documentClient.send(
    new GetCommand({ TableName: table.tableName, Key: { pk: 'USAGE#2026-01-05T13', sk: 'USAGE' } }),
  );
  expect(Item?.expiresAt).toBe(Date.parse('2026-01-05T13:00:00Z') / 1000 + USAGE_TTL_SECONDS);
  expect(Item?.itemType).toBe('usage');
});

it('a malformed hour or a negative amount is refused and nothing is written', async () => {
  await expect(ledger.add('2026-01-05 14', { tokens: 1 })).rejects.toThrow(ValidationError);
  await expect(ledger.current('USAGE')).rejects.toThrow(ValidationError);
  await expect(ledger.add('2026-01-05T14', { tokens: -5 })).rejects.toThrow(ValidationError);
  await expect(ledger.add('2026-01-05T14', { messages: 1.5 })).rejects.toThrow(ValidationError);
  expect(await ledger.current('2026-01-05T14')).toEqual({ tokens: 0, messages: 0 });
});
