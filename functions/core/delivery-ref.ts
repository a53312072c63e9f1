/**
 * The delivery reference: which stored message a provider's delivery callback is about, handed to the
 * channel with the send and back by the callback (Twilio: a query parameter of the StatusCallback URL,
 * covered by its signature). The callback then updates the message in one write, without looking up the
 * provider's id first.
 */
import type { Message } from './model.ts';

/** The longest reference accepted back (a conversation id is a channel and two numbers). */
const MAX_REF_CHARS = 200;

/** The reference of an outbound message: its time, id and conversation. */
export function deliveryRefOf(message: Pick<Message, 'conversationId' | 'messageId' | 'at'>): string {
  return `${message.at}|${message.messageId}|${message.conversationId}`;
}

/** The message a reference names, or `undefined` for anything that is not a reference. */
export function parseDeliveryRef(
  ref: string | undefined,
): Pick<Message, 'conversationId' | 'messageId' | 'at'> | undefined {
  if (!ref || ref.length > MAX_REF_CHARS) return undefined;
  const [at, messageId, ...rest] = ref.split('|');
  const conversationId = rest.join('|');
  if (!at || !messageId || !conversationId || Number.isNaN(Date.parse(at))) return undefined;
  return { at, messageId, conversationId };
}
