/**
 * Actions on the business's own systems (issue 15): the proposal an agent approves, and the ports the
 * action use cases need. Plain data, no SDKs.
 */
import type { Agent } from '../model.ts';

/** An action's input after validation: field → value. */
export type ActionInput = Record<string, string | number>;

/** What the order API says about an order, as shown to agents (never the owner's phone or email). */
export type OrderFacts = Record<string, unknown>;

/** Where a proposal stands. `approved` → `executed` or `failed`; `proposed` → `approved` or `denied`. */
export type ProposalStatus = 'proposed' | 'approved' | 'denied' | 'executed' | 'failed';

/** A write action the AI proposed, waiting for (or past) an agent's decision. `version` guards every change. */
export interface ActionProposal {
  /** Stable across retries (derived from the customer message): also the business API's idempotency key. */
  proposalId: string;
  conversationId: string;
  caseId?: string;
  action: string;
  input: ActionInput;
  /** The AI's reason, for the agent. */
  reason: string;
  /** What the order API said when the action was proposed. */
  order?: OrderFacts;
  /** The conversation's language: the customer is told the outcome in it. */
  language?: string;
  status: ProposalStatus;
  version: number;
  proposedAt: string;
  approvedBy?: Agent;
  approvedAt?: string;
  editedBy?: Agent;
  editedAt?: string;
  deniedBy?: Agent;
  deniedAt?: string;
  /** The agent's reason for a denial, told to the customer. */
  denyReason?: string;
  executedAt?: string;
  /** The API's answer to an executed action (its `resultFields`). */
  result?: Record<string, string | number>;
  /** Why it failed (no message bodies). */
  error?: string;
}

/** A proposal as the responder hands it over, before it is stored. */
export type ProposalDraft = Pick<ActionProposal, 'proposalId' | 'action' | 'input' | 'reason' | 'order'>;

/** One HTTP request against the business API. */
export interface BusinessRequest {
  method: 'GET' | 'POST';
  /** Path below `BUSINESS_API_URL`, starting with `/`. */
  path: string;
  body?: Record<string, unknown>;
}

/** The business API's answer (any status; network failures and 5xx after retries throw). */
export interface BusinessResponse {
  status: number;
  body: unknown;
}

/**
 * The business's own API (`BUSINESS_API_URL`, bearer token). Implementations retry 429/5xx/network
 * failures a few times, then throw `BusinessApiUnavailableError`; other statuses are returned.
 */
export interface BusinessApi {
  request(request: BusinessRequest): Promise<BusinessResponse>;
}

/** Proposals, in the conversation's partition (erased with the customer). */
export interface ActionStore {
  getProposal(conversationId: string, proposalId: string): Promise<ActionProposal | undefined>;
  /** Stores a new proposal; `false` when one with that id exists (a redelivery). */
  createProposal(proposal: ActionProposal): Promise<boolean>;
  /** Writes `proposal` if the stored version is `proposal.version - 1`; else `ConflictError`. */
  saveProposal(proposal: ActionProposal): Promise<void>;
}

/** The proposal id for a write action proposed on customer message `messageId`. */
export function proposalIdFor(messageId: string): string {
  return `act-${messageId}`;
}
