/**
 * λ conversation-worker — consumes conversation-events.fifo: customer messages and the agents' desk commands
 * (replies, suggestions, closing messages, hand-back notices). Records of a conversation run in order; a
 * failure skips the rest of that conversation's records in the batch (they come back in order), while
 * other conversations go on.
 */
import { processPartialResponse, SqsFifoPartialProcessorAsync } from '@aws-lambda-powertools/batch';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import type { SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import { conversationEventsQueue } from '../../lib/design.ts';
import { upgradeDeskCommand } from '../adapters/slack-desk-ref.ts';
import type { ConversationQueueEvent } from '../core/model.ts';
import { carryOutDeskCommand } from '../core/use-cases/carry-out-desk-command.ts';
import { handleCustomerMessage } from '../core/use-cases/handle-customer-message.ts';
import { logger, maskConversationId } from '../shared/logging.ts';
import { workerActions } from '../wiring/actions.ts';
import { clock } from '../wiring/base.ts';
import { channel } from '../wiring/channel.ts';
import { desk } from '../wiring/desk.ts';
import { ledger } from '../wiring/ledger.ts';
import { mediaFetcher } from '../wiring/media.ts';
import { canary, knowledge, model } from '../wiring/model.ts';
import { escalations } from '../wiring/queues.ts';
import { settings } from '../wiring/settings.ts';
import { store } from '../wiring/store.ts';
import { translator } from '../wiring/translator.ts';

// Customer turns never call Slack: their thread posts are jobs on the escalations queue. The agents' desk
// commands do, for the reactions and "Not sent" notices on the agent's own reply.
const deps = {
  store,
  escalations,
  channel,
  model,
  knowledge,
  settings,
  clock,
  canary,
  ledger,
  // Customers' photos go to a model that can look at them (Claude).
  ...(mediaFetcher ? { media: mediaFetcher } : {}),
  // Actions on the business's systems (issue 15): offered to the model, and run once approved.
  ...(workerActions ? { actions: workerActions } : {}),
};
const deskCommandDeps = { ...deps, desk, ...(translator ? { translator } : {}) };

async function processRecord(record: SQSRecord): Promise<void> {
  const parsed = JSON.parse(record.body) as ConversationQueueEvent;
  // A desk command recorded by the version before this one (during a deploy) is read in today's form.
  const event = parsed.type === 'desk_command' ? upgradeDeskCommand(parsed) : parsed;
  const id = event.type === 'desk_command' ? { command: event.task.kind } : { messageId: event.messageId };
  try {
    const outcome =
      event.type === 'desk_command'
        ? await carryOutDeskCommand(deskCommandDeps, event, {
            // The redrive policy moves the record to the DLQ after this many receives.
            last:
              Number(record.attributes.ApproximateReceiveCount ?? 1) >=
              conversationEventsQueue.maxReceiveCount,
          })
        : await handleCustomerMessage(deps, event);
    logger.info('conversation event handled', {
      conversation: maskConversationId(event.conversationId),
      ...id,
      outcome,
    });
  } catch (error) {
    // Logged here because the batch processor only reports the record id back to SQS.
    logger.error('conversation event failed; it will be retried', {
      conversation: maskConversationId(event.conversationId),
      ...id,
      error: error as Error,
    });
    throw error;
  }
}

async function consume(event: SQSEvent): Promise<SQSBatchResponse> {
  // A processor holds one batch's state: one per invocation, so concurrent invocations in one process
  // (the local runtime) never share it.
  return processPartialResponse(event, processRecord, new SqsFifoPartialProcessorAsync(), {
    skipGroupOnError: true,
  });
}

/** Lambda entry point. */
export const handler = middy(consume).use(injectLambdaContext(logger, { clearState: true }));
