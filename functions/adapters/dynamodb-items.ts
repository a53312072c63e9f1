/**
 * What every adapter on the one table shares: the keys of each item type, time and value normalisation,
 * the message append (a message and its uniqueness item in one transaction) and the transaction helpers.
 * Small on purpose: the Twilio webhook bundles it without the whole store.
 */
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { type DynamoDBDocumentClient, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { DELIVERY_STATUS_RANK } from '#core/delivery-status.ts';
import { ValidationError } from '#core/errors.ts';
import { redactAtRestDeep } from '#core/guardrails/pii-at-rest.ts';
import type { Message } from '#core/model.ts';

/** A raw table item. */
export type Item = Record<string, unknown>;

/** The entries of a `TransactWriteItems`. */
export type TransactItems = NonNullable<TransactWriteCommand['input']['TransactItems']>;

/** Attempts for a transaction cancelled by a concurrent transaction on the same items. */
export const TRANSACTION_ATTEMPTS = 8;

/** The table's keys, by item type (`docs/data-model.md`). */
export const keys = {
  conversation: (id: string) => ({ pk: `CONV#${id}`, sk: 'CONV' }),
  message: (conversationId: string, messageSk: string) => ({ pk: `CONV#${conversationId}`, sk: messageSk }),
  messageId: (conversationId: string, messageId: string) => ({
    pk: `CONV#${conversationId}`,
    sk: `MSGID#${messageId}`,
  }),
  provider: (providerId: string) => ({ pk: `PROVIDER#${providerId}`, sk: 'PROVIDER' }),
  case: (caseId: string) => ({ pk: `CASE#${caseId}`, sk: 'CASE' }),
  profile: (customerAddress: string) => ({ pk: `PROFILE#${customerAddress}`, sk: 'PROFILE' }),
  once: (key: string) => ({ pk: `ONCE#${key}`, sk: 'ONCE' }),
  parked: (conversationId: string, commandId: string) => ({
    pk: `CONV#${conversationId}`,
    sk: `DESKCMD#${commandId}`,
  }),
  /** The customer index: one item per conversation and case of a customer, for export and erase. */
  customer: (customerAddress: string, sk: string) => ({ pk: `CUSTOMER#${customerAddress}`, sk }),
};

/**
 * Appends `message` unless its `messageId` is stored in the conversation; `false` for a duplicate. The
 * message item and a uniqueness item keyed by messageId are written in one transaction: the message's sort
 * key depends on `at`, which a retried webhook may compute differently, so only the messageId item can
 * detect the duplicate, and writing both atomically means a crash in between can never leave an id
 * claimed without its message.
 */
export async function appendMessageOnce(
  client: DynamoDBDocumentClient,
  tableName: string,
  message: Message,
  expiresAt: number,
): Promise<boolean> {
  const messageSk = messageSortKey(message);
  const item = {
    ...redactAtRestDeep(clean(message)),
    ...keys.message(message.conversationId, messageSk),
    itemType: 'message',
    expiresAt,
    ...(message.status ? { statusRank: DELIVERY_STATUS_RANK[message.status] } : {}),
  };
  try {
    await transactWrite(client, [
      { Put: { TableName: tableName, Item: item, ConditionExpression: 'attribute_not_exists(pk)' } },
      {
        Put: {
          TableName: tableName,
          Item: {
            ...keys.messageId(message.conversationId, message.messageId),
            itemType: 'message-id',
            messageSk,
            expiresAt,
          },
          ConditionExpression: 'attribute_not_exists(pk)',
        },
      },
    ]);
    return true;
  } catch (error) {
    if (isConditionalFailure(error)) return false;
    throw error;
  }
}

/**
 * Runs a transaction, retrying when DynamoDB cancels it only because another transaction was touching the
 * same items (`TransactionConflict`); a failed condition is rethrown at once.
 */
export async function transactWrite(client: DynamoDBDocumentClient, items: TransactItems): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await client.send(new TransactWriteCommand({ TransactItems: items }));
      return;
    } catch (error) {
      if (isConditionalFailure(error) || !isTransactionConflict(error) || attempt >= TRANSACTION_ATTEMPTS) {
        throw error;
      }
      await new Promise((resolve) => setTimeout(resolve, Math.random() * 10 * 2 ** attempt));
    }
  }
}

/** `MSG#<at>#<messageId>`: messages sort by (`at`, `messageId`). */
export function messageSortKey(message: Pick<Message, 'at' | 'messageId'>): string {
  return `MSG#${isoTime(message.at, 'at')}#${message.messageId}`;
}

/** Normalizes an ISO time so that string order is time order (24-character UTC form). */
export function isoTime(value: string, field: string): string {
  const time = new Date(value);
  if (Number.isNaN(time.getTime())) throw new ValidationError(`${field} is not a valid time: ${value}`);
  return time.toISOString();
}

/** A deep copy without `undefined` values, so the store works whatever the client's marshall options. */
export function clean<T>(value: T): T {
  if (Array.isArray(value)) return value.map((entry) => clean(entry)) as T;
  if (value !== null && typeof value === 'object') {
    const out: Item = {};
    for (const [key, entry] of Object.entries(value)) if (entry !== undefined) out[key] = clean(entry);
    return out as T;
  }
  return value;
}

export function isConditionalFailure(error: unknown): boolean {
  const name = (error as { name?: string })?.name;
  if (name === 'ConditionalCheckFailedException') return true;
  if (name === 'TransactionCanceledException') {
    return cancellationCodes(error).includes('ConditionalCheckFailed');
  }
  return false;
}

export function isTransactionConflict(error: unknown): boolean {
  return (
    (error as { name?: string })?.name === 'TransactionCanceledException' &&
    cancellationCodes(error).includes('TransactionConflict')
  );
}

/** The indexes of the items whose condition failed in a cancelled transaction (none for other errors). */
export function failedIndexes(error: unknown): number[] {
  if ((error as { name?: string })?.name !== 'TransactionCanceledException') return [];
  return cancellationCodes(error).flatMap((code, index) =>
    code === 'ConditionalCheckFailed' ? [index] : [],
  );
}

/**
 * The items a cancelled transaction returned, by index (`ReturnValuesOnConditionCheckFailure: 'ALL_OLD'`
 * on a failed condition), in DynamoDB's low-level attribute form.
 */
export function cancellationItems(error: unknown): (Record<string, AttributeValue> | undefined)[] {
  const reasons = (error as { CancellationReasons?: { Item?: Record<string, AttributeValue> }[] })
    .CancellationReasons;
  return (reasons ?? []).map((reason) => reason.Item);
}

export function cancellationCodes(error: unknown): string[] {
  const reasons = (error as { CancellationReasons?: { Code?: string }[] }).CancellationReasons ?? [];
  return reasons.map((reason) => reason.Code ?? '');
}
