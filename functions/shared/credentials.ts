/**
 * Third-party credentials: in AWS from one Secrets Manager secret per provider (read once per cold start
 * and cached), locally from the environment. A function is given the ARNs, and the IAM grants, of only the
 * providers it talks to, and takes from each secret only that provider's keys. Never logged.
 */
import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import type { Env } from './env.ts';

/** Each provider's credential keys: the JSON keys of its secret and the local environment variables. */
export const providerKeys = {
  twilio: ['TWILIO_ACCOUNT_SID', 'TWILIO_AUTH_TOKEN'],
  slack: ['SLACK_BOT_TOKEN', 'SLACK_SIGNING_SECRET'],
  anthropic: ['ANTHROPIC_API_KEY'],
  businessApi: ['BUSINESS_API_TOKEN'],
} as const;

/** A provider with its own secret. */
export type Provider = keyof typeof providerKeys;

/** The providers, in a stable order. */
export const providers = Object.keys(providerKeys) as Provider[];

/** The environment variable holding each provider's secret ARN. */
export const secretArnVariable = {
  twilio: 'TWILIO_SECRET_ARN',
  slack: 'SLACK_SECRET_ARN',
  anthropic: 'ANTHROPIC_SECRET_ARN',
  businessApi: 'BUSINESS_API_SECRET_ARN',
} as const satisfies Record<Provider, keyof Env>;

/** A credential key of any provider. */
export type CredentialKey = (typeof providerKeys)[Provider][number];

/** The credentials Tandem may use; each is optional (absent = that service is not configured). */
export type Credentials = Partial<Record<CredentialKey, string>>;

/** Every credential key (all providers). */
export const credentialKeys: readonly CredentialKey[] = providers.flatMap(
  (provider) => providerKeys[provider],
);

/** What each key of a freshly deployed secret holds until an operator fills it: treated as unset. */
export const credentialPlaceholder = 'REPLACE_ME';

/** Reads one secret's JSON text (Secrets Manager in AWS; replaceable in tests). */
export type SecretReader = (secretId: string) => Promise<string | undefined>;

let cached: Promise<Credentials> | undefined;

/** Loads the credentials once per process. */
export function loadCredentials(env: Env): Promise<Credentials> {
  cached ??= readCredentials(env);
  return cached;
}

/**
 * Reads the credentials, uncached. With any secret ARN set (AWS), only secrets are read: each provider's
 * secret for its own keys, in parallel; a legacy single `SECRET_ARN` fills the providers that have no
 * secret of their own. Without ARNs (local), the environment is used.
 */
export async function readCredentials(
  env: Env,
  read: SecretReader = secretsManagerReader(),
): Promise<Credentials> {
  const own = providers.filter((provider) => env[secretArnVariable[provider]]);
  if (own.length === 0 && !env.SECRET_ARN) {
    const fromEnv: Credentials = {};
    for (const key of credentialKeys) if (env[key]) fromEnv[key] = env[key];
    return fromEnv;
  }
  const legacy = providers.filter((provider) => !own.includes(provider));
  const reads = [
    ...own.map((provider) => ({
      id: env[secretArnVariable[provider]] as string,
      keys: providerKeys[provider],
    })),
    ...(env.SECRET_ARN && legacy.length > 0
      ? [{ id: env.SECRET_ARN, keys: legacy.flatMap((provider) => providerKeys[provider]) }]
      : []),
  ];
  const texts = await Promise.all(reads.map(({ id }) => read(id)));
  const credentials: Credentials = {};
  reads.forEach(({ keys }, index) => {
    const parsed = parseSecret(texts[index]);
    for (const key of keys) {
      const value = parsed[key];
      if (typeof value === 'string' && value.trim() && value !== credentialPlaceholder) {
        credentials[key] = value.trim();
      }
    }
  });
  return credentials;
}

function parseSecret(text: string | undefined): Record<string, unknown> {
  try {
    const parsed: unknown = JSON.parse(text ?? '{}');
    return parsed && typeof parsed === 'object' ? (parsed as Record<string, unknown>) : {};
  } catch {
    // Never echo the text: it is a secret. The operator sees the keys as missing at start-up.
    return {};
  }
}

/**
 * Secrets Manager, its client built on first use (local runs and tests, without ARNs, never build one).
 * Imported statically, not with `import()`: a bundle inlines a dynamic import as a whole module namespace,
 * which keeps every command of the client (~20 KB more per function; bench/README.md, Bundles).
 */
function secretsManagerReader(): SecretReader {
  let client: SecretsManagerClient | undefined;
  return async (secretId) => {
    client ??= new SecretsManagerClient({});
    return (await client.send(new GetSecretValueCommand({ SecretId: secretId }))).SecretString;
  };
}
