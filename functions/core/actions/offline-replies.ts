/**
 * The offline model's side of the sample order actions: deterministic, no network. An order question with
 * a number becomes a `run_action` call (lookup, refund, cancel), and an `<action_result>` in the last user
 * turn becomes the answer, in English or Spanish. A message giving an email (shown redacted) after a
 * `not_verified` result asks again about the order of the earlier question.
 */
import type { ModelRequest, ToolCall } from '../ports.ts';
import { DATA_TAGS } from '../prompt.ts';
import { isSpanish } from '../spanish-lexicon.ts';
import { detectOrderIntent, type OrderIntent } from './order-intent.ts';
import { ACTION_RESULT_TAG } from './tool-step.ts';

/** What the offline model answers about orders, when it is about orders. */
export interface OfflineActionReply {
  text: string;
  toolCalls: ToolCall[];
}

const ACTION_BY_INTENT = { status: 'lookup_order', refund: 'refund_order', cancel: 'cancel_order' } as const;

const STATUS_WORDS: Record<string, { en: string; es: string }> = {
  processing: { en: 'is being prepared', es: 'se está preparando' },
  pending: { en: 'is being prepared', es: 'se está preparando' },
  shipped: { en: 'has shipped', es: 'ha sido enviado' },
  in_transit: { en: 'is on its way', es: 'está en camino' },
  delivered: { en: 'was delivered', es: 'fue entregado' },
  cancelled: { en: 'was cancelled', es: 'fue cancelado' },
  refunded: { en: 'was refunded', es: 'fue reembolsado' },
};

/** The customer texts of the request, oldest first (the `<customer_message>` blocks of user turns). */
function customerTexts(request: Pick<ModelRequest, 'turns'>): string[] {
  const open = `<${DATA_TAGS.message}>`;
  const close = `</${DATA_TAGS.message}>`;
  const texts: string[] = [];
  for (const turn of request.turns) {
    if (turn.role !== 'user') continue;
    let at = turn.content.indexOf(open);
    while (at >= 0) {
      const end = turn.content.indexOf(close, at);
      texts.push(turn.content.slice(at + open.length, end < 0 ? undefined : end).trim());
      at = end < 0 ? -1 : turn.content.indexOf(open, end);
    }
  }
  return texts;
}

/** The action result in the last user turn, if that turn carries one. */
function lastResult(
  request: Pick<ModelRequest, 'turns'>,
): { name: string; data: Record<string, unknown> } | undefined {
  const last = request.turns.at(-1);
  if (last?.role !== 'user') return undefined;
  const match = new RegExp(`<${ACTION_RESULT_TAG} name="([^"]+)">([\\s\\S]*)</${ACTION_RESULT_TAG}>`).exec(
    last.content,
  );
  if (!match) return undefined;
  try {
    return { name: match[1] ?? '', data: JSON.parse(match[2] ?? '{}') as Record<string, unknown> };
  } catch {
    return { name: match[1] ?? '', data: { error: 'unreadable' } };
  }
}

/** The offline reply about orders, or `undefined` when the message is not about an order action. */
export function offlineActionReply(request: ModelRequest): OfflineActionReply | undefined {
  const offered = new Set((request.actions ?? []).map((action) => action.name));
  if (offered.size === 0) return undefined;
  const texts = customerTexts(request);
  const result = lastResult(request);
  if (result) {
    const question = [...texts]
      .reverse()
      .map(detectOrderIntent)
      .find((intent) => intent !== undefined);
    const spanish = question?.language === 'es' || isSpanish(texts.at(-1) ?? '');
    return { text: describeResult(result, spanish), toolCalls: [] };
  }
  const latest = texts.at(-1) ?? '';
  let intent = detectOrderIntent(latest);
  // "It's ana@example.com" after "not verified": the earlier order question, asked again.
  if (!intent && /\[email\]/i.test(latest)) {
    intent = [...texts.slice(0, -1)]
      .reverse()
      .map(detectOrderIntent)
      .find((item) => item?.orderId);
  }
  // Without an order number it is a question for the knowledge base ("how can I track my order?").
  if (!intent?.orderId) return undefined;
  const action = ACTION_BY_INTENT[intent.intent];
  if (!offered.has(action)) return undefined;
  return { text: '', toolCalls: [{ name: 'run_action', input: { action, args: argsFor(intent, latest) } }] };
}

function argsFor(intent: OrderIntent, text: string): Record<string, unknown> {
  if (intent.intent === 'status') return { order_id: intent.orderId };
  const said = text.replace(/\s+/g, ' ').trim().slice(0, 160);
  return { order_id: intent.orderId, reason: `The customer wrote: "${said}"` };
}

function describeResult(result: { name: string; data: Record<string, unknown> }, spanish: boolean): string {
  const { data } = result;
  const error = typeof data.error === 'string' ? data.error : undefined;
  if (error === 'not_verified') {
    return spanish
      ? 'No encuentro un pedido con ese número para este teléfono. Si lo hiciste con otro número, envíame el correo electrónico del pedido y lo reviso.'
      : "I couldn't find an order with that number for this phone number. If you placed it with another number, send me the email address on the order and I'll check.";
  }
  if (error) {
    return spanish
      ? 'No pude consultar ese pedido ahora mismo. ¿Quieres que te pase con alguien del equipo? Solo responde «agente».'
      : "I couldn't look up that order just now. Would you like me to bring in someone from the team? Just reply 'agent'.";
  }
  if (result.name !== 'lookup_order') {
    return spanish ? 'Listo, ya está hecho.' : "Done, that's taken care of.";
  }
  const id = String(data.id ?? '');
  const status = String(data.status ?? '');
  const words = STATUS_WORDS[status];
  const how = words
    ? spanish
      ? words.es
      : words.en
    : spanish
      ? `está en estado «${status}»`
      : `is ${status}`;
  const carrier = typeof data.carrier === 'string' && data.carrier ? data.carrier : undefined;
  const tracking = typeof data.trackingUrl === 'string' && data.trackingUrl ? data.trackingUrl : undefined;
  if (spanish) {
    return [
      `Tu pedido ${id} ${how}${carrier ? ` con ${carrier}` : ''}.`,
      tracking ? `Puedes seguirlo aquí: ${tracking}` : '',
    ]
      .filter(Boolean)
      .join(' ');
  }
  return [
    `Your order ${id} ${how}${carrier ? ` with ${carrier}` : ''}.`,
    tracking ? `You can track it here: ${tracking}` : '',
  ]
    .filter(Boolean)
    .join(' ');
}
