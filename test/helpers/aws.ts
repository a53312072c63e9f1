/**
 * Per-test-file AWS resources on the run's DynamoDB Local and fauxqs: a fresh table and fresh queues.
 */
import { randomUUID } from 'node:crypto';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { SQSClient } from '@aws-sdk/client-sqs';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { inject } from 'vitest';
import type { QueueDesign } from '../../lib/design.ts';
import { createTable, localDynamoClient } from '../../local/dynamodb-local.ts';
import {
  createQueuePair,
  createTandemQueues,
  localSqsClient,
  type QueuePair,
} from '../../local/sqs-local.ts';

/** A fresh table on DynamoDB Local. */
export async function freshTable(): Promise<{
  client: DynamoDBClient;
  documentClient: DynamoDBDocumentClient;
  tableName: string;
  endpoint: string;
}> {
  const endpoint = inject('dynamoEndpoint');
  const client = localDynamoClient(endpoint);
  const tableName = `tandem-test-${randomUUID().slice(0, 8)}`;
  await createTable(client, tableName);
  const documentClient = DynamoDBDocumentClient.from(client, {
    marshallOptions: { removeUndefinedValues: true },
  });
  return { client, documentClient, tableName, endpoint };
}

/** Fresh Tandem queues (events FIFO + escalations, each with a DLQ) on fauxqs. */
export async function freshQueues(): Promise<{
  client: SQSClient;
  endpoint: string;
  events: QueuePair;
  escalations: QueuePair;
}> {
  const endpoint = inject('sqsEndpoint');
  const client = localSqsClient(endpoint);
  const prefix = `t${randomUUID().slice(0, 8)}-`;
  const queues = await createTandemQueues(client, prefix);
  return { client, endpoint, ...queues };
}

/** One fresh queue pair from a custom design (e.g. short visibility timeouts for poller tests). */
export async function freshQueue(
  design: QueueDesign,
): Promise<{ client: SQSClient; endpoint: string; pair: QueuePair }> {
  const endpoint = inject('sqsEndpoint');
  const client = localSqsClient(endpoint);
  const pair = await createQueuePair(client, design, `t${randomUUID().slice(0, 8)}-`);
  return { client, endpoint, pair };
}
