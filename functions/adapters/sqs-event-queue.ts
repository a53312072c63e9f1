/**
 * The conversation-events FIFO queue on Amazon SQS: one message group per conversation, so events
 * of one conversation are consumed in order, and SQS drops a re-sent event within its 5-minute
 * deduplication window.
 */
import { createHash } from 'node:crypto';
import { SendMessageCommand, type SQSClient } from '@aws-sdk/client-sqs';
import { redactAtRestDeep } from '#core/guardrails/pii-at-rest.ts';
import type { ConversationQueueEvent } from '#core/model.ts';
import type { EventQueue } from '#core/ports.ts';

/** SQS allows 1–128 characters of printable ASCII (letters, digits, punctuation) in group and dedupe ids. */
const SQS_ID = /^[\x21-\x7e]{1,128}$/;

/** `value` when SQS accepts it as a MessageGroupId/MessageDeduplicationId, else its sha256 hex (64 chars). */
export function sqsSafeId(value: string): string {
  return SQS_ID.test(value) ? value : createHash('sha256').update(value).digest('hex');
}

/**
 * JSON for an SQS message body. Characters outside the Basic Multilingual Plane (emoji) and U+FFFE/U+FFFF
 * are written as `\uXXXX` escapes: the JSON parses back to the same value, and the body stays within
 * the character set every SQS implementation accepts (the local emulator rejects raw emoji).
 */
export function sqsJsonBody(value: unknown): string {
  return JSON.stringify(value).replace(/[\u{10000}-\u{10FFFF}\uFFFE\uFFFF]/gu, (char) =>
    Array.from(
      { length: char.length },
      (_, i) => `\\u${char.charCodeAt(i).toString(16).padStart(4, '0')}`,
    ).join(''),
  );
}

/** `EventQueue` on an SQS FIFO queue (MessageGroupId = conversation id, MessageDeduplicationId = event id). */
export class SqsEventQueue implements EventQueue {
  constructor(
    private readonly client: SQSClient,
    private readonly queueUrl: string,
  ) {}

  /**
   * Sends the event; a second publish of the same `eventId` within 5 minutes is dropped by SQS. A desk
   * command's text passes the same at-rest redaction as the table (no card number, SSN or IBAN is written
   * to the queue or its DLQ), so the customer gets the text the transcript keeps.
   */
  async publish(event: ConversationQueueEvent): Promise<void> {
    const body = event.type === 'desk_command' ? redactAtRestDeep(event) : event;
    await this.client.send(
      new SendMessageCommand({
        QueueUrl: this.queueUrl,
        MessageBody: sqsJsonBody(body),
        // Hashing keeps the mapping deterministic, so ordering and dedupe still hold for odd ids.
        MessageGroupId: sqsSafeId(event.conversationId),
        MessageDeduplicationId: sqsSafeId(event.eventId),
      }),
    );
  }
}
