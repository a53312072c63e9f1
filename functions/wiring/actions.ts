/**
 * Composition root: actions on the business's systems (issue 15). The declarations (`config/actions.ts`,
 * schema-checked at cold start), the proposals on the table, and the business API at `BUSINESS_API_URL`
 * with the token of the business-API secret (`BUSINESS_API_TOKEN` locally). Without a URL the AI is offered
 * no actions; a URL without a token stops start-up naming the setting.
 */
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import actionsFile from '../../config/actions.ts';
import { HttpBusinessApi } from '../adapters/business-api.ts';
import { DynamoDbActionStore } from '../adapters/dynamodb-action-store.ts';
import type { WorkerActions } from '../core/use-cases/propose-action.ts';
import { parseActionsConfig } from '../shared/actions-config.ts';
import { dynamo, env, requireCredential } from './base.ts';
import { settings } from './settings.ts';

/** The validated action declarations. */
export const actionsConfig = parseActionsConfig(actionsFile);

/** Action proposals, on the one table. */
export const proposals = new DynamoDbActionStore(
  DynamoDBDocumentClient.from(dynamo, { marshallOptions: { removeUndefinedValues: true } }),
  env.TABLE_NAME,
  { retentionDays: settings.retention.days },
);

/** The business API, when `BUSINESS_API_URL` is set. */
export const businessApi = env.BUSINESS_API_URL
  ? new HttpBusinessApi({ baseUrl: env.BUSINESS_API_URL, token: requireCredential('BUSINESS_API_TOKEN') })
  : undefined;

/** What the worker offers the model and runs; `undefined` when actions are off or there is no API. */
export const workerActions: WorkerActions | undefined =
  actionsConfig.enabled && businessApi
    ? { config: actionsConfig, api: businessApi, proposals, refundLimit: settings.escalation.refundLimit }
    : undefined;
