/**
 * The agents' commands (claim, release, resolve, hand back, thread replies, suggestions, feedback),
 * implemented over the ports. Ownership changes are conditional writes on the conversation, so
 * N agents clicking Claim at once produce exactly one owner and one card update.
 *
 * Who may act: every command first asks the desk access policy (desk channel, agent allowlist). Owner-only
 * commands (release, resolve, hand back, thread reply, send suggestion) decide ownership inside the
 * conditional write (`changeAsOwner`), never on an earlier read. Feedback is accepted only from the agent
 * who resolved the case, checked inside the case's conditional write.
 */
import type { BusinessSettings } from '../../shared/business-settings.ts';
import { claim, handBack, type OwnershipRefusal, release, resolve } from '../conversation-state.ts';
import { messagesFor } from '../customer-messages.ts';
import { type DeskAccessPolicy, deskRefusal, deskRefusalText, isDeskChannel } from '../desk-access.ts';
import type { DeskCommands } from '../desk-commands.ts';
import { IllegalTransitionError, NotFoundError } from '../errors.ts';
import type { Agent, Case, Conversation, Outcome } from '../model.ts';
import type {
  AgentDesk,
  AgentDirectory,
  Clock,
  ConversationStore,
  CustomerChannel,
  CustomerDataStore,
  DeskRef,
  UsageLedger,
} from '../ports.ts';
import { caseView } from './case-view.ts';
import { closingFigures, record, updateCase, updateConversation, updateProfile } from './conversations.ts';
import { eraseFromDesk } from './desk-erase.ts';
import { changeAsOwner } from './owned-change.ts';
import { type SendOutcome, sendToCustomer } from './send-to-customer.ts';

/** What the desk commands need. */
export interface DeskDeps {
  store: ConversationStore;
  desk: AgentDesk;
  channel: CustomerChannel;
  clock: Clock;
  settings: BusinessSettings;
  /** Counts agent replies for the global outbound ceiling (they are never refused by it). */
  ledger?: UsageLedger;
  /** Export/erase access to the table; without it the desk cannot erase. */
  customerData?: CustomerDataStore;
  /** Desk channels and agent allowlist. @default any channel; `settings.desk.agents` */
  access?: DeskAccessPolicy;
  /** User-group membership for the allowlist's `userGroup`. */
  directory?: AgentDirectory;
}

const UNKNOWN_CASE = "This thread isn't linked to an open Tandem conversation, so nothing was sent.";

/** Builds the DeskCommands the Slack adapter calls. */
export function createDeskCommands(deps: DeskDeps): DeskCommands {
  const access: DeskAccessPolicy = deps.access ?? { channels: [], agents: deps.settings.desk.agents };

  /** True when `agent` may act in `ref`'s channel; otherwise tells them why not (ephemeral). */
  async function admitted(
    agent: Agent,
    ref: DeskRef,
    options: { inThread?: boolean } = {},
  ): Promise<boolean> {
    const refusal = await deskRefusal(access, deps.directory, agent.id, ref.channel);
    if (!refusal) return true;
    await deps.desk.postEphemeral(ref, agent.id, deskRefusalText(refusal, deps.settings.brand), options);
    return false;
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
  /** Loads the case and its conversation, or tells the agent politely that there is none. */
  async function load(
    caseId: string,
    agent: Agent,
    ref: DeskRef,
  ): Promise<{ kase: Case; conversation: Conversation } | undefined> {
    const kase = await deps.store.getCase(caseId);
    const conversation = kase ? await deps.store.getConversation(kase.conversationId) : undefined;
    if (!kase || !conversation) {
      await deps.desk.postEphemeral(ref, agent.id, UNKNOWN_CASE);
      return undefined;
    }
    return { kase, conversation };
  }

  async function refreshCard(kase: Case): Promise<void> {
    if (kase.slack) await deps.desk.updateCase(kase.slack, await caseView(deps, kase));
  }

  /** Changes the conversation if it still belongs to this case; false if the case moved on. */
  async function transition(
    kase: Case,
    change: (conversation: Conversation) => Conversation,
  ): Promise<Conversation | undefined> {
    try {
      return await updateConversation(deps, kase.conversationId, (current) => {
        if (current.caseId !== kase.caseId) throw new IllegalTransitionError('change', 'another case');
        return change(current);
      });
    } catch (error) {
      if (error instanceof IllegalTransitionError) return undefined;
      throw error;
    }
  }

  async function deliver(
    kase: Case,
    conversation: Conversation,
    agent: Agent,
    text: string,
    idempotencyKey: string,
    ref: DeskRef,
    replyTs?: string,
  ): Promise<SendOutcome> {
    const outcome = await sendToCustomer(deps, {
      conversation,
      text,
      author: 'agent',
      agent,
      idempotencyKey,
    });
    if (outcome.status === 'sent') {
      if (replyTs) await deps.desk.addReaction(ref.channel, replyTs, 'white_check_mark');
      if (outcome.template) {
        await deps.desk.postInThread(
          ref,
          'The WhatsApp 24-hour window had closed, so the approved template was sent instead of this text. ' +
            'Your message can go once the customer replies.',
        );
      }
      if (!kase.firstAgentReplyAt) {
        const updated = await updateCase(deps.store, kase.caseId, (current) =>
          current.firstAgentReplyAt ? undefined : { firstAgentReplyAt: deps.clock.now().toISOString() },
        );
        if (updated.firstAgentReplyAt && updated.firstAgentReplyAt !== kase.firstAgentReplyAt) {
          await record(deps, conversation, 'first_agent_reply', {
            caseId: kase.caseId,
            data: { secondsSinceEscalation: secondsBetween(kase.openedAt, updated.firstAgentReplyAt) },
          });
        }
      }
    } else if (outcome.status === 'refused') {
      const reasons: Record<string, string> = {
        opted_out: 'the customer has opted out (STOP); nothing can be sent to them',
        invalid_number: "the customer's number cannot receive messages",
        rejected: 'the messaging provider rejected it',
      };
      await deps.desk.postInThread(ref, `:warning: Not sent: ${reasons[outcome.reason] ?? outcome.reason}.`);
    }
    return outcome;
  }

  return {
    async claim({ caseId, agent, ref }) {
      if (!(await admitted(agent, ref))) return;
      const loaded = await load(caseId, agent, ref);
      if (!loaded) return;
      const now = deps.clock.now();
      const claimed = await transition(loaded.kase, (current) => claim(current, agent, now));
      if (!claimed || claimed.owner?.id !== agent.id) {
        const latest = await deps.store.getConversation(loaded.kase.conversationId);
        const text =
          latest?.mode === 'agent' && latest.caseId === caseId && latest.owner
            ? latest.owner.id === agent.id
              ? 'You already own this conversation.'
              : `Already claimed by ${who(latest.owner)}.`
            : 'This case is no longer waiting to be claimed.';
        await deps.desk.postEphemeral(ref, agent.id, text);
        return;
      }
      const kase = await updateCase(deps.store, caseId, () => ({
        status: 'claimed',
        owner: agent,
        claimedAt: now.toISOString(),
      }));
      await record(deps, claimed, 'claimed', {
        caseId,
        data: { waitSeconds: secondsBetween(kase.openedAt, now.toISOString()), agent: agent.id },
      });
      await refreshCard(kase);
    },

    async release({ caseId, agent, ref }) {
      if (!(await admitted(agent, ref))) return;
      const found = await caseOf(caseId, agent, ref);
      if (!found) return;
      const result = await changeAsOwner(deps, found, agent.id, (current) =>
        release(current, deps.clock.now()),
      );
      if (!result.ok) {
        await refuse(ref, agent, result.refusal, result.current, {
          queued: 'This conversation is already in the queue.',
          notOwner: (owner) => `Only ${owner} can release this conversation.`,
        });
        return;
      }
      const kase = await updateCase(deps.store, caseId, () => ({ status: 'queued', owner: undefined }));
      await record(deps, result.after, 'released', { caseId });
      await refreshCard(kase);
      if (kase.slack)
        await deps.desk.postInThread(kase.slack, `${who(agent)} released this conversation to the queue.`);
    },

    async resolve({ caseId, agent, outcome, ref }) {
      if (!(await admitted(agent, ref))) return;
      const kase = await caseOf(caseId, agent, ref);
      if (!kase) return;
      // An unclaimed case may be resolved by any agent; it is then recorded as theirs.
      await closeCase(kase, agent, outcome, ref, (current) => resolve(current, deps.clock.now()), {
        allowQueued: true,
      });
    },

    async handBack({ caseId, agent, instruction, ref }) {
      if (!(await admitted(agent, ref))) return;
      const kase = await caseOf(caseId, agent, ref);
      if (!kase) return;
      await closeCase(
        kase,
        agent,
        'solved',
        ref,
        (current) => handBack(current, deps.clock.now(), instruction),
        {
          handedBack: true,
          ...(instruction ? { instruction } : {}),
        },
      );
    },

    async threadReply({ ref, messageTs, agent, text }) {
      if (!isDeskChannel(access, ref.channel)) {
        // Same thread ts, other channel: never the case thread, never relayed. Tell the writer only when the
        // ts really is a card's (a reply aimed at a case); other threads elsewhere are none of our business.
        for (const channel of access.channels) {
          if (await deps.store.getCaseByThread(channel, ref.ts)) {
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
      const kase = await deps.store.getCaseByThread(ref.channel, ref.ts);
      if (!kase || kase.status === 'resolved') {
        await deps.desk.postEphemeral(ref, agent.id, UNKNOWN_CASE, { inThread: true });
        return;
      }
      if (text.trim().toLowerCase().startsWith(deps.settings.notePrefix.toLowerCase())) return; // internal note
      if (!(await admitted(agent, ref, { inThread: true }))) return;
      const result = await changeAsOwner(deps, kase, agent.id);
      if (!result.ok) {
        if (result.refusal === 'closed') {
          await deps.desk.postEphemeral(ref, agent.id, UNKNOWN_CASE, { inThread: true });
        } else if (result.refusal === 'queued') {
          await deps.desk.postEphemeral(
            ref,
            agent.id,
            'Not sent: nobody owns this conversation yet. Claim it to reply to the customer.',
            { inThread: true, actions: [{ kind: 'claim', caseId: kase.caseId }] },
          );
        } else {
          await deps.desk.postEphemeral(
            ref,
            agent.id,
            `Kept as an internal note: ${who(result.current?.owner)} owns this conversation.`,
            { inThread: true },
          );
        }
        return;
      }
      await deliver(kase, result.after, agent, text, `agent#${ref.channel}#${messageTs}`, ref, messageTs);
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
      const result = await changeAsOwner(deps, kase, agent.id);
      if (!result.ok) {
        await deps.desk.postEphemeral(ref, agent.id, 'Only the owner can send the suggested reply.');
        return;
      }
      const outcome = await deliver(kase, result.after, agent, suggestion.text, `agent#${suggestionId}`, ref);
      if (outcome.status === 'sent')
        await deps.desk.postInThread(ref, `${who(agent)} sent the suggested reply.`);
    },

    async feedback({ caseId, agent, question, answer, ref }) {
      if (!(await admitted(agent, ref))) return;
      const field = question === 'escalation_needed' ? 'escalationNeeded' : 'summaryAccurate';
      let refused: Case | undefined;
      let updated: Case;
      try {
        updated = await updateCase(deps.store, caseId, (current) => {
          // Decided on the state this write is conditional on: only the resolver answers.
          refused = current.status !== 'resolved' || current.owner?.id !== agent.id ? current : undefined;
          if (refused) return undefined;
          return current[field] === answer ? undefined : { [field]: answer };
        });
      } catch (error) {
        if (!(error instanceof NotFoundError)) throw error;
        await deps.desk.postEphemeral(ref, agent.id, UNKNOWN_CASE);
        return;
      }
      if (refused) {
        await deps.desk.postEphemeral(
          ref,
          agent.id,
          refused.status === 'resolved'
            ? `Only ${who(refused.owner)}, who resolved this case, can answer these questions.`
            : 'These questions can be answered once the case is resolved.',
        );
        return;
      }
      const conversation = await deps.store.getConversation(updated.conversationId);
      if (conversation) {
        await record(deps, conversation, 'escalation_feedback', {
          caseId,
          data: { question, answer, agent: agent.id, reason: updated.packet.reason },
        });
      }
      await refreshCard(updated);
    },

    async eraseCustomer(input) {
      if (!(await admitted(input.agent, input.ref))) return;
      await eraseFromDesk(deps, input);
    },
  };

  async function closeCase(
    kase: Case,
    agent: Agent,
    outcome: Outcome,
    ref: DeskRef,
    change: (conversation: Conversation) => Conversation,
    options: { handedBack?: boolean; instruction?: string; allowQueued?: boolean } = {},
  ): Promise<void> {
    const result = await changeAsOwner(deps, kase, agent.id, change, {
      allowQueued: options.allowQueued ?? false,
    });
    if (!result.ok) {
      await refuse(ref, agent, result.refusal, result.current, {
        queued: 'Claim the conversation before handing it back to the AI.',
        notOwner: (owner) =>
          `Only ${owner} can ${options.handedBack ? 'hand this conversation back' : 'resolve this conversation'}.`,
      });
      return;
    }
    const closed = result.after;
    const figures = await closingFigures(deps.store, result.before);
    const now = deps.clock.now().toISOString();
    const updated = await updateCase(deps.store, kase.caseId, () => ({
      status: 'resolved',
      resolvedAt: now,
      outcome,
      // The resolver, who answers the feedback questions: the owner, or the agent who resolved from the queue.
      owner: agent,
    }));
    // Fixed texts in the conversation's language.
    const messages = messagesFor(deps.settings, closed.language);
    const survey = !options.handedBack && outcome !== 'spam' && messages.satisfactionQuestion;
    await updateProfile(deps.store, closed.customerAddress, (current) => ({
      pastCases: [
        ...current.pastCases.filter((item) => item.caseId !== kase.caseId),
        { caseId: kase.caseId, summary: kase.packet.summary, outcome, resolvedAt: now },
      ].slice(-5),
      ...(survey ? { pendingSurvey: { caseId: kase.caseId, askedAt: now } } : {}),
    }));
    await record(deps, closed, options.handedBack ? 'handed_back' : 'resolved', {
      caseId: kase.caseId,
      data: {
        by: 'agent',
        outcome,
        agent: agent.id,
        secondsToResolution: secondsBetween(kase.openedAt, now),
        ...figures,
      },
    });
    await refreshCard(updated);
    if (options.handedBack) {
      if (kase.slack) {
        await deps.desk.postInThread(
          kase.slack,
          `${who(agent)} handed the conversation back to the AI${options.instruction ? ` with the instruction: "${options.instruction}"` : ''}.`,
        );
      }
      return;
    }
    if (outcome === 'spam') return;
    const closing = survey ? `${messages.closing} ${survey}` : messages.closing;
    await sendToCustomer(deps, {
      conversation: closed,
      text: closing,
      author: 'system',
      idempotencyKey: `closing#${kase.caseId}`,
    });
  }
}

function secondsBetween(from: string, to: string): number {
  return Math.max(0, Math.round((Date.parse(to) - Date.parse(from)) / 1000));
}

/** How an agent is named in desk texts (plain text: the desk adapter escapes it). */
function who(agent: Agent | undefined): string {
  return agent ? `@${agent.name ?? agent.id}` : 'another agent';
}
