/**
 * The webhook's side of the table: inbound messages stored once by MessageSid (the `appendMessage` of the
 * {@link MessageLog}), nothing else, so the Twilio webhook bundles no more of the store than it uses.
 */
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Message } from '#core/model.ts';
import type { MessageLog } from '#core/ports.ts';
import { appendMessageOnce } from './dynamodb-items.ts';

/** Appends messages, each once, with the table's retention. */
export class DynamoDbMessageInbox implements Pick<MessageLog, 'appendMessage'> {
  private readonly retentionSeconds: number;

  constructor(
    private readonly documentClient: DynamoDBDocumentClient,
    private readonly tableName: string,
    options: { retentionDays: number },
  ) {
    this.retentionSeconds = options.retentionDays * 24 * 3600;
  }

  appendMessage(message: Message): Promise<boolean> {
    const expiresAt = Math.floor(Date.now() / 1000) + this.retentionSeconds;
    return appendMessageOnce(this.documentClient, this.tableName, message, expiresAt);
  }
}
