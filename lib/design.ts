/**
 * Plain definitions of the table and queues, shared by the CDK stacks and the local runtime
 * so that both create the same shapes.
 */

/** The single table: keys, indexes and TTL attribute. */
export const tableDesign = {
  partitionKey: 'pk',
  sortKey: 'sk',
  ttlAttribute: 'expiresAt',
  indexes: [
    /** Case by Slack thread; message by provider id. */
    { name: 'gsi1', partitionKey: 'gsi1pk', sortKey: 'gsi1sk' },
    /** Open cases oldest first; lifecycle events by day; idle AI conversations. */
    { name: 'gsi2', partitionKey: 'gsi2pk', sortKey: 'gsi2sk' },
  ],
} as const;

/**
 * Shards of each hot shared partition of `gsi2` (`OPEN`, `IDLE`, `LIFE#<day>`): an entry goes to
 * `<partition>#<shard>`, the shard a stable hash of its conversation id, and readers query every shard
 * (docs/data-model.md, "Hot partitions"). Changing it moves entries between shards: readers must then
 * query the old and the new shard sets until the old entries are gone, so it is chosen with headroom
 * (10 shards: about 10,000 index writes per second per partition).
 */
export const hotPartitionShards = 10;

/**
 * The CloudWatch namespace of every metric the functions emit (customer experience, spend ceilings):
 * the functions write it, the dashboard and alarms read it.
 */
export const metricsNamespace = 'Tandem';

/** A queue and its dead-letter queue. */
export interface QueueDesign {
  /** Logical name; the FIFO suffix is added where needed. */
  name: string;
  fifo: boolean;
  /** Visibility timeout, at least 6× the consumer's timeout. */
  visibilityTimeoutSeconds: number;
  /** Receives before a message moves to the DLQ. */
  maxReceiveCount: number;
  /** The consumer's batch size. */
  batchSize: number;
  /** The consumer function's timeout. */
  consumerTimeoutSeconds: number;
  /** Seconds the event source waits to fill a batch (standard queues only; FIFO has none). */
  batchingWindowSeconds?: number;
  /**
   * Backoff of a failed message, set by the consumer with ChangeMessageVisibility: `baseSeconds` doubled
   * per receive, capped at `maxSeconds` (a `Retry-After` is honoured as given). Without it a failed message
   * waits out the visibility timeout.
   */
  retry?: { baseSeconds: number; maxSeconds: number };
}

/** conversation-events.fifo: ordered per conversation (MessageGroupId = conversation id). */
export const conversationEventsQueue: QueueDesign = {
  name: 'conversation-events',
  fifo: true,
  consumerTimeoutSeconds: 30,
  visibilityTimeoutSeconds: 180,
  maxReceiveCount: 5,
  batchSize: 5,
};

/**
 * escalations: standard queue consumed by the Slack notifier: cards and thread posts (desk jobs).
 * A job is retried until Slack is back: 10 s doubling to 5 minutes over 25 receives is about 100 minutes
 * of outage before it reaches the DLQ (and the DLQ alarm fires).
 */
export const escalationsQueue: QueueDesign = {
  name: 'escalations',
  fifo: false,
  // Posts are paced at about one per second per channel, so a batch can take a while.
  consumerTimeoutSeconds: 60,
  visibilityTimeoutSeconds: 360,
  maxReceiveCount: 25,
  batchSize: 5,
  // A second of batching turns a burst of escalations into one invocation without delaying a lone one much.
  batchingWindowSeconds: 1,
  retry: { baseSeconds: 10, maxSeconds: 300 },
};

/** Seconds a message that failed its `receiveCount`-th receive waits before the next (jitter left out). */
export function retryDelaySeconds(design: QueueDesign, receiveCount: number): number | undefined {
  if (!design.retry) return undefined;
  const { baseSeconds, maxSeconds } = design.retry;
  return Math.min(maxSeconds, baseSeconds * 2 ** Math.max(0, receiveCount - 1));
}

/** The queue's physical name (`.fifo` suffix for FIFO queues). */
export function queueName(design: QueueDesign, prefix = ''): string {
  return `${prefix}${design.name}${design.fifo ? '.fifo' : ''}`;
}

/** The DLQ's physical name. */
export function dlqName(design: QueueDesign, prefix = ''): string {
  return `${prefix}${design.name}-dlq${design.fifo ? '.fifo' : ''}`;
}
