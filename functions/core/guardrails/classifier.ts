/**
 * The statistical layer of the escalation triggers: one logistic regression per intent label over
 * `escalationFeatures`, trained offline by `npm run train-escalation` (`bin/train-escalation.ts`) on
 * the labelled escalation sets, with each label's two thresholds chosen there by cross-validation. Its
 * weights are data (`escalation-model.json`); this file reads that format and scores. The lexicons
 * stay the first judge: `triggers.ts` lets the classifier add an intent where the lexicons found no
 * evidence against it, and remove one only where the lexicons' evidence is weak (single concepts, no
 * rule joining two: `weak` in `evidence.ts`) and the label's probability is under its `veto`.
 *
 * The file is compact for the worker's bundle: the features once, `|`-separated, and per label one
 * character per feature, the weight quantized to `(code - ZERO) * step` (`ALPHABET[code]`); the bundles
 * carry it packed (`model-pack.ts`), unpacked on first use.
 */
import { PACKED_MODEL } from './escalation-model.packed.ts';
import { unpackModel } from './model-pack.ts';

/** One label's logistic regression, as stored. */
export interface StoredLabel {
  bias: number;
  /** The probability at or above which the label fires on the classifier's word alone. */
  threshold: number;
  /** The probability at or above which it fires where the lexicons found some evidence for it. */
  supported: number;
  /** Under this probability, the label vetoes the lexicons' weak evidence for it (0: never). */
  veto: number;
  /** The weight of one quantization level. */
  step: number;
  /** One `ALPHABET` character per feature of `features`. */
  weights: string;
}

/** The trained model as stored: features, and a logistic regression per intent label. */
export interface EscalationModel {
  /** Every feature some label weighs, `|`-separated. */
  features: string;
  labels: Readonly<Record<string, StoredLabel>>;
}

/** A label's probability on one message and which of the label's thresholds it reaches. */
export interface LabelScore {
  probability: number;
  /** At or above `threshold`: the label fires on the classifier's word alone. */
  alone: boolean;
  /** At or above `supported`: the label fires with some lexicon evidence for it. */
  supported: boolean;
  /** Under `veto`: the lexicons' weak evidence for the label does not fire it. */
  vetoes: boolean;
}

/** Quantization levels, lowest weight first; `ALPHABET[ZERO]` is a weight of 0. */
export const ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-';
/** The code of weight 0. */
export const ZERO = (ALPHABET.length - 1) / 2;

let committed: EscalationModel | undefined;

/** The committed model (`escalation-model.json`, from its packed copy), unpacked once. */
export function escalationModel(): EscalationModel {
  committed ??= unpackModel(PACKED_MODEL) as EscalationModel;
  return committed;
}

interface Decoded {
  index: Map<string, number>;
  labels: {
    label: string;
    bias: number;
    threshold: number;
    supported: number;
    veto: number;
    weights: Float32Array;
  }[];
}

const DECODED = new WeakMap<EscalationModel, Decoded>();

function decode(model: EscalationModel): Decoded {
  let decoded = DECODED.get(model);
  if (!decoded) {
    const features = model.features === '' ? [] : model.features.split('|');
    decoded = {
      index: new Map(features.map((feature, i) => [feature, i])),
      labels: Object.entries(model.labels).map(([label, stored]) => {
        const weights = new Float32Array(features.length);
        for (let i = 0; i < features.length; i++) {
          weights[i] = (ALPHABET.indexOf(stored.weights[i]!) - ZERO) * stored.step;
        }
        return {
          label,
          bias: stored.bias,
          threshold: stored.threshold,
          supported: stored.supported,
          veto: stored.veto,
          weights,
        };
      }),
    };
    DECODED.set(model, decoded);
  }
  return decoded;
}

/** Every label's probability given a message's features (a label the model lacks is absent). */
export function classify(
  features: readonly string[],
  model: EscalationModel = escalationModel(),
): Map<string, LabelScore> {
  const { index, labels } = decode(model);
  const known: number[] = [];
  for (const feature of features) {
    const i = index.get(feature);
    if (i !== undefined) known.push(i);
  }
  const scores = new Map<string, LabelScore>();
  for (const { label, bias, threshold, supported, veto, weights } of labels) {
    let z = bias;
    for (const i of known) z += weights[i]!;
    const probability = 1 / (1 + Math.exp(-z));
    scores.set(label, {
      probability,
      alone: probability >= threshold,
      supported: probability >= supported,
      vetoes: probability < veto,
    });
  }
  return scores;
}

/** Quantizes weights for storage: a step (the 99.9th percentile of |w| over `ZERO` levels) and codes. */
export function quantize(weights: ArrayLike<number>): { step: number; codes: number[] } {
  const magnitudes = Array.from(weights, Math.abs).sort((a, b) => a - b);
  const top = magnitudes[Math.floor((magnitudes.length - 1) * 0.999)] ?? 0;
  const step = top > 0 ? top / ZERO : 1;
  const codes = Array.from(weights, (w) => Math.max(0, Math.min(2 * ZERO, Math.round(w / step) + ZERO)));
  return { step, codes };
}
