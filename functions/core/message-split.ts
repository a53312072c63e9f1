/**
 * Splits long bodies for channels with a per-message limit (Twilio: 1,600 characters).
 * Cuts at the last sentence boundary that fits (if it is in the second half of the part), else the
 * last space, else the earlier sentence boundary, else hard (never inside a surrogate pair). Only whitespace at the cut points is dropped.
 */

/** Twilio's maximum body length per message. */
export const MAX_MESSAGE_CHARS = 1600;

// End of a sentence: terminal punctuation (plus closing quotes/brackets) followed by whitespace,
// or a line break.
const SENTENCE_END = /[.!?…。！？]["'”’)\]]*(?=\s)|\n/g;

/** Splits `text` into parts of at most `maxChars` UTF-16 units, preferring sentence boundaries. */
export function splitMessage(text: string, maxChars: number = MAX_MESSAGE_CHARS): string[] {
  if (!Number.isInteger(maxChars) || maxChars < 2) throw new RangeError('maxChars must be an integer ≥ 2');
  const parts: string[] = [];
  let rest = text.trim();
  while (rest.length > maxChars) {
    const cut = cutPoint(rest, maxChars);
    const part = rest.slice(0, cut).trimEnd();
    if (part) parts.push(part);
    rest = rest.slice(cut).trimStart();
  }
  if (rest) parts.push(rest);
  return parts;
}

function cutPoint(text: string, maxChars: number): number {
  const window = text.slice(0, maxChars + 1);
  let sentence = 0;
  for (const match of window.matchAll(SENTENCE_END)) {
    const end = match.index + match[0].length;
    if (end <= maxChars) sentence = end;
  }
  // A sentence end in the first half would leave a stub part; a word boundary reads better then.
  if (sentence >= maxChars / 2) return sentence;
  // The character just past the limit may be the space that makes the cut clean.
  const space = window.search(/\s\S*$/);
  if (space > 0) return space;
  if (sentence > 0) return sentence;
  // Hard cut, stepping back off a high surrogate so no character is broken.
  const code = text.charCodeAt(maxChars - 1);
  return code >= 0xd800 && code <= 0xdbff ? maxChars - 1 : maxChars;
}
