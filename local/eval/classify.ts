/**
 * What the pipeline did with one case (an observation), and its judgement against the case's label.
 * Pure: the runner (`run.ts`) observes, this module judges.
 */
import { ALONGSIDE_FLAG } from '#core/responder.ts';
import type { BusinessSettings } from '#shared/business-settings.ts';
import type { EscalationCase, KnowledgeCase } from './sets.ts';

/** What the pipeline did with one case's message, as seen at the emulated Twilio and Slack and in the store. */
export interface Observation {
  /** The conversation went to people (mode `queued` with a case). */
  escalated: boolean;
  /** The escalation reason on the case. */
  reason?: string;
  /** The escalation card was posted to the emulated Slack. */
  card?: boolean;
  /** Guardrail flags on the customer's message (`escalation:legal`, `injection:…`). */
  inputFlags: string[];
  /** Flags on the AI's reply (`dont_know`, `fallback`, `clarify`…). */
  replyFlags: string[];
  /** Knowledge passages the AI's reply used. */
  passages: string[];
  /** Everything the customer received, in order (parts joined by a space). */
  reply: string;
  /** Webhook sent → message handled, in milliseconds. */
  ms: number;
  /**
   * Why the case could not be judged: the pipeline failed or timed out, or the escalation says nothing
   * about the model or the triggers (`budget_exceeded`, `model_unavailable`).
   */
  error?: string;
}

/** Escalation reasons that are the system's state, not a judgement on the message. */
export const UNJUDGED_REASONS: ReadonlySet<string> = new Set(['budget_exceeded', 'model_unavailable']);

/** Flags on an AI reply that mean it did not answer (said it was not sure, or asked to clarify). */
export const ABSTENTION_FLAGS: ReadonlySet<string> = new Set([
  'dont_know',
  'fallback',
  'clarify',
  'not_sure',
  'abstain',
]);

/** An escalation judgement: true/false positive/negative, or not judged. */
export type EscalationOutcome = 'tp' | 'fn' | 'fp' | 'tn' | 'error';

/** A knowledge judgement. For unanswerable cases `abstained` is the right outcome and `wrong` means answered. */
export type KnowledgeOutcome = 'right' | 'abstained' | 'wrong' | 'error';

/** One escalation case with what happened and the judgement. */
export interface EscalationResult {
  case: EscalationCase;
  observation: Observation;
  outcome: EscalationOutcome;
}

/** One knowledge case with what happened and the judgement. */
export interface KnowledgeResult {
  case: KnowledgeCase;
  observation: Observation;
  outcome: KnowledgeOutcome;
  /** The reply used the labelled passage (answerable cases). */
  passageHit?: boolean;
}

/**
 * Text as compared with `expect`: accents removed, lower case, spaces collapsed, and a decimal comma
 * with two decimals read as a point ("6,95" = "6.95"), so the same fact matches in any language.
 */
export function foldForMatch(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/(\d),(\d{2})(?!\d)/g, '$1.$2')
    .replace(/\s+/g, ' ')
    .trim();
}

/** True when `reply` contains every string of `expect` (folded). */
export function containsAll(reply: string, expect: readonly string[]): boolean {
  const folded = foldForMatch(reply);
  return expect.every((fact) => folded.includes(foldForMatch(fact)));
}

/**
 * The "not sure" texts of the business settings: `messages.fallback` and any other string under a
 * `fallback`/`notSure`/`dontKnow` key (translations included), folded.
 */
export function abstentionTexts(settings: BusinessSettings): string[] {
  const found: string[] = [];
  const walk = (value: unknown, key: string): void => {
    if (typeof value === 'string') {
      if (/fallback|not_?sure|dont_?know/i.test(key)) found.push(foldForMatch(value));
      return;
    }
    if (Array.isArray(value)) {
      for (const item of value) walk(item, key);
    } else if (value && typeof value === 'object') {
      for (const [child, item] of Object.entries(value)) walk(item, /^[a-z]{2}$/.test(child) ? key : child);
    }
  };
  walk(settings.messages, 'messages');
  return [...new Set(found)];
}

/**
 * True when the AI abstained: escalated without an answer alongside (`ALONGSIDE_FLAG`: the customer was
 * answered from the knowledge base while a person was brought in), flagged its reply as not sure or
 * clarifying, or sent the "not sure" text.
 */
export function abstained(observation: Observation, notSureTexts: readonly string[]): boolean {
  if (observation.escalated && !observation.replyFlags.includes(ALONGSIDE_FLAG)) return true;
  if (observation.replyFlags.some((flag) => ABSTENTION_FLAGS.has(flag))) return true;
  const reply = foldForMatch(observation.reply);
  return reply !== '' && notSureTexts.includes(reply);
}

function unjudged(observation: Observation): boolean {
  return (
    observation.error !== undefined ||
    (observation.escalated && UNJUDGED_REASONS.has(observation.reason ?? ''))
  );
}

/** Judges an escalation case. */
export function classifyEscalation(item: EscalationCase, observation: Observation): EscalationResult {
  const outcome: EscalationOutcome = unjudged(observation)
    ? 'error'
    : item.escalate
      ? observation.escalated
        ? 'tp'
        : 'fn'
      : observation.escalated
        ? 'fp'
        : 'tn';
  return { case: item, observation, outcome };
}

/** Judges a knowledge case (see the module comment of `KnowledgeOutcome`). */
export function classifyKnowledge(
  item: KnowledgeCase,
  observation: Observation,
  notSureTexts: readonly string[],
): KnowledgeResult {
  if (unjudged(observation)) return { case: item, observation, outcome: 'error' };
  const didAbstain = abstained(observation, notSureTexts);
  if (item.kind === 'unanswerable') {
    return { case: item, observation, outcome: didAbstain ? 'abstained' : 'wrong' };
  }
  const passageHit = observation.passages.includes(item.passage);
  // The customer got the facts: right, even if a person was also brought in.
  const outcome: KnowledgeOutcome = containsAll(observation.reply, item.expect)
    ? 'right'
    : didAbstain
      ? 'abstained'
      : 'wrong';
  return { case: item, observation, outcome, passageHit };
}
