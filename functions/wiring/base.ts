/**
 * Composition root, shared part: configuration, clock, the DynamoDB clients and credentials (the
 * business settings are in settings.ts, so a function that needs none of them bundles no settings schema).
 * The only place (with its siblings in this folder) that reads the environment and builds SDK clients.
 * Split by concern so each handler bundles only the adapters it uses.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Clock } from '../core/ports.ts';
import {
  type Credentials,
  loadCredentials,
  providerKeys,
  providers,
  secretArnVariable,
} from '../shared/credentials.ts';
import { parseEnv } from '../shared/env.ts';

/** The validated environment (parsed once per cold start). */
export const env = parseEnv();

/** Wall-clock time. */
export const clock: Clock = { now: () => new Date() };

// AWS_ENDPOINT_URL_DYNAMODB (set by the local runtime) is honoured by the SDK itself.
/** The DynamoDB client every table adapter shares (one connection pool per instance). */
export const dynamo = new DynamoDBClient({ region: env.AWS_REGION });

/** The document client on it (undefined values dropped). */
export const documents = DynamoDBDocumentClient.from(dynamo, {
  marshallOptions: { removeUndefinedValues: true },
});

/** Third-party credentials (one secret per provider in AWS, environment locally), read once. */
export const credentials: Credentials = await loadCredentials(env);

/** The credential `name`, or a start-up error naming it. */
export function requireCredential(name: keyof Credentials): string {
  const value = credentials[name];
  if (!value) {
    const provider = providers.find((candidate) =>
      (providerKeys[candidate] as readonly string[]).includes(name),
    );
    const secret = provider ? `the secret in ${secretArnVariable[provider]}` : 'its secret';
    throw new Error(`invalid configuration: ${name} is required (${secret}, or the environment locally)`);
  }
  return value;
}
