/**
 * Carrier-style keywords (STOP / START / HELP). Only a message that is the keyword alone counts:
 * "stop please" is a sentence for the AI and its guardrails, not an opt-out.
 */

/** What a keyword-only message asks for. */
export type Keyword = 'stop' | 'start' | 'help';

const KEYWORDS: ReadonlyMap<string, Keyword> = new Map([
  ...['STOP', 'STOPALL', 'UNSUBSCRIBE', 'CANCEL', 'END', 'QUIT', 'REVOKE', 'OPTOUT'].map(
    (word) => [word, 'stop'] as const,
  ),
  ...['START', 'YES', 'UNSTOP'].map((word) => [word, 'start'] as const),
  ...['HELP', 'INFO'].map((word) => [word, 'help'] as const),
]);

// Whitespace, punctuation and symbols (emoji included) around the keyword are ignored.
const EDGES = /^[\s\p{P}\p{S}]+|[\s\p{P}\p{S}]+$/gu;

/** The keyword a message consists of (any case, surrounding spaces/punctuation ignored), or null. */
export function classifyKeyword(text: string): Keyword | null {
  const word = text.replace(EDGES, '').toUpperCase();
  return KEYWORDS.get(word) ?? null;
}
