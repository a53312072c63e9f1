/**
 * Builds what an escalation card shows from stored state (redacted transcript, profile, window, language).
 */
import { redactPii } from '../guardrails/pii.ts';
import type { Case } from '../model.ts';
import type { CaseView, Clock, TurnStore } from '../ports.ts';
import { whatsappWindow } from '../whatsapp-window.ts';

const TRANSCRIPT = 30;

/** The card's view of `kase`, read fresh from the store in one round trip (`loadTurn`). */
export async function caseView(
  deps: { store: Pick<TurnStore, 'loadTurn'>; clock: Clock },
  kase: Case,
): Promise<CaseView> {
  const {
    conversation,
    history: messages,
    profile,
  } = await deps.store.loadTurn({
    conversationId: kase.conversationId,
    customerAddress: kase.packet.customerAddress,
    historyLimit: TRANSCRIPT,
  });
  const transcript = messages
    .filter((message) => !message.flags?.includes('suggestion'))
    .map((message) => ({
      author: message.author,
      at: message.at,
      text: redactPii(message.text).text,
      ...(message.media ? { media: message.media } : {}),
    }));
  const view: CaseView = { kase, transcript };
  if (profile) view.profile = profile;
  const language = conversation?.language ?? profile?.language;
  if (language) view.language = language;
  if (conversation?.channel === 'whatsapp') {
    view.windowMinutesLeft = whatsappWindow(conversation.lastInboundAt, deps.clock.now()).minutesLeft;
  }
  return view;
}
