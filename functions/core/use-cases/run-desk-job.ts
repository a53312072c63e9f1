/**
 * runDeskJob — the escalation notifier's one entry: a card (`notifyEscalation`) or a thread post
 * (`postToThread`). Both are idempotent, so a redelivered or redriven job does nothing twice.
 */
import type { Clock, DeskJob } from '../ports.ts';
import type { ThreadDeps } from './forward-to-thread.ts';
import { notifyEscalation } from './notify-escalation.ts';
import { postToThread } from './post-to-thread.ts';

/** Carries out `job`; throws to have the queue retry. */
export async function runDeskJob(deps: ThreadDeps & { clock: Clock }, job: DeskJob): Promise<string> {
  return job.kind === 'card' ? notifyEscalation(deps, job.packet) : postToThread(deps, job);
}
