/**
 * What agents can do from the desk (Slack). The Slack adapter turns Slack payloads into these calls (`ref`:
 * the case's card or thread the command came from, an opaque desk reference);
 * the use cases behind them answer through the `AgentDesk` port (card updates, ephemerals, reactions).
 */
import type { Agent, Outcome } from './model.ts';
import type { DeskRef } from './ports.ts';

/** The agent-facing commands, implemented by the use cases in `functions/core/use-cases/`. */
export interface DeskCommands {
  /** Claim a queued case; a lost race tells the agent who owns it (ephemeral). */
  claim(input: { caseId: string; agent: Agent; ref: DeskRef }): Promise<void>;
  /** Put an owned case back in the queue. */
  release(input: { caseId: string; agent: Agent; ref: DeskRef }): Promise<void>;
  /** Resolve a case with an outcome; the customer gets the closing message (and survey if configured). */
  resolve(input: { caseId: string; agent: Agent; outcome: Outcome; ref: DeskRef }): Promise<void>;
  /** Hand the conversation back to the AI, with an optional instruction it sees on its next turn. */
  handBack(input: { caseId: string; agent: Agent; instruction?: string; ref: DeskRef }): Promise<void>;
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
