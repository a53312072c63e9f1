/**
 * receiveCustomerMessage — the webhook's one use case.
 * 1. Store the inbound message under its conversation, deduplicated on the MessageSid. Card numbers, SSNs
 *    and IBANs are replaced by tokens first (`[card ending 1881]`) and the message is flagged
 *    `pii_removed:<kind>`, so they are never written; the worker tells the customer once.
 * 2. Enqueue a `customer_message` event on the FIFO queue (group = conversation, dedupe id = MessageSid).
 * The event is enqueued even for a duplicate delivery: if a first attempt stored the message but failed to
 * enqueue, Twilio's retry completes it; the queue's deduplication and the worker's markers keep it single.
 * Anything thrown means "not acknowledged": the webhook answers 5xx and Twilio retries.
 */
import { piiRemovedFlag, redactAtRest } from '../guardrails/pii-at-rest.ts';
import type { Channel, ConversationEvent, Media, Message } from '../model.ts';
import { conversationIdOf } from '../model.ts';
import type { Clock, EventQueue, MessageLog } from '../ports.ts';

/** An inbound customer message as the channel delivered it. */
export interface IncomingMessage {
  messageSid: string;
  channel: Channel;
  /** E.164, no prefix. */
  customerAddress: string;
  /** The business number written to, as the channel reports it (`whatsapp:` kept). */
  businessAddress: string;
  body: string;
  profileName?: string;
  media: Media[];
}

/** Stores and enqueues one inbound message; `duplicate` is true when it was already stored. */
export async function receiveCustomerMessage(
  deps: { store: Pick<MessageLog, 'appendMessage'>; events: EventQueue; clock: Clock },
  incoming: IncomingMessage,
): Promise<{ conversationId: string; duplicate: boolean }> {
  const conversationId = conversationIdOf(incoming);
  const atRest = redactAtRest(incoming.body);
  const message: Message = {
    conversationId,
    messageId: incoming.messageSid,
    at: deps.clock.now().toISOString(),
    direction: 'inbound',
    author: 'customer',
    text: atRest.text,
    ...(atRest.removed.length > 0 ? { flags: atRest.removed.map(piiRemovedFlag) } : {}),
    ...(incoming.media.length > 0 ? { media: incoming.media } : {}),
  };
  const stored = await deps.store.appendMessage(message);
  const event: ConversationEvent = {
    type: 'customer_message',
    eventId: incoming.messageSid,
    conversationId,
    messageId: incoming.messageSid,
    key: {
      channel: incoming.channel,
      customerAddress: incoming.customerAddress,
      businessAddress: incoming.businessAddress,
    },
    ...(incoming.profileName ? { profileName: incoming.profileName } : {}),
  };
  await deps.events.publish(event);
  return { conversationId, duplicate: !stored };
}
