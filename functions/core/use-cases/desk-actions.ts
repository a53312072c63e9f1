/**
 * The agents' commands (claim, release, resolve, hand back, thread replies, suggestions, feedback),
 * implemented over the ports. Ownership changes are conditional writes on the conversation, so
 * N agents clicking Claim at once produce exactly one owner and one card update.
 */
import type { BusinessSettings } from '../../shared/business-settings.ts';
import { claim, handBack, isOwnedBy, release, resolve } from '../conversation-state.ts';
import type { DeskCommands } from '../desk-commands.ts';
import { IllegalTransitionError } from '../errors.ts';
import type { Agent, Case, Conversation, Outcome } from '../model.ts';
import type {
  AgentDesk,
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
}

const UNKNOWN_CASE = "This thread isn't linked to an open Tandem conversation, so nothing was sent.";

/** Builds the DeskCommands the Slack adapter calls. */
export function createDeskCommands(deps: DeskDeps): DeskCommands {
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
      const loaded = await load(caseId, agent, ref);
      if (!loaded) return;
      if (!isOwnedBy(loaded.conversation, agent.id)) {
        await deps.desk.postEphemeral(ref, agent.id, 'Only the owner can release this conversation.');
        return;
      }
      const released = await transition(loaded.kase, (current) =>
        isOwnedBy(current, agent.id) ? release(current, deps.clock.now()) : current,
      );
      if (released?.mode !== 'queued') return;
      const kase = await updateCase(deps.store, caseId, () => ({ status: 'queued', owner: undefined }));
      await record(deps, released, 'released', { caseId });
      await refreshCard(kase);
      if (kase.slack)
        await deps.desk.postInThread(kase.slack, `${who(agent)} released this conversation to the queue.`);
    },

    async resolve({ caseId, agent, outcome, ref }) {
      const loaded = await load(caseId, agent, ref);
      if (!loaded) return;
      const { conversation } = loaded;
      if (conversation.mode === 'agent' && !isOwnedBy(conversation, agent.id)) {
        await deps.desk.postEphemeral(
          ref,
          agent.id,
          `Only ${who(conversation.owner)} can resolve this conversation.`,
        );
        return;
      }
      await closeCase(loaded.kase, agent, outcome, ref, (current) => resolve(current, deps.clock.now()));
    },

    async handBack({ caseId, agent, instruction, ref }) {
      const loaded = await load(caseId, agent, ref);
      if (!loaded) return;
      if (!isOwnedBy(loaded.conversation, agent.id)) {
        await deps.desk.postEphemeral(
          ref,
          agent.id,
          'Claim the conversation before handing it back to the AI.',
        );
        return;
      }
      await closeCase(
        loaded.kase,
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
      const kase = await deps.store.getCaseByThread(ref.channel, ref.ts);
      if (!kase || kase.status === 'resolved') {
        await deps.desk.postEphemeral(ref, agent.id, UNKNOWN_CASE, { inThread: true });
        return;
      }
      if (text.trim().toLowerCase().startsWith(deps.settings.notePrefix.toLowerCase())) return; // internal note
      const conversation = await deps.store.getConversation(kase.conversationId);
      if (!conversation || conversation.caseId !== kase.caseId) {
        await deps.desk.postEphemeral(ref, agent.id, UNKNOWN_CASE, { inThread: true });
        return;
      }
      if (conversation.mode === 'queued') {
        await deps.desk.postEphemeral(
          ref,
          agent.id,
          'Not sent: nobody owns this conversation yet. Claim it to reply to the customer.',
          { inThread: true, actions: [{ kind: 'claim', caseId: kase.caseId }] },
        );
        return;
      }
      if (!isOwnedBy(conversation, agent.id)) {
        await deps.desk.postEphemeral(
          ref,
          agent.id,
          `Kept as an internal note: ${who(conversation.owner)} owns this conversation.`,
          { inThread: true },
        );
        return;
      }
      await deliver(kase, conversation, agent, text, `agent#${ref.channel}#${messageTs}`, ref, messageTs);
    },

    async sendSuggestion({ caseId, suggestionId, agent, ref }) {
      const loaded = await load(caseId, agent, ref);
      if (!loaded) return;
      if (!isOwnedBy(loaded.conversation, agent.id)) {
        await deps.desk.postEphemeral(ref, agent.id, 'Only the owner can send the suggested reply.');
        return;
      }
      const suggestion = await deps.store.getMessage(loaded.conversation.id, suggestionId);
      if (!suggestion) {
        await deps.desk.postEphemeral(ref, agent.id, 'That suggestion is no longer available.');
        return;
      }
      const outcome = await deliver(
        loaded.kase,
        loaded.conversation,
        agent,
        suggestion.text,
        `agent#${suggestionId}`,
        ref,
      );
      if (outcome.status === 'sent')
        await deps.desk.postInThread(ref, `${who(agent)} sent the suggested reply.`);
    },

    async feedback({ caseId, agent, question, answer, ref }) {
      const kase = await deps.store.getCase(caseId);
      if (!kase) {
        await deps.desk.postEphemeral(ref, agent.id, UNKNOWN_CASE);
        return;
      }
      const field = question === 'escalation_needed' ? 'escalationNeeded' : 'summaryAccurate';
      const updated = await updateCase(deps.store, caseId, (current) =>
        current[field] === answer ? undefined : { [field]: answer },
      );
      const conversation = await deps.store.getConversation(kase.conversationId);
      if (conversation) {
        await record(deps, conversation, 'escalation_feedback', {
          caseId,
          data: { question, answer, agent: agent.id, reason: kase.packet.reason },
        });
      }
      await refreshCard(updated);
    },

    eraseCustomer: (input) => eraseFromDesk(deps, input),
  };

  async function closeCase(
    kase: Case,
    agent: Agent,
    outcome: Outcome,
    ref: DeskRef,
    change: (conversation: Conversation) => Conversation,
    options: { handedBack?: boolean; instruction?: string } = {},
  ): Promise<void> {
    const before = await deps.store.getConversation(kase.conversationId);
    const figures = before ? await closingFigures(deps.store, before) : { customerTurns: 0 };
    const closed = await transition(kase, change);
    if (!closed) {
      await deps.desk.postEphemeral(ref, agent.id, 'This case is already closed.');
      return;
    }
    const now = deps.clock.now().toISOString();
    const updated = await updateCase(deps.store, kase.caseId, () => ({
      status: 'resolved',
      resolvedAt: now,
      outcome,
      owner: kase.owner ?? agent,
    }));
    const survey = !options.handedBack && outcome !== 'spam' && deps.settings.messages.satisfactionQuestion;
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
    const closing = survey
      ? `${deps.settings.messages.closing} ${deps.settings.messages.satisfactionQuestion}`
      : deps.settings.messages.closing;
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
