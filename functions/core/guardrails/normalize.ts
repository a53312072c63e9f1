/**
 * Input normalization: the first guardrail step, so every later detector sees one canonical form.
 */

/** A normalized message and whether it was cut to the length cap. */
export interface NormalizedText {
  text: string;
  truncated: boolean;
}

// Invisible characters used to split trigger words ("ig\u200Bnore") or to reorder text visually:
// zero-width and joiners, word joiner and invisible operators, BOM, soft hyphen, Mongolian vowel
// separator, bidi marks/embeddings/overrides/isolates, and Unicode tag characters (ASCII smuggling).
const INVISIBLE =
  /[\u00AD\u061C\u180E\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u206F\uFEFF]|\uDB40[\uDC00-\uDC7F]/g;
// C0/C1 controls except tab and newline (tab becomes a space below).
// biome-ignore lint/suspicious/noControlCharactersInRegex: removing control characters is the point.
const CONTROL = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/g;

/**
 * NFKC, strips invisible and control characters (newlines kept), collapses whitespace and cuts the
 * text to `maxChars` (never inside a surrogate pair).
 */
export function normalizeInput(raw: string, maxChars: number): NormalizedText {
  let text = raw
    .normalize('NFKC')
    .replace(/\r\n?/g, '\n')
    .replace(INVISIBLE, '')
    .replace(/\t/g, ' ')
    .replace(CONTROL, '')
    // NBSP and other Unicode spaces that survive NFKC become plain spaces.
    .replace(/[^\S\n]+/g, ' ')
    .replace(/ *\n */g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
  let truncated = false;
  if (text.length > maxChars) {
    let end = maxChars;
    const code = text.charCodeAt(end - 1);
    if (code >= 0xd800 && code <= 0xdbff) end -= 1;
    text = text.slice(0, end).trimEnd();
    truncated = true;
  }
  return { text, truncated };
}
