/**
 * The deployment's global hourly ceilings (`settings.ceilings`) as the use cases meet them: ask before a
 * model call, add after a model call or a send. The ledger counts per clock hour (UTC).
 */
import type { BusinessSettings } from '../../shared/business-settings.ts';
import { type CeilingVerdict, checkCeilings, hourOf } from '../guardrails/budget.ts';
import type { Clock, HourlyUsage, UsageLedger } from '../ports.ts';

/** What the ceilings need. Without a ledger nothing is counted and the ceilings never stop the AI. */
export interface SpendDeps {
  ledger?: UsageLedger;
  clock: Clock;
  settings: BusinessSettings;
}

/** Whether this hour's usage still allows a model call. A ledger read failure throws (the queue retries). */
export async function ceilingVerdict(deps: SpendDeps): Promise<CeilingVerdict> {
  if (!deps.ledger) return { ok: true };
  return checkCeilings(await deps.ledger.current(hourOf(deps.clock.now())), deps.settings);
}

/**
 * Adds tokens or messages to this hour's usage. Best effort: it runs after the model was paid for or the
 * message went out, and throwing then would make the queue redo both; a lost count only delays the stop.
 */
export async function recordSpend(deps: SpendDeps, amounts: Partial<HourlyUsage>): Promise<void> {
  if (!deps.ledger || !((amounts.tokens ?? 0) > 0 || (amounts.messages ?? 0) > 0)) return;
  try {
    await deps.ledger.add(hourOf(deps.clock.now()), amounts);
  } catch {
    // See above: the count is a safety net, not a reason to resend or call the model again.
  }
}
