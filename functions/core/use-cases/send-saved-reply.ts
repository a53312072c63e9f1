/**
 * sendSavedReply — an agent picked a saved reply in a case thread's modal (Slack path, within 3 seconds):
 * 1. The desk access policy (desk channel, agent allowlist), then the case of the thread (open), with its
 *    conversation and the customer's profile (the index finds the case; one BatchGet reads the three).
 * 2. Only the owner sends: the case advises at once, and the worker decides inside its send-once claim
 *    (`claimSendAsOwner`: the owner check in the same write, right before the provider call).
 * 3. Placeholders are filled from the conversation (customer name), the customer's facts or the modal
 *    (order id) and the agent; a placeholder still empty refuses the send with an ephemeral.
 * 4. The filled text is recorded as a `saved_reply` desk command; the worker sends it through the same
 *    outbound gate as any agent reply and shows in the thread exactly what the customer received.
 */
import { type DeskAccessPolicy, deskRefusal, deskRefusalText } from '../desk-access.ts';
import type { Agent, DeskCommandEvent } from '../model.ts';
import type { AgentDesk, AgentDirectory, ConversationStore, DeskRef, EventQueue } from '../ports.ts';
import { fillPlaceholders, firstName, type SavedReply } from '../saved-replies.ts';
import { caseOwnershipRefusal } from './desk-actions.ts';

/** What sending a saved reply needs. */
export interface SavedReplyDeps {
  store: ConversationStore;
  desk: AgentDesk;
  events: EventQueue;
  replies: readonly SavedReply[];
  access: DeskAccessPolicy;
  directory?: AgentDirectory;
  brand: string;
}

/** What the modal submitted. */
export interface SavedReplyRequest {
  /** The case thread the modal was opened from. */
  ref: DeskRef;
  replyId: string;
  agent: Agent;
  /** The order id typed in the modal, when the reply needs one and the customer's facts have none. */
  orderId?: string;
  /** Identifies the submission (the modal's view id), so a repeated submission is recorded once. */
  submissionId: string;
}

/** The customer fact keys read for `{{order_id}}`. */
const ORDER_FACTS = ['order_id', 'order', 'order_number'];

/** What became of the request (for logs and tests). */
export type SavedReplyOutcome = 'recorded' | 'refused' | 'missing_placeholder' | 'unknown_reply' | 'no_case';

/** Records the saved reply for the worker, or tells the agent (ephemeral) why not. */
export async function sendSavedReply(
  deps: SavedReplyDeps,
  request: SavedReplyRequest,
): Promise<SavedReplyOutcome> {
  const { ref, agent } = request;
  const tell = (text: string) => deps.desk.postEphemeral(ref, agent.id, text, { inThread: true });
  const refusal = await deskRefusal(deps.access, deps.directory, agent.id, deps.desk.channelOf(ref));
  if (refusal) {
    await tell(deskRefusalText(refusal, deps.brand));
    return 'refused';
  }
  const reply = deps.replies.find((candidate) => candidate.id === request.replyId);
  if (!reply) {
    await tell('That saved reply no longer exists; nothing was sent.');
    return 'unknown_reply';
  }
  // The index finds the case; the case, its conversation and the profile are then read strongly, at once.
  const found = await deps.store.getCaseByDeskRef(ref, { indexCopy: true });
  const { kase, conversation, profile } = found
    ? await deps.store.loadCase({
        caseId: found.caseId,
        conversationId: found.conversationId,
        historyLimit: 0,
      })
    : {};
  if (!kase || !conversation || kase.status === 'resolved') {
    await tell("This thread isn't linked to an open Tandem conversation, so nothing was sent.");
    return 'no_case';
  }
  const notOwner = caseOwnershipRefusal(kase, agent.id);
  if (notOwner) {
    await tell(
      notOwner === 'queued'
        ? 'Not sent: nobody owns this conversation yet. Claim it to reply to the customer.'
        : 'Not sent: only the owner of this conversation can send a saved reply.',
    );
    return 'refused';
  }
  const factOrder = ORDER_FACTS.map((key) => profile?.facts[key]).find((value) => value?.trim());
  const filled = fillPlaceholders(reply.text, {
    customer_name: firstName(conversation.customerName ?? profile?.name),
    order_id: request.orderId?.trim() || factOrder,
    agent_name: firstName(agent.name) ?? agent.id,
  });
  if (filled.missing.length > 0) {
    const names = filled.missing.map((name) => name.replace(/_/g, ' ')).join(', ');
    await tell(`Not sent: "${reply.title}" needs the ${names}. Open the saved replies again and fill it in.`);
    return 'missing_placeholder';
  }
  const commandId = `saved#${request.submissionId}`;
  const command: DeskCommandEvent = {
    type: 'desk_command',
    eventId: commandId,
    commandId,
    conversationId: kase.conversationId,
    caseId: kase.caseId,
    agent,
    ref: kase.deskRef ?? ref,
    task: { kind: 'saved_reply', replyId: reply.id, title: reply.title, text: filled.text },
  };
  try {
    await deps.events.publish(command);
  } catch (error) {
    await tell('Not sent: Tandem could not record this just now. Please try again in a moment.').catch(
      () => undefined,
    );
    throw error;
  }
  return 'recorded';
}
