/**
 * Shared by the benchmarks that run on the local runtime: starting one runtime (with its own DynamoDB
 * Local and fauxqs, as the benchmarks have no vitest globalSetup), collecting the durations the runtime
 * reports for each request and batch, percentiles, and running a measurement in a child process.
 *
 * Handlers read their configuration at module load and one process runs one runtime, so each
 * runtime benchmark measures in its own `node` process ({@link isolated}); that also guarantees that
 * DynamoDB Local's Java process is stopped before `npm run bench` moves on.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { DynamoDbConversationStore } from '../../functions/adapters/dynamodb-conversation-store.ts';
import { driverFor, type LocalDriver } from '../../local/driver.ts';
import { localDynamoClient } from '../../local/dynamodb-local.ts';
import type { FakeSlack } from '../../local/fake-slack.ts';
import type { FakeTwilio } from '../../local/fake-twilio.ts';
import { EMULATED_ENV, type LocalRuntime, startLocalRuntime } from '../../local/runtime.ts';

/** Figures a benchmark reports. */
export type Figures = Record<string, number | string>;

/** One request as the local API Gateway logged it (server side: request received → response sent). */
export interface RequestEntry {
  method: string;
  path: string;
  status: number;
  ms: number;
}

/** One event-source invocation as logged (receive → handler → delete of the processed records). */
export interface BatchEntry {
  functionName: string;
  size: number;
  ms: number;
  failed: boolean;
}

/** A running local system for a benchmark. */
export interface BenchSystem {
  runtime: LocalRuntime;
  driver: LocalDriver;
  store: DynamoDbConversationStore;
  twilio: FakeTwilio;
  slack: FakeSlack;
  channel: string;
  /** Every request the API Gateway served, in completion order. */
  requests: RequestEntry[];
  /** Every queue batch the event sources ran, in completion order. */
  batches: BatchEntry[];
  stop(): Promise<void>;
}

// The runtime's one-line log: `→ POST /twilio/messages 200 12ms` and `⇢ conversation-worker 3 records 45ms`.
const REQUEST_LINE = /^→ (\S+) (\S+) (\d+) (\d+)ms/;
const BATCH_LINE = /^⇢ (\S+) (\d+) records? (\d+)ms(.*)$/;

/** Starts the local runtime in memory with emulated Twilio and Slack and the offline model. */
export async function startBenchSystem(): Promise<BenchSystem> {
  const requests: RequestEntry[] = [];
  const batches: BatchEntry[] = [];
  // The runtime reports each request's and batch's duration only through its log lines.
  const log = (line: string) => {
    const request = REQUEST_LINE.exec(line);
    if (request) {
      requests.push({
        method: request[1] ?? '',
        path: request[2] ?? '',
        status: Number(request[3]),
        ms: Number(request[4]),
      });
      return;
    }
    const batch = BATCH_LINE.exec(line);
    if (batch) {
      batches.push({
        functionName: batch[1] ?? '',
        size: Number(batch[2]),
        ms: Number(batch[3]),
        failed: (batch[4] ?? '').trim() !== '',
      });
    }
  };
  const runtime = await startLocalRuntime({
    port: 0,
    inMemory: true,
    sweepIntervalMs: 0,
    log,
    env: {
      ...EMULATED_ENV,
      // Handler logs (JSON on stdout) would cost time that is not the system's: errors only.
      LOG_LEVEL: 'ERROR',
      POWERTOOLS_DEV: '',
    },
  });
  const { twilio, slack } = runtime.services;
  if (!twilio.fake || !slack.fake || !twilio.accountSid || !twilio.authToken || !slack.signingSecret) {
    await runtime.stop();
    throw new Error('the benchmarks need the emulated Twilio and Slack');
  }
  const driver = driverFor(runtime);
  const documents = DynamoDBDocumentClient.from(localDynamoClient(runtime.services.dynamoEndpoint));
  const store = new DynamoDbConversationStore(documents, runtime.services.tableName);
  return {
    runtime,
    driver,
    store,
    twilio: twilio.fake,
    slack: slack.fake,
    channel: slack.escalationChannel,
    requests,
    batches,
    stop: async () => {
      documents.destroy();
      await runtime.stop();
    },
  };
}

/** The value at percentile `p` (0–100) of `values` (nearest rank). */
export function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil((p / 100) * sorted.length)));
  return sorted[rank - 1] ?? Number.NaN;
}

/** Rounds to 0.1. */
export function round(value: number): number {
  return Math.round(value * 10) / 10;
}

/** Times one async call in milliseconds. */
export async function timed<T>(call: () => Promise<T>): Promise<{ value: T; ms: number }> {
  const started = performance.now();
  const value = await call();
  return { value, ms: performance.now() - started };
}

/**
 * Runs `measure`, the named export of the benchmark module at `moduleUrl`, in a fresh `node` process
 * (tsx loader) and returns its figures. The child always stops its runtime, Java included.
 */
export function isolated(moduleUrl: string, measure = 'measure', timeoutMs = 600_000): Figures {
  const dir = mkdtempSync(join(tmpdir(), 'tandem-bench-child-'));
  const resultFile = join(dir, 'figures.json');
  try {
    const run = spawnSync(
      process.execPath,
      ['--import', 'tsx', fileURLToPath(new URL('./child.ts', import.meta.url))],
      {
        cwd: fileURLToPath(new URL('../..', import.meta.url)),
        env: {
          ...process.env,
          AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
          TANDEM_BENCH_MODULE: moduleUrl,
          TANDEM_BENCH_EXPORT: measure,
          TANDEM_BENCH_RESULT: resultFile,
        },
        encoding: 'utf8',
        timeout: timeoutMs,
        maxBuffer: 64 * 1024 * 1024,
      },
    );
    if (run.status !== 0) {
      throw new Error(
        `benchmark child for ${moduleUrl} failed (${run.signal ?? run.status}): ${(run.stderr || run.stdout).slice(-3000)}`,
      );
    }
    return JSON.parse(readFileSync(resultFile, 'utf8')) as Figures;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
