/**
 * The child process of {@link isolated}: imports one benchmark module, runs its measurement, writes the
 * figures to the file the parent named, and exits (the measurement stops its own runtime).
 */
import { writeFileSync } from 'node:fs';
import type { Figures } from './system.ts';

const moduleUrl = process.env.TANDEM_BENCH_MODULE ?? '';
const name = process.env.TANDEM_BENCH_EXPORT ?? 'measure';
const resultFile = process.env.TANDEM_BENCH_RESULT ?? '';

try {
  const module = (await import(moduleUrl)) as Record<string, () => Promise<Figures>>;
  const measure = module[name];
  if (typeof measure !== 'function') throw new Error(`${moduleUrl} exports no ${name}()`);
  writeFileSync(resultFile, JSON.stringify(await measure()));
  process.exit(0);
} catch (error) {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
}
