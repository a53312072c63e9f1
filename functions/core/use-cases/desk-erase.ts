/**
 * The desk's "Erase customer data" command: the case owner erases everything held about the customer.
 * The owner check is part of the conditional write that records the request (the conversation is written
 * only if, at the version read, it is in mode `agent` with this agent as owner and still on this case), so
 * an agent who lost ownership a moment before cannot erase.
 */
import { isOwnedBy } from '../conversation-state.ts';
import { IllegalTransitionError } from '../errors.ts';
import type { Agent } from '../model.ts';
import type { AgentDesk, Clock, ConversationStore, CustomerDataStore, DeskRef } from '../ports.ts';
import { updateConversation } from './conversations.ts';
import { eraseCustomer } from './customer-data.ts';

/** What the desk erase needs. */
export interface DeskEraseDeps {
  store: ConversationStore;
  desk: AgentDesk;
  clock: Clock;
  customerData?: CustomerDataStore;
}

/** Erases the customer of `caseId` if `agent` owns the conversation; otherwise tells the agent why not. */
export async function eraseFromDesk(
  deps: DeskEraseDeps,
  input: { caseId: string; agent: Agent; ref: DeskRef },
): Promise<void> {
  const { caseId, agent, ref } = input;
  if (!deps.customerData) {
    await deps.desk.postEphemeral(ref, agent.id, 'Erasing is not available in this deployment.');
    return;
  }
  const kase = await deps.store.getCase(caseId);
  if (!kase) {
    await deps.desk.postEphemeral(
      ref,
      agent.id,
      "This thread isn't linked to a Tandem case, so nothing was erased.",
    );
    return;
  }
  try {
    await updateConversation(deps, kase.conversationId, (current) => {
      if (current.caseId !== caseId || !isOwnedBy(current, agent.id)) {
        throw new IllegalTransitionError('erase', 'not the owner');
      }
      return { ...current, eraseRequestedAt: deps.clock.now().toISOString() };
    });
  } catch (error) {
    if (!(error instanceof IllegalTransitionError)) throw error;
    await deps.desk.postEphemeral(
      ref,
      agent.id,
      'Only the agent who owns this conversation can erase the customer’s data. Claim it first.',
    );
    return;
  }
  const result = await eraseCustomer(
    { customerData: deps.customerData, desk: deps.desk, clock: deps.clock },
    { customerAddress: kase.packet.customerAddress, requester: `desk:${agent.id}` },
  );
  const items = Object.values(result.audit.counts).reduce((sum, count) => sum + count, 0);
  await deps.desk.postEphemeral(
    ref,
    agent.id,
    `The customer’s data was erased (${items} items, ${result.audit.deskThreads} Slack threads; audit ${result.audit.eraseId}).`,
  );
}
