/**
 * Typed per-stage configuration: everything that differs between dev and prod lives here,
 * so the stacks read one object instead of scattered `if (prod)` checks.
 */
import { RemovalPolicy } from 'aws-cdk-lib';
import { RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { ModelProvider } from '../../functions/shared/model-provider.ts';

/** The stages Tandem ships with. */
export type StageName = 'dev' | 'prod';

/** Which language model the conversation worker talks to. */
export type { ModelProvider };

/** Steady requests per second and burst, as API Gateway takes them. */
export interface Throttle {
  rateLimit: number;
  burstLimit: number;
}

/** The routes with a throttle of their own (keys of `routes` in lib/constructs/webhook-api.ts). */
export type ThrottledRoute = 'twilioMessages' | 'twilioStatus' | 'slackEvents';

/** Everything the stacks need to know about one stage. */
export interface StageConfig {
  /** Stage name; part of every stack and physical resource name. */
  stage: StageName;
  /** Prefix of physical names (queues) so two stages can share an account. */
  prefix: string;
  /** Stateful resources survive `cdk destroy` and stack replacement when true. */
  protectData: boolean;
  /** What happens to stateful resources when they leave the stack. */
  removalPolicy: RemovalPolicy;
  /** Retention of every function and access log group. */
  logRetention: RetentionDays;
  /** Slack channel id (not name) that receives escalation cards. */
  slackEscalationChannel: string;
  /** Model provider of the conversation worker; `bedrock` adds bedrock:InvokeModel to its role. */
  modelProvider: ModelProvider;
  /**
   * Bedrock model access, only read when `modelProvider` is `bedrock`.
   * `inferenceProfileId` is the cross-region profile (`us.` prefix) the SDK calls;
   * `foundationModelId` the model it routes to in every region of the profile.
   */
  bedrock?: { inferenceProfileId: string; foundationModelId: string };
  /**
   * Public base URL Twilio and Slack call (a custom domain in front of the API).
   * @default the HTTP API's execute-api endpoint
   */
  publicBaseUrl?: string;
  /**
   * Base URL of the business's own API the AI's actions call (config/actions.ts), e.g.
   * `https://api.example.com/v1`; its bearer token goes in the business-API secret.
   * @default none: the AI is offered no actions
   */
  businessApiUrl?: string;
  /** Default-stage throttling of the HTTP API: steady requests per second and burst. */
  apiThrottle: Throttle;
  /**
   * Per-route throttling, overriding the default for that route. Twilio sends one request per inbound
   * message and several status callbacks (queued, sent, delivered, read) per outbound one; Slack sends a
   * few events per agent action, and nothing on the Slack route is customer volume.
   */
  routeThrottles: Record<ThrottledRoute, Throttle>;
  /** Upper bound of concurrent conversation-worker instances (SQS maxConcurrency, 2–1000). */
  workerMaxConcurrency: number;
  /** Upper bound of concurrent escalation-notifier instances; Slack rate-limits chat.postMessage per channel. */
  notifierMaxConcurrency: number;
  /** Email address subscribed to the alarm topic; none when undefined. */
  alarmEmail?: string;
  /** AWS account and region; undefined means the CLI's current credentials decide (env-agnostic). */
  env?: { account?: string; region?: string };
}

/** Account and region from the CDK CLI (`CDK_DEFAULT_*`), when it provides them. */
function cliEnv(): StageConfig['env'] {
  const account = process.env.CDK_DEFAULT_ACCOUNT;
  const region = process.env.CDK_DEFAULT_REGION;
  return account || region ? { account, region } : undefined;
}

/** The dev stage: disposable data, short log retention, low ceilings. */
export const devStage: StageConfig = {
  stage: 'dev',
  prefix: 'tandem-dev-',
  protectData: false,
  removalPolicy: RemovalPolicy.DESTROY,
  logRetention: RetentionDays.TWO_WEEKS,
  slackEscalationChannel: 'C0TANDEM',
  modelProvider: 'anthropic',
  apiThrottle: { rateLimit: 20, burstLimit: 40 },
  routeThrottles: {
    twilioMessages: { rateLimit: 25, burstLimit: 50 },
    twilioStatus: { rateLimit: 50, burstLimit: 100 },
    slackEvents: { rateLimit: 10, burstLimit: 20 },
  },
  workerMaxConcurrency: 5,
  notifierMaxConcurrency: 2,
};

/** The prod stage: retained, deletion-protected data, longer log retention. */
export const prodStage: StageConfig = {
  stage: 'prod',
  prefix: 'tandem-prod-',
  protectData: true,
  removalPolicy: RemovalPolicy.RETAIN,
  logRetention: RetentionDays.THREE_MONTHS,
  // Replace with your escalation channel's id (Slack: channel details → "Channel ID").
  slackEscalationChannel: 'C0TANDEM',
  modelProvider: 'anthropic',
  apiThrottle: { rateLimit: 100, burstLimit: 200 },
  routeThrottles: {
    twilioMessages: { rateLimit: 150, burstLimit: 300 },
    twilioStatus: { rateLimit: 300, burstLimit: 600 },
    slackEvents: { rateLimit: 30, burstLimit: 60 },
  },
  workerMaxConcurrency: 20,
  notifierMaxConcurrency: 2,
};

/** All stages by name. */
export const stages: Record<StageName, StageConfig> = { dev: devStage, prod: prodStage };

/** Resolves `--context stage=<name>` (default dev); an unknown name stops synth with the valid choices. */
export function stageConfig(name: unknown = 'dev'): StageConfig {
  const key = String(name);
  if (!Object.hasOwn(stages, key)) {
    throw new Error(`unknown stage "${key}"; expected one of: ${Object.keys(stages).join(', ')}`);
  }
  return { ...stages[key as StageName], env: cliEnv() };
}
