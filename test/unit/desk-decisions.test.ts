/**
 * The pure decisions of the desk paths (load once, decide, write once): what a closed case leaves on the
 * profile, who may reply to the customer as the case says, what a refused reply tells the agent, the
 * closing figures and the card's view from state already loaded.
 */
import { describe, expect, it } from 'vitest';
import type { Case, Conversation, CustomerProfile, Message } from '#core/model.ts';
import { replyRefusal, UNKNOWN_CASE } from '#core/use-cases/carry-out-desk-command.ts';
import { CARD_TRANSCRIPT, caseViewOf } from '#core/use-cases/case-view.ts';
import { closingFiguresOf, emptyProfile } from '#core/use-cases/conversations.ts';
import { caseOwnershipRefusal, caseRemembered } from '#core/use-cases/desk-actions.ts';

const AT = '2026-12-02T15:00:00.000Z';
const ana = { id: 'UANA', name: 'ana' };

const kase = (fields: Partial<Case> = {}): Case =>
  ({
    caseId: 'case_1',
    conversationId: 'sms|+15557000001|+15550100000',
    status: 'claimed',
    owner: ana,
    version: 2,
    priority: 'normal',
    openedAt: '2026-12-02T14:00:00.000Z',
    packet: { summary: 'wants a refund', customerAddress: '+15557000001' },
    ...fields,
  }) as Case;

const profile = (fields: Partial<CustomerProfile> = {}): CustomerProfile => ({
  ...emptyProfile('+15557000001'),
  version: 3,
  ...fields,
});

const past = (caseId: string) => ({
  caseId,
  summary: `s ${caseId}`,
  outcome: 'solved' as const,
  resolvedAt: AT,
});

describe('caseRemembered: what a closed case leaves on the profile', () => {
  it.each([
    ['a new case with a survey: past case and pending survey', profile(), true, ['case_1'], 'case_1'],
    ['a new case without a survey: past case only', profile(), false, ['case_1'], undefined],
    [
      'the sixth past case: the oldest is dropped',
      profile({ pastCases: ['a', 'b', 'c', 'd', 'e'].map(past) }),
      false,
      ['b', 'c', 'd', 'e', 'case_1'],
      undefined,
    ],
    [
      'already remembered, survey asked for another case: asked for this one',
      profile({ pastCases: [past('case_1')], pendingSurvey: { caseId: 'old', askedAt: AT } }),
      true,
      ['case_1'],
      'case_1',
    ],
  ])('%s', (_, current, survey, pastCases, pendingSurvey) => {
    const changes = caseRemembered(current, kase(), 'solved', survey, AT);
    expect(changes?.pastCases?.map((item) => item.caseId)).toEqual(pastCases);
    expect(changes?.pendingSurvey?.caseId).toBe(pendingSurvey);
  });

  it.each([
    ['remembered, no survey', profile({ pastCases: [past('case_1')] }), false],
    [
      'remembered and asked',
      profile({ pastCases: [past('case_1')], pendingSurvey: { caseId: 'case_1', askedAt: AT } }),
      true,
    ],
  ])('%s: nothing changes (a repeated Resolve writes no profile)', (_, current, survey) => {
    expect(caseRemembered(current, kase(), 'solved', survey, AT)).toBeUndefined();
  });
});

describe('caseOwnershipRefusal: who may reply to the customer, as the case says', () => {
  it.each([
    ['the owner of a claimed case', kase(), 'UANA', undefined],
    ['another agent on a claimed case', kase(), 'UBOB', 'not_owner'],
    ['anyone on a queued case', kase({ status: 'queued', owner: undefined }), 'UANA', 'queued'],
    ['the resolver of a resolved case', kase({ status: 'resolved' }), 'UANA', 'closed'],
  ] as const)('%s: %s', (_, current, agentId, refusal) => {
    expect(caseOwnershipRefusal(current, agentId)).toBe(refusal);
  });
});

describe('replyRefusal: what a refused reply tells its agent', () => {
  it.each([
    ['closed', ana, UNKNOWN_CASE, undefined],
    [
      'queued',
      undefined,
      'Not sent: nobody owns this conversation yet. Claim it to reply to the customer.',
      [{ kind: 'claim', caseId: 'case_1' }],
    ],
    [
      'not_owner',
      { id: 'UBOB', name: 'bob' },
      'Kept as an internal note: @bob owns this conversation.',
      undefined,
    ],
    ['not_owner', undefined, 'Kept as an internal note: another agent owns this conversation.', undefined],
  ] as const)('%s (owner %j)', (refusal, owner, text, actions) => {
    expect(replyRefusal(refusal, owner, 'case_1')).toEqual({ text, ...(actions ? { actions } : {}) });
  });
});

const message = (n: number, fields: Partial<Message> = {}): Message =>
  ({
    conversationId: 'sms|+15557000001|+15550100000',
    messageId: `m${n}`,
    at: new Date(Date.parse('2026-12-02T10:00:00.000Z') + n * 60_000).toISOString(),
    direction: 'inbound',
    author: 'customer',
    text: `message ${n}`,
    ...fields,
  }) as Message;

describe('closingFiguresOf: effort and sentiment at resolution', () => {
  const conversation = { customerTurns: 4 } as Conversation;
  it.each([
    ['no sentiment anywhere', [message(1), message(2)], undefined],
    ['the last customer sentiment', [message(1, { sentiment: -0.5 }), message(2, { sentiment: 0.25 })], 0.25],
    [
      "an agent's message after it does not count",
      [message(1, { sentiment: -0.5 }), message(2, { author: 'agent', sentiment: 0.9 })],
      -0.5,
    ],
    [
      'only the last 20 messages are looked at',
      [message(0, { sentiment: -1 }), ...Array.from({ length: 20 }, (_, i) => message(i + 1))],
      undefined,
    ],
  ])('%s', (_, messages, sentimentEnd) => {
    expect(closingFiguresOf(conversation, messages)).toEqual({
      customerTurns: 4,
      ...(sentimentEnd !== undefined ? { sentimentEnd } : {}),
    });
  });
});

describe("caseViewOf: the card's view from state already loaded", () => {
  const now = new Date('2026-12-02T12:00:00.000Z');
  const conversation = (fields: Partial<Conversation>) =>
    ({ id: 'c', channel: 'sms', mode: 'agent', ...fields }) as Conversation;
  it.each([
    ['SMS: no window', conversation({ language: 'es' }), undefined, 'es', undefined],
    [
      'WhatsApp: minutes left in the 24-hour window',
      conversation({ channel: 'whatsapp', lastInboundAt: '2026-12-02T11:00:00.000Z' }),
      undefined,
      undefined,
      23 * 60,
    ],
    [
      'the language from the profile when the conversation has none',
      conversation({}),
      profile({ language: 'fr' }),
      'fr',
      undefined,
    ],
  ])('%s', (_, current, known, language, windowMinutesLeft) => {
    const view = caseViewOf(
      { kase: kase(), conversation: current, ...(known ? { profile: known } : {}), history: [] },
      now,
    );
    expect(view.language).toBe(language);
    expect(view.windowMinutesLeft).toBe(windowMinutesLeft);
    expect(view.profile).toBe(known);
  });

  it('the transcript: the last 30 messages, suggestions left out, card numbers redacted', () => {
    const history = [
      ...Array.from({ length: CARD_TRANSCRIPT + 5 }, (_, i) => message(i)),
      message(99, { author: 'ai', direction: 'outbound', flags: ['suggestion'], text: 'suggested' }),
      message(100, { text: 'card 4111 1111 1111 1111' }),
    ];
    const view = caseViewOf({ kase: kase(), history }, now);
    expect(view.transcript).toHaveLength(CARD_TRANSCRIPT - 1);
    expect(view.transcript.some((line) => line.text === 'suggested')).toBe(false);
    expect(view.transcript.at(-1)?.text).not.toContain('4111 1111 1111 1111');
  });
});
