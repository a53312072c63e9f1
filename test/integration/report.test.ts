import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Metrics } from '@aws-lambda-powertools/metrics';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { DynamoDbConversationStore } from '#adapters/dynamodb-conversation-store.ts';
import { withLifecycleMetrics } from '#adapters/lifecycle-metrics.ts';
import type { CxReport } from '#core/cx-metrics.ts';
import type { Channel, LifecycleEvent } from '#core/model.ts';
import { metricsNamespace } from '#lib/design.ts';
import { buildReport, formatReportText, parsePeriod } from '../../bin/report.ts';
import { freshTable } from '../helpers/aws.ts';

const run = promisify(execFile);
const repoRoot = join(import.meta.dirname, '..', '..');

function ev(
  conversationId: string,
  channel: Channel,
  at: string,
  type: LifecycleEvent['type'],
  data?: LifecycleEvent['data'],
  caseId?: string,
): LifecycleEvent {
  return {
    conversationId,
    channel,
    at: `${at}.000Z`,
    type,
    ...(data ? { data } : {}),
    ...(caseId ? { caseId } : {}),
  };
}
const msg = (sentiment: number, mode: string, repeatAfterHandoff = false) => ({
  sentiment,
  mode,
  repeatAfterHandoff,
});

/**
 * Period 2025-03-03 and 2025-03-04, reopen window 24 h.
 *  A  sms       day 0, AI answers, idle-resolved                                → first-interaction resolution
 *  B  whatsapp  day 0, escalated (customer_request), claimed, agent resolves; the survey answer (5)
 *               opens an empty visit                                            → not a conversation
 *  C  sms       day 1, AI, idle-resolved 09:00, back at 15:00 (reopened), still open
 *  D  whatsapp  day 1, escalated (negative_sentiment), claimed, handed back
 *  E  sms       the evening before the period                                   → not read
 */
const events: LifecycleEvent[] = [
  ev('E', 'sms', '2025-03-02T23:00:00', 'opened'),
  ev('E', 'sms', '2025-03-02T23:00:00', 'customer_message', msg(1, 'ai')),

  ev('A', 'sms', '2025-03-03T09:00:00', 'opened'),
  ev('A', 'sms', '2025-03-03T09:00:00', 'customer_message', msg(0.5, 'ai')),
  ev('A', 'sms', '2025-03-03T09:00:02', 'ai_reply', {
    passages: 1,
    inputTokens: 900,
    fallback: false,
    secondsSinceCustomer: 2,
  }),
  ev('A', 'sms', '2025-03-03T10:00:00', 'resolved', { by: 'idle', outcome: 'idle' }),

  ev('B', 'whatsapp', '2025-03-03T11:00:00', 'opened'),
  ev('B', 'whatsapp', '2025-03-03T11:00:00', 'customer_message', msg(-0.6, 'ai')),
  ev(
    'B',
    'whatsapp',
    '2025-03-03T11:00:03',
    'escalated',
    { reason: 'customer_request', priority: 'normal' },
    'c1',
  ),
  ev('B', 'whatsapp', '2025-03-03T11:02:03', 'claimed', { waitSeconds: 120, agent: 'U1' }, 'c1'),
  ev('B', 'whatsapp', '2025-03-03T11:03:03', 'first_agent_reply', { secondsSinceEscalation: 180 }, 'c1'),
  ev('B', 'whatsapp', '2025-03-03T11:04:00', 'customer_message', msg(0.2, 'agent', true), 'c1'),
  ev(
    'B',
    'whatsapp',
    '2025-03-03T11:15:03',
    'resolved',
    { by: 'agent', outcome: 'solved', agent: 'U1', secondsToResolution: 900 },
    'c1',
  ),
  ev('B', 'whatsapp', '2025-03-03T11:20:00', 'reopened'),
  ev('B', 'whatsapp', '2025-03-03T11:20:00', 'satisfaction', { score: 5 }, 'c1'),
  ev(
    'B',
    'whatsapp',
    '2025-03-03T11:30:00',
    'escalation_feedback',
    { question: 'escalation_needed', answer: true, agent: 'U1', reason: 'customer_request' },
    'c1',
  ),
  ev(
    'B',
    'whatsapp',
    '2025-03-03T11:30:05',
    'escalation_feedback',
    { question: 'summary_accurate', answer: false, agent: 'U1', reason: 'customer_request' },
    'c1',
  ),

  ev('C', 'sms', '2025-03-04T08:00:00', 'opened'),
  ev('C', 'sms', '2025-03-04T08:00:00', 'customer_message', msg(-0.2, 'ai')),
  ev('C', 'sms', '2025-03-04T08:00:04', 'ai_reply', {
    passages: 1,
    inputTokens: 800,
    fallback: false,
    secondsSinceCustomer: 4,
  }),
  ev('C', 'sms', '2025-03-04T09:00:00', 'resolved', { by: 'idle', outcome: 'idle' }),
  ev('C', 'sms', '2025-03-04T15:00:00', 'reopened'),
  ev('C', 'sms', '2025-03-04T15:00:00', 'customer_message', msg(0, 'ai')),
  ev('C', 'sms', '2025-03-04T15:00:06', 'ai_reply', {
    passages: 1,
    inputTokens: 850,
    fallback: false,
    secondsSinceCustomer: 6,
  }),

  ev('D', 'whatsapp', '2025-03-04T12:00:00', 'opened'),
  ev('D', 'whatsapp', '2025-03-04T12:00:00', 'customer_message', msg(-0.9, 'ai')),
  ev(
    'D',
    'whatsapp',
    '2025-03-04T12:00:02',
    'escalated',
    { reason: 'negative_sentiment', priority: 'high' },
    'c2',
  ),
  ev('D', 'whatsapp', '2025-03-04T12:05:02', 'claimed', { waitSeconds: 300, agent: 'U2' }, 'c2'),
  ev('D', 'whatsapp', '2025-03-04T12:06:02', 'first_agent_reply', { secondsSinceEscalation: 360 }, 'c2'),
  ev(
    'D',
    'whatsapp',
    '2025-03-04T12:25:02',
    'handed_back',
    { by: 'agent', outcome: 'solved', agent: 'U2', secondsToResolution: 1500 },
    'c2',
  ),
  ev(
    'D',
    'whatsapp',
    '2025-03-04T12:30:00',
    'escalation_feedback',
    { question: 'escalation_needed', answer: true, agent: 'U2', reason: 'negative_sentiment' },
    'c2',
  ),
];

/** The figures worked out by hand from the script above. */
function expectHandComputedFigures(report: CxReport): void {
  // Visits with a customer message, started in the period: A, B1, C1, C2, D (B's survey visit is empty).
  expect(report.conversations).toBe(5);
  expect(report.customers).toBe(4);
  expect(report.resolvedConversations).toBe(4); // A, B1, C1, D
  expect(report.reopenedConversations).toBe(1); // C2
  // FIR: A only (C1's customer came back 6 h later) → 1/5.
  expect(report.firstInteractionResolutionRate).toBeCloseTo(0.2, 10);
  // Escalated: B1, D → 2/5.
  expect(report.escalationRate).toBeCloseTo(0.4, 10);
  expect(report.escalationsByReason).toEqual({ customer_request: 1, negative_sentiment: 1 });
  expect(report.escalationPrecision).toBe(1); // c1 yes, c2 yes
  expect(report.summaryAccuracy).toBe(0); // c1 no
  expect(report.medianTimeToClaimSeconds).toBe(210); // (120 + 300) / 2
  expect(report.medianTimeToResolutionSeconds).toBe(1200); // (900 + 1500) / 2
  // Turns in closed visits: A 1, B1 2, C1 1, D 1 → 5/4.
  expect(report.averageCustomerTurnsToResolution).toBeCloseTo(1.25, 10);
  // Start: 0.5, -0.6, -0.2, -0.9 → -1.2/4; end: 0.5, 0.2, -0.2, -0.9 → -0.4/4.
  expect(report.averageSentimentStart).toBeCloseTo(-0.3, 10);
  expect(report.averageSentimentEnd).toBeCloseTo(-0.1, 10);
  expect(report.averageCsat).toBe(5);
  expect(report.csatByResolver.agent).toBe(5);
  // First AI reply per visit: A 2, C1 4, C2 6 → p50 4.
  expect(report.speed.firstAiReplySeconds.p50).toBe(4);
  // Day 0: A, B1 → FIR 1/2, escalated 1/2. Day 1: C1, C2, D → FIR 0/3, escalated 1/3.
  expect(
    report.daily.map((day) => [day.date, day.conversations, day.firstInteractionResolutionRate]),
  ).toEqual([
    ['2025-03-03', 2, 0.5],
    ['2025-03-04', 3, 0],
  ]);
  expect(report.daily[1]!.escalationRate).toBeCloseTo(1 / 3, 10);
}

let store: DynamoDbConversationStore;
let tableName: string;
let endpoint: string;
let workDir: string;

beforeAll(async () => {
  const table = await freshTable();
  tableName = table.tableName;
  endpoint = table.endpoint;
  store = new DynamoDbConversationStore(table.documentClient, table.tableName);
  for (const event of events) await store.recordLifecycle(event);
  workDir = mkdtempSync(join(tmpdir(), 'tandem-report-'));
});

afterAll(() => {
  rmSync(workDir, { recursive: true, force: true });
});

describe('buildReport against DynamoDB Local', () => {
  it('computes every figure of the scripted period from the stored lifecycle events', async () => {
    const report = await buildReport({
      store,
      since: '2025-03-03T00:00:00.000Z',
      until: '2025-03-05T00:00:00.000Z',
      reopenWindowHours: 24,
    });
    expectHandComputedFigures(report);
  });

  it('reads past the period by the reopen window, so a return just after it still counts', async () => {
    // Day 1 alone is unaffected by day 0; and a report ending at C1's resolution still sees C2 (6 h later).
    const report = await buildReport({
      store,
      since: '2025-03-04T00:00:00.000Z',
      until: '2025-03-04T10:00:00.000Z',
      reopenWindowHours: 24,
    });
    // Visits started 00:00–10:00 on day 1: C1 only (D starts at 12:00); C came back at 15:00 → not FIR.
    expect(report.conversations).toBe(1);
    expect(report.firstInteractionResolutions).toBe(0);
  });

  it('prints a readable table with the headline figures', async () => {
    const report = await buildReport({
      store,
      since: '2025-03-03T00:00:00.000Z',
      until: '2025-03-05T00:00:00.000Z',
      reopenWindowHours: 24,
    });
    const text = formatReportText(report);
    expect(text).toMatch(/First-interaction resolution\s+20% \(1\)/);
    expect(text).toMatch(/Escalation rate\s+40% \(2\)/);
    expect(text).toMatch(/Time to claim\s+3m 30s/);
  });

  it('records through the metrics decorator into the real store unchanged', async () => {
    const write = vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
    try {
      const decorated = withLifecycleMetrics(
        store,
        new Metrics({ namespace: metricsNamespace, serviceName: 'test' }),
      );
      const event = ev(
        'Z',
        'sms',
        '2025-04-01T10:00:00',
        'escalated',
        { reason: 'abuse', priority: 'low' },
        'cz',
      );
      await decorated.recordLifecycle(event);
      const stored = await decorated.listLifecycle('2025-04-01T00:00:00.000Z', '2025-04-02T00:00:00.000Z');
      expect(stored).toEqual([event]);
      expect(write.mock.calls.some(([chunk]) => String(chunk).includes('"Escalations"'))).toBe(true);
    } finally {
      write.mockRestore();
    }
  });
});

describe('npm run report (CLI)', () => {
  it('prints one JSON object with the hand-computed figures and writes the HTML page', async () => {
    const html = join(workDir, 'report.html');
    const { stdout } = await run(
      'npx',
      [
        'tsx',
        'bin/report.ts',
        '--endpoint',
        endpoint,
        '--table',
        tableName,
        '--since',
        '2025-03-03',
        '--until',
        '2025-03-04',
        '--json',
        '--html',
        html,
      ],
      { cwd: repoRoot, env: { ...process.env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' } },
    );
    // `--until 2025-03-04` includes that day: the period ends at 2025-03-05T00:00Z.
    const report = JSON.parse(stdout) as CxReport;
    expect(report.period).toEqual({
      since: '2025-03-03T00:00:00.000Z',
      until: '2025-03-05T00:00:00.000Z',
      reopenWindowHours: 24,
    });
    expectHandComputedFigures(report);
    const page = readFileSync(html, 'utf8');
    expect(page).toContain('<svg');
    expect(page).not.toMatch(/<script|https?:\/\/(?!www\.w3\.org)/);
  });

  it('refuses a malformed date with a message naming the option', async () => {
    const failure = await run(
      'npx',
      ['tsx', 'bin/report.ts', '--endpoint', endpoint, '--since', 'last tuesday'],
      {
        cwd: repoRoot,
      },
    ).catch((error: { code: number; stderr: string }) => error);
    expect(failure).toMatchObject({ code: 1 });
    expect((failure as { stderr: string }).stderr).toContain('--since must be an ISO date or date-time');
  });
});

describe('parsePeriod', () => {
  it('defaults to the 30 days before now and treats a date-only --until as the whole day', () => {
    const now = new Date('2025-03-31T12:00:00.000Z');
    expect(parsePeriod({}, now)).toEqual({
      since: '2025-03-01T12:00:00.000Z',
      until: '2025-03-31T12:00:00.000Z',
    });
    expect(parsePeriod({ since: '2025-03-01', until: '2025-03-01' }, now)).toEqual({
      since: '2025-03-01T00:00:00.000Z',
      until: '2025-03-02T00:00:00.000Z',
    });
    expect(() => parsePeriod({ since: '2025-03-05', until: '2025-03-01T00:00:00Z' }, now)).toThrow(
      'must be before',
    );
  });
});
