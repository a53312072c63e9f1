/**
 * At-rest redaction: card numbers, SSNs and IBANs never reach the table. Detection is the validated one
 * of `pii.ts` (Luhn, mod-97, SSN ranges); the tokens here keep what an agent needs to help
 * (`[card ending 1881]`, `[IBAN ending 4432]`, `[SSN removed]`). Emails and phone numbers a customer
 * gives are kept at rest (they are masked for the model and the logs by `redactPii`).
 */
import { findPii, type PiiKind } from './pii.ts';

/** The kinds that are never stored. */
export type AtRestKind = Extract<PiiKind, 'card' | 'ssn' | 'iban'>;

const AT_REST_KINDS: ReadonlySet<PiiKind> = new Set<PiiKind>(['card', 'ssn', 'iban']);

/** The flag recorded on a message from which `kind` was removed. */
export function piiRemovedFlag(kind: AtRestKind): string {
  return `pii_removed:${kind}`;
}

/** True when a message's flags say that sensitive data was removed from it. */
export function hasPiiRemovedFlag(flags: readonly string[] | undefined): boolean {
  return (flags ?? []).some((flag) => flag.startsWith('pii_removed:'));
}

/** Text safe to store, and the kinds that were removed (each once). */
export interface AtRestRedaction {
  text: string;
  removed: AtRestKind[];
}

/** The token stored in place of a card number, SSN or IBAN. */
export function atRestToken(kind: AtRestKind, value: string): string {
  const last4 = value.replace(/[^A-Za-z0-9]/g, '').slice(-4);
  if (kind === 'card') return `[card ending ${last4}]`;
  if (kind === 'iban') return `[IBAN ending ${last4}]`;
  return '[SSN removed]';
}

/** Replaces every card number, SSN and IBAN in `text` with its at-rest token. Idempotent. */
export function redactAtRest(text: string): AtRestRedaction {
  // Cheap exit: all three kinds need at least nine digits.
  if ((text.match(/\d/g)?.length ?? 0) < 9) return { text, removed: [] };
  const matches = findPii(text).filter((match) => AT_REST_KINDS.has(match.kind));
  if (matches.length === 0) return { text, removed: [] };
  let out = text;
  const removed = new Set<AtRestKind>();
  for (const match of matches) {
    const kind = match.kind as AtRestKind;
    // Each value is the text as written (emails, found first, never overlap these kinds).
    out = out.split(match.value).join(atRestToken(kind, match.value));
    removed.add(kind);
  }
  return { text: out, removed: [...removed] };
}

/**
 * Attribute names whose values are identifiers, keys or times, never free text: left as they are
 * (an id or an ISO time must not be rewritten, and none of them can hold a card number).
 */
const IDENTIFIER =
  /^(?:pk|sk|gsi\dpk|gsi\dsk|id|ts|at|url|contentType|itemType|channel|status|.*Id|.*Ids|.*At|.*Address|.*Sk)$/;

/** A deep copy of `value` with every free-text string passed through {@link redactAtRest}. */
export function redactAtRestDeep<T>(value: T, name = ''): T {
  if (typeof value === 'string') {
    return (IDENTIFIER.test(name) ? value : redactAtRest(value).text) as T;
  }
  if (Array.isArray(value)) return value.map((entry) => redactAtRestDeep(entry, name)) as T;
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [key, entry] of Object.entries(value)) out[key] = redactAtRestDeep(entry, key);
    return out as T;
  }
  return value;
}
