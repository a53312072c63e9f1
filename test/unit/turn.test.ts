/**
 * The worker's decision function, table-driven: state in, next state and effects out. No fakes: the
 * decision is pure, and the model's answer is given as data.
 */
import { describe, expect, it } from 'vitest';
import type { Case, Conversation, ConversationEvent, CustomerProfile, Message } from '#core/model.ts';
import type { TurnState } from '#core/ports.ts';
import type { ResponderResult } from '#core/responder.ts';
import {
  decideTurn,
  type ModelAnswer,
  type TurnContext,
  type TurnDecision,
  type TurnStep,
} from '#core/turn.ts';
import { parseBusinessSettings } from '#shared/business-settings.ts';
import businessConfig from '../../config/business.ts';
import { slackDeskRef } from '../../functions/adapters/slack-desk-ref.ts';

const settings = parseBusinessSettings(businessConfig);
// A Monday within business hours.
const now = new Date('2026-01-05T15:00:00.000Z');
const customer = '+15550001111';
const business = '+15550002222';
const conversationId = `sms|${customer}|${business}`;

const event: ConversationEvent = {
  type: 'customer_message',
  eventId: 'SM1',
  conversationId,
  messageId: 'SM1',
  key: { channel: 'sms', customerAddress: customer, businessAddress: business },
};

function conversation(extra: Partial<Conversation> = {}): Conversation {
  return {
    id: conversationId,
    channel: 'sms',
    customerAddress: customer,
    businessAddress: business,
    mode: 'ai',
    version: 4,
    openedAt: '2026-01-05T14:00:00.000Z',
    updatedAt: '2026-01-05T14:00:00.000Z',
    customerTurns: 1,
    lastInboundAt: '2026-01-05T14:00:00.000Z',
    language: 'en',
    ...extra,
  };
}

function inbound(text: string, extra: Partial<Message> = {}): Message {
  return {
    conversationId,
    messageId: 'SM1',
    at: '2026-01-05T14:59:59.000Z',
    direction: 'inbound',
    author: 'customer',
    text,
    ...extra,
  };
}

function profile(extra: Partial<CustomerProfile> = {}): CustomerProfile {
  return { customerAddress: customer, facts: {}, pastCases: [], optedOut: false, version: 2, ...extra };
}

const claimedCase: Case = {
  caseId: 'case-SM0',
  conversationId,
  status: 'claimed',
  version: 3,
  openedAt: '2026-01-05T14:00:00.000Z',
  priority: 'normal',
  deskRef: slackDeskRef('C1', '1.0'),
  packet: {
    caseId: 'case-SM0',
    conversationId,
    channel: 'sms',
    customerAddress: customer,
    reason: 'customer_request',
    priority: 'normal',
    summary: 's',
    tried: 't',
    sentimentTrend: [0],
    lastCustomerMessage: 'm',
    suggestedNextStep: 'n',
    openedAt: '2026-01-05T14:00:00.000Z',
  },
};

const reply = (text: string, extra: Partial<ResponderResult> = {}): ResponderResult =>
  ({
    kind: 'reply',
    text,
    passages: ['shipping'],
    tokens: { input: 100, output: 20 },
    facts: {},
    modelCalls: 1,
    flags: [],
    ...extra,
  }) as ResponderResult;

const escalation: ResponderResult = {
  kind: 'escalate',
  reason: 'model_request',
  priority: 'high',
  summary: 'Wants a refund above the limit',
  passages: [],
  tokens: { input: 120, output: 10 },
  facts: {},
  modelCalls: 1,
  flags: [],
} as unknown as ResponderResult;

function decided(step: TurnStep): TurnDecision {
  if (step.kind !== 'decided') throw new Error(`expected a decision, got ${step.kind}`);
  return step.decision;
}

interface Row {
  name: string;
  state: Omit<TurnState, 'message'> & { message: Message };
  kase?: Case;
  /** Overrides of the decision's context (settings, a model that sees images). */
  context?: Partial<Omit<TurnContext, 'event' | 'now' | 'kase'>>;
  /** The model's answer, when the decision asks for one. */
  answer?: ModelAnswer;
  /** The purpose the decision must ask the model for (none: decided without the model). */
  asks?: 'reply' | 'suggestion';
  expect: {
    outcome: TurnDecision['outcome'];
    mode: Conversation['mode'];
    version: number;
    sends: string[];
    lifecycle: string[];
    threadPosts?: string[];
    newCase?: boolean;
    profile?: Partial<CustomerProfile> | 'unchanged';
    flags?: string[];
    tokens?: number;
  };
}

const rows: Row[] = [
  {
    name: 'a first message opens the conversation and is answered by the AI',
    state: { history: [inbound('How much is shipping?')], message: inbound('How much is shipping?') },
    asks: 'reply',
    answer: reply('Standard shipping is $5.'),
    expect: {
      outcome: 'replied',
      mode: 'ai',
      version: 1,
      sends: ['reply#SM1'],
      lifecycle: ['opened', 'customer_message', 'ai_reply'],
      // A customer in the default language costs no profile write.
      profile: 'unchanged',
      tokens: 120,
    },
  },
  {
    name: 'a follow-up is answered; the stored conversation moves one version up and the profile is not written',
    state: {
      conversation: conversation(),
      profile: profile({ language: 'en' }),
      history: [inbound('And returns?')],
      message: inbound('And returns?'),
    },
    asks: 'reply',
    answer: reply('Returns are free within 30 days.'),
    expect: {
      outcome: 'replied',
      mode: 'ai',
      version: 5,
      sends: ['reply#SM1'],
      lifecycle: ['customer_message', 'ai_reply'],
      profile: 'unchanged',
    },
  },
  {
    name: 'the model hands over: the conversation is queued under a new case and the customer is told',
    state: {
      conversation: conversation(),
      profile: profile(),
      history: [inbound('I need a refund of $900')],
      message: inbound('I need a refund of $900'),
    },
    asks: 'reply',
    answer: escalation,
    expect: {
      outcome: 'escalated',
      mode: 'queued',
      version: 5,
      sends: ['escalated#case-SM1'],
      lifecycle: ['customer_message', 'escalated'],
      newCase: true,
    },
  },
  {
    name: 'an explicit request for a person: the responder hands over without a model call, nothing spent',
    state: {
      conversation: conversation(),
      profile: profile(),
      history: [inbound('I want to talk to a human agent now')],
      message: inbound('I want to talk to a human agent now'),
    },
    asks: 'reply',
    answer: {
      ...escalation,
      reason: 'customer_request',
      modelCalls: 0,
      tokens: { input: 0, output: 0 },
    } as ResponderResult,
    expect: {
      outcome: 'escalated',
      mode: 'queued',
      version: 5,
      sends: ['escalated#case-SM1'],
      lifecycle: ['customer_message', 'escalated'],
      newCase: true,
      tokens: 0,
    },
  },
  {
    name: 'STOP opts the customer out, sends nothing and tells the thread when a card exists',
    state: {
      conversation: conversation({ mode: 'agent', caseId: 'case-SM0' }),
      profile: profile(),
      history: [inbound('STOP')],
      message: inbound('STOP'),
    },
    kase: claimedCase,
    expect: {
      outcome: 'opted_out',
      mode: 'agent',
      version: 5,
      sends: [],
      lifecycle: [],
      threadPosts: ['opt-out#SM1'],
      profile: { optedOut: true, version: 3 },
      flags: ['opt_out'],
    },
  },
  {
    name: 'HELP is answered by the fixed help text, not the model',
    state: {
      conversation: conversation(),
      profile: profile(),
      history: [inbound('HELP')],
      message: inbound('HELP'),
    },
    expect: { outcome: 'help', mode: 'ai', version: 5, sends: ['help#SM1'], lifecycle: [] },
  },
  {
    name: 'a survey answer is recorded and thanked, and the survey is no longer pending',
    state: {
      conversation: conversation({ customerTurns: 0 }),
      profile: profile({ pendingSurvey: { caseId: 'case-SM0', askedAt: '2026-01-05T14:30:00.000Z' } }),
      history: [inbound('5')],
      message: inbound('5'),
    },
    expect: {
      outcome: 'survey_answer',
      mode: 'ai',
      version: 5,
      sends: ['survey#SM1'],
      lifecycle: ['satisfaction'],
      profile: { pendingSurvey: undefined, version: 3 },
    },
  },
  {
    name: 'a card number removed at the webhook: the customer is told once, before the reply',
    state: {
      conversation: conversation(),
      profile: profile(),
      history: [inbound('my card is [card ending 1881]', { flags: ['pii_removed:card'] })],
      message: inbound('my card is [card ending 1881]', { flags: ['pii_removed:card'] }),
    },
    asks: 'reply',
    answer: reply('Thanks, I will not need it.'),
    expect: {
      outcome: 'replied',
      mode: 'ai',
      version: 5,
      sends: [`sensitive#${conversationId}`, 'reply#SM1'],
      lifecycle: ['customer_message', 'ai_reply'],
    },
  },
  {
    name: 'while an agent owns the conversation the message goes to the thread with a suggestion',
    state: {
      conversation: conversation({ mode: 'agent', caseId: 'case-SM0' }),
      profile: profile(),
      history: [inbound('Any news on my order?')],
      message: inbound('Any news on my order?'),
    },
    kase: claimedCase,
    asks: 'suggestion',
    answer: reply('It ships tomorrow.'),
    expect: {
      outcome: 'to_agents',
      mode: 'agent',
      version: 5,
      sends: [],
      lifecycle: ['customer_message'],
      threadPosts: ['(forward)', 'suggestion-SM1'],
    },
  },
  {
    name: 'a suggestion that failed leaves only the forward',
    state: {
      conversation: conversation({ mode: 'agent', caseId: 'case-SM0' }),
      profile: profile(),
      history: [inbound('Hello?')],
      message: inbound('Hello?'),
    },
    kase: claimedCase,
    asks: 'suggestion',
    answer: { kind: 'failed' },
    expect: {
      outcome: 'to_agents',
      mode: 'agent',
      version: 5,
      sends: [],
      lifecycle: ['customer_message'],
      threadPosts: ['(forward)'],
      tokens: 0,
    },
  },
  {
    name: 'a queued conversation whose card is not posted yet sends nothing to the thread',
    state: {
      conversation: conversation({ mode: 'queued', caseId: 'case-SM0' }),
      profile: profile(),
      history: [inbound('Still there?')],
      message: inbound('Still there?'),
    },
    kase: { ...claimedCase, status: 'queued', deskRef: undefined },
    expect: {
      outcome: 'to_agents',
      mode: 'queued',
      version: 5,
      sends: [],
      lifecycle: ['customer_message'],
      threadPosts: [],
    },
  },
  {
    name: 'past the conversation budget the AI is not asked and a person takes over',
    state: {
      conversation: conversation({
        usage: { windowStart: '2026-01-05T14:30:00.000Z', calls: 10_000, tokens: 10_000_000 },
      }),
      profile: profile(),
      history: [inbound('One more question')],
      message: inbound('One more question'),
    },
    expect: {
      outcome: 'escalated',
      mode: 'queued',
      version: 5,
      sends: ['escalated#case-SM1'],
      lifecycle: ['customer_message', 'escalated'],
      newCase: true,
    },
  },
  {
    name: 'past the deployment hourly token ceiling the AI is not asked and a person takes over',
    state: {
      conversation: conversation(),
      profile: profile(),
      history: [inbound('What are your hours?')],
      message: inbound('What are your hours?'),
      usage: { tokens: Number.MAX_SAFE_INTEGER, messages: 0 },
    },
    expect: {
      outcome: 'escalated',
      mode: 'queued',
      version: 5,
      sends: ['escalated#case-SM1'],
      lifecycle: ['customer_message', 'escalated'],
      newCase: true,
    },
  },
  {
    name: 'a picture without text the model cannot see goes to a person, who gets it in the thread',
    state: {
      conversation: conversation(),
      profile: profile(),
      history: [inbound('', { media: [{ url: 'https://api.twilio.com/m/1', contentType: 'image/jpeg' }] })],
      message: inbound('', { media: [{ url: 'https://api.twilio.com/m/1', contentType: 'image/jpeg' }] }),
    },
    expect: {
      outcome: 'escalated',
      mode: 'queued',
      version: 5,
      sends: ['escalated#case-SM1'],
      lifecycle: ['customer_message', 'escalated'],
      newCase: true,
    },
  },
  {
    name: 'with escalateOnAttachment off, a picture without text gets the polite attachment answer',
    state: {
      conversation: conversation(),
      profile: profile(),
      history: [inbound('', { media: [{ url: 'https://api.twilio.com/m/1', contentType: 'image/jpeg' }] })],
      message: inbound('', { media: [{ url: 'https://api.twilio.com/m/1', contentType: 'image/jpeg' }] }),
    },
    context: {
      settings: { ...settings, escalation: { ...settings.escalation, escalateOnAttachment: false } },
    },
    expect: {
      outcome: 'attachment',
      mode: 'ai',
      version: 5,
      sends: ['reply#SM1'],
      lifecycle: ['customer_message'],
    },
  },
  {
    name: 'a picture without text goes to a model that can look at it',
    state: {
      conversation: conversation(),
      profile: profile(),
      history: [inbound('', { media: [{ url: 'https://api.twilio.com/m/1', contentType: 'image/jpeg' }] })],
      message: inbound('', { media: [{ url: 'https://api.twilio.com/m/1', contentType: 'image/jpeg' }] }),
    },
    context: { modelSeesImages: true },
    asks: 'reply',
    answer: reply('That is the right return label.'),
    expect: {
      outcome: 'replied',
      mode: 'ai',
      version: 5,
      sends: ['reply#SM1'],
      lifecycle: ['customer_message', 'ai_reply'],
    },
  },
];

describe('decideTurn', () => {
  it.each(rows)('$name', (row) => {
    const context: TurnContext = {
      settings,
      now,
      event,
      ...(row.kase ? { kase: row.kase } : {}),
      ...row.context,
    };
    let step = decideTurn(row.state, context);
    if (row.asks) {
      expect(step.kind).toBe('ask_model');
      if (step.kind === 'ask_model') expect(step.ask.purpose).toBe(row.asks);
      step = decideTurn(row.state, context, row.answer);
    }
    const decision = decided(step);
    const want = row.expect;
    expect(decision.outcome).toBe(want.outcome);
    expect(decision.conversation.mode).toBe(want.mode);
    expect(decision.conversation.version).toBe(want.version);
    expect(decision.created).toBe(!row.state.conversation);
    expect(decision.sends.map((send) => send.idempotencyKey)).toEqual(want.sends);
    expect(decision.lifecycle.map((item) => item.type)).toEqual(want.lifecycle);
    if (want.threadPosts) {
      expect(decision.threadJobs.map((job) => job.post?.key ?? '(forward)')).toEqual(want.threadPosts);
    }
    expect(!!decision.newCase).toBe(!!want.newCase);
    if (decision.newCase && row.state.message.media?.length)
      expect(decision.newCase.packet.reason).toBe('attachment');
    if (want.profile === 'unchanged') expect(decision.profile).toBeUndefined();
    else if (want.profile) expect(decision.profile).toMatchObject(want.profile);
    if (want.flags) expect(decision.handled.flags).toEqual(want.flags);
    if (want.tokens !== undefined) expect(decision.tokens).toBe(want.tokens);
  });
});

describe('decideTurn details', () => {
  const state = {
    conversation: conversation(),
    profile: profile(),
    history: [inbound('I need a refund of $900')],
    message: inbound('I need a refund of $900'),
  };

  it('an escalation carries its case, whose packet the worker publishes after the commit', () => {
    const decision = decided(decideTurn(state, { settings, now, event }, escalation));
    expect(decision.newCase).toMatchObject({
      caseId: 'case-SM1',
      status: 'queued',
      version: 1,
      priority: 'high',
      packet: { reason: 'model_request', customerAddress: customer },
    });
    expect(decision.conversation.caseId).toBe('case-SM1');
    expect(decision.newCase?.packet.summary).toContain('Wants a refund above the limit');
  });

  it('a fact the model remembers lands on the profile only when its key is allowed', () => {
    const [allowed] = settings.customerFacts.allowedKeys;
    const answer = reply('Noted.', { facts: { [allowed as string]: 'yes', password: 'hunter2' } });
    const decision = decided(decideTurn(state, { settings, now, event }, answer));
    expect(decision.profile?.facts).toEqual({ [allowed as string]: 'yes' });
    expect(decision.profile?.version).toBe(3);
  });

  it('the reply records the conversation usage of the turn', () => {
    const decision = decided(decideTurn(state, { settings, now, event }, reply('Sure.')));
    expect(decision.conversation.usage).toMatchObject({ calls: 1, tokens: 120 });
    expect(decision.handled.sentiment).toBeTypeOf('number');
  });

  it('the same state and answer give the same decision (a retried commit decides the same)', () => {
    const a = decided(decideTurn(state, { settings, now, event }, reply('Sure.')));
    const b = decided(decideTurn(state, { settings, now, event }, reply('Sure.')));
    expect(b).toEqual(a);
  });
});

describe('the answer alongside a hand-over', () => {
  // The guardrails hand this to a person (an explicit request) and it also asks something.
  const text = 'I want to talk to a person. How long does standard shipping take?';
  const state = (extra: Partial<TurnState> = {}): TurnState & { message: Message } => ({
    conversation: conversation(),
    profile: profile(),
    history: [inbound(text)],
    message: inbound(text),
    ...extra,
  });
  const asked = (step: TurnStep) => {
    if (step.kind !== 'ask_model') throw new Error(`expected a model ask, got ${step.kind}`);
    return step.ask.input;
  };

  it('is asked for within the conversation budget and the deployment ceilings', () => {
    const input = asked(decideTurn(state(), { settings, now, event }));
    expect(input.verdict.escalation?.reason).toBe('customer_request');
    expect(input.answerAlongside).toBe(true);
  });

  it('is not asked for past the deployment hourly token ceiling: the hand-over goes alone', () => {
    const input = asked(
      decideTurn(state({ usage: { tokens: Number.MAX_SAFE_INTEGER, messages: 0 } }), {
        settings,
        now,
        event,
      }),
    );
    expect(input.verdict.escalation?.reason).toBe('customer_request');
    expect(input.answerAlongside).toBeUndefined();
  });

  it('is not asked for past the deployment hourly message ceiling', () => {
    const input = asked(
      decideTurn(state({ usage: { tokens: 0, messages: Number.MAX_SAFE_INTEGER } }), {
        settings,
        now,
        event,
      }),
    );
    expect(input.answerAlongside).toBeUndefined();
  });

  it('is not asked for past the conversation budget', () => {
    const spent = conversation({
      usage: { windowStart: '2026-01-05T14:30:00.000Z', calls: 10_000, tokens: 10_000_000 },
    });
    const input = asked(decideTurn(state({ conversation: spent }), { settings, now, event }));
    expect(input.answerAlongside).toBeUndefined();
  });

  it('goes out first, flagged and with its passages, then the notice; the card says what was answered', () => {
    const handOver = {
      ...escalation,
      reason: 'customer_request',
      reply: '',
      passages: ['shipping'],
      answer: { text: 'Standard shipping takes 3-5 business days.', flags: ['answered_alongside'] },
    } as ResponderResult;
    const decision = decided(decideTurn(state(), { settings, now, event }, handOver));
    expect(decision.sends.map((send) => [send.idempotencyKey, send.author])).toEqual([
      ['reply#SM1', 'ai'],
      ['escalated#case-SM1', 'system'],
    ]);
    expect(decision.sends[0]).toMatchObject({
      text: 'Standard shipping takes 3-5 business days.',
      extra: { passages: ['shipping'], flags: ['answered_alongside'] },
    });
    expect(decision.lifecycle.map((item) => item.type)).toEqual([
      'customer_message',
      'ai_reply',
      'escalated',
    ]);
    expect(decision.newCase?.packet.tried).toContain('Standard shipping takes 3-5 business days.');
  });
});
