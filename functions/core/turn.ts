/**
 * The customer turn's decision: a pure function from the state the worker loaded (conversation, profile,
 * recent messages, the hour's usage), the message and, once asked for, the model's answer, to the next
 * state and the effects (sends, thread posts, an escalation). No I/O: the worker
 * (`use-cases/handle-customer-message.ts`) loads once, calls {@link decideTurn}, calls the model when the
 * decision asks for it and decides again with the answer, then sends and commits once.
 *
 * Steps, in order:
 * 1. Open the conversation on a first message; note the inbound time (WhatsApp window), the name and the
 *    language (detected among the served ones; kept when a message is too short to tell).
 * 2. Tell the customer once that a card number, SSN or IBAN was removed.
 * 3. Opt-out keywords (STOP / START / HELP) and survey answers are handled without the AI.
 * 4. Input guardrails: normalize, redact PII, detect injection/abuse, score sentiment, find triggers.
 * 5. Mode `queued`/`agent`: the message goes to the case's Slack thread (through the notifier), and the
 *    owner gets an AI suggestion within the same budgets and ceilings as AI replies.
 * 6. Mode `ai`: budget and global ceiling checks, the responder (model + output guardrails), then reply or
 *    escalate.
 */
import type { BusinessSettings } from '../shared/business-settings.ts';
import { messagesFor, servedLanguage } from './customer-messages.ts';
import { describeTried, summarizeForAgent, withContext } from './escalation-summary.ts';
import { checkBudget, checkCeilings, hourOf, totalTokens } from './guardrails/budget.ts';
import { rememberFacts } from './guardrails/customer-facts.ts';
import { checkInput } from './guardrails/index.ts';
import { redactPii } from './guardrails/pii.ts';
import { hasPiiRemovedFlag } from './guardrails/pii-at-rest.ts';
import { screenProfileName } from './guardrails/profile-name.ts';
import { nextLanguage } from './language.ts';
import type {
  Case,
  Conversation,
  ConversationEvent,
  CustomerProfile,
  LifecycleEvent,
  Message,
} from './model.ts';
import { conversationIdOf } from './model.ts';
import { classifyKeyword } from './opt-out.ts';
import type { ThreadJob, TurnState } from './ports.ts';
import type { ResponderInput, ResponderResult } from './responder.ts';
import { emptyProfile } from './use-cases/conversations.ts';
import { type EscalationRequest, planEscalation } from './use-cases/escalate-conversation.ts';

/** The mark on a customer message the worker has handled: a redelivery does nothing twice. */
export const PROCESSED = 'processed';
/** The flag on an AI suggestion for the agent (a message never sent to the customer). */
export const SUGGESTION = 'suggestion';
/** Messages of the prompt's history (and of the turn's load). */
export const HISTORY = 40;
const SUGGESTIONS_PAUSED =
  'The AI has reached its budget for now, so there are no more suggested replies in this thread.';
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

/** What the decision knows besides the loaded state. */
export interface TurnContext {
  settings: BusinessSettings;
  now: Date;
  event: ConversationEvent;
  /** The conversation's case, when it has one (needed while people hold the conversation). */
  kase?: Case;
  /** The model can look at the customer's photos (Claude); the offline responder cannot. */
  modelSeesImages?: boolean;
}

/** A message to the customer, through the outbound gate. */
export interface SendIntent {
  idempotencyKey: string;
  text: string;
  author: 'ai' | 'system';
  extra?: Partial<Message>;
}

/** The outcome of a turn: next state and effects. */
export interface TurnDecision {
  outcome: HandlingOutcome;
  /** The conversation's next state (version one above the stored one, or 1 when created). */
  conversation: Conversation;
  created: boolean;
  /** The profile's next state, when it changed. */
  profile?: CustomerProfile;
  /** What the handling learned about the message (stored with the processed mark). */
  handled: { flags: string[]; sentiment?: number };
  lifecycle: LifecycleEvent[];
  /** Sends, in order. */
  sends: SendIntent[];
  /** The case an escalation opens (its packet is published once it is committed). */
  newCase?: Case;
  /** Posts in the case's thread, done by the notifier. */
  threadJobs: ThreadJob[];
  /** An AI suggestion for the owner, stored with the turn. */
  suggestion?: Message;
  /** Model tokens the turn used (the hourly ledger). */
  tokens: number;
}

/** The model call a turn needs before it can decide: a reply, or a suggestion for the owner. */
export interface ModelAsk {
  purpose: 'reply' | 'suggestion';
  input: ResponderInput;
}

/** The model's answer to a {@link ModelAsk}; `failed` when a suggestion could not be made. */
export type ModelAnswer = ResponderResult | { kind: 'failed' };

/** One step of the decision: decided, or the model must be asked first. */
export type TurnStep = { kind: 'decided'; decision: TurnDecision } | { kind: 'ask_model'; ask: ModelAsk };

/**
 * Decides the turn of `state.message` (stored, not yet processed). Without `answer` it may return an
 * `ask_model` step; called again with the model's answer to that ask, it decides.
 */
export function decideTurn(
  state: TurnState & { message: Message },
  context: TurnContext,
  answer?: ModelAnswer,
): TurnStep {
  const { settings, now, event } = context;
  const message = state.message;
  const stamp = now.toISOString();
  const created = !state.conversation;
  const stored = state.conversation ?? openedConversation(event, stamp);
  let conversation: Conversation = stored;
  const baseProfile = state.profile ?? emptyProfile(stored.customerAddress);
  let profile: CustomerProfile = baseProfile;
  const lifecycle: LifecycleEvent[] = [];
  const sends: SendIntent[] = [];
  const threadJobs: ThreadJob[] = [];
  const handled: TurnDecision['handled'] = {
    flags: (message.flags ?? []).filter((flag) => flag !== PROCESSED),
  };
  let tokens = 0;
  const event_ = (type: LifecycleEvent['type'], extra: Partial<LifecycleEvent> = {}): LifecycleEvent => ({
    conversationId: stored.id,
    channel: stored.channel,
    at: stamp,
    type,
    ...extra,
  });
  const done = (
    outcome: HandlingOutcome,
    extra: { newCase?: Case; suggestion?: Message } = {},
  ): TurnStep => ({
    kind: 'decided',
    decision: {
      outcome,
      conversation: { ...conversation, version: created ? 1 : stored.version + 1, updatedAt: stamp },
      created,
      ...(profile !== baseProfile ? { profile: { ...profile, version: baseProfile.version + 1 } } : {}),
      handled,
      lifecycle,
      sends,
      threadJobs,
      tokens,
      ...extra,
    },
  });

  // 1. The profile name is the customer's free text: capped, and not used at all when a guardrail flags it.
  const profileName = screenProfileName(event.profileName, settings.guardrails.maxProfileNameChars);
  // Keywords and survey answers are housekeeping: they neither start a visit nor count as a turn.
  const housekeeping = isHousekeeping(message, profile);
  // The conversation's language: what this message says when it is clear, else what was known. A keyword
  // (STOP, HELP) is a carrier word, not the customer's language.
  const known = servedLanguage(settings, conversation.language, profile.language);
  const language = housekeeping
    ? known
    : nextLanguage(message.text, known, settings.languages.supported, settings.languages.default);
  // Kept on the profile too, so the customer's next conversation starts in it; written only when it
  // changes what the profile says (an absent language means the default).
  if (profileName && profile.name !== profileName) profile = { ...profile, name: profileName };
  if (servedLanguage(settings, profile.language) !== language) profile = { ...profile, language };

  const firstOfVisit = !housekeeping && (created || (conversation.customerTurns ?? 0) === 0);
  if (firstOfVisit) {
    const reopened =
      !created &&
      conversation.lastResolvedAt !== undefined &&
      (Date.parse(message.at) - Date.parse(conversation.lastResolvedAt)) / 3_600_000 <=
        settings.metrics.reopenWindowHours;
    lifecycle.push(event_(reopened ? 'reopened' : 'opened', { at: message.at }));
  }
  conversation = {
    ...conversation,
    lastInboundAt: message.at > (conversation.lastInboundAt ?? '') ? message.at : conversation.lastInboundAt,
    customerName: profileName ?? conversation.customerName,
    language,
    customerTurns: (conversation.customerTurns ?? 0) + (housekeeping ? 0 : 1),
  };

  // 2. A card number, SSN or IBAN was removed at the webhook: the customer is told once per conversation.
  if (hasPiiRemovedFlag(message.flags) && !conversation.sensitiveDataNoticeAt) {
    sends.push({
      idempotencyKey: `sensitive#${conversation.id}`,
      text: messagesFor(settings, language).sensitiveDataRemoved,
      author: 'system',
    });
    conversation = { ...conversation, sensitiveDataNoticeAt: stamp };
  }

  // 3. Keywords and survey answers.
  const tellAgents = (key: string, text: string) => {
    if (conversation.caseId && context.kase?.deskRef && context.kase.caseId === conversation.caseId) {
      threadJobs.push({
        kind: 'thread',
        caseId: conversation.caseId,
        conversationId: conversation.id,
        post: { key, text },
      });
    }
  };
  const keyword = message.media?.length ? null : classifyKeyword(message.text);
  if (keyword === 'stop') {
    profile = { ...profile, optedOut: true, optedOutAt: stamp };
    handled.flags.push('opt_out');
    tellAgents(
      `opt-out#${message.messageId}`,
      'The customer opted out (STOP). Nothing more can be sent to them.',
    );
    return done('opted_out');
  }
  if (keyword === 'start') {
    if (profile.optedOut) profile = { ...profile, optedOut: false };
    handled.flags.push('opt_in');
    tellAgents(`opt-in#${message.messageId}`, 'The customer opted back in (START).');
    return done('opted_in');
  }
  const messages = messagesFor(settings, language);
  if (keyword === 'help') {
    sends.push({ idempotencyKey: `help#${message.messageId}`, text: messages.help, author: 'system' });
    return done('help');
  }
  if (profile.pendingSurvey) {
    const survey = profile.pendingSurvey;
    const score = SURVEY_ANSWER.exec(message.text)?.[1];
    profile = { ...profile, pendingSurvey: undefined };
    if (score) {
      lifecycle.push(event_('satisfaction', { caseId: survey.caseId, data: { score: Number(score) } }));
      sends.push({
        idempotencyKey: `survey#${message.messageId}`,
        text: messages.satisfactionThanks,
        author: 'system',
      });
      return done('survey_answer');
    }
  }

  // 4. Input guardrails.
  const history = state.history.filter((item) => !item.flags?.includes(SUGGESTION));
  const previous = history.filter((item) => item.messageId !== message.messageId);
  const verdict = checkInput(message.text, {
    settings,
    language,
    history: previous.map((item) => ({
      author: item.author,
      text: item.text,
      ...(item.sentiment !== undefined ? { sentiment: item.sentiment } : {}),
      ...(item.flags ? { flags: item.flags } : {}),
    })),
    abuseCountBefore: previous.filter((item) => item.flags?.includes('abuse')).length,
  });
  handled.flags.push(...verdict.flags);
  handled.sentiment = verdict.sentiment;
  lifecycle.push(
    event_('customer_message', {
      at: message.at,
      ...(conversation.caseId ? { caseId: conversation.caseId } : {}),
      data: {
        sentiment: verdict.sentiment,
        mode: conversation.mode,
        repeatAfterHandoff: conversation.mode !== 'ai' && repeatsEarlierMessage(verdict.text, previous),
      },
    }),
  );
  // The prompt sees redacted text only; the new message carries this turn's flags, so a flagged one is
  // withheld like earlier ones.
  const promptHistory: Message[] = [
    ...previous.map((item) =>
      item.author === 'customer' ? { ...item, text: redactPii(item.text).text } : item,
    ),
    { ...message, text: verdict.text, flags: [...(message.flags ?? []), ...verdict.flags] },
  ];
  const usage = currentUsage(conversation, now);
  const withinLimits = (ignoreCeiling: boolean) => {
    const budget = checkBudget({ callsInLastHour: usage.calls, tokensUsed: usage.tokens }, settings);
    const ceiling = ignoreCeiling || !state.usage ? { ok: true } : checkCeilings(state.usage, settings);
    return { budget, ceiling };
  };
  const spend = (result: ResponderResult) => {
    tokens = totalTokens(result.tokens);
    if (result.modelCalls > 0 || tokens > 0) {
      conversation = {
        ...conversation,
        usage: {
          windowStart: usage.windowStart,
          calls: usage.calls + result.modelCalls,
          tokens: usage.tokens + tokens,
        },
      };
    }
  };

  // 5. People hold the conversation: the message goes to the thread, the owner gets a suggestion.
  if (conversation.mode !== 'ai') {
    const kase = context.kase;
    // Without a card yet, the notifier shows this message: in the transcript, or when it catches up.
    if (!kase?.deskRef || kase.caseId !== conversation.caseId) return done('to_agents');
    const thread = { kind: 'thread', caseId: kase.caseId, conversationId: conversation.id } as const;
    threadJobs.push({ ...thread, upTo: message.at });
    // A message flagged as injection never reaches the model, not even for a suggestion.
    if (conversation.mode !== 'agent' || verdict.injection) return done('to_agents');
    const { budget, ceiling } = withinLimits(false);
    if (!budget.ok || !ceiling.ok) {
      // Posted once per case and hour: the notifier posts a key once.
      const paused = `suggestions-paused#${kase.caseId}#${hourOf(now)}`;
      threadJobs.push({ ...thread, post: { key: paused, text: SUGGESTIONS_PAUSED } });
      return done('to_agents');
    }
    if (!answer) {
      return ask('suggestion', {
        conversation,
        profile,
        history: promptHistory,
        // The AI drafts an answer even where, on its own, it would hand over.
        verdict: { ...verdict, escalation: undefined, safetyReply: undefined },
      });
    }
    // A suggestion is a convenience: when it fails, the agent answers anyway.
    if (answer.kind === 'failed') return done('to_agents');
    spend(answer);
    if (answer.kind !== 'reply') return done('to_agents');
    const suggestionId = `suggestion-${message.messageId}`;
    threadJobs.push({
      ...thread,
      upTo: message.at,
      post: {
        key: suggestionId,
        text: `Suggested reply: ${answer.text}`,
        actions: [{ kind: 'send_suggestion', caseId: kase.caseId, suggestionId }],
      },
    });
    return done('to_agents', {
      suggestion: {
        conversationId: conversation.id,
        messageId: suggestionId,
        at: stamp,
        direction: 'outbound',
        author: 'ai',
        text: answer.text,
        flags: [SUGGESTION],
        passages: answer.passages,
        tokens: answer.tokens,
      },
    });
  }

  // 6. The AI answers, or hands over.
  const media = message.media ?? [];
  const onlyMedia = media.length > 0 && !message.text.trim();
  const seen = context.modelSeesImages && media.every((item) => item.contentType.startsWith('image/'));
  if (onlyMedia && !seen && !settings.escalation.escalateOnAttachment) {
    sends.push({
      idempotencyKey: `reply#${message.messageId}`,
      text: messages.attachmentUnsupported,
      author: 'ai',
    });
    return done('attachment');
  }
  const escalation: Omit<EscalationRequest, 'reason' | 'priority' | 'summary' | 'tried'> = {
    conversation,
    triggeringMessageId: message.messageId,
    lastCustomerMessage: verdict.text,
    sentimentTrend: [
      ...previous.filter((m) => m.author === 'customer').map((m) => m.sentiment ?? 0),
      verdict.sentiment,
    ].slice(-5),
  };
  const escalate = (request: EscalationRequest): TurnStep => {
    const plan = planEscalation(settings, request, now);
    conversation = { ...plan.conversation };
    lifecycle.push(plan.event);
    sends.push({ ...plan.notice, author: 'system' });
    return done('escalated', { newCase: plan.kase });
  };
  // An attachment the model cannot look at, sent without words: a person looks at it (the notifier puts the
  // file in the thread) and the customer is told so.
  if (onlyMedia && !seen) {
    const kinds = [...new Set(media.map((item) => item.contentType || 'a file'))].join(', ');
    return escalate({
      ...escalation,
      reason: 'attachment',
      priority: 'normal',
      summary: withContext(`The customer sent ${kinds} without a message`, promptHistory),
      tried: describeTried(promptHistory),
    });
  }
  // Past a budget the AI stops; past the deployment's hourly ceilings too, until the hour ends. An
  // escalation the guardrails found goes ahead anyway.
  const { budget, ceiling } = withinLimits(!!verdict.escalation);
  if (!verdict.escalation && (!budget.ok || !ceiling.ok)) {
    return escalate({
      ...escalation,
      reason: 'budget_exceeded',
      priority: 'normal',
      summary: summarizeForAgent(promptHistory),
      tried: !budget.ok
        ? `The AI reached its ${budget.reason === 'calls' ? 'hourly call' : 'token'} budget for this conversation.`
        : `The AI is paused: the deployment reached its hourly ${'reason' in ceiling && ceiling.reason === 'messages' ? 'outbound message' : 'model token'} ceiling.`,
    });
  }
  if (!answer) {
    // A hand-over the guardrails decided may still carry the AI's answer, within the budget and ceilings.
    const strict = withinLimits(false);
    const answerAlongside = !!verdict.escalation && strict.budget.ok && strict.ceiling.ok;
    return ask('reply', {
      conversation,
      profile,
      history: promptHistory,
      verdict,
      ...(answerAlongside ? { answerAlongside } : {}),
    });
  }
  if (answer.kind === 'failed') throw new Error('the model answer for a reply cannot be "failed"');
  spend(answer);
  if (Object.keys(answer.facts).length > 0) {
    const remembered = rememberFacts(profile, answer.facts, settings.customerFacts, stamp);
    if (remembered.accepted.length) {
      profile = { ...profile, facts: remembered.facts, factsUpdatedAt: remembered.factsUpdatedAt };
    }
  }
  conversation = {
    ...conversation,
    handbackInstruction: undefined,
    ...(answer.rollingSummary ? { summary: answer.rollingSummary } : {}),
  };
  if (answer.kind === 'reply') {
    const fallback = answer.text === messages.fallback;
    // Kept on the reply: `fallback`/`dont_know` feed the repeated-failure trigger, the rest the inspector.
    aiReply(answer, answer.text, [...answer.flags, ...(fallback ? ['fallback'] : [])], fallback);
    return done('replied');
  }
  // The answer first, then the hand-over notice.
  if (answer.answer) aiReply(answer, answer.answer.text, answer.answer.flags, false);
  return escalate({
    ...escalation,
    conversation,
    reason: answer.reason,
    priority: answer.priority,
    summary: withContext(answer.summary, promptHistory),
    // The card says what the customer already read, so the agent neither repeats nor contradicts it.
    tried: answer.answer
      ? `The AI answered alongside the hand-over: "${answer.answer.text.slice(0, 200)}"`
      : describeTried(promptHistory),
    ...(answer.reply ? { customerReply: answer.reply } : {}),
  });

  /** The AI's reply to this message: its send (with passages, tokens and flags) and its `ai_reply` event. */
  function aiReply(
    from: { passages: string[]; tokens: ResponderResult['tokens'] },
    text: string,
    flags: string[],
    fallback: boolean,
  ): void {
    sends.push({
      idempotencyKey: `reply#${message.messageId}`,
      text,
      author: 'ai',
      extra: {
        passages: from.passages,
        tokens: from.tokens,
        ...(flags.length ? { flags: [...new Set(flags)] } : {}),
      },
    });
    lifecycle.push(
      event_('ai_reply', {
        data: {
          passages: from.passages.length,
          inputTokens: from.tokens.input,
          fallback,
          secondsSinceCustomer: (now.getTime() - Date.parse(message.at)) / 1000,
        },
      }),
    );
  }

  function ask(purpose: ModelAsk['purpose'], input: ResponderInput): TurnStep {
    return { kind: 'ask_model', ask: { purpose, input } };
  }
}

/** A conversation opened by its first message (mode `ai`). */
function openedConversation(event: ConversationEvent, now: string): Conversation {
  return {
    id: conversationIdOf(event.key),
    channel: event.key.channel,
    customerAddress: event.key.customerAddress,
    businessAddress: event.key.businessAddress,
    mode: 'ai',
    version: 1,
    openedAt: now,
    updatedAt: now,
    customerTurns: 0,
  };
}

/** STOP/START/HELP keywords and answers to a pending satisfaction question. */
function isHousekeeping(message: Message, profile: CustomerProfile): boolean {
  if (message.media?.length) return false;
  return (
    classifyKeyword(message.text) !== null || (!!profile.pendingSurvey && SURVEY_ANSWER.test(message.text))
  );
}

/** The conversation's AI usage in its current hour window (a new window once an hour has passed). */
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
