import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { type Browser, chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { computeCxMetrics } from '#core/cx-metrics.ts';
import type { LifecycleEvent } from '#core/model.ts';
import { renderReportHtml } from '#local/report-html.ts';

const CHROMIUM = '/usr/bin/chromium';
const hasChromium = existsSync(CHROMIUM);
const artifacts = join(import.meta.dirname, '..', 'artifacts');

/** Two weeks of varied traffic: AI resolutions, escalations for several reasons, a reopen now and then. */
function twoWeeks(): LifecycleEvent[] {
  const events: LifecycleEvent[] = [];
  const reasons = [
    'customer_request',
    'negative_sentiment',
    'sensitive_topic',
    'repeated_failure',
    'business_rule',
  ];
  const start = Date.parse('2025-03-01T08:00:00.000Z');
  const at = (ms: number) => new Date(ms).toISOString();
  let n = 0;
  for (let day = 0; day < 14; day++) {
    const perDay = 3 + ((day * 7) % 5);
    for (let i = 0; i < perDay; i++) {
      n++;
      const id = `sms|+1555000${String(n).padStart(4, '0')}|+15550000`;
      const channel = n % 3 === 0 ? 'whatsapp' : 'sms';
      const t0 = start + day * 86_400_000 + i * 1_800_000;
      const base = { conversationId: id, channel } as const;
      const sentiment = ((n * 37) % 17) / 8 - 1;
      events.push({ ...base, at: at(t0), type: 'opened' });
      events.push({
        ...base,
        at: at(t0),
        type: 'customer_message',
        data: { sentiment, mode: 'ai', repeatAfterHandoff: false },
      });
      if (n % 3 === 0) {
        const caseId = `case-${n}`;
        events.push({
          ...base,
          at: at(t0 + 3000),
          type: 'escalated',
          caseId,
          data: { reason: reasons[n % reasons.length]!, priority: 'normal' },
        });
        events.push({
          ...base,
          at: at(t0 + 60_000),
          type: 'customer_message',
          caseId,
          data: { sentiment: sentiment - 0.2, mode: 'queued', repeatAfterHandoff: false },
        });
        events.push({
          ...base,
          at: at(t0 + 120_000 + n * 1000),
          type: 'claimed',
          caseId,
          data: { waitSeconds: 117 + n, agent: 'U1' },
        });
        events.push({
          ...base,
          at: at(t0 + 200_000),
          type: 'first_agent_reply',
          caseId,
          data: { secondsSinceEscalation: 197 },
        });
        events.push({
          ...base,
          at: at(t0 + 300_000),
          type: 'customer_message',
          caseId,
          data: { sentiment: sentiment + 0.4, mode: 'agent', repeatAfterHandoff: n % 2 === 0 },
        });
        events.push({
          ...base,
          at: at(t0 + 900_000),
          type: 'resolved',
          caseId,
          data: { by: 'agent', outcome: 'solved', agent: 'U1', secondsToResolution: 897 },
        });
        events.push({
          ...base,
          at: at(t0 + 960_000),
          type: 'satisfaction',
          caseId,
          data: { score: 3 + (n % 3) },
        });
        events.push({
          ...base,
          at: at(t0 + 960_000),
          type: 'escalation_feedback',
          caseId,
          data: { question: 'escalation_needed', answer: n % 4 !== 0, agent: 'U1', reason: 'x' },
        });
      } else {
        events.push({
          ...base,
          at: at(t0 + 4000),
          type: 'ai_reply',
          data: { passages: 1, inputTokens: 900, fallback: false, secondsSinceCustomer: 2 + (n % 5) },
        });
        events.push({
          ...base,
          at: at(t0 + 3_600_000),
          type: 'resolved',
          data: { by: 'idle', outcome: 'idle' },
        });
        if (n % 5 === 0) {
          // The customer comes back an hour after the AI's resolution.
          events.push({ ...base, at: at(t0 + 7_200_000), type: 'reopened' });
          events.push({
            ...base,
            at: at(t0 + 7_200_000),
            type: 'customer_message',
            data: { sentiment: -0.3, mode: 'ai', repeatAfterHandoff: false },
          });
        }
      }
    }
  }
  return events;
}

if (!hasChromium) {
  it.skip(`HTML report in headless Chromium needs ${CHROMIUM}: apt-get update && apt-get install -y --no-install-recommends chromium`, () => {});
}

describe.runIf(hasChromium)('HTML report in headless Chromium', () => {
  let browser: Browser;
  let dir: string;

  beforeAll(async () => {
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
    });
    dir = mkdtempSync(join(tmpdir(), 'tandem-report-html-'));
  });
  afterAll(async () => {
    await browser?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('opens offline without errors, renders every chart with visible marks, and is saved as a screenshot', async () => {
    const report = computeCxMetrics(twoWeeks(), {
      reopenWindowHours: 24,
      since: '2025-03-01T00:00:00.000Z',
      until: '2025-03-15T00:00:00.000Z',
    });
    const file = join(dir, 'report.html');
    writeFileSync(file, renderReportHtml(report));

    const context = await browser.newContext({ offline: true, viewport: { width: 1200, height: 900 } });
    const page = await context.newPage();
    const problems: string[] = [];
    const requests: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error' || message.type() === 'warning')
        problems.push(`${message.type()}: ${message.text()}`);
    });
    page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
    page.on('request', (request) => {
      if (!request.url().startsWith('file:')) requests.push(request.url());
    });
    await page.goto(pathToFileURL(file).href, { waitUntil: 'load' });

    expect(await page.title()).toContain('Tandem CX report');
    // 14 days → 14 bars per day; rates → two lines; reasons → one bar each; sentiment → five bars.
    const charts = {
      '#trend-conversations svg rect.bar': 14,
      '#trend-rates svg path.line': 2,
      '#escalations-by-reason svg rect.bar': Object.keys(report.escalationsByReason).length,
      '#sentiment svg rect.bar': 5,
    };
    for (const [selector, count] of Object.entries(charts)) {
      const marks = page.locator(selector);
      expect(await marks.count(), selector).toBe(count);
      for (let i = 0; i < count; i++) {
        const box = await marks.nth(i).boundingBox();
        expect(box, `${selector} #${i}`).not.toBeNull();
        // A line is thin in one direction only; bars have area.
        expect(Math.max(box!.width, box!.height), `${selector} #${i}`).toBeGreaterThan(1);
        expect(Math.min(box!.width, box!.height), `${selector} #${i}`).toBeGreaterThan(0);
      }
    }
    expect(Object.keys(report.escalationsByReason).length).toBeGreaterThanOrEqual(3);
    expect(await page.locator('.card .value').first().textContent()).toBe(String(report.conversations));

    mkdirSync(artifacts, { recursive: true });
    await page.screenshot({ path: join(artifacts, 'report.png'), fullPage: true });
    await context.close();

    expect(problems).toEqual([]);
    expect(requests).toEqual([]);
  });

  it('renders a period without data as a page that says so, without errors', async () => {
    const file = join(dir, 'empty.html');
    writeFileSync(file, renderReportHtml(computeCxMetrics([], { reopenWindowHours: 24 })));
    const page = await browser.newPage();
    const problems: string[] = [];
    page.on('pageerror', (error) => problems.push(error.message));
    await page.goto(pathToFileURL(file).href);
    expect(await page.locator('#trend-conversations').textContent()).toContain('No data');
    expect(await page.locator('#escalations-by-reason').textContent()).toContain('No escalations');
    expect(await page.locator('.card .value').first().textContent()).toBe('0');
    expect(problems).toEqual([]);
    await page.close();
  });
});
