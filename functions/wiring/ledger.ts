/**
 * Composition root: the hourly usage ledger for the global ceilings (`settings.ceilings`), on the one
 * table, publishing `BudgetCeilingCrossed` when an addition crosses a ceiling.
 */
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { withCeilingMetrics } from '../adapters/ceiling-metrics.ts';
import { DynamoDbUsageLedger } from '../adapters/dynamodb-usage-ledger.ts';
import type { UsageLedger } from '../core/ports.ts';
import { logger } from '../shared/logging.ts';
import { dynamo, env } from './base.ts';
import { settings } from './settings.ts';
import { metrics } from './store.ts';

/** Model tokens and outbound messages per clock hour, all conversations together. */
export const ledger: UsageLedger = withCeilingMetrics(
  new DynamoDbUsageLedger(DynamoDBDocumentClient.from(dynamo), env.TABLE_NAME),
  metrics,
  settings,
  { onError: (message, error) => logger.warn(message, { error: error as Error }) },
);
