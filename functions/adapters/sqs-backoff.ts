/**
 * Backoff for a failed SQS record, through ChangeMessageVisibility: the record stays invisible for the
 * chosen delay, then the event source receives it again; after `maxReceiveCount` receives the queue moves
 * it to its DLQ. Lambda's event source does not change the visibility of a failed record itself, so without
 * this every failure waits out the whole visibility timeout.
 */
import { ChangeMessageVisibilityCommand, type SQSClient } from '@aws-sdk/client-sqs';
import type { SQSRecord } from 'aws-lambda';
import { RetryLaterError, ValidationError } from '#core/errors.ts';

/** The policy: exponential from `baseSeconds`, capped at `maxSeconds`; a `RetryLaterError` asks its own. */
export interface BackoffPolicy {
  baseSeconds: number;
  maxSeconds: number;
}

/** SQS's ceiling for a visibility timeout (12 hours). */
const MAX_VISIBILITY_SECONDS = 43_200;

/** Seconds before the next receive of a record that failed its `receiveCount`-th receive with `error`. */
export function backoffSeconds(
  policy: BackoffPolicy,
  error: unknown,
  receiveCount: number,
  random: () => number = Math.random,
): number {
  let seconds: number;
  // A message that cannot be read never will be: it goes round quickly to the DLQ instead of blocking.
  if (error instanceof ValidationError) return 0;
  if (error instanceof RetryLaterError) {
    // Asked for (Retry-After, a lease held elsewhere): spread the retries over up to twice that.
    seconds = Math.max(1, error.afterSeconds) * (1 + random());
  } else {
    const exponential = Math.min(policy.maxSeconds, policy.baseSeconds * 2 ** Math.max(0, receiveCount - 1));
    // ±25 % jitter, so records that failed together do not all come back together.
    seconds = exponential * (0.75 + random() * 0.5);
  }
  return Math.min(MAX_VISIBILITY_SECONDS, Math.max(0, Math.round(seconds)));
}

/** Defers failed records of one queue. */
export class SqsBackoff {
  constructor(
    private readonly client: SQSClient,
    private readonly queueUrl: string,
    private readonly policy: BackoffPolicy,
  ) {}

  /** Sets the record's visibility to its backoff; returns the seconds chosen. */
  async defer(record: SQSRecord, error: unknown): Promise<number> {
    const receiveCount = Number(record.attributes.ApproximateReceiveCount ?? '1') || 1;
    const seconds = backoffSeconds(this.policy, error, receiveCount);
    await this.client.send(
      new ChangeMessageVisibilityCommand({
        QueueUrl: this.queueUrl,
        ReceiptHandle: record.receiptHandle,
        VisibilityTimeout: seconds,
      }),
    );
    return seconds;
  }
}
