/**
 * Composition root for the Twilio webhook: inbound messages appended once, nothing more of the table.
 */
import businessSettings from '../../config/business.ts';
import { DynamoDbMessageInbox } from '../adapters/dynamodb-message-inbox.ts';
import { retentionDaysOf } from '../shared/retention.ts';
import { documents, env } from './base.ts';

/** Inbound messages, kept for the business settings' retention. */
export const inbox = new DynamoDbMessageInbox(documents, env.TABLE_NAME, {
  retentionDays: retentionDaysOf(businessSettings),
});
