/**
 * Loads `knowledge/*.md` (recursively, except the saved replies in `replies/`) from disk into a `KnowledgeBase`. Synchronous on purpose:
 * it runs once at cold start, before the first event.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { KnowledgeBase } from '#core/knowledge.ts';

/** Reads every markdown file under `dir` (sorted, so passage order and the prompt are stable). */
export function loadKnowledge(dir: string): KnowledgeBase {
  const files = (readdirSync(dir, { recursive: true }) as string[])
    .filter((name) => name.toLowerCase().endsWith('.md'))
    .map((name) => relative(dir, join(dir, name)).split(sep).join('/'))
    // Saved replies (`replies/`) are the agents' canned answers, not reference for the AI.
    .filter((file) => !file.startsWith('replies/'))
    .sort();
  if (files.length === 0) throw new Error(`no knowledge files (*.md) in ${dir}`);
  return KnowledgeBase.fromMarkdown(
    files.map((file) => ({ file, source: readFileSync(join(dir, file), 'utf8') })),
  );
}
