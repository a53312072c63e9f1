/**
 * What agents can do with an action the AI proposed, from the approval card in the case's thread. The
 * Slack adapter turns button clicks and modal submissions into these calls (`decide-action.ts`).
 */
import type { Agent } from '../model.ts';
import type { DeskRef } from '../ports.ts';
import type { ActionProposal } from './model.ts';

/** The agent-facing commands on action proposals. */
export interface ActionDeskCommands {
  /** The proposal behind a card (for the Edit modal), or `undefined`. */
  proposal(input: { caseId: string; proposalId: string }): Promise<ActionProposal | undefined>;
  /** Approve: one conditional write (two clicks make one approval), then the run is recorded for the worker. */
  approve(input: { caseId: string; proposalId: string; agent: Agent; ref: DeskRef }): Promise<void>;
  /** Change the arguments of a proposal still waiting (validated against the action's input schema). */
  edit(input: {
    caseId: string;
    proposalId: string;
    agent: Agent;
    ref: DeskRef;
    changes: Record<string, string>;
  }): Promise<void>;
  /** Deny, with an optional reason the customer is told. */
  deny(input: {
    caseId: string;
    proposalId: string;
    agent: Agent;
    ref: DeskRef;
    reason?: string;
  }): Promise<void>;
}
