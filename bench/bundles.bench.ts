/**
 * Bundle size and cold import time of every function, bundled with exactly the esbuild settings the
 * CDK construct uses. Import time is measured inside a fresh `node` process (median of 10 spawns),
 * with the environment a function gets in AWS replaced by dummy values and loopback endpoints.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { esbuildSettings } from '../lib/constructs/tandem-function.ts';
import { handlerEntry, handlerNames, knowledgeDir, repoRoot } from '../lib/paths.ts';

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
  MODEL_PROVIDER: 'offline',
  // Dummy credentials: in AWS they come from the secret; here the handlers must find something to start.
  TWILIO_ACCOUNT_SID: `AC${'0'.repeat(32)}`,
  TWILIO_AUTH_TOKEN: 'bench-token',
  SLACK_BOT_TOKEN: 'xoxb-bench',
  SLACK_SIGNING_SECRET: 'bench-signing',
  KNOWLEDGE_DIR: knowledgeDir,
  POWERTOOLS_SERVICE_NAME: 'tandem',
  POWERTOOLS_METRICS_NAMESPACE: 'Tandem',
  LOG_LEVEL: 'SILENT',
  // As in Lambda (set by the construct).
  NODE_OPTIONS: '--enable-source-maps',
};

/** Bundles each handler, then reports size (KB) and median cold import (ms). */
export default async function bundles(): Promise<Record<string, number | string>> {
  const out = mkdtempSync(join(tmpdir(), 'tandem-bench-bundles-'));
  const figures: Record<string, number | string> = {};
  try {
    for (const name of handlerNames) {
      const entry = handlerEntry(name);
      if (!existsSync(entry)) {
        figures[`${name} note`] = 'skipped: handler file not written yet';
        continue;
      }
      const outfile = join(out, name, 'index.mjs');
      await build({
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
        banner: { js: esbuildSettings.banner },
        external: [...esbuildSettings.external],
        logLevel: 'error',
      });
      figures[`${name} bundle KB`] = statSync(outfile).size / 1024;
      figures[`${name} cold import ms (median of ${spawns})`] = median(
        Array.from({ length: spawns }, () => coldImport(outfile)),
      );
    }
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
  return figures;
}

/** Milliseconds to import the bundle in a new process, timed in-process around the import. */
function coldImport(file: string): number {
  const script = `const t = performance.now(); await import(${JSON.stringify(pathToFileURL(file).href)}); process.stdout.write(String(performance.now() - t));`;
  const result = spawnSync(process.execPath, ['--input-type=module', '-e', script], {
    env: { PATH: process.env.PATH ?? '', ...dummyEnv },
    encoding: 'utf8',
    cwd: tmpdir(),
  });
  if (result.status !== 0) throw new Error(`import of ${file} failed: ${result.stderr.slice(0, 2000)}`);
  return Number(result.stdout.trim().split('\n').pop());
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[middle] ?? 0) : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
}
