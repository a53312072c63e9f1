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

/** escalations: standard queue consumed by the Slack notifier. */
export const escalationsQueue: QueueDesign = {
  name: 'escalations',
  fifo: false,
  consumerTimeoutSeconds: 15,
  visibilityTimeoutSeconds: 90,
  maxReceiveCount: 5,
  batchSize: 10,
  // A second of batching turns a burst of escalations into one invocation without delaying a lone one much.
  batchingWindowSeconds: 1,
};

/** The queue's physical name (`.fifo` suffix for FIFO queues). */
export function queueName(design: QueueDesign, prefix = ''): string {
  return `${prefix}${design.name}${design.fifo ? '.fifo' : ''}`;
}

/** The DLQ's physical name. */
export function dlqName(design: QueueDesign, prefix = ''): string {
  return `${prefix}${design.name}-dlq${design.fifo ? '.fifo' : ''}`;
}
