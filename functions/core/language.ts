/**
 * The customer's language, detected with tinyld (its light model: n-gram profiles, pure JS, about
 * 70 KB) among the languages the business serves. Short messages ("ok", "hi") carry too little
 * signal: they return `undefined`, and callers keep the language they already knew.
 */
import { detectAll } from 'tinyld/light';

/** An ISO 639-1 code such as `en` or `es`. */
export type LanguageCode = string;

/** How sure a detection must be: the winner's score at least this many times the runner-up's. */
const MARGIN = 2;

/**
 * The language of `text` among `candidates` (ISO 639-1 codes), or `undefined` when the text is too
 * short or too mixed to tell. With one candidate, that candidate is returned for any text.
 */
export function detectLanguage(text: string, candidates: readonly LanguageCode[]): LanguageCode | undefined {
  if (candidates.length === 0) return undefined;
  if (candidates.length === 1) return candidates[0];
  const words = text.match(/\p{L}+/gu) ?? [];
  if (words.length === 0) return undefined;
  const ranked = detectAll(text, { only: [...candidates] });
  const [first, second] = ranked;
  if (!first || first.accuracy <= 0) return undefined;
  // One word decides only when the model is certain of it ("sí", "gracias" are; "no" is not).
  if (words.length === 1 && first.accuracy < 1 && !(first.accuracy >= 0.1 && !second)) return undefined;
  if (second && first.accuracy < second.accuracy * MARGIN) return undefined;
  return first.lang;
}

/**
 * The conversation's language after a new message: what the message says when it is clear,
 * else what was known before, else the business's default.
 */
export function nextLanguage(
  text: string,
  known: LanguageCode | undefined,
  candidates: readonly LanguageCode[],
  fallback: LanguageCode,
): LanguageCode {
  return detectLanguage(text, candidates) ?? known ?? fallback;
}
