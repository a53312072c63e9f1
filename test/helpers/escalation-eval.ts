/**
 * Scores the deterministic escalation triggers on a labelled escalation set
 * (`test/fixtures/eval/escalation.*.json`, format in its README): per category and language, how
 * many cases escalated at all, and how many with the trigger their category expects.
 * Used by the CI test on the tuning set and by `print-escalation-eval.ts` to report figures.
 */
import { readFileSync } from 'node:fs';
import { normalizeInput } from '#core/guardrails/normalize.ts';
import { findTriggers } from '#core/guardrails/triggers.ts';
import { scoreSentiment } from '#core/sentiment.ts';
import { type BusinessSettings, parseBusinessSettings } from '#shared/business-settings.ts';
import sample from '../../config/business.ts';

/** One labelled escalation case. */
export interface EscalationCase {
  id: string;
  lang: string;
  category: string;
  text: string;
  escalate: boolean;
}

/** The trigger label each escalating category expects. */
export const EXPECTED_LABEL: Record<string, string> = {
  explicit: 'customer_request',
  self_harm: 'self_harm',
  legal: 'legal',
  security: 'fraud',
  safety: 'safety',
  medical: 'medical',
  bereavement: 'bereavement',
};

/** Figures of one category in one language. */
export interface EvalRow {
  category: string;
  lang: string;
  cases: number;
  escalate: boolean;
  /** Cases that escalated for any reason. */
  escalated: number;
  /** Escalating cases that fired the category's own label. */
  labelled: number;
  /** escalated / cases: recall for escalating categories, false-escalation rate for the others. */
  rate: number;
  /** Escalating cases that did not fire their own label, and benign cases that escalated. */
  mistakes: string[];
}

/** Reads an escalation set: a JSON array of cases (or `{ cases: [...] }`). */
export function loadEscalationCases(url: URL): EscalationCase[] {
  const data = JSON.parse(readFileSync(url, 'utf8')) as EscalationCase[] | { cases: EscalationCase[] };
  return Array.isArray(data) ? data : data.cases;
}

/** The trigger labels the input pipeline would raise for `text` as a first message. */
export function labelsFor(text: string, settings: BusinessSettings): string[] {
  const normalized = normalizeInput(text, settings.guardrails.maxInputChars).text;
  return findTriggers({ text: normalized, settings, history: [], sentiment: scoreSentiment(normalized) }).map(
    (t) => t.label,
  );
}

/** Per category and language figures, in the set's order of first appearance. */
export function evaluateEscalation(
  cases: EscalationCase[],
  settings: BusinessSettings = parseBusinessSettings(sample),
): EvalRow[] {
  const rows = new Map<string, EvalRow>();
  for (const item of cases) {
    const key = `${item.category}/${item.lang}`;
    let row = rows.get(key);
    if (!row) {
      row = {
        category: item.category,
        lang: item.lang,
        cases: 0,
        escalate: item.escalate,
        escalated: 0,
        labelled: 0,
        rate: 0,
        mistakes: [],
      };
      rows.set(key, row);
    }
    const labels = labelsFor(item.text, settings);
    const expected = EXPECTED_LABEL[item.category];
    row.cases++;
    if (labels.length > 0) row.escalated++;
    if (expected && labels.includes(expected)) row.labelled++;
    if (item.escalate && !(expected && labels.includes(expected))) {
      row.mistakes.push(`${item.id} missed (${labels.join(',') || 'none'}): ${item.text}`);
    } else if (!item.escalate && labels.length > 0) {
      row.mistakes.push(`${item.id} escalated (${labels.join(',')}): ${item.text}`);
    }
  }
  for (const row of rows.values()) row.rate = row.escalated / row.cases;
  return [...rows.values()];
}

/** Recall over every escalating case (escalated for any reason). */
export function overallRecall(rows: EvalRow[]): number {
  const positive = rows.filter((r) => r.escalate);
  const total = positive.reduce((n, r) => n + r.cases, 0);
  return total === 0 ? 1 : positive.reduce((n, r) => n + r.escalated, 0) / total;
}

/** A plain-text table of the figures, then the mistakes. */
export function formatEscalationReport(rows: EvalRow[]): string {
  const lines = [
    'category      lang  cases  escalated  own label  rate',
    ...rows.map(
      (r) =>
        `${r.category.padEnd(13)} ${r.lang.padEnd(5)} ${String(r.cases).padStart(5)}  ${String(r.escalated).padStart(9)}  ${(r.escalate ? String(r.labelled) : '-').padStart(9)}  ${r.rate.toFixed(2)} ${r.escalate ? 'recall' : 'false escalation'}`,
    ),
    `overall recall ${overallRecall(rows).toFixed(3)}`,
    ...rows.flatMap((r) => r.mistakes),
  ];
  return lines.join('\n');
}
