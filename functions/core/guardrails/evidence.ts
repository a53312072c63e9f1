/**
 * Weighted evidence: an intent is a list of rules, each a few concepts that must occur together
 * (in order, close to each other, in one clause) and a weight, negative for evidence against. A
 * clause scores the sum of its rules' weights (each rule counts once) plus the message-wide rules;
 * the intent's score is its best clause, and it fires at its threshold.
 */
import type { Analysis, ConceptMatch, Lang, Token } from './lexicon.ts';

/** One piece of evidence for (weight > 0) or against (weight < 0) an intent. */
export interface EvidenceRule {
  /** Concepts that must all occur, in this order unless `anyOrder`; `a|b` is either concept. */
  all: readonly string[];
  weight: number;
  /** Most content words from the first concept's start to the last one's end. Default 6. */
  within?: number;
  /** The concepts may come in any order. */
  anyOrder?: boolean;
  /** The concepts may be anywhere in the message (any clause, any order, any distance). */
  anywhere?: boolean;
  /** The clause holds nothing but these concepts, `filler` words and articles ("an agent please"). */
  alone?: boolean;
  /** Why, for the unit tests and the reader. */
  note?: string;
}

/** An intent scored on concept matches. */
export interface Intent {
  label: string;
  /** The score at or above which the intent fires. Default 1. */
  threshold?: number;
  rules: readonly EvidenceRule[];
}

/** The score of an intent and the rules that made its best clause. */
export interface IntentScore {
  score: number;
  fired: boolean;
  /** Indices (into `intent.rules`) of the rules that held in the best clause or message-wide. */
  rules: number[];
}

const DEFAULT_WITHIN = 6;
/** Concept of words that may pad a message without changing it ("please", "now", "por favor"). */
export const FILLER = 'filler';

function span(tokens: Token[], chosen: ConceptMatch[]): number {
  const first = Math.min(...chosen.map((m) => m.start));
  const last = Math.max(...chosen.map((m) => m.end - 1));
  return tokens[last]!.position - tokens[first]!.position;
}

function candidates(spec: string, byConcept: Map<string, ConceptMatch[]>): ConceptMatch[] {
  if (!spec.includes('|')) return byConcept.get(spec) ?? [];
  return spec.split('|').flatMap((concept) => byConcept.get(concept) ?? []);
}

/** Whether the rule's concepts co-occur in `clause` (or anywhere, when `clause` is undefined). */
function holds(
  rule: EvidenceRule,
  byConcept: Map<string, ConceptMatch[]>,
  tokens: Token[],
  clause: number | undefined,
): boolean {
  const within = rule.within ?? DEFAULT_WITHIN;
  const chosen: ConceptMatch[] = [];
  const search = (i: number): boolean => {
    if (i === rule.all.length) return rule.anywhere === true || span(tokens, chosen) <= within;
    for (const match of candidates(rule.all[i]!, byConcept)) {
      if (clause !== undefined && match.clause !== clause) continue;
      const previous = chosen[i - 1];
      if (previous && !rule.anyOrder && !rule.anywhere && match.start < previous.end) continue;
      if (chosen.some((m) => m.start === match.start && m.end === match.end)) continue;
      chosen.push(match);
      if (search(i + 1)) return true;
      chosen.pop();
    }
    return false;
  };
  if (!search(0)) return false;
  if (!rule.alone || clause === undefined) return true;
  // Every word of the clause but articles is covered by the rule's concepts or filler.
  const allowed = new Set([...rule.all.flatMap((spec) => spec.split('|')), FILLER]);
  const covered = new Set<number>();
  for (const [concept, matches] of byConcept) {
    if (!allowed.has(concept)) continue;
    for (const m of matches) if (m.clause === clause) for (let t = m.start; t < m.end; t++) covered.add(t);
  }
  return tokens.every((t, i) => t.clause !== clause || t.article || covered.has(i));
}

/** Scores `intent` on an analysed message; `langs` limits which lexicons' matches count. */
export function scoreIntent(intent: Intent, analysis: Analysis, langs?: readonly Lang[]): IntentScore {
  const byConcept = new Map<string, ConceptMatch[]>();
  for (const match of analysis.matches) {
    if (langs && !langs.includes(match.lang)) continue;
    const list = byConcept.get(match.concept);
    if (list) list.push(match);
    else byConcept.set(match.concept, [match]);
  }
  const threshold = intent.threshold ?? 1;
  // Nothing to weigh unless some evidence for the intent is present (most messages stop here).
  const present = (spec: string) => spec.split('|').some((concept) => byConcept.has(concept));
  if (!intent.rules.some((rule) => rule.weight > 0 && rule.all.every(present))) {
    return { score: 0, fired: false, rules: [] };
  }
  const wide: number[] = [];
  let wideScore = 0;
  intent.rules.forEach((rule, index) => {
    if (rule.anywhere && holds(rule, byConcept, analysis.tokens, undefined)) {
      wide.push(index);
      wideScore += rule.weight;
    }
  });
  const clauses = new Set(analysis.tokens.map((t) => t.clause));
  let best: IntentScore = { score: wideScore, fired: wideScore >= threshold, rules: wide };
  let first = true;
  for (const clause of clauses) {
    let score = wideScore;
    const rules = [...wide];
    intent.rules.forEach((rule, index) => {
      if (!rule.anywhere && holds(rule, byConcept, analysis.tokens, clause)) {
        score += rule.weight;
        rules.push(index);
      }
    });
    if (first || score > best.score) best = { score, fired: score >= threshold, rules };
    first = false;
  }
  return best;
}
