/**
 * The vendored English and Spanish stemmers (bin/vendor-snowball.ts) stem exactly as `snowball-stemmers`
 * does, on every word of the lexicons, the knowledge base and the escalation corpora.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import snowball from 'snowball-stemmers';
import { describe, expect, it } from 'vitest';
import { algorithms, newStemmer } from '#functions/vendor/snowball-en-es.js';
import { repoRoot } from '#lib/paths.ts';

/** Every word of the text files under `dirs` (lower-cased, letters only, deduplicated). */
function words(dirs: string[]): string[] {
  const found = new Set<string>();
  const visit = (path: string) => {
    if (statSync(path).isDirectory()) {
      for (const entry of readdirSync(path)) visit(join(path, entry));
    } else if (/\.(ts|md|json|txt)$/.test(path)) {
      for (const word of readFileSync(path, 'utf8')
        .toLowerCase()
        .match(/\p{L}+/gu) ?? [])
        found.add(word);
    }
  };
  for (const dir of dirs) visit(join(repoRoot, dir));
  return [...found];
}

describe('vendored Snowball stemmers (English, Spanish)', () => {
  const vocabulary = words(['functions/core', 'knowledge', 'config', 'test/fixtures']);

  it.each(['english', 'spanish'] as const)('%s stems every word as snowball-stemmers does', (language) => {
    expect(vocabulary.length).toBeGreaterThan(2000);
    const vendored = newStemmer(language);
    const reference = snowball.newStemmer(language);
    const differing = vocabulary.filter((word) => vendored.stem(word) !== reference.stem(word));
    expect(differing).toEqual([]);
  });

  it('offers only English and Spanish, and says so for another language', () => {
    expect(algorithms()).toEqual(['english', 'spanish']);
    expect(() => newStemmer('french' as never)).toThrow(/only english and spanish/);
  });
});
