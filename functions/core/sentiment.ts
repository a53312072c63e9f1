/**
 * Offline sentiment of a customer message, -1 (very negative) .. 1 (very positive).
 *
 * Scoring: the `sentiment` package (AFINN-165, each word -5..5, with its English one-word negation flip) summed
 * over the tokens, plus a small customer-service lexicon (below) and basic Spanish. The raw sum is
 * scaled by `3 * sqrt(max(tokens, 5))` and squashed with `tanh`, so:
 * - short messages cannot swing to ±1 on a single word ("bad" alone is about -0.4),
 * - long rants still read as strongly negative (the sum grows faster than sqrt of the length),
 * - one negative word in a long friendly message stays near 0.
 * Reference points: "this is damn slow" ≈ -0.42; "worst service ever, useless, I hate you" ≈ -0.8;
 * "thanks so much, great help" ≈ +0.8. Deterministic: no model, no randomness.
 */
import Sentiment from 'sentiment';

/** Customer-service meanings that AFINN gets wrong ("refund" is neutral, "charged" is not a crime). */
const DOMAIN_LABELS: Record<string, number> = {
  refund: 0,
  cancel: 0,
  cancellation: 0,
  stop: 0,
  help: 0,
  please: 0,
  like: 1,
  charged: -1,
  joke: -1,
  scam: -3,
  scammed: -3,
  ripoff: -3,
  useless: -3,
  slow: -1,
  late: -1,
  delayed: -1,
  missing: -1,
  damaged: -2,
  broken: -2,
  unacceptable: -3,
  ridiculous: -3,
  nobody: -1,
  worst: -4,
  wtf: -3,
};

/** Basic Spanish so that Spanish-speaking customers are not all scored neutral. */
const SPANISH_LABELS: Record<string, number> = {
  malo: -3,
  mala: -3,
  mal: -2,
  pesimo: -4,
  pésimo: -4,
  pesima: -4,
  pésima: -4,
  horrible: -3,
  fatal: -3,
  basura: -3,
  estafa: -3,
  estafadores: -4,
  ladrones: -4,
  inutil: -3,
  inútil: -3,
  inutiles: -3,
  inútiles: -3,
  enojado: -3,
  enojada: -3,
  molesto: -2,
  molesta: -2,
  furioso: -3,
  furiosa: -3,
  harto: -3,
  harta: -3,
  decepcionado: -2,
  decepcionada: -2,
  triste: -2,
  vergüenza: -3,
  verguenza: -3,
  nunca: -1,
  roto: -2,
  rota: -2,
  tarde: -1,
  gracias: 2,
  bueno: 2,
  buena: 2,
  excelente: 4,
  genial: 3,
  perfecto: 3,
  perfecta: 3,
  encanta: 3,
  feliz: 3,
  amable: 2,
  rápido: 1,
  rapido: 1,
};

/** Our additions, passed as the package's documented `extras` (they win over AFINN). */
const EXTRAS: Record<string, number> = { ...DOMAIN_LABELS, ...SPANISH_LABELS };

const analyzer = new Sentiment();

/** Scores a message's sentiment in -1..1 (see the module comment for the scaling). */
export function scoreSentiment(text: string): number {
  if (text.trim() === '') return 0;
  const result = analyzer.analyze(text, { extras: EXTRAS });
  const tokens = result.tokens.filter((token) => token !== '').length;
  const scaled = Math.tanh(result.score / (3 * Math.sqrt(Math.max(tokens, 5))));
  // Rounded so stored scores and comparisons are stable across platforms.
  return Math.round(scaled * 1000) / 1000;
}
