/**
 * What agents can do from the desk (Slack). The Slack adapter turns Slack payloads into these calls (`ref`:
 * the case's card or thread the command came from, an opaque desk reference);
 * the use cases behind them answer through the `AgentDesk` port (card updates, ephemerals, reactions).
 */
import type { Agent, Case, Outcome } from './model.ts';
import type { DeskRef } from './ports.ts';

/**
 * The desk request's one-time key (e.g. a Slack action's id): Claim, Release, Resolve and Hand back claim it
 * in their own transaction (or, when they change nothing, on its own), so a repeated delivery changes and
 * says nothing. Without it the command does not dedupe.
 */
export interface DeskRequest {
  requestKey?: string;
}

/** How long a desk request's one-time key is kept (Slack retries within minutes). */
export const DESK_REQUEST_TTL_SECONDS = 3600;

/** What a case command leaves behind: the case as it now stands (to refresh the agents' homes from), if it read it. */
export type CaseCommandResult = { kase?: Case } | undefined;

/** The agent-facing commands, implemented by the use cases in `functions/core/use-cases/`. */
export interface DeskCommands {
  /** Claim a queued case; a lost race tells the agent who owns it (ephemeral). */
  claim(input: { caseId: string; agent: Agent; ref: DeskRef } & DeskRequest): Promise<CaseCommandResult>;
  /** Put an owned case back in the queue. */
  release(input: { caseId: string; agent: Agent; ref: DeskRef } & DeskRequest): Promise<CaseCommandResult>;
  /** Resolve a case with an outcome; the customer gets the closing message (and survey if configured). */
  resolve(
    input: { caseId: string; agent: Agent; outcome: Outcome; ref: DeskRef } & DeskRequest,
  ): Promise<CaseCommandResult>;
  /** Hand the conversation back to the AI, with an optional instruction it sees on its next turn. */
  handBack(
    input: { caseId: string; agent: Agent; instruction?: string; ref: DeskRef } & DeskRequest,
  ): Promise<CaseCommandResult>;
  /**
   * A human message in a case thread (`ref` is the thread, `message` the reply itself).
   * The owner's reply is recorded for the worker, which sends it to the customer (⏳, then ✓ or "Not sent");
   * a note prefix keeps it internal; others get an ephemeral.
   */
  threadReply(input: { ref: DeskRef; message: DeskRef; agent: Agent; text: string }): Promise<void>;
  /** Send the AI's suggested reply as the owner. */
  sendSuggestion(input: { caseId: string; suggestionId: string; agent: Agent; ref: DeskRef }): Promise<void>;
  /**
   * Carry out again a desk command the thread reported as not sent (owner only; the closing message: the
   * agent who resolved). `clickId` identifies the click (unique at the desk), so each Retry is recorded once.
   */
  retry(input: {
    caseId: string;
    commandId: string;
    agent: Agent;
    ref: DeskRef;
    clickId: string;
  }): Promise<void>;
  /** Erase everything held about the case's customer (owner only, after a confirmation dialog). */
  eraseCustomer(input: { caseId: string; agent: Agent; ref: DeskRef }): Promise<void>;
  /** Answer one of the post-resolution questions. */
  feedback(input: {
    caseId: string;
    agent: Agent;
    question: 'escalation_needed' | 'summary_accurate';
    answer: boolean;
    ref: DeskRef;
  }): Promise<void>;
}
