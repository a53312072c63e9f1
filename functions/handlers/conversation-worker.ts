/**
 * λ conversation-worker — consumes conversation-events.fifo. Records of a conversation run in order;
 * a failure skips the rest of that conversation's records in the batch (they come back in order),
 * while other conversations go on.
 */
import { processPartialResponse, SqsFifoPartialProcessorAsync } from '@aws-lambda-powertools/batch';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import type { SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import type { ConversationEvent } from '../core/model.ts';
import { handleCustomerMessage } from '../core/use-cases/handle-customer-message.ts';
import { logger, maskConversationId } from '../shared/logging.ts';
import { clock, settings, store } from '../wiring/base.ts';
import { channel } from '../wiring/channel.ts';
import { ledger } from '../wiring/ledger.ts';
import { canary, knowledge, model } from '../wiring/model.ts';
import { escalations } from '../wiring/queues.ts';

// No desk: the worker never calls Slack; thread posts are jobs on the escalations queue.
const deps = { store, escalations, channel, model, knowledge, settings, clock, canary, ledger };
const processor = new SqsFifoPartialProcessorAsync();

async function processRecord(record: SQSRecord): Promise<void> {
  const event = JSON.parse(record.body) as ConversationEvent;
  try {
    const outcome = await handleCustomerMessage(deps, event);
    logger.info('conversation event handled', {
      conversation: maskConversationId(event.conversationId),
      messageId: event.messageId,
      outcome,
    });
  } catch (error) {
    // Logged here because the batch processor only reports the record id back to SQS.
    logger.error('conversation event failed; it will be retried', {
      conversation: maskConversationId(event.conversationId),
      messageId: event.messageId,
      error: error as Error,
    });
    throw error;
  }
}

async function consume(event: SQSEvent): Promise<SQSBatchResponse> {
  return processPartialResponse(event, processRecord, processor, { skipGroupOnError: true });
}

/** Lambda entry point. */
export const handler = middy(consume).use(injectLambdaContext(logger, { clearState: true }));
