/**
 * `npm run bench`: runs every `bench/*.bench.ts` module (each default-exports an async function
 * returning a flat record of figures), prints the figures and writes them to `bench/results.json`.
 * Benchmarks report numbers; they never pass or fail on timing.
 */
import { readdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';

type Figures = Record<string, number | string>;

const here = dirname(fileURLToPath(import.meta.url));
const only = process.argv.slice(2);
const files = readdirSync(here)
  .filter((file) => file.endsWith('.bench.ts'))
  .filter((file) => only.length === 0 || only.some((name) => file.includes(name)))
  .sort();

const results: Record<string, Figures> = {};
for (const file of files) {
  const module = (await import(pathToFileURL(join(here, file)).href)) as { default: () => Promise<Figures> };
  const name = file.replace(/\.bench\.ts$/, '');
  process.stdout.write(`\n## ${name}\n`);
  const figures = await module.default();
  results[name] = figures;
  for (const [key, value] of Object.entries(figures)) {
    process.stdout.write(`  ${key.padEnd(48)} ${typeof value === 'number' ? formatNumber(value) : value}\n`);
  }
}
const out = {
  measuredAt: new Date().toISOString(),
  node: process.version,
  machine: `${(await import('node:os')).cpus().length} cores`,
  results,
};
writeFileSync(
  join(here, only.length ? `results-${only.join('-')}.json` : 'results.json'),
  `${JSON.stringify(out, null, 2)}\n`,
);

function formatNumber(value: number): string {
  return Number.isInteger(value) ? String(value) : value.toFixed(2);
}
process.exit(0);
