/**
 * Embedded SQS emulator (`fauxqs`, in process) and queue creation from the shared queue designs.
 */
import { CreateQueueCommand, GetQueueAttributesCommand, SQSClient } from '@aws-sdk/client-sqs';
import { buildApp } from 'fauxqs';
import {
  conversationEventsQueue,
  dlqName,
  escalationsQueue,
  type QueueDesign,
  queueName,
} from '../lib/design.ts';

/** A running SQS emulator. */
export interface SqsLocal {
  endpoint: string;
  port: number;
  stop(): Promise<void>;
}

/**
 * Starts fauxqs on 127.0.0.1:`port`. Built from `buildApp` and bound to loopback here, because
 * `startFauxqs` always listens on every interface.
 */
export async function startSqsLocal(options: { port: number }): Promise<SqsLocal> {
  // `host` names the host in queue URLs (`sqs.<region>.localhost`), which must be valid URLs for the env schema.
  const app = buildApp({ logger: false, host: 'localhost' });
  await app.listen({ port: options.port, host: '127.0.0.1' });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : options.port;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    port,
    stop: () => app.close(),
  };
}

/**
 * An SQS client for a local endpoint. fauxqs queue URLs use `sqs.<region>.localhost`, so the
 * endpoint is explicit and queue URLs are never used as endpoints.
 */
export function localSqsClient(endpoint: string): SQSClient {
  return new SQSClient({
    endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    useQueueUrlAsEndpoint: false,
  });
}

/** URLs of one queue and its DLQ. */
export interface QueuePair {
  url: string;
  dlqUrl: string;
  design: QueueDesign;
}

/** Creates a queue with its DLQ and redrive policy from a design. */
export async function createQueuePair(
  client: SQSClient,
  design: QueueDesign,
  prefix = '',
): Promise<QueuePair> {
  const fifoAttributes: Record<string, string> = design.fifo
    ? { FifoQueue: 'true', ContentBasedDeduplication: 'false' }
    : {};
  const dlq = await client.send(
    new CreateQueueCommand({
      QueueName: dlqName(design, prefix),
      Attributes: { ...fifoAttributes, MessageRetentionPeriod: '1209600' },
    }),
  );
  const dlqAttributes = await client.send(
    new GetQueueAttributesCommand({ QueueUrl: dlq.QueueUrl, AttributeNames: ['QueueArn'] }),
  );
  const queue = await client.send(
    new CreateQueueCommand({
      QueueName: queueName(design, prefix),
      Attributes: {
        ...fifoAttributes,
        VisibilityTimeout: String(design.visibilityTimeoutSeconds),
        RedrivePolicy: JSON.stringify({
          deadLetterTargetArn: dlqAttributes.Attributes?.QueueArn,
          maxReceiveCount: design.maxReceiveCount,
        }),
      },
    }),
  );
  return { url: queue.QueueUrl!, dlqUrl: dlq.QueueUrl!, design };
}

/** Changes to the shared queue designs (fault tests: visibility and backoff in seconds, not minutes). */
export interface QueueOverrides {
  events?: Partial<QueueDesign>;
  escalations?: Partial<QueueDesign>;
}

/** Creates both Tandem queues (with DLQs), from the shared designs with `overrides` applied. */
export async function createTandemQueues(
  client: SQSClient,
  prefix = '',
  overrides: QueueOverrides = {},
): Promise<{ events: QueuePair; escalations: QueuePair }> {
  return {
    events: await createQueuePair(client, { ...conversationEventsQueue, ...overrides.events }, prefix),
    escalations: await createQueuePair(client, { ...escalationsQueue, ...overrides.escalations }, prefix),
  };
}
