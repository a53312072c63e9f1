/**
 * λ escalation-notifier — consumes escalations and posts each case's card to Slack once.
 */
import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import type { SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import type { EscalationPacket } from '../core/model.ts';
import { notifyEscalation } from '../core/use-cases/notify-escalation.ts';
import { logger } from '../shared/logging.ts';
import { clock, store } from '../wiring/base.ts';
import { desk } from '../wiring/desk.ts';

const processor = new BatchProcessor(EventType.SQS);

async function processRecord(record: SQSRecord): Promise<void> {
  const packet = JSON.parse(record.body) as EscalationPacket;
  try {
    const result = await notifyEscalation({ store, desk, clock }, packet);
    logger.info('escalation card', { caseId: packet.caseId, result });
  } catch (error) {
    logger.error('escalation card failed; it will be retried', {
      caseId: packet.caseId,
      error: error as Error,
    });
    throw error;
  }
}

async function consume(event: SQSEvent): Promise<SQSBatchResponse> {
  return processPartialResponse(event, processRecord, processor);
}

/** Lambda entry point. */
export const handler = middy(consume).use(injectLambdaContext(logger, { clearState: true }));
