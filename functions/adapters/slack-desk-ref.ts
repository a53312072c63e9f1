/**
 * The Slack side of the core's opaque desk reference (`DeskRef`): a Slack message, a channel id and a `ts`,
 * written `<channel>#<ts>`. Only Slack adapters (and the store, for items written before the reference was
 * opaque) read it. The form is the one the keys built from a card or reply always had (`THREAD#<channel>#<ts>`
 * of the thread index, `agent#<channel>#<ts>` of a reply's command, `translation-unavailable#<channel>#<ts>`),
 * so keys written before and after the change agree. Slack channel ids and `ts` never contain `#`.
 */
import type { DeskCommandEvent, DeskRef } from '#core/model.ts';

/** A Slack message as a channel and a `ts`. */
export interface SlackMessageRef {
  channel: string;
  ts: string;
}

/** The desk reference of the Slack message `ts` in `channel`. */
export function slackDeskRef(channel: string, ts: string): DeskRef {
  return `${channel}#${ts}` as DeskRef;
}

/** The channel and `ts` of a desk reference made by `slackDeskRef`. */
export function slackMessageOf(ref: DeskRef): SlackMessageRef {
  const at = ref.indexOf('#');
  if (at <= 0 || at === ref.length - 1) throw new Error('not a Slack desk reference');
  return { channel: ref.slice(0, at), ts: ref.slice(at + 1) };
}

/** The Slack channel of a desk reference. */
export function slackChannelOf(ref: DeskRef): string {
  return slackMessageOf(ref).channel;
}

/**
 * A desk command as recorded by any version: before the reference was opaque, `ref` was a `{ channel, ts }`
 * map and a reply task carried `replyTs` (its message in the same channel). Such commands (on the queue
 * during a deploy, or parked for Retry) are read as the new form.
 */
export function upgradeDeskCommand(command: DeskCommandEvent): DeskCommandEvent {
  const raw = command as unknown as { ref: unknown; task: { kind: string; replyTs?: unknown } };
  const old = legacyRef(raw.ref);
  if (!old) return command;
  const ref = slackDeskRef(old.channel, old.ts);
  const task = raw.task;
  if (task.kind === 'reply' && typeof task.replyTs === 'string') {
    const { replyTs, ...rest } = task;
    return {
      ...command,
      ref,
      task: { ...(rest as { kind: 'reply'; text: string }), reply: slackDeskRef(old.channel, replyTs) },
    };
  }
  return { ...command, ref };
}

/** The `{ channel, ts }` map an older version stored, or `undefined`. */
export function legacyRef(value: unknown): SlackMessageRef | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const { channel, ts } = value as Record<string, unknown>;
  return typeof channel === 'string' && typeof ts === 'string' ? { channel, ts } : undefined;
}
