/**
 * notifyEscalation — the escalation notifier's use case: post the case's card once.
 * 1. Skip if the case already has a card (redelivery).
 * 2. Claim `card#<case>` so two concurrent deliveries cannot both post; the loser retries later.
 * 3. Post the card (and transcript) at the desk, then record where it lives on the case.
 * If posting fails the claim is released and the error rethrown, so the queue retries; once the card is
 * posted the claim is kept, so a later failure cannot produce a second card.
 */
import { NotFoundError } from '../errors.ts';
import type { EscalationPacket } from '../model.ts';
import type { AgentDesk, Clock, ConversationStore } from '../ports.ts';
import { caseView } from './case-view.ts';
import { updateCase } from './conversations.ts';
import { forwardToThread } from './forward-to-thread.ts';

/** Posts the card for `packet` unless it was posted already. */
export async function notifyEscalation(
  deps: { store: ConversationStore; desk: AgentDesk; clock: Clock },
  packet: EscalationPacket,
): Promise<'posted' | 'already_posted'> {
  const kase = await deps.store.getCase(packet.caseId);
  if (!kase) throw new NotFoundError(`case ${packet.caseId} not found`);
  if (kase.slack) return 'already_posted';
  const key = `card#${packet.caseId}`;
  if (!(await deps.store.claimOnce(key, 3600))) {
    // Another delivery is posting right now; if it failed, its claim was released and a retry succeeds.
    throw new Error(`card for ${packet.caseId} is being posted by another delivery`);
  }
  let ref: Awaited<ReturnType<AgentDesk['postCase']>>;
  const view = await caseView(deps, kase);
  try {
    ref = await deps.desk.postCase(view);
  } catch (error) {
    await deps.store.releaseOnce(key);
    throw error;
  }
  // Once posted, the claim stays: a failure below must not lead to a second card.
  await updateCase(deps.store, kase.caseId, () => ({ slack: ref }));
  // Customer messages that arrived after the transcript was read and before the card's thread was known.
  const shownUntil = view.transcript.at(-1)?.at ?? '';
  const later = (await deps.store.recentMessages(kase.conversationId, 20)).filter(
    (message) => message.author === 'customer' && message.at > shownUntil,
  );
  for (const message of later) await forwardToThread(deps, ref, message);
  return 'posted';
}
