/**
 * Composition root: the two queues.
 */
import { SQSClient } from '@aws-sdk/client-sqs';
import { SqsBackoff } from '../adapters/sqs-backoff.ts';
import { SqsEscalationQueue } from '../adapters/sqs-escalation-queue.ts';
import { SqsEventQueue } from '../adapters/sqs-event-queue.ts';
import { env } from './base.ts';

// Queue URLs are never used as endpoints: locally they name `sqs.<region>.localhost`.
const sqs = new SQSClient({ region: env.AWS_REGION, useQueueUrlAsEndpoint: false });

/** conversation-events.fifo. */
export const events = new SqsEventQueue(sqs, env.EVENTS_QUEUE_URL);

/** escalations. */
export const escalations = new SqsEscalationQueue(sqs, env.ESCALATIONS_QUEUE_URL);

/** Backoff of failed desk jobs on the escalations queue (the notifier's retries until Slack is back). */
export const escalationsBackoff = new SqsBackoff(sqs, env.ESCALATIONS_QUEUE_URL, {
  baseSeconds: env.DESK_RETRY_BASE_SECONDS,
  maxSeconds: env.DESK_RETRY_MAX_SECONDS,
});
