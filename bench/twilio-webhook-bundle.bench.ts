/**
 * Bundle size and cold import time of the Twilio webhook's hot-path module (`twilio-request.ts`):
 * esbuild (node, esm, minify, node22) as CDK's NodejsFunction would build it, then N fresh
 * `node` processes each importing the bundle once; the median import time is reported.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const RUNS = 10;

// The twilio webhooks module is CommonJS and `require`s node:crypto; an ESM bundle needs a real
// `require` for that, as in CDK's NodejsFunction ESM recipe.
const REQUIRE_BANNER =
  "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);";

/** Bundles one entry and measures it. */
async function measure(entry: string, label: string): Promise<Record<string, number>> {
  const dir = mkdtempSync(join(tmpdir(), 'tandem-bench-'));
  try {
    const outfile = join(dir, `${label}.mjs`);
    await build({
      entryPoints: [join(root, entry)],
      outfile,
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node22',
      minify: true,
      banner: { js: REQUIRE_BANNER },
      logLevel: 'silent',
    });
    const sizeKb = statSync(outfile).size / 1024;
    const href = pathToFileURL(outfile).href;
    const script = `const t=performance.now();await import(${JSON.stringify(href)});process.stdout.write(String(performance.now()-t));`;
    const times: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const run = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' });
      if (run.status !== 0) throw new Error(`import of ${label} failed: ${run.stderr}`);
      times.push(Number(run.stdout));
    }
    times.sort((a, b) => a - b);
    const median = ((times[(RUNS - 1) >> 1] ?? 0) + (times[RUNS >> 1] ?? 0)) / 2;
    return {
      [`${label} bundle KB`]: round(sizeKb),
      [`${label} cold import ms (median of ${RUNS})`]: round(median),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function round(value: number): number {
  return Math.round(value * 10) / 10;
}

/** Figures for `npm run bench`. */
export default async function twilioWebhookBundle(): Promise<Record<string, number | string>> {
  return measure('functions/adapters/twilio-request.ts', 'twilio-request');
}
