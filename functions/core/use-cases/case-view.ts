/**
 * Builds what an escalation card shows from stored state (redacted transcript, profile, window, language).
 */
import { redactPii } from '../guardrails/pii.ts';
import type { Case, Conversation, CustomerProfile, Message } from '../model.ts';
import type { CaseView, Clock, TurnStore } from '../ports.ts';
import { whatsappWindow } from '../whatsapp-window.ts';

/** Messages a card's transcript is built from. */
export const CARD_TRANSCRIPT = 30;

/** The card's view of `kase`, read fresh from the store in one round trip (`loadTurn`). */
export async function caseView(
  deps: { store: Pick<TurnStore, 'loadTurn'>; clock: Clock },
  kase: Case,
): Promise<CaseView> {
  const state = await deps.store.loadTurn({
    conversationId: kase.conversationId,
    customerAddress: kase.packet.customerAddress,
    historyLimit: CARD_TRANSCRIPT,
  });
  return caseViewOf({ ...state, kase }, deps.clock.now());
}

/**
 * The card's view of `kase` from state already read (a desk command's load, with what it committed):
 * the conversation, the profile and the conversation's last {@link CARD_TRANSCRIPT} messages.
 */
export function caseViewOf(
  state: { kase: Case; conversation?: Conversation; profile?: CustomerProfile; history: readonly Message[] },
  now: Date,
): CaseView {
  const { kase, conversation, profile } = state;
  const transcript = state.history
    .slice(-CARD_TRANSCRIPT)
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
    view.windowMinutesLeft = whatsappWindow(conversation.lastInboundAt, now).minutesLeft;
  }
  return view;
}
