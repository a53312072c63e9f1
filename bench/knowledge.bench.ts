/**
 * Knowledge benchmark on the generated knowledge base (1,070 passages, `test/helpers/knowledge-generator.ts`),
 * with the sample business settings (`knowledge`: 6,000-token budget, top 5, minScore 8):
 * retrieval recall@5 and recall@1 on the tuning and held-out question splits, follow-ups, questions
 * outside the knowledge base; input tokens per turn (held-out questions, alone and as follow-ups)
 * against the whole knowledge base's size; retrieval time per turn and index build time.
 */
import { KnowledgeBase } from '#core/knowledge.ts';
import type { Conversation, Message } from '#core/model.ts';
import { buildModelRequest, estimateTokens, requestTokens, selectTurnKnowledge } from '#core/prompt.ts';
import { parseBusinessSettings } from '#shared/business-settings.ts';
import sample from '../config/business.ts';
import { evaluateRetrieval, generateKnowledge } from '../test/helpers/knowledge-generator.ts';

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

/** Customer questions, each but the last answered by the AI. */
function asked(...questions: string[]): Message[] {
  return questions.flatMap((text, i): Message[] => {
    const at = new Date(Date.UTC(2025, 0, 1, 9, i)).toISOString();
    const inbound: Message = {
      conversationId: 'c',
      messageId: `in${i}`,
      at,
      direction: 'inbound',
      author: 'customer',
      text,
    };
    if (i === questions.length - 1) return [inbound];
    const reply = 'Here is what our help centre says about that, in two short sentences.';
    return [
      inbound,
      { conversationId: 'c', messageId: `out${i}`, at, direction: 'outbound', author: 'ai', text: reply },
    ];
  });
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

const mean = (values: number[]): number => values.reduce((a, b) => a + b, 0) / Math.max(1, values.length);

export default async (): Promise<Record<string, number | string>> => {
  const settings = parseBusinessSettings(sample);
  const canary = 'CANARY-bench-0001';
  const generated = generateKnowledge();
  const { knowledge } = generated;

  const builds: number[] = [];
  for (let i = 0; i < 5; i++) {
    const started = performance.now();
    KnowledgeBase.fromMarkdown(generated.files);
    builds.push(performance.now() - started);
  }

  const tuning = evaluateRetrieval(knowledge, generated.tuning, settings.knowledge);
  const heldout = evaluateRetrieval(knowledge, generated.heldout, settings.knowledge);

  const histories = [
    ...generated.heldout.answerable.map((q) => asked(q.text)),
    ...generated.heldout.followUps.map((q) => asked(q.previous ?? '', q.text)),
  ];
  const totals: number[] = [];
  const references: number[] = [];
  const uncached: number[] = [];
  const selectMs: number[] = [];
  let system = '';
  for (const history of histories) {
    const started = performance.now();
    const selection = selectTurnKnowledge(settings, knowledge, history);
    selectMs.push(performance.now() - started);
    const request = buildModelRequest({ settings, knowledge, canary, conversation, history, selection });
    system = request.system;
    totals.push(requestTokens(request));
    references.push(estimateTokens(request.reference ?? ''));
    uncached.push(requestTokens({ ...request, system: '' }));
  }
  totals.sort((a, b) => a - b);
  selectMs.sort((a, b) => a - b);
  const whole = estimateTokens(knowledge.render());

  const figure = (value: number): number => Number(value.toFixed(3));
  return {
    'generated KB: passages': knowledge.passages.length,
    'generated KB: tokens if sent whole (est.)': whole,
    'knowledge settings (budget / topK / minScore)': `${settings.knowledge.promptTokenBudget} / ${settings.knowledge.topK} / ${settings.knowledge.minScore}`,
    'tuning: questions (answerable / off-topic / follow-ups)': `${generated.tuning.answerable.length} / ${generated.tuning.unanswerable.length} / ${generated.tuning.followUps.length}`,
    'tuning: recall@5': figure(tuning.recallAtK),
    'tuning: recall@1': figure(tuning.recallAt1),
    'tuning: follow-up recall@5': figure(tuning.followUpRecallAtK),
    'tuning: recall@5 after a topic switch': figure(tuning.topicSwitchRecallAtK),
    'tuning: off-topic with no passage (abstains)': figure(tuning.abstention),
    'tuning: answerable with no passage': figure(tuning.falseAbstention),
    'held-out: questions (answerable / off-topic / follow-ups)': `${generated.heldout.answerable.length} / ${generated.heldout.unanswerable.length} / ${generated.heldout.followUps.length}`,
    'held-out: recall@5': figure(heldout.recallAtK),
    'held-out: recall@1': figure(heldout.recallAt1),
    'held-out: follow-up recall@5': figure(heldout.followUpRecallAtK),
    'held-out: recall@5 after a topic switch': figure(heldout.topicSwitchRecallAtK),
    'held-out: off-topic with no passage (abstains)': figure(heldout.abstention),
    'held-out: answerable with no passage': figure(heldout.falseAbstention),
    'turns measured (held-out, alone + follow-ups)': histories.length,
    'input tokens/turn mean (est.)': Math.round(mean(totals)),
    'input tokens/turn p50 / max (est.)': `${percentile(totals, 50)} / ${totals.at(-1)}`,
    'system prefix tokens (cached, est.)': estimateTokens(system),
    'reference tokens/turn mean / max (uncached, est.)': `${Math.round(mean(references))} / ${Math.max(...references)}`,
    'uncached tokens/turn mean (reference+context+turns, est.)': Math.round(mean(uncached)),
    'retrieval p50 ms/turn': figure(percentile(selectMs, 50)),
    'retrieval p99 ms/turn': figure(percentile(selectMs, 99)),
    'index build ms (1,070 passages, median of 5)': figure(builds.sort((a, b) => a - b)[2] ?? 0),
  };
};
