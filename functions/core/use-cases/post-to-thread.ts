/**
 * postToThread — the escalation notifier's use case for a `ThreadJob`: the case's thread in Slack catches
 * up with the customer, then shows one post (an AI suggestion, a note for the agents).
 * 1. No case any more (erased): nothing to do. No card yet: forwarding waits for the card (its own
 *    catch-up shows those messages); a post is retried later.
 * 2. Forward, oldest first, each customer message after the card's transcript and up to `job.upTo` that is
 *    not in the thread yet (one key per message). Jobs may arrive out of order on the standard queue; each
 *    one forwards everything before it first, so the thread keeps the customer's order.
 * 3. Post `job.post` once per key.
 */
import { RetryLaterError } from '../errors.ts';
import type { Case } from '../model.ts';
import type { AgentDesk, ConversationStore, DeskRef, ThreadJob } from '../ports.ts';
import { forwardToThread } from './forward-to-thread.ts';

const POST_TTL_SECONDS = 7 * 24 * 3600;
/** How far back the catch-up reads the conversation. */
const CATCH_UP_MESSAGES = 50;

/** What a thread job did (for logs and tests). */
export type ThreadJobOutcome = 'posted' | 'forwarded' | 'no_case' | 'card_pending';

/** Carries out one thread job; throws to have the queue retry. */
export async function postToThread(
  deps: { store: ConversationStore; desk: AgentDesk },
  job: ThreadJob,
): Promise<ThreadJobOutcome> {
  const kase = await deps.store.getCase(job.caseId);
  if (!kase) return 'no_case';
  if (!kase.slack) {
    if (!job.post) return 'card_pending';
    throw new RetryLaterError(`case ${job.caseId} has no card yet`, 30);
  }
  const withCard = kase as Case & { slack: DeskRef };
  if (job.upTo) await catchUpThread(deps, withCard, job.upTo);
  if (!job.post) return 'forwarded';
  const key = `thread-post#${job.post.key}`;
  if (!(await deps.store.claimOnce(key, POST_TTL_SECONDS))) return 'posted';
  try {
    await deps.desk.postInThread(
      kase.slack,
      job.post.text,
      job.post.actions ? { actions: job.post.actions } : {},
    );
  } catch (error) {
    await deps.store.releaseOnce(key);
    throw error;
  }
  return 'posted';
}

/** Forwards the case's customer messages after its transcript (and up to `upTo`) that are not in the thread. */
export async function catchUpThread(
  deps: { store: ConversationStore; desk: AgentDesk },
  kase: Case & { slack: DeskRef },
  upTo?: string,
): Promise<number> {
  const after = kase.transcriptUntil ?? kase.openedAt;
  const pending = (await deps.store.recentMessages(kase.conversationId, CATCH_UP_MESSAGES)).filter(
    (message) =>
      message.author === 'customer' && message.at > after && (upTo === undefined || message.at <= upTo),
  );
  let forwarded = 0;
  for (const message of pending) if (await forwardToThread(deps, kase.slack, message)) forwarded++;
  return forwarded;
}
