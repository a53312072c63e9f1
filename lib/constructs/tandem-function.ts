/**
 * One Tandem Lambda function with the defaults every function shares (Node 22 on arm64, ESM bundle
 * built by the local esbuild, its own log group with retention, X-Ray tracing, a role that starts
 * empty) and `bind*` helpers that set an environment variable and grant exactly the actions needed.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Annotations, Duration, Stack } from 'aws-cdk-lib';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { Effect, PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Architecture, EventSourceMapping, Runtime, Tracing } from 'aws-cdk-lib/aws-lambda';
import { type BundlingOptions, NodejsFunction, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup } from 'aws-cdk-lib/aws-logs';
import type { ISecret } from 'aws-cdk-lib/aws-secretsmanager';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import type { BuildOptions } from 'esbuild';
import { type Provider, secretArnVariable } from '../../functions/shared/credentials.ts';
import type { ModelProvider, StageConfig } from '../config/stages.ts';
import { metricsNamespace, type QueueDesign } from '../design.ts';
import { type HandlerName, handlerEntry, repoRoot } from '../paths.ts';
import { acknowledge } from './nag.ts';

/** The stub that replaces, in the bundles, packages only Bolt's unused receivers load. */
export const unusedInLambdaStub = join(repoRoot, 'local', 'stubs', 'unused-in-lambda.cjs');

/** The AWS SDK's default credential chain reduced to the environment, which is where Lambda puts them. */
export const lambdaCredentialsStub = join(repoRoot, 'local', 'stubs', 'lambda-credentials.mjs');

/** DynamoDB's endpoint discovery cache, always empty: discovery is off. */
export const emptyEndpointCacheStub = join(repoRoot, 'local', 'stubs', 'empty-endpoint-cache.mjs');

/**
 * The esbuild settings of every function bundle: the single definition used by the construct and by
 * `bench/bundles.bench.ts` (figures in `bench/README.md`).
 */
export const esbuildSettings = {
  minify: true,
  sourceMap: true,
  // Stack traces map to file:line without shipping the sources, which keeps bundles (and cold starts) small.
  sourcesContent: false,
  target: 'node22',
  format: 'esm',
  platform: 'node',
  // Prefer the ESM build of dual packages so esbuild can tree-shake them.
  mainFields: ['module', 'main'],
  // `tandem-bundle` picks the bundle's side of a conditional import in package.json: `#escalation-concepts`
  // is the escalation lexicons' packed copy there, their source unbundled. `module` is listed because
  // esbuild adds it by itself only when no condition is given.
  conditions: ['tandem-bundle', 'module'],
  // CommonJS dependencies inside an ESM bundle still call require(); give them a real one.
  banner:
    "import { createRequire as __tandemCreateRequire } from 'node:module'; const require = __tandemCreateRequire(import.meta.url);",
  // Nothing is external, the AWS SDK included: the pinned, tested SDK versions ship in the bundle
  // instead of whatever the runtime provides, and only the commands a function imports are included.
  // Measured (bench/README.md): with @aws-sdk/* and @smithy/* external, loaded from node_modules, the
  // webhook's bundle shrinks by ~390 KB but its cold import doubles, as Node then reads hundreds of files.
  external: [] as string[],
  // Bolt's index `require`s every receiver, so Express (body-parser, iconv-lite), Socket Mode (undici) and
  // OAuth load at cold start although the functions only use AwsLambdaReceiver: replaced by a stub whose
  // exports throw if ever constructed (slack-events: ~1.6 MB less). Not jsonwebtoken: the twilio SDK
  // needs it for token auth and request validation.
  alias: {
    '@slack/socket-mode': unusedInLambdaStub,
    '@slack/oauth': unusedInLambdaStub,
    express: unusedInLambdaStub,
    'raw-body': unusedInLambdaStub,
    // Lambda sets the role's credentials in the environment: the chain's SSO, INI, process, web-identity
    // and metadata links (and their nested STS/SSO clients) never run there (~140 KB per bundle).
    '@aws-sdk/credential-provider-node': lambdaCredentialsStub,
    // DynamoDB's endpoint discovery is off (Tandem never sets AWS_ENABLE_ENDPOINT_DISCOVERY), so its endpoint
    // cache stays empty: an empty one instead of mnemonist's LRU (~7 KB).
    '@aws-sdk/endpoint-cache': emptyEndpointCacheStub,
  } as Record<string, string>,
} as const;

/**
 * Packages only event-stream operations load (DynamoDB, SQS and Secrets Manager have none): the smithy
 * protocol's `import()` of its event-stream codec, which a one-file bundle inlines (~20 KB, with the
 * checksums it brings). Replaced by the throwing stub, except where the Bedrock runtime client, which has
 * event-stream operations, is bundled.
 */
const eventStreamAlias = { '@smithy/core/event-streams': unusedInLambdaStub };

/** The functions that call the language model: with Bedrock, they bundle its runtime client. */
const modelFunctions: readonly HandlerName[] = ['conversation-worker', 'escalation-notifier'];

/**
 * The aliases of a bundle: {@link esbuildSettings}' plus the event streams', unless it is a model function
 * of a Bedrock stage (or an unnamed bundle of one).
 */
export function bundleAliases(modelProvider?: ModelProvider, handler?: HandlerName): Record<string, string> {
  const bedrockClient = modelProvider === 'bedrock' && (!handler || modelFunctions.includes(handler));
  return bedrockClient ? { ...esbuildSettings.alias } : { ...esbuildSettings.alias, ...eventStreamAlias };
}

/**
 * Build-time constants of a bundle: the stage's model provider, so that `functions/wiring/model.ts` keeps
 * only that provider's branch and the other providers' SDKs stay out (the worker: Anthropic's SDK, or
 * Bedrock's client and credential providers, or the offline responder).
 */
export function bundleDefines(modelProvider: ModelProvider): Record<string, string> {
  return { 'process.env.TANDEM_BUNDLED_MODEL_PROVIDER': JSON.stringify(modelProvider) };
}

/** The `aws-lambda-nodejs` bundling options derived from {@link esbuildSettings}, for one model provider. */
export function bundlingOptionsFor(modelProvider: ModelProvider, handler?: HandlerName): BundlingOptions {
  return {
    ...bundlingOptions,
    define: bundleDefines(modelProvider),
    esbuildArgs: {
      '--alias': aliasArgs(bundleAliases(modelProvider, handler)),
      '--conditions': esbuildSettings.conditions.join(','),
    },
  };
}

/** NodejsFunction has no alias option: `--alias:<package>=<absolute path>` (its esbuild runs in the output dir). */
function aliasArgs(alias: Record<string, string>): string[] {
  return Object.entries(alias).map(([name, path]) => `${name}=${path}`);
}

/** The `aws-lambda-nodejs` bundling options derived from {@link esbuildSettings}. */
export const bundlingOptions: BundlingOptions = {
  minify: esbuildSettings.minify,
  sourceMap: esbuildSettings.sourceMap,
  sourcesContent: esbuildSettings.sourcesContent,
  target: esbuildSettings.target,
  format: OutputFormat.ESM,
  mainFields: [...esbuildSettings.mainFields],
  banner: esbuildSettings.banner,
  externalModules: [...esbuildSettings.external],
  bundleAwsSDK: true,
  esbuildArgs: {
    '--alias': aliasArgs(esbuildSettings.alias),
    '--conditions': esbuildSettings.conditions.join(','),
  },
};

/**
 * The esbuild `build()` options of a function bundle, from {@link esbuildSettings}: what the benchmarks
 * and tests use to bundle exactly as the construct does.
 */
export function esbuildBuildOptions(
  entry: string,
  outfile: string,
  modelProvider?: ModelProvider,
  handler?: HandlerName,
): BuildOptions {
  return {
    ...(modelProvider ? { define: bundleDefines(modelProvider) } : {}),
    absWorkingDir: repoRoot,
    entryPoints: [entry],
    outfile,
    bundle: true,
    platform: esbuildSettings.platform,
    target: esbuildSettings.target,
    format: esbuildSettings.format,
    minify: esbuildSettings.minify,
    sourcemap: esbuildSettings.sourceMap,
    sourcesContent: esbuildSettings.sourcesContent,
    mainFields: [...esbuildSettings.mainFields],
    conditions: [...esbuildSettings.conditions],
    banner: { js: esbuildSettings.banner },
    external: [...esbuildSettings.external],
    alias: bundleAliases(modelProvider, handler),
  };
}

/** Where the knowledge base lands inside a bundle that carries it. */
export const knowledgeBundleDir = 'knowledge';

/**
 * The DynamoDB item actions a function may be granted. Transactions have no IAM action of their own:
 * each entry is checked against PutItem / UpdateItem / DeleteItem, and a ConditionCheck entry against
 * ConditionCheckItem.
 */
export type ItemAction =
  | 'GetItem'
  | 'BatchGetItem'
  | 'PutItem'
  | 'UpdateItem'
  | 'DeleteItem'
  | 'BatchWriteItem'
  | 'ConditionCheckItem';

/** One function's table access: item actions on the table, and where it may Query. */
export interface TableGrant {
  items: readonly ItemAction[];
  /** `table` for the base table, or an index name. */
  query: readonly string[];
}

/** What an SQS event source needs (the same set as the AWSLambdaSQSQueueExecutionRole managed policy). */
export const consumeActions = ['sqs:ReceiveMessage', 'sqs:DeleteMessage', 'sqs:GetQueueAttributes'];

/** Properties of a {@link TandemFunction}. */
export interface TandemFunctionProps {
  /** Handler file name under `functions/handlers/` (exports `handler`). */
  handler: HandlerName;
  /** One line on what the function does. */
  description: string;
  /** The stage being deployed (log retention, removal policy, prefix). */
  config: StageConfig;
  /** Function timeout; a queue consumer's must match its queue design. */
  timeout: Duration;
  /**
   * Memory in MB; on arm64 CPU scales with memory, which shortens cold starts.
   * @default 512
   */
  memorySize?: number;
  /** Environment variables besides the ones the `bind*` helpers set; never a secret value. */
  environment?: Record<string, string>;
  /**
   * Copy `knowledge/*.md` (with the generated `knowledge/synonyms.json` and the example phrasings `knowledge/examples.json`) into the bundle and point `KNOWLEDGE_DIR` at it.
   * @default false
   */
  withKnowledge?: boolean;
}

/** A Tandem Lambda function and its least-privilege role. */
export class TandemFunction extends Construct {
  /** The Lambda function. */
  readonly function: NodejsFunction;
  /** Its role: only logs (and X-Ray) until a `bind*` call adds more. */
  readonly role: Role;
  /** Its log group, with the stage's retention. */
  readonly logGroup: LogGroup;

  constructor(scope: Construct, id: string, props: TandemFunctionProps) {
    super(scope, id);
    const { config } = props;

    this.logGroup = new LogGroup(this, 'Logs', {
      retention: config.logRetention,
      removalPolicy: config.removalPolicy,
    });
    // A role without the AWSLambdaBasicExecutionRole managed policy: logs go to this one group only.
    this.role = new Role(this, 'Role', {
      assumedBy: new ServicePrincipal('lambda.amazonaws.com'),
      description: `Tandem ${config.stage} ${props.handler}`,
    });
    this.role.addToPolicy(
      new PolicyStatement({
        effect: Effect.ALLOW,
        actions: ['logs:CreateLogStream', 'logs:PutLogEvents'],
        resources: [this.logGroup.logGroupArn],
      }),
    );

    this.function = new NodejsFunction(this, 'Function', {
      entry: resolveEntry(this, props.handler),
      handler: 'handler',
      description: props.description,
      runtime: Runtime.NODEJS_22_X,
      architecture: Architecture.ARM_64,
      memorySize: props.memorySize ?? 512,
      timeout: props.timeout,
      role: this.role,
      logGroup: this.logGroup,
      tracing: Tracing.ACTIVE,
      projectRoot: repoRoot,
      depsLockFilePath: join(repoRoot, 'package-lock.json'),
      bundling: {
        ...bundlingOptionsFor(config.modelProvider, props.handler),
        ...(props.withKnowledge ? { commandHooks: copyKnowledge } : {}),
      },
      environment: {
        NODE_OPTIONS: '--enable-source-maps',
        POWERTOOLS_SERVICE_NAME: 'tandem',
        POWERTOOLS_METRICS_NAMESPACE: metricsNamespace,
        ...(props.withKnowledge ? { KNOWLEDGE_DIR: `/var/task/${knowledgeBundleDir}` } : {}),
        ...props.environment,
      },
    });

    acknowledge(this.role, {
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason:
        'Active X-Ray tracing needs xray:PutTraceSegments and xray:PutTelemetryRecords, which support no resource-level permissions.',
    });
    acknowledge(this.function, {
      id: 'AwsSolutions-L1',
      reason:
        'Node.js 22 is the deliberate, tested runtime (esbuild target node22, local runtime on Node 20+); moving to a newer runtime is a tested change of its own.',
    });
  }

  /** Sets an environment variable (never a secret value). */
  addEnvironment(name: string, value: string): this {
    this.function.addEnvironment(name, value);
    return this;
  }

  /** Sets `TABLE_NAME` and grants exactly `grant`: its item actions on the table, Query where it says. */
  bindTable(table: ITable, grant: TableGrant): this {
    this.addEnvironment('TABLE_NAME', table.tableName);
    if (grant.items.length > 0) {
      this.role.addToPolicy(
        new PolicyStatement({
          actions: grant.items.map((action) => `dynamodb:${action}`),
          resources: [table.tableArn],
        }),
      );
    }
    if (grant.query.length > 0) {
      this.role.addToPolicy(
        new PolicyStatement({
          actions: ['dynamodb:Query'],
          resources: grant.query.map((target) =>
            target === 'table' ? table.tableArn : `${table.tableArn}/index/${target}`,
          ),
        }),
      );
    }
    return this;
  }

  /**
   * Sets `envName` to the queue URL; with `send`, grants sqs:SendMessage (which also covers
   * SendMessageBatch). `reference` only sets the URL, for functions that must know it but never send.
   */
  bindQueue(queue: IQueue, envName: string, access: 'send' | 'reference'): this {
    this.addEnvironment(envName, queue.queueUrl);
    if (access === 'send') {
      this.role.addToPolicy(
        new PolicyStatement({ actions: ['sqs:SendMessage'], resources: [queue.queueArn] }),
      );
    }
    return this;
  }

  /**
   * Sets the provider's `*_SECRET_ARN` and grants secretsmanager:GetSecretValue on that one secret
   * (read once per cold start).
   */
  bindSecret(provider: Provider, secret: ISecret): this {
    this.addEnvironment(secretArnVariable[provider], secret.secretArn);
    this.role.addToPolicy(
      new PolicyStatement({ actions: ['secretsmanager:GetSecretValue'], resources: [secret.secretArn] }),
    );
    return this;
  }

  /**
   * Makes this function the queue's consumer: an event source mapping with partial batch responses and
   * the design's batch settings, and exactly the SQS actions the mapping needs.
   */
  consume(queue: IQueue, design: QueueDesign, options: { maxConcurrency?: number } = {}): EventSourceMapping {
    if (this.function.timeout && design.visibilityTimeoutSeconds < 6 * this.function.timeout.toSeconds()) {
      throw new Error(`${design.name}: visibility timeout must be at least 6x the consumer's timeout`);
    }
    this.role.addToPolicy(new PolicyStatement({ actions: consumeActions, resources: [queue.queueArn] }));
    // A plain mapping rather than SqsEventSource, whose grant adds ChangeMessageVisibility and GetQueueUrl.
    const mapping = new EventSourceMapping(this, 'QueueSource', {
      target: this.function,
      eventSourceArn: queue.queueArn,
      batchSize: design.batchSize,
      reportBatchItemFailures: true,
      ...(design.fifo || !design.batchingWindowSeconds
        ? {}
        : { maxBatchingWindow: Duration.seconds(design.batchingWindowSeconds) }),
      ...(options.maxConcurrency ? { maxConcurrency: options.maxConcurrency } : {}),
    });
    // The mapping validates its permissions on creation, so the policy must exist first.
    mapping.node.addDependency(this.role);
    return mapping;
  }

  /** Lets the consumer defer a failed record (backoff through sqs:ChangeMessageVisibility on `queue`). */
  allowBackoff(queue: IQueue): this {
    this.role.addToPolicy(
      new PolicyStatement({ actions: ['sqs:ChangeMessageVisibility'], resources: [queue.queueArn] }),
    );
    return this;
  }

  /** Grants bedrock:InvokeModel on one inference profile and the foundation model it routes to. */
  allowBedrock(bedrock: { inferenceProfileId: string; foundationModelId: string }): this {
    const stack = Stack.of(this);
    this.role.addToPolicy(
      new PolicyStatement({
        actions: ['bedrock:InvokeModel'],
        resources: [
          stack.formatArn({
            service: 'bedrock',
            resource: 'inference-profile',
            resourceName: bedrock.inferenceProfileId,
          }),
          // A cross-region profile routes to the model in any region of its geography.
          `arn:${stack.partition}:bedrock:*::foundation-model/${bedrock.foundationModelId}`,
        ],
      }),
    );
    acknowledge(this.role, {
      id: `AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:bedrock:*::foundation-model/${bedrock.foundationModelId}]`,
      reason:
        'A cross-region inference profile may route the call to the same foundation model in any region of its geography; the model id is fixed.',
    });
    return this;
  }
}

/** Copies the knowledge base into the bundle after esbuild ran (no-op when the directory is empty). */
const copyKnowledge = {
  beforeBundling: (): string[] => [],
  beforeInstall: (): string[] => [],
  afterBundling: (inputDir: string, outputDir: string): string[] => [
    `mkdir -p "${outputDir}/${knowledgeBundleDir}"`,
    `find "${inputDir}/knowledge" -maxdepth 1 -name '*.md' -exec cp {} "${outputDir}/${knowledgeBundleDir}/" ";"`,
    // The synonym map generated for it (`npm run knowledge -- synonyms`) and the example phrasings, when there are.
    `find "${inputDir}/knowledge" -maxdepth 1 \\( -name synonyms.json -o -name examples.json \\) -exec cp {} "${outputDir}/${knowledgeBundleDir}/" ";"`,
    // The saved replies the agents send from Slack (slack-events reads them; the knowledge loader skips them).
    `mkdir -p "${outputDir}/${knowledgeBundleDir}/replies"`,
    `find "${inputDir}/knowledge/replies" -maxdepth 1 -name '*.md' -exec cp {} "${outputDir}/${knowledgeBundleDir}/replies/" ";" 2>/dev/null || true`,
  ],
};

/**
 * The handler's entry file. NodejsFunction insists that the entry exists even when bundling is skipped
 * (`aws:cdk:bundling-stacks: []`); in that case only, a missing handler is replaced by this module so a
 * template can be synthesized before the handler is written. A real bundle never falls back.
 */
function resolveEntry(scope: Construct, name: HandlerName): string {
  const entry = handlerEntry(name);
  if (existsSync(entry)) return entry;
  if (Stack.of(scope).bundlingRequired) {
    throw new Error(`cannot bundle ${name}: functions/handlers/${name}.ts does not exist`);
  }
  Annotations.of(scope).addInfo(`functions/handlers/${name}.ts is missing; synthesized without its bundle`);
  return fileURLToPath(import.meta.url);
}
