/**
 * proposeAction — the worker's side of a write action the AI proposed (issue 15).
 * 1. `recordProposal` (before the escalation): store the proposal once (its id comes from the customer
 *    message, so a redelivery finds it) and record `action_proposed`.
 * 2. `publishApprovalCard` (after the escalation made the case): the approval card, a post in the case's
 *    thread with Approve / Edit / Deny, through the notifier (once per proposal). It is queued a couple of
 *    seconds late, so the case's card is usually posted first; otherwise the notifier retries it.
 * The customer is told "a person will confirm it" by the escalation itself (its customer reply).
 */
import type { ActionsConfig } from '#shared/actions-config.ts';
import { approvalCardText } from '../actions/approval-card.ts';
import { emailsIn } from '../actions/identity.ts';
import {
  type ActionProposal,
  type ActionStore,
  type ProposalDraft,
  proposalIdFor,
} from '../actions/model.ts';
import type { ActionContext, ActionToolkit } from '../actions/tool-step.ts';
import type { Conversation, Message } from '../model.ts';
import type { Clock, EscalationQueue, LifecycleLog } from '../ports.ts';
import { record } from './conversations.ts';

/** Seconds the approval card waits on the queue, so the case's card is there first. */
export const APPROVAL_CARD_DELAY_SECONDS = 2;

/** What proposing needs. */
export interface ProposeDeps {
  store: LifecycleLog;
  escalations: EscalationQueue;
  clock: Clock;
  actions: { config: ActionsConfig; proposals: ActionStore };
}

/** Stores the proposal (once) and records `action_proposed`; returns the stored proposal. */
export async function recordProposal(
  deps: ProposeDeps,
  input: { conversation: Conversation; caseId: string; draft: ProposalDraft },
): Promise<ActionProposal> {
  const { conversation, draft } = input;
  const proposal: ActionProposal = {
    ...draft,
    conversationId: conversation.id,
    caseId: input.caseId,
    ...(conversation.language ? { language: conversation.language } : {}),
    status: 'proposed',
    version: 1,
    proposedAt: deps.clock.now().toISOString(),
  };
  if (!(await deps.actions.proposals.createProposal(proposal))) {
    return (await deps.actions.proposals.getProposal(conversation.id, draft.proposalId)) ?? proposal;
  }
  await record(deps, conversation, 'action_proposed', {
    caseId: input.caseId,
    at: proposal.proposedAt,
    data: { action: proposal.action, proposal: proposal.proposalId, by: 'ai' },
  });
  return proposal;
}

/** Queues the approval card in the case's thread (the notifier posts it once). */
export async function publishApprovalCard(
  deps: ProposeDeps,
  conversation: Conversation,
  proposal: ActionProposal,
): Promise<void> {
  if (proposal.status !== 'proposed' || !proposal.caseId) return;
  await deps.escalations.publishThreadJob(
    {
      kind: 'thread',
      caseId: proposal.caseId,
      conversationId: conversation.id,
      post: {
        key: `approval#${proposal.proposalId}`,
        text: approvalCardText(proposal, {
          address: conversation.customerAddress,
          ...(conversation.customerName ? { name: conversation.customerName } : {}),
        }),
        actions: [{ kind: 'action_decision', caseId: proposal.caseId, proposalId: proposal.proposalId }],
      },
    },
    { delaySeconds: APPROVAL_CARD_DELAY_SECONDS },
  );
}

/** A redelivered message whose escalation had started: its proposal, if any, gets its card again (once). */
export async function resumeProposal(
  deps: ProposeDeps,
  conversation: Conversation,
  messageId: string,
): Promise<void> {
  const proposal = await deps.actions.proposals.getProposal(conversation.id, proposalIdFor(messageId));
  if (proposal) await publishApprovalCard(deps, conversation, proposal);
}

/** The worker's actions: the responder's toolkit plus where proposals are kept. */
export type WorkerActions = ActionToolkit & { proposals: ActionStore };

/**
 * The responder's action context for a customer message: who is asking (the sender's number, and the
 * emails they wrote, from the raw texts: the prompt sees them redacted) and the id a proposal would get.
 */
export function actionContextOf(
  deps: { actions?: WorkerActions },
  conversation: Conversation,
  earlier: readonly Message[],
  message: Message,
): { actionContext?: ActionContext } {
  if (!deps.actions) return {};
  const texts = [...earlier.filter((item) => item.author === 'customer'), message].map((item) => item.text);
  return {
    actionContext: {
      requester: { customerAddress: conversation.customerAddress, emails: emailsIn(texts.slice(-10)) },
      proposalId: proposalIdFor(message.messageId),
    },
  };
}
