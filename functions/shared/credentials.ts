/**
 * Third-party credentials: from one Secrets Manager secret in AWS (read once per cold start and
 * cached), from the environment locally. Never logged.
 */
import type { Env } from './env.ts';

/** The credentials Tandem may use; each is optional (absent = that service is not configured). */
export interface Credentials {
  TWILIO_ACCOUNT_SID?: string;
  TWILIO_AUTH_TOKEN?: string;
  SLACK_BOT_TOKEN?: string;
  SLACK_SIGNING_SECRET?: string;
  ANTHROPIC_API_KEY?: string;
}

/** The JSON keys of the credentials secret (and the local environment variables). */
export const credentialKeys = [
  'TWILIO_ACCOUNT_SID',
  'TWILIO_AUTH_TOKEN',
  'SLACK_BOT_TOKEN',
  'SLACK_SIGNING_SECRET',
  'ANTHROPIC_API_KEY',
] as const;

/** What each key of a freshly deployed secret holds until an operator fills it: treated as unset. */
export const credentialPlaceholder = 'REPLACE_ME';

let cached: Promise<Credentials> | undefined;

/** Loads the credentials once per process. */
export function loadCredentials(env: Env): Promise<Credentials> {
  cached ??= read(env);
  return cached;
}

async function read(env: Env): Promise<Credentials> {
  if (!env.SECRET_ARN) {
    const fromEnv: Credentials = {};
    for (const key of credentialKeys) if (env[key]) fromEnv[key] = env[key];
    return fromEnv;
  }
  // Loaded only in AWS, so local runs and tests never pull the Secrets Manager client.
  const { SecretsManagerClient, GetSecretValueCommand } = await import('@aws-sdk/client-secrets-manager');
  const client = new SecretsManagerClient({});
  const result = await client.send(new GetSecretValueCommand({ SecretId: env.SECRET_ARN }));
  const parsed = JSON.parse(result.SecretString ?? '{}') as Record<string, unknown>;
  const fromSecret: Credentials = {};
  for (const key of credentialKeys) {
    const value = parsed[key];
    if (typeof value === 'string' && value.trim() && value !== credentialPlaceholder)
      fromSecret[key] = value.trim();
  }
  return fromSecret;
}
