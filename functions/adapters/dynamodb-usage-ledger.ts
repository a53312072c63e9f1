/**
 * The {@link UsageLedger} on the one table: one item per clock hour (UTC), `pk = USAGE#<yyyy-mm-ddThh>`,
 * `sk = USAGE`, counters `tokens` and `messages` raised with an atomic `ADD`, so concurrent workers never
 * lose a count. Each item expires by TTL two days after its hour. Keys in `docs/data-model.md`.
 */
import { type DynamoDBDocumentClient, GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { ValidationError } from '#core/errors.ts';
import type { HourlyUsage, UsageLedger } from '#core/ports.ts';

/** How long an hour's counters are kept after the hour starts (long enough to look at yesterday). */
export const USAGE_TTL_SECONDS = 2 * 24 * 3600;

const HOUR = /^\d{4}-\d{2}-\d{2}T\d{2}$/;

/** DynamoDB implementation of the {@link UsageLedger} port. */
export class DynamoDbUsageLedger implements UsageLedger {
  constructor(
    private readonly documentClient: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async current(hour: string): Promise<HourlyUsage> {
    const { Item } = await this.documentClient.send(
      // Strong read: the ceiling check must see the additions other workers just made.
      new GetCommand({ TableName: this.tableName, Key: key(hour), ConsistentRead: true }),
    );
    return usageOf(Item);
  }

  async add(hour: string, amounts: Partial<HourlyUsage>): Promise<HourlyUsage> {
    const tokens = count(amounts.tokens, 'tokens');
    const messages = count(amounts.messages, 'messages');
    const { Attributes } = await this.documentClient.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: key(hour),
        UpdateExpression:
          'ADD #tokens :tokens, #messages :messages SET itemType = :type, expiresAt = :expires',
        ExpressionAttributeNames: { '#tokens': 'tokens', '#messages': 'messages' },
        ExpressionAttributeValues: {
          ':tokens': tokens,
          ':messages': messages,
          ':type': 'usage',
          ':expires': Math.floor(Date.parse(`${hour}:00:00Z`) / 1000) + USAGE_TTL_SECONDS,
        },
        ReturnValues: 'ALL_NEW',
      }),
    );
    return usageOf(Attributes);
  }
}

function key(hour: string): { pk: string; sk: string } {
  if (!HOUR.test(hour) || Number.isNaN(Date.parse(`${hour}:00:00Z`))) {
    throw new ValidationError(`usage hour must be yyyy-mm-ddThh (UTC), got "${hour}"`);
  }
  return { pk: `USAGE#${hour}`, sk: 'USAGE' };
}

function count(value: number | undefined, name: string): number {
  const amount = value ?? 0;
  if (!Number.isSafeInteger(amount) || amount < 0) {
    throw new ValidationError(`usage ${name} must be a non-negative integer, got ${amount}`);
  }
  return amount;
}

function usageOf(item: Record<string, unknown> | undefined): HourlyUsage {
  return { tokens: Number(item?.tokens ?? 0), messages: Number(item?.messages ?? 0) };
}
