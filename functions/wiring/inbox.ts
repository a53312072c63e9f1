/**
 * Composition root for the Twilio webhook: inbound messages appended once, nothing more of the table.
 */
import { DynamoDbMessageInbox } from '../adapters/dynamodb-message-inbox.ts';
import { documents, env, settings } from './base.ts';

/** Inbound messages, kept for the business settings' retention. */
export const inbox = new DynamoDbMessageInbox(documents, env.TABLE_NAME, {
  retentionDays: settings.retention.days,
});
