/**
 * The owner check every owner-only desk command uses (resolve, release, hand back, thread reply, send
 * suggestion, erase): the check runs inside the conditional write, on the state read for that write, and the
 * write is conditional on that state's version. A Release or Claim that lands between an earlier read and
 * this write therefore makes the write fail, the retry re-reads, and the command is refused.
 */
import { type OwnershipRefusal, ownershipRefusal } from '../conversation-state.ts';
import { NotFoundError } from '../errors.ts';
import type { Conversation } from '../model.ts';
import type { Clock, ConversationStore } from '../ports.ts';
import { updateConversation } from './conversations.ts';

/** What an owner-only change did: the saved state and the state it was decided on, or why not. */
export type OwnedChange =
  | { ok: true; before: Conversation; after: Conversation }
  | { ok: false; refusal: OwnershipRefusal; current?: Conversation };

class Refused extends Error {
  constructor(
    readonly refusal: OwnershipRefusal,
    readonly current: Conversation,
  ) {
    super(refusal);
  }
}

/**
 * Applies `change` (default: none, the write then only bumps the version and so asserts ownership) to the
 * conversation of case `caseId` if `agentId` owns it (or, with `allowQueued`, the case waits in the queue).
 */
export async function changeAsOwner(
  deps: { store: ConversationStore; clock: Clock },
  target: { caseId: string; conversationId: string },
  agentId: string,
  change: (current: Conversation) => Conversation = (current) => current,
  options: { allowQueued?: boolean } = {},
): Promise<OwnedChange> {
  let before: Conversation | undefined;
  try {
    const after = await updateConversation(deps, target.conversationId, (current) => {
      const refusal = ownershipRefusal(current, target.caseId, agentId, options);
      if (refusal) throw new Refused(refusal, current);
      before = current;
      return change(current);
    });
    return { ok: true, before: before ?? after, after };
  } catch (error) {
    if (error instanceof Refused) return { ok: false, refusal: error.refusal, current: error.current };
    if (error instanceof NotFoundError) return { ok: false, refusal: 'closed' };
    throw error;
  }
}
