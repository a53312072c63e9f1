/**
 * forwardToThread — shows a customer message in its case's thread, exactly once.
 * Only the escalation notifier forwards (posting the card, and for each thread job the worker queues); jobs
 * overlap and are redelivered, so a one-time key per message keeps each message single.
 */
import { redactPii } from '../guardrails/pii.ts';
import type { Message } from '../model.ts';
import type { AgentDesk, ConversationStore, DeskRef } from '../ports.ts';

const FORWARD_TTL_SECONDS = 7 * 24 * 3600;

/** Posts `message` (redacted, with media links) in the thread at `ref` unless it was posted before. */
export async function forwardToThread(
  deps: { store: ConversationStore; desk: AgentDesk },
  ref: DeskRef,
  message: Message,
): Promise<boolean> {
  const key = `forwarded#${message.conversationId}#${message.messageId}`;
  if (!(await deps.store.claimOnce(key, FORWARD_TTL_SECONDS))) return false;
  const media = (message.media ?? []).map((item) => `\n📎 ${item.contentType}: ${item.url}`).join('');
  try {
    await deps.desk.postInThread(ref, `Customer: ${redactPii(message.text).text}${media}`);
  } catch (error) {
    await deps.store.releaseOnce(key);
    throw error;
  }
  return true;
}
