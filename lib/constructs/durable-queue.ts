/**
 * A queue and its dead-letter queue built from a `QueueDesign` (lib/design.ts), so the deployed
 * shape and the local runtime's shape come from one definition.
 */
import { Duration, type RemovalPolicy } from 'aws-cdk-lib';
import { DeduplicationScope, FifoThroughputLimit, Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { dlqName, type QueueDesign, queueName } from '../design.ts';

/** Properties of a {@link DurableQueue}. */
export interface DurableQueueProps {
  /** The shared design: name, FIFO, visibility timeout, max receives. */
  design: QueueDesign;
  /** Physical name prefix, e.g. `tandem-dev-`. */
  prefix: string;
  /** Applied to both queues. */
  removalPolicy: RemovalPolicy;
}

/** A queue with SSE, TLS-only access and a redrive policy to its own DLQ. */
export class DurableQueue extends Construct {
  /** The working queue. */
  readonly queue: Queue;
  /** Where a message goes after `design.maxReceiveCount` failed receives. */
  readonly deadLetterQueue: Queue;
  /** The design the queues were built from. */
  readonly design: QueueDesign;

  constructor(scope: Construct, id: string, props: DurableQueueProps) {
    super(scope, id);
    const { design, prefix, removalPolicy } = props;
    if (design.visibilityTimeoutSeconds < 6 * design.consumerTimeoutSeconds) {
      // AWS's guidance for Lambda consumers; anything less risks a redelivery while the first attempt runs.
      throw new Error(`${design.name}: visibility timeout must be at least 6x the consumer timeout`);
    }
    this.design = design;
    const fifo = design.fifo ? { fifo: true as const } : {};
    this.deadLetterQueue = new Queue(this, 'DeadLetterQueue', {
      queueName: dlqName(design, prefix),
      ...fifo,
      // The maximum, so an operator has two weeks to inspect and redrive.
      retentionPeriod: Duration.days(14),
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      removalPolicy,
    });
    this.queue = new Queue(this, 'Queue', {
      queueName: queueName(design, prefix),
      ...fifo,
      ...(design.fifo
        ? {
            // Producers set MessageDeduplicationId from the source event (MessageSid, event_id).
            contentBasedDeduplication: false,
            // High-throughput FIFO: ordering is per conversation, not across the whole queue.
            deduplicationScope: DeduplicationScope.MESSAGE_GROUP,
            fifoThroughputLimit: FifoThroughputLimit.PER_MESSAGE_GROUP_ID,
          }
        : {}),
      visibilityTimeout: Duration.seconds(design.visibilityTimeoutSeconds),
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      deadLetterQueue: { queue: this.deadLetterQueue, maxReceiveCount: design.maxReceiveCount },
      removalPolicy,
    });
  }
}
