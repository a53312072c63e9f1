/**
 * Input guardrails in one call: normalize → redact PII → detect (injection, abuse) on the redacted
 * text → sentiment → escalation triggers. Everything downstream (model, logs, store of flags) uses
 * `InputVerdict.text`, which is safe to show.
 */
import type { BusinessSettings } from '../../shared/business-settings.ts';
import { messagesFor } from '../customer-messages.ts';
import type { EscalationReason, Priority } from '../model.ts';
import { scoreSentiment } from '../sentiment.ts';
import { detectAbuse } from './abuse.ts';
import { detectInjection } from './injection.ts';
import { normalizeInput } from './normalize.ts';
import { type PiiRedaction, redactPii } from './pii.ts';
import { findTriggers, type HistoryItem } from './triggers.ts';

export type { AbuseVerdict } from './abuse.ts';
export { detectAbuse } from './abuse.ts';
export type { BudgetUsage, BudgetVerdict } from './budget.ts';
export { checkBudget } from './budget.ts';
export type { InjectionKind, InjectionVerdict } from './injection.ts';
export { detectInjection } from './injection.ts';
export type { NormalizedText } from './normalize.ts';
export { normalizeInput } from './normalize.ts';
export type { OutputContext, OutputVerdict } from './output.ts';
export { checkOutput, makeCanary } from './output.ts';
export type { PiiKind, PiiMatch, PiiRedaction, RedactionResult } from './pii.ts';
export { findPii, maskForLog, redactPii } from './pii.ts';
export type { EscalationTrigger, HistoryItem, SensitiveTopic, TriggerContext } from './triggers.ts';
export { detectEscalation, findTriggers } from './triggers.ts';

/** What the input check needs besides the text. */
export interface InputContext {
  settings: BusinessSettings;
  /** Earlier messages of the conversation, oldest first. */
  history: HistoryItem[];
  /** How many earlier customer messages were flagged abusive (abuse escalates on repeat). */
  abuseCountBefore?: number;
  /** The conversation's language: safety replies are in it. @default `settings.languages.default` */
  language?: string;
}

/** The escalation an input calls for. */
export interface InputEscalation {
  reason: EscalationReason;
  priority: Priority;
  detail: string;
}

/** The verdict on one inbound customer message. */
export interface InputVerdict {
  /** Normalized and PII-redacted: safe for the model and the logs. */
  text: string;
  truncated: boolean;
  redactions: PiiRedaction[];
  /** E.g. `pii:card`, `injection:prompt_extraction`, `abuse`, `truncated`, `escalation:legal`. */
  flags: string[];
  injection: boolean;
  abuse: boolean;
  /** -1..1 */
  sentiment: number;
  /** Self-harm first; abuse on repeat; then the most severe trigger. */
  escalation?: InputEscalation;
  /** A fixed reply to send instead of calling the model (safety message, boundary or refusal). */
  safetyReply?: string;
}

/** Runs every input guardrail on a raw inbound message. Pure and deterministic. */
export function checkInput(rawText: string, ctx: InputContext): InputVerdict {
  const { settings } = ctx;
  const normalized = normalizeInput(rawText, settings.guardrails.maxInputChars);
  const redacted = redactPii(normalized.text);
  const text = redacted.text;

  const flags: string[] = [];
  if (normalized.truncated) flags.push('truncated');
  for (const { kind } of redacted.redactions) flags.push(`pii:${kind}`);
  const injection = detectInjection(text);
  for (const kind of injection.kinds) flags.push(`injection:${kind}`);
  const { abusive } = detectAbuse(text);
  if (abusive) flags.push('abuse');

  const sentiment = scoreSentiment(text);
  const triggers = findTriggers({ text, settings, history: ctx.history, sentiment });
  for (const trigger of triggers) flags.push(`escalation:${trigger.label}`);

  const selfHarm = triggers.find((t) => t.reason === 'self_harm');
  const repeatAbuse = abusive && (ctx.abuseCountBefore ?? 0) >= 1;
  const chosen = selfHarm
    ? selfHarm
    : repeatAbuse
      ? { reason: 'abuse' as const, priority: 'normal' as const, detail: 'repeated abuse after a boundary' }
      : triggers[0];
  const escalation = chosen && { reason: chosen.reason, priority: chosen.priority, detail: chosen.detail };

  const messages = messagesFor(settings, ctx.language);
  let safetyReply: string | undefined;
  if (selfHarm) safetyReply = messages.selfHarmSafety;
  else if (injection.injection) safetyReply = messages.injectionRefusal;
  else if (abusive) safetyReply = messages.abuseBoundary;

  return {
    text,
    truncated: normalized.truncated,
    redactions: redacted.redactions,
    flags,
    injection: injection.injection,
    abuse: abusive,
    sentiment,
    ...(escalation ? { escalation } : {}),
    ...(safetyReply ? { safetyReply } : {}),
  };
}
