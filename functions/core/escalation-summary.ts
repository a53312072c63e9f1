/**
 * How escalation summaries are written: what the agent reads first on the card, so they start from the
 * customer's own words and never have to ask again. Every summary the worker or the responder builds
 * comes from here. Messages flagged as injection are never quoted (invariant 8).
 */
import type { Message } from './model.ts';
import { isWithheld } from './prompt.ts';

/** The summary when the only customer text is a message flagged as injection. */
export const WITHHELD_SUMMARY =
  'Customer needs help (their message was held back by a safety check; see the transcript).';

/** A one-line summary of the customer's ask when nothing better exists. */
export function summarizeAsk(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat
    ? `Customer wrote: "${flat.length > 200 ? `${flat.slice(0, 199)}…` : flat}"`
    : 'Customer needs help.';
}

/** The customer's last three asks (not withheld), for an escalation without a model summary. */
export function summarizeForAgent(history: Message[]): string {
  const asks = history
    .filter((m) => m.author === 'customer' && !isWithheld(m))
    .slice(-3)
    .map((m) => m.text);
  return asks.length ? `The customer wrote: ${asks.join(' / ')}`.slice(0, 600) : 'No customer text.';
}

/** The reason (from a trigger or the model) plus what the customer asked before. */
export function withContext(reason: string, history: Message[]): string {
  const earlier = history
    .filter((m) => m.author === 'customer')
    .slice(0, -1)
    .filter((m) => !isWithheld(m))
    .slice(-3)
    .map((m) => `"${m.text.slice(0, 160)}"`);
  if (!reason) return summarizeForAgent(history);
  return (earlier.length ? `${reason}. Earlier the customer wrote: ${earlier.join(' / ')}` : reason).slice(
    0,
    600,
  );
}

/** What the AI tried before the escalation (the card's "Tried" line). */
export function describeTried(history: Message[]): string {
  const replies = history.filter((m) => m.author === 'ai').slice(-2);
  if (replies.length === 0) return 'Nothing yet: escalated on the first message.';
  return `The AI answered ${replies.length === 1 ? 'once' : 'several times'}; last: "${replies.at(-1)?.text.slice(0, 200)}"`;
}
