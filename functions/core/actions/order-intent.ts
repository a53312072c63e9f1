/**
 * The order intents the offline model recognises without a language model: where an order is (status),
 * a refund, a cancellation, in English and Spanish, with the order number. Deterministic, so tests and
 * demos can rely on it. Tuned on the cases in test/unit/order-intent.test.ts only; the held-out set
 * (test/fixtures/actions/order-intent-heldout.json) was written first and is reported, never tuned on.
 */
import { fold } from '../guardrails/fold.ts';

/** What a customer asks about an order. */
export type OrderIntentKind = 'status' | 'refund' | 'cancel';

/** A recognised order intent; `orderId` is absent when the customer gave no number. */
export interface OrderIntent {
  intent: OrderIntentKind;
  orderId?: string;
  language: 'en' | 'es';
}

const ORDER_WORD = '(?:order|orders|pedido|pedidos|orden|compra)';
// "order 1187", "order #1187", "order number 1187", "pedido n.º 1187", "#1187", "order, number 1187".
const NUMBER_AFTER_WORD = new RegExp(
  String.raw`\b${ORDER_WORD}\b[\s,:]*(?:(?:number|no\.?|num(?:ero)?\.?|n\.?o|#)\s*)?#?\s*(\d{3,12})\b`,
);
const HASH_NUMBER = /(?:^|\s)#\s?(\d{3,12})\b/;
const NUMBER_WORD = /\b(?:number|numero|n[uú]mero)\s*#?\s*(\d{3,12})\b/;
// An amount ("1187 dollars", "$1187", "1187 €") is not an order number.
const AMOUNT_AFTER = /^\s*(?:dollars?|usd|eur|euros?|pesos?|€|\$)/;

const REFUND =
  /\b(refund(?:ed|s)?|money back|reimburse(?:ment)?|reembolso|reembolsar|reembolsen|devuelvan (?:mi|el) dinero|devolucion del dinero)\b/;
const CANCEL = /\b(cancel(?:led|ed|ing|ation)?|cancelar|cancela|cancelen|cancelacion|anular)\b/;
const STATUS = new RegExp(
  [
    String.raw`\bwhere(?:'s| is| are)?\b.*\b${ORDER_WORD}\b`,
    String.raw`\b(?:status|track(?:ing)?|news|update|eta)\b.*\b${ORDER_WORD}\b`,
    String.raw`\b${ORDER_WORD}\b.*\b(?:status|tracking|shipped|arrive[ds]?|arriving|delivered|deliver(?:y)?|dispatched|sent)\b`,
    String.raw`\b(?:has|have|did|when will|when does|when is)\b.*\b${ORDER_WORD}\b.*\b(?:ship|shipped|arrive|come|be delivered|get here)\b`,
    String.raw`\b(?:donde|estado|rastrear|seguimiento|cuando llega|cuando va a llegar|cuando llegara|ha salido|ya salio|llego)\b.*\b${ORDER_WORD}\b`,
    String.raw`\b${ORDER_WORD}\b.*\b(?:no ha llegado|no llega|enviado|llegara|estado)\b`,
    String.raw`\b${ORDER_WORD}\b.*\b(?:hasn'?t|has not|didn'?t|did not|never)\b.*\b(?:arrive[d]?|come|came|show(?:n|ed)? up)\b`,
  ].join('|'),
);
const SPANISH_HINTS =
  /\b(mi|pedido|donde|esta|estado|quiero|necesito|cuando|hola|del|orden|llega|rastrear)\b/;

/** The order number in `text`, if it names one (an amount is not one). */
export function orderNumberIn(text: string): string | undefined {
  const folded = fold(text);
  for (const pattern of [NUMBER_AFTER_WORD, HASH_NUMBER, NUMBER_WORD]) {
    const match = pattern.exec(folded);
    if (!match?.[1]) continue;
    const after = folded.slice((match.index ?? 0) + match[0].length);
    if (AMOUNT_AFTER.test(after)) continue;
    return match[1];
  }
  return undefined;
}

/** The order intent of a customer message, or `undefined` when it asks about something else. */
export function detectOrderIntent(text: string): OrderIntent | undefined {
  const folded = fold(text);
  const orderId = orderNumberIn(text);
  const mentionsOrder = new RegExp(String.raw`\b${ORDER_WORD}\b`).test(folded) || orderId !== undefined;
  if (!mentionsOrder) return undefined;
  const language: 'en' | 'es' = /[¿¡ñ]/.test(text) || SPANISH_HINTS.test(folded) ? 'es' : 'en';
  const withId = orderId ? { orderId } : {};
  // A refund or a cancellation needs the order's number to be an order action at all.
  if (REFUND.test(folded) && orderId) return { intent: 'refund', ...withId, language };
  if (CANCEL.test(folded) && orderId) return { intent: 'cancel', ...withId, language };
  if (STATUS.test(folded)) return { intent: 'status', ...withId, language };
  return undefined;
}
