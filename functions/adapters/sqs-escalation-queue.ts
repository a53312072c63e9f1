/**
 * The escalations queue on Amazon SQS (standard queue): each message body is one escalation packet as JSON.
 */
import { SendMessageCommand, type SQSClient } from '@aws-sdk/client-sqs';
import type { EscalationPacket } from '#core/model.ts';
import type { EscalationQueue } from '#core/ports.ts';
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
}
