import { describe, expect, it } from 'vitest';
import { computeCxMetrics, episodesOf, percentile } from '#core/cx-metrics.ts';
import type { Channel, LifecycleEvent } from '#core/model.ts';

type Data = LifecycleEvent['data'];

/** One lifecycle event on 2025-03-03 (day 0) or a later day. */
function ev(
  conversationId: string,
  channel: Channel,
  at: string,
  type: LifecycleEvent['type'],
  data?: Data,
  caseId?: string,
): LifecycleEvent {
  const [day, time] = at.includes(' ') ? at.split(' ') : ['0', at];
  const date = new Date(Date.parse('2025-03-03T00:00:00.000Z') + Number(day) * 86_400_000)
    .toISOString()
    .slice(0, 10);
  return {
    conversationId,
    channel,
    at: `${date}T${time}.000Z`,
    type,
    ...(data ? { data } : {}),
    ...(caseId ? { caseId } : {}),
  };
}

const msg = (sentiment: number, mode: 'ai' | 'queued' | 'agent', repeatAfterHandoff = false): Data => ({
  sentiment,
  mode,
  repeatAfterHandoff,
});

/**
 * The scripted period: 2025-03-03 (day 0) and 2025-03-04 (day 1), reopen window 24 h.
 *  A  sms       AI answers twice, idle-resolved, never back                      → first-interaction resolution
 *  B  whatsapp  AI, idle-resolved 11:00; back next day 08:00 (21 h later)        → B1 not FIR; B2 (reopened) FIR
 *  C  whatsapp  escalated (customer_request), claimed, agent resolves, CSAT 4; the survey answer
 *               opens an empty visit that the sweeper idle-resolves              → that visit is not a conversation
 *  D  sms       escalated (negative_sentiment), claimed, released, claimed again, handed back
 *  E  sms       AI answers, still open
 *  F  sms       started before the period (no `opened` in the data)              → ignored
 *  G  sms       only a HELP keyword: opened, idle-resolved, no customer message  → ignored
 *  H  whatsapp  day 1, escalated (customer_request), never claimed
 */
const scripted: LifecycleEvent[] = [
  ev('A', 'sms', '09:00:00', 'opened'),
  ev('A', 'sms', '09:00:00', 'customer_message', msg(0.2, 'ai')),
  ev('A', 'sms', '09:00:04', 'ai_reply', {
    passages: 1,
    inputTokens: 900,
    fallback: false,
    secondsSinceCustomer: 4,
  }),
  ev('A', 'sms', '09:02:00', 'customer_message', msg(0.6, 'ai')),
  ev('A', 'sms', '09:02:02', 'ai_reply', {
    passages: 1,
    inputTokens: 950,
    fallback: false,
    secondsSinceCustomer: 2,
  }),
  ev('A', 'sms', '10:00:00', 'resolved', { by: 'idle', outcome: 'idle' }),

  ev('B', 'whatsapp', '10:00:00', 'opened'),
  ev('B', 'whatsapp', '10:00:00', 'customer_message', msg(-0.2, 'ai')),
  ev('B', 'whatsapp', '10:00:06', 'ai_reply', {
    passages: 2,
    inputTokens: 800,
    fallback: false,
    secondsSinceCustomer: 6,
  }),
  ev('B', 'whatsapp', '11:00:00', 'resolved', { by: 'idle', outcome: 'idle' }),
  ev('B', 'whatsapp', '1 08:00:00', 'reopened'),
  ev('B', 'whatsapp', '1 08:00:00', 'customer_message', msg(-0.4, 'ai')),
  ev('B', 'whatsapp', '1 08:00:03', 'ai_reply', {
    passages: 1,
    inputTokens: 820,
    fallback: false,
    secondsSinceCustomer: 3,
  }),
  ev('B', 'whatsapp', '1 09:00:00', 'resolved', { by: 'idle', outcome: 'idle' }),

  ev('C', 'whatsapp', '12:00:00', 'opened'),
  ev('C', 'whatsapp', '12:00:00', 'customer_message', msg(-0.5, 'ai')),
  ev('C', 'whatsapp', '12:00:05', 'escalated', { reason: 'customer_request', priority: 'normal' }, 'c1'),
  ev('C', 'whatsapp', '12:03:00', 'claimed', { waitSeconds: 175, agent: 'U1' }, 'c1'),
  ev('C', 'whatsapp', '12:04:00', 'first_agent_reply', { secondsSinceEscalation: 235 }, 'c1'),
  ev('C', 'whatsapp', '12:05:00', 'customer_message', msg(0.1, 'agent', true), 'c1'),
  ev(
    'C',
    'whatsapp',
    '12:20:05',
    'resolved',
    { by: 'agent', outcome: 'solved', agent: 'U1', secondsToResolution: 1200 },
    'c1',
  ),
  ev('C', 'whatsapp', '12:30:00', 'reopened'),
  ev('C', 'whatsapp', '12:30:00', 'satisfaction', { score: 4 }, 'c1'),
  ev(
    'C',
    'whatsapp',
    '12:31:00',
    'escalation_feedback',
    { question: 'escalation_needed', answer: true, agent: 'U1', reason: 'customer_request' },
    'c1',
  ),
  ev(
    'C',
    'whatsapp',
    '12:31:10',
    'escalation_feedback',
    { question: 'summary_accurate', answer: true, agent: 'U1', reason: 'customer_request' },
    'c1',
  ),
  ev('C', 'whatsapp', '13:30:00', 'resolved', { by: 'idle', outcome: 'idle' }),

  ev('D', 'sms', '14:00:00', 'opened'),
  ev('D', 'sms', '14:00:00', 'customer_message', msg(-0.8, 'ai')),
  ev('D', 'sms', '14:00:05', 'escalated', { reason: 'negative_sentiment', priority: 'high' }, 'c2'),
  ev('D', 'sms', '14:10:05', 'claimed', { waitSeconds: 600, agent: 'U2' }, 'c2'),
  ev('D', 'sms', '14:11:00', 'released', undefined, 'c2'),
  ev('D', 'sms', '14:15:05', 'claimed', { waitSeconds: 900, agent: 'U3' }, 'c2'),
  ev('D', 'sms', '14:16:05', 'first_agent_reply', { secondsSinceEscalation: 960 }, 'c2'),
  ev('D', 'sms', '14:17:00', 'customer_message', msg(0, 'agent'), 'c2'),
  ev('D', 'sms', '14:18:00', 'customer_message', msg(0.4, 'agent'), 'c2'),
  ev(
    'D',
    'sms',
    '14:40:05',
    'handed_back',
    { by: 'agent', outcome: 'solved', agent: 'U3', secondsToResolution: 2400 },
    'c2',
  ),
  ev(
    'D',
    'sms',
    '14:45:00',
    'escalation_feedback',
    { question: 'escalation_needed', answer: true, agent: 'U3', reason: 'negative_sentiment' },
    'c2',
  ),
  // The agent changes their mind: the last answer per case counts.
  ev(
    'D',
    'sms',
    '14:46:00',
    'escalation_feedback',
    { question: 'escalation_needed', answer: false, agent: 'U3', reason: 'negative_sentiment' },
    'c2',
  ),
  ev(
    'D',
    'sms',
    '14:46:10',
    'escalation_feedback',
    { question: 'summary_accurate', answer: true, agent: 'U3', reason: 'negative_sentiment' },
    'c2',
  ),

  ev('E', 'sms', '16:00:00', 'opened'),
  ev('E', 'sms', '16:00:00', 'customer_message', msg(0.3, 'ai')),
  ev('E', 'sms', '16:00:05', 'ai_reply', {
    passages: 1,
    inputTokens: 700,
    fallback: false,
    secondsSinceCustomer: 5,
  }),

  ev('F', 'sms', '01:00:00', 'customer_message', msg(-1, 'ai')),
  ev('F', 'sms', '01:00:09', 'ai_reply', {
    passages: 0,
    inputTokens: 600,
    fallback: true,
    secondsSinceCustomer: 9,
  }),
  ev('F', 'sms', '02:00:00', 'resolved', { by: 'idle', outcome: 'idle' }),

  ev('G', 'sms', '17:00:00', 'opened'),
  ev('G', 'sms', '18:00:00', 'resolved', { by: 'idle', outcome: 'idle' }),

  ev('H', 'whatsapp', '1 10:00:00', 'opened'),
  ev('H', 'whatsapp', '1 10:00:00', 'customer_message', msg(0, 'ai')),
  ev('H', 'whatsapp', '1 10:00:03', 'escalated', { reason: 'customer_request', priority: 'normal' }, 'c3'),
  ev(
    'H',
    'whatsapp',
    '1 10:05:00',
    'escalation_feedback',
    { question: 'escalation_needed', answer: true, agent: 'U1', reason: 'customer_request' },
    'c3',
  ),
];

const period = {
  reopenWindowHours: 24,
  since: '2025-03-03T00:00:00.000Z',
  until: '2025-03-05T00:00:00.000Z',
};

/** A deterministic shuffle, so the tests prove the order of the input does not matter. */
function shuffled<T>(items: T[]): T[] {
  const out = [...items];
  let seed = 7;
  for (let i = out.length - 1; i > 0; i--) {
    seed = (seed * 48271) % 2147483647;
    const j = seed % (i + 1);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

describe('computeCxMetrics on a scripted period', () => {
  const report = computeCxMetrics(shuffled(scripted), period);

  it('counts one conversation per visit that has a customer message, ignoring visits begun before the period', () => {
    // Visits: A, B1, B2, C1, D, E, H = 7. C's survey visit and G have no customer message; F has no start.
    expect(report.conversations).toBe(7);
    // Customers: A, B, C, D, E, H.
    expect(report.customers).toBe(6);
    // Closed: A, B1, B2 (idle), C1 (agent), D (handed back) = 5; open: E, H = 2.
    expect(report.resolvedConversations).toBe(5);
    expect(report.openConversations).toBe(2);
    expect(report.reopenedConversations).toBe(1); // B2
  });

  it('credits first-interaction resolution only to AI resolutions the customer did not come back on', () => {
    // AI (idle) resolutions: A, B1, B2. B1 ended 11:00, B came back at 08:00 next day: 21 h ≤ 24 h → not FIR.
    // FIR = {A, B2} = 2 of 7 conversations.
    expect(report.firstInteractionResolutions).toBe(2);
    expect(report.firstInteractionResolutionRate).toBeCloseTo(2 / 7, 10);
  });

  it('uses the reopen window it is given: a return after the window keeps the credit', () => {
    // With a 12 h window, B's return 21 h later no longer undoes B1: FIR = {A, B1, B2} = 3 of 7.
    const shortWindow = computeCxMetrics(scripted, { ...period, reopenWindowHours: 12 });
    expect(shortWindow.firstInteractionResolutions).toBe(3);
    expect(shortWindow.firstInteractionResolutionRate).toBeCloseTo(3 / 7, 10);
  });

  it('measures escalation rate, reasons and quality from the agents’ last answers', () => {
    // Escalated visits: C1, D, H = 3 of 7.
    expect(report.escalatedConversations).toBe(3);
    expect(report.escalations).toBe(3);
    expect(report.escalationRate).toBeCloseTo(3 / 7, 10);
    expect(report.escalationsByReason).toEqual({ customer_request: 2, negative_sentiment: 1 });
    // Needed: c1 yes, c2 yes→no (last answer no), c3 yes → 2 of 3.
    expect(report.escalationPrecision).toBeCloseTo(2 / 3, 10);
    expect(report.escalationFeedbackResponses).toBe(3);
    expect(report.escalationPrecisionByReason).toEqual({ customer_request: 1, negative_sentiment: 0 });
    // Summary accurate: c1 yes, c2 yes → 2 of 2.
    expect(report.summaryAccuracy).toBe(1);
    expect(report.summaryFeedbackResponses).toBe(2);
  });

  it('reports p50 and p90 of each speed figure, counting only the first claim of a case', () => {
    // First AI reply per visit: A 4, B1 6, B2 3, E 5 → sorted 3,4,5,6.
    // p50 = (4+5)/2 = 4.5; p90: rank (4-1)*0.9 = 2.7 → 5 + 0.7*(6-5) = 5.7.
    expect(report.speed.firstAiReplySeconds).toEqual({ count: 4, p50: 4.5, p90: expect.closeTo(5.7, 10) });
    // Claim: c1 175, c2 600 (the claim after the release, 900, is not counted).
    // p50 = (175+600)/2 = 387.5; p90 = 175 + 0.9*(600-175) = 557.5.
    expect(report.speed.timeToClaimSeconds).toEqual({ count: 2, p50: 387.5, p90: expect.closeTo(557.5, 10) });
    expect(report.medianTimeToClaimSeconds).toBe(387.5);
    // First human reply: 235, 960 → p50 597.5; p90 = 235 + 0.9*725 = 887.5.
    expect(report.speed.firstHumanReplySeconds).toEqual({
      count: 2,
      p50: 597.5,
      p90: expect.closeTo(887.5, 10),
    });
    // Resolution by an agent, from the escalation: C1 1200, D 2400 → p50 1800; p90 = 1200 + 0.9*1200 = 2280.
    expect(report.speed.timeToResolutionSeconds).toEqual({
      count: 2,
      p50: 1800,
      p90: expect.closeTo(2280, 10),
    });
    expect(report.medianTimeToResolutionSeconds).toBe(1800);
  });

  it('measures effort: turns to resolution, handoffs and repeats after a handoff', () => {
    // Customer messages in closed visits: A 2, B1 1, B2 1, C1 2, D 3 → 9 / 5 = 1.8.
    expect(report.averageCustomerTurnsToResolution).toBeCloseTo(1.8, 10);
    // Handoffs: escalations C1, D, H (3) + D's release (1) + D's hand-back (1) = 5 over 7 visits.
    expect(report.averageHandoffsPerConversation).toBeCloseTo(5 / 7, 10);
    // Escalated visits where the customer repeated themselves: C1 of {C1, D, H} → 1/3.
    expect(report.repeatAfterHandoffRate).toBeCloseTo(1 / 3, 10);
  });

  it('averages sentiment at the start and end of closed visits and per touchpoint', () => {
    // Start (closed visits): A 0.2, B1 -0.2, B2 -0.4, C1 -0.5, D -0.8 → -1.7 / 5 = -0.34.
    expect(report.averageSentimentStart).toBeCloseTo(-0.34, 10);
    // End: A 0.6, B1 -0.2, B2 -0.4, C1 0.1, D 0.4 → 0.5 / 5 = 0.1.
    expect(report.averageSentimentEnd).toBeCloseTo(0.1, 10);
    // Mode ai: 0.2 + 0.6 - 0.2 - 0.4 - 0.5 - 0.8 + 0.3 + 0 = -0.8 over 8 → -0.1 (F is outside any visit).
    expect(report.sentimentByTouchpoint.ai).toBeCloseTo(-0.1, 10);
    // Mode agent: 0.1 + 0 + 0.4 = 0.5 over 3.
    expect(report.sentimentByTouchpoint.agent).toBeCloseTo(0.5 / 3, 10);
    expect(report.sentimentByTouchpoint.queued).toBeNull();
    expect(report.sentimentByTouchpoint.counts).toEqual({ ai: 8, queued: 0, agent: 3 });
  });

  it('attributes satisfaction answers to the visit of their case and to who resolved it', () => {
    // One answer (c1: 4), case resolved by an agent.
    expect(report.averageCsat).toBe(4);
    expect(report.csatResponses).toBe(1);
    expect(report.csatByResolver).toEqual({ ai: null, agent: 4, handed_back: null });
  });

  it('gives a per-day trend by the day each visit started, including empty days of the period', () => {
    // Day 0: A, B1, C1, D, E → 5 visits; FIR {A} = 1/5; escalated {C1, D} = 2/5.
    // Day 1: B2, H → 2 visits; FIR {B2} = 1/2; escalated {H} = 1/2.
    expect(report.daily).toEqual([
      {
        date: '2025-03-03',
        conversations: 5,
        escalations: 2,
        firstInteractionResolutionRate: 0.2,
        escalationRate: 0.4,
      },
      {
        date: '2025-03-04',
        conversations: 2,
        escalations: 1,
        firstInteractionResolutionRate: 0.5,
        escalationRate: 0.5,
      },
    ]);
    const week = computeCxMetrics(scripted, { ...period, until: '2025-03-06T00:00:00.000Z' });
    expect(week.daily.at(-1)).toEqual({
      date: '2025-03-05',
      conversations: 0,
      escalations: 0,
      firstInteractionResolutionRate: null,
      escalationRate: null,
    });
  });
});

describe('computeCxMetrics edge cases', () => {
  it('returns zero counts and null rates when there are no events', () => {
    const empty = computeCxMetrics([], { reopenWindowHours: 24 });
    expect(empty.conversations).toBe(0);
    for (const key of [
      'firstInteractionResolutionRate',
      'escalationRate',
      'escalationPrecision',
      'summaryAccuracy',
      'medianTimeToClaimSeconds',
      'medianTimeToResolutionSeconds',
      'averageCustomerTurnsToResolution',
      'averageSentimentStart',
      'averageSentimentEnd',
      'averageCsat',
    ] as const) {
      expect(empty[key], key).toBeNull();
    }
    expect(empty.daily).toEqual([]);
  });

  it('counts only visits that start inside [since, until), yet still sees their later events', () => {
    // Only day 1 (B2 and H): B2 is FIR and H is escalated; C's feedback on day 0 belongs to day-0 visits.
    const day1 = computeCxMetrics(scripted, { ...period, since: '2025-03-04T00:00:00.000Z' });
    expect(day1.conversations).toBe(2);
    expect(day1.firstInteractionResolutionRate).toBe(0.5);
    expect(day1.escalationPrecision).toBe(1); // c3 only
    expect(day1.averageCsat).toBeNull();
    // Day 0 alone: B1 loses its credit because the data still shows B's return on day 1.
    const day0 = computeCxMetrics(scripted, { ...period, until: '2025-03-04T00:00:00.000Z' });
    expect(day0.conversations).toBe(5);
    expect(day0.firstInteractionResolutions).toBe(1); // A
  });

  it('orders events recorded in the same millisecond so a close precedes the next visit', () => {
    // Frozen clock: the idle resolution and the customer's return carry the same instant.
    const t = '2025-03-03T10:00:00.000Z';
    const events: LifecycleEvent[] = [
      { conversationId: 'X', channel: 'sms', at: t, type: 'customer_message', data: msg(0.5, 'ai') },
      { conversationId: 'X', channel: 'sms', at: t, type: 'reopened' },
      { conversationId: 'X', channel: 'sms', at: t, type: 'resolved', data: { by: 'idle', outcome: 'idle' } },
      { conversationId: 'X', channel: 'sms', at: '2025-03-03T09:00:00.000Z', type: 'opened' },
      {
        conversationId: 'X',
        channel: 'sms',
        at: '2025-03-03T09:00:00.000Z',
        type: 'customer_message',
        data: msg(0, 'ai'),
      },
    ];
    const episodes = episodesOf(events);
    expect(
      episodes.map((episode) => [episode.startedAt, episode.resolver ?? 'open', episode.events.length]),
    ).toEqual([
      ['2025-03-03T09:00:00.000Z', 'ai', 1],
      [t, 'open', 1],
    ]);
    const report = computeCxMetrics(events, { reopenWindowHours: 24 });
    expect(report.firstInteractionResolutions).toBe(0); // the customer came back at once
    expect(report.reopenedConversations).toBe(1);
  });

  it('falls back to timestamps when an event lacks its recorded duration', () => {
    const events: LifecycleEvent[] = [
      { conversationId: 'Y', channel: 'sms', at: '2025-03-03T10:00:00.000Z', type: 'opened' },
      {
        conversationId: 'Y',
        channel: 'sms',
        at: '2025-03-03T10:00:00.000Z',
        type: 'customer_message',
        data: msg(0, 'ai'),
      },
      { conversationId: 'Y', channel: 'sms', at: '2025-03-03T10:00:07.000Z', type: 'ai_reply' },
      {
        conversationId: 'Y',
        channel: 'sms',
        at: '2025-03-03T10:01:00.000Z',
        type: 'escalated',
        caseId: 'k',
        data: { reason: 'abuse' },
      },
      { conversationId: 'Y', channel: 'sms', at: '2025-03-03T10:02:30.000Z', type: 'claimed', caseId: 'k' },
      {
        conversationId: 'Y',
        channel: 'sms',
        at: '2025-03-03T10:11:00.000Z',
        type: 'resolved',
        caseId: 'k',
        data: { by: 'agent' },
      },
    ];
    const report = computeCxMetrics(events, { reopenWindowHours: 24 });
    expect(report.speed.firstAiReplySeconds.p50).toBe(7); // 10:00:00 → 10:00:07
    expect(report.medianTimeToClaimSeconds).toBe(90); // 10:01:00 → 10:02:30
    expect(report.medianTimeToResolutionSeconds).toBe(600); // 10:01:00 → 10:11:00
  });
});

describe('percentile', () => {
  it('interpolates linearly between closest ranks', () => {
    // [10, 20, 30, 40, 50]: p50 rank 2 → 30; p90 rank 3.6 → 40 + 0.6*10 = 46.
    expect(percentile([50, 10, 40, 20, 30], 0.5)).toBe(30);
    expect(percentile([50, 10, 40, 20, 30], 0.9)).toBeCloseTo(46, 10);
    expect(percentile([7], 0.9)).toBe(7);
    expect(percentile([], 0.5)).toBeNull();
  });
});
