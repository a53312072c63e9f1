/**
 * The clauses of a customer's message and which of them asks. Customers write run-on messages that
 * tell a story before they ask ("my sister got me a gift card for my bday, where can I check the
 * balance"): the clause that asks carries the question, the others set the scene. English and Spanish,
 * on the text as written (before any translation).
 */

// Words that open a question (English and Spanish, accents optional).
const ASKING =
  /^(?:(?:so|and|but|ok|okay|also|then|hey|hi|y|pero|entonces|pues|oye|bueno|[a-z]+ly)\s+)?(?:how|what|whats|what's|when|where|wheres|where's|which|who|why|can|could|may|do|does|did|is|are|will|would|should|am|any|c[oó]mo|qu[eé]|cu[aá]nt[oa]s?|cu[aá]ndo|d[oó]nde|cu[aá]l(?:es)?|qui[eé]n|puedo|podr[ií]a|se puede|pueden|hay|tienen|aceptan|hacen)\b/i;

// Where a clause ends: punctuation, a dash, or before a question opened mid-sentence ("… on a jacket
// can i still return it", "… y cuánto tarda").
const CLAUSE_BREAK =
  /\s*[,;:]\s+|\s+[-–—]\s+|\s+(?:and|but|so|y|pero)\s+(?=(?:how|what|when|where|can|could|do|does|is|are|will|c[oó]mo|cu[aá]nt|cu[aá]ndo|d[oó]nde|puedo)\b)|(?<!\b(?:how|what|whats|when|where|which|who|why|long|much|many|often|soon|time|else)\s*)\s+(?=(?:can|could|do|does|will|would|should|is|are) (?:i|you|u|we|they|it|these|those)\b)/i;

/** One clause of a message; `asks` marks the one that carries the question. */
export interface Clause {
  text: string;
  asks: boolean;
}

/** True when a clause is worded as a question: it opens with a question word or ends with "?". */
export function isAsking(clause: string): boolean {
  return ASKING.test(clause.trim().replace(/^[¿¡]+/, '')) || /\?\s*$/.test(clause);
}

/**
 * The clauses of `text`, the last one worded as a question marked as asking. When none is (or there is
 * only one clause), the whole text is one asking clause.
 */
export function clausesOf(text: string): Clause[] {
  const parts = text
    .split(CLAUSE_BREAK)
    .map((part) => part.trim())
    .filter(Boolean);
  if (parts.length < 2) return [{ text, asks: true }];
  let ask = -1;
  parts.forEach((part, index) => {
    if (isAsking(part)) ask = index;
  });
  if (ask < 0) return [{ text, asks: true }];
  return parts.map((part, index) => ({ text: part, asks: index === ask }));
}
