/**
 * The Snowball stemmers the project uses (English and Spanish, vendored in `functions/vendor`), built
 * once and shared by the answerer's lexicons and the guardrails' escalation lexicons.
 */
import { newStemmer } from '#functions/vendor/snowball-en-es.js';

/** One Snowball stemmer per served lexicon language. */
export const STEMMERS = { en: newStemmer('english'), es: newStemmer('spanish') } as const;
