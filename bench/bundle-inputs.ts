/**
 * What a function's bundle is made of: `npx tsx bench/bundle-inputs.ts <function> [model provider] [files]`
 * bundles it with exactly the construct's esbuild settings (`esbuildBuildOptions`) and esbuild's metafile,
 * then prints the bytes each package (or source folder) contributes to the output, largest first, and the
 * `files` largest input files (default 25). Used to choose what to cut (bench/README.md, Bundles).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { devStage, type ModelProvider } from '../lib/config/stages.ts';
import { esbuildBuildOptions } from '../lib/constructs/tandem-function.ts';
import { type HandlerName, handlerEntry, handlerNames } from '../lib/paths.ts';

const [name = 'twilio-webhook', provider = devStage.modelProvider, files = '25'] = process.argv.slice(2);
if (!handlerNames.includes(name as HandlerName)) {
  throw new Error(`unknown function ${name}; one of ${handlerNames.join(', ')}`);
}
const out = mkdtempSync(join(tmpdir(), 'tandem-bundle-inputs-'));
try {
  const outfile = join(out, 'index.mjs');
  const { metafile } = await build({
    ...esbuildBuildOptions(
      handlerEntry(name as HandlerName),
      outfile,
      provider as ModelProvider,
      name as HandlerName,
    ),
    metafile: true,
    logLevel: 'error',
  });
  const output = Object.entries(metafile?.outputs ?? {}).find(([path]) => path.endsWith('.mjs'))?.[1];
  if (!output) throw new Error('no bundle written');
  const inputs = Object.entries(output.inputs).map(([path, { bytesInOutput }]) => ({
    path: path.replace(/^.*node_modules\//, ''),
    owner: owner(path),
    bytes: bytesInOutput,
  }));
  const byOwner = new Map<string, number>();
  for (const input of inputs) byOwner.set(input.owner, (byOwner.get(input.owner) ?? 0) + input.bytes);
  process.stdout.write(`${name} (${provider}): ${kb(output.bytes)} KB\n\nKB by package\n`);
  for (const [key, bytes] of [...byOwner].sort((a, b) => b[1] - a[1])) {
    if (bytes >= 100) process.stdout.write(`${kb(bytes).padStart(8)}  ${key}\n`);
  }
  process.stdout.write(`\nlargest files\n`);
  for (const input of inputs.sort((a, b) => b.bytes - a.bytes).slice(0, Number(files))) {
    process.stdout.write(`${kb(input.bytes).padStart(8)}  ${input.path}\n`);
  }
} finally {
  rmSync(out, { recursive: true, force: true });
}

/** The package a bundled file comes from (its innermost `node_modules` entry), or its top source folders. */
function owner(path: string): string {
  const nested = path.split('node_modules/').pop() ?? path;
  if (nested !== path)
    return nested
      .split('/')
      .slice(0, nested.startsWith('@') ? 2 : 1)
      .join('/');
  return path
    .replace(/^(\.\.\/)+/, '')
    .split('/')
    .slice(0, 2)
    .join('/');
}

function kb(bytes: number): string {
  return (bytes / 1024).toFixed(1);
}
