/**
 * Runs the desk jobs waiting on an escalations queue, as the escalation notifier would (cards and thread
 * posts), for integration tests that drive use cases without the local runtime.
 */
import { DeleteMessageCommand, ReceiveMessageCommand, type SQSClient } from '@aws-sdk/client-sqs';
import { parseDeskJob } from '../../functions/adapters/sqs-escalation-queue.ts';
import type { AgentDesk, Clock, ConversationStore } from '../../functions/core/ports.ts';
import { runDeskJob } from '../../functions/core/use-cases/run-desk-job.ts';

/** Receives and runs every job on `queueUrl` until it is empty; returns each job's outcome. */
export async function runDeskJobs(
  client: SQSClient,
  queueUrl: string,
  deps: { store: ConversationStore; desk: AgentDesk; clock: Clock },
): Promise<string[]> {
  const outcomes: string[] = [];
  for (;;) {
    const { Messages = [] } = await client.send(
      new ReceiveMessageCommand({ QueueUrl: queueUrl, MaxNumberOfMessages: 10, WaitTimeSeconds: 0 }),
    );
    if (Messages.length === 0) return outcomes;
    for (const message of Messages) {
      outcomes.push(await runDeskJob(deps, parseDeskJob(message.Body ?? '')));
      await client.send(
        new DeleteMessageCommand({ QueueUrl: queueUrl, ReceiptHandle: message.ReceiptHandle }),
      );
    }
  }
}
