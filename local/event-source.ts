/**
 * A local stand-in for Lambda's SQS event source mapping: polls a queue, invokes the handler with the
 * exact `SQSEvent` Lambda would build, and deletes what succeeded (partial batch responses honoured).
 *
 * Like Lambda, it runs up to `concurrency` batches at once. On a FIFO queue order within a message group
 * holds as in AWS: SQS (and fauxqs) return no message of a group while one of its messages is in flight,
 * and a failed record and the later records of its group stay undeleted, so the group stays locked until
 * they come back, in order. Where the lock alone would not do (a visibility timeout shorter than a batch,
 * as fault tests set), the poller keeps a FIFO batch's records invisible while it runs, up to the function
 * timeout, and a batch holding a group that is still in flight waits for that batch before it starts.
 *
 * What is left undeleted reappears after the visibility timeout, and after `maxReceiveCount` receives
 * the queue's redrive policy moves it to the DLQ. fauxqs applies the redrive policy itself on receive
 * (as SQS does), so the poller does not emulate it.
 */
import {
  ChangeMessageVisibilityBatchCommand,
  DeleteMessageBatchCommand,
  GetQueueAttributesCommand,
  type Message,
  type MessageAttributeValue,
  ReceiveMessageCommand,
  type SQSClient,
} from '@aws-sdk/client-sqs';
import type {
  Context,
  SQSBatchResponse,
  SQSEvent,
  SQSMessageAttributes,
  SQSRecord,
  SQSRecordAttributes,
} from 'aws-lambda';
import { lambdaContext } from './api-gateway.ts';

/** A Lambda handler for SQS events (what `middy(...)` exports). */
export type SqsHandler = (
  event: SQSEvent,
  context: Context,
) => Promise<SQSBatchResponse | undefined | unknown>;

/** One processed batch, for a log line. */
export interface BatchLog {
  functionName: string;
  size: number;
  /** Records left on the queue (reported failures, and for FIFO the records after them in their group). */
  failed: number;
  durationMs: number;
  /** Set when the handler threw (the whole batch stays on the queue). */
  error?: unknown;
}

/** Options of `startEventSource`. */
export interface EventSourceOptions {
  client: SQSClient;
  queueUrl: string;
  handler: SqsHandler;
  /** Records per invocation, 1–10. */
  batchSize: number;
  /**
   * Batches in flight at once (Lambda's concurrent invocations of the consumer). On a FIFO queue the
   * batches hold different message groups. @default 1
   */
  concurrency?: number;
  fifo: boolean;
  /** Overrides the queue's visibility timeout for received messages. */
  visibilityTimeoutSeconds?: number;
  /** Long-poll wait per receive; short keeps `idle()` quick. @default 1 */
  waitTimeSeconds?: number;
  /** The function name in the Lambda context. @default 'tandem-consumer' */
  functionName?: string;
  /** The Lambda timeout the context reports. @default 30 */
  timeoutSeconds?: number;
  onBatch?: (log: BatchLog) => void;
  /**
   * Receive or delete failures. The poller backs off (doubling from `errorBackoffMs.min` to `.max`) and
   * keeps going; a streak of receive failures is reported once, at its first error.
   */
  onError?: (error: unknown) => void;
  /** A streak of receive failures ended: how many receives failed in it. */
  onRecover?: (failures: number) => void;
  /** Backoff after a failed receive. @default { min: 250, max: 5000 } */
  errorBackoffMs?: { min: number; max: number };
  /** Called before each receive; a throw counts as a failed receive (fault injection in tests). */
  beforeReceive?: () => void;
  /** Awaited before each receive (the local runtime holds receives while its gateway serves a crowd). */
  holdBeforeReceive?: () => Promise<void>;
}

/** A running poller. */
export interface EventSource {
  /** Stops polling; resolves after every batch in flight has finished. */
  stop(): Promise<void>;
  /** Resolves when no batch is in flight and a receive has come back empty (after this call). */
  idle(): Promise<void>;
}

function toLambdaAttributes(
  attributes: Record<string, MessageAttributeValue> | undefined,
): SQSMessageAttributes {
  const result: SQSMessageAttributes = {};
  for (const [name, value] of Object.entries(attributes ?? {})) {
    result[name] = {
      dataType: value.DataType ?? 'String',
      stringValue: value.StringValue,
      binaryValue: value.BinaryValue ? Buffer.from(value.BinaryValue).toString('base64') : undefined,
      stringListValues: value.StringListValues ?? [],
      binaryListValues: (value.BinaryListValues ?? []).map((item) => Buffer.from(item).toString('base64')),
    };
  }
  return result;
}

/** Builds the `SQSRecord` Lambda would pass for a received message. */
export function toSqsRecord(message: Message, eventSourceARN: string, awsRegion: string): SQSRecord {
  const record: SQSRecord = {
    messageId: message.MessageId!,
    receiptHandle: message.ReceiptHandle!,
    body: message.Body ?? '',
    attributes: { ...message.Attributes } as unknown as SQSRecordAttributes,
    messageAttributes: toLambdaAttributes(message.MessageAttributes),
    md5OfBody: message.MD5OfBody ?? '',
    eventSource: 'aws:sqs',
    eventSourceARN,
    awsRegion,
  };
  if (message.MD5OfMessageAttributes) record.md5OfMessageAttributes = message.MD5OfMessageAttributes;
  return record;
}

/**
 * Which records of a batch may be deleted after the handler returned `response`.
 * A malformed response (an identifier missing or not in the batch) fails the whole batch, as in Lambda.
 * On FIFO queues, a failure also keeps every later record of the same message group: deleting them
 * would let them overtake the failed one.
 */
export function deletableRecords(records: SQSRecord[], response: unknown, fifo: boolean): SQSRecord[] {
  const failures =
    response && typeof response === 'object' && 'batchItemFailures' in response
      ? (response as SQSBatchResponse).batchItemFailures
      : [];
  if (!Array.isArray(failures)) return [];
  const ids = new Set(records.map((record) => record.messageId));
  const failed = new Set<string>();
  for (const failure of failures) {
    if (!failure?.itemIdentifier || !ids.has(failure.itemIdentifier)) return [];
    failed.add(failure.itemIdentifier);
  }
  const blockedGroups = new Set<string>();
  const deletable: SQSRecord[] = [];
  for (const record of records) {
    const group = record.attributes.MessageGroupId;
    if (failed.has(record.messageId)) {
      if (fifo && group) blockedGroups.add(group);
      continue;
    }
    if (fifo && group && blockedGroups.has(group)) continue;
    deletable.push(record);
  }
  return deletable;
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener(
      'abort',
      () => {
        clearTimeout(timer);
        resolve();
      },
      { once: true },
    );
  });
}

/** Starts polling `queueUrl` and invoking `handler` with Lambda's SQS semantics. */
export function startEventSource(options: EventSourceOptions): EventSource {
  const functionName = options.functionName ?? 'tandem-consumer';
  const abort = new AbortController();
  let stopped = false;
  let idleWaiters: (() => void)[] = [];
  let source: { arn: string; region: string; visibilitySeconds: number } | undefined;

  const resolveIdle = () => {
    const waiters = idleWaiters;
    idleWaiters = [];
    for (const resolve of waiters) resolve();
  };

  const describeSource = async () => {
    if (source) return source;
    const attributes = await options.client.send(
      new GetQueueAttributesCommand({
        QueueUrl: options.queueUrl,
        AttributeNames: ['QueueArn', 'VisibilityTimeout'],
      }),
    );
    source = {
      arn: attributes.Attributes?.QueueArn ?? '',
      visibilitySeconds:
        options.visibilityTimeoutSeconds ?? Number(attributes.Attributes?.VisibilityTimeout ?? 30),
      region: await options.client.config.region(),
    };
    return source;
  };

  const processBatch = async (messages: Message[]) => {
    const started = performance.now();
    const { arn, region } = await describeSource();
    const records = messages.map((message) => toSqsRecord(message, arn, region));
    let deletable: SQSRecord[] = [];
    let error: unknown;
    try {
      const response = await options.handler(
        { Records: records },
        lambdaContext(functionName, options.timeoutSeconds ?? 30),
      );
      deletable = deletableRecords(records, response, options.fifo);
    } catch (thrown) {
      // A failed invocation leaves the whole batch; the visibility timeout brings it back.
      error = thrown;
    }
    if (deletable.length > 0) {
      const result = await options.client.send(
        new DeleteMessageBatchCommand({
          QueueUrl: options.queueUrl,
          Entries: deletable.map((record, index) => ({
            Id: String(index),
            ReceiptHandle: record.receiptHandle,
          })),
        }),
      );
      if (result.Failed && result.Failed.length > 0) {
        options.onError?.(new Error(`could not delete ${result.Failed.length} processed message(s)`));
      }
    }
    options.onBatch?.({
      functionName,
      size: records.length,
      failed: records.length - deletable.length,
      durationMs: Math.round(performance.now() - started),
      error,
    });
  };

  const backoff = options.errorBackoffMs ?? { min: 250, max: 5000 };
  const concurrency = Math.max(1, Math.floor(options.concurrency ?? 1));
  /** Receive failures in a row. */
  let failures = 0;
  /** Batches received and not yet finished. */
  const inFlight = new Set<Promise<void>>();
  /** FIFO: the batch in flight that holds each message group. */
  const groupsInFlight = new Map<string, Promise<void>>();
  /** Resolves when a batch finishes (a slot frees up). */
  let slotFreed: () => void = () => {};

  /**
   * FIFO: keeps `messages` invisible (renewing their visibility every half timeout) until the returned
   * function is called (the batch has finished) or the function's timeout has passed, whichever is first. In AWS the visibility timeout is at least 6× the function
   * timeout (lib/design.ts), so a record never reappears while its invocation may still run; fault tests
   * shorten it to see failed records come back quickly, and a batch slower than that would otherwise be
   * received again while it still runs. Standard queues are left alone: their consumer may set a record's
   * visibility itself (backoff), which a renewal would overwrite.
   */
  const keepInvisible = (messages: Message[]): (() => void) => {
    if (!options.fifo) return () => {};
    const deadline = Date.now() + (options.timeoutSeconds ?? 30) * 1000;
    let timer: ReturnType<typeof setInterval> | undefined;
    let done = false;
    void describeSource()
      .then(({ visibilitySeconds }) => {
        if (done) return;
        timer = setInterval(
          () => {
            if (Date.now() >= deadline) return clearInterval(timer);
            options.client
              .send(
                new ChangeMessageVisibilityBatchCommand({
                  QueueUrl: options.queueUrl,
                  Entries: messages.map((message, index) => ({
                    Id: String(index),
                    ReceiptHandle: message.ReceiptHandle,
                    VisibilityTimeout: visibilitySeconds,
                  })),
                }),
              )
              // Deleted or already back on the queue: nothing to keep.
              .catch(() => undefined);
          },
          Math.max(200, (visibilitySeconds * 1000) / 2),
        );
      })
      .catch(() => undefined);
    return () => {
      done = true;
      clearInterval(timer);
    };
  };

  /** Runs one batch without blocking the loop; its message groups are held until it has finished. */
  const dispatch = (messages: Message[]) => {
    const groups = options.fifo
      ? [...new Set(messages.map((message) => message.Attributes?.MessageGroupId ?? ''))]
      : [];
    // A group can already be in flight here only once a batch has outlasted the function timeout (its
    // records are no longer kept invisible and come back): the new batch waits for it.
    const before = groups.flatMap((group) => {
      const running = groupsInFlight.get(group);
      return running ? [running] : [];
    });
    const stopRenewing = keepInvisible(messages);
    const batch = Promise.all(before)
      .then(() => processBatch(messages))
      .catch((error: unknown) => options.onError?.(error))
      .finally(() => {
        stopRenewing();
        inFlight.delete(batch);
        for (const group of groups) if (groupsInFlight.get(group) === batch) groupsInFlight.delete(group);
        slotFreed();
      });
    inFlight.add(batch);
    for (const group of groups) groupsInFlight.set(group, batch);
  };

  const loop = async () => {
    while (!stopped) {
      if (inFlight.size >= concurrency) {
        await new Promise<void>((resolve) => {
          slotFreed = resolve;
        });
        continue;
      }
      if (options.holdBeforeReceive) await options.holdBeforeReceive();
      let messages: Message[];
      try {
        options.beforeReceive?.();
        const received = await options.client.send(
          new ReceiveMessageCommand({
            QueueUrl: options.queueUrl,
            MaxNumberOfMessages: options.batchSize,
            WaitTimeSeconds: options.waitTimeSeconds ?? 1,
            VisibilityTimeout: options.visibilityTimeoutSeconds,
            AttributeNames: ['All'],
            MessageSystemAttributeNames: ['All'],
            MessageAttributeNames: ['All'],
          }),
          { abortSignal: abort.signal },
        );
        messages = received.Messages ?? [];
      } catch (error) {
        if (stopped) break;
        // One report per streak, and a doubling pause: an unreachable queue is neither a hot loop nor a flood.
        if (failures === 0) options.onError?.(error);
        failures += 1;
        await sleep(Math.min(backoff.max, backoff.min * 2 ** (failures - 1)), abort.signal);
        continue;
      }
      if (failures > 0) {
        options.onRecover?.(failures);
        failures = 0;
      }
      if (messages.length === 0) {
        // Idle only when nothing is in flight either: a running batch may still publish or fail.
        if (inFlight.size === 0) resolveIdle();
        continue;
      }
      dispatch(messages);
    }
    await Promise.all(inFlight);
    resolveIdle();
  };

  const running = loop();

  return {
    async stop() {
      stopped = true;
      abort.abort();
      await running;
    },
    idle() {
      if (stopped) return Promise.resolve();
      return new Promise<void>((resolve) => idleWaiters.push(resolve));
    },
  };
}
