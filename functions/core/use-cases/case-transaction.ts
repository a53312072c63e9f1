/**
 * One conditional transaction per desk command over a case and its conversation: read both, let a pure
 * decision say what they become (or why not), write both at once, conditional on the versions read. A
 * concurrent change makes the write fail; the attempt starts again from a fresh read, so the decision is
 * always taken on the state the write is conditional on. A crash can never leave one changed without the
 * other (the old two-write Claim/Resolve could leave a conversation resolved under a case still open).
 */
import type { Case, Conversation } from '../model.ts';
import type { Clock, ConversationStore } from '../ports.ts';
import { retryOnConflict } from './optimistic.ts';

/** What a decision returns: the next conversation (version + 1) and the case's changes, or a refusal. */
export type CaseDecision<R> = { refused: R } | { conversation: Conversation; kase: Partial<Case> };

/** What the transaction did. */
export type CaseCommit<R> =
  | { ok: true; before: { kase: Case; conversation: Conversation }; kase: Case; conversation: Conversation }
  | { ok: false; refused: R; kase: Case; conversation: Conversation }
  | { ok: false; refused: 'unknown'; kase?: Case };

/** Reads case `caseId` and its conversation, decides, and writes both in one conditional transaction. */
export function commitCaseChange<R>(
  deps: { store: ConversationStore; clock: Clock },
  caseId: string,
  decide: (kase: Case, conversation: Conversation) => CaseDecision<R>,
): Promise<CaseCommit<R>> {
  return retryOnConflict(async () => {
    const kase = await deps.store.getCase(caseId);
    const conversation = kase ? await deps.store.getConversation(kase.conversationId) : undefined;
    if (!kase || !conversation) return { ok: false, refused: 'unknown', ...(kase ? { kase } : {}) } as const;
    const decision = decide(kase, conversation);
    if ('refused' in decision) return { ok: false, refused: decision.refused, kase, conversation };
    const nextConversation =
      decision.conversation.version === conversation.version
        ? {
            ...decision.conversation,
            version: conversation.version + 1,
            updatedAt: deps.clock.now().toISOString(),
          }
        : decision.conversation;
    const nextCase: Case = { ...kase, ...decision.kase, version: kase.version + 1 };
    await deps.store.saveCaseAndConversation(nextCase, nextConversation);
    return { ok: true, before: { kase, conversation }, kase: nextCase, conversation: nextConversation };
  });
}
