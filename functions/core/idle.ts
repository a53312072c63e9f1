/**
 * Which conversations count as idle: the rule the idle sweep (auto-resolve after quiet) relies on, and
 * the store's sparse `IDLE` index follows (docs/data-model.md, "Idle conversations: what counts as
 * activity").
 */
import { ValidationError } from './errors.ts';
import type { Conversation } from './model.ts';

/** The conversation fields the rule reads. */
export type IdleFacts = Pick<
  Conversation,
  'mode' | 'lastInboundAt' | 'lastResolvedAt' | 'updatedAt' | 'customerTurns'
>;

/**
 * When an AI conversation counts as open for the idle sweep, its last activity time (24-character UTC
 * ISO form, so string order is time order); else undefined.
 *
 * Open means mode `ai` and a customer turn (`lastInboundAt`) after the last resolution
 * (`lastResolvedAt`): a conversation resolved or handed back and not written to since is not idle, it
 * is done. Last activity is the later of `lastInboundAt` and `updatedAt` (every save, e.g. the AI's
 * reply, moves `updatedAt`), so the sweep waits for quiet after the last thing that happened.
 */
export function lastActivityOf(conversation: IdleFacts): string | undefined {
  // Keywords and survey answers after a resolution are no open request: only a customer turn makes a
  // conversation something to auto-resolve (otherwise the sweeper would skip the entry forever).
  if (conversation.mode !== 'ai' || !conversation.lastInboundAt || (conversation.customerTurns ?? 0) === 0) {
    return undefined;
  }
  const inbound = utcTime(conversation.lastInboundAt, 'lastInboundAt');
  if (conversation.lastResolvedAt && inbound <= utcTime(conversation.lastResolvedAt, 'lastResolvedAt')) {
    return undefined;
  }
  // One ISO format: the later time is the greater string.
  return [inbound, utcTime(conversation.updatedAt, 'updatedAt')].sort()[1];
}

/** An ISO time in the 24-character UTC form; a value that is no time is a `ValidationError`. */
function utcTime(value: string, field: string): string {
  const time = new Date(value);
  if (Number.isNaN(time.getTime())) throw new ValidationError(`${field} is not a valid time: ${value}`);
  return time.toISOString();
}
