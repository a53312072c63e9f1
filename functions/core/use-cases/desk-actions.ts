/**
 * The agents' commands (claim, release, resolve, hand back, thread replies, suggestions, feedback, Retry),
 * implemented over the ports. This is the Slack request path: it must answer within Slack's 3 seconds, so
 * it decides and records, and leaves what reaches the customer to the worker.
 *
 * Who may act: every command first asks the desk access policy (desk channel, agent allowlist). Owner-only
 * commands decide ownership inside the conditional write, never on an earlier read (a send to the customer,
 * i.e. a thread reply, Send suggestion or Retry: in the worker's send-once claim, right before the provider
 * call; the desk only advises from the case). Feedback is accepted only from the agent who
 * resolved the case, checked inside the case's conditional write.
 *
 * Claim, Release, Resolve, Hand back and feedback load once (the case, then its conversation, profile and
 * last messages), decide in a pure function, and write ONE conditional transaction (`commitCaseChange`):
 * the case and its conversation, the profile (Resolve), the lifecycle event and the click's one-time key;
 * the card and the agents' homes are rendered from that state. What follows the transaction is idempotent,
 * so a repeated click finishes a half-done command instead of refusing it: a second Claim by the owner
 * refreshes the card; a second Resolve (or Hand back) by the agent who closed the case answers "already
 * closed", refreshes the card and records the closing message again only when it never went (its send-once
 * key is absent) and nothing happened in the conversation since. It writes nothing but its click's one-time
 * key: the profile change went in the first click's transaction, and may have moved on since (a survey
 * answered).
 *
 * Durable agent commands (design): everything customer-bound (thread replies, Send suggestion, the closing
 * message and survey) and the hand-back notice is recorded as a `desk_command` event on the existing
 * conversation-events FIFO queue, MessageGroupId = conversation id, and carried out by the worker
 * (`carryOutDeskCommand`). That queue already has retries, a DLQ and its alarms, a local poller, and it
 * orders an agent's reply with the customer's own messages and with a later Resolve (a reply typed just
 * before Resolve reaches the customer before the closing message). A queue of its own would have to
 * rebuild all of that and would lose that ordering. The deduplication id comes from the Slack message or
 * action, so a Slack retry does not record it twice; a reply waits with ⏳ until the worker settles it.
 */
import type { BusinessSettings } from '../../shared/business-settings.ts';
import {
  claim,
  handBack,
  type OwnershipRefusal,
  ownershipRefusal,
  release,
  resolve,
} from '../conversation-state.ts';
import { messagesFor } from '../customer-messages.ts';
import { type DeskAccessPolicy, deskRefusal, deskRefusalText, isDeskChannel } from '../desk-access.ts';
import { type CaseCommandResult, DESK_REQUEST_TTL_SECONDS, type DeskCommands } from '../desk-commands.ts';
import type {
  Agent,
  Case,
  Conversation,
  CustomerProfile,
  DeskCommandEvent,
  DeskTask,
  Outcome,
} from '../model.ts';
import type {
  AgentDesk,
  AgentDirectory,
  Clock,
  ConversationStore,
  CustomerDataStore,
  DeskRef,
  EventQueue,
} from '../ports.ts';
import { PENDING_REACTION, replyRefusal, UNKNOWN_CASE } from './carry-out-desk-command.ts';
import { type CaseChange, commitCaseChange, type LoadedCase } from './case-transaction.ts';
import { caseViewOf } from './case-view.ts';
import { closingFiguresOf, emptyProfile, lifecycleEvent } from './conversations.ts';
import { eraseFromDesk } from './desk-erase.ts';
import { outboxKeyOf } from './send-to-customer.ts';

/** What the desk commands need. */
export interface DeskDeps {
  store: ConversationStore;
  desk: AgentDesk;
  /** Where customer-bound commands are recorded (conversation-events.fifo); the worker carries them out. */
  events: EventQueue;
  clock: Clock;
  settings: BusinessSettings;
  /** Export/erase access to the table; without it the desk cannot erase. */
  customerData?: CustomerDataStore;
  /** Desk channels and agent allowlist. @default any channel; `settings.desk.agents` */
  access?: DeskAccessPolicy;
  /** User-group membership for the allowlist's `userGroup`. */
  directory?: AgentDirectory;
}

/** Builds the DeskCommands the Slack adapter calls. */
export function createDeskCommands(deps: DeskDeps): DeskCommands {
  const access: DeskAccessPolicy = deps.access ?? { channels: [], agents: deps.settings.desk.agents };

  /**
   * True when `agent` may act in `ref`'s channel; otherwise tells them why not (ephemeral), once per desk
   * request (`requestKey`).
   */
  async function admitted(
    agent: Agent,
    ref: DeskRef,
    options: { inThread?: boolean } = {},
    requestKey?: string,
  ): Promise<boolean> {
    const refusal = await deskRefusal(access, deps.directory, agent.id, deps.desk.channelOf(ref));
    if (!refusal) return true;
    if (await firstTime(requestKey)) {
      await deps.desk.postEphemeral(ref, agent.id, deskRefusalText(refusal, deps.settings.brand), options);
    }
    return false;
  }

  /**
   * True the first time the desk request `requestKey` is seen (always without a key). A command that writes
   * claims the key in its transaction; one that only answers claims it here first, so a repeated delivery
   * says nothing twice.
   */
  async function firstTime(requestKey: string | undefined): Promise<boolean> {
    return !requestKey || deps.store.claimOnce(requestKey, DESK_REQUEST_TTL_SECONDS);
  }

  /** The transaction's one-time key for desk request `requestKey`. */
  function onceOf(requestKey: string | undefined): { once?: { key: string; ttlSeconds: number } } {
    return requestKey ? { once: { key: requestKey, ttlSeconds: DESK_REQUEST_TTL_SECONDS } } : {};
  }

  /** The case, or a polite ephemeral when there is none. */
  async function caseOf(caseId: string, agent: Agent, ref: DeskRef): Promise<Case | undefined> {
    const kase = await deps.store.getCase(caseId);
    if (!kase) await deps.desk.postEphemeral(ref, agent.id, UNKNOWN_CASE);
    return kase;
  }

  /** Tells the agent why an owner-only command was refused, from the state the refusal was decided on. */
  function refuse(
    ref: DeskRef,
    agent: Agent,
    refusal: OwnershipRefusal,
    current: Conversation | undefined,
    texts: { queued: string; notOwner: (owner: string) => string },
  ): Promise<void> {
    const text =
      refusal === 'closed'
        ? 'This case is already closed.'
        : refusal === 'queued'
          ? texts.queued
          : texts.notOwner(who(current?.owner));
    return deps.desk.postEphemeral(ref, agent.id, text);
  }
  /** Re-renders the card from state a command just loaded (and wrote): no read. */
  async function showCard(state: LoadedCase): Promise<void> {
    if (state.kase.deskRef) {
      await deps.desk.updateCase(state.kase.deskRef, caseViewOf(state, deps.clock.now()));
    }
  }

  /**
   * Records a desk command on the queue. If that fails nothing was recorded: the agent is told, and the
   * error is rethrown (a thread reply then gets a 5xx, and Slack retries the event).
   */
  async function recordCommand(command: DeskCommandEvent, agent: Agent): Promise<void> {
    try {
      await deps.events.publish(command);
    } catch (error) {
      await deps.desk
        .postEphemeral(
          command.ref,
          agent.id,
          'Not sent: Tandem could not record this just now. Please try again in a moment.',
          { inThread: true },
        )
        .catch(() => undefined);
      throw error;
    }
  }

  /** Marks a reply as pending (⏳) before its command is recorded, so the worker's ✓ always comes after. */
  async function markPending(reply: DeskRef): Promise<void> {
    try {
      await deps.desk.addReaction(reply, PENDING_REACTION);
    } catch {
      // Cosmetic: the command is recorded either way.
    }
  }

  function command(
    kase: Case,
    agent: Agent,
    ref: DeskRef,
    ids: { eventId: string; commandId: string },
    task: DeskTask,
  ): DeskCommandEvent {
    return {
      type: 'desk_command',
      ...ids,
      conversationId: kase.conversationId,
      caseId: kase.caseId,
      agent,
      ref: kase.deskRef ?? ref,
      task,
    };
  }

  /** Tells the agent why a closing command did not apply; the closer's own repeat finishes the command. */
  async function closedAlready(
    commit: Exclude<Extract<CaseChange<OwnershipRefusal>, { ok: false }>, { refused: 'duplicate' }>,
    agent: Agent,
    ref: DeskRef,
    handedBack: boolean,
  ): Promise<boolean> {
    const { kase } = commit;
    if (kase?.status !== 'resolved' || kase.owner?.id !== agent.id) return false;
    await deps.desk.postEphemeral(
      ref,
      agent.id,
      kase.handedBack
        ? 'You already handed this conversation back to the AI.'
        : 'You already resolved this case.',
    );
    if (commit.refused === 'unknown') return true;
    const { conversation } = commit;
    // Finish what the first click may not have done after its transaction (the card, the closing message).
    await showCard(commit.state);
    // Only what is still missing, and only while nothing has happened in the conversation since.
    const untouched = conversation.mode === 'ai' && conversation.lastResolvedAt === kase.resolvedAt;
    if (untouched && !handedBack && !kase.handedBack && kase.outcome !== 'spam') {
      const commandId = closingCommandId(kase.caseId);
      if (!(await deps.store.getOnce(outboxKeyOf(commandId)))) {
        await recordCommand(
          command(kase, agent, ref, { eventId: commandId, commandId }, closingTask(kase.outcome ?? 'solved')),
          agent,
        );
      }
    }
    return true;
  }

  function closingTask(outcome: Outcome): DeskTask {
    return { kind: 'closing', outcome, survey: outcome !== 'spam' };
  }

  /** Whether the closing message asks the satisfaction question (and the profile waits for its answer). */
  function surveyAfter(closed: Conversation, outcome: Outcome, handedBack: boolean): boolean {
    return (
      !handedBack &&
      outcome !== 'spam' &&
      Boolean(messagesFor(deps.settings, closed.language).satisfactionQuestion)
    );
  }

  return {
    async claim({ caseId, agent, ref, requestKey }) {
      if (!(await admitted(agent, ref, {}, requestKey))) return undefined;
      const now = deps.clock.now();
      const at = now.toISOString();
      const commit = await commitCaseChange<'taken'>(
        deps,
        caseId,
        (kase, current) =>
          current.caseId === caseId && current.mode === 'queued' && kase.status !== 'resolved'
            ? {
                conversation: claim(current, agent, now),
                kase: { status: 'claimed', owner: agent, claimedAt: at },
                lifecycle: [
                  lifecycleEvent(deps, current, 'claimed', {
                    caseId,
                    at,
                    data: { waitSeconds: secondsBetween(kase.openedAt, at), agent: agent.id },
                  }),
                ],
              }
            : { refused: 'taken' },
        onceOf(requestKey),
      );
      if (!commit.ok) {
        if (commit.refused === 'duplicate' || !(await firstTime(requestKey))) return undefined;
        if (commit.refused === 'unknown') {
          await deps.desk.postEphemeral(ref, agent.id, UNKNOWN_CASE);
          return commit.kase ? { kase: commit.kase } : undefined;
        }
        const latest = commit.conversation;
        const mine = latest.mode === 'agent' && latest.caseId === caseId && latest.owner?.id === agent.id;
        const text =
          latest.mode === 'agent' && latest.caseId === caseId && latest.owner
            ? mine
              ? 'You already own this conversation.'
              : `Already claimed by ${who(latest.owner)}.`
            : 'This case is no longer waiting to be claimed.';
        await deps.desk.postEphemeral(ref, agent.id, text);
        // A repeated Claim by the owner finishes a first one that stopped before the card was updated.
        if (mine) await showCard(commit.state);
        return { kase: commit.kase };
      }
      await showCard(commit.state);
      return { kase: commit.kase };
    },

    async release({ caseId, agent, ref, requestKey }) {
      if (!(await admitted(agent, ref, {}, requestKey))) return undefined;
      const now = deps.clock.now();
      const at = now.toISOString();
      const commit = await commitCaseChange<OwnershipRefusal>(
        deps,
        caseId,
        (_, current) => {
          const refusal = ownershipRefusal(current, caseId, agent.id);
          return refusal
            ? { refused: refusal }
            : {
                conversation: release(current, now),
                kase: { status: 'queued', owner: undefined },
                lifecycle: [lifecycleEvent(deps, current, 'released', { caseId, at })],
              };
        },
        onceOf(requestKey),
      );
      if (!commit.ok) {
        if (commit.refused === 'duplicate' || !(await firstTime(requestKey))) return undefined;
        if (commit.refused === 'unknown') {
          await deps.desk.postEphemeral(ref, agent.id, UNKNOWN_CASE);
          return commit.kase ? { kase: commit.kase } : undefined;
        }
        await refuse(ref, agent, commit.refused, commit.conversation, {
          queued: 'This conversation is already in the queue.',
          notOwner: (owner) => `Only ${owner} can release this conversation.`,
        });
        return { kase: commit.kase };
      }
      const { kase } = commit;
      await showCard(commit.state);
      if (kase.deskRef)
        await deps.desk.postInThread(kase.deskRef, `${who(agent)} released this conversation to the queue.`);
      return { kase };
    },

    async resolve({ caseId, agent, outcome, ref, requestKey }) {
      if (!(await admitted(agent, ref, {}, requestKey))) return undefined;
      // An unclaimed case may be resolved by any agent; it is then recorded as theirs.
      return closeCase(caseId, agent, outcome, ref, (current, now) => resolve(current, now), {
        allowQueued: true,
        ...(requestKey ? { requestKey } : {}),
      });
    },

    async handBack({ caseId, agent, instruction, ref, requestKey }) {
      if (!(await admitted(agent, ref, {}, requestKey))) return undefined;
      return closeCase(caseId, agent, 'solved', ref, (current, now) => handBack(current, now, instruction), {
        handedBack: true,
        ...(instruction ? { instruction } : {}),
        ...(requestKey ? { requestKey } : {}),
      });
    },

    async threadReply({ ref, message, agent, text }) {
      if (!isDeskChannel(access, deps.desk.channelOf(ref))) {
        // Outside the desk channels: never the case thread, never relayed. Tell the writer only when the
        // thread looks like a card's (a reply aimed at a case); other threads elsewhere are none of our business.
        for (const lookalike of deps.desk.lookalikes(ref, access.channels)) {
          if (await deps.store.getCaseByDeskRef(lookalike, { indexCopy: true })) {
            await deps.desk.postEphemeral(
              ref,
              agent.id,
              'Not sent: replies to the customer go in the case thread in the escalation channel.',
              { inThread: true },
            );
            return;
          }
        }
        return;
      }
      // The index's copy: this path writes nothing on the case (the worker's send checks the owner).
      const found = await deps.store.getCaseByDeskRef(ref, { indexCopy: true });
      if (!found || found.status === 'resolved') {
        await deps.desk.postEphemeral(ref, agent.id, UNKNOWN_CASE, { inThread: true });
        return;
      }
      if (text.trim().toLowerCase().startsWith(deps.settings.notePrefix.toLowerCase())) return; // internal note
      if (!(await admitted(agent, ref, { inThread: true }))) return;
      // Told at once from the case (written with its conversation in one transaction by every change of
      // owner); the worker decides again inside the send-once claim, so a reply recorded just before the
      // agent lost the claim is not sent either. The index's copy may lag a Claim by a moment: a refusal
      // is decided on the item itself.
      const kase = caseOwnershipRefusal(found, agent.id)
        ? ((await deps.store.getCase(found.caseId)) ?? found)
        : found;
      const refusal = caseOwnershipRefusal(kase, agent.id);
      if (refusal) {
        const { text: said, actions } = replyRefusal(refusal, kase.owner, kase.caseId);
        await deps.desk.postEphemeral(ref, agent.id, said, {
          inThread: true,
          ...(actions ? { actions } : {}),
        });
        return;
      }
      if (!text.trim()) return;
      const commandId = replyCommandId(message);
      await markPending(message);
      await recordCommand(
        command(kase, agent, ref, { eventId: commandId, commandId }, { kind: 'reply', text, reply: message }),
        agent,
      );
    },

    async sendSuggestion({ caseId, suggestionId, agent, ref }) {
      if (!(await admitted(agent, ref))) return;
      const kase = await caseOf(caseId, agent, ref);
      if (!kase) return;
      const suggestion = await deps.store.getMessage(kase.conversationId, suggestionId);
      if (!suggestion) {
        await deps.desk.postEphemeral(ref, agent.id, 'That suggestion is no longer available.');
        return;
      }
      // Advice from the case; the worker's send-once claim decides (the owner check inside that write).
      if (caseOwnershipRefusal(kase, agent.id)) {
        await deps.desk.postEphemeral(ref, agent.id, 'Only the owner can send the suggested reply.');
        return;
      }
      const commandId = `agent#${suggestionId}`;
      await recordCommand(
        command(kase, agent, ref, { eventId: commandId, commandId }, { kind: 'suggestion', suggestionId }),
        agent,
      );
    },

    async retry({ caseId, commandId, agent, ref, clickId }) {
      if (!(await admitted(agent, ref))) return;
      const kase = await caseOf(caseId, agent, ref);
      if (!kase) return;
      const parked = await deps.store.getParkedDeskCommand(kase.conversationId, commandId);
      if (!parked) {
        await deps.desk.postEphemeral(
          ref,
          agent.id,
          'There is nothing to retry: it was sent, or it expired.',
        );
        return;
      }
      // The closing message belongs to the agent who resolved; everything else to the current owner.
      if (parked.task.kind === 'closing') {
        if (kase.status !== 'resolved' || kase.owner?.id !== agent.id) {
          await deps.desk.postEphemeral(ref, agent.id, `Only ${who(kase.owner)} can retry this message.`);
          return;
        }
      } else if (caseOwnershipRefusal(kase, agent.id)) {
        // Advice from the case; the worker's send-once claim decides (the owner check inside that write).
        const owner = kase.status === 'claimed' ? who(kase.owner) : 'the owner';
        await deps.desk.postEphemeral(ref, agent.id, `Only ${owner} can retry this message.`);
        return;
      }
      // Asked for explicitly: a send that may or may not have gone is tried again; one that went never is.
      await deps.store.releaseOnce(outboxKeyOf(parked.commandId), { unlessSent: true });
      if (parked.task.kind === 'reply') await markPending(parked.task.reply);
      await recordCommand({ ...parked, eventId: `retry#${parked.commandId}#${clickId}` }, agent);
    },

    async feedback({ caseId, agent, question, answer, ref }) {
      if (!(await admitted(agent, ref))) return;
      const field = question === 'escalation_needed' ? 'escalationNeeded' : 'summaryAccurate';
      // Decided on the state the case's write is conditional on: only the resolver answers. The answer and
      // its lifecycle event are one transaction; a repeated answer records the event only.
      const commit = await commitCaseChange<'not_resolver'>(deps, caseId, (kase, current) => {
        if (kase.status !== 'resolved' || kase.owner?.id !== agent.id) return { refused: 'not_resolver' };
        const event = lifecycleEvent(deps, current, 'escalation_feedback', {
          caseId,
          data: { question, answer, agent: agent.id, reason: kase.packet.reason },
        });
        return kase[field] === answer
          ? { lifecycle: [event] }
          : { kase: { [field]: answer }, lifecycle: [event] };
      });
      if (!commit.ok) {
        if (commit.refused === 'duplicate') return;
        if (commit.refused === 'unknown') {
          await deps.desk.postEphemeral(ref, agent.id, UNKNOWN_CASE);
          return;
        }
        const refused = commit.kase;
        await deps.desk.postEphemeral(
          ref,
          agent.id,
          refused.status === 'resolved'
            ? `Only ${who(refused.owner)}, who resolved this case, can answer these questions.`
            : 'These questions can be answered once the case is resolved.',
        );
        return;
      }
      await showCard(commit.state);
    },

    async eraseCustomer(input) {
      if (!(await admitted(input.agent, input.ref))) return;
      await eraseFromDesk(deps, input);
    },
  };

  /**
   * Resolve and Hand back: one transaction closes the case, changes the conversation, remembers the case on
   * the profile (with the pending survey) and records the lifecycle event; then the customer-bound part
   * (closing message) or the hand-back notice is recorded for the worker, and the card re-rendered from the
   * state the transaction was decided on.
   */
  async function closeCase(
    caseId: string,
    agent: Agent,
    outcome: Outcome,
    ref: DeskRef,
    change: (conversation: Conversation, now: Date) => Conversation,
    options: { handedBack?: boolean; instruction?: string; allowQueued?: boolean; requestKey?: string } = {},
  ): Promise<CaseCommandResult> {
    const handedBack = options.handedBack ?? false;
    const now = deps.clock.now();
    const at = now.toISOString();
    const commit = await commitCaseChange<OwnershipRefusal>(
      deps,
      caseId,
      (kase, current, state) => {
        const refusal = ownershipRefusal(current, caseId, agent.id, {
          allowQueued: options.allowQueued ?? false,
        });
        if (refusal) return { refused: refusal };
        const closed = change(current, now);
        // The survey must be pending on the profile before the question can reach the customer: same write.
        const profile = state.profile ?? emptyProfile(closed.customerAddress);
        const remembered = caseRemembered(
          profile,
          kase,
          outcome,
          surveyAfter(closed, outcome, handedBack),
          at,
        );
        return {
          conversation: closed,
          // The resolver, who answers the feedback questions: the owner, or the agent who resolved from the queue.
          kase: {
            status: 'resolved',
            resolvedAt: at,
            outcome,
            owner: agent,
            ...(handedBack ? { handedBack } : {}),
          },
          ...(remembered ? { profile: { ...profile, ...remembered, version: profile.version + 1 } } : {}),
          lifecycle: [
            lifecycleEvent(deps, current, handedBack ? 'handed_back' : 'resolved', {
              caseId,
              at,
              data: {
                by: 'agent',
                outcome,
                agent: agent.id,
                secondsToResolution: secondsBetween(kase.openedAt, at),
                ...closingFiguresOf(current, state.history),
              },
            }),
          ],
        };
      },
      onceOf(options.requestKey),
    );
    if (!commit.ok) {
      if (commit.refused === 'duplicate' || !(await firstTime(options.requestKey))) return undefined;
      if (await closedAlready(commit, agent, ref, handedBack)) return { kase: commit.kase as Case };
      if (commit.refused === 'unknown') {
        await deps.desk.postEphemeral(ref, agent.id, UNKNOWN_CASE);
        return commit.kase ? { kase: commit.kase } : undefined;
      }
      await refuse(ref, agent, commit.refused, commit.conversation, {
        queued: 'Claim the conversation before handing it back to the AI.',
        notOwner: (owner) =>
          `Only ${owner} can ${handedBack ? 'hand this conversation back' : 'resolve this conversation'}.`,
      });
      return { kase: commit.kase };
    }
    const { kase } = commit;
    if (handedBack) {
      const commandId = `handback#${caseId}`;
      await recordCommand(
        command(
          kase,
          agent,
          ref,
          { eventId: commandId, commandId },
          { kind: 'handback_notice', ...(options.instruction ? { instruction: options.instruction } : {}) },
        ),
        agent,
      );
    } else if (outcome !== 'spam') {
      const commandId = closingCommandId(caseId);
      await recordCommand(
        command(kase, agent, ref, { eventId: commandId, commandId }, closingTask(outcome)),
        agent,
      );
    }
    await showCard(commit.state);
    return { kase };
  }
}

/**
 * What remembering a closed case changes on the profile (pure; `undefined`: nothing, it is there already):
 * the case among the last five past cases, and the pending satisfaction survey when one is asked.
 */
export function caseRemembered(
  current: CustomerProfile,
  kase: Case,
  outcome: Outcome,
  survey: boolean,
  at: string,
): Partial<CustomerProfile> | undefined {
  const known = current.pastCases.some((item) => item.caseId === kase.caseId);
  const asked = current.pendingSurvey?.caseId === kase.caseId;
  if (known && (asked || !survey)) return undefined;
  return {
    pastCases: [
      ...current.pastCases.filter((item) => item.caseId !== kase.caseId),
      { caseId: kase.caseId, summary: kase.packet.summary, outcome, resolvedAt: at },
    ].slice(-5),
    ...(survey && !asked ? { pendingSurvey: { caseId: kase.caseId, askedAt: at } } : {}),
  };
}

/**
 * Why `agentId` may not reply to the customer on `kase`, as the case says (its status and owner change with
 * the conversation's in one transaction): advice for the agent; the worker's claim decides.
 */
export function caseOwnershipRefusal(kase: Case, agentId: string): OwnershipRefusal | undefined {
  if (kase.status === 'resolved') return 'closed';
  if (kase.status === 'queued') return 'queued';
  return kase.owner?.id === agentId ? undefined : 'not_owner';
}

/** The command id (and send-once key) of a thread reply: the reply's own desk reference. */
export function replyCommandId(reply: DeskRef): string {
  return `agent#${reply}`;
}

/** The command id (and send-once key) of a case's closing message. */
export function closingCommandId(caseId: string): string {
  return `closing#${caseId}`;
}

function secondsBetween(from: string, to: string): number {
  return Math.max(0, Math.round((Date.parse(to) - Date.parse(from)) / 1000));
}

/** How an agent is named in desk texts (plain text: the desk adapter escapes it). */
export function who(agent: Agent | undefined): string {
  return agent ? `@${agent.name ?? agent.id}` : 'another agent';
}
