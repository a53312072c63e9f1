/**
 * PII detection and redaction, so card numbers and the like never reach the model or the logs.
 * Each kind is validated, not just pattern-matched: cards need a valid Luhn checksum, IBANs a valid
 * mod-97 checksum and their country's length, SSNs a valid area/group/serial.
 */

/** The kinds of PII we redact. */
export type PiiKind = 'card' | 'ssn' | 'iban' | 'email' | 'phone';

/** One PII occurrence: its kind and the text as written. */
export interface PiiMatch {
  kind: PiiKind;
  value: string;
}

/** How many of each kind were redacted. */
export interface PiiRedaction {
  kind: PiiKind;
  count: number;
}

/** Redacted text plus what was taken out. */
export interface RedactionResult {
  text: string;
  redactions: PiiRedaction[];
}

/** The token that replaces a PII occurrence. */
export function piiToken(kind: PiiKind): string {
  return `[${kind}]`;
}

/** True when `digits` (digits only) passes the Luhn checksum. */
export function luhnValid(digits: string): boolean {
  let sum = 0;
  let double = false;
  for (let i = digits.length - 1; i >= 0; i--) {
    let d = digits.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return false;
    if (double) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
    double = !double;
  }
  return digits.length > 0 && sum % 10 === 0;
}

// IBAN lengths per country (ISO 13616 registry, the countries customers realistically send).
const IBAN_LENGTH: Record<string, number> = {
  AD: 24,
  AE: 23,
  AL: 28,
  AT: 20,
  AZ: 28,
  BA: 20,
  BE: 16,
  BG: 22,
  BH: 22,
  BR: 29,
  CH: 21,
  CR: 22,
  CY: 28,
  CZ: 24,
  DE: 22,
  DK: 18,
  DO: 28,
  EE: 20,
  EG: 29,
  ES: 24,
  FI: 18,
  FO: 18,
  FR: 27,
  GB: 22,
  GE: 22,
  GI: 23,
  GL: 18,
  GR: 27,
  GT: 28,
  HR: 21,
  HU: 28,
  IE: 22,
  IL: 23,
  IS: 26,
  IT: 27,
  JO: 30,
  KW: 30,
  KZ: 20,
  LB: 28,
  LI: 21,
  LT: 20,
  LU: 20,
  LV: 21,
  MC: 27,
  MD: 24,
  ME: 22,
  MK: 19,
  MR: 27,
  MT: 31,
  MU: 30,
  NL: 18,
  NO: 15,
  PK: 24,
  PL: 28,
  PS: 29,
  PT: 25,
  QA: 29,
  RO: 24,
  RS: 22,
  SA: 24,
  SE: 24,
  SI: 19,
  SK: 24,
  SM: 27,
  TN: 24,
  TR: 26,
  UA: 29,
  VG: 24,
  XK: 20,
};

/** True when `iban` (no spaces) has a known country, that country's length and a valid mod-97 checksum. */
export function ibanValid(iban: string): boolean {
  const value = iban.toUpperCase();
  if (!/^[A-Z]{2}\d{2}[A-Z0-9]+$/.test(value)) return false;
  if (IBAN_LENGTH[value.slice(0, 2)] !== value.length) return false;
  const rearranged = value.slice(4) + value.slice(0, 4);
  let remainder = 0;
  for (const char of rearranged) {
    const code = char.charCodeAt(0);
    // Letters count as two digits (A = 10 … Z = 35); the remainder is folded digit by digit.
    const chunk = code >= 65 ? String(code - 55) : char;
    for (const digit of chunk) remainder = (remainder * 10 + (digit.charCodeAt(0) - 48)) % 97;
  }
  return remainder === 1;
}

/** True for a US SSN outside the never-issued ranges (area 000, 666, 9xx; group 00; serial 0000). */
export function ssnValid(area: string, group: string, serial: string): boolean {
  return !(area === '000' || area === '666' || area[0] === '9' || group === '00' || serial === '0000');
}

interface Span {
  start: number;
  end: number;
  value: string;
}

type Finder = (text: string) => Span[];

const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}/g;

const findEmails: Finder = (text) =>
  [...text.matchAll(EMAIL)].map((m) => ({ start: m.index, end: m.index + m[0].length, value: m[0] }));

const IBAN_CANDIDATE = /(?<![A-Za-z0-9])[A-Za-z]{2}\d{2}(?: ?[A-Za-z0-9]){10,34}/g;

const findIbans: Finder = (text) => {
  const spans: Span[] = [];
  for (const m of text.matchAll(IBAN_CANDIDATE)) {
    const length = IBAN_LENGTH[m[0].slice(0, 2).toUpperCase()];
    if (length === undefined) continue;
    // The candidate may run into the next word ("… 0130 00 please"): take exactly `length` characters.
    let compact = '';
    let end = 0;
    for (let i = 0; i < m[0].length && compact.length < length; i++) {
      const char = m[0][i]!;
      if (char !== ' ') compact += char;
      end = i + 1;
    }
    const next = text[m.index + end];
    if (next !== undefined && /[A-Za-z0-9]/.test(next)) continue;
    if (!ibanValid(compact)) continue;
    spans.push({ start: m.index, end: m.index + end, value: m[0].slice(0, end) });
  }
  return spans;
};

// Digit groups joined by single spaces or dashes; the card is searched among consecutive groups.
const DIGIT_RUN = /(?<![\w#.,+])\d+(?:[ -]\d+)*(?![\w])/g;

const findCards: Finder = (text) => {
  const spans: Span[] = [];
  for (const m of text.matchAll(DIGIT_RUN)) {
    const groups = [...m[0].matchAll(/\d+/g)].map((g) => ({ start: g.index, digits: g[0] }));
    let i = 0;
    while (i < groups.length) {
      let found: Span | undefined;
      let digits = '';
      for (let j = i; j < groups.length && digits.length <= 19; j++) {
        digits += groups[j]!.digits;
        // Issuer identification numbers start with 2-6 (Mastercard 2/5, Amex 3, Visa 4, Discover 6);
        // this and the length cut most Luhn-valid coincidences (1 in 10 random numbers passes Luhn).
        if (digits.length >= 13 && digits.length <= 19 && /^[2-6]/.test(digits)) {
          if (luhnValid(digits) && !/^(\d)\1+$/.test(digits)) {
            const start = m.index + groups[i]!.start;
            const end = m.index + groups[j]!.start + groups[j]!.digits.length;
            found = { start, end, value: text.slice(start, end) };
          }
        }
      }
      if (found) {
        spans.push(found);
        i = groups.findIndex((g) => m.index + g.start >= found.end);
        if (i < 0) break;
      } else {
        i++;
      }
    }
  }
  return spans;
};

const SSN_DASHED = /(?<![\w-])(\d{3})-(\d{2})-(\d{4})(?![\w-])/g;
const SSN_CONTEXT =
  /\b(?:ssn|ss#|social security(?: number| no\.?| #)?|seguro social|n[uú]mero de seguro social)\D{0,20}?(?<![\d-])(\d{3})[ -]?(\d{2})[ -]?(\d{4})(?![\d-])/dgi;

const findSsns: Finder = (text) => {
  const spans: Span[] = [];
  for (const m of text.matchAll(SSN_DASHED)) {
    if (ssnValid(m[1]!, m[2]!, m[3]!)) {
      spans.push({ start: m.index, end: m.index + m[0].length, value: m[0] });
    }
  }
  // Without dashes a 9-digit number is only an SSN when the customer says so.
  for (const m of text.matchAll(SSN_CONTEXT)) {
    if (!ssnValid(m[1]!, m[2]!, m[3]!)) continue;
    const start = m.indices![1]![0];
    const end = m.indices![3]![1];
    if (spans.some((s) => s.start < end && start < s.end)) continue;
    spans.push({ start, end, value: text.slice(start, end) });
  }
  return spans.sort((a, b) => a.start - b.start);
};

const PHONE_CANDIDATE = /(?<![\w#$€£.,/+-])\+?\(?\d[\d ().-]{7,24}\d(?![\w/]|[.,-]\d)/g;
// Words that make a bare digit string a phone number.
const PHONE_CONTEXT =
  /(?:phone|call|cell|mobile|tel\b|telephone|text (?:me|him|her|us)|reach|ring|dial|sms|whatsapp|my number|contact|ll[aá]m|tel[eé]fono|celular|m[oó]vil)[^.\n]{0,30}$/i;
// Words that make a digit string an identifier, not a phone number.
const ID_CONTEXT =
  /(?:order|tracking|invoice|ref(?:erence)?|confirmation|conf|po|pedido|factura|rastreo|seguimiento|account|acct|cuenta|sku|item|model|serial|case|ticket|gift card|coupon)\s*(?:no\.?|number|num|nr|#|id|code|n[uú]mero)?\s*(?:is|es|was|:)?\s*$/i;
const DATE_LIKE =
  /\b(?:19|20)\d{2}[-./](?:0?[1-9]|1[0-2])[-./]\d{1,2}\b|\b\d{1,2}[-./]\d{1,2}[-./](?:19|20)\d{2}\b/;

const findPhones: Finder = (text) => {
  const spans: Span[] = [];
  for (const m of text.matchAll(PHONE_CANDIDATE)) {
    const candidate = m[0];
    const digits = candidate.replace(/\D/g, '');
    if (digits.length < 10 || digits.length > 15) continue;
    if (/[.-]{2}| {2}|\(\(|\)\)/.test(candidate) || DATE_LIKE.test(candidate)) continue;
    // Parentheses must pair up: "(555) 123-4567", not "5) 123 (4".
    if ((candidate.match(/\(/g) ?? []).length !== (candidate.match(/\)/g) ?? []).length) continue;
    const before = text.slice(Math.max(0, m.index - 40), m.index);
    const international = candidate.startsWith('+');
    const groups = candidate.split(/[^\d]+/).filter(Boolean);
    if (!international) {
      if (ID_CONTEXT.test(before)) continue;
      if (groups.length === 1 && !PHONE_CONTEXT.test(before)) continue;
      // National formats group digits in twos to fours after the first group ("555 123 4567").
      if (groups.slice(1).some((g) => g.length < 2)) continue;
    }
    spans.push({ start: m.index, end: m.index + candidate.length, value: candidate });
  }
  return spans;
};

// Order matters: emails first (they may contain digits), IBANs before cards (an IBAN's digits can
// pass Luhn), cards and SSNs before phones (so their digits are not read as phone numbers).
const FINDERS: [PiiKind, Finder][] = [
  ['email', findEmails],
  ['iban', findIbans],
  ['card', findCards],
  ['ssn', findSsns],
  ['phone', findPhones],
];

function scan(text: string): { text: string; matches: PiiMatch[] } {
  let current = text;
  const matches: PiiMatch[] = [];
  for (const [kind, find] of FINDERS) {
    const spans = find(current);
    if (spans.length === 0) continue;
    let out = '';
    let last = 0;
    for (const span of spans) {
      if (span.start < last) continue;
      out += current.slice(last, span.start) + piiToken(kind);
      last = span.end;
      matches.push({ kind, value: span.value });
    }
    current = out + current.slice(last);
  }
  return { text: current, matches };
}

/** Every PII occurrence in `text`, in detection order (for comparing a reply with the customer's texts). */
export function findPii(text: string): PiiMatch[] {
  return scan(text).matches;
}

/** Replaces PII with `[card]`, `[ssn]`, `[iban]`, `[email]`, `[phone]` and counts what was replaced. */
export function redactPii(text: string): RedactionResult {
  const { text: redacted, matches } = scan(text);
  const counts = new Map<PiiKind, number>();
  for (const match of matches) counts.set(match.kind, (counts.get(match.kind) ?? 0) + 1);
  return { text: redacted, redactions: [...counts].map(([kind, count]) => ({ kind, count })) };
}

/** A PII value reduced to what identifies it (digits, or lowercase letters and digits). */
export function canonicalPii(match: PiiMatch): string {
  return match.kind === 'email'
    ? match.value.toLowerCase()
    : match.value.toUpperCase().replace(/[^A-Z0-9]/g, '');
}

/** Log-safe text: PII redacted, whitespace collapsed, cut to `maxChars` with an ellipsis. */
export function maskForLog(text: string, maxChars = 160): string {
  const masked = redactPii(text).text.replace(/\s+/g, ' ').trim();
  return masked.length > maxChars ? `${masked.slice(0, maxChars)}… (${masked.length} chars)` : masked;
}
