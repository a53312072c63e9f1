/**
 * Reading and changing conversations, cases and profiles with conditional writes.
 */
import { NotFoundError } from '../errors.ts';
import type { Case, Conversation, CustomerProfile, LifecycleEvent, Message } from '../model.ts';
import type { Cases, Clock, Conversations, LifecycleLog, MessageLog, Profiles } from '../ports.ts';
import { retryOnConflict } from './optimistic.ts';

/**
 * Applies `change` to the latest stored conversation and saves it conditionally, retrying on conflict.
 * `change` returns the next state (version already bumped by the state machine) or `undefined` to skip.
 */
export function updateConversation(
  deps: { store: Conversations; clock: Clock },
  conversationId: string,
  change: (current: Conversation) => Conversation | undefined,
): Promise<Conversation> {
  return retryOnConflict(async () => {
    const current = await deps.store.getConversation(conversationId);
    if (!current) throw new NotFoundError(`conversation ${conversationId} not found`);
    const next = change(current);
    if (!next) return current;
    const saved = next.version === current.version ? bump(next, deps.clock) : next;
    await deps.store.saveConversation(saved);
    return saved;
  });
}

function bump(conversation: Conversation, clock: Clock): Conversation {
  return { ...conversation, version: conversation.version + 1, updatedAt: clock.now().toISOString() };
}

/** Applies `change` to the latest stored case and saves it conditionally, retrying on conflict. */
export function updateCase(
  store: Cases,
  caseId: string,
  change: (current: Case) => Partial<Case> | undefined,
): Promise<Case> {
  return retryOnConflict(async () => {
    const current = await store.getCase(caseId);
    if (!current) throw new NotFoundError(`case ${caseId} not found`);
    const changes = change(current);
    if (!changes) return current;
    const next: Case = { ...current, ...changes, version: current.version + 1 };
    await store.saveCase(next);
    return next;
  });
}

/** Applies `change` to the customer's profile (created empty if absent), retrying on conflict. */
export function updateProfile(
  store: Profiles,
  customerAddress: string,
  change: (current: CustomerProfile) => Partial<CustomerProfile> | undefined,
): Promise<CustomerProfile> {
  return retryOnConflict(async () => {
    const current = (await store.getProfile(customerAddress)) ?? emptyProfile(customerAddress);
    const changes = change(current);
    if (!changes) return current;
    const next: CustomerProfile = { ...current, ...changes, version: current.version + 1 };
    await store.saveProfile(next);
    return next;
  });
}

/** A profile that has never been saved (version 0). */
export function emptyProfile(customerAddress: string): CustomerProfile {
  return { customerAddress, facts: {}, pastCases: [], optedOut: false, version: 0 };
}

/** A lifecycle event of a conversation, stamped now unless `at` is given. */
export function lifecycleEvent(
  deps: { clock: Clock },
  conversation: Pick<Conversation, 'id' | 'channel'>,
  type: LifecycleEvent['type'],
  extra: { caseId?: string; data?: LifecycleEvent['data']; at?: string } = {},
): LifecycleEvent {
  const { at, ...rest } = extra;
  return {
    conversationId: conversation.id,
    channel: conversation.channel,
    // Events tied to a message carry its time, so a redelivered message records the same event again.
    at: at ?? deps.clock.now().toISOString(),
    type,
    ...rest,
  };
}

/** Records a lifecycle event for a conversation. */
export function record(
  deps: { store: LifecycleLog; clock: Clock },
  conversation: Pick<Conversation, 'id' | 'channel'>,
  type: LifecycleEvent['type'],
  extra: { caseId?: string; data?: LifecycleEvent['data']; at?: string } = {},
): Promise<void> {
  return deps.store.recordLifecycle(lifecycleEvent(deps, conversation, type, extra));
}

/** Messages the effort and sentiment figures look at (the most recent). */
const CLOSING_FIGURES_MESSAGES = 20;

/** Effort and sentiment figures of a conversation about to be resolved (for metrics). */
export async function closingFigures(
  store: MessageLog,
  conversation: Conversation,
): Promise<{ customerTurns: number; sentimentEnd?: number }> {
  return closingFiguresOf(
    conversation,
    await store.recentMessages(conversation.id, CLOSING_FIGURES_MESSAGES),
  );
}

/** {@link closingFigures} from messages already read (oldest first; the last 20 are looked at). */
export function closingFiguresOf(
  conversation: Conversation,
  messages: readonly Message[],
): { customerTurns: number; sentimentEnd?: number } {
  const lastCustomer = messages
    .slice(-CLOSING_FIGURES_MESSAGES)
    .filter((message) => message.author === 'customer' && message.sentiment !== undefined)
    .at(-1);
  return {
    customerTurns: conversation.customerTurns ?? 0,
    ...(lastCustomer?.sentiment !== undefined ? { sentimentEnd: lastCustomer.sentiment } : {}),
  };
}
