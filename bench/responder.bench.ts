/**
 * Responder benchmark: input tokens per turn as a scripted conversation grows (turns 5, 20, 50;
 * the rolling summary keeps turn 50 within 1.25x of turn 5), and the responder's time per message
 * with the offline model (prompt build, retrieval, output guardrails; no network).
 */
import { fileURLToPath } from 'node:url';
import { loadKnowledge } from '#adapters/knowledge-loader.ts';
import { OfflineModel } from '#adapters/offline-model.ts';
import type { Conversation, Message } from '#core/model.ts';
import { buildModelRequest, requestTokens } from '#core/prompt.ts';
import { respondToCustomer } from '#core/responder.ts';
import { parseBusinessSettings } from '#shared/business-settings.ts';
import sample from '../config/business.ts';
import { verdictOf } from '../test/helpers/verdict.ts';

const QUESTIONS = [
  'Hi, do you ship to Canada?',
  'How much does international shipping cost?',
  'And how long does it take to arrive?',
  'Can I return a jacket if it does not fit?',
  'How long do refunds take to show up on my card?',
  'What is the Trail Club membership and how much is it?',
  'Does the membership give free shipping?',
  'How do I wash my Stormline rain jacket?',
  'Are you open on Saturday?',
  'I forgot my password, how do I reset it?',
  'Can I change the address on an order I placed an hour ago?',
  'Do gift cards expire?',
];
const ANSWER = 'Thanks for asking! Here is what I found in our policies, in two short sentences for SMS.';

/** Messages up to and including the customer's `turn`-th message. */
function script(turn: number): Message[] {
  const messages: Message[] = [];
  for (let i = 0; i < turn; i++) {
    const at = new Date(Date.UTC(2025, 0, 1, 9, 0, 0) + i * 60_000).toISOString();
    const text = `${QUESTIONS[i % QUESTIONS.length]} (order NW-${10_000 + i})`;
    messages.push({
      conversationId: 'c',
      messageId: `in${i}`,
      at,
      direction: 'inbound',
      author: 'customer',
      text,
    });
    if (i < turn - 1) {
      messages.push({
        conversationId: 'c',
        messageId: `out${i}`,
        at,
        direction: 'outbound',
        author: 'ai',
        text: ANSWER,
      });
    }
  }
  return messages;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

export default async (): Promise<Record<string, number | string>> => {
  const settings = parseBusinessSettings(sample);
  const knowledge = loadKnowledge(fileURLToPath(new URL('../knowledge', import.meta.url)));
  const canary = 'CANARY-bench-0001';
  const conversation: Conversation = {
    id: 'c',
    channel: 'whatsapp',
    customerAddress: '+15550001111',
    businessAddress: 'whatsapp:+15559990000',
    mode: 'ai',
    version: 1,
    openedAt: '2025-01-01T09:00:00.000Z',
    updatedAt: '2025-01-01T09:00:00.000Z',
  };

  const tokensAt = (turn: number) =>
    requestTokens(buildModelRequest({ settings, knowledge, canary, conversation, history: script(turn) }));
  const t5 = tokensAt(5);
  const t20 = tokensAt(20);
  const t50 = tokensAt(50);
  const system = buildModelRequest({ settings, knowledge, canary, conversation, history: script(1) }).system;
  // The part not served from the prompt cache: context + turns.
  const dynamicAt = (turn: number) => {
    const request = buildModelRequest({ settings, knowledge, canary, conversation, history: script(turn) });
    return requestTokens({ ...request, system: '' });
  };

  const model = new OfflineModel(knowledge, { brand: settings.brand });
  const deps = { model, settings, knowledge, canary };
  const messages = 600;
  const durations: number[] = [];
  let escalations = 0;
  for (let i = 0; i < messages + 50; i++) {
    const history = script((i % 30) + 1);
    const text = history.at(-1)?.text ?? '';
    const verdict = verdictOf(text);
    const started = performance.now();
    const result = await respondToCustomer(deps, { conversation, history, verdict });
    const elapsed = performance.now() - started;
    if (i >= 50) durations.push(elapsed); // the first 50 warm the JIT
    if (result.kind === 'escalate') escalations++;
  }
  durations.sort((a, b) => a - b);

  return {
    'input tokens/turn @5 (est.)': t5,
    'input tokens/turn @20 (est.)': t20,
    'input tokens/turn @50 (est.)': t50,
    'ratio turn50/turn5 (must be <= 1.25)': Number((t50 / t5).toFixed(3)),
    'system prefix tokens (cacheable, est.)': Math.ceil(system.length / 4),
    'uncached tokens (context+turns) @5 (est.)': dynamicAt(5),
    'uncached tokens (context+turns) @50 (est.)': dynamicAt(50),
    'responder messages measured (offline model)': messages,
    'responder p50 ms/message': Number(percentile(durations, 50).toFixed(3)),
    'responder p99 ms/message': Number(percentile(durations, 99).toFixed(3)),
    'responder escalations in run': escalations,
  };
};
