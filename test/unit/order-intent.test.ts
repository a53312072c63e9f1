/**
 * The offline order intent: a tuning set (below, thresholds enforced) and the held-out set written before
 * tuning (test/fixtures/actions/order-intent-heldout.json), whose figures are printed and never tuned on.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { detectOrderIntent, orderNumberIn } from '../../functions/core/actions/order-intent.ts';

interface Case {
  text: string;
  intent: 'status' | 'refund' | 'cancel' | 'none';
  orderId: string | null;
}

const tuning: Case[] = [
  { text: 'Where is order 4410?', intent: 'status', orderId: '4410' },
  { text: 'whats the status of order number 9001', intent: 'status', orderId: '9001' },
  { text: 'my order 7781 still has not arrived', intent: 'status', orderId: '7781' },
  { text: 'tracking for #6620 please', intent: 'status', orderId: '6620' },
  { text: 'did my order 1200 ship?', intent: 'status', orderId: '1200' },
  { text: '¿Dónde está el pedido 8812?', intent: 'status', orderId: '8812' },
  { text: 'estado del pedido 4410 por favor', intent: 'status', orderId: '4410' },
  { text: 'mi pedido 7781 no ha llegado', intent: 'status', orderId: '7781' },
  { text: 'refund order 4410 please, wrong size', intent: 'refund', orderId: '4410' },
  { text: 'I want my money back for order #9001', intent: 'refund', orderId: '9001' },
  { text: 'quiero que me devuelvan el dinero del pedido 8812', intent: 'refund', orderId: '8812' },
  { text: 'cancel my order 1200', intent: 'cancel', orderId: '1200' },
  { text: 'quiero cancelar el pedido 6620', intent: 'cancel', orderId: '6620' },
  { text: 'where is my order', intent: 'status', orderId: null },
  { text: 'do you ship to Canada?', intent: 'none', orderId: null },
  { text: 'how do refunds work?', intent: 'none', orderId: null },
  { text: 'I paid 4410 dollars for my order', intent: 'none', orderId: null },
  { text: 'what are your opening hours', intent: 'none', orderId: null },
];

function figures(cases: Case[]): { accuracy: number; precision: number; recall: number; n: number } {
  let correct = 0;
  let predicted = 0;
  let actual = 0;
  let truePositive = 0;
  for (const item of cases) {
    const found = detectOrderIntent(item.text);
    const intent = found?.intent ?? 'none';
    const right = intent === item.intent && (intent === 'none' || (found?.orderId ?? null) === item.orderId);
    if (right) correct++;
    if (intent !== 'none') predicted++;
    if (item.intent !== 'none') actual++;
    if (right && intent !== 'none') truePositive++;
  }
  return {
    accuracy: correct / cases.length,
    precision: predicted ? truePositive / predicted : 1,
    recall: actual ? truePositive / actual : 1,
    n: cases.length,
  };
}

describe('order intent (offline)', () => {
  it('"where is my order 1187?" is a status question about order 1187, in English', () => {
    expect(detectOrderIntent('where is my order 1187?')).toEqual({
      intent: 'status',
      orderId: '1187',
      language: 'en',
    });
  });

  it('"¿dónde está mi pedido 1187?" is the same question in Spanish', () => {
    expect(detectOrderIntent('¿dónde está mi pedido 1187?')).toEqual({
      intent: 'status',
      orderId: '1187',
      language: 'es',
    });
  });

  it('an amount is not an order number', () => {
    expect(orderNumberIn('I paid 4410 dollars for my order')).toBeUndefined();
  });

  it('a refund without an order number is not an order action', () => {
    expect(detectOrderIntent('how do refunds work for orders?')?.intent).not.toBe('refund');
  });

  it('meets its thresholds on the tuning set', () => {
    const result = figures(tuning);
    expect(result.accuracy).toBeGreaterThanOrEqual(0.9);
    expect(result.precision).toBeGreaterThanOrEqual(0.95);
  });

  it('reports its figures on the held-out set (never tuned on)', () => {
    const heldOut = (
      JSON.parse(
        readFileSync(new URL('../fixtures/actions/order-intent-heldout.json', import.meta.url), 'utf8'),
      ) as { cases: Case[] }
    ).cases;
    const result = figures(heldOut);
    console.log(
      `order intent, held-out (n=${result.n}): accuracy ${result.accuracy.toFixed(2)}, precision ${result.precision.toFixed(2)}, recall ${result.recall.toFixed(2)}`,
    );
    expect(result.n).toBeGreaterThanOrEqual(20);
  });
});
