import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadKnowledge } from '#adapters/knowledge-loader.ts';
import type { Conversation, CustomerProfile, Message } from '#core/model.ts';
import {
  buildModelRequest,
  describeHours,
  estimateTokens,
  requestTokens,
  SUMMARY_MAX_CHARS,
  summarizeTurns,
  toTurns,
} from '#core/prompt.ts';
import { parseBusinessSettings } from '#shared/business-settings.ts';
import sample from '../../config/business.ts';

const settings = parseBusinessSettings(sample);
const knowledge = loadKnowledge(fileURLToPath(new URL('../../knowledge', import.meta.url)));
const canary = 'CANARY-7f3a9c21';

function conversation(overrides: Partial<Conversation> = {}): Conversation {
  return {
    id: 'whatsapp|+15550001111|+15559990000',
    channel: 'whatsapp',
    customerAddress: '+15550001111',
    businessAddress: 'whatsapp:+15559990000',
    mode: 'ai',
    version: 1,
    openedAt: '2025-01-01T10:00:00.000Z',
    updatedAt: '2025-01-01T10:00:00.000Z',
    ...overrides,
  };
}

let seq = 0;
function message(author: Message['author'], text: string, extra: Partial<Message> = {}): Message {
  seq++;
  return {
    conversationId: 'c1',
    messageId: `m${String(seq).padStart(4, '0')}`,
    at: new Date(Date.UTC(2025, 0, 1, 10, 0, seq)).toISOString(),
    direction: author === 'customer' ? 'inbound' : 'outbound',
    author,
    text,
    ...extra,
  };
}

/** A scripted exchange: `n` customer questions, each answered by the AI. The last message is the customer's. */
function exchange(n: number): Message[] {
  const out: Message[] = [];
  for (let i = 1; i <= n; i++) {
    out.push(
      message('customer', `Question number ${i}: do you ship order ${1000 + i} to Canada? It is urgent.`),
    );
    if (i < n)
      out.push(message('ai', `Answer ${i}: we ship to Canada for a flat $24.95, 7 to 14 business days.`));
  }
  return out;
}

describe('buildModelRequest system prefix', () => {
  it('is byte-identical across customers, turns, profiles and hand-backs (so the prompt cache hits)', () => {
    const a = buildModelRequest({
      settings,
      knowledge,
      canary,
      conversation: conversation(),
      history: exchange(1),
    });
    const profile: CustomerProfile = {
      customerAddress: '+15552223333',
      name: 'Dana',
      facts: { jacket_size: 'M' },
      pastCases: [{ caseId: 'k1', summary: 'Late parcel to Boston', outcome: 'solved' }],
      optedOut: false,
      version: 3,
    };
    const b = buildModelRequest({
      settings,
      knowledge,
      canary,
      profile,
      conversation: conversation({
        id: 'sms|+15552223333|+15559990000',
        channel: 'sms',
        handbackInstruction: 'Offer a 10% code',
      }),
      history: exchange(30),
    });
    expect(b.system).toBe(a.system);
    expect(b.context).not.toBe(a.context);
  });

  it('holds persona, policies, tool rules, the canary line and the whole knowledge base', () => {
    const { system } = buildModelRequest({
      settings,
      knowledge,
      canary,
      conversation: conversation(),
      history: exchange(1),
    });
    expect(system).toContain(settings.persona);
    for (const policy of settings.policies) expect(system).toContain(policy);
    expect(system).toContain('escalate_to_human');
    expect(system).toContain('remember_customer_fact');
    expect(system).toMatch(new RegExp(`${canary}.*Never reveal`));
    expect(system).toContain(knowledge.render());
    expect(system).toContain('Monday–Friday 09:00–18:00; Saturday 10:00–14:00; Sunday closed');
  });
});

describe('buildModelRequest context', () => {
  it('names the customer, their remembered facts and past cases so they never repeat themselves', () => {
    const profile: CustomerProfile = {
      customerAddress: '+15550001111',
      name: 'Ana',
      facts: { jacket_size: 'M', city: 'Portland' },
      pastCases: [{ caseId: 'k9', summary: 'Exchanged boots for a larger size', outcome: 'solved' }],
      optedOut: false,
      version: 2,
    };
    const { context } = buildModelRequest({
      settings,
      knowledge,
      canary,
      profile,
      conversation: conversation(),
      history: exchange(1),
    });
    expect(context).toContain('Customer name: Ana');
    expect(context).toContain('- jacket_size: M');
    expect(context).toContain('- city: Portland');
    expect(context).toContain('Exchanged boots for a larger size (solved)');
  });

  it('carries the one-shot hand-back instruction from the agent', () => {
    const { context } = buildModelRequest({
      settings,
      knowledge,
      canary,
      conversation: conversation({ handbackInstruction: 'Confirm the exchange label was emailed.' }),
      history: exchange(2),
    });
    expect(context).toContain('handed this conversation back');
    expect(context).toContain('Confirm the exchange label was emailed.');
  });

  it('summarizes turns older than the window, keeping the first ask', () => {
    const history = exchange(20);
    const { context, turns } = buildModelRequest({
      settings,
      knowledge,
      canary,
      conversation: conversation(),
      history,
    });
    expect(context).toContain('Earlier in this conversation the customer said:');
    expect(context).toContain('Question number 1:');
    // Recent questions are verbatim turns, not only in the summary.
    expect(turns.at(-1)?.content).toContain('Question number 20');
  });

  it('has no summary while the whole conversation fits the window', () => {
    const { context } = buildModelRequest({
      settings,
      knowledge,
      canary,
      conversation: conversation(),
      history: exchange(2),
    });
    expect(context).not.toContain('Earlier in this conversation');
  });
});

describe('buildModelRequest turns', () => {
  it('keeps only the last recentTurns messages, starting with the user and ending with the new message', () => {
    const { turns } = buildModelRequest({
      settings,
      knowledge,
      canary,
      conversation: conversation(),
      history: exchange(40),
    });
    expect(turns.length).toBeLessThanOrEqual(settings.model.recentTurns);
    expect(turns[0]?.role).toBe('user');
    expect(turns.at(-1)).toEqual({ role: 'user', content: expect.stringContaining('Question number 40') });
    for (let i = 1; i < turns.length; i++) expect(turns[i]?.role).not.toBe(turns[i - 1]?.role);
  });

  it('maps agent and AI messages to assistant, marks agent turns and merges consecutive same-role turns', () => {
    const turns = toTurns([
      message('ai', 'Leading AI greeting is dropped'),
      message('customer', 'Hi'),
      message('customer', 'Where is my order?'),
      message('ai', 'Let me get a person.'),
      message('agent', 'Hello, I can see it shipped today.', { agent: { id: 'U1', name: 'Ana' } }),
      message('customer', 'Thanks!'),
    ]);
    expect(turns).toEqual([
      { role: 'user', content: 'Hi\n\nWhere is my order?' },
      {
        role: 'assistant',
        content: 'Let me get a person.\n\n(agent Ana) Hello, I can see it shipped today.',
      },
      { role: 'user', content: 'Thanks!' },
    ]);
  });

  it('uses settings.model.maxTokens', () => {
    const request = buildModelRequest({
      settings,
      knowledge,
      canary,
      conversation: conversation(),
      history: exchange(1),
    });
    expect(request.maxTokens).toBe(settings.model.maxTokens);
  });
});

describe('bounded input tokens', () => {
  it('stays within 1.25x from turn 5 to turn 50', () => {
    const at = (n: number) =>
      requestTokens(
        buildModelRequest({
          settings,
          knowledge,
          canary,
          conversation: conversation(),
          history: exchange(n),
        }),
      );
    expect(at(50) / at(5)).toBeLessThanOrEqual(1.25);
  });
});

describe('summarizeTurns', () => {
  it('is bounded, deterministic, and keeps the first and the latest asks', () => {
    const history = exchange(200);
    const summary = summarizeTurns(history);
    expect(summary.length).toBeLessThanOrEqual(SUMMARY_MAX_CHARS);
    expect(summary).toBe(summarizeTurns(history));
    expect(summary).toContain('Question number 1:');
    expect(summary).toContain('Question number 200:');
    expect(summary).not.toContain('Question number 100:');
  });

  it('extends a previous summary instead of forgetting it', () => {
    const first = summarizeTurns([message('customer', 'My Stormline jacket zip broke after two weeks.')]);
    const next = summarizeTurns([message('customer', 'Can I get it repaired under warranty?')], first);
    expect(next).toContain('zip broke');
    expect(next).toContain('repaired under warranty');
  });

  it('notes agent replies and caps long messages', () => {
    const summary = summarizeTurns([
      message('customer', 'x'.repeat(1000)),
      message('agent', 'I have refunded the shipping fee.', { agent: { id: 'U1', name: 'Sam' } }),
    ]);
    expect(summary).toContain('(agent Sam replied: I have refunded the shipping fee.)');
    expect(summary.length).toBeLessThan(400);
  });

  it('is empty when there is nothing to summarize', () => {
    expect(summarizeTurns([])).toBe('');
  });
});

describe('helpers', () => {
  it('estimateTokens is characters / 4 rounded up', () => {
    expect(estimateTokens('')).toBe(0);
    expect(estimateTokens('abcd')).toBe(1);
    expect(estimateTokens('abcde')).toBe(2);
  });

  it('describeHours groups equal days', () => {
    expect(describeHours(settings.hours)).toBe(
      'Monday–Friday 09:00–18:00; Saturday 10:00–14:00; Sunday closed (America/New_York)',
    );
  });
});
