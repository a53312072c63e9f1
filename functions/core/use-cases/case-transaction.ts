/**
 * One conditional transaction per desk command over a case and its conversation (invariant 12: load once,
 * decide, write once):
 * 1. Load: the case, then its conversation, profile and recent messages in one round trip
 *    (`DeskStore.loadCase`).
 * 2. Decide: a pure function says what the case, the conversation and the profile become and which
 *    lifecycle events to record, or why not.
 * 3. Commit: all of it in one transaction (`DeskStore.commitCase`), conditional on the versions read, with
 *    the desk request's one-time key. A concurrent change makes the write fail; the attempt starts again from
 *    a fresh load, so the decision is always taken on the state the write is conditional on. A crash can never
 *    leave one changed without the other (the old two-write Claim/Resolve could leave a conversation resolved
 *    under a case still open).
 * What was loaded, with what was written, is handed back: the card is rendered from it without reading again.
 */
import type { Case, Conversation, CustomerProfile, LifecycleEvent } from '../model.ts';
import type { CaseState, Clock, DeskStore } from '../ports.ts';
import { CARD_TRANSCRIPT } from './case-view.ts';
import { retryOnConflict } from './optimistic.ts';

/**
 * What a decision returns: the next conversation (version + 1), the case's changes and what goes with them
 * (each written only when given: feedback changes the case alone, a repeated answer only records); or a
 * refusal.
 */
export type CaseDecision<R> =
  | { refused: R }
  | {
      conversation?: Conversation;
      kase?: Partial<Case>;
      /** The profile's next state (version + 1; 1 when it is new). */
      profile?: CustomerProfile;
      lifecycle?: LifecycleEvent[];
    };

/** The loaded state with its case and conversation. */
export type LoadedCase = CaseState & { kase: Case; conversation: Conversation };

/** What the transaction did. */
export type CaseChange<R> =
  | {
      ok: true;
      kase: Case;
      conversation: Conversation;
      /** The state after the commit (the load with what was written): what the card shows. */
      state: LoadedCase;
    }
  | { ok: false; refused: R; kase: Case; conversation: Conversation; state: LoadedCase }
  | { ok: false; refused: 'unknown'; kase?: Case }
  /** The desk request was handled before (its one-time key is taken): nothing was written. */
  | { ok: false; refused: 'duplicate' };

/** Loads case `caseId` and its conversation, decides, and writes what changes in one conditional transaction. */
export function commitCaseChange<R>(
  deps: { store: DeskStore; clock: Clock },
  caseId: string,
  decide: (kase: Case, conversation: Conversation, state: LoadedCase) => CaseDecision<R>,
  options: { once?: { key: string; ttlSeconds: number } } = {},
): Promise<CaseChange<R>> {
  return retryOnConflict(async (): Promise<CaseChange<R>> => {
    const state = await deps.store.loadCase({ caseId, historyLimit: CARD_TRANSCRIPT });
    const { kase, conversation } = state;
    if (!kase || !conversation) return { ok: false, refused: 'unknown', ...(kase ? { kase } : {}) };
    const loaded: LoadedCase = { ...state, kase, conversation };
    const decision = decide(kase, conversation, loaded);
    if ('refused' in decision)
      return { ok: false, refused: decision.refused, kase, conversation, state: loaded };
    const nextConversation = !decision.conversation
      ? conversation
      : decision.conversation.version === conversation.version
        ? {
            ...decision.conversation,
            version: conversation.version + 1,
            updatedAt: deps.clock.now().toISOString(),
          }
        : decision.conversation;
    const nextCase: Case = decision.kase ? { ...kase, ...decision.kase, version: kase.version + 1 } : kase;
    const result = await deps.store.commitCase({
      conversationId: kase.conversationId,
      ...(decision.kase ? { kase: nextCase } : {}),
      ...(decision.conversation ? { conversation: nextConversation } : {}),
      ...(decision.profile ? { profile: decision.profile } : {}),
      lifecycle: decision.lifecycle ?? [],
      ...(options.once ? { once: options.once } : {}),
    });
    if (result.status === 'duplicate') return { ok: false, refused: 'duplicate' };
    const profile = decision.profile ?? loaded.profile;
    return {
      ok: true,
      kase: nextCase,
      conversation: nextConversation,
      state: { ...loaded, kase: nextCase, conversation: nextConversation, ...(profile ? { profile } : {}) },
    };
  });
}
