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
  /**
   * The intent fired on single concepts only: no positive rule that held joins two concepts or asks a
   * clause to hold nothing else (`compound`). One word can do that ("suicide sprints", "hacked off"),
   * so `triggers.ts` lets the classifier veto such a verdict.
   */
  weak: boolean;
}

/**
 * Whether a rule is evidence of structure rather than of one concept: two or more concepts together,
 * or a clause that holds the concept and nothing else ("an agent please").
 */
function compound(rule: EvidenceRule): boolean {
  return rule.all.length > 1 || rule.alone === true;
}

const DEFAULT_WITHIN = 6;
/** Concept of words that may pad a message without changing it ("please", "now", "por favor"). */
export const FILLER = 'filler';

/** A rule with its `a|b` alternatives split, once per intent. */
interface PreparedIntent {
  rules: PreparedRule[];
  /**
   * Every concept some rule needs: a message with none of them scores 0 at once. Negative rules'
   * concepts count too, so evidence against an intent is weighed even where no positive rule can
   * hold (a score below 0 keeps the classifier of `triggers.ts` from firing the intent).
   */
  evidence: Set<string>;
}

interface PreparedRule {
  rule: EvidenceRule;
  index: number;
  concepts: string[][];
  /** Concepts that may cover an `alone` clause. */
  allowed: Set<string>;
}

type Groups = Map<string, ConceptMatch[]>;

const PREPARED = new WeakMap<Intent, PreparedIntent>();
const GROUPED = new WeakMap<Analysis, Groups>();

function prepare(intent: Intent): PreparedIntent {
  let prepared = PREPARED.get(intent);
  if (!prepared) {
    const rules = intent.rules.map((rule, index) => {
      const concepts = rule.all.map((spec) => spec.split('|'));
      return { rule, index, concepts, allowed: new Set([...concepts.flat(), FILLER]) };
    });
    const evidence = new Set(rules.flatMap((r) => r.concepts.flat()));
    prepared = { rules, evidence };
    PREPARED.set(intent, prepared);
  }
  return prepared;
}

/** Matches by concept, keeping only `langs`' lexicons when given (memoized for all languages). */
function group(analysis: Analysis, langs?: readonly Lang[]): Groups {
  const cached = langs ? undefined : GROUPED.get(analysis);
  if (cached) return cached;
  const groups: Groups = new Map();
  for (const match of analysis.matches) {
    if (langs && !langs.includes(match.lang)) continue;
    const list = groups.get(match.concept);
    if (list) list.push(match);
    else groups.set(match.concept, [match]);
  }
  if (!langs) GROUPED.set(analysis, groups);
  return groups;
}

function span(tokens: Token[], chosen: ConceptMatch[]): number {
  let first = Number.POSITIVE_INFINITY;
  let last = 0;
  for (const m of chosen) {
    if (m.start < first) first = m.start;
    if (m.end - 1 > last) last = m.end - 1;
  }
  return tokens[last]!.position - tokens[first]!.position;
}

/** Picks one match per concept from `i` on (depth-first); true once every concept has one. */
function pick(
  prepared: PreparedRule,
  groups: Groups,
  tokens: Token[],
  clause: number | undefined,
  chosen: ConceptMatch[],
  i: number,
): boolean {
  const { rule, concepts } = prepared;
  if (i === concepts.length)
    return rule.anywhere === true || span(tokens, chosen) <= (rule.within ?? DEFAULT_WITHIN);
  const ordered = !rule.anyOrder && !rule.anywhere;
  const previous = chosen[i - 1];
  for (const concept of concepts[i]!) {
    for (const match of groups.get(concept) ?? []) {
      if (clause !== undefined && match.clause !== clause) continue;
      if (ordered && previous && match.start < previous.end) continue;
      if (chosen.some((m) => m.start === match.start && m.end === match.end)) continue;
      chosen.push(match);
      if (pick(prepared, groups, tokens, clause, chosen, i + 1)) return true;
      chosen.pop();
    }
  }
  return false;
}

/** Whether the rule's concepts co-occur in `clause` (or anywhere, when `clause` is undefined). */
function holds(prepared: PreparedRule, groups: Groups, tokens: Token[], clause: number | undefined): boolean {
  if (!pick(prepared, groups, tokens, clause, [], 0)) return false;
  if (!prepared.rule.alone || clause === undefined) return true;
  // Every word of the clause but articles is covered by the rule's concepts or filler.
  const covered = new Set<number>();
  for (const concept of prepared.allowed) {
    for (const m of groups.get(concept) ?? []) {
      if (m.clause === clause) for (let t = m.start; t < m.end; t++) covered.add(t);
    }
  }
  return tokens.every((t, i) => t.clause !== clause || t.article || covered.has(i));
}

function present(groups: Groups, alternatives: string[]): boolean {
  for (const concept of alternatives) if (groups.has(concept)) return true;
  return false;
}

function possible(groups: Groups, prepared: PreparedRule): boolean {
  for (const alternatives of prepared.concepts) if (!present(groups, alternatives)) return false;
  return true;
}

/** Scores `intent` on an analysed message; `langs` limits which lexicons' matches count. */
export function scoreIntent(intent: Intent, analysis: Analysis, langs?: readonly Lang[]): IntentScore {
  const groups = group(analysis, langs);
  const { rules: prepared, evidence } = prepare(intent);
  const threshold = intent.threshold ?? 1;
  // Nothing to weigh unless some concept of the intent's rules is present (most messages stop here).
  let any = false;
  for (const concept of groups.keys()) if (evidence.has(concept)) any = true;
  if (!any || !prepared.some((p) => possible(groups, p))) {
    return { score: 0, fired: false, rules: [], weak: false };
  }
  const { tokens } = analysis;
  const wide: number[] = [];
  let wideScore = 0;
  // Per clause: the score and rules of the clause-local evidence that holds there.
  const local = new Map<number, { score: number; rules: number[] }>();
  for (const p of prepared) {
    if (!possible(groups, p)) continue;
    if (p.rule.anywhere) {
      if (holds(p, groups, tokens, undefined)) {
        wide.push(p.index);
        wideScore += p.rule.weight;
      }
      continue;
    }
    const tried = new Set<number>();
    for (const concept of p.concepts[0]!) {
      for (const { clause } of groups.get(concept) ?? []) {
        if (tried.has(clause)) continue;
        tried.add(clause);
        if (!holds(p, groups, tokens, clause)) continue;
        const entry = local.get(clause) ?? { score: 0, rules: [] };
        entry.score += p.rule.weight;
        entry.rules.push(p.index);
        local.set(clause, entry);
      }
    }
  }
  // A clause without local evidence scores the message-wide evidence alone.
  const clauses = tokens.length === 0 ? 0 : tokens[tokens.length - 1]!.clause + 1;
  let best: { score: number; rules: number[] } | undefined =
    local.size < clauses || clauses === 0 ? { score: 0, rules: [] } : undefined;
  for (const entry of local.values()) if (!best || entry.score > best.score) best = entry;
  const score = wideScore + (best?.score ?? 0);
  const rules = [...wide, ...(best?.rules ?? [])];
  const fired = score >= threshold;
  const weak = fired && !rules.some((i) => intent.rules[i]!.weight > 0 && compound(intent.rules[i]!));
  return { score, fired, rules, weak };
}
