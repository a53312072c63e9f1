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

/** How many recent detections are remembered (see {@link detectLanguage}). */
const REMEMBERED = 64;

/** Recent detections, by candidates and text, oldest first. */
const recent = new Map<string, LanguageCode | undefined>();

/**
 * The language of `text` among `candidates` (ISO 639-1 codes), or `undefined` when the text is too
 * short or too mixed to tell. With one candidate, that candidate is returned for any text.
 * A message is asked about two or three times on its way (the turn's language, the guardrails, the offline
 * answerer), so the last few answers are remembered: detection is a pure function of its arguments.
 */
export function detectLanguage(text: string, candidates: readonly LanguageCode[]): LanguageCode | undefined {
  if (candidates.length === 0) return undefined;
  if (candidates.length === 1) return candidates[0];
  const key = `${candidates.join(',')}\n${text}`;
  if (recent.has(key)) return recent.get(key);
  const detected = detect(text, candidates);
  if (recent.size >= REMEMBERED) recent.delete(recent.keys().next().value as string);
  recent.set(key, detected);
  return detected;
}

/** {@link detectLanguage} without the memory. */
function detect(text: string, candidates: readonly LanguageCode[]): LanguageCode | undefined {
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
