/**
 * handleCustomerMessage — the conversation worker's use case for one inbound customer message: load once,
 * decide, write once (invariant 12).
 * 1. Load: the conversation, profile, recent messages and the hour's usage in one round trip
 *    (`TurnStore.loadTurn`: a Query and a BatchGet in parallel); the case too while people hold the
 *    conversation (or for a STOP/START note in its thread).
 * 2. Decide: `decideTurn` (pure, `core/turn.ts`); when it asks, the responder calls the model, and the
 *    decision is made again with the answer.
 * 3. Sends: each through the outbound gate (`deliver`: opt-out, send-once claim, window, provider call).
 * 4. Thread jobs go to the escalations queue (the notifier posts them; the worker never calls Slack).
 * 5. Commit: one transaction (`TurnStore.commitTurn`) writes the conversation, profile, new case, lifecycle
 *    events, the sent messages and their send-once records, the hour's usage and the processed mark.
 *    A conflict (a desk action or the sweeper moved the conversation on) loads and decides again; what was
 *    already sent is not sent again, and the model's answer is reused.
 * 6. An escalation's packet is published once its case is committed. A redelivered message that is
 *    already processed publishes it again when its card is not posted yet (the notifier posts one card).
 */
import type { BusinessSettings } from '../../shared/business-settings.ts';
import { ConflictError } from '../errors.ts';
import { hourOf } from '../guardrails/budget.ts';
import type { KnowledgeBase } from '../knowledge.ts';
import type { Case, Conversation, ConversationEvent, CustomerProfile, Message } from '../model.ts';
import { classifyKeyword } from '../opt-out.ts';
import type {
  Cases,
  Clock,
  CustomerChannel,
  EscalationQueue,
  LanguageModel,
  LifecycleLog,
  MediaFetcher,
  OnceKeys,
  OnceOutcome,
  TurnStore,
  UsageLedger,
} from '../ports.ts';
import { respondToCustomer } from '../responder.ts';
import {
  decideTurn,
  type HandlingOutcome,
  HISTORY,
  type ModelAnswer,
  type ModelAsk,
  PROCESSED,
  type TurnDecision,
} from '../turn.ts';
import { emptyProfile } from './conversations.ts';
import { caseIdFor } from './escalate-conversation.ts';
import {
  actionContextOf,
  publishApprovalCard,
  recordProposal,
  resumeProposal,
  type WorkerActions,
} from './propose-action.ts';
import { type Delivery, deliver } from './send-to-customer.ts';

export type { HandlingOutcome } from '../turn.ts';

/** Everything the worker needs. */
export interface WorkerDeps {
  /** The turn's load and commit, the case of a conversation people hold, the send-once keys. */
  store: TurnStore & Pick<Cases, 'getCase'> & OnceKeys & LifecycleLog;
  escalations: EscalationQueue;
  channel: CustomerChannel;
  model: LanguageModel;
  knowledge: KnowledgeBase;
  settings: BusinessSettings;
  clock: Clock;
  /** Secret token placed in the system prompt; a reply echoing it is blocked. */
  canary: string;
  /**
   * Hourly usage for the global ceilings (`settings.ceilings`); without it they are not enforced. The turn
   * reads and adds the hour's usage in its own load and commit (the ledger's items on the same table).
   */
  ledger?: UsageLedger;
  /** Fetches the customer's photos for a model that looks at them; without it the model sees text only. */
  media?: MediaFetcher;
  /** Actions on the business's systems (issue 15); without it the AI is offered none. */
  actions?: WorkerActions;
}

/** Loads and decides again at most this many times when the commit meets a conflict. */
const COMMIT_ATTEMPTS = 4;

/** Handles one `customer_message` event. Throws to have the queue retry. */
export async function handleCustomerMessage(
  deps: WorkerDeps,
  event: ConversationEvent,
): Promise<HandlingOutcome> {
  // Kept across attempts: a send is never repeated and the model is asked once per purpose.
  const deliveries = new Map<string, Delivery>();
  const answers = new Map<ModelAsk['purpose'], ModelAnswer>();
  for (let attempt = 1; ; attempt++) {
    const now = deps.clock.now();
    const hour = deps.ledger ? hourOf(now) : undefined;
    const state = await deps.store.loadTurn({
      conversationId: event.conversationId,
      customerAddress: event.key.customerAddress,
      messageId: event.messageId,
      historyLimit: HISTORY,
      ...(hour ? { usageHour: hour } : {}),
    });
    const message = state.message;
    if (!message) throw new Error(`message ${event.messageId} not stored yet`);
    if (message.flags?.includes(PROCESSED)) return finishProcessed(deps, event, state.conversation);

    const caseId = state.conversation?.caseId;
    const keyword = classifyKeyword(message.text);
    const kase =
      caseId && (state.conversation?.mode !== 'ai' || keyword === 'stop' || keyword === 'start')
        ? await deps.store.getCase(caseId)
        : undefined;
    const context = {
      settings: deps.settings,
      now,
      event,
      ...(kase ? { kase } : {}),
      modelSeesImages: !!deps.model.acceptsImages && !!deps.media,
    };
    let step = decideTurn({ ...state, message }, context);
    let answer: ModelAnswer | undefined;
    if (step.kind === 'ask_model') {
      const { purpose } = step.ask;
      answer = answers.get(purpose);
      if (!answer) {
        answer = await askModel(deps, withActionContext(deps, step.ask, state.history, message));
        answers.set(purpose, answer);
      }
      step = decideTurn({ ...state, message }, context, answer);
    }
    if (step.kind !== 'decided') throw new Error('the turn asked the model twice');
    const decision = step.decision;
    // Actions (issue 15): a write action the AI proposed is stored (once) before the escalation carrying it
    // commits, so a redelivery finds it; its approval card follows the case's card.
    const draft = answer?.kind === 'escalate' ? answer.proposal : undefined;
    const proposal =
      draft && decision.newCase && deps.actions
        ? await recordProposal(
            { ...deps, actions: deps.actions },
            { conversation: decision.conversation, caseId: decision.newCase.caseId, draft },
          )
        : undefined;

    const sent = await carryOutSends(deps, decision, state.profile, deliveries);
    for (const job of decision.threadJobs) await deps.escalations.publishThreadJob(job);
    try {
      await deps.store.commitTurn({
        conversation: { next: decision.conversation, create: decision.created },
        handled: {
          message,
          flags: [...new Set([...decision.handled.flags, PROCESSED])],
          ...(decision.handled.sentiment !== undefined ? { sentiment: decision.handled.sentiment } : {}),
        },
        ...(sent.profile ? { profile: sent.profile } : {}),
        ...(decision.newCase ? { newCase: decision.newCase } : {}),
        lifecycle: decision.lifecycle,
        messages: [...sent.messages, ...(decision.suggestion ? [decision.suggestion] : [])],
        settled: sent.settled,
        ...(hour ? { usage: { hour, tokens: decision.tokens, messages: sent.parts } } : {}),
      });
    } catch (error) {
      if (error instanceof ConflictError && attempt < COMMIT_ATTEMPTS) continue;
      throw error;
    }
    if (hour && state.usage && (decision.tokens > 0 || sent.parts > 0)) {
      deps.ledger?.counted?.(
        hour,
        { tokens: state.usage.tokens + decision.tokens, messages: state.usage.messages + sent.parts },
        { tokens: decision.tokens, messages: sent.parts },
      );
    }
    if (decision.newCase) await deps.escalations.publish(decision.newCase.packet);
    if (proposal && deps.actions) {
      await publishApprovalCard({ ...deps, actions: deps.actions }, decision.conversation, proposal);
    }
    return decision.outcome;
  }
}

/** A reply's model call learns who is asking, for the actions' identity check (issue 15). */
function withActionContext(
  deps: WorkerDeps,
  ask: ModelAsk,
  history: readonly Message[],
  message: Message,
): ModelAsk {
  if (ask.purpose !== 'reply' || !deps.actions) return ask;
  // `actionContextOf` keeps the customer's own messages.
  const earlier = history.filter((item) => item.messageId !== message.messageId);
  return {
    ...ask,
    input: { ...ask.input, ...actionContextOf(deps, ask.input.conversation, earlier, message) },
  };
}

/** Asks the responder; a suggestion that fails is `failed` (the agent answers anyway). */
async function askModel(deps: WorkerDeps, ask: ModelAsk): Promise<ModelAnswer> {
  if (ask.purpose === 'reply') return respondToCustomer(deps, ask.input);
  try {
    return await respondToCustomer(deps, ask.input);
  } catch {
    return { kind: 'failed' };
  }
}

/** What the turn's sends came to, for its commit. */
interface Sent {
  messages: Message[];
  settled: { key: string; outcome: OnceOutcome; ttlSeconds: number }[];
  /** Messages (parts) that went out, for the hourly ledger. */
  parts: number;
  /** The profile to write: the decision's, marked opted out if the provider said so. */
  profile?: CustomerProfile;
}

/**
 * Sends the decision's messages in order through the gate. A send that fails and may be retried throws
 * (the queue retries the turn); what went out before it is recorded first, so the retry does not lose it.
 */
async function carryOutSends(
  deps: WorkerDeps,
  decision: TurnDecision,
  loaded: CustomerProfile | undefined,
  deliveries: Map<string, Delivery>,
): Promise<Sent> {
  const sent: Sent = {
    messages: [],
    settled: [],
    parts: 0,
    ...(decision.profile ? { profile: decision.profile } : {}),
  };
  let profile = decision.profile ?? loaded;
  for (const intent of decision.sends) {
    let delivery = deliveries.get(intent.idempotencyKey);
    if (!delivery) {
      try {
        delivery = await deliver(
          deps,
          {
            conversation: decision.conversation,
            text: intent.text,
            author: intent.author,
            idempotencyKey: intent.idempotencyKey,
            ...(intent.extra ? { extra: intent.extra } : {}),
          },
          profile,
        );
      } catch (error) {
        if (sent.messages.length > 0) {
          await deps.store.commitTurn({ lifecycle: [], messages: sent.messages, settled: sent.settled });
        }
        throw error;
      }
      deliveries.set(intent.idempotencyKey, delivery);
    }
    if (delivery.status === 'sent') {
      sent.messages.push(delivery.message);
      sent.settled.push(delivery.settle);
      sent.parts += delivery.parts;
    } else if (delivery.status === 'refused' && delivery.reason !== 'opted_out') {
      sent.messages.push(delivery.message);
    } else if (delivery.status === 'refused' && delivery.markOptedOut && !profile?.optedOut) {
      // The provider knows the customer opted out (21610): the profile says so from now on.
      const base: CustomerProfile =
        decision.profile ??
        (loaded
          ? { ...loaded, version: loaded.version + 1 }
          : { ...emptyProfile(decision.conversation.customerAddress), version: 1 });
      profile = { ...base, optedOut: true, optedOutAt: deps.clock.now().toISOString() };
      sent.profile = profile;
    }
  }
  return sent;
}

/**
 * A redelivery of a handled message: nothing is done twice. If it escalated and its card is not posted
 * yet, the packet is published again (the publish after the commit may have failed); the notifier posts
 * one card whatever the number of packets.
 */
async function finishProcessed(
  deps: WorkerDeps,
  event: ConversationEvent,
  conversation: Conversation | undefined,
): Promise<HandlingOutcome> {
  const caseId = conversation?.caseId;
  if (!conversation || caseId !== caseIdFor(event.messageId)) return 'already_processed';
  const kase: Case | undefined = await deps.store.getCase(caseId);
  if (kase && !kase.deskRef) await deps.escalations.publish(kase.packet);
  // Actions (issue 15): the approval card of a proposal this message made, again (posted once).
  if (deps.actions) await resumeProposal({ ...deps, actions: deps.actions }, conversation, event.messageId);
  return 'already_processed';
}
