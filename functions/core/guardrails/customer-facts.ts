/**
 * What the AI may remember about a customer (`remember_customer_fact`). A remembered fact is shown to
 * the model in every later conversation, so it is the one place where customer text persists into
 * future prompts: only keys the business allows, values capped, and nothing that the PII or injection
 * detectors flag. A bounded number of facts per customer; a new one replaces the oldest.
 */
import type { CustomerProfile } from '../model.ts';
import { detectInjection } from './injection.ts';
import { normalizeInput } from './normalize.ts';
import { findPii } from './pii.ts';
import { capChars } from './profile-name.ts';

/** The business's limits (`settings.customerFacts`). */
export interface FactLimits {
  allowedKeys: readonly string[];
  maxFacts: number;
  maxValueChars: number;
}

/** Why a proposed fact was not stored. */
export type FactRefusal = 'key_not_allowed' | 'empty' | 'pii' | 'injection';

/** The outcome of `rememberFacts`. */
export interface RememberedFacts {
  /** The facts to store (allowed keys only, at most `maxFacts`). */
  facts: Record<string, string>;
  /** When each stored fact was last set (ISO), so the oldest can be found: DynamoDB maps keep no order. */
  factsUpdatedAt: Record<string, string>;
  /** Keys stored by this call. */
  accepted: string[];
  refused: { key: string; reason: FactRefusal }[];
}

/** `Preferred Name` → `preferred_name`: the form keys are allowed and stored in. */
export function normalizeFactKey(key: string): string {
  return String(key ?? '')
    .trim()
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .slice(0, 40);
}

/** One proposed fact, screened: its stored form, or why it is refused. */
export function screenFact(
  key: string,
  value: string,
  limits: FactLimits,
): { ok: true; key: string; value: string } | { ok: false; key: string; reason: FactRefusal } {
  const normalizedKey = normalizeFactKey(key);
  if (!limits.allowedKeys.includes(normalizedKey))
    return { ok: false, key: normalizedKey, reason: 'key_not_allowed' };
  // One line, screened whole before it is capped, so a cut never hides a card number or an instruction.
  const flat = normalizeInput(String(value ?? ''), Number.MAX_SAFE_INTEGER)
    .text.replace(/\s+/g, ' ')
    .trim();
  if (!flat) return { ok: false, key: normalizedKey, reason: 'empty' };
  if (findPii(flat).length > 0) return { ok: false, key: normalizedKey, reason: 'pii' };
  if (detectInjection(flat).injection) return { ok: false, key: normalizedKey, reason: 'injection' };
  return { ok: true, key: normalizedKey, value: capChars(flat, limits.maxValueChars) };
}

/**
 * Merges proposed facts into a profile's facts: each is screened (`screenFact`); an accepted fact
 * overwrites the same key and is stamped `now`; facts under keys no longer allowed are dropped; past
 * `maxFacts`, the facts set longest ago go (a fact without a stamp, stored before stamps existed,
 * counts as oldest). Pure: the caller writes the result when `accepted` is not empty.
 */
export function rememberFacts(
  profile: Pick<CustomerProfile, 'facts' | 'factsUpdatedAt'>,
  proposed: Record<string, string>,
  limits: FactLimits,
  now: string,
): RememberedFacts {
  const accepted = new Map<string, string>();
  const refused: RememberedFacts['refused'] = [];
  for (const [key, value] of Object.entries(proposed)) {
    const verdict = screenFact(key, value, limits);
    if (!verdict.ok) {
      refused.push({ key: verdict.key, reason: verdict.reason });
      continue;
    }
    // A key proposed twice counts once, as its latest value and latest position.
    accepted.delete(verdict.key);
    accepted.set(verdict.key, verdict.value);
  }

  const stamps = profile.factsUpdatedAt ?? {};
  const kept = Object.entries(profile.facts ?? {})
    .filter(([key]) => limits.allowedKeys.includes(key) && !accepted.has(key))
    .map(([key, value]) => ({ key, value, at: stamps[key] ?? '' }))
    // Oldest first; equal stamps in key order, so the result never depends on map order.
    .sort((a, b) => a.at.localeCompare(b.at) || a.key.localeCompare(b.key));
  const merged = [...kept, ...[...accepted].map(([key, value]) => ({ key, value, at: now }))].slice(
    -Math.max(0, limits.maxFacts),
  );

  const facts: Record<string, string> = {};
  const factsUpdatedAt: Record<string, string> = {};
  for (const { key, value, at } of merged) {
    facts[key] = value;
    if (at) factsUpdatedAt[key] = at;
  }
  return { facts, factsUpdatedAt, accepted: [...accepted.keys()].filter((key) => key in facts), refused };
}
