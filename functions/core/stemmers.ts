/**
 * The Snowball stemmers the project uses (English and Spanish, vendored in `functions/vendor`), shared by
 * the answerer's lexicons and the guardrails' escalation lexicons. A word the lexicons stem while a
 * function starts is looked up in a precomputed table (`stem-table.ts`, written by `npm run stem-table`)
 * instead: ~8,200 cold Snowball calls on ~3,800 words were most of the offline worker's import.
 * Every other word goes to Snowball, so a stale table is only slower, never wrong.
 */
import { newStemmer, type Stemmer } from '#functions/vendor/snowball-en-es.js';
import { STEM_TABLE } from './stem-table.ts';

/** The lexicon languages, with their Snowball algorithm. */
const ALGORITHMS = { en: 'english', es: 'spanish' } as const;

/** A language the stemmers serve. */
export type StemLanguage = keyof typeof ALGORITHMS;

/**
 * The table's text form, compact for the bundles: one entry per line (so a regenerated table diffs by
 * word; empty lines are skipped); an entry is the word alone when it is its own stem, else `word:` then one
 * character whose code minus 48 is how many characters to cut from the word's end, then what to append
 * (`running:4` → `run`, `happy:1i` → `happi`). Words and stems hold no whitespace.
 */
const SEPARATOR = '\n';
const MARK = ':';
const MAX_CUT = 70;

/** The text form of `stems` (word → stem); throws on a word or stem the form cannot hold. */
export function encodeStemTable(stems: ReadonlyMap<string, string>): string {
  const entries: string[] = [];
  for (const [word, stem] of stems) {
    for (const text of [word, stem])
      if (/\s/.test(text) || text.includes(MARK))
        throw new Error(`stem table: cannot hold ${JSON.stringify(text)}`);
    if (!word) throw new Error('stem table: cannot hold an empty word');
    let common = 0;
    while (common < word.length && common < stem.length && word[common] === stem[common]) common++;
    const cut = word.length - common;
    if (cut > MAX_CUT) throw new Error(`stem table: ${word} → ${stem} cuts more than ${MAX_CUT} characters`);
    entries.push(
      cut === 0 && common === stem.length
        ? word
        : `${word}${MARK}${String.fromCharCode(48 + cut)}${stem.slice(common)}`,
    );
  }
  return entries.join(SEPARATOR);
}

/** The word → stem map of a table in text form (see {@link encodeStemTable}). */
export function decodeStemTable(text: string): Map<string, string> {
  const stems = new Map<string, string>();
  for (const entry of text.split(SEPARATOR)) {
    if (!entry) continue;
    const mark = entry.indexOf(MARK);
    if (mark < 0) {
      stems.set(entry, entry);
      continue;
    }
    const word = entry.slice(0, mark);
    const cut = entry.charCodeAt(mark + 1) - 48;
    stems.set(word, word.slice(0, word.length - cut) + entry.slice(mark + 2));
  }
  return stems;
}

/**
 * A stemmer that answers from the table, else from Snowball. Both are built on first use, so a function
 * that never stems pays for neither.
 */
function tableFirst(language: StemLanguage): Stemmer {
  let table: Map<string, string> | undefined;
  let snowball: Stemmer | undefined;
  return {
    stem(word: string): string {
      table ??= decodeStemTable(STEM_TABLE[language]);
      const known = table.get(word);
      if (known !== undefined) return known;
      snowball ??= newStemmer(ALGORITHMS[language]);
      return snowball.stem(word);
    },
  };
}

/** One stemmer per served lexicon language. */
export const STEMMERS: { readonly en: Stemmer; readonly es: Stemmer } = {
  en: tableFirst('en'),
  es: tableFirst('es'),
};
