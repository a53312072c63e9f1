/**
 * Bundle size and cold import time of every function, bundled with exactly the esbuild settings the
 * CDK construct uses (`esbuildBuildOptions`). Import time is measured inside a fresh `node` process
 * (median and minimum of 10 spawns; also the process's CPU time over the import, which moves less with
 * other processes' load than the wall clock), with the environment a function gets in AWS replaced by dummy values
 * and loopback endpoints. The slack-events child also answers one signed request, which shows that the
 * bundle with Bolt's unused receivers stubbed out still works. For comparison, the twilio-webhook bundle
 * is also built with the AWS SDK external (resolved from node_modules, as the Lambda runtime would).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import type { ModelProvider } from '../lib/config/stages.ts';
import { devStage } from '../lib/config/stages.ts';
import { esbuildBuildOptions } from '../lib/constructs/tandem-function.ts';
import { metricsNamespace } from '../lib/design.ts';
import { type HandlerName, handlerEntry, handlerNames, knowledgeDir, repoRoot } from '../lib/paths.ts';

const spawns = 10;

/** Configuration a handler reads at module load: dummy values only, every endpoint on a closed loopback port. */
const dummyEnv: Record<string, string> = {
  AWS_REGION: 'us-east-1',
  AWS_ACCESS_KEY_ID: 'bench',
  AWS_SECRET_ACCESS_KEY: 'bench',
  AWS_ENDPOINT_URL_DYNAMODB: 'http://127.0.0.1:9',
  AWS_ENDPOINT_URL_SQS: 'http://127.0.0.1:9',
  AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
  TABLE_NAME: 'tandem-bench',
  EVENTS_QUEUE_URL: 'http://127.0.0.1:9/000000000000/tandem-bench-conversation-events.fifo',
  ESCALATIONS_QUEUE_URL: 'http://127.0.0.1:9/000000000000/tandem-bench-escalations',
  PUBLIC_BASE_URL: 'https://bench.example',
  SLACK_ESCALATION_CHANNEL: 'C0BENCH',
  TWILIO_API_URL: 'http://127.0.0.1:9',
  SLACK_API_URL: 'http://127.0.0.1:9/api/',
  ANTHROPIC_BASE_URL: 'http://127.0.0.1:9',
  // The stage's provider: the worker bundle holds only that provider's adapter (see `bundleDefines`).
  MODEL_PROVIDER: devStage.modelProvider,
  ANTHROPIC_API_KEY: 'bench-anthropic-key',
  // Dummy credentials: in AWS they come from the secret; here the handlers must find something to start.
  TWILIO_ACCOUNT_SID: `AC${'0'.repeat(32)}`,
  TWILIO_AUTH_TOKEN: 'bench-token',
  SLACK_BOT_TOKEN: 'xoxb-bench',
  SLACK_SIGNING_SECRET: 'bench-signing',
  KNOWLEDGE_DIR: knowledgeDir,
  POWERTOOLS_SERVICE_NAME: 'tandem',
  POWERTOOLS_METRICS_NAMESPACE: metricsNamespace,
  LOG_LEVEL: 'SILENT',
  // As in Lambda (set by the construct).
  NODE_OPTIONS: '--enable-source-maps',
};

/** Bundles each handler, then reports size (KB) and cold import (ms). */
export default async function bundles(): Promise<Record<string, number | string>> {
  const out = mkdtempSync(join(tmpdir(), 'tandem-bench-bundles-'));
  const figures: Record<string, number | string> = {};
  try {
    // Every function as the dev stage deploys it, then the worker once more with the offline model.
    const variants: { name: HandlerName; label: string; provider: ModelProvider }[] = [
      ...handlerNames.map((name) => ({ name, label: name, provider: devStage.modelProvider })),
      { name: 'conversation-worker', label: 'conversation-worker (offline model)', provider: 'offline' },
    ];
    for (const { name, label, provider } of variants) {
      const entry = handlerEntry(name);
      if (!existsSync(entry)) {
        figures[`${label} note`] = 'skipped: handler file not written yet';
        continue;
      }
      const outfile = join(out, label.replace(/\W+/g, '-'), 'index.mjs');
      await build({ ...esbuildBuildOptions(entry, outfile, provider, name), logLevel: 'error' });
      figures[`${label} bundle KB`] = round(statSync(outfile).size / 1024);
      const runs = Array.from({ length: spawns }, () =>
        coldImport(outfile, name === 'slack-events', { MODEL_PROVIDER: provider }),
      );
      figures[`${label} cold import ms (median of ${spawns})`] = round(
        median(runs.map((run) => run.imported)),
      );
      figures[`${label} cold import ms (min of ${spawns})`] = round(
        Math.min(...runs.map((run) => run.imported)),
      );
      figures[`${label} cold import CPU ms (median of ${spawns})`] = round(
        median(runs.map((run) => run.cpu)),
      );
      if (name === 'slack-events') {
        figures['slack-events first signed request ms (median)'] = round(
          median(runs.map((run) => run.firstRequest)),
        );
      }
    }
    // The AWS SDK external, as NodejsFunction does by default: the bundle must sit where node_modules resolves.
    const cache = join(repoRoot, 'node_modules', '.cache', 'tandem-bench-bundles');
    mkdirSync(cache, { recursive: true });
    const external = join(mkdtempSync(join(cache, 'sdk-external-')), 'index.mjs');
    try {
      const options = esbuildBuildOptions(
        handlerEntry('twilio-webhook'),
        external,
        devStage.modelProvider,
        'twilio-webhook',
      );
      await build({ ...options, external: ['@aws-sdk/*', '@smithy/*'], logLevel: 'error' });
      figures['twilio-webhook, AWS SDK external: bundle KB'] = round(statSync(external).size / 1024);
      figures[`twilio-webhook, AWS SDK external: cold import ms (median of ${spawns})`] = round(
        median(Array.from({ length: spawns }, () => coldImport(external, false).imported)),
      );
    } finally {
      rmSync(join(external, '..'), { recursive: true, force: true });
    }
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
  return figures;
}

/** A signed Slack `url_verification`: Bolt's AwsLambdaReceiver checks the signature, then answers the challenge. */
const signedSlackRequest = `
const { createHmac } = await import('node:crypto');
const body = JSON.stringify({ type: 'url_verification', token: 'x', challenge: 'bench-challenge' });
const ts = Math.floor(Date.now() / 1000);
const signature = 'v0=' + createHmac('sha256', process.env.SLACK_SIGNING_SECRET).update('v0:' + ts + ':' + body).digest('hex');
const t1 = performance.now();
const response = await module.handler({ version: '2.0', routeKey: 'POST /slack/events', rawPath: '/slack/events', rawQueryString: '', headers: { 'content-type': 'application/json', 'x-slack-signature': signature, 'x-slack-request-timestamp': String(ts) }, requestContext: { http: { method: 'POST' } }, body, isBase64Encoded: false }, { functionName: 'bench', getRemainingTimeInMillis: () => 3000 });
if (response.statusCode !== 200 || !String(response.body).includes('bench-challenge')) throw new Error('unexpected answer ' + JSON.stringify(response));
firstRequest = performance.now() - t1;
`;

/** Milliseconds to import the bundle in a new process, timed in-process around the import. */
function coldImport(
  file: string,
  slackRequest: boolean,
  extraEnv: Record<string, string> = {},
): { imported: number; cpu: number; firstRequest: number } {
  const script = `let firstRequest = 0; const c = process.cpuUsage(); const t = performance.now(); const module = await import(${JSON.stringify(pathToFileURL(file).href)}); const imported = performance.now() - t; const used = process.cpuUsage(c); const cpu = (used.user + used.system) / 1000; ${slackRequest ? signedSlackRequest : ''} process.stdout.write('\\n' + JSON.stringify({ imported, cpu, firstRequest }));`;
  const result = spawnSync(process.execPath, ['--input-type=module', '-e', script], {
    env: { PATH: process.env.PATH ?? '', ...dummyEnv, ...extraEnv },
    encoding: 'utf8',
    cwd: tmpdir(),
  });
  if (result.status !== 0) throw new Error(`import of ${file} failed: ${result.stderr.slice(0, 2000)}`);
  return JSON.parse(result.stdout.trim().split('\n').pop() ?? '{}') as {
    imported: number;
    cpu: number;
    firstRequest: number;
  };
}

function round(value: number): number {
  return Math.round(value * 10) / 10;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[middle] ?? 0) : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
}
