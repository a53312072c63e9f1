/**
 * Scores knowledge-base answers on a labelled set (`test/fixtures/eval/README.md`): each case goes
 * through the input guardrails and the responder with the given model, as one fresh customer, and is
 * judged right, abstained or confidently wrong. Pure apart from reading the case file.
 */
import { readFileSync } from 'node:fs';
import { checkInput, makeCanary } from '#core/guardrails/index.ts';
import type { KnowledgeBase } from '#core/knowledge.ts';
import type { Conversation, Message } from '#core/model.ts';
import type { LanguageModel } from '#core/ports.ts';
import { CLARIFY_FLAG, DONT_KNOW_FLAG, type ResponderResult, respondToCustomer } from '#core/responder.ts';
import type { BusinessSettings } from '#shared/business-settings.ts';

/** One labelled knowledge question. */
export interface KnowledgeCase {
  id: string;
  lang: string;
  kind: 'answerable' | 'unanswerable';
  text: string;
  /** The passage that answers it (answerable only). */
  passage?: string;
  /** Facts a right answer contains (answerable only). */
  expect?: string[];
}

/**
 * `right`: an answerable case answered with every expected fact. `abstained`: "not sure", a clarifying
 * question or a person; for an unanswerable case, anything not answered from the knowledge base (the
 * right outcome there). `wrong`: anything else (confidently wrong).
 */
export type Outcome = 'right' | 'abstained' | 'wrong';

/** The judged result of one case. */
export interface CaseResult {
  case: KnowledgeCase;
  outcome: Outcome;
  /** What the customer would read (the reply, or the escalation's message). */
  reply: string;
  passages: string[];
  abstained: boolean;
}

/** Counts for one group of cases. */
export interface Tally {
  total: number;
  right: number;
  abstained: number;
  wrong: number;
}

/** Reads a case file: a JSON array of cases, or `{ "cases": [...] }`. */
export function loadKnowledgeCases(path: string | URL): KnowledgeCase[] {
  const parsed = JSON.parse(readFileSync(path, 'utf8')) as KnowledgeCase[] | { cases: KnowledgeCase[] };
  return Array.isArray(parsed) ? parsed : parsed.cases;
}

/** Lowercase, accents removed, whitespace collapsed: how expected facts are compared. */
export function fold(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * True when the turn did not answer: a hand-over with no answer alongside, a clarifying question, or an
 * admitted "not sure".
 */
export function isAbstention(result: ResponderResult, settings: BusinessSettings): boolean {
  if (result.kind === 'escalate') return !result.answer;
  if (result.flags.includes(CLARIFY_FLAG) || result.flags.includes(DONT_KNOW_FLAG)) return true;
  return result.text === settings.messages.fallback;
}

/** Judges one responder result against its case. */
export function judge(item: KnowledgeCase, result: ResponderResult, settings: BusinessSettings): CaseResult {
  const abstained = isAbstention(result, settings);
  const notice = result.kind === 'escalate' ? result.reply || settings.messages.escalated : '';
  const reply =
    result.kind === 'reply' ? result.text : result.answer ? `${result.answer.text} ${notice}` : notice;
  let outcome: Outcome;
  if (item.kind === 'unanswerable') {
    // Not answered from the knowledge base: an abstention, or a reply that quotes no passage.
    outcome = abstained || result.passages.length === 0 ? 'abstained' : 'wrong';
  } else if (abstained) {
    outcome = 'abstained';
  } else {
    const folded = fold(reply);
    outcome = (item.expect ?? []).every((fact) => folded.includes(fold(fact))) ? 'right' : 'wrong';
  }
  return { case: item, outcome, reply, passages: result.passages, abstained };
}

const conversation: Conversation = {
  id: 'sms|+15550000000|+15559990000',
  channel: 'sms',
  customerAddress: '+15550000000',
  businessAddress: '+15559990000',
  mode: 'ai',
  version: 1,
  openedAt: '2025-01-01T10:00:00.000Z',
  updatedAt: '2025-01-01T10:00:00.000Z',
};

/** Runs every case as the first message of a fresh conversation and judges it. */
export async function runKnowledgeEval(
  deps: { model: LanguageModel; knowledge: KnowledgeBase; settings: BusinessSettings },
  cases: KnowledgeCase[],
): Promise<CaseResult[]> {
  const canary = makeCanary('knowledge-eval');
  const results: CaseResult[] = [];
  for (const item of cases) {
    const message: Message = {
      conversationId: conversation.id,
      messageId: item.id,
      at: conversation.openedAt,
      direction: 'inbound',
      author: 'customer',
      text: item.text,
    };
    const verdict = checkInput(item.text, { settings: deps.settings, history: [] });
    const result = await respondToCustomer(
      { ...deps, canary },
      { conversation, history: [{ ...message, text: verdict.text }], verdict, answerAlongside: true },
    );
    results.push(judge(item, result, deps.settings));
  }
  return results;
}

/** Tallies results by kind and language: keys `answerable`, `answerable/en`, `unanswerable/es`… */
export function tally(results: CaseResult[]): Record<string, Tally> {
  const groups: Record<string, Tally> = {};
  const add = (key: string, outcome: Outcome): void => {
    groups[key] ??= { total: 0, right: 0, abstained: 0, wrong: 0 };
    const group = groups[key];
    group.total++;
    group[outcome]++;
  };
  for (const result of results) {
    add(result.case.kind, result.outcome);
    add(`${result.case.kind}/${result.case.lang}`, result.outcome);
  }
  return groups;
}

/** A rate in percent with one decimal. */
export function percent(part: number, total: number): number {
  return total ? Math.round((1000 * part) / total) / 10 : 0;
}

/** A fixed-width table of the tallies, one row per group. */
export function formatTally(groups: Record<string, Tally>): string {
  const rows = Object.keys(groups)
    .sort()
    .map((key) => {
      const g = groups[key] as Tally;
      const cells = [
        key.padEnd(16),
        String(g.total).padStart(5),
        `${g.right} (${percent(g.right, g.total)}%)`.padStart(14),
        `${g.wrong} (${percent(g.wrong, g.total)}%)`.padStart(14),
        `${g.abstained} (${percent(g.abstained, g.total)}%)`.padStart(14),
      ];
      return cells.join(' ');
    });
  const head = ['group'.padEnd(16), 'cases'.padStart(5), 'right'.padStart(14)];
  head.push('wrong'.padStart(14), 'abstained'.padStart(14));
  return [head.join(' '), ...rows].join('\n');
}
