/**
 * Action figures for `npm run report` (issue 15), from the action lifecycle events in the period: how many
 * were proposed, approved, edited, denied, executed and failed, and the median time from proposal to
 * approval (`secondsToApprove` on `action_approved`). Pure, no I/O.
 */
import type { LifecycleEvent } from '../model.ts';

/** The actions section of the CX report. */
export interface ActionFigures {
  proposed: number;
  approved: number;
  edited: number;
  denied: number;
  executed: number;
  failed: number;
  /** Median seconds from proposal to approval; `null` without approvals. */
  medianTimeToApproveSeconds: number | null;
}

/** Counts action events with `at` in [since, until) (either bound optional). */
export function actionFigures(
  events: readonly LifecycleEvent[],
  period: { since?: string | undefined; until?: string | undefined } = {},
): ActionFigures {
  const inPeriod = events.filter(
    (event) => (!period.since || event.at >= period.since) && (!period.until || event.at < period.until),
  );
  const count = (type: LifecycleEvent['type']) => inPeriod.filter((event) => event.type === type).length;
  const waits = inPeriod
    .filter((event) => event.type === 'action_approved' && typeof event.data?.secondsToApprove === 'number')
    .map((event) => event.data?.secondsToApprove as number)
    .sort((a, b) => a - b);
  const middle = Math.floor(waits.length / 2);
  const median =
    waits.length === 0 ? null : waits.length % 2 ? waits[middle]! : (waits[middle - 1]! + waits[middle]!) / 2;
  return {
    proposed: count('action_proposed'),
    approved: count('action_approved'),
    edited: count('action_edited'),
    denied: count('action_denied'),
    executed: count('action_executed'),
    failed: count('action_failed'),
    medianTimeToApproveSeconds: median,
  };
}
