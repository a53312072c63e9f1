/**
 * `npm run train-escalation`: trains the escalation classifier (`functions/core/guardrails/classifier.ts`)
 * and writes its weights to `functions/core/guardrails/escalation-model.json` (and its packed copy,
 * `escalation-model.packed.ts`, which the bundles carry).
 *   npm run train-escalation [-- --dry-run] [--verbose] [--false-budget 0.1]
 *
 * - Data: the escalation sets the triggers are developed on (`TRAINING_SETS`), the guardrail corpus
 *   (its benign look-alikes, injections and PII are negatives), and as negatives knowledge-base
 *   questions (`QUESTION_SETS`), the knowledge base's sentences and the business's fixed messages;
 *   never a held-out set nor the sets kept to estimate generalisation (`escalation.fresh9`,
 *   `escalation.fresh11`, `knowledge.fresh3`).
 * - Model: per intent label, a logistic regression over `escalationFeatures` (binary features seen in
 *   at least `MIN_DF` cases), one label against every other case, positives weighted by the square
 *   root of the classes' ratio, L2-regularised, fitted by AdaGrad over shuffled epochs (seeded: the
 *   output is reproducible).
 * - Thresholds: per label two, one where the lexicons found some evidence for the intent
 *   (`supported`) and one where they found none (`threshold`; never unless `ALONE`), by leave-one-set-out
 *   cross-validation. Each set is scored by a model trained on the others (a set is one writer's
 *   round, so this asks how the model carries over to a new writer); the triggers then decide as in
 *   production (lexicons, or else the classifier at the threshold that applies, unless the lexicons
 *   hold evidence against the intent), and the pair of lowest cost wins: a case of the label the
 *   classifier misses costs `MISS_COST` (more on the labels that must not miss), a benign case it
 *   escalates where the lexicons did not `FALSE_COST`, another escalating category given this label
 *   `CONFUSION_COST`. Misses are counted for the classifier alone: the
 *   lexicons were tuned on these very sets, so their recall here says nothing of a new writer's
 *   wording, which is what the classifier is for. Recall first on the labels that must not miss: the
 *   weight of such a miss is the highest of `MISS_WEIGHTS` whose out-of-fold false escalations of
 *   look-alikes and small talk (in the escalation sets, per language) stay within `FALSE_BUDGET`, a
 *   margin under the targets' 0.15. `--verbose` lists the out-of-fold misses and false escalations.
 * - Vetoes: with each weight's thresholds, per label the probability under which the classifier vetoes the lexicons' weak
 *   evidence (single concepts, no rule joining two: "suicide sprints", "hacked off"), chosen out of
 *   fold to veto the most look-alikes without losing any case of the label that escalates without it,
 *   and never above half the lowest probability of such a case (`chooseVeto`); strong evidence is
 *   never vetoed. They are chosen inside the weight search, so the false escalations they save let a
 *   higher miss weight stay within the budget: the precision they buy goes to recall (round 5).
 * - Size: weights are quantized to one character each (`quantize` in `classifier.ts`), in the folds
 *   too, so the thresholds are chosen for the model as shipped; features every label weighs 0 are
 *   left out of the file.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import businessSettings from '../config/business.ts';
import {
  ALPHABET,
  type EscalationModel,
  quantize,
  type StoredLabel,
  ZERO,
} from '../functions/core/guardrails/classifier.ts';
import { CONCEPTS } from '../functions/core/guardrails/concepts.ts';
import {
  packedConceptsModule,
  packedModule,
  packJson,
  packModel,
} from '../functions/core/guardrails/model-pack.ts';
import { normalizeInput } from '../functions/core/guardrails/normalize.ts';
import { lexiconVerdictsFor } from '../functions/core/guardrails/triggers.ts';
import { parseBusinessSettings } from '../functions/shared/business-settings.ts';
import { seededRandom } from '../local/seeded-random.ts';
import { EXPECTED_LABEL, loadEscalationCases } from '../test/helpers/escalation-eval.ts';

/** The development sets the classifier learns from. */
export const TRAINING_SETS = [
  'tuning',
  'fresh4',
  'fresh5',
  'fresh6',
  'fresh7',
  'fresh8',
  'fresh10',
  'fresh12',
  'fresh13',
  'fresh15',
  'fresh16',
  'fresh17',
  'fresh19',
  'fresh20',
  'fresh23',
  'fresh24',
  'fresh26',
  'fresh27',
];
/**
 * Knowledge-base question sets: ordinary customer questions, benign negatives (but those the lexicons
 * escalate, such as a request for a call back). Never the held-out set nor fresh3, its estimate.
 */
const QUESTION_SETS = ['tuning', 'fresh', 'fresh2', 'fresh8', 'fresh9', 'fresh10', 'fresh11'];
/**
 * How customers frame an ordinary message (openers and closers, by language), wrapped around knowledge
 * questions as benign examples: framing is not evidence of any intent.
 */
const ENGLISH_FRAMES = {
  openers: [
    "Hi, I'm writing because",
    "Hello, I'm messaging to ask:",
    'Sorry to write so late at night, but',
    'Writing from my phone,',
    "I've been meaning to ask,",
    "Quick question since I'm up late:",
    'Good evening, I am writing to ask',
    "Hey, it's me again,",
    "I'm texting on behalf of my mum,",
    'Dear Northwind team,',
    '',
  ],
  closers: [
    'thanks',
    'thank you so much, have a good night',
    'sorry for the late message',
    'cheers',
    'x',
    '',
  ],
};
const SPANISH_FRAMES = {
  openers: [
    'Hola, les escribo porque',
    'Buenas noches, les escribo para preguntar:',
    'Perdón que escriba tan tarde, pero',
    'Te escribo desde el celular,',
    'Hola, escribo para consultar:',
    'Disculpen la hora,',
    'Buenas, les escribo de nuevo,',
    'Les escribo de parte de mi mamá,',
    'Estimados,',
    '',
  ],
  closers: ['gracias', 'muchas gracias, buenas noches', 'perdón por la hora', 'saludos', 'quedo atenta', ''],
};
const CORPUS_PATH = new URL('../test/fixtures/guardrails/corpus.json', import.meta.url);
const MODEL_PATH = new URL('../functions/core/guardrails/escalation-model.json', import.meta.url);
const PACKED_PATH = new URL('../functions/core/guardrails/escalation-model.packed.ts', import.meta.url);
/** The lexicons' concepts as the bundles carry them (`model-pack.ts`), written with the model they were trained with. */
const PACKED_CONCEPTS_PATH = new URL('../functions/core/guardrails/concepts.packed.ts', import.meta.url);
const MAX_INPUT = parseBusinessSettings(businessSettings).guardrails.maxInputChars;

const MIN_DF = 5;
const EPOCHS = 25;
const LEARNING_RATE = 0.3;
const L2 = 3e-3;
/**
 * Candidate thresholds, from 0.1 where the lexicons found some evidence for the intent: recall comes
 * first on the labels that must not miss, and cross-validation decides. Two floors: a threshold must
 * be above what any fold's model says of a message it knows nothing about (the probability of its
 * bias alone, 0.05–0.16: below it, "What about paddles?" was legal), and on the classifier's word alone
 * (`ALONE_FLOOR`) the intent must at least be more likely than not.
 */
const THRESHOLDS = Array.from({ length: 36 }, (_, i) => 0.1 + i * 0.025);
const ALONE_FLOOR = 0.5;
/** A threshold no probability reaches: the label never fires on the classifier's word alone. */
const NEVER = 1.01;
/**
 * Whether a label may fire on the classifier's word alone, with no lexicon evidence for it. Trained
 * on escalation sets only, the classifier alone was confidently wrong on ordinary text ("No estoy
 * seguro." self-harm at 0.94); the knowledge-base questions, passages and the business's fixed
 * messages are negatives for that reason, and cross-validation still decides per label.
 */
const ALONE = true;
/**
 * The highest threshold on the classifier's word alone for a must-not-miss label. The lexicons are
 * written from the training sets, so out of fold they catch nearly every case there and the search
 * would raise the classifier's own bar (legal went to never, explicit requests to 0.925 in round 6)
 * while on a new writer's wording the classifier is the net that catches what the lexicons miss (round
 * 6's validation sets: critical misses 6 → 9 with those bars). Rounds 1–5, before the lexicons covered
 * the training sets, chose 0.525–0.65.
 */
const ALONE_CAP = 0.6;
/**
 * The labels under `ALONE_CAP`: the must-not-miss four and physical safety and medical emergencies, whose
 * lexicons were also written from the training sets (round 7: on the validation sets, English safety recall 31
 * of 41 → 38 of 41 with the cap, no more false escalations).
 */
const CAPPED = new Set(['customer_request', 'self_harm', 'legal', 'fraud', 'safety', 'medical']);
/** Labels whose every case must escalate with its own label (the targets allow no miss). */
const MUST_NOT_MISS = new Set(['customer_request', 'self_harm', 'legal', 'fraud']);
/** Benign categories whose false escalations the targets bound (per language). */
const BENIGN_TARGETS = new Set(['lookalike', 'smalltalk']);
const MISS_COST = 2;
/**
 * Weights of a miss on a must-not-miss label tried, highest first: the highest whose out-of-fold false
 * escalations of look-alikes and small talk stay within `FALSE_BUDGET` (or `--false-budget`) in each
 * language wins.
 */
const MISS_WEIGHTS = [64, 48, 32, 24, 16, 12, 8, 6, 4, 3, 2];
const FALSE_BUDGET = 0.1;
const FALSE_COST = 2;
const CONFUSION_COST = 0.2;
/**
 * Vetoes of weak lexicon evidence tried, lowest first (`chooseVeto`), bounded by the label's `supported`
 * threshold and `VETO_MARGIN`. Most sit under a fold's probability for a message it knows nothing about
 * (0.05–0.16), where a veto silences only what the classifier holds evidence against; that bound is not
 * enforced (legal's 0.075 is above its model's 0.066).
 */
const VETOES = [0.005, 0.01, 0.015, 0.02, 0.03, 0.04, 0.05, 0.075, 0.1, 0.125, 0.15, 0.2, 0.25];
/**
 * A veto stays at most this fraction of the lowest out-of-fold probability of any case of the label
 * the lexicons fired on weak evidence: a new writer's case the classifier is half as sure of as the
 * least sure one seen still escalates.
 */
const VETO_MARGIN = 0.5;

interface Example {
  set: string;
  /** The case's category and language in an escalation set (none for other text). */
  category?: string;
  lang?: string;
  text: string;
  /** The intent labels the case expects (none for a benign case). */
  labels: ReadonlySet<string>;
  /** The case escalates (by an intent or another rule: a guardrail-corpus cancellation, say). */
  escalate: boolean;
  features: number[];
  /** Per intent label: what the lexicons made of the case. */
  lexicon: Map<string, Lexicons>;
}

/** The lexicons' verdict on one intent: fired, evidence against it, or some evidence for it. */
interface Lexicons {
  fired: boolean;
  /** Fired on single concepts only (`weak` in `evidence.ts`): the classifier may veto it. */
  weak: boolean;
  vetoed: boolean;
  supported: boolean;
}

interface Fitted {
  bias: number;
  weights: Float64Array;
}

/** A fitted label with its weights quantized as stored. */
interface Quantized extends Fitted {
  step: number;
  codes: number[];
}

function shuffle<T>(items: T[], next: () => number): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(next() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

const sigmoid = (z: number) => 1 / (1 + Math.exp(-z));

/** One-vs-rest logistic regression for `label` (AdaGrad, lazy L2 on the active features). */
function fitWeights(examples: readonly Example[], label: string, dimensions: number): Fitted {
  const positives = examples.filter((e) => e.labels.has(label)).length;
  const positiveWeight = Math.sqrt(Math.max(1, (examples.length - positives) / Math.max(1, positives)));
  const weights = new Float64Array(dimensions);
  const squares = new Float64Array(dimensions).fill(1e-8);
  let bias = 0;
  let biasSquares = 1e-8;
  const next = seededRandom(label.length * 7919 + examples.length);
  for (let epoch = 0; epoch < EPOCHS; epoch++) {
    for (const example of shuffle(examples as Example[], next)) {
      const y = example.labels.has(label) ? 1 : 0;
      let z = bias;
      for (const f of example.features) z += weights[f]!;
      const gradient = (sigmoid(z) - y) * (y === 1 ? positiveWeight : 1);
      biasSquares += gradient * gradient;
      bias -= (LEARNING_RATE * gradient) / Math.sqrt(biasSquares);
      for (const f of example.features) {
        const g = gradient + L2 * weights[f]!;
        squares[f]! += g * g;
        weights[f]! -= (LEARNING_RATE * g) / Math.sqrt(squares[f]!);
      }
    }
  }
  return { bias, weights };
}

/** Fits, then quantizes the weights as the model file stores them (`quantize`). */
function fitLabel(examples: readonly Example[], label: string, dimensions: number): Quantized {
  const { bias, weights } = fitWeights(examples, label, dimensions);
  const { step, codes } = quantize(weights);
  return { bias, step, codes, weights: Float64Array.from(codes, (code) => (code - ZERO) * step) };
}

function probability(model: Fitted, example: Example): number {
  let z = model.bias;
  for (const f of example.features) z += model.weights[f]!;
  return sigmoid(z);
}

/**
 * A label's thresholds: without any lexicon evidence for the intent, with some, and the veto of weak
 * lexicon evidence (0: none).
 */
interface Thresholds {
  alone: number;
  supported: number;
  veto: number;
}

/** Whether the classifier fires `label` on a case at `thresholds` (as `triggers.ts` decides). */
function classifierFires(lexicons: Lexicons, score: number, thresholds: Thresholds): boolean {
  // Evidence against silences the lexicons, not a classifier sure on its own.
  if (lexicons.vetoed) return score >= thresholds.alone;
  return score >= (lexicons.supported || lexicons.fired ? thresholds.supported : thresholds.alone);
}

/** Whether the triggers raise `label` on a case: the lexicons (unless vetoed) or the classifier. */
function raises(lexicons: Lexicons, score: number, thresholds: Thresholds): boolean {
  if (lexicons.fired) return !(lexicons.weak && score < thresholds.veto);
  return classifierFires(lexicons, score, thresholds);
}

/** The cost of deciding `label` at `thresholds` on out-of-fold probabilities, and what went wrong. */
function cost(
  examples: readonly Example[],
  scores: readonly number[],
  label: string,
  thresholds: Thresholds,
  mustNotMiss: number,
) {
  const miss = MUST_NOT_MISS.has(label) ? mustNotMiss : MISS_COST;
  let misses = 0;
  let falses = 0;
  let confusions = 0;
  let alone = 0;
  examples.forEach((example, i) => {
    const lexicons = example.lexicon.get(label)!;
    const classified = classifierFires(lexicons, scores[i]!, thresholds);
    if (example.labels.has(label)) {
      if (!classified) alone++;
      if (!classified && !lexicons.fired) misses++;
    } else if (classified && !lexicons.fired) {
      if (example.escalate) confusions++;
      else falses++;
    }
  });
  return {
    total: alone * miss + falses * FALSE_COST + confusions * CONFUSION_COST,
    misses,
    alone,
    falses,
    confusions,
  };
}

/** A labelled text, from an escalation set or the guardrail corpus. */
interface Labelled {
  set: string;
  category?: string;
  lang?: string;
  text: string;
  labels: string[];
  escalate: boolean;
}

function loadLabelled(): Labelled[] {
  const intents = new Set(Object.values(EXPECTED_LABEL));
  const sets = TRAINING_SETS.flatMap((set) =>
    loadEscalationCases(new URL(`../test/fixtures/eval/escalation.${set}.json`, import.meta.url)).map((c) => {
      const label = c.escalate ? EXPECTED_LABEL[c.category] : undefined;
      return {
        set,
        category: c.category,
        lang: c.lang,
        text: c.text,
        labels: label ? [label] : [],
        escalate: c.escalate,
      };
    }),
  );
  const corpus = (
    JSON.parse(readFileSync(CORPUS_PATH, 'utf8')) as { cases: { text: string; labels: string[] }[] }
  ).cases.map((c) => {
    const escalations = c.labels.flatMap((l) => (l.startsWith('escalation:') ? [l.slice(11)] : []));
    return {
      set: 'corpus',
      text: c.text,
      labels: escalations.filter((l) => intents.has(l)),
      escalate: escalations.length > 0,
    };
  });
  const questions = QUESTION_SETS.flatMap((set) =>
    (
      JSON.parse(
        readFileSync(new URL(`../test/fixtures/eval/knowledge.${set}.json`, import.meta.url), 'utf8'),
      ) as { text: string; lang: string }[]
    )
      .filter(
        (c) => !lexiconVerdictsFor(normalizeInput(c.text, MAX_INPUT).text).verdicts.some((v) => v.fired),
      )
      .map((c) => ({ set: 'questions', lang: c.lang, text: c.text, labels: [], escalate: false })),
  );
  // The same questions framed as customers write them ("Hi, I'm writing because…", "perdón por la hora"):
  // the escalation sets' writers often open a sensitive message that way, so without this the framing
  // itself reads as evidence ("les escribo para preguntar por mi pedido" scored 0.88 for self-harm).
  const framing = seededRandom(questions.length);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(framing() * items.length)]!;
  const framed = questions.map((q) => {
    const frames = q.lang === 'es' ? SPANISH_FRAMES : ENGLISH_FRAMES;
    const text = `${pick(frames.openers)} ${q.text.charAt(0).toLowerCase()}${q.text.slice(1)} ${pick(frames.closers)}`;
    // Same fold as the plain question: a framed copy in training must not vouch for its original out of fold.
    return { ...q, text: text.trim() };
  });
  // Ordinary text about the business: knowledge-base sentences and the fixed messages (every language).
  const knowledgeDir = new URL('../knowledge/', import.meta.url);
  const passages = readdirSync(knowledgeDir)
    .filter((file) => file.endsWith('.md'))
    .flatMap((file) => readFileSync(new URL(file, knowledgeDir), 'utf8').split(/[.!?\n]+/))
    .map((sentence) => sentence.replace(/[#*_>`|[\]()-]+/g, ' ').trim())
    .filter((sentence) => sentence.split(/\s+/).length >= 3);
  const messages = fixedMessages(businessSettings);
  const benign = [...passages, ...messages]
    .filter((text) => !lexiconVerdictsFor(normalizeInput(text, MAX_INPUT).text).verdicts.some((v) => v.fired))
    .map((text) => ({ set: 'business text', text, labels: [], escalate: false }));
  return [...sets, ...corpus, ...questions, ...framed, ...benign];
}

/** Every string of the settings' `messages` (and per-language overrides), recursively. */
function fixedMessages(value: unknown, key = ''): string[] {
  if (typeof value === 'string') return /messages/i.test(key) ? [value] : [];
  if (Array.isArray(value)) return value.flatMap((item) => fixedMessages(item, key));
  if (value && typeof value === 'object') {
    return Object.entries(value).flatMap(([k, v]) => fixedMessages(v, /messages/i.test(key) ? key : k));
  }
  return [];
}

function loadExamples(): { examples: Example[]; vocabulary: string[] } {
  const labelled = loadLabelled();
  const analyses = labelled.map((c) => lexiconVerdictsFor(normalizeInput(c.text, MAX_INPUT).text));
  const featureLists = analyses.map((a) => a.features);
  const df = new Map<string, number>();
  for (const list of featureLists) for (const f of list) df.set(f, (df.get(f) ?? 0) + 1);
  const vocabulary = [...df.entries()].filter(([, n]) => n >= MIN_DF).map(([f]) => f);
  const index = new Map(vocabulary.map((f, i) => [f, i]));
  const examples = labelled.map((c, i) => ({
    set: c.set,
    category: c.category,
    lang: c.lang,
    text: c.text,
    labels: new Set(c.labels),
    escalate: c.escalate,
    features: featureLists[i]!.flatMap((f) => (index.has(f) ? [index.get(f)!] : [])),
    lexicon: new Map(
      analyses[i]!.verdicts.map((v) => [
        v.intent.label,
        { fired: v.fired, weak: v.weak, vetoed: v.vetoed, supported: v.evidence > 0 },
      ]),
    ),
  }));
  return { examples, vocabulary };
}

type Choice = Map<string, { thresholds: Thresholds } & ReturnType<typeof cost>>;

const thresholdsOf = (choice: Choice) => new Map([...choice].map(([label, c]) => [label, c.thresholds]));

/** Per label, the pair of thresholds of lowest out-of-fold cost, a must-not-miss miss weighing `weight`. */
function chooseThresholds(
  examples: readonly Example[],
  outOfFold: Map<string, number[]>,
  labels: readonly string[],
  weight: number,
  uninformed: ReadonlyMap<string, number>,
): Choice {
  const choice: Choice = new Map();
  for (const label of labels) {
    const scores = outOfFold.get(label)!;
    const never = { alone: NEVER, supported: NEVER, veto: 0 };
    const candidates = THRESHOLDS.filter((t) => t > uninformed.get(label)!);
    const capped = ALONE && CAPPED.has(label);
    const alones = ALONE
      ? [
          ...candidates.filter((t) => t >= ALONE_FLOOR && (!capped || t <= ALONE_CAP)),
          ...(capped ? [] : [NEVER]),
        ]
      : [NEVER];
    if (capped && !alones.some((t) => t <= ALONE_CAP))
      throw new Error(`${label}: no threshold on the classifier's own word under the cap ${ALONE_CAP}`);
    let best = { thresholds: never, ...cost(examples, scores, label, never, weight) };
    if (capped) best = { ...best, total: Number.POSITIVE_INFINITY };
    for (const alone of alones) {
      for (const supported of candidates) {
        if (supported > alone) continue;
        const c = cost(examples, scores, label, { alone, supported, veto: 0 }, weight);
        const higher = alone + supported > best.thresholds.alone + best.thresholds.supported;
        if (c.total < best.total || (c.total === best.total && higher))
          best = { thresholds: { alone, supported, veto: 0 }, ...c };
      }
    }
    choice.set(label, best);
  }
  return choice;
}

/** What the triggers make of `label` out of fold at `thresholds`: cases missed, benign ones raised. */
function decisions(
  examples: readonly Example[],
  scores: readonly number[],
  label: string,
  thresholds: Thresholds,
) {
  let missed = 0;
  let falses = 0;
  let confusions = 0;
  examples.forEach((example, i) => {
    const raised = raises(example.lexicon.get(label)!, scores[i]!, thresholds);
    if (example.labels.has(label)) {
      if (!raised) missed++;
    } else if (raised) {
      if (example.escalate) confusions++;
      else falses++;
    }
  });
  return { missed, falses, confusions };
}

/**
 * Per label, the veto of weak lexicon evidence: of `VETOES` not above the `supported` threshold nor
 * `VETO_MARGIN` of the lowest out-of-fold probability of a case of the label fired on weak evidence
 * (so no case of the label that escalates without a veto is missed with it, in any set), the one that
 * vetoes the most benign cases; ties go to the lower veto.
 */
function chooseVeto(
  examples: readonly Example[],
  scores: readonly number[],
  label: string,
  thresholds: Thresholds,
): number {
  let lowest = 1;
  examples.forEach((example, i) => {
    const verdict = example.lexicon.get(label)!;
    if (example.labels.has(label) && verdict.fired && verdict.weak) lowest = Math.min(lowest, scores[i]!);
  });
  const base = decisions(examples, scores, label, { ...thresholds, veto: 0 });
  let best = { veto: 0, falses: base.falses + CONFUSION_COST * base.confusions };
  for (const veto of VETOES) {
    if (veto > thresholds.supported || veto > VETO_MARGIN * lowest) break;
    const d = decisions(examples, scores, label, { ...thresholds, veto });
    if (d.missed > base.missed) throw new Error(`a veto of ${veto} loses a case of ${label}`);
    const falses = d.falses + CONFUSION_COST * d.confusions;
    if (falses < best.falses) best = { veto, falses };
  }
  return best.veto;
}

function main(): void {
  const { values } = parseArgs({
    options: {
      'dry-run': { type: 'boolean', default: false },
      verbose: { type: 'boolean', default: false },
      'false-budget': { type: 'string', default: String(FALSE_BUDGET) },
    },
  });
  const budget = Number(values['false-budget']);
  if (!(budget > 0 && budget < 1)) throw new Error('--false-budget must be a rate between 0 and 1');
  const { examples, vocabulary } = loadExamples();
  const labels = [...new Set(Object.values(EXPECTED_LABEL))];
  process.stdout.write(
    `${examples.length} cases from ${TRAINING_SETS.join(', ')}, the guardrail corpus and knowledge questions; ${vocabulary.length} features (in ≥ ${MIN_DF} cases)\n`,
  );

  // Leave-one-set-out: out-of-fold probabilities for every case and label.
  const sets = [...new Set(examples.map((e) => e.set))];
  const outOfFold = new Map(labels.map((label) => [label, new Array<number>(examples.length).fill(0)]));
  // Per label, the highest probability a fold's model gives a message without any known feature.
  const uninformed = new Map(labels.map((label) => [label, 0]));
  for (const held of sets) {
    const training = examples.filter((e) => e.set !== held);
    for (const label of labels) {
      const model = fitLabel(training, label, vocabulary.length);
      uninformed.set(label, Math.max(uninformed.get(label)!, sigmoid(model.bias)));
      examples.forEach((e, i) => {
        if (e.set === held) outOfFold.get(label)![i] = probability(model, e);
      });
    }
  }

  // Recall first: the highest weight of a miss on the must-not-miss labels whose out-of-fold false
  // escalations of look-alikes and small talk stay within budget in every language, each label's veto
  // of weak lexicon evidence chosen with its thresholds, so the precision the vetoes buy goes to recall.
  const withVetoes = (candidate: number) => {
    const tried = chooseThresholds(examples, outOfFold, labels, candidate, uninformed);
    for (const [label, best] of tried) {
      const veto = chooseVeto(examples, outOfFold.get(label)!, label, best.thresholds);
      best.thresholds = { ...best.thresholds, veto };
    }
    return tried;
  };
  // Weights are tried highest first; when none keeps within budget, the lowest (the last tried) stands.
  let choice!: Choice;
  let weight = 0;
  let within = false;
  for (const candidate of MISS_WEIGHTS) {
    choice = withVetoes(candidate);
    weight = candidate;
    const { falses } = targetFigures(examples, outOfFold, thresholdsOf(choice));
    if ([...falses.values()].every((r) => r.escalated <= budget * r.cases)) {
      within = true;
      break;
    }
  }
  const before = new Map(
    [...thresholdsOf(choice)].map(([label, thresholds]) => [label, { ...thresholds, veto: 0 }] as const),
  );
  const chosen = thresholdsOf(choice);
  process.stdout.write(
    `thresholds with a must-not-miss miss weighing ${weight} (false escalations ${within ? 'within' : 'over, at every weight,'} ${budget}):\n` +
      'label             cases  thresholds: alone, supported  missed out of fold: classifier, with the lexicons  benign escalated  other categories\n',
  );
  for (const [label, best] of choice) {
    const cases = examples.filter((e) => e.labels.has(label)).length;
    process.stdout.write(
      `${label.padEnd(17)} ${String(cases).padStart(5)}  ${best.thresholds.alone.toFixed(3).padStart(19)}, ${best.thresholds.supported.toFixed(3).padEnd(9)}  ${String(best.alone).padStart(35)}, ${String(best.misses).padEnd(14)}  ${String(best.falses).padStart(16)}  ${String(best.confusions).padStart(16)}\n`,
    );
  }
  process.stdout.write(
    `vetoes of weak lexicon evidence: ${[...chosen].map(([label, t]) => `${label} ${t.veto}`).join(', ')}\n`,
  );
  process.stdout.write(`without the vetoes, ${formatTargets(targetFigures(examples, outOfFold, before))}`);
  process.stdout.write(outOfFoldFigures(examples, outOfFold, chosen));
  process.stdout.write(formatTargets(targetFigures(examples, outOfFold, chosen)));
  if (values.verbose) {
    process.stdout.write(weakEvidence(examples, outOfFold));
    process.stdout.write(outOfFoldMistakes(examples, outOfFold, chosen));
  }

  // The shipped model: every label fitted on every training case, features no label weighs dropped.
  const fitted = labels.map((label) => ({ label, ...fitLabel(examples, label, vocabulary.length) }));
  // Sorted by name: neighbours share prefixes, so the packed copy the bundles carry compresses better.
  const used = vocabulary
    .flatMap((_, f) => (fitted.some((l) => l.codes[f] !== ZERO) ? [f] : []))
    .sort((a, b) => (vocabulary[a]! < vocabulary[b]! ? -1 : vocabulary[a]! > vocabulary[b]! ? 1 : 0));
  const stored: Record<string, StoredLabel> = {};
  for (const { label, bias, step, codes } of fitted) {
    const { alone, supported, veto } = chosen.get(label)!;
    stored[label] = {
      bias: Number(bias.toFixed(3)),
      threshold: Number(alone.toFixed(3)),
      supported: Number(supported.toFixed(3)),
      veto: Number(veto.toFixed(3)),
      step: Number(step.toPrecision(4)),
      weights: used.map((f) => ALPHABET[codes[f]!]).join(''),
    };
  }
  const model: EscalationModel = { features: used.map((f) => vocabulary[f]).join('|'), labels: stored };
  const json = `${JSON.stringify(model, null, 2)}\n`;
  process.stdout.write(`model: ${used.length} features, ${(json.length / 1024).toFixed(1)} KB\n`);
  if (!values['dry-run']) {
    writeFileSync(MODEL_PATH, json);
    writeFileSync(PACKED_PATH, packedModule(packModel(json)));
    writeFileSync(PACKED_CONCEPTS_PATH, packedConceptsModule(packJson(CONCEPTS)));
  }
}

/** The issue's targets out of fold: misses per must-not-miss label, false escalations per language. */
interface TargetFigures {
  /** Per must-not-miss label: its cases, those the lexicons or the classifier missed, the classifier alone. */
  misses: Map<string, { cases: number; missed: number; classifier: number }>;
  /** Per language: look-alikes and small talk of the escalation sets, and how many escalated. */
  falses: Map<string, { cases: number; escalated: number }>;
}

function targetFigures(
  examples: readonly Example[],
  outOfFold: Map<string, number[]>,
  thresholds: Map<string, Thresholds>,
): TargetFigures {
  const misses = new Map([...MUST_NOT_MISS].map((label) => [label, { cases: 0, missed: 0, classifier: 0 }]));
  const falses = new Map<string, { cases: number; escalated: number }>();
  examples.forEach((example, i) => {
    const raised = (label: string) => {
      const verdict = example.lexicon.get(label)!;
      return raises(verdict, outOfFold.get(label)![i]!, thresholds.get(label)!);
    };
    for (const label of example.labels) {
      const row = misses.get(label);
      if (!row) continue;
      row.cases++;
      if (!classifierFires(example.lexicon.get(label)!, outOfFold.get(label)![i]!, thresholds.get(label)!))
        row.classifier++;
      if (!raised(label)) row.missed++;
    }
    if (BENIGN_TARGETS.has(example.category ?? '') && example.lang) {
      const row = falses.get(example.lang) ?? { cases: 0, escalated: 0 };
      row.cases++;
      if ([...example.lexicon].some(([label]) => raised(label))) row.escalated++;
      falses.set(example.lang, row);
    }
  });
  return { misses, falses };
}

/**
 * Per label, the out-of-fold probabilities of the cases the lexicons fired on weak evidence, lowest
 * first: of the label's cases (what a veto would lose) and of the others (what it would save).
 */
function weakEvidence(examples: readonly Example[], outOfFold: Map<string, number[]>): string {
  const lines = [...outOfFold].map(([label, scores]) => {
    const own: number[] = [];
    const other: number[] = [];
    examples.forEach((example, i) => {
      const verdict = example.lexicon.get(label)!;
      if (!(verdict.fired && verdict.weak)) return;
      (example.labels.has(label) ? own : example.escalate ? [] : other).push(scores[i]!);
    });
    const low = (list: number[]) =>
      list
        .sort((a, b) => a - b)
        .slice(0, 8)
        .map((p) => p.toFixed(3))
        .join(' ');
    return `  ${label.padEnd(17)} its cases ${own.length} (lowest ${low(own)}); benign ${other.length} (lowest ${low(other)})`;
  });
  return `fired on weak lexicon evidence, out-of-fold probabilities:\n${lines.join('\n')}\n`;
}

/** The out-of-fold misses of the must-not-miss labels and the benign cases escalated, case by case. */
function outOfFoldMistakes(
  examples: readonly Example[],
  outOfFold: Map<string, number[]>,
  thresholds: Map<string, Thresholds>,
): string {
  const lines: string[] = [];
  examples.forEach((example, i) => {
    const raised = [...example.lexicon].flatMap(([label, verdict]) =>
      raises(verdict, outOfFold.get(label)![i]!, thresholds.get(label)!) ? [label] : [],
    );
    const p = (label: string) => outOfFold.get(label)![i]!.toFixed(2);
    for (const label of example.labels) {
      if (MUST_NOT_MISS.has(label) && !raised.includes(label))
        lines.push(`  missed ${label} ${p(label)} [${example.set}] ${example.text}`);
    }
    if (BENIGN_TARGETS.has(example.category ?? '') && raised.length > 0)
      lines.push(
        `  escalated ${raised.map((l) => `${l} ${p(l)}`).join(', ')} [${example.set}] ${example.text}`,
      );
  });
  return `${lines.join('\n')}\n`;
}

function formatTargets({ misses, falses }: TargetFigures): string {
  const missed = [...misses].map(
    ([label, r]) =>
      `  ${label.padEnd(17)} ${String(r.cases).padStart(4)} cases, missed ${r.missed} (classifier alone ${r.classifier})`,
  );
  const escalated = [...falses].map(
    ([lang, r]) =>
      `  look-alikes and small talk, ${lang}: ${r.escalated} of ${r.cases} escalated (${(r.escalated / r.cases).toFixed(3)})`,
  );
  return `targets out of fold (escalation sets and corpus):\n${[...missed, ...escalated].join('\n')}\n`;
}

/** Out-of-fold figures of the whole decision (lexicons or classifier) per category and language. */
function outOfFoldFigures(
  examples: readonly Example[],
  outOfFold: Map<string, number[]>,
  thresholds: Map<string, Thresholds>,
): string {
  const rows = new Map<string, { cases: number; escalated: number; lexicons: number }>();
  examples.forEach((example, i) => {
    const kind = example.escalate ? ([...example.labels][0] ?? 'other rule') : 'benign';
    const key = `${kind}/${['tuning', 'corpus', 'questions', 'business text'].includes(example.set) ? example.set : 'fresh'}`;
    const row = rows.get(key) ?? { cases: 0, escalated: 0, lexicons: 0 };
    let lexicons = false;
    let any = false;
    for (const [label, verdict] of example.lexicon) {
      if (verdict.fired) lexicons = true;
      if (raises(verdict, outOfFold.get(label)![i]!, thresholds.get(label)!)) any = true;
    }
    row.cases++;
    if (lexicons) row.lexicons++;
    if (any) row.escalated++;
    rows.set(key, row);
  });
  const lines = [...rows.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(
      ([key, r]) =>
        `  ${key.padEnd(26)} ${String(r.cases).padStart(4)}  lexicons ${(r.lexicons / r.cases).toFixed(3)}  with the classifier ${(r.escalated / r.cases).toFixed(3)}`,
    );
  return `escalated out of fold (any intent; benign: false escalations; fresh: the escalation sets but tuning):\n${lines.join('\n')}\n`;
}

main();
