import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Case, Message } from '#core/model.ts';
import {
  categoryFor,
  feedbackCase,
  feedbackCaseId,
  leadingMessages,
  mergeCases,
  mergeIntoFile,
  redactForSet,
  renderCases,
} from '#local/eval/feedback.ts';
import { type EscalationCase, loadSet, resolveSetPath } from '#local/eval/sets.ts';

const dir = mkdtempSync(join(tmpdir(), 'tandem-eval-feedback-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const conversationId = 'sms|+15551230000|+15550100000';
let clock = 0;
function msg(author: Message['author'], text: string, fields: Partial<Message> = {}): Message {
  clock++;
  return {
    conversationId,
    messageId: `SM${String(clock).padStart(32, '0')}`,
    at: new Date(Date.UTC(2026, 0, 1, 9, 0, clock)).toISOString(),
    direction: author === 'customer' ? 'inbound' : 'outbound',
    author,
    text,
    ...fields,
  };
}

function caseFor(
  trigger: Message,
  fields: Partial<Case> = {},
  reason: Case['packet']['reason'] = 'sensitive_topic',
): Case {
  const caseId = `case-${trigger.messageId}`;
  return {
    caseId,
    conversationId,
    status: 'resolved',
    version: 4,
    openedAt: trigger.at,
    priority: 'high',
    packet: {
      caseId,
      conversationId,
      channel: 'sms',
      customerAddress: '+15551230000',
      customerName: 'Ana Ruiz',
      reason,
      priority: 'high',
      summary: 'legal threat',
      tried: '',
      sentimentTrend: [-0.5],
      lastCustomerMessage: trigger.text,
      suggestedNextStep: '',
      openedAt: trigger.at,
    },
    escalationNeeded: true,
    ...fields,
  };
}

describe('redaction for a set', () => {
  it('removes phone numbers, emails and cards, the known name and self-introductions', () => {
    const text = redactForSet(
      'Hi, my name is Ana Ruiz, call me at +1 555 123 0000 or ana@example.com. Ana here again. Card 4111 1111 1111 1111',
      ['Ana Ruiz'],
    );
    expect(text).not.toMatch(/Ana|Ruiz|555|example\.com|4111/);
    expect(text).toContain('my name is [name]');
    expect(text).toContain('[phone]');
    expect(text).toContain('[email]');
    expect(text).toContain('[card]');
  });

  it('takes out a name introduced in Spanish that the profile did not know', () => {
    expect(redactForSet('hola, me llamo lucía y quiero ayuda')).toBe('hola, me llamo [name] y quiero ayuda');
  });

  it('does not touch words that merely contain the name', () => {
    expect(redactForSet('Banana bread', ['Ana'])).toBe('Banana bread');
  });
});

describe('the category of an exported case', () => {
  it.each([
    ['customer_request', [], true, 'explicit'],
    ['self_harm', [], true, 'self_harm'],
    ['sensitive_topic', ['escalation:legal'], true, 'legal'],
    ['sensitive_topic', ['pii:phone', 'escalation:fraud'], true, 'security'],
    ['sensitive_topic', ['escalation:bereavement'], true, 'bereavement'],
    ['sensitive_topic', [], true, 'other'],
    ['negative_sentiment', [], true, 'other'],
    ['customer_request', ['escalation:customer_request'], false, 'lookalike'],
    ['sensitive_topic', ['escalation:safety'], false, 'lookalike'],
    ['out_of_scope', [], false, 'routine'],
  ] as const)('%s %j, needed %s → %s', (reason, flags, needed, category) => {
    expect(categoryFor(reason, flags, needed)).toBe(category);
  });
});

describe('the messages that led to an escalation', () => {
  it('the trigger and up to two customer messages before it, not across an earlier handoff', () => {
    const old = msg('customer', 'old visit');
    const closing = msg('system', 'Thanks for contacting us');
    const first = msg('customer', 'my order is late');
    const reply = msg('ai', 'Sorry to hear that');
    const second = msg('customer', 'it was a gift');
    const third = msg('customer', 'I will call my lawyer');
    const trigger = msg('customer', 'this is unacceptable');
    const messages = [old, closing, first, reply, second, third, trigger];
    expect(leadingMessages(messages, trigger.messageId).map((m) => m.text)).toEqual([
      'it was a gift',
      'I will call my lawyer',
      'this is unacceptable',
    ]);
    expect(leadingMessages([old, closing, first], first.messageId).map((m) => m.text)).toEqual([
      'my order is late',
    ]);
    expect(leadingMessages(messages, 'SMmissing')).toEqual([]);
  });
});

describe('an exported case', () => {
  const question = msg('customer', 'my name is Ana, where is my refund?');
  const trigger = msg('customer', 'Ana Ruiz here, I am taking you to court. Call +15551230000', {
    flags: ['pii:phone', 'escalation:legal', 'processed'],
  });

  it('is labelled with the agent answer, redacted, with an id from the case, never the phone', () => {
    const kase = caseFor(trigger);
    const exported = feedbackCase({ kase, messages: [question, msg('ai', 'Refunds take 3 days.'), trigger] });
    expect(exported).toEqual({
      id: feedbackCaseId(kase.caseId),
      lang: 'en',
      category: 'legal',
      text: 'my name is [name], where is my refund?\n[name] here, I am taking you to court. Call [phone]',
      escalate: true,
    });
    expect(exported?.id).toMatch(/^fb-[0-9a-f]{12}$/);
    expect(JSON.stringify(exported)).not.toMatch(/Ana|Ruiz|1555123/);
  });

  it('falls back on the packet (already redacted) when the messages have expired, and skips unjudged cases', () => {
    const kase = caseFor(trigger, { escalationNeeded: false }, 'customer_request');
    kase.packet.lastCustomerMessage = 'quiero hablar con el agente de aduanas';
    expect(feedbackCase({ kase, messages: [] })).toMatchObject({
      lang: 'es',
      category: 'lookalike',
      text: 'quiero hablar con el agente de aduanas',
      escalate: false,
    });
    const { escalationNeeded: _omitted, ...unjudged } = caseFor(trigger);
    expect(feedbackCase({ kase: unjudged, messages: [trigger] })).toBeUndefined();
  });
});

describe('merging into the feedback file', () => {
  const a: EscalationCase = {
    id: 'fb-000000000001',
    lang: 'en',
    category: 'explicit',
    text: 'get me a human',
    escalate: true,
  };
  const b: EscalationCase = {
    id: 'fb-000000000002',
    lang: 'en',
    category: 'routine',
    text: 'where is my order',
    escalate: false,
  };

  it('adds new cases and leaves present ones (same id or same text) as they are', () => {
    const curated = { ...a, category: 'other' as const };
    const result = mergeCases([curated], [a, { ...b, id: 'fb-000000000003', text: 'GET ME A HUMAN' }, b]);
    expect(result).toMatchObject({ added: 1, present: 2 });
    expect(result.cases).toEqual([curated, b]);
  });

  it('creates the file, then merges into it without duplicates', () => {
    const path = join(dir, 'feedback.json');
    expect(mergeIntoFile(path, [a])).toMatchObject({ added: 1, present: 0 });
    expect(mergeIntoFile(path, [a, b])).toMatchObject({ added: 1, present: 1 });
    expect(mergeIntoFile(path, [a, b])).toMatchObject({ added: 0, present: 2 });
    const set = loadSet(path);
    expect(set).toMatchObject({ kind: 'escalation', role: 'feedback' });
    expect(set.cases).toEqual([a, b]);
  });

  it('keeps the other keys of a file that is an object with cases', () => {
    const path = join(dir, 'feedback.object.json');
    writeFileSync(path, JSON.stringify({ $comment: 'agents said so', cases: [a] }));
    mergeIntoFile(path, [b]);
    const written = JSON.parse(readFileSync(path, 'utf8')) as { $comment: string; cases: EscalationCase[] };
    expect(written.$comment).toBe('agents said so');
    expect(written.cases).toEqual([a, b]);
  });

  it('writes a set file as Biome formats it (one case per line when it fits)', () => {
    for (const name of ['samples/escalation.sample', 'samples/knowledge.sample']) {
      const path = resolveSetPath(name);
      expect(renderCases(loadSet(path).cases)).toBe(readFileSync(path, 'utf8'));
    }
  });
});
