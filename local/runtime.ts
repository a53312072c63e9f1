/**
 * The whole system on one machine (`npm run dev`): DynamoDB Local, fauxqs, the emulated Twilio and
 * Slack APIs when no credentials are given, and the production handlers behind a local API Gateway
 * and SQS event sources.
 *
 * Handlers read their configuration at module load, so the runtime sets `process.env` before it imports
 * them; as modules are cached, one process runs one runtime.
 */
import { createHash, randomUUID } from 'node:crypto';
import { rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DescribeTableCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { GetQueueAttributesCommand, type SQSClient } from '@aws-sdk/client-sqs';
import type { ScheduledEvent } from 'aws-lambda';
import { chooseModelProvider, type ModelProvider } from '../functions/shared/model-provider.ts';
import { type HandlerName, handlerNames } from '../lib/paths.ts';
import {
  type ApiGateway,
  type FallbackHandler,
  type HttpHandler,
  LOCAL_ACCOUNT_ID,
  LOCAL_REGION,
  type RouteTable,
  startApiGateway,
} from './api-gateway.ts';
import { createTable, type DynamoDbLocal, localDynamoClient, startDynamoDbLocal } from './dynamodb-local.ts';
import type { FakeOrdersApi } from './fake-orders-api.ts';
import type { FakeSlack } from './fake-slack.ts';
import type { FakeTwilio } from './fake-twilio.ts';
import {
  type ConsumerSpec,
  type FunctionHost,
  type FunctionHostOptions,
  type HostEvents,
  startFunctionHost,
} from './function-host.ts';
import { startFunctionThread } from './function-thread-host.ts';
import { freePort } from './ports.ts';
import { requestCounter, requestPressureBuffer } from './request-pressure.ts';
import {
  createTandemQueues,
  localSqsClient,
  type QueueOverrides,
  type QueuePair,
  type SqsLocal,
  startSqsLocal,
} from './sqs-local.ts';
import { startTcpProxy, type TcpProxy } from './tcp-proxy.ts';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** Credentials of the emulated Twilio account (stable, so signed test webhooks keep working across runs). */
export const LOCAL_TWILIO = {
  accountSid: `AC${createHash('sha256').update('tandem-local-account').digest('hex').slice(0, 32)}`,
  authToken: createHash('sha256').update('tandem-local-token').digest('hex').slice(0, 32),
} as const;

/** Credentials of the emulated Slack app. */
export const LOCAL_SLACK = {
  botToken: 'xoxb-tandem-local',
  signingSecret: createHash('sha256').update('tandem-local-signing').digest('hex').slice(0, 32),
} as const;

/** The bearer token of the emulated orders API (the business API of the sample actions). */
export const LOCAL_ORDERS_TOKEN = createHash('sha256')
  .update('tandem-local-orders')
  .digest('hex')
  .slice(0, 32);

/** The file in the data dir that names a running dev runtime's DynamoDB endpoint and table. */
export const DEV_CONNECTION_FILE = 'dev.json';

/** The escalation channel the emulated Slack workspace uses unless `SLACK_ESCALATION_CHANNEL` is set. */
export const LOCAL_ESCALATION_CHANNEL = 'C0TANDEM';

/** The handlers the runtime serves (functions/handlers/<name>.ts): the same list the CDK app deploys. */
export const HANDLER_NAMES = handlerNames;

/** A handler's name. */
export type { HandlerName };

/** The HTTP routes and the handler behind each. */
export const HTTP_ROUTES: Record<string, HandlerName> = {
  'POST /twilio/messages': 'twilio-webhook',
  'POST /twilio/status': 'twilio-status',
  'POST /slack/events': 'slack-events',
};

/** The handlers behind no HTTP route (the queue consumers and the sweeper): with `functionThreads`, they run in a worker thread. */
const BACKGROUND_HANDLERS: readonly HandlerName[] = HANDLER_NAMES.filter(
  (name) => !Object.values(HTTP_ROUTES).includes(name),
);

/** Environment that makes a runtime use the emulators and the offline model whatever the shell has (tests, benches). */
export const EMULATED_ENV: Record<string, string> = {
  TWILIO_ACCOUNT_SID: '',
  TWILIO_AUTH_TOKEN: '',
  SLACK_BOT_TOKEN: '',
  SLACK_SIGNING_SECRET: '',
  ANTHROPIC_API_KEY: '',
  MODEL_PROVIDER: 'offline',
  BUSINESS_API_URL: '',
};

/** Options of `startLocalRuntime`. */
export interface LocalRuntimeOptions {
  /** HTTP port; 0 picks a free one. @default env PORT, else 3000 */
  port?: number;
  /** Where DynamoDB Local keeps its data. @default env DATA_DIR, else `.tandem` */
  dataDir?: string;
  /** Deletes `dataDir` before starting. */
  reset?: boolean;
  /** Keeps DynamoDB Local in memory (nothing written to `dataDir`). */
  inMemory?: boolean;
  /** Reuse a running DynamoDB (tests) instead of starting DynamoDB Local. */
  dynamoEndpoint?: string;
  /** Reuse a running SQS endpoint (tests) instead of starting fauxqs. */
  sqsEndpoint?: string;
  /** Table name and queue name prefix, to keep runtimes sharing endpoints apart. @default 'tandem' */
  resourcePrefix?: string;
  /** Extra environment for the handlers (overrides `process.env`; credentials here choose real services). */
  env?: Record<string, string>;
  /** No log lines. */
  quiet?: boolean;
  /** Where log lines go. @default console.log */
  log?: (line: string) => void;
  /** Period of the SLA sweep, 0 to disable. @default 60000 */
  sweepIntervalMs?: number;
  /**
   * Visibility timeout the queue consumers receive with, instead of the queues' own (180 s and 90 s): a
   * failed record comes back after this many seconds (fault tests). @default the queue's
   */
  consumerVisibilityTimeoutSeconds?: number;
  /** Plain routes (the playground) served before the 404. */
  fallback?: FallbackHandler;
  /**
   * Queue shapes other than lib/design.ts (fault tests: a visibility timeout and desk-job backoff of
   * seconds, so a retry is seen without waiting minutes). The handlers' backoff follows `retry`.
   */
  queues?: QueueOverrides;
  /** Puts a stallable TCP proxy between the handlers and DynamoDB (`faults.dynamo`). */
  dynamoProxy?: boolean;
  /** Backoff of the queue pollers after a failed receive. @default { min: 250, max: 5000 } */
  pollerBackoffMs?: { min: number; max: number };
  /**
   * Batches each queue consumer runs at once, as Lambda runs concurrent invocations (on the FIFO queue
   * they hold different conversations; order within one is kept). @default env CONSUMER_CONCURRENCY, else 8
   */
  consumerConcurrency?: number;
  /**
   * Runs the queue consumers (conversation worker, escalation notifier: their event sources and
   * handlers) and the SLA sweeper in a worker thread, as Lambda runs each function in its own execution
   * environment: a webhook's acknowledgement then never waits behind the worker's CPU work, and the
   * functions use a second core. Otherwise every handler runs in the runtime's own thread.
   * Off in `npm run dev` and the benchmarks unless `FUNCTION_THREADS=1` (one thread measured faster on a
   * 2-core machine, bench/README.md). @default env FUNCTION_THREADS is `1` or `true`
   */
  functionThreads?: boolean;
}

/** Concurrent batches per queue consumer unless `consumerConcurrency` or `CONSUMER_CONCURRENCY` says otherwise. */
export const DEFAULT_CONSUMER_CONCURRENCY = 8;

/** The consumers' concurrency from the option, else `CONSUMER_CONCURRENCY`; a bad value stops start-up naming it. */
function consumerConcurrencyOf(option: number | undefined, env: string | undefined): number {
  const value = option ?? (env === undefined || env === '' ? DEFAULT_CONSUMER_CONCURRENCY : Number(env));
  if (!Number.isInteger(value) || value < 1 || value > 1000) {
    throw new Error(`CONSUMER_CONCURRENCY must be an integer from 1 to 1000, got ${option ?? env}`);
  }
  return value;
}

/** `functionThreads` from the option, else `FUNCTION_THREADS`; a bad value stops start-up naming it. */
function functionThreadsOf(option: boolean | undefined, env: string | undefined): boolean {
  if (option !== undefined) return option;
  const value = (env ?? '').trim().toLowerCase();
  if (value === '' || value === '0' || value === 'false') return false;
  if (value === '1' || value === 'true') return true;
  throw new Error(`FUNCTION_THREADS must be 1, 0, true or false, got ${env}`);
}

/** Fault injection into the runtime's own parts (the emulated Slack and Twilio have their own). */
export interface RuntimeFaults {
  /** The proxy in front of DynamoDB, with `dynamoProxy`: `pause()`, `resume()`, `stallFor(ms)`. */
  dynamo?: TcpProxy;
  /** Every queue poller's receive fails for `ms` (as if SQS were unreachable). */
  failSqsReceives(ms: number): void;
}

/** How each part is provided. */
export interface Components {
  dynamodb: 'up' | 'down';
  sqs: 'up' | 'down';
  twilio: 'emulated' | 'real' | 'missing';
  slack: 'emulated' | 'real' | 'missing';
  model: ModelProvider;
  handlers: Record<HandlerName, 'ready' | 'missing' | 'failed'>;
}

/** The `/health` answer. */
export interface Health {
  status: 'ok' | 'degraded';
  components: Components;
}

/** What the runtime started and where to reach it (for the playground and system tests). */
export interface LocalServices {
  dynamoEndpoint: string;
  sqsEndpoint: string;
  tableName: string;
  queues: { events: QueuePair; escalations: QueuePair };
  twilio: {
    mode: Components['twilio'];
    apiUrl: string;
    accountSid?: string;
    authToken?: string;
    fake?: FakeTwilio;
  };
  slack: {
    mode: Components['slack'];
    apiUrl: string;
    botToken?: string;
    signingSecret?: string;
    escalationChannel: string;
    fake?: FakeSlack;
  };
  model: Components['model'];
  /** The business API the actions call (config/actions.ts): the emulated orders API unless `BUSINESS_API_URL`. */
  orders: { mode: 'emulated' | 'real' | 'missing'; apiUrl?: string; fake?: FakeOrdersApi };
  dataDir?: string;
}

/** A running local runtime. */
export interface LocalRuntime {
  /** `http://localhost:<port>` (also `PUBLIC_BASE_URL` unless set). */
  url: string;
  port: number;
  services: LocalServices;
  /** Current component states (probes DynamoDB and SQS). */
  health(): Promise<Health>;
  /** Resolves when both queues are empty and no batch is in flight; rejects after `timeoutMs`. */
  drain(options?: { timeoutMs?: number }): Promise<void>;
  /** Runs the SLA sweeper now and returns its result. */
  sweep(): Promise<unknown>;
  /** Fault injection (tests). */
  faults: RuntimeFaults;
  /** Stops everything the runtime started (DynamoDB Local's Java process included). */
  stop(): Promise<void>;
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Starts the local runtime; on failure, stops whatever it had started and rethrows. */
export async function startLocalRuntime(options: LocalRuntimeOptions = {}): Promise<LocalRuntime> {
  const source: Record<string, string | undefined> = { ...process.env, ...options.env };
  const log = options.quiet ? () => {} : (options.log ?? ((line: string) => console.log(line)));
  const cleanups: (() => Promise<void>)[] = [];
  const cleanup = async () => {
    for (const step of cleanups.splice(0).reverse()) {
      try {
        await step();
      } catch (error) {
        log(`! stop: ${message(error)}`);
      }
    }
  };

  try {
    const consumerConcurrency = consumerConcurrencyOf(
      options.consumerConcurrency,
      source.CONSUMER_CONCURRENCY,
    );
    const functionThreads = functionThreadsOf(options.functionThreads, source.FUNCTION_THREADS);
    // The gateway's requests in flight, seen by the queue consumers in any thread (local/request-pressure.ts).
    const pressure = requestPressureBuffer();
    const dataDir = options.inMemory ? undefined : resolve(options.dataDir ?? source.DATA_DIR ?? '.tandem');
    if (options.reset && dataDir) rmSync(dataDir, { recursive: true, force: true });
    const prefix = options.resourcePrefix ?? 'tandem';

    // Infrastructure: DynamoDB Local and fauxqs, unless running ones were given.
    const [dynamoStart, sqsStart] = await Promise.allSettled([
      options.dynamoEndpoint
        ? undefined
        : freePort().then((port) =>
            startDynamoDbLocal({ port, ...(dataDir ? { dataDir: join(dataDir, 'dynamodb') } : {}) }),
          ),
      options.sqsEndpoint ? undefined : freePort().then((port) => startSqsLocal({ port })),
    ]);
    // Register whichever started before reporting the one that failed, so neither is left running.
    const dynamo: DynamoDbLocal | undefined =
      dynamoStart.status === 'fulfilled' ? dynamoStart.value : undefined;
    const sqsLocal: SqsLocal | undefined = sqsStart.status === 'fulfilled' ? sqsStart.value : undefined;
    if (dynamo) cleanups.push(() => dynamo.stop());
    if (sqsLocal) cleanups.push(() => sqsLocal.stop());
    if (dynamoStart.status === 'rejected') throw dynamoStart.reason;
    if (sqsStart.status === 'rejected') throw sqsStart.reason;
    const dynamoEndpoint = options.dynamoEndpoint ?? dynamo!.endpoint;
    const sqsEndpoint = options.sqsEndpoint ?? sqsLocal!.endpoint;

    const dynamoClient: DynamoDBClient = localDynamoClient(dynamoEndpoint);
    const sqsClient: SQSClient = localSqsClient(sqsEndpoint);
    cleanups.push(async () => {
      dynamoClient.destroy();
      sqsClient.destroy();
    });
    const tableName = prefix;
    await createTable(dynamoClient, tableName);
    const queues = await createTandemQueues(sqsClient, `${prefix}-`, options.queues);
    // The handlers reach DynamoDB through a stallable proxy when fault tests ask for one.
    let dynamoProxy: TcpProxy | undefined;
    if (options.dynamoProxy) {
      const proxy = await startTcpProxy(dynamoEndpoint);
      cleanups.push(() => proxy.stop());
      dynamoProxy = proxy;
    }

    // Third parties: real with credentials, emulated without.
    const twilio: LocalServices['twilio'] = {
      mode: 'real',
      apiUrl: source.TWILIO_API_URL ?? 'https://api.twilio.com',
    };
    if (source.TWILIO_ACCOUNT_SID && source.TWILIO_AUTH_TOKEN) {
      twilio.accountSid = source.TWILIO_ACCOUNT_SID;
      twilio.authToken = source.TWILIO_AUTH_TOKEN;
    } else {
      try {
        const { startFakeTwilio } = await import('./fake-twilio.ts');
        const fake = await startFakeTwilio({ ...LOCAL_TWILIO });
        cleanups.push(() => fake.stop());
        Object.assign(twilio, { mode: 'emulated', apiUrl: fake.url, ...LOCAL_TWILIO, fake });
      } catch (error) {
        twilio.mode = 'missing';
        log(`! Twilio emulator unavailable: ${message(error)}`);
      }
    }
    const slack: LocalServices['slack'] = {
      mode: 'real',
      apiUrl: source.SLACK_API_URL ?? 'https://slack.com/api/',
      escalationChannel: source.SLACK_ESCALATION_CHANNEL ?? LOCAL_ESCALATION_CHANNEL,
    };
    if (source.SLACK_BOT_TOKEN && source.SLACK_SIGNING_SECRET) {
      slack.botToken = source.SLACK_BOT_TOKEN;
      slack.signingSecret = source.SLACK_SIGNING_SECRET;
    } else {
      try {
        const { startFakeSlack } = await import('./fake-slack.ts');
        const fake = await startFakeSlack({ ...LOCAL_SLACK });
        cleanups.push(() => fake.stop());
        Object.assign(slack, { mode: 'emulated', apiUrl: fake.url, ...LOCAL_SLACK, fake });
      } catch (error) {
        slack.mode = 'missing';
        log(`! Slack emulator unavailable: ${message(error)}`);
      }
    }
    // Where `npm run erase` / `npm run export` find this runtime's table (and the emulated Slack) while it runs.
    // The business API of the actions: the emulated sample orders API unless BUSINESS_API_URL is set.
    const orders: LocalServices['orders'] = {
      mode: 'real',
      ...(source.BUSINESS_API_URL ? { apiUrl: source.BUSINESS_API_URL } : {}),
    };
    if (!source.BUSINESS_API_URL) {
      try {
        const { startFakeOrdersApi } = await import('./fake-orders-api.ts');
        const fake = await startFakeOrdersApi({ token: LOCAL_ORDERS_TOKEN });
        cleanups.push(() => fake.stop());
        Object.assign(orders, { mode: 'emulated', apiUrl: fake.url, fake });
      } catch (error) {
        orders.mode = 'missing';
        log(`! orders API emulator unavailable: ${message(error)}`);
      }
    }
    if (dataDir && dynamo) {
      const connection = join(dataDir, DEV_CONNECTION_FILE);
      writeFileSync(
        connection,
        JSON.stringify({
          dynamoEndpoint,
          tableName,
          // `npm run dlq` finds the dead-letter queues here.
          sqs: {
            endpoint: sqsEndpoint,
            queues: Object.fromEntries(
              Object.entries(queues).map(([name, pair]) => [
                name,
                { url: pair.url, dlqUrl: pair.dlqUrl, fifo: pair.design.fifo },
              ]),
            ),
          },
          ...(slack.mode === 'emulated' ? { slack: { apiUrl: slack.apiUrl, botToken: slack.botToken } } : {}),
        }),
      );
      cleanups.push(async () => rmSync(connection, { force: true }));
    }
    const model = chooseModelProvider(source.MODEL_PROVIDER, source.ANTHROPIC_API_KEY);

    // The HTTP server listens first so that PUBLIC_BASE_URL can name its port; routes wait for the handlers.
    /** The host running each handler, once loaded. */
    const hostOf: Partial<Record<HandlerName, FunctionHost>> = {};
    const handlerStates = Object.fromEntries(
      HANDLER_NAMES.map((name) => [name, 'missing']),
    ) as Components['handlers'];
    let handlersLoaded!: () => void;
    const ready = new Promise<void>((resolveReady) => {
      handlersLoaded = resolveReady;
    });
    const routes: RouteTable = {};
    for (const [routeKey, name] of Object.entries(HTTP_ROUTES)) {
      const invoke: HttpHandler = async (event, context) => {
        await ready;
        const host = hostOf[name];
        if (!host || handlerStates[name] !== 'ready') {
          return {
            statusCode: 503,
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ message: `handler ${name} is ${handlerStates[name]}` }),
          };
        }
        return (await host.invoke(name, event, context)) as Awaited<ReturnType<HttpHandler>>;
      };
      routes[routeKey] = { functionName: `tandem-${name}`, handler: invoke };
    }

    // The server listens (so PUBLIC_BASE_URL has its port) before the handlers load; until then
    // /health answers 503 "starting".
    let health: (() => Promise<Health>) | undefined;
    const fallback: FallbackHandler = async (request, response, body) => {
      if (request.method === 'GET' && request.url?.split('?')[0] === '/health') {
        if (!health) {
          response.writeHead(503, { 'content-type': 'application/json' });
          response.end(JSON.stringify({ status: 'starting' }));
          return true;
        }
        const current = await health();
        response.writeHead(current.status === 'ok' ? 200 : 503, { 'content-type': 'application/json' });
        response.end(JSON.stringify(current));
        return true;
      }
      return options.fallback ? options.fallback(request, response, body) : false;
    };

    const gateway: ApiGateway = await startApiGateway({
      routes,
      fallback,
      pressure: requestCounter(pressure),
      port: options.port ?? Number(source.PORT ?? 3000),
      onRequest: (entry) => {
        // The playground's page and API calls would drown the webhook lines it causes.
        if (entry.path === '/health' || entry.path === '/' || entry.path.startsWith('/playground/')) return;
        const failure = entry.error ? `  ✗ ${message(entry.error)}` : '';
        log(`→ ${entry.method} ${entry.path} ${entry.statusCode} ${entry.durationMs}ms${failure}`);
      },
    });
    cleanups.push(() => gateway.stop());
    const url = `http://localhost:${gateway.port}`;

    // The handlers' environment, set before their modules load.
    const handlerEnv: Record<string, string | undefined> = {
      AWS_REGION: LOCAL_REGION,
      AWS_ACCESS_KEY_ID: 'local',
      AWS_SECRET_ACCESS_KEY: 'local',
      AWS_ENDPOINT_URL_DYNAMODB: dynamoProxy?.endpoint ?? dynamoEndpoint,
      AWS_ENDPOINT_URL_SQS: sqsEndpoint,
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
      TABLE_NAME: tableName,
      EVENTS_QUEUE_URL: queues.events.url,
      ESCALATIONS_QUEUE_URL: queues.escalations.url,
      PUBLIC_BASE_URL: source.PUBLIC_BASE_URL ?? url,
      SLACK_ESCALATION_CHANNEL: slack.escalationChannel,
      MODEL_PROVIDER: model,
      KNOWLEDGE_DIR: source.KNOWLEDGE_DIR ?? join(repoRoot, 'knowledge'),
      // Handler logs are JSON for CloudWatch; locally the runtime's one-liners are the readable log.
      LOG_LEVEL: source.LOG_LEVEL ?? (options.quiet ? 'ERROR' : 'WARN'),
      POWERTOOLS_SERVICE_NAME: source.POWERTOOLS_SERVICE_NAME ?? 'tandem',
      // CloudWatch EMF lines mean nothing locally; `POWERTOOLS_METRICS_DISABLED=false` shows them.
      POWERTOOLS_METRICS_DISABLED: source.POWERTOOLS_METRICS_DISABLED ?? 'true',
      ...(queues.escalations.design.retry
        ? {
            DESK_RETRY_BASE_SECONDS: String(queues.escalations.design.retry.baseSeconds),
            DESK_RETRY_MAX_SECONDS: String(queues.escalations.design.retry.maxSeconds),
          }
        : {}),
    };
    if (twilio.mode !== 'missing') {
      Object.assign(handlerEnv, {
        TWILIO_API_URL: twilio.apiUrl,
        TWILIO_ACCOUNT_SID: twilio.accountSid,
        TWILIO_AUTH_TOKEN: twilio.authToken,
      });
    }
    if (orders.fake) {
      Object.assign(handlerEnv, {
        BUSINESS_API_URL: orders.fake.url,
        BUSINESS_API_TOKEN: LOCAL_ORDERS_TOKEN,
      });
    }
    if (slack.mode !== 'missing') {
      Object.assign(handlerEnv, {
        SLACK_API_URL: slack.apiUrl,
        SLACK_BOT_TOKEN: slack.botToken,
        SLACK_SIGNING_SECRET: slack.signingSecret,
      });
    }
    for (const [name, value] of Object.entries({ ...options.env, ...handlerEnv })) {
      if (value !== undefined) process.env[name] = value;
    }

    // Queue consumers, with Lambda's event source semantics, run where their handler is hosted.
    const consumers: ConsumerSpec[] = (
      [
        ['conversation-worker', queues.events],
        ['escalation-notifier', queues.escalations],
      ] as const
    ).map(([name, pair]) => ({
      handler: name,
      queueUrl: pair.url,
      batchSize: pair.design.batchSize,
      concurrency: consumerConcurrency,
      fifo: pair.design.fifo,
      functionName: `tandem-${name}`,
      timeoutSeconds: pair.design.consumerTimeoutSeconds,
      ...(options.consumerVisibilityTimeoutSeconds
        ? { visibilityTimeoutSeconds: options.consumerVisibilityTimeoutSeconds }
        : {}),
      ...(options.pollerBackoffMs ? { errorBackoffMs: options.pollerBackoffMs } : {}),
    }));
    const hostEvents: HostEvents = {
      onBatch: (batch) => {
        const failed = batch.error
          ? `  ✗ threw: ${batch.error} (batch left on the queue)`
          : batch.failed > 0
            ? `  ${batch.failed} failed`
            : '';
        log(
          `⇢ ${batch.handler} ${batch.size} record${batch.size === 1 ? '' : 's'} ${batch.durationMs}ms${failed}`,
        );
      },
      onPollerError: (name, error) => log(`! ${name} poller: ${error} (backing off)`),
      onPollerRecover: (name, failures) =>
        log(`✓ ${name} poller: receiving again after ${failures} failed receives`),
      onLoadFailure: (name, state, error) =>
        log(`! handler ${name} ${state}${error === undefined ? '' : `: ${error}`}`),
    };
    const hostOptions = (names: readonly HandlerName[]): FunctionHostOptions => ({
      root: repoRoot,
      handlers: names,
      consumers: consumers.filter((consumer) => names.includes(consumer.handler)),
      sqsEndpoint,
      requestPressure: pressure,
    });
    // Every handler in this thread, or the HTTP handlers here and the background ones in a worker thread.
    const groups: { names: readonly HandlerName[]; thread: boolean }[] = functionThreads
      ? [
          { names: HANDLER_NAMES.filter((name) => !BACKGROUND_HANDLERS.includes(name)), thread: false },
          { names: BACKGROUND_HANDLERS, thread: true },
        ]
      : [{ names: HANDLER_NAMES, thread: false }];
    const started = await Promise.allSettled(
      groups.map(({ names, thread }) =>
        thread
          ? startFunctionThread(hostOptions(names), hostEvents)
          : startFunctionHost(hostOptions(names), hostEvents),
      ),
    );
    const hosts: FunctionHost[] = [];
    started.forEach((result, index) => {
      const names = groups[index]?.names ?? [];
      if (result.status === 'rejected') {
        for (const name of names) handlerStates[name] = 'failed';
        log(`! function thread of ${names.join(', ')} failed: ${message(result.reason)}`);
        return;
      }
      const host = result.value;
      hosts.push(host);
      for (const name of names) {
        hostOf[name] = host;
        handlerStates[name] = host.states[name] ?? 'failed';
      }
    });
    cleanups.push(async () => {
      await Promise.all(hosts.map((host) => host.stop()));
    });
    // A thread that dies marks its handlers failed.
    const currentStates = () => {
      for (const [name, host] of Object.entries(hostOf) as [HandlerName, FunctionHost][]) {
        handlerStates[name] = host.states[name] ?? 'failed';
      }
      return handlerStates;
    };
    handlersLoaded();

    const sweep = async (): Promise<unknown> => {
      const host = hostOf['sla-sweeper'];
      if (!host || currentStates()['sla-sweeper'] !== 'ready') {
        throw new Error(`handler sla-sweeper is ${handlerStates['sla-sweeper']}`);
      }
      const now = new Date();
      const event: ScheduledEvent = {
        version: '0',
        id: randomUUID(),
        'detail-type': 'Scheduled Event',
        source: 'aws.events',
        account: LOCAL_ACCOUNT_ID,
        time: now.toISOString().replace(/\.\d{3}Z$/, 'Z'),
        region: LOCAL_REGION,
        resources: [`arn:aws:events:${LOCAL_REGION}:${LOCAL_ACCOUNT_ID}:rule/tandem-sla-sweep`],
        detail: {},
      };
      const started = performance.now();
      const result = await host.invoke('sla-sweeper', event, {
        functionName: 'tandem-sla-sweeper',
        timeoutSeconds: 60,
      });
      log(`⏱ sla-sweeper ${Math.round(performance.now() - started)}ms`);
      return result;
    };
    const sweepIntervalMs = options.sweepIntervalMs ?? 60_000;
    if (sweepIntervalMs > 0 && handlerStates['sla-sweeper'] === 'ready') {
      const timer = setInterval(() => {
        sweep().catch((error) => log(`! sla-sweeper: ${message(error)}`));
      }, sweepIntervalMs);
      cleanups.push(async () => clearInterval(timer));
    }

    const probe = async (): Promise<Health> => {
      const [dynamodbState, sqsState] = await Promise.all([
        dynamoClient
          .send(new DescribeTableCommand({ TableName: tableName }))
          .then(() => 'up' as const)
          .catch(() => 'down' as const),
        sqsClient
          .send(new GetQueueAttributesCommand({ QueueUrl: queues.events.url, AttributeNames: ['QueueArn'] }))
          .then(() => 'up' as const)
          .catch(() => 'down' as const),
      ]);
      const components: Components = {
        dynamodb: dynamodbState,
        sqs: sqsState,
        twilio: twilio.mode,
        slack: slack.mode,
        model,
        handlers: { ...currentStates() },
      };
      const down =
        dynamodbState === 'down' ||
        sqsState === 'down' ||
        Object.values(components.handlers).some((state) => state === 'failed');
      return { status: down ? 'degraded' : 'ok', components };
    };
    health = probe;

    const queueDepth = async (pair: QueuePair): Promise<number> => {
      const { Attributes } = await sqsClient.send(
        new GetQueueAttributesCommand({
          QueueUrl: pair.url,
          AttributeNames: [
            'ApproximateNumberOfMessages',
            'ApproximateNumberOfMessagesNotVisible',
            'ApproximateNumberOfMessagesDelayed',
          ],
        }),
      );
      return (
        Number(Attributes?.ApproximateNumberOfMessages ?? 0) +
        Number(Attributes?.ApproximateNumberOfMessagesNotVisible ?? 0) +
        Number(Attributes?.ApproximateNumberOfMessagesDelayed ?? 0)
      );
    };

    const drain = async ({ timeoutMs = 30_000 }: { timeoutMs?: number } = {}): Promise<void> => {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        // Each poller has come back empty with nothing in flight; then nothing may be left anywhere,
        // since a batch finishing on one queue can have published to the other.
        const idle = await Promise.race([
          Promise.all(hosts.map((host) => host.idle())).then(() => true),
          new Promise<false>((resolve) =>
            setTimeout(() => resolve(false), Math.max(0, deadline - Date.now())).unref(),
          ),
        ]);
        if (!idle) throw new Error(`a queue consumer was still busy after ${timeoutMs} ms`);
        const depths = await Promise.all([queueDepth(queues.events), queueDepth(queues.escalations)]);
        if (depths.every((depth) => depth === 0)) return;
        if (Date.now() > deadline) {
          throw new Error(
            `queues not drained after ${timeoutMs} ms (events: ${depths[0]}, escalations: ${depths[1]} messages)`,
          );
        }
        // In-flight messages (a failed batch waiting out its visibility timeout) keep the depth up.
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    };

    const services: LocalServices = {
      dynamoEndpoint,
      sqsEndpoint,
      tableName,
      queues,
      twilio,
      slack,
      model,
      orders,
      ...(dataDir ? { dataDir } : {}),
    };

    return {
      url,
      port: gateway.port,
      services,
      health: probe,
      drain,
      sweep,
      faults: {
        ...(dynamoProxy ? { dynamo: dynamoProxy } : {}),
        failSqsReceives: (ms) => {
          for (const host of hosts) host.failReceivesUntil(Date.now() + ms);
        },
      },
      stop: cleanup,
    };
  } catch (error) {
    await cleanup();
    throw error;
  }
}
