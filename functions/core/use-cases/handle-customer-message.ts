/**
 * handleCustomerMessage — the conversation worker's use case for one inbound customer message.
 * 1. Open the conversation on a first message; note the inbound time (WhatsApp window), the name and the
 *    language (detected among the served ones; kept when a message is too short to tell).
 * 2. Opt-out keywords (STOP / START / HELP) and survey answers are handled without the AI.
 * 3. Input guardrails: normalize, redact PII, detect injection/abuse, score sentiment, find triggers.
 * 4. Mode `queued`/`agent`: the message goes to the case's Slack thread (plus an AI suggestion for the owner,
 *    within the same budgets and ceilings as AI replies). The worker never calls Slack: thread posts are
 *    jobs on the escalations queue, done by the notifier, so a slow or failing Slack never holds up or
 *    retries a customer's turn.
 * 5. Mode `ai`: budget and global ceiling checks, the responder (model + output guardrails), then reply or
 *    escalate.
 * 6. Mark the message processed, so a redelivered event does nothing twice.
 */
import type { BusinessSettings } from '../../shared/business-settings.ts';
import { messagesFor, servedLanguage } from '../customer-messages.ts';
import { checkBudget, hourOf, totalTokens } from '../guardrails/budget.ts';
import { rememberFacts } from '../guardrails/customer-facts.ts';
import { checkInput, type InputVerdict } from '../guardrails/index.ts';
import { redactPii } from '../guardrails/pii.ts';
import { hasPiiRemovedFlag } from '../guardrails/pii-at-rest.ts';
import { screenProfileName } from '../guardrails/profile-name.ts';
import type { KnowledgeBase } from '../knowledge.ts';
import { nextLanguage } from '../language.ts';
import type { Conversation, ConversationEvent, CustomerProfile, Message } from '../model.ts';
import { classifyKeyword } from '../opt-out.ts';
import type {
  Clock,
  ConversationStore,
  CustomerChannel,
  EscalationQueue,
  LanguageModel,
  UsageLedger,
} from '../ports.ts';
import { isWithheld } from '../prompt.ts';
import { respondToCustomer } from '../responder.ts';
import {
  emptyProfile,
  openConversation,
  record,
  updateConversation,
  updateProfile,
} from './conversations.ts';
import { caseIdFor, escalateConversation } from './escalate-conversation.ts';
import {
  actionContextOf,
  publishApprovalCard,
  recordProposal,
  resumeProposal,
  type WorkerActions,
} from './propose-action.ts';
import { sendToCustomer } from './send-to-customer.ts';
import { ceilingVerdict, recordSpend } from './spend.ts';

/** Everything the worker needs. */
export interface WorkerDeps {
  store: ConversationStore;
  escalations: EscalationQueue;
  channel: CustomerChannel;
  model: LanguageModel;
  knowledge: KnowledgeBase;
  settings: BusinessSettings;
  clock: Clock;
  /** Secret token placed in the system prompt; a reply echoing it is blocked. */
  canary: string;
  /** Hourly usage for the global ceilings (`settings.ceilings`); without it they are not enforced. */
  ledger?: UsageLedger;
  /** Actions on the business's systems (issue 15); without it the AI is offered none. */
  actions?: WorkerActions;
}

const PROCESSED = 'processed';
const SUGGESTION = 'suggestion';
const SUGGESTIONS_PAUSED =
  'The AI has reached its budget for now, so there are no more suggested replies in this thread.';
const HISTORY = 40;
const SURVEY_ANSWER = /^\s*([1-5])\s*[.!]?\s*$/;

/** What the worker did with the message (for logs and tests). */
export type HandlingOutcome =
  | 'already_processed'
  | 'opted_out'
  | 'opted_in'
  | 'help'
  | 'survey_answer'
  | 'to_agents'
  | 'replied'
  | 'escalated'
  | 'attachment';

/** Handles one `customer_message` event. Throws to have the queue retry. */
export async function handleCustomerMessage(
  deps: WorkerDeps,
  event: ConversationEvent,
): Promise<HandlingOutcome> {
  const message = await deps.store.getMessage(event.conversationId, event.messageId);
  if (!message) throw new Error(`message ${event.messageId} not stored yet`);
  if (message.flags?.includes(PROCESSED)) return 'already_processed';

  const opened = await openConversation(deps, event.key);
  let conversation = opened.conversation;
  const resumingEscalation = conversation.caseId === caseIdFor(message.messageId);
  const profile =
    (await deps.store.getProfile(conversation.customerAddress)) ?? emptyProfile(conversation.customerAddress);
  // The profile name is the customer's free text: capped, and not used at all when a guardrail flags it.
  const profileName = screenProfileName(event.profileName, deps.settings.guardrails.maxProfileNameChars);
  // Keywords and survey answers are housekeeping: they neither start a visit nor count as a turn.
  const housekeeping = isHousekeeping(message, profile);
  // The conversation's language: what this message says when it is clear, else what was known. A keyword
  // (STOP, HELP) is a carrier word, not the customer's language.
  const known = servedLanguage(deps.settings, conversation.language, profile.language);
  const language =
    resumingEscalation || housekeeping
      ? known
      : nextLanguage(message.text, known, deps.settings.languages.supported, deps.settings.languages.default);
  const profileChanges: Partial<CustomerProfile> = {
    ...(profileName && profile.name !== profileName ? { name: profileName } : {}),
    // Kept on the profile too, so the customer's next conversation (another channel or number) starts in it.
    // Written only when it changes what the profile says (an absent language means the default), so a
    // customer in the default language costs no profile write.
    ...(servedLanguage(deps.settings, profile.language) !== language ? { language } : {}),
  };
  if (Object.keys(profileChanges).length > 0) {
    await updateProfile(deps.store, conversation.customerAddress, () => profileChanges);
  }

  if (!resumingEscalation) {
    const firstOfVisit = !housekeeping && (opened.created || (conversation.customerTurns ?? 0) === 0);
    if (firstOfVisit) {
      const reopened =
        !opened.created &&
        conversation.lastResolvedAt !== undefined &&
        (Date.parse(message.at) - Date.parse(conversation.lastResolvedAt)) / 3_600_000 <=
          deps.settings.metrics.reopenWindowHours;
      await record(deps, conversation, reopened ? 'reopened' : 'opened', { at: message.at });
    }
    conversation = await updateConversation(deps, conversation.id, (current) => ({
      ...current,
      lastInboundAt: message.at > (current.lastInboundAt ?? '') ? message.at : current.lastInboundAt,
      customerName: profileName ?? current.customerName,
      language,
      customerTurns: (current.customerTurns ?? 0) + (housekeeping ? 0 : 1),
    }));
  }

  if (hasPiiRemovedFlag(message.flags) && !conversation.sensitiveDataNoticeAt) {
    conversation = await noticeSensitiveDataRemoved(deps, conversation);
  }

  // What the handling learns about the message (flags, sentiment) is written once, with the processed mark.
  const annotation: Annotation = { flags: (message.flags ?? []).filter((flag) => flag !== PROCESSED) };
  const outcome = resumingEscalation
    ? await resumeEscalation(deps, conversation, message)
    : await route(deps, conversation, profile, message, annotation);
  await deps.store.annotateMessage(conversation.id, message.messageId, {
    flags: [...new Set([...annotation.flags, PROCESSED])],
    ...(annotation.sentiment !== undefined ? { sentiment: annotation.sentiment } : {}),
  });
  return outcome;
}

/** STOP/START/HELP keywords and answers to a pending satisfaction question. */
function isHousekeeping(message: Message, profile: CustomerProfile): boolean {
  if (message.media?.length) return false;
  return (
    classifyKeyword(message.text) !== null || (!!profile.pendingSurvey && SURVEY_ANSWER.test(message.text))
  );
}

/** Analysis of the message being handled, stored when handling ends. */
interface Annotation {
  flags: string[];
  sentiment?: number;
}

async function route(
  deps: WorkerDeps,
  conversation: Conversation,
  profile: CustomerProfile,
  message: Message,
  annotation: Annotation,
): Promise<HandlingOutcome> {
  const keyword = message.media?.length ? null : classifyKeyword(message.text);
  if (keyword === 'stop') {
    await updateProfile(deps.store, conversation.customerAddress, () => ({
      optedOut: true,
      optedOutAt: deps.clock.now().toISOString(),
    }));
    annotation.flags.push('opt_out');
    await tellAgents(
      deps,
      conversation,
      `opt-out#${message.messageId}`,
      'The customer opted out (STOP). Nothing more can be sent to them.',
    );
    return 'opted_out';
  }
  if (keyword === 'start') {
    await updateProfile(deps.store, conversation.customerAddress, (current) =>
      current.optedOut ? { optedOut: false } : undefined,
    );
    annotation.flags.push('opt_in');
    await tellAgents(
      deps,
      conversation,
      `opt-in#${message.messageId}`,
      'The customer opted back in (START).',
    );
    return 'opted_in';
  }
  const messages = messagesFor(deps.settings, conversation.language);
  if (keyword === 'help') {
    await sendToCustomer(deps, {
      conversation,
      text: messages.help,
      author: 'system',
      idempotencyKey: `help#${message.messageId}`,
    });
    return 'help';
  }

  if (profile.pendingSurvey) {
    const score = SURVEY_ANSWER.exec(message.text)?.[1];
    const survey = profile.pendingSurvey;
    await updateProfile(deps.store, conversation.customerAddress, (current) =>
      current.pendingSurvey ? { pendingSurvey: undefined } : undefined,
    );
    if (score) {
      await record(deps, conversation, 'satisfaction', {
        caseId: survey.caseId,
        data: { score: Number(score) },
      });
      await sendToCustomer(deps, {
        conversation,
        text: messages.satisfactionThanks,
        author: 'system',
        idempotencyKey: `survey#${message.messageId}`,
      });
      return 'survey_answer';
    }
  }

  const history = (await deps.store.recentMessages(conversation.id, HISTORY)).filter(
    (item) => !item.flags?.includes(SUGGESTION),
  );
  const previous = history.filter((item) => item.messageId !== message.messageId);
  const verdict = checkInput(message.text, {
    settings: deps.settings,
    language: conversation.language,
    history: previous.map((item) => ({
      author: item.author,
      text: item.text,
      ...(item.sentiment !== undefined ? { sentiment: item.sentiment } : {}),
      ...(item.flags ? { flags: item.flags } : {}),
    })),
    abuseCountBefore: previous.filter((item) => item.flags?.includes('abuse')).length,
  });
  annotation.flags.push(...verdict.flags);
  annotation.sentiment = verdict.sentiment;
  await record(deps, conversation, 'customer_message', {
    at: message.at,
    ...(conversation.caseId ? { caseId: conversation.caseId } : {}),
    data: {
      sentiment: verdict.sentiment,
      mode: conversation.mode,
      repeatAfterHandoff: conversation.mode !== 'ai' && repeatsEarlierMessage(verdict.text, previous),
    },
  });

  // The prompt sees redacted text only.
  const promptHistory: Message[] = [
    ...previous.map((item) =>
      item.author === 'customer' ? { ...item, text: redactPii(item.text).text } : item,
    ),
    // The new message carries this turn's flags, so a flagged one is withheld like earlier ones.
    { ...message, text: verdict.text, flags: [...(message.flags ?? []), ...verdict.flags] },
  ];

  if (conversation.mode !== 'ai') {
    await forwardToAgents(deps, conversation, profile, message, verdict, promptHistory);
    return 'to_agents';
  }

  if (message.media?.length && !message.text.trim()) {
    await sendToCustomer(deps, {
      conversation,
      text: messages.attachmentUnsupported,
      author: 'ai',
      idempotencyKey: `reply#${message.messageId}`,
    });
    return 'attachment';
  }

  const sentimentTrend = [
    ...previous.filter((m) => m.author === 'customer').map((m) => m.sentiment ?? 0),
    verdict.sentiment,
  ].slice(-5);
  const escalationBase = {
    conversation,
    triggeringMessageId: message.messageId,
    lastCustomerMessage: verdict.text,
    sentimentTrend,
  };

  const usage = currentUsage(conversation, deps.clock.now());
  const budget = checkBudget({ callsInLastHour: usage.calls, tokensUsed: usage.tokens }, deps.settings);
  if (!budget.ok && !verdict.escalation) {
    await escalateConversation(deps, {
      ...escalationBase,
      reason: 'budget_exceeded',
      priority: 'normal',
      summary: summarizeForAgent(promptHistory),
      tried: `The AI reached its ${budget.reason === 'calls' ? 'hourly call' : 'token'} budget for this conversation.`,
    });
    return 'escalated';
  }
  // The deployment's hourly ceilings: past one the AI stops and people take over, until the hour ends.
  const ceiling = verdict.escalation ? { ok: true } : await ceilingVerdict(deps);
  if (!ceiling.ok) {
    await escalateConversation(deps, {
      ...escalationBase,
      reason: 'budget_exceeded',
      priority: 'normal',
      summary: summarizeForAgent(promptHistory),
      tried: `The AI is paused: the deployment reached its hourly ${ceiling.reason === 'messages' ? 'outbound message' : 'model token'} ceiling.`,
    });
    return 'escalated';
  }

  const result = await respondToCustomer(deps, {
    conversation,
    profile,
    history: promptHistory,
    verdict,
    // ── Actions (issue 15): who is asking, for the identity check ──
    ...actionContextOf(deps, conversation, previous, message),
  });
  const tokens = totalTokens(result.tokens);
  await recordSpend(deps, { tokens });
  if (Object.keys(result.facts).length > 0) {
    const now = deps.clock.now().toISOString();
    await updateProfile(deps.store, conversation.customerAddress, (current) => {
      const remembered = rememberFacts(current, result.facts, deps.settings.customerFacts, now);
      return remembered.accepted.length
        ? { facts: remembered.facts, factsUpdatedAt: remembered.factsUpdatedAt }
        : undefined;
    });
  }
  await updateConversation(deps, conversation.id, (current) => ({
    ...current,
    usage: {
      windowStart: usage.windowStart,
      calls: usage.calls + result.modelCalls,
      tokens: usage.tokens + tokens,
    },
    handbackInstruction: undefined,
    ...(result.rollingSummary ? { summary: result.rollingSummary } : {}),
  }));

  if (result.kind === 'reply') {
    const fallback = result.text === messages.fallback;
    await sendToCustomer(deps, {
      conversation,
      text: result.text,
      author: 'ai',
      idempotencyKey: `reply#${message.messageId}`,
      extra: {
        passages: result.passages,
        tokens: result.tokens,
        // Kept on the reply: `fallback`/`dont_know` feed the repeated-failure trigger, the rest the inspector.
        ...(fallback || result.flags.length
          ? { flags: [...new Set([...result.flags, ...(fallback ? ['fallback'] : [])])] }
          : {}),
      },
    });
    await record(deps, conversation, 'ai_reply', {
      data: {
        passages: result.passages.length,
        inputTokens: result.tokens.input,
        fallback,
        secondsSinceCustomer: (deps.clock.now().getTime() - Date.parse(message.at)) / 1000,
      },
    });
    return 'replied';
  }

  // ── Actions (issue 15): a proposed write action is stored before the escalation that carries it ──
  const proposal =
    result.proposal && deps.actions
      ? await recordProposal(
          { ...deps, actions: deps.actions },
          { conversation, caseId: caseIdFor(message.messageId), draft: result.proposal },
        )
      : undefined;
  await escalateConversation(deps, {
    ...escalationBase,
    reason: result.reason,
    priority: result.priority,
    summary: withContext(result.summary, promptHistory),
    tried: describeTried(promptHistory),
    ...(result.reply ? { customerReply: result.reply } : {}),
  });
  // ── Actions (issue 15): its approval card, in the new case's thread ──
  if (proposal && deps.actions)
    await publishApprovalCard({ ...deps, actions: deps.actions }, conversation, proposal);
  return 'escalated';
}

/**
 * A redelivered message whose escalation had started: finish it. Every step of `escalateConversation` is
 * idempotent (the case exists or is written now, the packet is published again and the notifier posts one
 * card, the customer message goes through the outbox), so whichever step failed completes now.
 */
async function resumeEscalation(
  deps: WorkerDeps,
  conversation: Conversation,
  message: Message,
): Promise<HandlingOutcome> {
  const kase = await deps.store.getCase(caseIdFor(message.messageId));
  const redacted = redactPii(message.text).text;
  await escalateConversation(deps, {
    conversation,
    triggeringMessageId: message.messageId,
    reason: kase?.packet.reason ?? 'model_request',
    priority: kase?.priority ?? 'normal',
    summary: kase?.packet.summary ?? redacted,
    tried: kase?.packet.tried ?? '',
    lastCustomerMessage: kase?.packet.lastCustomerMessage ?? redacted,
    sentimentTrend: kase?.packet.sentimentTrend ?? [message.sentiment ?? 0],
    ...(kase?.packet.reason === 'self_harm'
      ? { customerReply: messagesFor(deps.settings, conversation.language).selfHarmSafety }
      : {}),
  });
  // ── Actions (issue 15): the approval card of a proposal made by this message, once ──
  if (deps.actions) await resumeProposal({ ...deps, actions: deps.actions }, conversation, message.messageId);
  return 'escalated';
}

/** While people own the conversation, customer messages go to the thread; the owner also gets a suggestion. */
async function forwardToAgents(
  deps: WorkerDeps,
  conversation: Conversation,
  profile: CustomerProfile,
  message: Message,
  verdict: InputVerdict,
  promptHistory: Message[],
): Promise<void> {
  const kase = conversation.caseId ? await deps.store.getCase(conversation.caseId) : undefined;
  // Without a card yet, the notifier shows this message: in the transcript, or when it catches up.
  if (!kase?.slack) return;
  const thread = { kind: 'thread', caseId: kase.caseId, conversationId: conversation.id } as const;
  await deps.escalations.publishThreadJob({ ...thread, upTo: message.at });
  // A message flagged as injection never reaches the model, not even for a suggestion.
  if (conversation.mode !== 'agent' || verdict.injection) return;
  try {
    // Suggestions spend from the same budgets as AI replies: past one, the agent simply gets none.
    const now = deps.clock.now();
    const usage = currentUsage(conversation, now);
    const budget = checkBudget({ callsInLastHour: usage.calls, tokensUsed: usage.tokens }, deps.settings);
    if (!budget.ok || !(await ceilingVerdict(deps)).ok) {
      const paused = `suggestions-paused#${kase.caseId}#${hourOf(now)}`;
      if (await deps.store.claimOnce(paused, 7200)) {
        await deps.escalations.publishThreadJob({
          ...thread,
          post: { key: paused, text: SUGGESTIONS_PAUSED },
        });
      }
      return;
    }
    // A suggestion for the agent: the AI drafts an answer even where, on its own, it would hand over.
    const suggestion = await respondToCustomer(deps, {
      conversation,
      profile,
      history: promptHistory,
      verdict: { ...verdict, escalation: undefined, safetyReply: undefined },
    });
    const tokens = totalTokens(suggestion.tokens);
    await recordSpend(deps, { tokens });
    if (suggestion.modelCalls > 0) {
      await updateConversation(deps, conversation.id, (current) => {
        const used = currentUsage(current, now);
        return {
          ...current,
          usage: {
            windowStart: used.windowStart,
            calls: used.calls + suggestion.modelCalls,
            tokens: used.tokens + tokens,
          },
        };
      });
    }
    if (suggestion.kind !== 'reply') return;
    const suggestionId = `suggestion-${message.messageId}`;
    await deps.store.appendMessage({
      conversationId: conversation.id,
      messageId: suggestionId,
      at: deps.clock.now().toISOString(),
      direction: 'outbound',
      author: 'ai',
      text: suggestion.text,
      flags: [SUGGESTION],
      passages: suggestion.passages,
      tokens: suggestion.tokens,
    });
    await deps.escalations.publishThreadJob({
      ...thread,
      upTo: message.at,
      post: {
        key: suggestionId,
        text: `Suggested reply: ${suggestion.text}`,
        actions: [{ kind: 'send_suggestion', caseId: kase.caseId, suggestionId }],
      },
    });
  } catch {
    // A suggestion is a convenience: the agent answers anyway.
  }
}

/** A note in the case's thread (through the notifier), once per `key`. */
async function tellAgents(
  deps: WorkerDeps,
  conversation: Conversation,
  key: string,
  text: string,
): Promise<void> {
  if (!conversation.caseId) return;
  const kase = await deps.store.getCase(conversation.caseId);
  if (!kase?.slack) return;
  await deps.escalations.publishThreadJob({
    kind: 'thread',
    caseId: kase.caseId,
    conversationId: conversation.id,
    post: { key, text },
  });
}

function currentUsage(
  conversation: Conversation,
  now: Date,
): { windowStart: string; calls: number; tokens: number } {
  const usage = conversation.usage;
  if (!usage || now.getTime() - Date.parse(usage.windowStart) >= 3_600_000) {
    return { windowStart: now.toISOString(), calls: 0, tokens: usage?.tokens ?? 0 };
  }
  return usage;
}

/**
 * The escalation summary: why (from the trigger or the model) plus what the customer asked before, so the
 * agent starts from the customer's own words and never has to ask them again.
 */
function withContext(reason: string, history: Message[]): string {
  const earlier = history
    .filter((m) => m.author === 'customer')
    .slice(0, -1)
    .filter((m) => !isWithheld(m))
    .slice(-3)
    .map((m) => `"${m.text.slice(0, 160)}"`);
  if (!reason) return summarizeForAgent(history);
  return (earlier.length ? `${reason}. Earlier the customer wrote: ${earlier.join(' / ')}` : reason).slice(
    0,
    600,
  );
}

function summarizeForAgent(history: Message[]): string {
  const asks = history
    .filter((m) => m.author === 'customer' && !isWithheld(m))
    .slice(-3)
    .map((m) => m.text);
  return asks.length ? `The customer wrote: ${asks.join(' / ')}`.slice(0, 600) : 'No customer text.';
}

function describeTried(history: Message[]): string {
  const replies = history.filter((m) => m.author === 'ai').slice(-2);
  if (replies.length === 0) return 'Nothing yet: escalated on the first message.';
  return `The AI answered ${replies.length === 1 ? 'once' : 'several times'}; last: "${replies.at(-1)?.text.slice(0, 200)}"`;
}

/** True when a customer message restates an earlier one (a customer repeating themselves to a person). */
function repeatsEarlierMessage(text: string, previous: Message[]): boolean {
  const words = wordSet(text);
  if (words.size < 3) return false;
  return previous.some((item) => {
    if (item.author !== 'customer') return false;
    const other = wordSet(redactPii(item.text).text);
    const shared = [...words].filter((word) => other.has(word)).length;
    return shared / Math.max(words.size, other.size) >= 0.6;
  });
}

function wordSet(text: string): Set<string> {
  return new Set(text.toLowerCase().match(/[\p{L}\p{N}]{3,}/gu) ?? []);
}

/**
 * Tells the customer, once per conversation, that a card number, SSN or IBAN was removed. The outbox key
 * keeps a redelivery from sending it twice; the marker on the conversation keeps later messages from it.
 */
async function noticeSensitiveDataRemoved(
  deps: WorkerDeps,
  conversation: Conversation,
): Promise<Conversation> {
  await sendToCustomer(deps, {
    conversation,
    text: messagesFor(deps.settings, conversation.language).sensitiveDataRemoved,
    author: 'system',
    idempotencyKey: `sensitive#${conversation.id}`,
  });
  return updateConversation(deps, conversation.id, (current) =>
    current.sensitiveDataNoticeAt
      ? undefined
      : { ...current, sensitiveDataNoticeAt: deps.clock.now().toISOString() },
  );
}
