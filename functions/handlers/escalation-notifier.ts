/**
 * λ escalation-notifier — consumes the escalations queue: posts each case's card to Slack once, and the
 * posts in its thread the worker queued (mirrored customer messages, suggestions, notes). A failed job is
 * deferred with backoff (a `Retry-After` as asked) and retried until Slack is back, then the DLQ.
 */
import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import type { SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import { parseDeskJob } from '../adapters/sqs-escalation-queue.ts';
import type { DeskJob } from '../core/ports.ts';
import { runDeskJob } from '../core/use-cases/run-desk-job.ts';
import { logger } from '../shared/logging.ts';
import { clock } from '../wiring/base.ts';
import { queuedDesk } from '../wiring/desk.ts';
import { mediaFetcher } from '../wiring/media.ts';
import { escalationsBackoff } from '../wiring/queues.ts';
import { assignDeps, router } from '../wiring/routing.ts';
import { store } from '../wiring/store.ts';
import { translation } from '../wiring/translator.ts';

const assign = assignDeps(queuedDesk);

async function processRecord(record: SQSRecord): Promise<void> {
  let job: DeskJob;
  try {
    job = parseDeskJob(record.body);
  } catch (error) {
    // It can never succeed: straight back (visibility 0) until its receives are spent and it is in the DLQ.
    await escalationsBackoff.defer(record, error).catch(() => undefined);
    logger.error('unreadable desk job; it goes to the DLQ', {
      messageId: record.messageId,
      error: error as Error,
    });
    throw error;
  }
  try {
    const result = await runDeskJob(
      {
        store,
        desk: queuedDesk,
        clock,
        translation,
        router,
        ...(mediaFetcher ? { media: mediaFetcher } : {}),
        ...(assign ? { assign } : {}),
      },
      job,
    );
    logger.info('desk job', { kind: job.kind, caseId: caseIdOf(job), result });
  } catch (error) {
    const retryInSeconds = await escalationsBackoff.defer(record, error).catch(() => undefined);
    logger.warn('desk job failed; it will be retried', {
      kind: job.kind,
      caseId: caseIdOf(job),
      receiveCount: record.attributes.ApproximateReceiveCount,
      retryInSeconds,
      error: error as Error,
    });
    throw error;
  }
}

function caseIdOf(job: DeskJob): string {
  return job.kind === 'card' ? job.packet.caseId : job.caseId;
}

async function consume(event: SQSEvent): Promise<SQSBatchResponse> {
  // A processor holds one batch's state: one per invocation, so concurrent invocations in one process
  // (the local runtime) never share it.
  return processPartialResponse(event, processRecord, new BatchProcessor(EventType.SQS));
}

/** Lambda entry point. */
export const handler = middy(consume).use(injectLambdaContext(logger, { clearState: true }));
