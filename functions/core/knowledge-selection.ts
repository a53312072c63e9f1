/**
 * Which knowledge a prompt carries. Pure: the knowledge base is built at cold start, the query comes
 * from the conversation (`retrievalQuery` in `prompt.ts`).
 *
 * Small knowledge base (its rendering within `knowledge.promptTokenBudget`): all of it goes into the
 * system prefix, identical for every customer and turn, so the prompt cache serves it and the model
 * sees everything. Larger: for each customer message the knowledge base is searched, and only the
 * best passages (at most `topK`, each scoring at least `minScore`, together within the same budget)
 * go with that one request.
 *
 * Where retrieved passages go: in a second system block after the cached prefix
 * (`ModelRequest.reference`), not in a user turn. They are the business's own text, and invariant 8
 * keeps business text and customer text apart: on the user side they would sit next to
 * `<customer_message>` text, with the same (low) authority as what a customer writes, and the model
 * could not tell the business's reference from a customer's claim. They change every turn, so they
 * cannot be in the cached prefix: placed after it, they leave the prefix (tools, persona, policies,
 * the rules for using references) byte-identical across turns and customers, still a cache hit;
 * only the passages themselves (a few hundred tokens) are billed at the uncached rate. A customer
 * decides *which* business passages are shown, by what they ask; never *what* they say.
 *
 * The query: the newest customer message; for a follow-up ("and can I machine wash it?"), which
 * says little by itself, the previous customer message together with the newest one (see
 * `retrievePassages`). Messages a guardrail withheld are never queried.
 *
 * Nothing relevant: the selection is empty and the reference block says so; the model is told not
 * to answer from memory but to say it is not sure and offer a person. That is chosen over skipping
 * the model and escalating with `out_of_scope` in code, because a message that retrieves nothing is
 * often no question at all ("thanks!", "yes please", "hi"), or one to clarify; a rule in code would
 * hand those to a person (or need a second classifier for small talk), while the model, with no
 * reference in front of it, handles them and still cannot answer a business question from the
 * knowledge base. The output guardrails and `correctionFor` keep "answer only from the knowledge
 * base" enforced as before.
 */
import type { BusinessSettings } from '#shared/business-settings.ts';
import {
  type KnowledgeBase,
  type KnowledgeHit,
  type Passage,
  renderPassage,
  renderPassages,
} from './knowledge.ts';
import { estimateTokens } from './tokens.ts';

/** The knowledge settings (`settings.knowledge`): budget, top-k and relevance floor. */
export type KnowledgeSettings = BusinessSettings['knowledge'];

/** What to search for: the newest customer message and, for follow-ups, the one before it. */
export interface RetrievalQuery {
  /** The newest customer message (redacted); empty when it was withheld or had no text. */
  latest: string;
  /** The customer message before it, when there is one that was not withheld. */
  previous?: string;
}

/** The knowledge a prompt carries. */
export type KnowledgeSelection =
  | {
      /** The whole knowledge base, in the cached system prefix. */
      mode: 'whole';
      passages: readonly Passage[];
      /** The rendered passages (`KnowledgeBase.render()`). */
      text: string;
    }
  | {
      /** Passages retrieved for this turn, after the cached prefix; none means nothing was relevant. */
      mode: 'retrieved';
      /** Best first. */
      hits: KnowledgeHit[];
      passages: Passage[];
      /** The rendered passages, empty when there are none. */
      text: string;
    };

/** True when the whole knowledge base fits the prompt budget (so it goes into the cached prefix). */
export function fitsPromptBudget(knowledge: KnowledgeBase, budget: number): boolean {
  return estimateTokens(knowledge.render()) <= budget;
}

/** How many candidates each search looks at, per passage wanted, before the lists are merged and cut. */
const CANDIDATES_PER_PASSAGE = 2;

/**
 * A newest message whose best hit scores below this share of the joint query's best hit says too
 * little by itself: it is a follow-up. On the generated knowledge base's tuning split, follow-ups
 * ("and how should I wash it?") scored at most 0.13 of the joint query, self-contained questions
 * after another topic at least 0.30; 0.2 sits between (see `bench/knowledge.bench.ts`).
 */
export const FOLLOW_UP_RATIO = 0.2;

/**
 * The passages for one turn, best first, each scoring at least `minScore`, at most `topK`, together
 * within `promptTokenBudget` (a passage that does not fit is skipped).
 *
 * With a previous customer message, both are searched together too (the joint query). A follow-up,
 * "and can I machine wash it?", names no product; the previous message does, and only the two
 * together find that product's care passage. But the previous message must not crowd out a new,
 * self-contained question ("and how much is the Alder Ridge tent?"). So: when the newest message's
 * own best hit scores at least `FOLLOW_UP_RATIO` of the joint query's best, it stands alone and only
 * its own hits are used; below that it is a follow-up, and the joint hits come first, interleaved
 * with its own.
 */
export function retrievePassages(
  knowledge: KnowledgeBase,
  query: RetrievalQuery,
  options: KnowledgeSettings,
): KnowledgeHit[] {
  const { topK, minScore, promptTokenBudget } = options;
  const depth = topK * CANDIDATES_PER_PASSAGE;
  const relevant = (text: string): KnowledgeHit[] =>
    text.trim() ? knowledge.search(text, depth).filter((hit) => hit.score >= minScore) : [];
  const own = relevant(query.latest);
  const joint = query.previous ? relevant(`${query.previous}\n${query.latest}`) : [];
  const followUp = joint.length > 0 && (own[0]?.score ?? 0) < FOLLOW_UP_RATIO * (joint[0]?.score ?? 0);
  const ranked = followUp ? interleave(joint, own) : own;

  const chosen: KnowledgeHit[] = [];
  let tokens = 0;
  for (const hit of ranked) {
    if (chosen.length >= topK) break;
    // Passages are joined by a blank line in the prompt.
    const cost = estimateTokens(renderPassage(hit.passage)) + 1;
    if (tokens + cost > promptTokenBudget) continue;
    tokens += cost;
    chosen.push(hit);
  }
  return chosen;
}

/** `first[0], second[0], first[1], second[1], …`, each passage once. */
function interleave(first: KnowledgeHit[], second: KnowledgeHit[]): KnowledgeHit[] {
  const out: KnowledgeHit[] = [];
  const seen = new Set<string>();
  for (let i = 0; i < Math.max(first.length, second.length); i++) {
    for (const hit of [first[i], second[i]]) {
      if (!hit || seen.has(hit.passage.id)) continue;
      seen.add(hit.passage.id);
      out.push(hit);
    }
  }
  return out;
}

/**
 * The knowledge for one turn: the whole knowledge base when it fits the budget, else the passages
 * retrieved for `query` (see the module comment).
 */
export function selectKnowledge(
  knowledge: KnowledgeBase,
  options: KnowledgeSettings,
  query: RetrievalQuery,
): KnowledgeSelection {
  if (fitsPromptBudget(knowledge, options.promptTokenBudget)) {
    return { mode: 'whole', passages: knowledge.passages, text: knowledge.render() };
  }
  const hits = retrievePassages(knowledge, query, options);
  const passages = hits.map((hit) => hit.passage);
  return { mode: 'retrieved', hits, passages, text: renderPassages(passages) };
}
