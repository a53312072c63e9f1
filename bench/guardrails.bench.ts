/**
 * Input guardrail throughput: `checkInput` over the labelled corpus, round-robin, ≥ 20k evaluations.
 * Reports messages per second and per-message latency percentiles (µs).
 */
import { readFileSync } from 'node:fs';
import { checkInput } from '#core/guardrails/index.ts';
import { parseBusinessSettings } from '#shared/business-settings.ts';
import sample from '../config/business.ts';

const EVALUATIONS = 25_000;

export default async function bench(): Promise<Record<string, number | string>> {
  const settings = parseBusinessSettings(sample);
  const { cases } = JSON.parse(
    readFileSync(new URL('../test/fixtures/guardrails/corpus.json', import.meta.url), 'utf8'),
  ) as { cases: { text: string }[] };
  // A short conversation history, so the trend and repeat checks do real work.
  const history = [
    { author: 'customer' as const, text: 'Hi, where is my order 5512?', sentiment: 0 },
    { author: 'ai' as const, text: 'It shipped on Monday and should arrive Thursday.' },
    { author: 'customer' as const, text: 'It still has not arrived', sentiment: -0.2 },
  ];
  for (let i = 0; i < 2_000; i++) checkInput(cases[i % cases.length]!.text, { settings, history }); // warm-up

  const samples = new Float64Array(EVALUATIONS);
  const started = process.hrtime.bigint();
  for (let i = 0; i < EVALUATIONS; i++) {
    const t0 = process.hrtime.bigint();
    checkInput(cases[i % cases.length]!.text, { settings, history });
    samples[i] = Number(process.hrtime.bigint() - t0) / 1_000;
  }
  const totalSeconds = Number(process.hrtime.bigint() - started) / 1e9;
  samples.sort();
  const pct = (p: number) => samples[Math.min(samples.length - 1, Math.floor(p * samples.length))]!;
  return {
    'corpus cases': cases.length,
    evaluations: EVALUATIONS,
    'checkInput messages/s': Math.round(EVALUATIONS / totalSeconds),
    'checkInput p50 µs/message': pct(0.5),
    'checkInput p99 µs/message': pct(0.99),
    'checkInput max µs/message': samples[samples.length - 1]!,
  };
}
