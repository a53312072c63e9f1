/**
 * runDeskJob — the escalation notifier's one entry: a card (`notifyEscalation`, then the route's group
 * mentioned, or `assignCase` on an auto-assign route) or a thread post (`postToThread`). All are idempotent, so a redelivered or redriven job
 * does nothing twice.
 */
import type { Clock, DeskJob } from '../ports.ts';
import { type AssignDeps, assignCase } from './assign-case.ts';
import type { ThreadDeps } from './forward-to-thread.ts';
import { type CaseRouter, mentionRouteGroup, notifyEscalation } from './notify-escalation.ts';
import { postToThread } from './post-to-thread.ts';

/** Carries out `job`; throws to have the queue retry. */
export async function runDeskJob(
  deps: ThreadDeps & {
    clock: Clock;
    /** Desk routing (issue 16): the card's channel by route. */
    router?: CaseRouter;
    /** Auto-assignment after the card is posted. */
    assign?: AssignDeps;
  },
  job: DeskJob,
): Promise<string> {
  if (job.kind !== 'card') return postToThread(deps, job);
  const posted = await notifyEscalation(deps, job.packet);
  if (deps.router) await mentionRouteGroup({ ...deps, router: deps.router }, job.packet.caseId);
  if (!deps.assign) return posted;
  // A busy route throws RetryLaterError: the job comes back, finds the card posted, and assigns then.
  const assigned = await assignCase(deps.assign, job.packet.caseId);
  return assigned === 'skipped' ? posted : `${posted}, ${assigned}`;
}
