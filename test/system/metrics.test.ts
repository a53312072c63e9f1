/**
 * CX metrics end to end: scripted conversations played through the local runtime with signed webhooks,
 * then every figure of the report (`buildReport`, and `bin/report.ts --json` on the same table) checked
 * against values worked out by hand from the script.
 *
 * The script (distinct customers, SMS):
 *   A1, A2  one knowledge question each, the AI answers, they go quiet, the sweeper resolves them (idle);
 *   C       one knowledge question, idle-resolved, then writes again within the reopen window (reopened);
 *   B       asks for a person; Ana claims (after ≥ 1 s), replies, the customer answers, Ana resolves
 *           "solved", answers "escalation needed: yes", and the customer rates the help 4;
 *   D       asks for a person; Ben claims (after ≥ 2 s) and resolves, answers "escalation needed: no" and
 *           "summary accurate: yes"; no satisfaction answer.
 *
 * Time: the runtime uses the real clock. Idle resolution needs `sla.idleResolveMinutes` without activity,
 * so the test ages A1, A2 and C by rewriting their `updatedAt`/`lastInboundAt` in the table (the idle index
 * key is the later of the two, see `lastActivityOf` in the DynamoDB store) and then runs the sweeper.
 * Waits for a person are real (short sleeps); their expected figures are computed from the stored case
 * timestamps with the same rounding the desk commands use.
 */
import { execFile } from 'node:child_process';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildReport } from '../../bin/report.ts';
import businessSettings from '../../config/business.ts';
import { ACTION_IDS, encodeActionValue } from '../../functions/adapters/slack-blocks.ts';
import type { CxReport } from '../../functions/core/cx-metrics.ts';
import { conversationIdOf } from '../../functions/core/model.ts';
import { scoreSentiment } from '../../functions/core/sentiment.ts';
import { parseBusinessSettings } from '../../functions/shared/business-settings.ts';
import { type SystemHarness, startSystem } from '../helpers/system.ts';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const settings = parseBusinessSettings(businessSettings);
const reopenWindowHours = settings.metrics.reopenWindowHours;
const business = '+15550100000';
const ana = { id: 'UANA', username: 'ana' };
const ben = { id: 'UBEN', username: 'ben' };

const customers = {
  a1: '+15557771101',
  a2: '+15557771202',
  c: '+15557771303',
  b: '+15557771404',
  d: '+15557771505',
} as const;

// The exact texts sent. Sentiment is the documented definition (`scoreSentiment`, the same function the
// input guardrails apply to these plain texts, which normalization and PII redaction leave unchanged);
// today's values are noted for the reader.
const texts = {
  a1: 'Thanks! How much does standard shipping cost?', // +0.247
  a2: 'Hi, what are your delivery times? Great store by the way', // +0.293
  c1: 'How do I return an item?', // 0
  c2: 'Sorry, one more question: how long does delivery take?', // not in start/end: C's second visit stays open
  b1: 'I am upset, I want to talk to a person', // negative
  b2: 'Thank you, that is very helpful', // +0.496
  d1: 'Can I speak with an agent please?', // 0
} as const;

const idOf = (customer: string) =>
  conversationIdOf({ channel: 'sms', customerAddress: customer, businessAddress: business });

const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

let system: SystemHarness;
let since = '';
let until = '';
const caseIds = { b: '', d: '' };
const cards = { b: '', d: '' };

beforeAll(async () => {
  system = await startSystem();
  since = new Date().toISOString();
});

afterAll(async () => {
  await system?.stop();
});

async function customerSays(customer: string, body: string): Promise<void> {
  const response = await system.driver.customerSays({ from: customer, to: business, body });
  expect(response.status).toBe(200);
  await system.settle();
}

/** Pretends the customer's last activity was `minutes` ago (see the module comment). */
async function ageConversation(customer: string, minutes: number): Promise<void> {
  const conversation = await system.store.getConversation(idOf(customer));
  if (!conversation) throw new Error(`no conversation for ${customer}`);
  const old = new Date(Date.now() - minutes * 60_000).toISOString();
  await system.store.saveConversation({
    ...conversation,
    version: conversation.version + 1,
    updatedAt: old,
    lastInboundAt: old,
  });
}

/** Customer asks for a person; returns the case id and the card's ts once the card is posted. */
async function escalate(customer: string, text: string): Promise<{ caseId: string; cardTs: string }> {
  await customerSays(customer, text);
  const conversation = await system.store.getConversation(idOf(customer));
  expect(conversation?.mode).toBe('queued');
  const card = system.cardFor(customer);
  expect(card).toBeDefined();
  return { caseId: conversation?.caseId ?? '', cardTs: card?.ts ?? '' };
}

/** Seconds between two stored times, rounded as the desk commands record them. */
function recordedSeconds(from: string | undefined, to: string | undefined): number {
  if (!from || !to) throw new Error('missing case timestamp');
  return Math.max(0, Math.round((Date.parse(to) - Date.parse(from)) / 1000));
}

const mean = (values: number[]) => values.reduce((sum, value) => sum + value, 0) / values.length;

describe('CX metrics from scripted conversations', () => {
  it('knowledge questions get an AI answer and stay with the AI', async () => {
    await customerSays(customers.a1, texts.a1);
    await customerSays(customers.a2, texts.a2);
    await customerSays(customers.c, texts.c1);
    for (const customer of [customers.a1, customers.a2, customers.c]) {
      expect(system.sentTo(customer)).toHaveLength(1);
      expect((await system.store.getConversation(idOf(customer)))?.mode).toBe('ai');
    }
  });

  it('the sweeper resolves AI conversations idle for longer than idleResolveMinutes', async () => {
    for (const customer of [customers.a1, customers.a2, customers.c]) {
      await ageConversation(customer, settings.sla.idleResolveMinutes + 60);
    }
    const report = (await system.runtime.sweep()) as { idleResolved: number };
    expect(report.idleResolved).toBe(3);
    for (const customer of [customers.a1, customers.a2, customers.c]) {
      const conversation = await system.store.getConversation(idOf(customer));
      expect(conversation?.lastResolvedAt).toBeDefined();
      expect(conversation?.customerTurns).toBe(0);
    }
  });

  it('a customer writing again within the reopen window reopens the conversation', async () => {
    await customerSays(customers.c, texts.c2);
    expect(system.sentTo(customers.c)).toHaveLength(2); // answered by the AI again
    const events = await system.store.listLifecycle(since, new Date(Date.now() + 60_000).toISOString());
    const types = events
      .filter((event) => event.conversationId === idOf(customers.c))
      .sort((x, y) => (x.at < y.at ? -1 : x.at > y.at ? 1 : 0))
      .map((event) => event.type);
    expect(types.filter((type) => type === 'opened' || type === 'reopened')).toEqual(['opened', 'reopened']);
  });

  it('B: escalated, claimed, answered and resolved by an agent, then rated 4', async () => {
    const { caseId, cardTs } = await escalate(customers.b, texts.b1);
    caseIds.b = caseId;
    cards.b = cardTs;
    await sleep(1_100); // the customer waits at least a second for a person
    await system.driver.agentClicks({
      agent: ana,
      actionId: ACTION_IDS.claim,
      value: caseId,
      messageTs: cardTs,
    });
    expect((await system.store.getConversation(idOf(customers.b)))?.mode).toBe('agent');
    await system.agentReplies({ agent: ana, threadTs: cardTs, text: 'Hi, this is Ana. What happened?' });
    await system.settle();
    expect(system.sentTo(customers.b).at(-1)?.body).toBe('Hi, this is Ana. What happened?');
    await customerSays(customers.b, texts.b2);
    await system.driver.agentClicks({
      agent: ana,
      actionId: ACTION_IDS.resolve,
      selectedValue: encodeActionValue({ caseId, outcome: 'solved' }),
      messageTs: cardTs,
    });
    expect((await system.store.getCase(caseId))?.outcome).toBe('solved');
    await system.settle();
    expect(system.sentTo(customers.b).at(-1)?.body).toMatch(/1 \(poor\) to 5/);
    await system.driver.agentClicks({
      agent: ana,
      actionId: ACTION_IDS.feedbackNeededYes,
      value: caseId,
      messageTs: cardTs,
    });
    await customerSays(customers.b, '4');
    expect(system.sentTo(customers.b).at(-1)?.body).toBe(settings.messages.satisfactionThanks);
  });

  it('D: escalated, claimed and resolved; the agent marks it not needed with an accurate summary', async () => {
    const { caseId, cardTs } = await escalate(customers.d, texts.d1);
    caseIds.d = caseId;
    cards.d = cardTs;
    await sleep(2_100);
    await system.driver.agentClicks({
      agent: ben,
      actionId: ACTION_IDS.claim,
      value: caseId,
      messageTs: cardTs,
    });
    await system.driver.agentClicks({
      agent: ben,
      actionId: ACTION_IDS.resolve,
      selectedValue: encodeActionValue({ caseId, outcome: 'solved' }),
      messageTs: cardTs,
    });
    await system.settle();
    await system.driver.agentClicks({
      agent: ben,
      actionId: ACTION_IDS.feedbackNeededNo,
      value: caseId,
      messageTs: cardTs,
    });
    await system.driver.agentClicks({
      agent: ben,
      actionId: ACTION_IDS.feedbackAccurateYes,
      value: caseId,
      messageTs: cardTs,
    });
    await system.settle();
    const kase = await system.store.getCase(caseId);
    expect(kase?.status).toBe('resolved');
    expect(kase?.escalationNeeded).toBe(false);
    expect(kase?.summaryAccurate).toBe(true);
    until = new Date(Date.now() + 1_000).toISOString();
  });

  describe('the report', () => {
    let report: CxReport;

    beforeAll(async () => {
      report = await buildReport({ store: system.store, since, until, reopenWindowHours });
    });

    it('counts six conversations: A1, A2, C (two visits), B and D', () => {
      // The satisfaction answer "4" is housekeeping: it opens no visit.
      expect(report.conversations).toBe(6);
      expect(report.customers).toBe(5);
      expect(report.reopenedConversations).toBe(1); // C's second visit
      expect(report.resolvedConversations).toBe(5); // all but C's second visit
      expect(report.openConversations).toBe(1);
    });

    it('first-interaction resolution counts A1 and A2 only: C came back within the window', () => {
      // A1, A2: resolved by the AI (idle), no escalation, no return → FIR.
      // C1: resolved by the AI but reopened within the window → not FIR. C2: still open. B, D: escalated.
      expect(report.firstInteractionResolutions).toBe(2);
      expect(report.firstInteractionResolutionRate).toBe(2 / 6);
    });

    it('escalation rate, precision and summary accuracy follow the agents’ answers', () => {
      // B and D were escalated, 2 of 6 conversations, both because the customer asked for a person.
      expect(report.escalationRate).toBe(2 / 6);
      expect(report.escalationsByReason).toEqual({ customer_request: 2 });
      // "Needed?": B yes, D no → 1/2. "Summary accurate?": only D answered, yes → 1/1.
      expect(report.escalationPrecision).toBe(1 / 2);
      expect(report.escalationFeedbackResponses).toBe(2);
      expect(report.summaryAccuracy).toBe(1);
      expect(report.summaryFeedbackResponses).toBe(1);
    });

    it('median time to claim and to resolution are the middle of B’s and D’s stored case times', async () => {
      const b = await system.store.getCase(caseIds.b);
      const d = await system.store.getCase(caseIds.d);
      const claimB = recordedSeconds(b?.openedAt, b?.claimedAt);
      const claimD = recordedSeconds(d?.openedAt, d?.claimedAt);
      // The claims came after sleeps of 1.1 s and 2.1 s.
      expect(claimB).toBeGreaterThanOrEqual(1);
      expect(claimD).toBeGreaterThanOrEqual(2);
      // p50 of two values is their mean.
      expect(report.medianTimeToClaimSeconds).toBe((claimB + claimD) / 2);
      expect(report.medianTimeToClaimSeconds).toBeGreaterThanOrEqual(1.5);
      // Resolution: from the escalation (case opened) to the agent's close; idle closes are left out.
      const resolveB = recordedSeconds(b?.openedAt, b?.resolvedAt);
      const resolveD = recordedSeconds(d?.openedAt, d?.resolvedAt);
      expect(report.speed.timeToResolutionSeconds.count).toBe(2);
      expect(report.medianTimeToResolutionSeconds).toBe((resolveB + resolveD) / 2);
      expect(report.medianTimeToResolutionSeconds).toBeGreaterThanOrEqual(report.medianTimeToClaimSeconds!);
    });

    it('customer turns to resolution average the five closed visits', () => {
      // A1 1, A2 1, C1 1, B 2 (the "4" is a survey answer, not a turn), D 1 → 6 / 5.
      expect(report.averageCustomerTurnsToResolution).toBe(6 / 5);
    });

    it('sentiment at start and end averages the first and last customer message of closed visits', () => {
      const s = scoreSentiment;
      // Closed visits: A1, A2, C1 (one message each), B (b1 then b2), D (one message).
      const start = mean([s(texts.a1), s(texts.a2), s(texts.c1), s(texts.b1), s(texts.d1)]);
      const end = mean([s(texts.a1), s(texts.a2), s(texts.c1), s(texts.b2), s(texts.d1)]);
      expect(s(texts.b1)).toBeLessThan(0); // so start and end differ and a swap would show
      expect(s(texts.b2)).toBeGreaterThan(0);
      expect(report.averageSentimentStart).toBeCloseTo(start, 12);
      expect(report.averageSentimentEnd).toBeCloseTo(end, 12);
    });

    it('average CSAT is the one answer given, 4, credited to the agent', () => {
      expect(report.averageCsat).toBe(4);
      expect(report.csatResponses).toBe(1);
      expect(report.csatByResolver).toEqual({ ai: null, agent: 4, handed_back: null });
    });

    it('npm run report --json on the same table prints the same JSON', async () => {
      // No --reopen-window-hours: the CLI's default is the same business setting the test uses.
      const { stdout } = await promisify(execFile)(
        'npx',
        [
          'tsx',
          'bin/report.ts',
          '--endpoint',
          system.runtime.services.dynamoEndpoint,
          '--table',
          system.runtime.services.tableName,
          '--since',
          since,
          '--until',
          until,
          '--json',
        ],
        {
          cwd: repoRoot,
          env: { ...process.env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
        },
      );
      expect(JSON.parse(stdout)).toEqual(JSON.parse(JSON.stringify(report)));
    });
  });
});
