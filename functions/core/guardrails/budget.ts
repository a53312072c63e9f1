/**
 * Model budgets (OWASP LLM10, unbounded consumption): past them the conversation goes to a person
 * instead of calling the model again.
 */
import type { BusinessSettings } from '../../shared/business-settings.ts';
import type { HourlyUsage } from '../ports.ts';

/** What this conversation has used so far. */
export interface BudgetUsage {
  /** Model calls for this conversation in the last hour. */
  callsInLastHour: number;
  /** Tokens (input, output, cache reads and writes) used by this conversation so far. */
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

/** Token counts of one turn or message; cache reads and writes are tokens too (they are billed). */
export interface TokenCounts {
  input: number;
  output: number;
  cacheRead?: number;
  cacheWrite?: number;
}

/** All tokens of a turn: input, output, cache reads and cache writes. */
export function totalTokens(tokens: TokenCounts): number {
  return tokens.input + tokens.output + (tokens.cacheRead ?? 0) + (tokens.cacheWrite ?? 0);
}

/** The ledger key of the clock hour (UTC) `now` falls in: `yyyy-mm-ddThh`. */
export function hourOf(now: Date): string {
  return now.toISOString().slice(0, 13);
}

/** A global ceiling (`settings.ceilings`): model tokens or outbound messages per hour. */
export type Ceiling = 'tokens' | 'messages';

/** Whether the AI may call the model this hour, and which global ceiling is reached if not. */
export interface CeilingVerdict {
  ok: boolean;
  reason?: Ceiling;
}

/** Checks the deployment's hourly ceilings: at or over one, the AI stops and people take over. */
export function checkCeilings(usage: HourlyUsage, settings: BusinessSettings): CeilingVerdict {
  if (usage.tokens >= settings.ceilings.modelTokensPerHour) return { ok: false, reason: 'tokens' };
  if (usage.messages >= settings.ceilings.outboundMessagesPerHour) return { ok: false, reason: 'messages' };
  return { ok: true };
}

/**
 * The ceilings that an addition took from below to at-or-over. Exactly one atomic addition crosses a
 * ceiling in an hour, so whoever sees it here raises the alarm once.
 */
export function crossedCeilings(
  after: HourlyUsage,
  added: Partial<HourlyUsage>,
  settings: BusinessSettings,
): Ceiling[] {
  const crossed: Ceiling[] = [];
  const { modelTokensPerHour, outboundMessagesPerHour } = settings.ceilings;
  const tokens = added.tokens ?? 0;
  const messages = added.messages ?? 0;
  if (tokens > 0 && after.tokens >= modelTokensPerHour && after.tokens - tokens < modelTokensPerHour) {
    crossed.push('tokens');
  }
  if (
    messages > 0 &&
    after.messages >= outboundMessagesPerHour &&
    after.messages - messages < outboundMessagesPerHour
  ) {
    crossed.push('messages');
  }
  return crossed;
}
