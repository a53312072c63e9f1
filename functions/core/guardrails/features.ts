/**
 * What the escalation classifier (`classifier.ts`) sees of a message: the Snowball stems of its words
 * in English and Spanish, stem bigrams within a clause, character 4-grams of longer words, so a
 * spelling no lexicon lists ("hackeado", "suicidel") still shares most of its features with the word,
 * and the lexicons' concepts found in it (`concepts.ts`: synonyms the classifier need not see).
 * The same function builds the training data (`bin/train-escalation.ts`) and scores live messages.
 */
import { type ConceptMatch, stem, words } from './lexicon.ts';

/** Words shorter than this give no character n-grams (their stem says it all). */
const MIN_GRAM_WORD = 5;
const GRAM = 4;
const PUNCTUATION = /^[.!?;,\n]/;
const NUMBER = /^\p{N}+$/u;

/** A word's own features and the stem its bigrams use. */
interface WordFeatures {
  en: string;
  features: string[];
}

// Words repeat from message to message: their features are built once (bounded, like the stems).
const WORD_CACHE = new Map<string, WordFeatures>();
const WORD_CACHE_LIMIT = 20_000;

function wordFeatures(piece: string): WordFeatures {
  let cached = WORD_CACHE.get(piece);
  if (!cached) {
    const word = NUMBER.test(piece) ? '0' : piece;
    const en = stem(word, 'en');
    const es = stem(word, 'es');
    const features = [`w:${en}`];
    if (es !== en) features.push(`w:${es}`);
    if (word.length >= MIN_GRAM_WORD) {
      const padded = `<${word}>`;
      for (let i = 0; i + GRAM <= padded.length; i++) features.push(`c:${padded.slice(i, i + GRAM)}`);
    }
    cached = { en, features };
    if (WORD_CACHE.size >= WORD_CACHE_LIMIT) WORD_CACHE.clear();
    WORD_CACHE.set(piece, cached);
  }
  return cached;
}

/**
 * The distinct features of a folded message (`fold` of the normalized text), with the concepts the
 * lexicons found in it (`analyze`): a concept is evidence the classifier can weigh where the lexicons'
 * rules need more ("pills" without "took", a threat without "sue").
 */
export function escalationFeatures(folded: string, concepts: readonly ConceptMatch[]): string[] {
  const out = new Set<string>();
  for (const { concept } of concepts) out.add(`k:${concept}`);
  let previous: string | undefined;
  for (const piece of words(folded)) {
    if (PUNCTUATION.test(piece)) {
      previous = undefined;
      continue;
    }
    const { en, features } = wordFeatures(piece);
    for (const feature of features) out.add(feature);
    if (previous !== undefined) out.add(`b:${previous} ${en}`);
    previous = en;
  }
  return [...out];
}
