/**
 * Spelling tolerance for matching a customer's words to the knowledge base: at most one edit
 * (insertion, deletion, substitution, or a swap of two neighbouring letters: Damerau-Levenshtein).
 */

/**
 * True when `a` and `b` differ by at most one insertion, deletion, substitution or adjacent swap.
 * `substitution: false` refuses a changed letter (for short words, where one changed letter often
 * makes another real word: "story" / "store").
 */
export function withinOneEdit(a: string, b: string, options: { substitution?: boolean } = {}): boolean {
  if (a === b) return true;
  const diff = a.length - b.length;
  if (diff > 1 || diff < -1) return false;
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  if (diff === 0) {
    // Two neighbouring letters swapped ("recieve" / "receive"), or one substitution.
    if (a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2)) return true;
    return options.substitution !== false && a.slice(i + 1) === b.slice(i + 1);
  }
  // One insertion or deletion: skip a letter in the longer word.
  return diff > 0 ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1);
}
