/**
 * postToThread — the escalation notifier's use case for a `ThreadJob`: the case's thread in Slack catches
 * up with the customer, then shows one post (an AI suggestion, a note for the agents).
 * 1. No case any more (erased): nothing to do. No card yet: forwarding waits for the card (its own
 *    catch-up shows those messages); a post is retried later.
 * 2. Take the case's thread lease (`thread#<case>`, short): one job at a time per thread, on any number of
 *    notifier instances; a job that finds it taken is retried shortly.
 * 3. Forward, oldest first, each customer message after the card's transcript and up to `job.upTo` that is
 *    not in the thread yet (one key per message). Jobs may arrive out of order on the standard queue; each
 *    one forwards everything before it first, so the thread keeps the customer's order.
 * 4. Post `job.post` once per key, then release the lease.
 */
import { RetryLaterError } from '../errors.ts';
import type { Case, Message } from '../model.ts';
import type { DeskRef, MessageLog, ThreadJob } from '../ports.ts';
import { forwardMedia, forwardToThread, type ThreadDeps, translateEarlier } from './forward-to-thread.ts';

const POST_TTL_SECONDS = 7 * 24 * 3600;
/** How long a job holds a thread (longer than the notifier's timeout, so a crash frees it soon). */
export const THREAD_LEASE_SECONDS = 90;
/** How far back the catch-up reads the conversation. */
const CATCH_UP_MESSAGES = 50;
/** The card transcript's last customer messages that get a translation in the thread. */
const TRANSLATED_FROM_CARD = 3;

/** What a thread job did (for logs and tests). */
export type ThreadJobOutcome = 'posted' | 'forwarded' | 'no_case' | 'card_pending';

/** Carries out one thread job; throws to have the queue retry. */
export async function postToThread(deps: ThreadDeps, job: ThreadJob): Promise<ThreadJobOutcome> {
  const kase = await deps.store.getCase(job.caseId);
  if (!kase) return 'no_case';
  if (!kase.deskRef) {
    if (!job.post) return 'card_pending';
    throw new RetryLaterError(`case ${job.caseId} has no card yet`, 30);
  }
  const withCard = kase as Case & { deskRef: DeskRef };
  const lease = threadLease(kase.caseId);
  if (!(await deps.store.claimOnce(lease, THREAD_LEASE_SECONDS))) {
    throw new RetryLaterError(`thread of ${job.caseId} is being written by another job`, 2);
  }
  try {
    if (job.upTo) await catchUpThread(deps, withCard, job.upTo);
    if (!job.post) return 'forwarded';
    const key = `thread-post#${job.post.key}`;
    if (!(await deps.store.claimOnce(key, POST_TTL_SECONDS))) return 'posted';
    try {
      await deps.desk.postInThread(
        kase.deskRef,
        job.post.text,
        job.post.actions ? { actions: job.post.actions } : {},
      );
    } catch (error) {
      await deps.store.releaseOnce(key);
      throw error;
    }
    return 'posted';
  } finally {
    await deps.store.releaseOnce(lease);
  }
}

/** The one-time key that serializes writes to a case's thread. */
export function threadLease(caseId: string): string {
  return `thread#${caseId}`;
}

/** The case's customer messages after its transcript (and up to `upTo`), oldest first: forwarded or not. */
export async function pendingForThread(
  deps: { store: MessageLog },
  kase: Case,
  upTo?: string,
): Promise<Message[]> {
  const after = kase.transcriptUntil ?? kase.openedAt;
  return (await deps.store.recentMessages(kase.conversationId, CATCH_UP_MESSAGES)).filter(
    (message) =>
      message.author === 'customer' && message.at > after && (upTo === undefined || message.at <= upTo),
  );
}

/**
 * Forwards the case's customer messages after its transcript (and up to `upTo`) that are not in the thread
 * (translated when the conversation's language is not the desk's), and uploads the attachments of the
 * messages the card's transcript showed (each once).
 */
export async function catchUpThread(
  deps: ThreadDeps,
  kase: Case & { deskRef: DeskRef },
  upTo?: string,
): Promise<number> {
  const after = kase.transcriptUntil ?? kase.openedAt;
  const [recent, conversation] = await Promise.all([
    deps.store.recentMessages(kase.conversationId, CATCH_UP_MESSAGES),
    deps.translation ? deps.store.getConversation(kase.conversationId) : undefined,
  ]);
  const customer = recent.filter((message) => message.author === 'customer');
  const language = conversation?.language;
  // The card's transcript shows these: their attachments, and translations of the last few, come after it.
  const inCard = customer.filter((message) => message.at <= after);
  for (const message of inCard) if (message.media?.length) await forwardMedia(deps, kase.deskRef, message);
  for (const message of inCard.slice(-TRANSLATED_FROM_CARD)) {
    await translateEarlier(deps, kase.deskRef, message, language);
  }
  const pending = customer.filter(
    (message) => message.at > after && (upTo === undefined || message.at <= upTo),
  );
  let forwarded = 0;
  for (const message of pending) {
    if (await forwardToThread(deps, kase.deskRef, message, language ? { language } : {})) forwarded++;
  }
  return forwarded;
}
