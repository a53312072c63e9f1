/**
 * Builds the sample business's `knowledge/examples.json` from its labelled development sets
 * (`npm run knowledge -- examples`): each answerable question under the passage that answers it, each
 * unanswerable one as a negative, in English and Spanish, so where the phrasings come from is
 * reproducible. The never-tuned sets (`*.heldout.json`, `knowledge.fresh5.json`, `knowledge.fresh6.json`, `knowledge.fresh7.json`)
 * are never read; `--leave-out <set>` also leaves a development set out (leave-one-set-out estimates).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { EXAMPLES_FILE, loadKnowledge } from '../functions/adapters/knowledge-loader.ts';
import { type ExampleFile, foldExample } from '../functions/core/knowledge-examples.ts';

/** The knowledge sets the examples are built from, in this order (never a held-out or never-tuned set). */
export const EXAMPLE_SETS = [
  'knowledge.tuning',
  'knowledge.fresh',
  'knowledge.fresh2',
  'knowledge.fresh3',
  'knowledge.fresh4',
  'knowledge.probe5',
] as const;

/** Where the labelled sets live. */
export const EVAL_DIR = fileURLToPath(new URL('../test/fixtures/eval/', import.meta.url));

interface LabelledQuestion {
  kind: 'answerable' | 'unanswerable';
  text: string;
  passage?: string;
}

/** Same question modulo case, accents, punctuation and spacing. */
function key(text: string): string {
  return foldExample(text)
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/**
 * The example file for the knowledge base in `dir` from `sets` (names of `EXAMPLE_SETS`, without
 * `leaveOut`): passages in knowledge-base order, each with its questions in set order, duplicates
 * dropped; a question whose passage the knowledge base does not have is left out.
 */
export function buildExamples(
  dir: string,
  options: { leaveOut?: string[]; evalDir?: string } = {},
): ExampleFile {
  const leaveOut = new Set(options.leaveOut ?? []);
  for (const name of leaveOut) {
    if (!(EXAMPLE_SETS as readonly string[]).includes(name))
      throw new Error(`unknown set "${name}": one of ${EXAMPLE_SETS.join(', ')}`);
  }
  const sets = EXAMPLE_SETS.filter((name) => !leaveOut.has(name));
  const knowledge = loadKnowledge(dir, { examples: false });
  const passages = new Map<string, string[]>(knowledge.passages.map((p) => [p.id, []]));
  const unanswerable: string[] = [];
  const seen = new Set<string>();
  for (const name of sets) {
    const parsed = JSON.parse(readFileSync(join(options.evalDir ?? EVAL_DIR, `${name}.json`), 'utf8')) as
      | LabelledQuestion[]
      | { cases: LabelledQuestion[] };
    for (const item of Array.isArray(parsed) ? parsed : parsed.cases) {
      const text = item.text.trim();
      const target = item.kind === 'answerable' ? item.passage && passages.get(item.passage) : unanswerable;
      if (!target || seen.has(key(text))) continue;
      seen.add(key(text));
      target.push(text);
    }
  }
  return {
    source: `labelled sets ${sets.join(', ')} (npm run knowledge -- examples)`,
    passages: Object.fromEntries([...passages].filter(([, list]) => list.length > 0)),
    unanswerable,
  };
}

/** The file as written: one question per line, so a change to it reads well in a diff. */
export function formatExamples(file: ExampleFile): string {
  const list = (items: string[], indent: string): string =>
    items.length
      ? `[\n${items.map((item) => `${indent}  ${JSON.stringify(item)}`).join(',\n')}\n${indent}]`
      : '[]';
  const passages = Object.entries(file.passages)
    .map(([id, items]) => `    ${JSON.stringify(id)}: ${list(items, '    ')}`)
    .join(',\n');
  return (
    `{\n  "source": ${JSON.stringify(file.source)},\n` +
    `  "passages": {\n${passages}\n  },\n` +
    `  "unanswerable": ${list(file.unanswerable, '  ')}\n}\n`
  );
}

/** Writes `examples.json` into `out` for the knowledge files of `dir`; returns how many questions it holds. */
export function writeExamples(
  dir: string,
  out: string,
  leaveOut: string[] = [],
): { answerable: number; unanswerable: number } {
  const file = buildExamples(dir, { leaveOut });
  writeFileSync(join(out, EXAMPLES_FILE), formatExamples(file));
  return {
    answerable: Object.values(file.passages).reduce((sum, list) => sum + list.length, 0),
    unanswerable: file.unanswerable.length,
  };
}
