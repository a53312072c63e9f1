/**
 * recordDeliveryStatus — a delivery callback from the channel.
 * 1. Update the message's status (the store never moves a status backwards).
 * 2. A failed agent message is reported in the case's thread, so the agent knows the customer did not get it.
 * 3. Error 21610 (the customer opted out at the carrier) marks the profile opted out.
 */
import type { DeliveryStatus } from '../model.ts';
import type { AgentDesk, Cases, Clock, Conversations, MessageLog, Profiles } from '../ports.ts';
import { updateProfile } from './conversations.ts';

/** Applies one status callback; returns whether a stored message matched. */
export async function recordDeliveryStatus(
  deps: { store: MessageLog & Conversations & Profiles & Cases; desk: AgentDesk; clock: Clock },
  callback: { messageSid: string; status: DeliveryStatus; errorCode?: string; deliveryRef?: string },
): Promise<'updated' | 'unknown'> {
  const message = await deps.store.updateDeliveryStatus(
    callback.messageSid,
    callback.status,
    callback.errorCode,
    callback.deliveryRef,
  );
  if (!message) return 'unknown';
  const failed = callback.status === 'failed' || callback.status === 'undelivered';
  if (!failed) return 'updated';
  const conversation = await deps.store.getConversation(message.conversationId);
  if (callback.errorCode === '21610' && conversation) {
    await updateProfile(deps.store, conversation.customerAddress, () => ({
      optedOut: true,
      optedOutAt: deps.clock.now().toISOString(),
    }));
  }
  if (message.author === 'agent' && conversation?.caseId) {
    const kase = await deps.store.getCase(conversation.caseId);
    if (kase?.deskRef) {
      await deps.desk.postInThread(kase.deskRef, deliveryFailedText(message.text, callback.errorCode));
    }
  }
  return 'updated';
}

/** The thread notice for an agent message the carrier did not deliver. */
export function deliveryFailedText(text: string, errorCode: string | undefined): string {
  const quoted = text.length > 120 ? `${text.slice(0, 117)}…` : text;
  return `:x: Delivery failed${errorCode ? ` (error ${errorCode})` : ''} for: "${quoted}". The customer did not receive it.`;
}
