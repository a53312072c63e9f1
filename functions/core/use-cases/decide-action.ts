/**
 * decideAction — Approve, Edit and Deny of an action proposal, from the Slack path (answer within 3 s:
 * decide and record, the worker does the rest).
 * - Only agents act: the desk access policy (desk channel, agent allowlist) first, as for every desk command.
 * - Each decision is one conditional write on the proposal (its version), so two concurrent Approve clicks
 *   produce exactly one approval; the loser is told who decided.
 * - Approve and Deny record a durable `desk_command` (task `action`) on conversation-events.fifo, deduplicated
 *   by the proposal; the worker runs the action once (`run-action.ts`). A repeated Approve on an approved
 *   proposal that has not run yet records the command again (same dedup id), so an approval whose command
 *   could not be recorded is never stuck.
 * - Every decision is a lifecycle event with who, when and what.
 */
import type { ActionsConfig } from '#shared/actions-config.ts';
import type { BusinessSettings } from '#shared/business-settings.ts';
import { actionLine, approvalCardText } from '../actions/approval-card.ts';
import type { ActionDeskCommands } from '../actions/desk.ts';
import type { ActionProposal, ActionStore } from '../actions/model.ts';
import { checkActionInput } from '../actions/schema.ts';
import { type DeskAccessPolicy, deskRefusal, deskRefusalText } from '../desk-access.ts';
import { ConflictError } from '../errors.ts';
import type { Agent, Case, DeskCommandEvent } from '../model.ts';
import type { AgentDesk, AgentDirectory, Clock, ConversationStore, DeskRef, EventQueue } from '../ports.ts';
import { record } from './conversations.ts';

/** What the action desk commands need. */
export interface ActionDeskDeps {
  store: ConversationStore;
  desk: AgentDesk;
  events: EventQueue;
  clock: Clock;
  settings: BusinessSettings;
  actions: { config: ActionsConfig; proposals: ActionStore };
  access?: DeskAccessPolicy;
  directory?: AgentDirectory;
}

const UNKNOWN = 'This action proposal is no longer available.';

/** Builds the commands the Slack adapter calls for the approval card. */
export function createActionDeskCommands(deps: ActionDeskDeps): ActionDeskCommands {
  const access: DeskAccessPolicy = deps.access ?? { channels: [], agents: deps.settings.desk.agents };
  const { proposals } = deps.actions;

  async function admitted(agent: Agent, ref: DeskRef): Promise<boolean> {
    const refusal = await deskRefusal(access, deps.directory, agent.id, deps.desk.channelOf(ref));
    if (!refusal) return true;
    await deps.desk.postEphemeral(ref, agent.id, deskRefusalText(refusal, deps.settings.brand));
    return false;
  }

  async function load(
    caseId: string,
    proposalId: string,
  ): Promise<{ kase: Case; proposal: ActionProposal } | undefined> {
    const kase = await deps.store.getCase(caseId);
    if (!kase) return undefined;
    const proposal = await proposals.getProposal(kase.conversationId, proposalId);
    return proposal && proposal.caseId === caseId ? { kase, proposal } : undefined;
  }

  /** The case and proposal, or a polite ephemeral when either is gone. */
  async function loadOrTell(
    caseId: string,
    proposalId: string,
    agent: Agent,
    ref: DeskRef,
  ): Promise<{ kase: Case; proposal: ActionProposal } | undefined> {
    const found = await load(caseId, proposalId);
    if (!found) await deps.desk.postEphemeral(ref, agent.id, UNKNOWN);
    return found;
  }

  /** One conditional write: `change` decides on the stored version; `undefined` refuses. */
  async function decide(
    proposal: ActionProposal,
    change: (current: ActionProposal) => ActionProposal | undefined,
  ): Promise<{ ok: true; proposal: ActionProposal } | { ok: false; current: ActionProposal }> {
    let current = proposal;
    for (let attempt = 0; attempt < 3; attempt++) {
      const next = change(current);
      if (!next) return { ok: false, current };
      const saved = { ...next, version: current.version + 1 };
      try {
        await proposals.saveProposal(saved);
        return { ok: true, proposal: saved };
      } catch (error) {
        if (!(error instanceof ConflictError)) throw error;
        current = (await proposals.getProposal(proposal.conversationId, proposal.proposalId)) ?? current;
      }
    }
    return { ok: false, current };
  }

  function runCommand(
    kase: Case,
    proposal: ActionProposal,
    agent: Agent,
    ref: DeskRef,
    eventId: string,
  ): DeskCommandEvent {
    return {
      type: 'desk_command',
      eventId,
      commandId: `action#${proposal.proposalId}`,
      conversationId: kase.conversationId,
      caseId: kase.caseId,
      agent,
      ref: kase.deskRef ?? ref,
      task: { kind: 'action', proposalId: proposal.proposalId },
    };
  }

  async function lifecycle(
    kase: Case,
    type: 'action_approved' | 'action_denied' | 'action_edited',
    at: string,
    data: Record<string, string | number | boolean | null>,
  ): Promise<void> {
    const conversation = await deps.store.getConversation(kase.conversationId);
    if (conversation) await record(deps, conversation, type, { caseId: kase.caseId, at, data });
  }

  function decidedText(current: ActionProposal): string {
    switch (current.status) {
      case 'approved':
      case 'executed':
      case 'failed':
        return `Already approved by ${who(current.approvedBy)}.`;
      case 'denied':
        return `Already denied by ${who(current.deniedBy)}.`;
      default:
        return 'This proposal is still waiting for a decision.';
    }
  }

  return {
    async proposal({ caseId, proposalId }) {
      return (await load(caseId, proposalId))?.proposal;
    },

    async approve({ caseId, proposalId, agent, ref }) {
      if (!(await admitted(agent, ref))) return;
      const found = await loadOrTell(caseId, proposalId, agent, ref);
      if (!found) return;
      const { kase } = found;
      const at = deps.clock.now().toISOString();
      const decided = await decide(found.proposal, (current) =>
        current.status === 'proposed'
          ? { ...current, status: 'approved', approvedBy: agent, approvedAt: at }
          : undefined,
      );
      if (!decided.ok) {
        await deps.desk.postEphemeral(ref, agent.id, decidedText(decided.current));
        // Approved but not run yet: record the run again (deduplicated), in case the first record failed.
        if (decided.current.status === 'approved') {
          await deps.events.publish(runCommand(kase, decided.current, agent, ref, `action#${proposalId}`));
        }
        return;
      }
      const { proposal } = decided;
      await lifecycle(kase, 'action_approved', at, {
        action: proposal.action,
        proposal: proposal.proposalId,
        agent: agent.id,
        secondsToApprove: secondsBetween(proposal.proposedAt, at),
      });
      await deps.events.publish(runCommand(kase, proposal, agent, ref, `action#${proposalId}`));
      await deps.desk.postInThread(
        kase.deskRef ?? ref,
        `${who(agent)} approved ${actionLine(proposal)}. Running it now.`,
      );
    },

    async edit({ caseId, proposalId, agent, ref, changes }) {
      if (!(await admitted(agent, ref))) return;
      const found = await loadOrTell(caseId, proposalId, agent, ref);
      if (!found) return;
      const declaration = deps.actions.config.actions.find((item) => item.name === found.proposal.action);
      if (!declaration) return;
      // The order was checked against the customer's identity: it cannot be swapped for another one.
      const orderField = declaration.orderField;
      if (orderField && changes[orderField] !== undefined) {
        if (String(changes[orderField]).trim() !== String(found.proposal.input[orderField])) {
          await deps.desk.postEphemeral(
            ref,
            agent.id,
            `Not saved: the ${orderField.replace(/_/g, ' ')} cannot be changed (the customer's identity was checked against it). Deny this one instead.`,
          );
          return;
        }
      }
      const checked = checkActionInput(declaration, { ...found.proposal.input, ...changes });
      if (!checked.ok) {
        await deps.desk.postEphemeral(ref, agent.id, `Not saved: ${checked.problem}.`);
        return;
      }
      const total = found.proposal.order?.total;
      if (
        typeof checked.input.amount === 'number' &&
        typeof total === 'number' &&
        checked.input.amount > total
      ) {
        await deps.desk.postEphemeral(
          ref,
          agent.id,
          `Not saved: the amount is more than the order total (${total}).`,
        );
        return;
      }
      const at = deps.clock.now().toISOString();
      const decided = await decide(found.proposal, (current) =>
        current.status === 'proposed'
          ? { ...current, input: checked.input, editedBy: agent, editedAt: at }
          : undefined,
      );
      if (!decided.ok) {
        await deps.desk.postEphemeral(ref, agent.id, decidedText(decided.current));
        return;
      }
      const changed = Object.keys(checked.input).filter(
        (field) => checked.input[field] !== found.proposal.input[field],
      );
      await lifecycle(found.kase, 'action_edited', at, {
        action: decided.proposal.action,
        proposal: proposalId,
        agent: agent.id,
        fields: changed.join(',') || null,
      });
      const conversation = await deps.store.getConversation(found.kase.conversationId);
      await deps.desk.postInThread(
        found.kase.deskRef ?? ref,
        approvalCardText(
          decided.proposal,
          {
            address: conversation?.customerAddress ?? '',
            ...(conversation?.customerName ? { name: conversation.customerName } : {}),
          },
          `✏️ Edited by ${who(agent)}`,
        ),
        { actions: [{ kind: 'action_decision', caseId, proposalId }] },
      );
    },

    async deny({ caseId, proposalId, agent, ref, reason }) {
      if (!(await admitted(agent, ref))) return;
      const found = await loadOrTell(caseId, proposalId, agent, ref);
      if (!found) return;
      const at = deps.clock.now().toISOString();
      const denyReason = reason?.trim().slice(0, 300);
      const decided = await decide(found.proposal, (current) =>
        current.status === 'proposed'
          ? {
              ...current,
              status: 'denied',
              deniedBy: agent,
              deniedAt: at,
              ...(denyReason ? { denyReason } : {}),
            }
          : undefined,
      );
      if (!decided.ok) {
        await deps.desk.postEphemeral(ref, agent.id, decidedText(decided.current));
        return;
      }
      await lifecycle(found.kase, 'action_denied', at, {
        action: decided.proposal.action,
        proposal: proposalId,
        agent: agent.id,
        withReason: Boolean(denyReason),
      });
      await deps.events.publish(
        runCommand(found.kase, decided.proposal, agent, ref, `action-deny#${proposalId}`),
      );
      await deps.desk.postInThread(
        found.kase.deskRef ?? ref,
        `${who(agent)} denied ${actionLine(decided.proposal)}. The customer is being told.`,
      );
    },
  };
}

function secondsBetween(from: string, to: string): number {
  return Math.max(0, Math.round((Date.parse(to) - Date.parse(from)) / 1000));
}

function who(agent: Agent | undefined): string {
  return agent ? `@${agent.name ?? agent.id}` : 'another agent';
}
