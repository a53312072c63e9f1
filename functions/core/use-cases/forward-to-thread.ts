/**
 * forwardToThread — shows a customer message in its case's thread, exactly once.
 * Two paths can forward the same message: the worker (once the card exists) and the notifier (catching up
 * on messages that arrived while the card was being posted). A one-time key per message keeps it single.
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
