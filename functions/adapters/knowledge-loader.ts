/**
 * Loads `knowledge/*.md` (recursively, except the saved replies in `replies/`) from disk into a `KnowledgeBase`. Synchronous on purpose:
 * it runs once at cold start, before the first event. The generated `synonyms.json` beside them, when
 * there is one, comes along (`npm run knowledge -- synonyms` builds it), and so do the business's
 * example phrasings, `examples.json` (`knowledge-examples.ts`).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { KnowledgeBase } from '#core/knowledge.ts';
import { type ExampleFile, parseExampleFile } from '#core/knowledge-examples.ts';
import { parseSynonymFile, type SynonymFile } from '#core/knowledge-synonyms.ts';

/** The file of generated synonyms in a knowledge directory. */
export const SYNONYMS_FILE = 'synonyms.json';

/** The file of example phrasings per passage in a knowledge directory. */
export const EXAMPLES_FILE = 'examples.json';

/** The synonym map of a knowledge directory; `undefined` when it has none. */
export function loadSynonyms(dir: string): SynonymFile | undefined {
  const path = join(dir, SYNONYMS_FILE);
  if (!existsSync(path)) return undefined;
  return parseSynonymFile(JSON.parse(readFileSync(path, 'utf8')));
}

/** An example-phrasings file (`examples.json`); `undefined` when there is none at `path`. */
export function loadExamples(path: string): ExampleFile | undefined {
  if (!existsSync(path)) return undefined;
  return parseExampleFile(JSON.parse(readFileSync(path, 'utf8')));
}

/** Which example phrasings to load: the directory's own (default), another file, or none (`false`). */
export interface LoadKnowledgeOptions {
  examples?: string | false;
}

/** The knowledge files under `dir` with their text (sorted, so passage order and the prompt are stable). */
export function readKnowledgeFiles(dir: string): { file: string; source: string }[] {
  return (
    (readdirSync(dir, { recursive: true }) as string[])
      .filter((name) => name.toLowerCase().endsWith('.md'))
      .map((name) => relative(dir, join(dir, name)).split(sep).join('/'))
      // Saved replies (`replies/`) are the agents' canned answers, not reference for the AI.
      .filter((file) => !file.startsWith('replies/'))
      .sort()
      .map((file) => ({ file, source: readFileSync(join(dir, file), 'utf8') }))
  );
}

/** Reads every markdown file under `dir` (see {@link readKnowledgeFiles}) with its synonyms and examples. */
export function loadKnowledge(dir: string, options: LoadKnowledgeOptions = {}): KnowledgeBase {
  const files = readKnowledgeFiles(dir);
  if (files.length === 0) throw new Error(`no knowledge files (*.md) in ${dir}`);
  const examples =
    options.examples === false ? undefined : loadExamples(options.examples ?? join(dir, EXAMPLES_FILE));
  return KnowledgeBase.fromMarkdown(files, loadSynonyms(dir), examples);
}
