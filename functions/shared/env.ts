/**
 * The environment contract of ARCHITECTURE.md, validated once at cold start.
 * A missing or bad value stops start-up with a message naming the setting.
 */
import * as z from 'zod/mini';
import { MODEL_PROVIDERS } from './model-provider.ts';
import './zod-english.ts';

const nonEmpty = () => z.string().check(z.minLength(1));
const optionalUrl = () => z.optional(z.url());
const optionalSecret = z.union([
  z.optional(z.string().check(z.trim(), z.minLength(1))),
  z.pipe(
    z.literal(''),
    z.transform(() => undefined),
  ),
]);
/** A number given as text, within `[0, max]`, else `fallback`. */
const bounded = (max: number, fallback: number) =>
  z._default(z.coerce.number().check(z.minimum(0), z.maximum(max)), fallback);

/** Schema of the process environment Tandem reads. */
export const envSchema = z.object({
  AWS_REGION: z._default(nonEmpty(), 'us-east-1'),
  /** The single DynamoDB table. */
  TABLE_NAME: nonEmpty(),
  /** URL of conversation-events.fifo. */
  EVENTS_QUEUE_URL: z.url(),
  /** URL of the escalations queue. */
  ESCALATIONS_QUEUE_URL: z.url(),
  TWILIO_API_URL: z._default(z.url(), 'https://api.twilio.com'),
  SLACK_API_URL: z._default(z.url(), 'https://slack.com/api/'),
  ANTHROPIC_BASE_URL: optionalUrl(),
  /** The public base URL Twilio calls (signature checks behind a custom domain or proxy). */
  PUBLIC_BASE_URL: optionalUrl(),
  /** The Slack channel id for escalation cards. */
  SLACK_ESCALATION_CHANNEL: z._default(nonEmpty(), 'C0TANDEM'),
  /**
   * The Slack workspace (team id `T…`) the app is installed in. Events and actions from any other team are
   * refused. @default learned from `auth.test` once per cold start
   */
  SLACK_TEAM_ID: z.optional(z.string().check(z.regex(/^T[A-Z0-9]+$/, 'expected a Slack team id (T…)'))),
  /** For an Enterprise Grid org-wide install: the enterprise id (`E…`) whose users may act. */
  SLACK_ENTERPRISE_ID: z.optional(
    z.string().check(z.regex(/^E[A-Z0-9]+$/, 'expected a Slack enterprise id (E…)')),
  ),
  /**
   * In AWS: one Secrets Manager secret per provider, each read once per cold start by the functions that
   * use it. A function gets only the ARNs (and IAM grants) of the secrets it needs.
   */
  TWILIO_SECRET_ARN: z.optional(nonEmpty()),
  SLACK_SECRET_ARN: z.optional(nonEmpty()),
  ANTHROPIC_SECRET_ARN: z.optional(nonEmpty()),
  BUSINESS_API_SECRET_ARN: z.optional(nonEmpty()),
  /** @deprecated single-secret deployments: read when no per-provider ARN is set. */
  SECRET_ARN: z.optional(nonEmpty()),
  TWILIO_ACCOUNT_SID: optionalSecret,
  TWILIO_AUTH_TOKEN: optionalSecret,
  SLACK_BOT_TOKEN: optionalSecret,
  SLACK_SIGNING_SECRET: optionalSecret,
  ANTHROPIC_API_KEY: optionalSecret,
  /** Base URL of the business's own API the actions call (config/actions.ts); none: no actions. */
  BUSINESS_API_URL: optionalUrl(),
  /** The business's own API (order lookups and the like); in AWS from its own secret. */
  BUSINESS_API_TOKEN: optionalSecret,
  /** `anthropic`, `bedrock` or `offline`; default: anthropic when a key is set, else offline. */
  MODEL_PROVIDER: z.optional(z.enum(MODEL_PROVIDERS)),
  /**
   * The escalation notifier's backoff of a failed desk job (lib/design.ts `escalationsQueue.retry`): base
   * delay doubled per receive, capped. Set by the stack; shorter in local fault tests.
   */
  DESK_RETRY_BASE_SECONDS: bounded(43_200, 10),
  DESK_RETRY_MAX_SECONDS: bounded(43_200, 300),
  /** The longest the notifier waits in-process for a Slack slot (pacing, `Retry-After`) before deferring. */
  DESK_MAX_WAIT_MS: z._default(z.coerce.number().check(z.int(), z.minimum(0), z.maximum(60_000)), 3000),
  /**
   * The desk routing as JSON (the schema of `routing` in the business settings), replacing the settings'
   * `routing`: Slack channel and user group ids differ per workspace, so a stage can bring its own.
   */
  DESK_ROUTING: z.optional(z.string().check(z.trim(), z.minLength(1))),
  /** Directory of the knowledge base markdown files. */
  KNOWLEDGE_DIR: z._default(nonEmpty(), 'knowledge'),
});

/** The validated environment. */
export type Env = z.infer<typeof envSchema>;

/** Thrown when the environment is invalid; the message names every bad setting. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

/** Parses `source` (default `process.env`) against the contract. */
export function parseEnv(source: Record<string, string | undefined> = process.env): Env {
  const result = envSchema.safeParse(source);
  if (!result.success) {
    const problems = result.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
    throw new ConfigError(`invalid configuration: ${problems.join('; ')}`);
  }
  return result.data;
}
