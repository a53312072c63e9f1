/**
 * The {@link UsageLedger} on the one table: per clock hour (UTC) a few counter items under
 * `pk = USAGE#<yyyy-mm-ddThh>`: `sk = USAGE` (the ledger's own additions) and `sk = USAGE#<shard>`
 * (additions made inside a worker's turn transaction, spread over {@link USAGE_SHARDS} items by
 * conversation so that concurrent transactions do not contend for one item). Counters `tokens` and
 * `messages` are raised with an atomic `ADD`, so concurrent workers never lose a count; the hour's usage is
 * their sum. Each item expires by TTL two days after its hour. Keys in `docs/data-model.md`.
 */
import { BatchGetCommand, type DynamoDBDocumentClient, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { ValidationError } from '#core/errors.ts';
import type { HourlyUsage, UsageLedger } from '#core/ports.ts';
import { shardOf } from './dynamodb-shards.ts';

/** How long an hour's counters are kept after the hour starts (long enough to look at yesterday). */
export const USAGE_TTL_SECONDS = 2 * 24 * 3600;
/** Counter items per hour that turn transactions add to. */
export const USAGE_SHARDS = 8;

const HOUR = /^\d{4}-\d{2}-\d{2}T\d{2}$/;

/** DynamoDB implementation of the {@link UsageLedger} port. */
export class DynamoDbUsageLedger implements UsageLedger {
  constructor(
    private readonly documentClient: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async current(hour: string): Promise<HourlyUsage> {
    return this.read(usageKeys(hour));
  }

  async add(hour: string, amounts: Partial<HourlyUsage>): Promise<HourlyUsage> {
    const [main, shards] = await Promise.all([
      this.documentClient.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: usageKeys(hour)[0],
          ...usageUpdate(hour, amounts),
          ReturnValues: 'ALL_NEW',
        }),
      ),
      this.read(usageKeys(hour).slice(1)),
    ]);
    // The hour's totals: this item just after the addition (distinct for each concurrent addition, so
    // exactly one of them sees a ceiling crossed), plus what turn transactions added to the shards.
    return sumUsage(usageOf(main.Attributes), shards);
  }

  private async read(keys: { pk: string; sk: string }[]): Promise<HourlyUsage> {
    const { Responses } = await this.documentClient.send(
      // Strong reads: the ceiling check must see the additions other workers just made.
      new BatchGetCommand({ RequestItems: { [this.tableName]: { Keys: keys, ConsistentRead: true } } }),
    );
    return (Responses?.[this.tableName] ?? []).map(usageOf).reduce(sumUsage, { tokens: 0, messages: 0 });
  }
}

/** Every counter item of `hour`: the ledger's own first, then the shards. */
export function usageKeys(hour: string): { pk: string; sk: string }[] {
  checkHour(hour);
  return [
    { pk: `USAGE#${hour}`, sk: 'USAGE' },
    ...Array.from({ length: USAGE_SHARDS }, (_, shard) => ({ pk: `USAGE#${hour}`, sk: `USAGE#${shard}` })),
  ];
}

/** The shard a conversation's turns add to (a stable hash of its id). */
export function usageShardKey(hour: string, conversationId: string): { pk: string; sk: string } {
  return usageKeys(hour)[1 + shardOf(conversationId, USAGE_SHARDS)] as { pk: string; sk: string };
}

/** The `ADD` of `amounts` to a counter item of `hour` (an UpdateItem's expression parts). */
export function usageUpdate(hour: string, amounts: Partial<HourlyUsage>) {
  checkHour(hour);
  return {
    UpdateExpression: 'ADD #tokens :tokens, #messages :messages SET itemType = :type, expiresAt = :expires',
    ExpressionAttributeNames: { '#tokens': 'tokens', '#messages': 'messages' },
    ExpressionAttributeValues: {
      ':tokens': count(amounts.tokens, 'tokens'),
      ':messages': count(amounts.messages, 'messages'),
      ':type': 'usage',
      ':expires': Math.floor(Date.parse(`${hour}:00:00Z`) / 1000) + USAGE_TTL_SECONDS,
    },
  };
}

/** The counters of one item (absent: zero). */
export function usageOf(item: Record<string, unknown> | undefined): HourlyUsage {
  return { tokens: Number(item?.['tokens'] ?? 0), messages: Number(item?.['messages'] ?? 0) };
}

function sumUsage(sum: HourlyUsage, part: HourlyUsage): HourlyUsage {
  return { tokens: sum.tokens + part.tokens, messages: sum.messages + part.messages };
}

function checkHour(hour: string): void {
  if (!HOUR.test(hour) || Number.isNaN(Date.parse(`${hour}:00:00Z`))) {
    throw new ValidationError(`usage hour must be yyyy-mm-ddThh (UTC), got "${hour}"`);
  }
}

function count(value: number | undefined, name: string): number {
  const amount = value ?? 0;
  if (!Number.isSafeInteger(amount) || amount < 0) {
    throw new ValidationError(`usage ${name} must be a non-negative integer, got ${amount}`);
  }
  return amount;
}
