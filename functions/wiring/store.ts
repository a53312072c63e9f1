/**
 * Composition root: the conversation store on the one table (every role of it), with lifecycle events
 * also emitted as CX metrics. Not imported by the Twilio webhook, which only appends (`wiring/inbox.ts`).
 */
import { Metrics } from '@aws-lambda-powertools/metrics';
import { metricsNamespace } from '../../lib/design.ts';
import { DynamoDbConversationStore } from '../adapters/dynamodb-conversation-store.ts';
import { withLifecycleMetrics } from '../adapters/lifecycle-metrics.ts';
import type { CustomerDataStore } from '../core/ports.ts';
import { documents, env } from './base.ts';
import { settings } from './settings.ts';

/** CloudWatch metrics (embedded metric format) in the Tandem namespace. */
export const metrics = new Metrics({ namespace: metricsNamespace, serviceName: 'tandem' });

/** The table, with the retention of the business settings (DynamoDB TTL on every item it writes). */
const table = new DynamoDbConversationStore(documents, env.TABLE_NAME, {
  retentionDays: settings.retention.days,
});

/** The conversation store on the one table; lifecycle events also become CX metrics. */
export const store = withLifecycleMetrics(table, metrics);

/** Export and erase of one customer's data (the desk's "Erase customer data"). */
export const customerData: CustomerDataStore = table;
