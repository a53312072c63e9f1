/**
 * Agents' judgements of escalations ("Was this escalation needed?" in Slack, kept on the case as
 * `escalationNeeded` and in the lifecycle log as `escalation_feedback`) turned into labelled escalation
 * cases (`npm run eval -- --from-feedback`).
 *
 * A case's text is the customer's message(s) that led to the escalation, PII-redacted and with the
 * customer's name taken out; its id is a hash of the case id (never the phone number); its label is
 * the agent's yes/no; its category follows from the escalation reason and the trigger that fired.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { redactPii } from '#core/guardrails/pii.ts';
import { detectLanguage } from '#core/language.ts';
import type { Case, Message } from '#core/model.ts';
import type { ConversationStore } from '#core/ports.ts';
import { foldForMatch } from './classify.ts';
import {
  type EscalationCase,
  type EscalationCategory,
  escalationCaseSchema,
  parseSetText,
  validateCases,
} from './sets.ts';

/** The languages a feedback case's text is recognised in (the triggers' languages); otherwise English. */
export const FEEDBACK_LANGUAGES = ['en', 'es'] as const;

/** Customer messages before the trigger that are kept with it, at most (the trigger included). */
const MAX_MESSAGES = 3;

/** The id of the case exported from `caseId`: a hash, stable across exports. */
export function feedbackCaseId(caseId: string): string {
  return `fb-${createHash('sha256').update(caseId).digest('hex').slice(0, 12)}`;
}

// Sensitive-topic trigger labels (guardrails/triggers.ts) → categories.
const TOPIC_CATEGORY: Record<string, EscalationCategory> = {
  legal: 'legal',
  fraud: 'security',
  safety: 'safety',
  medical: 'medical',
  bereavement: 'bereavement',
};

// Reasons raised by words in the message: when the agent says "not needed", the words were a look-alike.
const WORDED_REASONS = new Set(['customer_request', 'self_harm', 'sensitive_topic']);

/** The category of an exported case, from the escalation reason, the trigger flags and the agent's answer. */
export function categoryFor(reason: string, flags: readonly string[], needed: boolean): EscalationCategory {
  if (!needed) return WORDED_REASONS.has(reason) ? 'lookalike' : 'routine';
  if (reason === 'customer_request') return 'explicit';
  if (reason === 'self_harm') return 'self_harm';
  if (reason === 'sensitive_topic') {
    for (const flag of flags) {
      const topic = TOPIC_CATEGORY[flag.replace(/^escalation:/, '')];
      if (flag.startsWith('escalation:') && topic) return topic;
    }
  }
  return 'other';
}

// "my name is Ana Ruiz", "me llamo ana": the word after the introduction, and a capitalised one after it.
const NAME_INTRO =
  /\b([Mm][Yy] [Nn][Aa][Mm][Ee](?: [Ii][Ss]|'s)|[Mm]e [Ll]lamo|[Mm]i [Nn]ombre [Ee]s)\s+[\p{L}'-]+(?:\s+\p{Lu}[\p{L}'-]+)?/gu;

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Customer text safe to keep in a set: PII redacted (`[phone]`, `[email]`, `[card]`…), the customer's
 * known name and any self-introduction ("my name is Ana Ruiz") replaced by `[name]`.
 */
export function redactForSet(text: string, names: readonly string[] = []): string {
  let out = redactPii(text).text;
  const parts = names
    .flatMap((name) => name.split(/\s+/))
    .map((part) => part.replace(/[^\p{L}'-]/gu, ''))
    .filter((part) => part.length >= 2);
  for (const part of new Set(parts)) {
    out = out.replace(new RegExp(`(?<![\\p{L}])${escapeRegExp(part)}(?![\\p{L}])`, 'giu'), '[name]');
  }
  out = out.replace(NAME_INTRO, (_match, intro: string) => `${intro} [name]`);
  return out.replace(/\[name\](?:\s+\[name\])+/g, '[name]');
}

/**
 * The customer messages that led to the escalation, oldest first: the triggering message and up to
 * two customer messages right before it, stopping at an agent's or a system message (an earlier
 * handoff or closing) so an earlier visit does not leak in.
 */
export function leadingMessages(messages: readonly Message[], triggerId: string): Message[] {
  const index = messages.findIndex((message) => message.messageId === triggerId);
  if (index < 0) return [];
  const picked: Message[] = [];
  for (let i = index; i >= 0 && picked.length < MAX_MESSAGES; i--) {
    const message = messages[i] as Message;
    if (message.author === 'agent' || message.author === 'system') break;
    if (message.author === 'customer' && message.text.trim() && !message.flags?.includes('suggestion')) {
      picked.unshift(message);
    }
  }
  return picked;
}

/** One exported case from a judged escalation. */
export function feedbackCase(input: {
  kase: Case;
  /** The conversation's messages around the trigger (oldest first); empty uses the packet's last words. */
  messages: readonly Message[];
  /** Names to take out (the customer's profile name). */
  names?: readonly string[];
}): EscalationCase | undefined {
  const { kase } = input;
  if (kase.escalationNeeded === undefined) return undefined;
  const triggerId = kase.caseId.replace(/^case-/, '');
  const leading = leadingMessages(input.messages, triggerId);
  const names = [...(input.names ?? []), ...(kase.packet.customerName ? [kase.packet.customerName] : [])];
  const texts = leading.length ? leading.map((m) => m.text) : [kase.packet.lastCustomerMessage];
  const text = redactForSet(texts.join('\n'), names).slice(0, 2000).trim();
  if (!text) return undefined;
  const trigger = leading.at(-1);
  const candidate = {
    id: feedbackCaseId(kase.caseId),
    lang: detectLanguage(text, FEEDBACK_LANGUAGES) ?? 'en',
    category: categoryFor(kase.packet.reason, trigger?.flags ?? [], kase.escalationNeeded),
    text,
    escalate: kase.escalationNeeded,
  };
  const parsed = escalationCaseSchema.safeParse(candidate);
  return parsed.success ? parsed.data : undefined;
}

/** What the store must offer for an export. */
export type FeedbackStore = Pick<
  ConversationStore,
  'listLifecycle' | 'getCase' | 'getConversation' | 'recentMessages'
>;

/** Every escalation an agent judged in [since, until), as labelled cases (one per case, the latest answer). */
export async function collectFeedbackCases(
  store: FeedbackStore,
  period: { since: string; until: string },
): Promise<EscalationCase[]> {
  const events = await store.listLifecycle(period.since, period.until);
  const caseIds = [
    ...new Set(
      events
        .filter(
          (event) => event.type === 'escalation_feedback' && event.data?.question === 'escalation_needed',
        )
        .map((event) => event.caseId)
        .filter((caseId): caseId is string => typeof caseId === 'string'),
    ),
  ];
  const cases: EscalationCase[] = [];
  for (const caseId of caseIds) {
    const kase = await store.getCase(caseId);
    if (!kase || kase.escalationNeeded === undefined) continue;
    const [conversation, messages] = await Promise.all([
      store.getConversation(kase.conversationId),
      store.recentMessages(kase.conversationId, 500),
    ]);
    const exported = feedbackCase({
      kase,
      messages,
      names: conversation?.customerName ? [conversation.customerName] : [],
    });
    if (exported) cases.push(exported);
  }
  return cases.sort((a, b) => a.id.localeCompare(b.id));
}

/** What a merge did. */
export interface MergeResult {
  cases: EscalationCase[];
  added: number;
  /** Incoming cases already present (same id, or the same text). */
  present: number;
}

/**
 * Adds `incoming` cases to `existing` without duplicates: a case whose id or (folded) text is already
 * there is left as it is, since the file may have been curated by hand since the last export.
 */
export function mergeCases(
  existing: readonly EscalationCase[],
  incoming: readonly EscalationCase[],
): MergeResult {
  const ids = new Set(existing.map((item) => item.id));
  const texts = new Set(existing.map((item) => foldForMatch(item.text)));
  const cases = [...existing];
  let added = 0;
  for (const item of incoming) {
    const text = foldForMatch(item.text);
    if (ids.has(item.id) || texts.has(text)) continue;
    ids.add(item.id);
    texts.add(text);
    cases.push(item);
    added++;
  }
  return { cases, added, present: incoming.length - added };
}

/** The repository's line width (biome.json), so a written set passes `npm run lint` as it is. */
const LINE_WIDTH = 110;

/** Renders cases as a set file, formatted as Biome formats JSON: one case per line when it fits. */
export function renderCases(cases: readonly object[]): string {
  if (cases.length === 0) return '[]\n';
  const rendered = cases.map((item, index) => {
    const json = (value: unknown) =>
      Array.isArray(value) ? `[${value.map((v) => JSON.stringify(v)).join(', ')}]` : JSON.stringify(value);
    const fields = Object.entries(item).map(([key, value]) => `${JSON.stringify(key)}: ${json(value)}`);
    const line = `  { ${fields.join(', ')} }`;
    const comma = index < cases.length - 1 ? 1 : 0;
    return line.length + comma <= LINE_WIDTH
      ? line
      : `  {\n${fields.map((field) => `    ${field}`).join(',\n')}\n  }`;
  });
  return `[\n${rendered.join(',\n')}\n]\n`;
}

/**
 * Merges `incoming` into the set file at `path` (created when missing; an object with a `cases`
 * array keeps its other keys) and writes it.
 */
export function mergeIntoFile(path: string, incoming: readonly EscalationCase[]): MergeResult {
  let existing: EscalationCase[] = [];
  let container: Record<string, unknown> | undefined;
  if (existsSync(path)) {
    const source = readFileSync(path, 'utf8');
    const raw = parseSetText(source, path);
    existing = validateCases(raw, 'escalation', path) as EscalationCase[];
    try {
      const parsed = JSON.parse(source) as unknown;
      if (parsed && typeof parsed === 'object' && !Array.isArray(parsed))
        container = parsed as Record<string, unknown>;
    } catch {
      // JSON Lines: written back as an array.
    }
  }
  const result = mergeCases(existing, incoming);
  const body = container
    ? `${JSON.stringify({ ...container, cases: '__CASES__' }, null, 2).replace(
        '"__CASES__"',
        renderCases(result.cases).trimEnd().replace(/\n/g, '\n  '),
      )}\n`
    : renderCases(result.cases);
  writeFileSync(path, body);
  return result;
}
