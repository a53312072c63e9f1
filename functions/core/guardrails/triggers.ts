/**
 * Escalation triggers decided in code, not left to the model: an explicit request for a person,
 * sensitive topics, business rules, sentiment, and repeated failure. English and Spanish.
 * `findTriggers` returns every trigger that fires (for flags and metrics); `detectEscalation` the
 * one that decides the escalation (the first in severity order).
 *
 * The request for a person and the sensitive topics are intents scored on weighted evidence
 * (`intents.ts`) over stemmed bilingual lexicons (`concepts.ts`, `lexicon.ts`); cancellation and
 * refunds are business rules on patterns.
 */

import { concepts } from '#escalation-concepts';
import type { BusinessSettings } from '../../shared/business-settings.ts';
import { detectLanguage } from '../language.ts';
import type { Author, EscalationReason, Priority } from '../model.ts';
import { scoreSentiment } from '../sentiment.ts';
import { classify, type LabelScore } from './classifier.ts';
import { scoreIntent } from './evidence.ts';
import { escalationFeatures } from './features.ts';
import { fold } from './fold.ts';
import { ESCALATION_INTENTS, type EscalationIntent } from './intents.ts';
import {
  type Analysis,
  analyze,
  type CompiledLexicon,
  compileLexicon,
  type Lang,
  stopWordVotes,
} from './lexicon.ts';

/** Sensitive topics that always go to a person. */
export type SensitiveTopic = 'bereavement' | 'legal' | 'medical' | 'safety' | 'fraud';

/** Business intents that go to a person by rule. */
export type BusinessIntent = 'cancellation' | 'refund';

/** Why and how urgently a conversation goes to a person. */
export interface EscalationTrigger {
  reason: EscalationReason;
  priority: Priority;
  /** Human-readable detail for the agent's card. */
  detail: string;
  /** Short stable label for flags and metrics: `customer_request`, `legal`, `refund`, `trend` … */
  label: string;
}

/** One earlier message, oldest first. */
export interface HistoryItem {
  author: Author;
  text: string;
  sentiment?: number;
  flags?: string[];
}

/** What triggers look at: the new (normalized, redacted) customer message and its conversation. */
export interface TriggerContext {
  text: string;
  settings: BusinessSettings;
  history: HistoryItem[];
  /** Sentiment of `text`, -1..1. */
  sentiment: number;
}

interface Rule {
  label: string;
  reason: EscalationReason;
  priority: Priority;
  detail: string;
  patterns: RegExp[];
  /** Matches that look like the rule but are not (checked on the same folded text). */
  unless?: RegExp[];
}

const CANCELLATION: Rule = {
  label: 'cancellation',
  reason: 'business_rule',
  priority: 'normal',
  detail: 'cancellation request',
  patterns: [
    /\bcancel(?:l?ing)? (?:my|the|this|our|that|an?|all|it|them|both)?\s?(?:\w+ )?(?:subscriptions?|orders?|accounts?|memberships?|plans?|purchases?|auto-?renewals?|services?|it|them|everything)\b/,
    /\b(?:want|need|would like|'d like|wanna|going|trying|how (?:do|can) i|can i|please|help me) (?:to )?cancel\b/,
    /\b(?:stop|end|discontinue|terminate) (?:my|the|our) (?:\w+ )?(?:subscription|membership|auto-?renewal|recurring (?:order|delivery|payment))s?\b/,
    /\b(?:close|delete|terminate|deactivate) (?:my|our|his|her|their|the) (?:\w+ )?(?:account|subscription|membership)\b/,
    /\b(?:cancelar|cancela|cancelen|anular|anula) (?:mi|el|la|los|las|mis|este|esta|ese|esa)? ?(?:pedido|pedidos|suscripcion|cuenta|orden|compra|membresia|plan|servicio)\b/,
    /\b(?:quiero|necesito|como puedo|quisiera) (?:cancelar|anular|darme de baja)\b|\bdar(?:me)? de baja\b/,
  ],
  unless: [
    /\b(?:don't|do not|dont|didn't|did not|not|no|never|without|no quiero|no) (?:want to |need to |wanna |going to |to )?cancel/,
    /\bcancellation (?:policy|fee|window|deadline|terms)\b/,
  ],
};

const REFUND_INTENT =
  /\b(?:refund(?:ed|s)?|money back|reimburse(?:ment|d)?|chargeback|reembolso|reembolsen|devuelvan (?:mi|el) dinero|devolucion (?:de mi|del) dinero)\b/;
const AMOUNT =
  /(?:[$€£]\s?(\d{1,3}(?:[,.]\d{3})+|\d+)(?:[.,](\d{1,2}))?|\b(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d{1,2}))?\s?(?:dollars|usd|eur|euros|bucks|pesos|gbp|pounds|dolares)\b)/g;

/** Amounts of money mentioned in `text` (folded), e.g. "$250", "1,200.50 dollars", "300 euros". */
export function amountsIn(text: string): number[] {
  const amounts: number[] = [];
  for (const m of text.matchAll(AMOUNT)) {
    const whole = (m[1] ?? m[3] ?? '0').replace(/[,.]/g, '');
    const cents = m[2] ?? m[4];
    amounts.push(Number(whole) + (cents ? Number(cents) / 10 ** cents.length : 0));
  }
  return amounts;
}

function fires(rule: Rule, folded: string): boolean {
  return rule.patterns.some((p) => p.test(folded)) && !(rule.unless ?? []).some((p) => p.test(folded));
}

function trigger(rule: Rule | EscalationIntent): EscalationTrigger {
  return { reason: rule.reason, priority: rule.priority, detail: rule.detail, label: rule.label };
}

let compiled: CompiledLexicon | undefined;

/**
 * The escalation vocabulary, compiled on first use rather than at import: stemming ~3,000 phrases
 * with a cold stemmer takes a tenth of a second or so, which only the worker's first message pays.
 * `#escalation-concepts` is `concepts.ts` unbundled and its packed copy in a Lambda bundle (package.json).
 */
function lexicon(): CompiledLexicon {
  compiled ??= compileLexicon(concepts());
  return compiled;
}

const LANGUAGES: readonly Lang[] = ['en', 'es'];

/** How the lexicons alone judge one intent on a message. */
export interface LexiconVerdict {
  intent: EscalationIntent;
  /** The intent's evidence reached its threshold (in the message's language). */
  fired: boolean;
  /** Evidence against the intent outweighed the evidence for it ("I want to die my hair"). */
  vetoed: boolean;
  /** The intent's score on the lexicons (below 0 when vetoed; 0 without any evidence for it). */
  evidence: number;
  /** It fired on single concepts only (`weak` in `evidence.ts`): the classifier may veto it. */
  weak: boolean;
}

/**
 * The lexicons' verdict on every escalation intent, in severity order. Both lexicons are tried at
 * once, so short and mixed messages need no language. An intent that fires only on the lexicon of one
 * language is dropped when the message is clearly in the other one: its stop words say so and tinyld
 * agrees ("I burnt the pie" has no Spanish foot in it). Detection runs only then.
 */
function lexiconVerdicts(text: string, analysis: Analysis): LexiconVerdict[] {
  if (analysis.matches.length === 0) {
    return ESCALATION_INTENTS.map((intent) => ({
      intent,
      fired: false,
      vetoed: false,
      evidence: 0,
      weak: false,
    }));
  }
  const votes = stopWordVotes(analysis.tokens);
  const likely: Lang | undefined = votes.en > votes.es ? 'en' : votes.es > votes.en ? 'es' : undefined;
  let confirmed: boolean | undefined;
  return ESCALATION_INTENTS.map((intent) => {
    const { fired, score, weak } = scoreIntent(intent, analysis);
    if (fired && likely && !scoreIntent(intent, analysis, [likely]).fired) {
      confirmed ??= detectLanguage(text, LANGUAGES) === likely;
      if (confirmed) return { intent, fired: false, vetoed: false, evidence: 0, weak: false };
    }
    return { intent, fired, vetoed: score < 0, evidence: score, weak };
  });
}

/**
 * The lexicons' verdicts on a (normalized) message and the classifier's features of it, without the
 * classifier's decision: its training data.
 */
export function lexiconVerdictsFor(text: string): { verdicts: LexiconVerdict[]; features: string[] } {
  const folded = fold(text).trim();
  const analysis = analyze(folded, lexicon());
  return {
    verdicts: lexiconVerdicts(text, analysis),
    features: escalationFeatures(folded, analysis.matches),
  };
}

/**
 * The escalation intents `text` expresses, in severity order: those the lexicons find (but where their
 * evidence is weak and the classifier's probability is under the label's veto), and those the
 * classifier (`classifier.ts`) finds: at its lower threshold where the lexicons found some evidence for
 * the intent, at its higher one where none or where they found evidence against it.
 */
function intentsIn(text: string, folded: string): EscalationIntent[] {
  let scores: Map<string, LabelScore> | undefined;
  const found: EscalationIntent[] = [];
  const analysis = analyze(folded, lexicon());
  for (const { intent, fired, vetoed, evidence, weak } of lexiconVerdicts(text, analysis)) {
    if (vetoed) {
      // Evidence against (a look-alike phrase) silences the lexicons, never a classifier sure on its own:
      // "I read the book and I still want to kill myself" keeps its self-harm.
      scores ??= classify(escalationFeatures(folded, analysis.matches));
      if (scores.get(intent.label)?.alone) found.push(intent);
      continue;
    }
    if (!fired || weak) {
      scores ??= classify(escalationFeatures(folded, analysis.matches));
      const score = scores.get(intent.label);
      if (fired ? score?.vetoes : !(evidence > 0 ? score?.supported : score?.alone)) continue;
    }
    found.push(intent);
  }
  return found;
}

// Assistant replies that admit it could not help.
const FALLBACK_REPLY =
  /\b(?:i'm not sure|i am not sure|i don't know|i do not know|i'm unable to|i can't help with|i couldn't find|i could not find|no estoy seguro|no lo se|no se la respuesta|no puedo ayudarte con)\b/;

/** Word-set similarity (Jaccard) of two folded texts, ignoring punctuation and very short words. */
export function similarity(a: string, b: string): number {
  const words = (text: string) => new Set(text.match(/[\p{L}\p{N}]{2,}/gu) ?? []);
  const x = words(a);
  const y = words(b);
  if (x.size === 0 || y.size === 0) return 0;
  let shared = 0;
  for (const word of x) if (y.has(word)) shared++;
  return shared / (x.size + y.size - shared);
}

/** Similarity at or above which two customer messages count as the same question. */
export const SAME_QUESTION_SIMILARITY = 0.7;

function repeatedFailure(ctx: TriggerContext, folded: string): EscalationTrigger | undefined {
  const fallback = fold(ctx.settings.messages.fallback);
  const failures = ctx.history.filter(
    (item) =>
      item.author === 'ai' &&
      (item.flags?.includes('fallback') ||
        item.flags?.includes('dont_know') ||
        fold(item.text) === fallback ||
        FALLBACK_REPLY.test(fold(item.text))),
  ).length;
  if (failures >= 2) {
    return {
      reason: 'repeated_failure',
      priority: 'normal',
      detail: `the assistant could not answer ${failures} times`,
      label: 'repeated_failure',
    };
  }
  // Short acknowledgements ("ok", "yes", "thanks") repeat naturally; only real questions count.
  if ((folded.match(/[\p{L}\p{N}]{2,}/gu) ?? []).length < 3) return undefined;
  const asked = ctx.history.some(
    (item) => item.author === 'customer' && similarity(fold(item.text), folded) >= SAME_QUESTION_SIMILARITY,
  );
  return asked
    ? {
        reason: 'repeated_failure',
        priority: 'normal',
        detail: 'the customer asked the same question again',
        label: 'repeated_question',
      }
    : undefined;
}

function sentimentTrigger(ctx: TriggerContext): EscalationTrigger | undefined {
  const threshold = ctx.settings.escalation.negativeSentimentThreshold;
  if (ctx.sentiment <= threshold) {
    return {
      reason: 'negative_sentiment',
      priority: 'high',
      detail: `strongly negative message (${ctx.sentiment.toFixed(2)})`,
      label: 'negative_sentiment',
    };
  }
  // Worsening trend: the last three customer messages (this one included) each more negative.
  const previous = ctx.history
    .filter((item) => item.author === 'customer')
    .slice(-2)
    .map((item) => item.sentiment ?? scoreSentiment(item.text));
  if (previous.length === 2) {
    const [a, b] = previous as [number, number];
    if (a > b && b > ctx.sentiment && ctx.sentiment < 0) {
      return {
        reason: 'negative_sentiment',
        priority: 'normal',
        detail: `sentiment worsening (${a.toFixed(2)} → ${b.toFixed(2)} → ${ctx.sentiment.toFixed(2)})`,
        label: 'trend',
      };
    }
  }
  return undefined;
}

function refundTrigger(ctx: TriggerContext, folded: string): EscalationTrigger | undefined {
  if (!REFUND_INTENT.test(folded)) return undefined;
  const { alwaysEscalateIntents, refundLimit } = ctx.settings.escalation;
  if (alwaysEscalateIntents.includes('refund')) {
    return { reason: 'business_rule', priority: 'normal', detail: 'refund request', label: 'refund' };
  }
  const amount = Math.max(0, ...amountsIn(folded));
  return amount > refundLimit
    ? {
        reason: 'business_rule',
        priority: 'normal',
        detail: `refund of ${amount} over the limit of ${refundLimit}`,
        label: 'refund',
      }
    : undefined;
}

/**
 * How each escalation intent scored on `text`, with the concepts found and the classifier's
 * probability: for tuning and debugging.
 */
export function explainIntents(text: string): {
  language: string | undefined;
  concepts: string[];
  intents: { label: string; score: number; weak: boolean; rules: string[]; probability: number }[];
} {
  const folded = fold(text).trim();
  const analysis = analyze(folded, lexicon());
  const scores = classify(escalationFeatures(folded, analysis.matches));
  return {
    language: detectLanguage(text, LANGUAGES),
    concepts: analysis.matches.map(
      (m) =>
        `${m.concept}/${m.lang}:${analysis.tokens
          .slice(m.start, m.end)
          .map((t) => t.word)
          .join(' ')}`,
    ),
    intents: ESCALATION_INTENTS.map((intent) => {
      const { score, weak, rules } = scoreIntent(intent, analysis);
      return {
        label: intent.label,
        score: Math.round(score * 100) / 100,
        weak,
        rules: rules.map((i) => `${intent.rules[i]!.all.join('+')} ${intent.rules[i]!.weight}`),
        probability: Math.round((scores.get(intent.label)?.probability ?? 0) * 100) / 100,
      };
    }),
  };
}

/** Every trigger that fires for this message, most severe first. */
export function findTriggers(ctx: TriggerContext): EscalationTrigger[] {
  const folded = fold(ctx.text).trim();
  const found: EscalationTrigger[] = intentsIn(ctx.text, folded).map(trigger);
  if (ctx.settings.escalation.alwaysEscalateIntents.includes('cancellation') && fires(CANCELLATION, folded)) {
    found.push(trigger(CANCELLATION));
  }
  const refund = refundTrigger(ctx, folded);
  if (refund) found.push(refund);
  const sentiment = sentimentTrigger(ctx);
  if (sentiment) found.push(sentiment);
  const repeated = repeatedFailure(ctx, folded);
  if (repeated) found.push(repeated);
  return found;
}

/** The escalation this message calls for, if any: the most severe trigger. */
export function detectEscalation(ctx: TriggerContext): EscalationTrigger | undefined {
  return findTriggers(ctx)[0];
}
