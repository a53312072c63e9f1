/**
 * Spend: the global ceiling decision, which addition crosses a ceiling, token totals with cache reads and
 * writes, outbound counting at the gate, and the metric raised when a ceiling is crossed.
 */
import { fileURLToPath } from 'node:url';
import { Metrics } from '@aws-lambda-powertools/metrics';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { CEILING_METRIC, withCeilingMetrics } from '#adapters/ceiling-metrics.ts';
import { loadKnowledge } from '#adapters/knowledge-loader.ts';
import { checkCeilings, crossedCeilings, hourOf, totalTokens } from '#core/guardrails/budget.ts';
import { makeCanary } from '#core/guardrails/index.ts';
import type { Conversation, Message } from '#core/model.ts';
import type { ConversationStore, HourlyUsage, LanguageModel, UsageLedger } from '#core/ports.ts';
import { respondToCustomer } from '#core/responder.ts';
import { sendToCustomer } from '#core/use-cases/send-to-customer.ts';
import { ceilingVerdict, recordSpend } from '#core/use-cases/spend.ts';
import { parseBusinessSettings } from '#shared/business-settings.ts';
import sample from '../../config/business.ts';
import { verdictOf } from '../helpers/verdict.ts';

const base = parseBusinessSettings(sample);
const settings = { ...base, ceilings: { modelTokensPerHour: 1000, outboundMessagesPerHour: 10 } };
const NOW = new Date('2026-01-05T10:59:59.999Z');
const clock = { now: () => NOW };

/** The ledger port in memory, with the same add semantics (returns the totals after the addition). */
class MemoryLedger implements UsageLedger {
  hours = new Map<string, HourlyUsage>();
  failAdds = false;
  async current(hour: string) {
    return { ...(this.hours.get(hour) ?? { tokens: 0, messages: 0 }) };
  }
  async add(hour: string, amounts: Partial<HourlyUsage>) {
    if (this.failAdds) throw new Error('table unavailable');
    const now = await this.current(hour);
    const next = {
      tokens: now.tokens + (amounts.tokens ?? 0),
      messages: now.messages + (amounts.messages ?? 0),
    };
    this.hours.set(hour, next);
    return { ...next };
  }
}

describe('the global ceiling decision', () => {
  it('allows the model below both ceilings', () => {
    expect(checkCeilings({ tokens: 999, messages: 9 }, settings)).toEqual({ ok: true });
  });
  it('stops the AI at the token ceiling, and at the outbound message ceiling', () => {
    expect(checkCeilings({ tokens: 1000, messages: 0 }, settings)).toEqual({ ok: false, reason: 'tokens' });
    expect(checkCeilings({ tokens: 0, messages: 10 }, settings)).toEqual({ ok: false, reason: 'messages' });
    expect(checkCeilings({ tokens: 5000, messages: 50 }, settings).ok).toBe(false);
  });
  it('reads the ledger of the current clock hour (UTC), and never stops the AI without a ledger', async () => {
    const ledger = new MemoryLedger();
    ledger.hours.set('2026-01-05T11', { tokens: 5000, messages: 0 });
    expect(await ceilingVerdict({ ledger, clock, settings })).toEqual({ ok: true });
    ledger.hours.set('2026-01-05T10', { tokens: 1000, messages: 0 });
    expect(await ceilingVerdict({ ledger, clock, settings })).toEqual({ ok: false, reason: 'tokens' });
    expect(await ceilingVerdict({ clock, settings })).toEqual({ ok: true });
  });
  it('names the hour in UTC', () => {
    expect(hourOf(new Date('2026-01-05T23:30:00-05:00'))).toBe('2026-01-06T04');
  });
});

describe('crossing a ceiling', () => {
  it('is reported only by the addition that takes a counter from below to at-or-over', () => {
    expect(crossedCeilings({ tokens: 1000, messages: 0 }, { tokens: 1 }, settings)).toEqual(['tokens']);
    expect(crossedCeilings({ tokens: 1500, messages: 0 }, { tokens: 600 }, settings)).toEqual(['tokens']);
    expect(crossedCeilings({ tokens: 999, messages: 0 }, { tokens: 999 }, settings)).toEqual([]);
    expect(crossedCeilings({ tokens: 1001, messages: 0 }, { tokens: 1 }, settings)).toEqual([]);
    expect(crossedCeilings({ tokens: 0, messages: 10 }, { messages: 1 }, settings)).toEqual(['messages']);
    expect(crossedCeilings({ tokens: 2000, messages: 11 }, { messages: 1 }, settings)).toEqual([]);
  });
});

describe('token accounting', () => {
  it('counts cache reads and writes with input and output', () => {
    expect(totalTokens({ input: 10, output: 5, cacheRead: 100, cacheWrite: 1000 })).toBe(1115);
    expect(totalTokens({ input: 10, output: 5 })).toBe(15);
  });

  it('a turn sums cache reads and writes over its model calls', async () => {
    const usages = [
      { inputTokens: 100, outputTokens: 10, cacheWriteTokens: 4000 },
      { inputTokens: 120, outputTokens: 12, cacheReadTokens: 4000 },
    ];
    // The first answer leaks the canary, so the turn regenerates once: two calls.
    const canary = makeCanary('spend-test');
    const answers = [`Here: ${canary}`, 'Our tents carry a two-year warranty.'];
    const model: LanguageModel = {
      name: 'scripted',
      respond: async () => ({ text: answers.shift() ?? '', toolCalls: [], usage: usages.shift()! }),
    };
    const conversation = { id: 'sms|+15550001|+15550000', mode: 'ai', channel: 'sms' } as Conversation;
    const text = 'What is the warranty on tents?';
    const result = await respondToCustomer(
      {
        model,
        settings,
        knowledge: loadKnowledge(fileURLToPath(new URL('../../knowledge', import.meta.url))),
        canary,
      },
      {
        conversation,
        history: [
          {
            conversationId: conversation.id,
            messageId: 'SM1',
            at: NOW.toISOString(),
            direction: 'inbound',
            author: 'customer',
            text,
          },
        ],
        verdict: verdictOf(text),
      },
    );
    expect(result.modelCalls).toBe(2);
    expect(result.tokens).toEqual({ input: 220, output: 22, cacheRead: 4000, cacheWrite: 4000 });
  });
});

describe('the outbound gate counts what it sends', () => {
  const conversation: Conversation = {
    id: 'sms|+15551230000|+15559990000',
    channel: 'sms',
    customerAddress: '+15551230000',
    businessAddress: '+15559990000',
    mode: 'agent',
    version: 1,
    openedAt: NOW.toISOString(),
    updatedAt: NOW.toISOString(),
  };
  const claims = new Set<string>();
  const store = {
    getProfile: async () => undefined,
    claimOnce: async (key: string) => !claims.has(key) && Boolean(claims.add(key)),
    releaseOnce: async (key: string) => void claims.delete(key),
    settleOnce: async () => undefined,
    appendMessage: async (_message: Message) => true,
    recordProviderIds: async () => {},
  } as unknown as ConversationStore;
  let sent = 0;
  const channel = {
    sendText: async () => ({ providerId: `SM${++sent}` }),
    sendTemplate: async () => ({ providerId: `SM${++sent}` }),
  };

  beforeEach(() => {
    claims.clear();
    sent = 0;
  });

  it('an agent reply goes out over the ceiling and is counted, once per part sent', async () => {
    const ledger = new MemoryLedger();
    ledger.hours.set('2026-01-05T10', { tokens: 99_999, messages: 10 });
    const deps = { store, channel, clock, settings, ledger };
    const outcome = await sendToCustomer(deps, {
      conversation,
      text: 'Hi, Sam here.',
      author: 'agent',
      idempotencyKey: 'slack-1',
    });
    expect(outcome.status).toBe('sent');
    expect(await ledger.current('2026-01-05T10')).toEqual({ tokens: 99_999, messages: 11 });
    const long = `${'This sentence is part of a long answer. '.repeat(60)}`.trim();
    const split = await sendToCustomer(deps, {
      conversation,
      text: long,
      author: 'system',
      idempotencyKey: 'k2',
    });
    expect(split.status === 'sent' && split.parts).toBe(2);
    expect((await ledger.current('2026-01-05T10')).messages).toBe(13);
  });

  it('a duplicate is not counted, and a ledger failure does not undo or fail a send', async () => {
    const ledger = new MemoryLedger();
    const deps = { store, channel, clock, settings, ledger };
    const input = { conversation, text: 'Hello', author: 'system' as const, idempotencyKey: 'k1' };
    await sendToCustomer(deps, input);
    expect((await sendToCustomer(deps, input)).status).toBe('duplicate');
    expect((await ledger.current('2026-01-05T10')).messages).toBe(1);
    ledger.failAdds = true;
    expect((await sendToCustomer(deps, { ...input, idempotencyKey: 'k3' })).status).toBe('sent');
    expect(sent).toBe(2);
  });

  it('recording nothing writes nothing', async () => {
    const ledger = new MemoryLedger();
    await recordSpend({ ledger, clock, settings }, { tokens: 0 });
    expect(ledger.hours.size).toBe(0);
  });
});

describe('the BudgetCeilingCrossed metric', () => {
  let lines: string[];
  const saved = { dev: process.env.POWERTOOLS_DEV, disabled: process.env.POWERTOOLS_METRICS_DISABLED };
  beforeEach(() => {
    delete process.env.POWERTOOLS_DEV;
    delete process.env.POWERTOOLS_METRICS_DISABLED;
    lines = [];
    vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
      lines.push(String(chunk));
      return true;
    });
  });
  afterEach(() => {
    vi.restoreAllMocks();
    if (saved.dev !== undefined) process.env.POWERTOOLS_DEV = saved.dev;
    if (saved.disabled !== undefined) process.env.POWERTOOLS_METRICS_DISABLED = saved.disabled;
  });

  it('is emitted once, by the addition that crosses a ceiling, in the Tandem namespace', async () => {
    const metrics = new Metrics({ namespace: 'Tandem', serviceName: 'tandem' });
    const built = vi.spyOn(metrics, 'singleMetric');
    const ledger = withCeilingMetrics(new MemoryLedger(), metrics, settings);
    await ledger.add('2026-01-05T10', { tokens: 600 });
    expect(lines.join('')).not.toContain(CEILING_METRIC);
    await ledger.add('2026-01-05T10', { tokens: 600 });
    await ledger.add('2026-01-05T10', { tokens: 600 });
    await ledger.add('2026-01-05T11', { tokens: 1200 });
    const records = lines.filter((line) => line.includes(CEILING_METRIC)).map((line) => JSON.parse(line));
    expect(records).toHaveLength(2);
    expect(records[0]).toMatchObject({ [CEILING_METRIC]: 1, service: 'tandem', ceiling: 'tokens' });
    expect(records[0]._aws.CloudWatchMetrics[0]).toMatchObject({
      Namespace: 'Tandem',
      Dimensions: [['service']],
      Metrics: [{ Name: CEILING_METRIC, Unit: 'Count' }],
    });
    expect(records[1]).toMatchObject({ [CEILING_METRIC]: 1, service: 'tandem', hour: '2026-01-05T11' });
    // Its publisher is built with the ledger, not per metric.
    expect(built).toHaveBeenCalledTimes(1);
  });

  it('a ledger failure is reported and rethrown', async () => {
    const failing = new MemoryLedger();
    failing.failAdds = true;
    const errors: string[] = [];
    const ledger = withCeilingMetrics(failing, new Metrics({ namespace: 'Tandem' }), settings, {
      onError: (message) => errors.push(message),
    });
    await expect(ledger.add('2026-01-05T10', { tokens: 1 })).rejects.toThrow('table unavailable');
    expect(errors).toEqual(['usage ledger not updated']);
  });
});
