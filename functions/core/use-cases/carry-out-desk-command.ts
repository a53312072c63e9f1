/**
 * carryOutDeskCommand — the worker's side of a durable agent command (`desk_command` on
 * conversation-events.fifo, recorded by the Slack path in `desk-actions.ts`). Steps:
 * 1. Hand-back notice: posted in the thread once (a one-time key per case).
 * 2. Reply, suggestion, closing message (load once, send, write once): the conversation, profile, case and
 *    the hour's usage are read in one BatchGet (`DeskStore.loadCase`); the text (the reply itself, the
 *    stored suggestion, or the closing message and survey in the conversation's language) goes through the
 *    outbound gate (`deliver`) with the command id as send-once key, in `uncertain: 'report'` mode, so it
 *    reaches the customer at most once across retries, redeliveries and Retry clicks; then one transaction
 *    (`DeskStore.commitCase`) records the message, the settled key, the hour's usage and, on the case's
 *    first agent reply, its time and lifecycle event.
 * 3. The thread shows what happened:
 *    - sent (or sent before, on a redelivery): ⏳ replaced by ✓ on the agent's reply;
 *    - a transient failure (Twilio unavailable, an internal error) with attempts left: "Retrying: <reason>"
 *      once per recorded command (not per attempt), then the error is rethrown so SQS redelivers it;
 *    - on the last attempt, a permanent refusal (opted out, invalid number, rejected), or a send that may
 *      or may not have gone: "Not sent: <reason>" with a Retry button, ⏳ replaced by ✗, and the command
 *      parked in the store for that button. The message is then consumed (the Retry button is the way on);
 *      if even the thread cannot be told, the error goes up and the record ends in the DLQ.
 */
import type { BusinessSettings } from '../../shared/business-settings.ts';
import { type OwnershipRefusal, ownershipRefusal } from '../conversation-state.ts';
import { messagesFor } from '../customer-messages.ts';
import { ChannelError, ConflictError, ModelUnavailableError, NotOwnerError } from '../errors.ts';
import { hourOf } from '../guardrails/budget.ts';
import type { Agent, Conversation, DeskCommandEvent, DeskRef, Message } from '../model.ts';
import type {
  AgentDesk,
  CaseState,
  Clock,
  ConversationStore,
  CustomerChannel,
  DeskAction,
  OnceKeys,
  Translator,
  UsageLedger,
} from '../ports.ts';
import { languageName, needsTranslation, translateText } from '../translation.ts';
import { lifecycleEvent } from './conversations.ts';
import { translationUnavailableOnce } from './forward-to-thread.ts';
import { deliveryFailedText } from './record-delivery-status.ts';
import { carryOutAction, type RunActionDeps } from './run-action.ts';
import { type Delivery, deliver, outboxKeyOf, recordRefusal, type SendOutcome } from './send-to-customer.ts';

/** What an agent is told when a command names a case that is not (or no longer) open at the desk. */
export const UNKNOWN_CASE = "This thread isn't linked to an open Tandem conversation, so nothing was sent.";

/** Reaction on an agent's reply while its command waits to be carried out. */
export const PENDING_REACTION = 'hourglass_flowing_sand';
/** Reaction once the messaging provider accepted the reply. */
export const SENT_REACTION = 'white_check_mark';
/** Reaction when the reply was not sent (the thread says why and offers Retry). */
export const NOT_SENT_REACTION = 'x';

const NOTICE_TTL_SECONDS = 7 * 24 * 3600;
/** Loads and commits again at most this many times when the commit meets a conflict. */
const COMMIT_ATTEMPTS = 4;

/** What carrying out a desk command needs. */
export interface DeskCommandDeps {
  store: ConversationStore;
  desk: AgentDesk;
  channel: CustomerChannel;
  clock: Clock;
  settings: BusinessSettings;
  ledger?: UsageLedger;
  /**
   * Translates the owner's replies into the customer's language when it is not the desk's
   * (`settings.languages.desk`). Without it (offline) replies go out as written, and the thread says so once.
   */
  translator?: Translator;
  /** Actions on the business's systems (issue 15): proposals and the business API. */
  actions?: RunActionDeps['actions'];
}

/** Which delivery of the queue message this is. */
export interface Attempt {
  /** True when the queue will not deliver it again (the next failure would move it to the DLQ). */
  last: boolean;
}

/** What became of the command (for the worker's log line). */
export type DeskCommandResult = 'sent' | 'duplicate' | 'not_sent' | 'posted' | 'skipped';

/** Carries out one desk command; throws (for a redelivery) only while attempts are left. */
export async function carryOutDeskCommand(
  deps: DeskCommandDeps,
  command: DeskCommandEvent,
  attempt: Attempt,
): Promise<DeskCommandResult> {
  const { task } = command;
  // ── Actions (issue 15): an approved or denied proposal; see run-action.ts ──
  if (task.kind === 'action') return carryOutAction(deps, command, task.proposalId, attempt);
  if (task.kind === 'handback_notice') {
    const key = `notice#${command.commandId}`;
    if (!(await deps.store.claimOnce(key, NOTICE_TTL_SECONDS))) return 'skipped';
    const instruction = task.instruction ? ` with the instruction: "${task.instruction}"` : '';
    try {
      await deps.desk.postInThread(
        command.ref,
        `${who(command.agent)} handed the conversation back to the AI${instruction}.`,
      );
    } catch (error) {
      await deps.store.releaseOnce(key);
      throw error;
    }
    return 'posted';
  }

  // Load once: the conversation, the profile (opt-out), the case (first agent reply) and the hour's usage.
  const hour = deps.ledger ? hourOf(deps.clock.now()) : undefined;
  const state = await loadCommandState(deps, command, hour);
  const conversation = state.conversation;
  if (!conversation) return 'skipped'; // erased meanwhile: nothing left to send to
  // An agent's send (a thread reply, a suggestion, a saved reply) goes only while they own the
  // conversation: decided on the loaded state, and enforced by the send-once claim right before the
  // provider call (`claimSendAsOwner`), so an agent who lost the claim after recording it never reaches
  // the customer.
  const owner =
    task.kind === 'reply' || task.kind === 'suggestion' || task.kind === 'saved_reply'
      ? { conversationId: command.conversationId, caseId: command.caseId, agentId: command.agent.id }
      : undefined;
  const refusal = owner && ownershipRefusal(conversation, owner.caseId, owner.agentId);
  if (refusal) return refuseReply(deps, command, refusal, conversation);
  let text: string;
  if (task.kind === 'reply' || task.kind === 'saved_reply') {
    text = task.text;
  } else if (task.kind === 'suggestion') {
    const suggestion = await deps.store.getMessage(command.conversationId, task.suggestionId);
    if (!suggestion) {
      await notSent(deps, command, 'the suggestion is no longer available', { retry: false });
      return 'not_sent';
    }
    text = suggestion.text;
  } else {
    const messages = messagesFor(deps.settings, conversation.language);
    const survey = task.survey && messages.satisfactionQuestion;
    text = survey ? `${messages.closing} ${survey}` : messages.closing;
  }

  // The owner writes in the desk language; the customer gets their own (notes never get this far).
  const translate =
    (task.kind === 'reply' || task.kind === 'saved_reply') &&
    needsTranslation(conversation.language, deps.settings.languages.desk);
  if (translate && !deps.translator) {
    await translationUnavailableOnce(deps, command.ref, conversation.language!, deps.settings.languages.desk);
  }
  let outgoing = text;
  let outcome: SendOutcome;
  let late: Message[] = [];
  try {
    if (translate && deps.translator) {
      const translated = await translateText(
        deps.translator,
        text,
        deps.settings.languages.desk,
        conversation.language!,
      );
      if (translated.status === 'refused') {
        await notSent(
          deps,
          command,
          `the translation did not pass the checks (${translated.violations.join(', ')})`,
        );
        return 'not_sent';
      }
      if (translated.status === 'translated') outgoing = translated.text;
    }
    const gate = owner
      ? { ...deps, store: ownerOnly(deps.store, outboxKeyOf(command.commandId), owner) }
      : deps;
    let delivery: Delivery;
    try {
      delivery = await deliver(
        gate,
        {
          conversation,
          text: outgoing,
          author: task.kind === 'closing' ? 'system' : 'agent',
          ...(task.kind === 'closing' ? {} : { agent: command.agent }),
          idempotencyKey: command.commandId,
          uncertain: 'report',
        },
        state.profile,
      );
    } catch (error) {
      if (!(owner && error instanceof NotOwnerError)) throw error;
      // The claim found the conversation no longer theirs: the agent is told from the state it saw (its
      // condition is `ownershipRefusal`'s, so that state always has a refusal).
      const { current } = error;
      const now = current ? ownershipRefusal(current, owner.caseId, owner.agentId) : 'closed';
      return refuseReply(deps, command, now ?? 'not_owner', current);
    }
    if (delivery.status === 'sent') {
      late = await commitSent(deps, command, state, delivery, hour);
      outcome = delivery;
    } else if (delivery.status === 'refused') {
      outcome = await recordRefusal(deps, conversation, delivery);
    } else {
      outcome = delivery;
    }
  } catch (error) {
    const reason = transientReason(error);
    if (!attempt.last) {
      if (await deps.store.claimOnce(`retrying#${command.eventId}`, NOTICE_TTL_SECONDS)) {
        await deps.desk.postInThread(
          command.ref,
          `:hourglass: Retrying: ${reason}. ${what(command)} will go once it works.`,
        );
      }
      throw error;
    }
    await notSent(deps, command, `${reason}, and the retries ran out`);
    return 'not_sent';
  }

  switch (outcome.status) {
    case 'sent':
      if (outgoing !== text) await showTranslationSent(deps, command, conversation.language!, outgoing);
      await onSent(deps, command, outcome.template);
      {
        const failed = late.find(
          (message) => message.status === 'failed' || message.status === 'undelivered',
        );
        // Its failure callback came before the message was recorded, so twilio-status could not say it.
        if (failed) await deps.desk.postInThread(command.ref, deliveryFailedText(text, failed.errorCode));
      }
      return 'sent';
    case 'duplicate':
      // Sent before (a redelivery, or a Retry of something that had gone): show it as sent, send nothing.
      if (task.kind === 'reply') await showSent(deps, task.reply);
      if (task.kind === 'saved_reply') await showSavedReplySent(deps, command, task);
      return 'duplicate';
    case 'uncertain':
      await notSent(deps, command, `${outcome.reason}. Retry sends it again`);
      return 'not_sent';
    case 'refused': {
      const reasons: Record<string, string> = {
        opted_out: 'the customer has opted out (STOP); nothing can be sent to them',
        invalid_number: "the customer's number cannot receive messages",
        rejected: 'the messaging provider rejected it',
      };
      await notSent(deps, command, reasons[outcome.reason] ?? outcome.reason);
      return 'not_sent';
    }
  }
}

async function onSent(deps: DeskCommandDeps, command: DeskCommandEvent, template: boolean): Promise<void> {
  const { task } = command;
  if (task.kind === 'reply') await showSent(deps, task.reply);
  if (template) {
    await deps.desk.postInThread(
      command.ref,
      'The WhatsApp 24-hour window had closed, so the approved template was sent instead of this text. ' +
        'Your message can go once the customer replies.',
    );
  }
  if (task.kind === 'suggestion') {
    await deps.desk.postInThread(command.ref, `${who(command.agent)} sent the suggested reply.`);
  }
  if (task.kind === 'saved_reply') await showSavedReplySent(deps, command, task);
}

/** Why an owner-only reply was not sent, in the agent's words (ephemeral, in the thread). */
export function replyRefusal(
  refusal: OwnershipRefusal,
  owner: Agent | undefined,
  caseId: string,
): { text: string; actions?: DeskAction[] } {
  if (refusal === 'closed') return { text: UNKNOWN_CASE };
  if (refusal === 'queued') {
    return {
      text: 'Not sent: nobody owns this conversation yet. Claim it to reply to the customer.',
      actions: [{ kind: 'claim', caseId }],
    };
  }
  return {
    text: `Kept as an internal note: ${owner ? who(owner) : 'another agent'} owns this conversation.`,
  };
}

/** Why a suggestion or a saved reply of an agent who does not own the conversation was not sent. */
const SEND_REFUSALS: Record<'suggestion' | 'saved_reply', Record<OwnershipRefusal, string>> = {
  suggestion: {
    closed: 'Only the owner can send the suggested reply.',
    queued: 'Only the owner can send the suggested reply.',
    not_owner: 'Only the owner can send the suggested reply.',
  },
  saved_reply: {
    closed: 'This case is already closed; nothing was sent.',
    queued: 'Not sent: nobody owns this conversation yet. Claim it to reply to the customer.',
    not_owner: 'Not sent: only the owner of this conversation can send a saved reply.',
  },
};

/**
 * The agent of a send does not own the conversation: they are told (as the desk tells them when they ask),
 * and a reply's pending mark comes off. A redelivery of a send that went before they lost the claim is
 * shown as sent instead.
 */
async function refuseReply(
  deps: DeskCommandDeps,
  command: DeskCommandEvent,
  refusal: OwnershipRefusal,
  current: Conversation | undefined,
): Promise<DeskCommandResult> {
  const { task } = command;
  if ((await deps.store.getOnce(outboxKeyOf(command.commandId)))?.state === 'sent') {
    if (task.kind === 'reply') await showSent(deps, task.reply);
    return 'duplicate';
  }
  if (task.kind === 'suggestion' || task.kind === 'saved_reply') {
    await deps.desk.postEphemeral(command.ref, command.agent.id, SEND_REFUSALS[task.kind][refusal], {
      inThread: task.kind === 'saved_reply',
    });
    return 'not_sent';
  }
  const { text, actions } = replyRefusal(refusal, current?.owner, command.caseId);
  await deps.desk.postEphemeral(command.ref, command.agent.id, text, {
    inThread: true,
    ...(actions ? { actions } : {}),
  });
  if (task.kind === 'reply') await react(deps, task.reply, undefined, [PENDING_REACTION]);
  return 'not_sent';
}

/** The send-once keys `key` claimed only while `owner` owns the conversation (the rest as they are). */
function ownerOnly(
  store: DeskCommandDeps['store'],
  key: string,
  owner: { conversationId: string; caseId: string; agentId: string },
): OnceKeys {
  return {
    claimOnce: (claimed, ttlSeconds) =>
      claimed === key
        ? store.claimSendAsOwner(claimed, ttlSeconds, owner)
        : store.claimOnce(claimed, ttlSeconds),
    releaseOnce: (released, options) => store.releaseOnce(released, options),
    settleOnce: (settled, outcome, ttlSeconds) => store.settleOnce(settled, outcome, ttlSeconds),
    getOnce: (read) => store.getOnce(read),
  };
}

/** What a desk command's send reads, in one round trip (`DeskStore.loadCase`). */
function loadCommandState(deps: DeskCommandDeps, command: DeskCommandEvent, hour: string | undefined) {
  return deps.store.loadCase({
    caseId: command.caseId,
    conversationId: command.conversationId,
    historyLimit: 0,
    ...(hour ? { usageHour: hour } : {}),
  });
}

/**
 * Writes what a sent desk command came to in one transaction (`DeskStore.commitCase`): the message with its
 * pointers, the settled send-once key, the hour's usage, and on the case's first agent reply its time and
 * lifecycle event. A case that moved on meanwhile (a Release, feedback) is loaded again and the commit
 * repeated; nothing is sent again. If the commit cannot be written, the send-once key is still settled
 * before the error goes up, so a redelivery knows the message went. Returns the messages whose delivery
 * status came before the commit, as they now stand.
 */
async function commitSent(
  deps: DeskCommandDeps,
  command: DeskCommandEvent,
  loaded: CaseState,
  delivery: Extract<Delivery, { status: 'sent' }>,
  hour: string | undefined,
): Promise<Message[]> {
  let state = loaded;
  for (let attempt = 1; ; attempt++) {
    const now = deps.clock.now().toISOString();
    const { kase, conversation } = state;
    // Replies, suggestions and saved replies are the agent's; the closing message is not.
    const first = command.task.kind !== 'closing' && kase && !kase.firstAgentReplyAt ? kase : undefined;
    try {
      const result = await deps.store.commitCase({
        conversationId: command.conversationId,
        messages: [delivery.message],
        settled: [delivery.settle],
        ...(hour ? { usage: { hour, messages: delivery.parts } } : {}),
        ...(first ? { kase: { ...first, firstAgentReplyAt: now, version: first.version + 1 } } : {}),
        lifecycle:
          first && conversation
            ? [
                lifecycleEvent(deps, conversation, 'first_agent_reply', {
                  caseId: first.caseId,
                  at: now,
                  data: { secondsSinceEscalation: secondsBetween(first.openedAt, now) },
                }),
              ]
            : [],
      });
      if (hour && state.usage && delivery.parts > 0) {
        deps.ledger?.counted?.(
          hour,
          { tokens: state.usage.tokens, messages: state.usage.messages + delivery.parts },
          { messages: delivery.parts },
        );
      }
      return result.status === 'committed' ? result.late : [];
    } catch (error) {
      if (error instanceof ConflictError && attempt < COMMIT_ATTEMPTS) {
        state = await loadCommandState(deps, command, hour);
        continue;
      }
      await deps.store
        .settleOnce(delivery.settle.key, delivery.settle.outcome, delivery.settle.ttlSeconds)
        .catch(() => undefined);
      throw error;
    }
  }
}

/**
 * A saved reply has no message of the agent's in the thread: the thread shows the text that went out,
 * once per command (a redelivery after the send finds the key).
 */
async function showSavedReplySent(
  deps: DeskCommandDeps,
  command: DeskCommandEvent,
  task: Extract<DeskCommandEvent['task'], { kind: 'saved_reply' }>,
): Promise<void> {
  const key = `saved-sent#${command.commandId}`;
  if (!(await deps.store.claimOnce(key, NOTICE_TTL_SECONDS))) return;
  try {
    await deps.desk.postInThread(
      command.ref,
      `:white_check_mark: ${who(command.agent)} sent the saved reply "${task.title}":\n${task.text}`,
    );
  } catch (error) {
    await deps.store.releaseOnce(key);
    throw error;
  }
}

/** The thread shows exactly what the customer received when it was a translation (once per command). */
async function showTranslationSent(
  deps: DeskCommandDeps,
  command: DeskCommandEvent,
  language: string,
  sent: string,
): Promise<void> {
  const key = `translated-sent#${command.commandId}`;
  if (!(await deps.store.claimOnce(key, NOTICE_TTL_SECONDS))) return;
  try {
    await deps.desk.postInThread(command.ref, `🌐 Sent in ${languageName(language)}: ${sent}`);
  } catch {
    // The reply went; a missing echo is retried by nothing, so free the key for a redelivery to try again.
    await deps.store.releaseOnce(key);
  }
}

/** ⏳ → ✓ on the agent's reply. */
async function showSent(deps: DeskCommandDeps, reply: DeskRef): Promise<void> {
  await react(deps, reply, SENT_REACTION, [PENDING_REACTION, NOT_SENT_REACTION]);
}

/**
 * Sets one state reaction and takes the others off. Best effort: the message already went (or the thread
 * already says it did not), so a reaction Slack refuses (the reply was deleted) never makes it retry.
 */
async function react(
  deps: DeskCommandDeps,
  reply: DeskRef,
  add: string | undefined,
  remove: string[],
): Promise<void> {
  try {
    if (add) await deps.desk.addReaction(reply, add);
    for (const name of remove) await deps.desk.removeReaction(reply, name);
  } catch {
    // Cosmetic only.
  }
}

/** "Not sent: <reason>" once per recorded command, with a Retry button, and the command kept for it. */
async function notSent(
  deps: DeskCommandDeps,
  command: DeskCommandEvent,
  reason: string,
  options: { retry?: boolean } = {},
): Promise<void> {
  const retry = options.retry ?? true;
  if (retry) await deps.store.parkDeskCommand(command);
  const key = `not-sent#${command.eventId}`;
  if (!(await deps.store.claimOnce(key, NOTICE_TTL_SECONDS))) return;
  try {
    await deps.desk.postInThread(
      command.ref,
      `:warning: Not sent: ${reason}. (${what(command)})`,
      retry ? { actions: [{ kind: 'retry', caseId: command.caseId, commandId: command.commandId }] } : {},
    );
  } catch (error) {
    await deps.store.releaseOnce(key);
    throw error;
  }
  if (command.task.kind === 'reply') {
    await react(deps, command.task.reply, NOT_SENT_REACTION, [PENDING_REACTION, SENT_REACTION]);
  }
}

/** Names the message in thread notices (the reply's text is right above it, so it is not repeated). */
function what(command: DeskCommandEvent): string {
  switch (command.task.kind) {
    case 'reply':
      return `${who(command.agent)}'s reply`;
    case 'suggestion':
      return 'The suggested reply';
    case 'saved_reply':
      return `The saved reply "${command.task.title}"`;
    case 'closing':
      return 'The closing message';
    default:
      return 'The notice';
  }
}

/** Why a send failed in a way worth retrying, in the agents' words (never a message body). */
export function transientReason(error: unknown): string {
  if (error instanceof ModelUnavailableError) return 'the translation model is unavailable';
  if (error instanceof ChannelError) {
    const code = error.providerCode;
    // Twilio reports HTTP-like failures as 20000 + status (20429, 20503).
    const http =
      typeof code === 'number' ? (code >= 20000 && code < 20600 ? code - 20000 : code < 600 ? code : 0) : 0;
    if (http === 429) return 'the messaging provider is rate limiting us';
    if (http) return `the messaging provider is unavailable (HTTP ${http})`;
    if (typeof code === 'string') return `the messaging provider could not be reached (${code})`;
    return 'the messaging provider is unavailable';
  }
  return 'an internal error';
}

function secondsBetween(from: string, to: string): number {
  return Math.max(0, Math.round((Date.parse(to) - Date.parse(from)) / 1000));
}

function who(agent: { id: string; name?: string }): string {
  return `@${agent.name ?? agent.id}`;
}
