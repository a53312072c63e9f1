/**
 * `npm run dlq -- list | show <id> | redrive | purge [--queue events|escalations|all] [--stage <name>] [--yes]`:
 * the dead-letter queues of conversation-events and escalations.
 *   list      each DLQ's depth and its messages (id, first sent, receives, group, start of the body)
 *   show <id> one message in full (body and attributes)
 *   redrive   moves every message back to its source queue, oldest first (FIFO: same group id and
 *             deduplication id); each is deleted from the DLQ only after it was sent
 *   purge     deletes every message of the DLQ (asks for --yes)
 * Locally, a running `npm run dev` is reached through `<data dir>/dev.json` (its fauxqs); `--stage <name>`
 * works on the deployed queues (AWS credentials; names from lib/design.ts and the stage's prefix).
 *
 * Redrive is idempotent: a message redriven twice (a redrive interrupted between send and delete, then
 * rerun) reaches its consumer once. On the FIFO queue the deduplication id is kept, so SQS drops the second
 * copy within its 5-minute window; a message first sent less than 5 minutes ago is left in the DLQ (SQS
 * would drop the redriven copy as a duplicate of the original) and reported. Past the window, and on the
 * standard escalations queue, the consumers themselves are idempotent: the worker skips a message marked
 * processed and every send has an outbox key; the notifier records one card per case and one key per
 * thread post.
 */
import {
  DeleteMessageCommand,
  GetQueueAttributesCommand,
  type Message,
  PurgeQueueCommand,
  ReceiveMessageCommand,
  SendMessageCommand,
  type SQSClient,
} from '@aws-sdk/client-sqs';

/** One DLQ and the queue its messages came from. */
export interface DlqTarget {
  /** `events` or `escalations`. */
  name: string;
  url: string;
  sourceUrl: string;
  fifo: boolean;
}

/** A message in a DLQ, as `list` shows it. */
export interface DlqMessage {
  id: string;
  sentAt: string;
  receiveCount: number;
  groupId?: string;
  deduplicationId?: string;
  body: string;
}

/** What `redrive` did. */
export interface RedriveResult {
  moved: string[];
  /** FIFO messages younger than the deduplication window, left in the DLQ. */
  tooRecent: string[];
}

/** SQS FIFO's deduplication window. */
export const DEDUPLICATION_WINDOW_MS = 5 * 60_000;

function toDlqMessage(message: Message): DlqMessage {
  const attributes = message.Attributes ?? {};
  return {
    id: message.MessageId ?? '',
    sentAt: new Date(Number(attributes.SentTimestamp ?? 0)).toISOString(),
    receiveCount: Number(attributes.ApproximateReceiveCount ?? 0),
    ...(attributes.MessageGroupId ? { groupId: attributes.MessageGroupId } : {}),
    ...(attributes.MessageDeduplicationId ? { deduplicationId: attributes.MessageDeduplicationId } : {}),
    body: message.Body ?? '',
  };
}

/** Messages in the DLQ (visible ones). */
export async function depth(client: SQSClient, target: DlqTarget): Promise<number> {
  const { Attributes } = await client.send(
    new GetQueueAttributesCommand({ QueueUrl: target.url, AttributeNames: ['ApproximateNumberOfMessages'] }),
  );
  return Number(Attributes?.ApproximateNumberOfMessages ?? 0);
}

/**
 * Receives every visible message once, holding each invisible for `holdSeconds` so a page does not
 * return the same message twice, and hands them to `visit` (which may delete them).
 */
async function sweep(
  client: SQSClient,
  target: DlqTarget,
  holdSeconds: number,
  visit: (message: Message) => Promise<void>,
): Promise<void> {
  const seen = new Set<string>();
  for (;;) {
    const { Messages = [] } = await client.send(
      new ReceiveMessageCommand({
        QueueUrl: target.url,
        MaxNumberOfMessages: 10,
        WaitTimeSeconds: 0,
        VisibilityTimeout: holdSeconds,
        MessageSystemAttributeNames: ['All'],
        AttributeNames: ['All'],
      }),
    );
    const fresh = Messages.filter((message) => !seen.has(message.MessageId ?? ''));
    if (fresh.length === 0) return;
    for (const message of fresh) {
      seen.add(message.MessageId ?? '');
      await visit(message);
    }
  }
}

/** The DLQ's messages, oldest first. Each becomes visible again after `holdSeconds`. */
export async function list(client: SQSClient, target: DlqTarget, holdSeconds = 2): Promise<DlqMessage[]> {
  const found: DlqMessage[] = [];
  await sweep(client, target, holdSeconds, async (message) => {
    found.push(toDlqMessage(message));
  });
  return found.sort((a, b) => a.sentAt.localeCompare(b.sentAt));
}

/** One message by id, or undefined. */
export async function show(
  client: SQSClient,
  target: DlqTarget,
  id: string,
): Promise<DlqMessage | undefined> {
  return (await list(client, target)).find((message) => message.id === id);
}

/**
 * Moves the DLQ's messages back to the source queue: send (FIFO: same group and deduplication id), then
 * delete. `minAgeMs` leaves FIFO messages first sent within the deduplication window; `afterSend` is a test
 * hook (an interruption between send and delete).
 */
export async function redrive(
  client: SQSClient,
  target: DlqTarget,
  options: {
    minAgeMs?: number;
    now?: () => number;
    afterSend?: (id: string) => void;
    holdSeconds?: number;
  } = {},
): Promise<RedriveResult> {
  const minAgeMs = options.minAgeMs ?? DEDUPLICATION_WINDOW_MS;
  const now = options.now ?? Date.now;
  const pending: Message[] = [];
  await sweep(client, target, options.holdSeconds ?? 30, async (message) => {
    pending.push(message);
  });
  // Oldest first, so a FIFO group keeps its order.
  pending.sort((a, b) => Number(a.Attributes?.SentTimestamp ?? 0) - Number(b.Attributes?.SentTimestamp ?? 0));
  const result: RedriveResult = { moved: [], tooRecent: [] };
  for (const message of pending) {
    const item = toDlqMessage(message);
    if (target.fifo && now() - Date.parse(item.sentAt) < minAgeMs) {
      result.tooRecent.push(item.id);
      continue;
    }
    await client.send(
      new SendMessageCommand({
        QueueUrl: target.sourceUrl,
        MessageBody: item.body,
        ...(target.fifo
          ? {
              MessageGroupId: item.groupId ?? item.id,
              MessageDeduplicationId: item.deduplicationId ?? item.id,
            }
          : {}),
      }),
    );
    options.afterSend?.(item.id);
    await client.send(
      new DeleteMessageCommand({ QueueUrl: target.url, ReceiptHandle: message.ReceiptHandle }),
    );
    result.moved.push(item.id);
  }
  return result;
}

/** Deletes every message in the DLQ. */
export async function purge(client: SQSClient, target: DlqTarget): Promise<void> {
  await client.send(new PurgeQueueCommand({ QueueUrl: target.url }));
}
