/**
 * The input guardrails' verdict on an ordinary customer message (nothing redacted, flagged or escalated),
 * for tests and benches that call the responder directly: `verdictOf(text, { escalation })` adds to it.
 */
import type { InputVerdict } from '#core/guardrails/index.ts';

export function verdictOf(text: string, extra: Partial<InputVerdict> = {}): InputVerdict {
  return {
    text,
    truncated: false,
    redactions: [],
    flags: [],
    injection: false,
    abuse: false,
    sentiment: 0,
    ...extra,
  };
}
