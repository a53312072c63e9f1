/**
 * The conversation mode state machine: ai → queued → agent → ai, release agent → queued,
 * resolve from any mode. Pure functions; each returns the next state with `version + 1`
 * and refuses an illegal transition with {@link IllegalTransitionError}.
 * Persisting the result is a conditional write on the previous version (see ConversationStore).
 */
import { IllegalTransitionError } from './errors.ts';
import type { Agent, Conversation, Mode } from './model.ts';

function next(conversation: Conversation, now: Date, changes: Partial<Conversation>): Conversation {
  return { ...conversation, ...changes, version: conversation.version + 1, updatedAt: now.toISOString() };
}

function guard(conversation: Conversation, action: string, allowed: Mode[]): void {
  if (!allowed.includes(conversation.mode)) throw new IllegalTransitionError(action, conversation.mode);
}

/** ai → queued: the AI hands the conversation to the agents' queue under a new case. */
export function escalate(conversation: Conversation, caseId: string, now: Date): Conversation {
  guard(conversation, 'escalate', ['ai']);
  return next(conversation, now, { mode: 'queued', caseId, owner: undefined });
}

/** queued → agent: one agent takes ownership. */
export function claim(conversation: Conversation, agent: Agent, now: Date): Conversation {
  guard(conversation, 'claim', ['queued']);
  return next(conversation, now, { mode: 'agent', owner: agent });
}

/** agent → queued: the owner puts the conversation back in the queue. */
export function release(conversation: Conversation, now: Date): Conversation {
  guard(conversation, 'release', ['agent']);
  return next(conversation, now, { mode: 'queued', owner: undefined });
}

/** agent → ai: the owner hands the conversation back to the AI, optionally with an instruction. */
export function handBack(conversation: Conversation, now: Date, instruction?: string): Conversation {
  guard(conversation, 'hand back', ['agent']);
  return next(conversation, now, {
    mode: 'ai',
    owner: undefined,
    caseId: undefined,
    handbackInstruction: instruction?.trim() || undefined,
    lastResolvedAt: now.toISOString(),
    customerTurns: 0,
  });
}

/** any → ai: the case (if any) is closed and the AI answers the next message. */
export function resolve(conversation: Conversation, now: Date): Conversation {
  return next(conversation, now, {
    mode: 'ai',
    owner: undefined,
    caseId: undefined,
    lastResolvedAt: now.toISOString(),
    customerTurns: 0,
  });
}

/** True when `agent` owns the conversation. */
export function isOwnedBy(conversation: Conversation, agentId: string): boolean {
  return conversation.mode === 'agent' && conversation.owner?.id === agentId;
}

/** Why an owner-only command may not change the conversation (see {@link ownershipRefusal}). */
export type OwnershipRefusal = 'closed' | 'queued' | 'not_owner';

/**
 * Decides whether `agentId` may act as the owner of case `caseId` on `conversation`. Call it inside the
 * conditional write's change function, on the freshly read state, never on an earlier read: a Release or
 * Claim between that read and the write must lead to a refusal. `allowQueued` admits an unclaimed case
 * (resolving from the queue is allowed to agents, and is then recorded as theirs).
 */
export function ownershipRefusal(
  conversation: Conversation,
  caseId: string,
  agentId: string,
  options: { allowQueued?: boolean } = {},
): OwnershipRefusal | undefined {
  if (conversation.caseId !== caseId || conversation.mode === 'ai') return 'closed';
  if (conversation.mode === 'queued') return options.allowQueued ? undefined : 'queued';
  return isOwnedBy(conversation, agentId) ? undefined : 'not_owner';
}
