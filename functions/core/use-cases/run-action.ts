/**
 * carryOutAction — the worker's side of an agent's decision on an action proposal (a `desk_command` with
 * task `action`, recorded by Approve or Deny in `decide-action.ts`), carried out with the queue's retries.
 * - Approved: call the business API once, with the proposal id as idempotency key (a redelivery, a retry or
 *   a second click sends the same key, so the API never does it twice); record `executed` or `failed`
 *   (a conditional write), the lifecycle event, tell the customer the outcome in their language (send-once
 *   key per proposal) and say it in the thread (once).
 * - The API unavailable with attempts left: "Retrying" in the thread once, rethrow (the queue retries);
 *   on the last attempt it is `failed`.
 * - Denied: tell the customer (with the agent's reason) once.
 * - Already executed or failed (a redelivery): the customer message is sent if it had not gone; nothing
 *   is called again.
 */
import type { ActionsConfig } from '#shared/actions-config.ts';
import { actionLine } from '../actions/approval-card.ts';
import type { ActionProposal, ActionStore, BusinessApi } from '../actions/model.ts';
import { actionText, buildRequest, flatValues, pickFields } from '../actions/schema.ts';
import { BusinessApiUnavailableError, ConflictError } from '../errors.ts';
import type { Conversation, DeskCommandEvent } from '../model.ts';
import type { DeskCommandDeps } from './carry-out-desk-command.ts';
import { record } from './conversations.ts';
import { sendToCustomer } from './send-to-customer.ts';

const NOTICE_TTL_SECONDS = 7 * 24 * 3600;

/** What running an approved action needs: the desk command's ports, plus the proposals and the API. */
export type RunActionDeps = Omit<DeskCommandDeps, 'actions'> & {
  actions?: { config: ActionsConfig; proposals: ActionStore; api?: BusinessApi };
};

/** Carries out an `action` desk command; throws (for a redelivery) only while attempts are left. */
export async function carryOutAction(
  deps: RunActionDeps,
  command: DeskCommandEvent,
  proposalId: string,
  attempt: { last: boolean },
): Promise<'sent' | 'duplicate' | 'not_sent' | 'skipped'> {
  const actions = deps.actions;
  if (!actions) throw new Error('actions are not configured in this worker');
  let proposal = await actions.proposals.getProposal(command.conversationId, proposalId);
  const conversation = await deps.store.getConversation(command.conversationId);
  if (!proposal || !conversation) return 'skipped';
  const declaration = actions.config.actions.find((item) => item.name === proposal?.action);
  if (!declaration) return 'skipped';

  if (proposal.status === 'denied') {
    const text = actionText(declaration.messages.denied, proposal.language, {
      ...proposal.input,
      reason: proposal.denyReason ?? '',
    });
    const sent = await tell(
      deps,
      conversation,
      `action-denied#${proposalId}`,
      text || fallbackDenied(proposal),
    );
    await noteOnce(
      deps,
      command,
      `action-denied-told#${proposalId}`,
      'The customer was told the action was denied.',
    );
    return sent;
  }
  if (proposal.status === 'approved') {
    if (!actions.api) throw new Error('BUSINESS_API_URL is not configured');
    let answer: { status: number; body: unknown } | undefined;
    let error: string | undefined;
    try {
      answer = await actions.api.request(buildRequest(declaration, proposal.input, proposal.proposalId));
      if (answer.status >= 300) error = `the business API answered HTTP ${answer.status}`;
    } catch (failure) {
      if (!(failure instanceof BusinessApiUnavailableError)) throw failure;
      if (!attempt.last) {
        await noteOnce(
          deps,
          command,
          `action-retrying#${proposalId}`,
          `:hourglass: Retrying ${proposal.action}: the business API did not answer. It runs once it does.`,
        );
        throw failure;
      }
      error = 'the business API did not answer, and the retries ran out';
    }
    const now = deps.clock.now().toISOString();
    proposal = await settle(actions.proposals, proposal, (current) =>
      current.status !== 'approved'
        ? undefined
        : {
            ...current,
            status: error ? 'failed' : 'executed',
            executedAt: now,
            ...(error
              ? { error }
              : { result: flatValues(pickFields(answer?.body, declaration.resultFields)) }),
          },
    );
    await record(deps, conversation, proposal.status === 'executed' ? 'action_executed' : 'action_failed', {
      ...(proposal.caseId ? { caseId: proposal.caseId } : {}),
      at: proposal.executedAt ?? now,
      data: {
        action: proposal.action,
        proposal: proposal.proposalId,
        agent: proposal.approvedBy?.id ?? null,
        ...(proposal.error ? { error: proposal.error } : {}),
      },
    });
  }
  if (proposal.status !== 'executed' && proposal.status !== 'failed') return 'skipped';

  const ok = proposal.status === 'executed';
  const values = {
    ...(proposal.order ? flatValues(proposal.order) : {}),
    ...proposal.input,
    ...(proposal.result ?? {}),
  };
  const text = actionText(
    ok ? declaration.messages.succeeded : declaration.messages.failed,
    proposal.language,
    values,
  );
  const sent = await tell(deps, conversation, `action-result#${proposalId}`, text);
  await noteOnce(
    deps,
    command,
    `action-done#${proposalId}`,
    ok
      ? `✅ Done: ${actionLine(proposal)}${proposal.result ? ` → ${JSON.stringify(proposal.result)}` : ''}. The customer was told.`
      : `:warning: ${actionLine(proposal)} failed: ${proposal.error}. The customer was told a person will follow up.`,
  );
  return sent;
}

/** Applies `change` to the stored proposal with a conditional write; a lost race keeps what won. */
async function settle(
  proposals: ActionStore,
  proposal: ActionProposal,
  change: (current: ActionProposal) => ActionProposal | undefined,
): Promise<ActionProposal> {
  let current = proposal;
  for (let attempt = 0; attempt < 3; attempt++) {
    const next = change(current);
    if (!next) return current;
    try {
      await proposals.saveProposal({ ...next, version: current.version + 1 });
      return { ...next, version: current.version + 1 };
    } catch (error) {
      if (!(error instanceof ConflictError)) throw error;
      current = (await proposals.getProposal(proposal.conversationId, proposal.proposalId)) ?? current;
    }
  }
  throw new ConflictError(`proposal ${proposal.proposalId} kept changing`);
}

async function tell(
  deps: RunActionDeps,
  conversation: Conversation,
  key: string,
  text: string,
): Promise<'sent' | 'duplicate' | 'not_sent'> {
  if (!text) return 'not_sent';
  const outcome = await sendToCustomer(deps, { conversation, text, author: 'system', idempotencyKey: key });
  return outcome.status === 'sent' ? 'sent' : outcome.status === 'duplicate' ? 'duplicate' : 'not_sent';
}

/** A thread notice, once per key. */
async function noteOnce(
  deps: RunActionDeps,
  command: DeskCommandEvent,
  key: string,
  text: string,
): Promise<void> {
  if (!(await deps.store.claimOnce(key, NOTICE_TTL_SECONDS))) return;
  try {
    await deps.desk.postInThread(command.ref, text);
  } catch (error) {
    await deps.store.releaseOnce(key);
    throw error;
  }
}

function fallbackDenied(proposal: ActionProposal): string {
  return `We can't do that (${proposal.action}).${proposal.denyReason ? ` ${proposal.denyReason}` : ''}`;
}
