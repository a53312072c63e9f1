/**
 * Screening of the name a channel reports for a customer (WhatsApp ProfileName). The customer chooses
 * it freely, so it is untrusted text that would otherwise reach the prompt, the store and the agents'
 * card: it is normalized, refused when it reads like an instruction or carries payment/identity data,
 * and capped.
 */
import { detectInjection } from './injection.ts';
import { normalizeInput } from './normalize.ts';
import { findPii } from './pii.ts';

/** PII kinds that are never a name (a phone number or email as a display name is harmless). */
const NEVER_A_NAME = new Set(['card', 'ssn', 'iban']);
/** Markup such as `</customer_data>` or `<system>`: no one's name, and a delimiter-spoofing attempt. */
const TAG = /<\s*\/?\s*[a-z_][\w:-]*[^<>]*>/i;

/**
 * The name to use, or `undefined` when there is none or it must not be used: empty after
 * normalization, flagged by the injection detector, carrying markup tags, or carrying a card
 * number, SSN or IBAN.
 * Screening looks at the whole name before it is capped to `maxChars` characters, so cutting a
 * long name never hides an instruction from the detector.
 */
export function screenProfileName(raw: string | undefined, maxChars: number): string | undefined {
  if (!raw) return undefined;
  // One line: a name has no reason to carry line breaks, and a line break could fake a new field.
  const flat = normalizeInput(raw, Number.MAX_SAFE_INTEGER).text.replace(/\s+/g, ' ').trim();
  if (!flat) return undefined;
  if (detectInjection(flat).injection || TAG.test(flat)) return undefined;
  if (findPii(flat).some((match) => NEVER_A_NAME.has(match.kind))) return undefined;
  return capChars(flat, maxChars);
}

/** Cuts to `max` code points (never inside a surrogate pair), trimmed. */
export function capChars(text: string, max: number): string {
  const chars = Array.from(text);
  return chars.length <= max ? text : chars.slice(0, max).join('').trimEnd();
}
