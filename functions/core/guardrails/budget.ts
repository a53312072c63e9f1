/**
 * Model budgets (OWASP LLM10, unbounded consumption): past them the conversation goes to a person
 * instead of calling the model again.
 */
import type { BusinessSettings } from '../../shared/business-settings.ts';

/** What this conversation has used so far. */
export interface BudgetUsage {
  /** Model calls for this conversation in the last hour. */
  callsInLastHour: number;
  /** Tokens (input + output) used by this conversation so far. */
  tokensUsed: number;
}

/** Whether another model call is allowed, and which budget ran out if not. */
export interface BudgetVerdict {
  ok: boolean;
  reason?: 'calls' | 'tokens';
}

/** Checks the per-conversation call and token budgets from `settings.guardrails`. */
export function checkBudget(usage: BudgetUsage, settings: BusinessSettings): BudgetVerdict {
  if (usage.callsInLastHour >= settings.guardrails.modelCallsPerHour) return { ok: false, reason: 'calls' };
  if (usage.tokensUsed >= settings.guardrails.tokensPerConversation) return { ok: false, reason: 'tokens' };
  return { ok: true };
}
