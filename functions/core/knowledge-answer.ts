/**
 * Answers a question from the knowledge base only when a passage really answers it, for a model
 * without a language model behind it. Steps: (1) a Spanish question is read as the English words it
 * asks about (`spanish-lexicon.ts`); (2) its key terms are taken after support synonyms
 * (`support-lexicon.ts`), stemming and spelling correction (one edit on words of 5+ letters), each
 * weighted by how rare it is in the knowledge base (a word the knowledge base never uses weighs
 * most); (3) a passage answers when it covers enough of that weight and has a sentence of the answer
 * type asked for (`answer-type.ts`); (4) the quoted sentences are those that carry the answer type
 * and the most key terms ("domestic" picks the standard rate, not the international one). Two
 * passages that answer equally well are told apart by the key terms only one has, then by BM25 and
 * how much of each title the question names; still tied (or three and more), they get a clarifying
 * question; no passage gets an honest "not sure".
 * Pure and deterministic.
 */
import {
  type AnswerType,
  answerTypeOf,
  carriesAnswer,
  carriesStrongly,
  contactDetails,
  withoutTypeWords,
} from './answer-type.ts';
import { withinOneEdit } from './edit-distance.ts';
import { isChatty, isFiller } from './filler-words.ts';
import type { KnowledgeBase, Passage } from './knowledge.ts';
import { clausesOf, isAsking } from './knowledge-clauses.ts';
import { type ExampleEvidence, ExampleMatcher } from './knowledge-examples.ts';
import { englishForSpanishWord, isSpanish, spanishToEnglish } from './spanish-lexicon.ts';
import {
  canonicalTerm,
  ITEM_TERM,
  implicitness,
  isGenericTerm,
  lexiconWords,
  rewritePhrases,
  termOf,
} from './support-lexicon.ts';

/** A language the answerer reads questions in (answers quote the English knowledge base). */
export type QuestionLanguage = 'en' | 'es';

/** What the knowledge base says to a question. */
export type AnswerDecision =
  | {
      kind: 'answer';
      language: QuestionLanguage;
      passage: Passage;
      /** The passage's sentences that answer, in passage order. */
      sentences: string[];
      type: AnswerType;
    }
  | {
      kind: 'clarify';
      language: QuestionLanguage;
      /** The passages that answer about equally well, best first. */
      options: Passage[];
    }
  | { kind: 'unsure'; language: QuestionLanguage };

/** Tuning of the answerer. */
export interface AnswerOptions {
  /** Share of the question's key-term weight a passage must cover to answer. @default 0.7 */
  minCoverage?: number;
  /** Rank gap under which two answering passages compete and a clarifying question is asked. @default 0.08 */
  clarifyMargin?: number;
  /** Relative lead a passage needs among tied ones to be answered instead of asking. @default 0.05 */
  tieMargin?: number;
  /** Sentences quoted at most. @default 2 */
  maxSentences?: number;
  /**
   * Weight of a knowledge-base word reached through the synonym map (`knowledge-synonyms.ts`), as a
   * share of the same word said outright (times the synonym's own weight). @default 0.8
   */
  synonymWeight?: number;
  /**
   * Example phrasings (`knowledge-examples.ts`): the cosine similarity of the nearest example of the
   * passage its neighbours vote for, from which that passage answers a question the rules left unsure
   * or unclear (chosen by leave-one-set-out, `knowledge-rounds.md`, round 6). @default 0.5
   */
  exampleSimilarity?: number;
  /** The share of the neighbours' votes that passage needs. @default 0.4 */
  exampleShare?: number;
  /**
   * The share of `minCoverage` that passage must still cover of the question's key-term weight (4/7:
   * 0.4 at the default bar; a bar set out of reach stays out of reach). @default 4/7
   */
  exampleCoverage?: number;
  /** Nearest examples that vote. @default 5 */
  exampleNeighbours?: number;
  /**
   * Weight of a word of a Spanish question that neither the bilingual lexicon nor the knowledge base
   * knows, as a share of an unknown English word's (round 8, `knowledge-rounds.md`). @default 0.5
   */
  untranslatedWeight?: number;
}

interface Sentence {
  text: string;
  terms: Set<string>;
}

interface Prepared {
  passage: Passage;
  title: Set<string>;
  terms: Set<string>;
  /** Terms the passage writes as names (capitalised inside a sentence: "PayPal", "Stormline"). */
  names: Set<string>;
  /** The lead sentence also carries the title's terms. */
  sentences: Sentence[];
  howTo: boolean;
  /** How often each term occurs (title twice), and the passage's length in terms (tie-breaking). */
  counts: Map<string, number>;
  length: number;
}

/** A key term of a question, as the answerer weighs it. */
export interface KeyTerm {
  term: string;
  weight: number;
  /** May be left implicit by a passage (see `support-lexicon.ts`), or only sets the scene. */
  soft: boolean;
  /** Implicit only in a passage about items in general. */
  item: boolean;
  /** From a clause that sets the scene, not the one that asks. */
  scene?: boolean;
  /** The customer's word, when the term was reached through the synonym map ("parka" for jacket). */
  synonym?: string;
}

interface Candidate {
  prepared: Prepared;
  coverage: number;
  rank: number;
}

/** Splits a passage into sentences (keeps decimals like $6.95 and "a.m." intact). */
export function splitSentences(text: string): string[] {
  return text
    .replace(/\s+/g, ' ')
    .split(/(?<=[.!?])\s+(?=[A-Z0-9"“(])/)
    .map((s) => s.trim())
    .filter(Boolean);
}

/** Words of a text as written (lowercase, support expressions rewritten to one word). */
function words(text: string): string[] {
  return rewritePhrases(text)
    .split(/[^\p{L}\p{N}'$]+/u)
    .map((token) => token.replace(/^\$/, '').replace(/^'+|'+$/g, ''))
    .filter(Boolean);
}

/**
 * The words the knowledge base uses, as the answerer reads them (titles and texts, lowercase, support
 * expressions rewritten), sorted: what `synonyms.json` is built for (`knowledge-synonyms.ts`).
 */
export function knowledgeWords(knowledge: KnowledgeBase): string[] {
  const all = new Set(
    knowledge.passages.flatMap((passage) => [...words(passage.title), ...words(passage.text)]),
  );
  return [...all].sort();
}

/** Stemmed, synonym-grouped terms of a text. */
function termsOf(text: string): string[] {
  return words(text)
    .map((word) => termOf(word))
    .filter((term): term is string => Boolean(term))
    .map(canonicalTerm);
}

/**
 * The part of a message that asks: its question sentences when it has any ("Hi, what are your
 * delivery times? Great store by the way"), without a short lead-in clause that names no topic
 * ("Sorry, one more question: how long…"). `isTopic` tells a topic word.
 */
export function focusQuestion(message: string, isTopic: (word: string) => boolean): string {
  const parts = message
    .split(/(?<=[.!?])\s+|\n+/)
    .map((part) => part.trim())
    .filter(Boolean);
  // A part worded as a question counts as one without its "?" ("… washing machine? what temp").
  const questions = parts.filter((part) => isAsking(part));
  // A question that points back ("I'd like to register. What do I need for that?") keeps the sentence
  // it points to.
  const first = questions[0];
  const before = first === undefined ? -1 : parts.indexOf(first) - 1;
  const pointsBack = first !== undefined && POINTS_BACK.test(first) && before >= 0;
  let text = (questions.length ? (pointsBack ? [parts[before], ...questions] : questions) : parts).join(' ');
  for (;;) {
    const lead = /^([^,;:]+)[,;:]\s+/.exec(text);
    const leadWords = lead?.[1]?.match(/[\p{L}\p{N}']+/gu) ?? [];
    if (!lead || leadWords.length > 3 || leadWords.some(isTopic) || lead[0].length >= text.length) break;
    text = text.slice(lead[0].length);
  }
  return text;
}

// A question that points back to what was said before it ("what do I need for that?", "how do I do it?",
// "how can I get a new one?").
const POINTS_BACK =
  /\b(for|about|with|do|does|did|doing) (that|this|it)\b|\b(a new|another|the other|a different|a replacement) one\b/i;

// A sentence that opens with a pronoun continues the one before it.
const CONTINUES = /^(they|it|these|those|this|that|its|their)\b/i;

/** The terms of the contact details a sentence gives without naming them (see `contactDetails`). */
function namedBy(sentence: string): string[] {
  return contactDetails(sentence).map((detail) => canonicalTerm(termOf(detail) as string));
}

const PAY = canonicalTerm(termOf('pay') as string);

// An object pronoun that ends the clause and points back to an earlier one ("how do I change it",
// "¿cómo la cambio?").
const REFERS = /\b(it|them|this|that|these|those|eso|esto)\W*$|\b(la|lo|las|los)\s+\p{L}+\W*$/iu;

// A clause that gives the background of a question ("… that does not fit", "… because it is late").
// "that" after a verb is a pronoun ("is that covered?"), not the start of a clause.
const BACKGROUND =
  /(?<!\b(is|was|does|do|did|will|would|can|could|about)\s)\b(that|which|because|since|but|although|though|while)\b/;

/** Decides, for one knowledge base, whether and how a question is answered. Build once. */
export class KnowledgeAnswerer {
  private readonly prepared: Prepared[];
  private readonly documentFrequency = new Map<string, number>();
  /** Words known to the knowledge base or the lexicon, most frequent first (spelling correction). */
  private readonly vocabulary: string[];
  private readonly knownStems: Set<string>;
  private readonly kbWords: Set<string>;
  private readonly stemVocabulary: string[];
  private readonly minCoverage: number;
  private readonly clarifyMargin: number;
  private readonly maxSentences: number;
  private readonly averageLength: number;
  private readonly tieMargin: number;
  private readonly synonymWeight: number;
  private readonly synonyms: KnowledgeBase['synonyms'];
  private readonly exampleFile: KnowledgeBase['examples'];
  private readonly passageIds: Set<string>;
  private readonly exampleNeighbours: number;
  private matcher?: ExampleMatcher;
  private readonly exampleSimilarity: number;
  private readonly exampleShare: number;
  private readonly exampleCoverage: number;
  private readonly untranslatedWeight: number;

  /** Prepares every passage of `knowledge`. */
  constructor(knowledge: KnowledgeBase, options: AnswerOptions = {}) {
    this.minCoverage = options.minCoverage ?? 0.7;
    this.clarifyMargin = options.clarifyMargin ?? 0.08;
    this.maxSentences = options.maxSentences ?? 2;
    this.tieMargin = options.tieMargin ?? 0.05;
    this.synonymWeight = options.synonymWeight ?? 0.8;
    this.synonyms = knowledge.synonyms;
    this.untranslatedWeight = options.untranslatedWeight ?? 0.5;
    this.exampleSimilarity = options.exampleSimilarity ?? 0.5;
    this.exampleShare = options.exampleShare ?? 0.4;
    this.exampleCoverage = (options.exampleCoverage ?? 4 / 7) * this.minCoverage;
    const wordCounts = new Map<string, number>();
    const count = (text: string): void => {
      for (const word of words(text)) wordCounts.set(word, (wordCounts.get(word) ?? 0) + 1);
    };
    this.prepared = knowledge.passages.map((passage) => {
      count(passage.title);
      count(passage.text);
      const title = new Set(termsOf(passage.title));
      // The heading says what the lead sentence is about; a street address, email or phone number is
      // one even when the sentence does not say the word.
      const sentences: Sentence[] = [];
      for (const [index, text] of splitSentences(passage.text).entries()) {
        // A sentence that opens with a pronoun ("They weigh about 390 g") is about what the sentence
        // before it names ("Northwind Stormline jackets…").
        const before = CONTINUES.test(text) ? (sentences[index - 1]?.terms ?? []) : [];
        sentences.push({
          text,
          terms: new Set([...termsOf(text), ...(index === 0 ? title : []), ...namedBy(text), ...before]),
        });
      }
      const terms = new Set([...title, ...sentences.flatMap((s) => [...s.terms])]);
      for (const term of terms) this.documentFrequency.set(term, (this.documentFrequency.get(term) ?? 0) + 1);
      const all = [...termsOf(passage.title), ...termsOf(passage.title), ...termsOf(passage.text)];
      const counts = new Map<string, number>();
      for (const term of all) counts.set(term, (counts.get(term) ?? 0) + 1);
      const names = new Set(
        [...passage.text.matchAll(/(?<=[\p{L}\p{N},] )\p{Lu}[\p{L}]+/gu)]
          .map((match) => termOf(match[0]))
          .filter((term): term is string => Boolean(term))
          .map(canonicalTerm),
      );
      return {
        passage,
        title,
        terms,
        names,
        sentences,
        howTo: /^how\b/i.test(passage.title),
        counts,
        length: all.length,
      };
    });
    this.averageLength =
      this.prepared.reduce((sum, p) => sum + p.length, 0) / Math.max(this.prepared.length, 1);
    this.kbWords = new Set(wordCounts.keys());
    for (const word of lexiconWords()) if (!wordCounts.has(word)) wordCounts.set(word, 0);
    this.vocabulary = [...wordCounts.entries()]
      .filter(([word]) => word.length >= 5 && /^\p{L}+$/u.test(word))
      .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
      .map(([word]) => word);
    const stemsOf = (list: Iterable<string>): string[] =>
      [...list].map((word) => termOf(word)).filter((term): term is string => Boolean(term));
    this.knownStems = new Set(stemsOf(wordCounts.keys()));
    // A clipped word ("internat", "temp") is completed only from the knowledge base's own words.
    this.stemVocabulary = [...new Set(stemsOf(this.kbWords))].sort();
    this.exampleFile = knowledge.examples;
    this.passageIds = new Set(knowledge.passages.map((p) => p.id));
    this.exampleNeighbours = options.exampleNeighbours ?? 5;
  }

  /** What the knowledge base says to `question`. */
  answer(question: string): AnswerDecision {
    return this.answerEach(question) ?? this.answerOne(question);
  }

  /**
   * A message of two or three questions that one passage answers each ("¿cómo devuelvo un producto?
   * ¿tengo que pagar el envío?"): the sentences that answer each, together, in passage order.
   * `undefined` otherwise (the message is then read as one question).
   */
  private answerEach(message: string): AnswerDecision | undefined {
    const questions = message
      .split(/(?<=\?)\s+/)
      .map((part) => part.trim())
      .filter((part) => /\?\s*$/.test(part) && isAsking(part));
    if (questions.length < 2 || questions.length > 3) return undefined;
    const decisions = questions.map((question) => this.answerOne(question));
    const [first] = decisions;
    if (first?.kind !== 'answer') return undefined;
    const answers = decisions.filter(
      (decision): decision is Extract<AnswerDecision, { kind: 'answer' }> =>
        decision.kind === 'answer' && decision.passage.id === first.passage.id,
    );
    if (answers.length !== decisions.length) return undefined;
    const order = splitSentences(first.passage.text);
    const sentences = [...new Set(answers.flatMap((answer) => answer.sentences))].sort(
      (a, b) => order.indexOf(a) - order.indexOf(b),
    );
    return { ...first, sentences };
  }

  private answerOne(question: string): AnswerDecision {
    const assessed = this.assess(question);
    return this.withExamples(question, assessed, this.decide(assessed));
  }

  /**
   * The rules' decision weighed with the example phrasings. A question the rules left unsure or
   * unclear is answered from the passage its nearest examples vote for, when the vote is clear (the
   * nearest example of that passage similar enough, its share of the vote large enough: unanswerable
   * examples vote too, so a question near them stays unanswered) and the passage still passes the
   * guards: anchored, a sentence of the answer type, a lower coverage bar (`exampleCoverage`). An
   * answer the rules gave stands (letting the examples replace it, or the unanswerable ones stop it,
   * cost right answers on every leave-one-set-out run).
   */
  private withExamples(
    question: string,
    assessed: ReturnType<KnowledgeAnswerer['assess']>,
    decision: AnswerDecision,
  ): AnswerDecision {
    // A bar above full coverage is out of reach for the examples too.
    if (decision.kind === 'answer' || this.minCoverage > 1) return decision;
    const evidence = this.exampleEvidence(question);
    if (!evidence?.passage || evidence.share < this.exampleShare) return decision;
    if (evidence.similarity < this.exampleSimilarity) return decision;
    const { language, type, keys, candidates } = assessed;
    const candidate = candidates.find((c) => c.prepared.passage.id === evidence.passage);
    if (!candidate || candidate.coverage < this.exampleCoverage) return decision;
    const sentences = this.pick(candidate.prepared, keys, type);
    if (sentences.length === 0) return decision;
    return { kind: 'answer', language, passage: candidate.prepared.passage, sentences, type };
  }

  /** What the example phrasings say about `question` (also for explanations). */
  exampleEvidence(question: string): ExampleEvidence | undefined {
    if (!this.exampleFile) return undefined;
    // Indexed on first use, not at cold start.
    this.matcher ??= new ExampleMatcher(this.exampleFile, this.passageIds, {
      neighbours: this.exampleNeighbours,
    });
    return this.matcher.match(question);
  }

  private decide({
    language,
    type,
    keys,
    candidates,
  }: ReturnType<KnowledgeAnswerer['assess']>): AnswerDecision {
    const answering = candidates.filter((candidate) => candidate.coverage >= this.minCoverage);
    const [best, second] = answering;
    if (keys.length === 0 || !best) return { kind: 'unsure', language };
    let chosen = best;
    if (second && best.rank - second.rank < this.clarifyMargin) {
      const tied = answering.filter((candidate) => best.rank - candidate.rank < this.clarifyMargin);
      // Three or more passages about equally good: the question is too vague to pick one, unless one
      // of them alone says a key term none of the others says ("socks" among the return passages).
      // A passage picked over another must say every key term the question asks (not the time words
      // or the scene around it): "how much is a tent?" is not answered by the price of membership,
      // whose passage leaves the tent implicit.
      const decided = tied.length === 2 ? this.breakTie(tied, keys, type) : this.soleHolder(tied, keys);
      const asked = keys.filter((key) => !key.scene && implicitness(key.term) !== 'always');
      if (decided && !asked.every((key) => decided.prepared.terms.has(key.term))) {
        return { kind: 'clarify', language, options: [best.prepared.passage, second.prepared.passage] };
      }
      if (!decided) {
        return { kind: 'clarify', language, options: [best.prepared.passage, second.prepared.passage] };
      }
      chosen = decided;
    }
    const sentences = this.pick(chosen.prepared, keys, type);
    if (sentences.length === 0) return { kind: 'unsure', language };
    return { kind: 'answer', language, passage: chosen.prepared.passage, sentences, type };
  }

  /**
   * The answer to `question` after a clarifying question offered `options` (titles, in the order
   * offered) and the customer replied `choice` ("the return window", "the first one", "la segunda").
   * Unsure when the reply picks none of them or the chosen passage does not answer.
   */
  answerAfterClarifying(question: string, options: string[], choice: string): AnswerDecision {
    const { language, type, keys, candidates } = this.assess(question);
    const chosen = this.chosenOption(options, choice);
    const candidate = candidates.find((c) => c.prepared.passage.title === chosen);
    if (!candidate) return { kind: 'unsure', language };
    const sentences = this.pick(candidate.prepared, keys, type);
    if (sentences.length === 0) return { kind: 'unsure', language };
    return { kind: 'answer', language, passage: candidate.prepared.passage, sentences, type };
  }

  /**
   * Of passages that answer about equally well, the one that is clearly more about the question:
   * BM25 over the key terms (their rarity already weighs them, how often a passage says them counts,
   * saturating), scaled by how much of the passage's title the question names (a title term the
   * question does not ask about, "Cancelling", "Deleting", speaks against it) and by a sentence that
   * carries the answer type strongly next to a key term. `undefined` when they stay tied.
   */
  private breakTie(tied: Candidate[], keys: KeyTerm[], type: AnswerType): Candidate | undefined {
    const k1 = 1.2;
    const b = 0.75;
    const total = this.prepared.length;
    const idf = (term: string): number =>
      Math.log(1 + total / Math.max(this.documentFrequency.get(term) ?? 1, 1));
    const asked = new Map(keys.map((key) => [key.term, key.weight]));
    const scored = tied.map((candidate) => {
      const { counts, length, title, sentences } = candidate.prepared;
      const norm = k1 * (1 - b + (b * length) / this.averageLength);
      let bm25 = 0;
      for (const key of keys) {
        const tf = counts.get(key.term) ?? 0;
        bm25 += (key.weight * (tf * (k1 + 1))) / (tf + norm);
      }
      // A title term the question asks weighs as the question weighs it (a scene's word counts half).
      const titleTerms = [...title].filter((term) => !isGenericTerm(term));
      const weightOf = (term: string): number => asked.get(term) ?? idf(term);
      const titleWeight = titleTerms.reduce((sum, term) => sum + weightOf(term), 0);
      const titleAsked = titleTerms
        .filter((term) => asked.has(term))
        .reduce((sum, term) => sum + weightOf(term), 0);
      const titleShare = titleWeight > 0 ? titleAsked / titleWeight : 0;
      const strong = sentences.some(
        (s) => carriesStrongly(s.text, type) && keys.some((key) => !key.soft && s.terms.has(key.term)),
      );
      return { candidate, score: bm25 * (0.5 + 0.5 * titleShare) * (strong ? 1.2 : 1) };
    });
    scored.sort((x, y) => y.score - x.score);
    const [first, next] = scored;
    if (!first) return undefined;
    // A key term only one of the two passages has decides first: the rarer and more it weighs, the more.
    if (next) {
      const only = (a: Prepared, z: Prepared): number =>
        keys.reduce(
          (sum, key) => sum + (a.terms.has(key.term) && !z.terms.has(key.term) ? key.weight : 0),
          0,
        );
      const mine = only(first.candidate.prepared, next.candidate.prepared);
      const theirs = only(next.candidate.prepared, first.candidate.prepared);
      if (Math.abs(mine - theirs) > 1e-9) return mine > theirs ? first.candidate : next.candidate;
    }
    if (next && first.score < next.score * (1 + this.tieMargin)) return undefined;
    return first.candidate;
  }

  /**
   * Of three or more tied passages, the one that alone says the most key weight no other of them says;
   * `undefined` when none stands out that way.
   */
  private soleHolder(tied: Candidate[], keys: KeyTerm[]): Candidate | undefined {
    const own = tied.map((candidate) => ({
      candidate,
      weight: keys.reduce((sum, key) => {
        const holders = tied.filter((other) => other.prepared.terms.has(key.term));
        return sum + (holders.length === 1 && holders[0] === candidate ? key.weight : 0);
      }, 0),
    }));
    own.sort((a, b) => b.weight - a.weight);
    const [first, next] = own;
    if (!first || first.weight <= 0 || (next && next.weight >= first.weight - 1e-9)) return undefined;
    return first.candidate;
  }

  /** The offered title the customer's reply picks: by ordinal, or by sharing more of its words. */
  private chosenOption(options: string[], choice: string): string | undefined {
    const folded = rewritePhrases(choice);
    // An ordinal picks only in a short reply ("the second one"), not inside a new question.
    if (folded.split(/\s+/).filter(Boolean).length <= 4) {
      if (/\b(first|former|1st|primera?o?|1)\b/.test(folded)) return options[0];
      if (/\b(second|latter|2nd|segund[ao]|ultim[ao]|last|2)\b/.test(folded)) return options[1];
    }
    const said = new Set(termsOf(choice));
    const shared = options.map((title) => termsOf(title).filter((term) => said.has(term)).length);
    const [a = 0, b = 0] = shared;
    if (a === b) return undefined;
    return a > b ? options[0] : options[1];
  }

  /** For tuning and tests: how the question was read and the passages that scored best. */
  explain(question: string): {
    english: string;
    type: AnswerType;
    keys: KeyTerm[];
    ranked: { id: string; coverage: number; rank: number }[];
  } {
    const { english, type, keys, candidates } = this.assess(question);
    const round = (value: number): number => Math.round(value * 100) / 100;
    const ranked = candidates
      .slice(0, 4)
      .map((c) => ({ id: c.prepared.passage.id, coverage: round(c.coverage), rank: round(c.rank) }));
    return { english, type, keys, ranked };
  }

  private assess(raw: string) {
    // Placeholders the guardrails put in ("[card ending 1111]", "[email]") are not the customer's words.
    // Nor is an introduction ("my name is Jane").
    const question = raw
      .replace(/\[[^\]\n]{1,40}\]/g, ' ')
      .replace(/\b([Mm]y name is|[Mm]y name's|[Tt]his is|I am|I'm|i am|i'm)\s+\p{Lu}[\p{L}'-]*/gu, ' ');
    const language: QuestionLanguage = isSpanish(question) ? 'es' : 'en';
    const asked = focusQuestion(question, (word) => {
      const term = termOf(word);
      return term !== null && !isGenericTerm(canonicalTerm(term));
    });
    // Each clause is read on its own (a Spanish one translated), so the one that asks stays apart.
    const clauses = clausesOf(asked).map((clause) => ({
      asks: clause.asks,
      refers: REFERS.test(clause.text),
      text: language === 'es' ? spanishToEnglish(clause.text) : clause.text,
    }));
    const english = language === 'es' ? spanishToEnglish(asked) : asked;
    const type = answerTypeOf(english);
    const keys = this.keyTerms(clauses, english, type, language);
    const candidates = keys.length
      ? this.prepared
          .map((prepared) => this.score(prepared, keys, type))
          .filter((candidate): candidate is Candidate => candidate !== undefined)
          .sort((a, b) => b.rank - a.rank)
      : [];
    return { language, english, type, keys, candidates };
  }

  /**
   * The question's key terms with their weights: synonyms grouped, misspellings corrected. The clause
   * that asks gives the key terms; the other clauses set the scene: their words count half, and when
   * such a clause names a topic of the knowledge base ("my sister got me a gift card for my bday"), its
   * other words are the story, not topics. A clause that names no topic ("I'm a student") still counts
   * in full: it may be what the question turns on.
   */
  private keyTerms(
    clauses: { text: string; asks: boolean; refers?: boolean }[],
    english: string,
    type: AnswerType,
    language: QuestionLanguage = 'en',
  ): KeyTerm[] {
    const seen = new Map<string, KeyTerm>();
    const ask = clauses.find((clause) => clause.asks);
    // The scene is set apart only when the asking clause names a topic of its own.
    const focused = ask !== undefined && clauses.length > 1 && this.namesTopic(ask.text);
    const parts = focused
      ? [ask, ...clauses.filter((clause) => clause !== ask)]
      : [{ text: english, asks: true }];
    for (const part of parts) {
      if (part.asks) {
        this.addKeys(seen, part.text, type, language, 'ask');
      } else {
        // An ask that points back ("… my password, how do I change it") asks about the scene's topic.
        const role = this.namesTopic(part.text) ? 'story' : 'scene';
        this.addKeys(seen, part.text, type, language, role, ask?.refers === true);
      }
    }
    const keys = [...seen.values()];
    // A question of only implicit words ("my order?") needs them all.
    if (keys.every((key) => key.soft)) {
      return keys.map((key) => ({ ...key, soft: false, item: false, weight: key.weight * 2 }));
    }
    return keys;
  }

  /** True when a clause names a topic the knowledge base has (not a generic, implicit or item word). */
  private namesTopic(clause: string): boolean {
    return words(withoutTypeWords(clause)).some((word) => {
      if (/^\d/.test(word)) return false;
      const stem = this.correct(word);
      if (!stem) return false;
      const term = this.viaSynonym(word)?.term ?? canonicalTerm(stem);
      return (
        !isGenericTerm(term) &&
        !isGenericTerm(stem) &&
        this.documentFrequency.has(term) &&
        implicitness(term) === 'never' &&
        !isChatty(word)
      );
    });
  }

  /**
   * Adds the key terms of one clause: `ask` (the question), `story` (a scene that names a topic: its
   * topic words count half, and words the knowledge base does not use are left out) or `scene` (a
   * scene that names no topic: a word the knowledge base does not use still names what the question
   * turns on).
   */
  private addKeys(
    seen: Map<string, KeyTerm>,
    clause: string,
    type: AnswerType,
    language: QuestionLanguage,
    role: 'ask' | 'story' | 'scene',
    asked = false,
  ): void {
    const total = this.prepared.length;
    const text = withoutTypeWords(clause);
    // A capitalised word inside a sentence is a name ("Easter"): it is not a misspelling.
    const names = new Set(
      [...text.matchAll(/(?<=[\p{L}\p{N},] )\p{Lu}[\p{Ll}]+/gu)].map((match) => match[0].toLowerCase()),
    );
    // Background only after the ask: a leading "but" or "since" sets nothing aside.
    const background = BACKGROUND.exec(text.toLowerCase());
    const parts =
      background && words(text.slice(0, background.index)).length >= 2
        ? [text.slice(0, background.index), text.slice(background.index)]
        : [text];
    parts.forEach((part, index) => {
      for (const word of this.mixedWords(part, language)) {
        if (/^\d/.test(word)) continue;
        // A word the knowledge base never uses may stand for one it does ("parka" for jacket); chatter
        // ("wondering") stays chatter.
        const synonym = names.has(word) || isFiller(word, language) ? undefined : this.viaSynonym(word);
        const stem = synonym?.term ?? (names.has(word) ? termOf(word) : this.correct(word));
        if (!stem) continue;
        const term = canonicalTerm(stem);
        if (isGenericTerm(term) || isGenericTerm(stem) || seen.has(term)) continue;
        // A word the knowledge base never uses names an uncovered topic only when it is content-bearing:
        // "wondering", "guys" or an untranslated "mismo" is chatter, "layaway" is a topic.
        const known = this.documentFrequency.has(term);
        if (!known && isFiller(word, language)) continue;
        if (!known && role === 'story') continue;
        // "Do I have to pay…?" asks a price; paying is not the topic.
        if (type === 'price' && term === PAY) continue;
        // Rare words weigh more; a word the knowledge base never uses names something it does not
        // cover and weighs most. Implicit or background words count half.
        const frequency = this.documentFrequency.get(term) ?? 0;
        const implicit = implicitness(term);
        const soft = index > 0 || implicit !== 'never' || isChatty(word);
        // A scene's topic words count half and are still asked of a passage ("im in canada, do i pay
        // for the return label"); its unknown words weigh in full: they may be what the question turns on.
        const half = soft || (role !== 'ask' && known && !asked);
        // In a Spanish question, a word the bilingual lexicon left untranslated is as likely a gap in
        // the lexicon ("nomás", "recién") as a topic the knowledge base lacks: it weighs less.
        // A short token ("XXL") is a code or a size, not a Spanish word.
        const untranslated =
          !known && language === 'es' && word.length > 3 && !this.knownStems.has(stem)
            ? this.untranslatedWeight
            : 1;
        const weight =
          Math.log(1 + total / Math.max(frequency, 1)) *
          untranslated *
          (half ? 0.5 : 1) *
          (synonym ? synonym.weight * this.synonymWeight : 1);
        seen.set(term, {
          term,
          weight,
          soft,
          item: index === 0 && implicit === 'item',
          ...(role === 'ask' ? {} : { scene: true }),
          ...(synonym ? { synonym: word } : {}),
        });
      }
    });
  }

  /**
   * The words of a clause; in a message read as English, a word neither English lexicon knows that the
   * bilingual lexicon does is read as the Spanish it is ("do i have to pagar for returns").
   */
  private mixedWords(text: string, language: QuestionLanguage): string[] {
    return words(text).flatMap((word) => {
      if (language !== 'en' || /^\d/.test(word)) return [word];
      const stem = this.correct(word);
      if (!stem || this.knownStems.has(stem) || this.documentFrequency.has(canonicalTerm(stem)))
        return [word];
      const english = englishForSpanishWord(word);
      return english === undefined ? [word] : words(english);
    });
  }

  /**
   * The term a word neither the knowledge base nor the lexicon knows stands for, through the synonym
   * map ("cargo" → shipment, "rucksack" → backpack), with the synonym's weight; `undefined` for a known
   * word or one the map does not have.
   */
  private viaSynonym(word: string): { term: string; weight: number } | undefined {
    const stem = termOf(word);
    if (!stem || this.synonyms.size === 0 || this.knownStems.has(stem)) return undefined;
    if (this.documentFrequency.has(canonicalTerm(stem))) return undefined;
    for (const synonym of this.synonyms.get(stem) ?? []) {
      // The word it stands for is one the knowledge base or the lexicon knows ("rucksack" → backpack).
      const target = termOf(synonym.word);
      if (!target || !this.knownStems.has(target) || isGenericTerm(target)) continue;
      const term = canonicalTerm(target);
      if (!isGenericTerm(term)) return { term, weight: synonym.weight };
    }
    return undefined;
  }

  /**
   * The stem of a word, misspellings corrected: a known word one edit away (5+ letters), else a known
   * stem it starts (4+ letters). `undefined` for a stop word.
   */
  private correct(word: string): string | undefined {
    const stem = termOf(word);
    if (!stem || this.knownStems.has(stem)) return stem ?? undefined;
    if (word.length >= 5) {
      // Typos rarely touch the first letter. A five-letter word has many real neighbours ("story",
      // "store"): it is corrected only to a word of the knowledge base, and not by a changed letter.
      const short = word.length === 5;
      const near = this.vocabulary.find(
        (known) =>
          known[0] === word[0] &&
          (!short || this.kbWords.has(known)) &&
          withinOneEdit(word, known, { substitution: !short }),
      );
      if (near) return termOf(near) ?? stem;
    }
    if (stem.length >= 4) {
      return (
        this.stemVocabulary.find((known) => known.length > stem.length && known.startsWith(stem)) ?? stem
      );
    }
    return stem;
  }

  /** How well one passage answers: share of key weight covered, and a rank to order answering passages. */
  private score(prepared: Prepared, keys: KeyTerm[], type: AnswerType): Candidate | undefined {
    const answering = prepared.sentences.filter((s) => carriesAnswer(s.text, type));
    if (answering.length === 0) return undefined;
    let covered = 0;
    let needed = 0;
    let inTitle = 0;
    let total = 0;
    const aboutItems = prepared.terms.has(ITEM_TERM);
    for (const key of keys) {
      total += key.weight;
      const has = prepared.terms.has(key.term);
      const implicit = key.soft && (!key.item || aboutItems);
      if (has) covered += key.weight;
      if (has || !implicit) needed += key.weight;
      if (prepared.title.has(key.term)) inTitle += key.weight;
    }
    if (needed === 0 || covered === 0) return undefined;
    // A match must be anchored: a key term in the title, or two key terms in one sentence under its
    // title. One shared word deep in a passage ("the end of the paid year") is a coincidence.
    const inContext = (s: Sentence, key: KeyTerm): boolean =>
      s.terms.has(key.term) || prepared.title.has(key.term);
    const anchored =
      keys.some((key) => !key.soft && prepared.title.has(key.term)) ||
      prepared.sentences.some(
        (s) =>
          keys.some((key) => !key.soft && s.terms.has(key.term)) &&
          keys.filter((key) => inContext(s, key)).length >= 2,
      );
    // A question of one topic word and a definite answer type ("how fast is express?") is anchored by
    // a sentence that says the word and gives that kind of answer (a number of days, a price…).
    const topical = keys.filter((key) => !key.soft);
    // So is a name only this passage uses ("do you take PayPal?").
    const only = topical.length === 1 ? (topical[0] as KeyTerm).term : undefined;
    const single =
      only !== undefined &&
      ((prepared.names.has(only) && this.documentFrequency.get(only) === 1) ||
        prepared.sentences.some((s) => s.terms.has(only) && carriesStrongly(s.text, type)));
    if (!anchored && !single) return undefined;
    // Every sentence is read under its heading here: the passage as a whole answers or not.
    const weightOf = (sentence: Sentence): number =>
      keys.reduce(
        (sum, key) => sum + (sentence.terms.has(key.term) || prepared.title.has(key.term) ? key.weight : 0),
        0,
      );
    const best = Math.max(...answering.map(weightOf));
    const strong = Math.max(0, ...answering.filter((s) => carriesStrongly(s.text, type)).map(weightOf));
    const coverage = covered / needed;
    const rank =
      coverage +
      (0.3 * inTitle + 0.2 * best + 0.1 * strong) / total +
      (type === 'procedure' && prepared.howTo ? 0.1 : 0);
    return { prepared, coverage, rank };
  }

  /**
   * The sentences that answer: of the type asked for, with the most key weight (implicit words only
   * break ties); then an equally good one (standard and express rates), or one that adds a key term,
   * or, for a question of no particular type, the sentence that follows (even without a key term:
   * "Choose 'Forgot password'…" goes on "We send a reset link that is valid for 30 minutes").
   */
  private pick(prepared: Prepared, keys: KeyTerm[], type: AnswerType): string[] {
    const weightIn = (sentence: Sentence, soft: boolean, skip: Set<string> = new Set()): number =>
      keys.reduce(
        (sum, key) =>
          sum + (key.soft === soft && sentence.terms.has(key.term) && !skip.has(key.term) ? key.weight : 0),
        0,
      );
    const all = prepared.sentences.map((sentence, index) => ({
      sentence,
      index,
      weight: weightIn(sentence, false),
      implicit: weightIn(sentence, true),
    }));
    const ranked = all
      .filter((s) => carriesAnswer(s.sentence.text, type))
      .sort((a, b) => b.weight - a.weight || b.implicit - a.implicit || a.index - b.index);
    const first = ranked[0];
    if (!first) return [];
    const picked = [first];
    const covered = new Set(keys.filter((key) => first.sentence.terms.has(key.term)).map((key) => key.term));
    const take = (next: (typeof all)[number]): void => {
      picked.push(next);
      for (const key of keys) if (next.sentence.terms.has(key.term)) covered.add(key.term);
    };
    for (const next of ranked.slice(1)) {
      if (picked.length >= this.maxSentences) break;
      if (next.weight > 0 && next.weight >= first.weight - 1e-9) take(next);
    }
    // A sentence that adds a key term the picked ones lack ("Sales tax is added at checkout").
    const complements = all
      .filter((s) => !picked.includes(s) && weightIn(s.sentence, false, covered) > 0)
      .sort(
        (a, b) =>
          weightIn(b.sentence, false, covered) - weightIn(a.sentence, false, covered) || a.index - b.index,
      );
    for (const next of complements) {
      if (picked.length >= this.maxSentences) break;
      if (weightIn(next.sentence, false, covered) > 0) take(next);
    }
    // A sentence that opens with a pronoun is quoted with the one it points back to.
    const antecedent = CONTINUES.test(first.sentence.text) ? all[first.index - 1] : undefined;
    // At the sentence limit it replaces a complement, never the answer itself.
    if (
      antecedent &&
      !picked.includes(antecedent) &&
      (picked.length < this.maxSentences || picked.length > 1)
    ) {
      if (picked.length >= this.maxSentences) picked.pop();
      picked.push(antecedent);
    }
    const follower = all[first.index + 1];
    const general = type === 'any' || type === 'policy' || type === 'procedure';
    if (general && picked.length === 1 && picked.length < this.maxSentences && follower)
      picked.push(follower);
    return picked.sort((a, b) => a.index - b.index).map((s) => s.sentence.text);
  }
}
