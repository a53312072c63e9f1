/**
 * notifyEscalation — the escalation notifier's use case: post the case's card exactly once.
 * 1. Skip if the case already has a card (redelivery).
 * 2. Claim `card#<case>` for a short lease so two concurrent deliveries cannot both post; the loser is told
 *    to retry later (`RetryLaterError`). A lease left by a crashed attempt expires after `CARD_LEASE_SECONDS`.
 * 3. If an earlier attempt got as far as calling the desk (`card-attempt#<case>` exists), it may have
 *    posted the card and failed before recording it (timeout, crash): look for the card at the desk first
 *    and adopt it if it is there. Only then post.
 * 4. Record where the card lives (and the route it took) on the case with a conditional write (the case's
 *    version), then forward the customer messages that arrived after the transcript was read (under the
 *    thread's lease).
 * Routing (issue 16): with `router`, the card goes to the channel of the first route matching the case
 * (reason, priority, language, channel, customer facts, business hours), else the default channel.
 * If the desk fails, the lease is released and the error rethrown, so the queue retries.
 * Remaining window: a desk without `findCase` (or a card the desk's search cannot see yet) can still be
 * posted twice after an ambiguous failure; Slack's history is read-after-write, so on Slack it cannot.
 */
import type { BusinessSettings } from '../../shared/business-settings.ts';
import { ConflictError, NotFoundError, RetryLaterError } from '../errors.ts';
import type { Case, EscalationPacket } from '../model.ts';
import type { AgentDesk, Cases, Clock, ConversationStore, DeskRef } from '../ports.ts';
import { chooseRoute, type DeskRoute, type DeskRouting, routeFacts, routeNamed } from '../routing.ts';
import { caseView } from './case-view.ts';
import { updateCase } from './conversations.ts';
import type { ThreadDeps } from './forward-to-thread.ts';
import { catchUpThread, pendingForThread, THREAD_LEASE_SECONDS, threadLease } from './post-to-thread.ts';

/** How long a delivery holds the right to post a card (longer than the notifier's timeout). */
export const CARD_LEASE_SECONDS = 120;
const ATTEMPT_TTL_SECONDS = 14 * 24 * 3600;

/** Posts the card for `packet` unless it was posted already. */
export async function notifyEscalation(
  deps: ThreadDeps & { clock: Clock; router?: CaseRouter },
  packet: EscalationPacket,
): Promise<'posted' | 'found' | 'already_posted'> {
  const kase = await deps.store.getCase(packet.caseId);
  if (!kase) throw new NotFoundError(`case ${packet.caseId} not found`);
  if (kase.deskRef) return 'already_posted';
  const lease = `card#${packet.caseId}`;
  if (!(await deps.store.claimOnce(lease, CARD_LEASE_SECONDS))) {
    throw new RetryLaterError(`card for ${packet.caseId} is being posted by another delivery`, 3);
  }
  const view = await caseView(deps, kase);
  const route = deps.router ? routeOf(deps.router, kase, view, deps.clock.now()) : undefined;
  const where = route ? { channel: route.channel } : {};
  let ref: DeskRef | undefined;
  let outcome: 'posted' | 'found' = 'posted';
  try {
    // The first attempt writes the marker; every later one finds it and looks before posting.
    const earlierAttempt = !(await deps.store.claimOnce(
      `card-attempt#${packet.caseId}`,
      ATTEMPT_TTL_SECONDS,
    ));
    if (earlierAttempt && deps.desk.findCase) {
      ref = await deps.desk.findCase(packet.caseId, kase.openedAt, where);
      if (ref) outcome = 'found';
    }
    ref ??= route ? await deps.desk.postCase(view, where) : await deps.desk.postCase(view);
  } catch (error) {
    await deps.store.releaseOnce(lease);
    throw error;
  }
  // Once posted, the lease is kept until it expires: a failure below must not lead to a second card.
  const posted = ref;
  const transcriptUntil = view.transcript.at(-1)?.at ?? kase.openedAt;
  const recorded = await recordCard(deps.store, kase, posted, transcriptUntil, route?.name);
  // An agent acted on the card before its ts was recorded (a Claim within milliseconds of the post): their
  // command could not refresh a card it did not know, so the card is brought up to date here.
  if (recorded && (recorded.status !== kase.status || recorded.owner?.id !== kase.owner?.id)) {
    await deps.desk.updateCase(recorded.deskRef ?? posted, await caseView(deps, recorded));
  }
  // Customer messages that arrived before the card was recorded (the worker queued no thread job for them).
  // If a thread job holds the thread, it forwards them: they are older than the message of any such job.
  // The catch-up also uploads the card's attachments and translates its last messages. Most cards need none
  // of it, so the thread's lease is taken only when there is something to do.
  const withCard = recorded as Case & { deskRef: DeskRef };
  const translate = !!deps.translation && !!view.language && view.language !== deps.translation.deskLanguage;
  const attachments = view.transcript.some((message) => message.media?.length);
  if (translate || attachments || (await pendingForThread(deps, withCard)).length > 0) {
    const thread = threadLease(kase.caseId);
    if (await deps.store.claimOnce(thread, THREAD_LEASE_SECONDS)) {
      try {
        await catchUpThread(deps, withCard);
      } finally {
        await deps.store.releaseOnce(thread);
      }
    }
  }
  return outcome;
}

/**
 * Records where the card lives with one conditional write on the case as read (`deskRef` was absent); when
 * the case moved on meanwhile (a claim), it is read again and the card recorded unless another delivery did.
 */
async function recordCard(
  store: Cases,
  kase: Case,
  deskRef: DeskRef,
  transcriptUntil: string,
  route: string | undefined,
): Promise<Case> {
  const placed = { deskRef, transcriptUntil, ...(route ? { route } : {}) };
  const next: Case = { ...kase, ...placed, version: kase.version + 1 };
  try {
    await store.saveCase(next);
    return next;
  } catch (error) {
    if (!(error instanceof ConflictError)) throw error;
    return updateCase(store, kase.caseId, (current) => (current.deskRef ? undefined : placed));
  }
}

/** What routing needs: the rules in force and the business hours. */
export interface CaseRouter {
  routing: DeskRouting;
  hours: BusinessSettings['hours'];
}

/** The route of `kase` from its packet, the conversation's language and the customer's facts. */
export function routeOf(
  router: CaseRouter,
  kase: Case,
  view: { language?: string; profile?: { facts: Record<string, string> } },
  now: Date,
): DeskRoute {
  return chooseRoute(
    router.routing,
    routeFacts(
      {
        reason: kase.packet.reason,
        priority: kase.priority,
        channel: kase.packet.channel,
        language: view.language,
        facts: view.profile?.facts,
      },
      router.hours,
      now,
    ),
  );
}

const GROUP_MENTION_TTL_SECONDS = 7 * 24 * 3600;

/**
 * Tells a route's agent group about a new card: one mention of the group in the thread, once per case
 * (`group#<case>`; a failed post releases the key and throws, so the queue retries). Routes that auto-assign
 * mention the assignee instead (`assignCase`).
 */
export async function mentionRouteGroup(
  deps: { store: ConversationStore; desk: AgentDesk; router: CaseRouter },
  caseId: string,
): Promise<boolean> {
  // Only routes name groups (the default route has none): without such a route there is nothing to read.
  if (!deps.router.routing.routes.some((candidate) => candidate.agentGroup && !candidate.autoAssign)) {
    return false;
  }
  const kase = await deps.store.getCase(caseId);
  if (!kase?.deskRef || kase.status !== 'queued') return false;
  const route = routeNamed(deps.router.routing, kase.route);
  if (!route.agentGroup || route.autoAssign) return false;
  const key = `group#${caseId}`;
  if ((await deps.store.getOnce(key)) || !(await deps.store.claimOnce(key, GROUP_MENTION_TTL_SECONDS)))
    return false;
  try {
    await deps.desk.postInThread(
      kase.deskRef,
      `New ${kase.priority}-priority case for this group (route ${route.name}).`,
      {
        mention: route.agentGroup,
        actions: [{ kind: 'claim', caseId }],
      },
    );
  } catch (error) {
    await deps.store.releaseOnce(key);
    throw error;
  }
  return true;
}
