/**
 * What the escalation classifier (`classifier.ts`) sees of a message: the Snowball stems of its words
 * in English and Spanish, stem bigrams within a clause, and character 4-grams of longer words, so a
 * spelling no lexicon lists ("hackeado", "suicidel") still shares most of its features with the word.
 * The same function builds the training data (`bin/train-escalation.ts`) and scores live messages.
 */
import { stem, words } from './lexicon.ts';

/** Words shorter than this give no character n-grams (their stem says it all). */
const MIN_GRAM_WORD = 5;
const GRAM = 4;
const PUNCTUATION = /^[.!?;,\n]/;
const NUMBER = /^\p{N}+$/u;

/** The distinct features of a folded message (`fold` of the normalized text). */
export function escalationFeatures(folded: string): string[] {
  const out = new Set<string>();
  let previous: string | undefined;
  for (const piece of words(folded)) {
    if (PUNCTUATION.test(piece)) {
      previous = undefined;
      continue;
    }
    const word = NUMBER.test(piece) ? '0' : piece;
    const en = stem(word, 'en');
    const es = stem(word, 'es');
    out.add(`w:${en}`);
    if (es !== en) out.add(`w:${es}`);
    if (previous !== undefined) out.add(`b:${previous} ${en}`);
    previous = en;
    if (word.length >= MIN_GRAM_WORD) {
      const padded = `<${word}>`;
      for (let i = 0; i + GRAM <= padded.length; i++) out.add(`c:${padded.slice(i, i + GRAM)}`);
    }
  }
  return [...out];
}
