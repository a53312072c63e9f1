/**
 * The escalations queue on Amazon SQS (standard queue): the escalation notifier's work. A body is either an
 * escalation packet as JSON (post the case's card) or a `ThreadJob` (`kind: 'thread'`, post in its thread).
 */
import { SendMessageCommand, type SQSClient } from '@aws-sdk/client-sqs';
import { ValidationError } from '#core/errors.ts';
import type { EscalationPacket } from '#core/model.ts';
import type { DeskJob, EscalationQueue, ThreadJob } from '#core/ports.ts';
import { sqsJsonBody } from './sqs-event-queue.ts';

/** `EscalationQueue` on a standard SQS queue; the notifier parses the body back into an `EscalationPacket`. */
export class SqsEscalationQueue implements EscalationQueue {
  constructor(
    private readonly client: SQSClient,
    private readonly queueUrl: string,
  ) {}

  /** Sends the packet as the JSON message body (emoji escaped, see `sqsJsonBody`). */
  async publish(packet: EscalationPacket): Promise<void> {
    await this.client.send(
      new SendMessageCommand({ QueueUrl: this.queueUrl, MessageBody: sqsJsonBody(packet) }),
    );
  }

  /** Sends the thread job as the JSON message body. */
  async publishThreadJob(job: ThreadJob, options: { delaySeconds?: number } = {}): Promise<void> {
    await this.client.send(
      new SendMessageCommand({
        QueueUrl: this.queueUrl,
        MessageBody: sqsJsonBody(job),
        ...(options.delaySeconds ? { DelaySeconds: Math.min(900, Math.round(options.delaySeconds)) } : {}),
      }),
    );
  }
}

/**
 * The desk job in an escalations message body: a `ThreadJob` (`kind: 'thread'`) or an escalation packet
 * (the card). Throws `ValidationError` on a body that is neither; such a message can never succeed and
 * goes to the DLQ after its receives.
 */
export function parseDeskJob(body: string): DeskJob {
  let value: unknown;
  try {
    value = JSON.parse(body);
  } catch {
    throw new ValidationError('escalations message is not JSON');
  }
  const job = value as Partial<ThreadJob> & Partial<EscalationPacket>;
  if (!job || typeof job !== 'object' || typeof job.caseId !== 'string' || job.caseId.length === 0)
    throw new ValidationError('escalations message has no caseId');
  if (job.kind === 'thread') {
    if (typeof job.conversationId !== 'string') throw new ValidationError('thread job has no conversationId');
    return job as ThreadJob;
  }
  if (typeof job.conversationId !== 'string')
    throw new ValidationError('escalation packet has no conversationId');
  return { kind: 'card', packet: job as EscalationPacket };
}
