/**
 * Output guardrails: what the AI is about to send is checked before it leaves (OWASP LLM02/LLM07).
 * A violation means one regeneration with the reasons, then a safe fallback or escalation (the
 * worker decides); this module only judges.
 */
import type { BusinessSettings } from '../../shared/business-settings.ts';
import { fold } from './fold.ts';
import { canonicalPii, findPii } from './pii.ts';

/** What the reply is checked against. */
export interface OutputContext {
  /** The canary token planted in the system prompt (`makeCanary`). */
  canary: string;
  /**
   * The private part of the prompt (persona, policies, instructions). Leave the knowledge base out:
   * quoting a passage of it verbatim is a legitimate answer.
   */
  systemPrompt: string;
  /** What the customer wrote in this conversation, as received: PII found here may be repeated. */
  customerTexts: string[];
  settings: BusinessSettings;
  /** Other texts whose PII may appear in replies (the knowledge base's own phone numbers, emails). */
  allowedTexts?: string[];
}

/** The verdict on a reply; `violations` are short codes such as `canary`, `pii:card`, `link:evil.example`. */
export interface OutputVerdict {
  ok: boolean;
  violations: string[];
}

/** A verbatim span of the system prompt at least this long in a reply counts as a leak. */
export const PROMPT_LEAK_CHARS = 60;

// Commitments the business never lets the AI make, whatever the settings say.
const PROMISES: RegExp[] = [
  /\bi (?:personally )?(?:guarantee|promise)\b/,
  /\bwe (?:guarantee|promise)\b/,
  /\byou(?:'ll| will) (?:definitely|certainly|surely|absolutely|100%) (?:get|receive|be (?:refunded|compensated|reimbursed))\b/,
  /\b(?:100%|fully|absolutely) guaranteed\b/,
  /\b(?:te|le|les) (?:garantizo|prometo)\b|\bgarantizado\b/,
];

const URL =
  /\b(?:https?:\/\/|www\.)[^\s<>()"'\]]+|\b(?:[a-z0-9-]+\.)+(?:com|net|org|io|co|ly|me|app|xyz|info|biz|shop|store|link|click|site|online|ru|cn|tk|gl|gg)\b(?:\/[^\s<>()"'\]]*)?/gi;

/** The host of a link written as `https://x/…`, `www.x/…` or `x.com/…`, lowercase. */
export function linkHost(link: string): string {
  return link
    .replace(/^[a-z]+:\/\//i, '')
    .split(/[/?#:]/)[0]!
    .toLowerCase()
    .replace(/\.+$/, '');
}

/** True when `host` is an allowed host or a subdomain of one. */
export function hostAllowed(host: string, allowed: string[]): boolean {
  return allowed.some((entry) => {
    const base = entry.toLowerCase().replace(/^www\./, '');
    const bare = host.replace(/^www\./, '');
    return bare === base || bare.endsWith(`.${base}`);
  });
}

/** Hosts of the links in `text` that the allowlist does not cover (emails are not links). */
export function disallowedLinks(text: string, allowed: string[]): string[] {
  const withoutEmails = text.replace(/[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/g, ' ');
  const hosts = new Set<string>();
  for (const match of withoutEmails.matchAll(URL)) {
    const host = linkHost(match[0]);
    if (host && !hostAllowed(host, allowed)) hosts.add(host);
  }
  return [...hosts];
}

function squash(text: string): string {
  return text.toLowerCase().replace(/\s+/g, ' ').trim();
}

/** True when `reply` contains a verbatim span of `prompt` of at least `minChars` characters. */
export function leaksPrompt(reply: string, prompt: string, minChars = PROMPT_LEAK_CHARS): boolean {
  const a = squash(reply);
  const b = squash(prompt);
  if (a.length < minChars || b.length < minChars) return false;
  // Any common span of length ≥ minChars contains a window of half that length starting at a multiple
  // of half: probing those windows finds candidates cheaply, then each candidate is verified.
  const half = Math.floor(minChars / 2);
  for (let i = 0; i + half <= a.length; i += half) {
    const probe = a.slice(i, i + half);
    let at = b.indexOf(probe);
    while (at >= 0) {
      let start = i;
      let pStart = at;
      while (start > 0 && pStart > 0 && a[start - 1] === b[pStart - 1]) {
        start--;
        pStart--;
      }
      let end = i + half;
      let pEnd = at + half;
      while (end < a.length && pEnd < b.length && a[end] === b[pEnd]) {
        end++;
        pEnd++;
      }
      if (end - start >= minChars) return true;
      at = b.indexOf(probe, at + 1);
    }
  }
  return false;
}

/** Checks a reply before it is sent; see `OutputVerdict` for the violation codes. */
export function checkOutput(reply: string, ctx: OutputContext): OutputVerdict {
  const violations: string[] = [];
  const text = reply.normalize('NFKC').trim();
  if (text === '') return { ok: false, violations: ['empty'] };
  if (text.length > ctx.settings.guardrails.maxReplyChars) violations.push('too_long');

  // The canary id alone counts too: a model may drop the brackets when it leaks.
  const canaryId = /canary:([0-9a-f]+)/i.exec(ctx.canary)?.[1];
  if (
    text.includes(ctx.canary) ||
    (canaryId !== undefined && text.toLowerCase().includes(canaryId.toLowerCase()))
  ) {
    violations.push('canary');
  }
  if (leaksPrompt(text, ctx.systemPrompt)) violations.push('system_prompt');

  const known = new Set(
    [...ctx.customerTexts, ...(ctx.allowedTexts ?? []), ctx.systemPrompt].flatMap((t) =>
      findPii(t).map(canonicalPii),
    ),
  );
  const leaked = new Set<string>();
  for (const match of findPii(text)) {
    if (known.has(canonicalPii(match))) continue;
    // The business's own addresses (support@ an allowed host) are not someone's PII.
    if (
      match.kind === 'email' &&
      hostAllowed(match.value.split('@')[1]!.toLowerCase(), ctx.settings.guardrails.allowedLinkHosts)
    ) {
      continue;
    }
    leaked.add(`pii:${match.kind}`);
  }
  violations.push(...leaked);

  const folded = fold(text);
  for (const phrase of ctx.settings.guardrails.forbiddenPhrases) {
    if (folded.includes(fold(phrase))) violations.push(`forbidden:${phrase}`);
  }
  if (PROMISES.some((p) => p.test(folded))) violations.push('promise');
  for (const host of disallowedLinks(text, ctx.settings.guardrails.allowedLinkHosts))
    violations.push(`link:${host}`);

  return { ok: violations.length === 0, violations };
}

/**
 * A canary token to plant in the system prompt, e.g. `⟦canary:1f2e3d4c⟧`. With a seed it is
 * deterministic (FNV-1a of the seed), otherwise random.
 */
export function makeCanary(seed?: string): string {
  let id: number;
  if (seed === undefined) {
    id = crypto.getRandomValues(new Uint32Array(1))[0]!;
  } else {
    id = 0x811c9dc5;
    for (let i = 0; i < seed.length; i++) {
      id ^= seed.charCodeAt(i);
      id = Math.imul(id, 0x01000193) >>> 0;
    }
  }
  return `⟦canary:${id.toString(16).padStart(8, '0')}⟧`;
}
