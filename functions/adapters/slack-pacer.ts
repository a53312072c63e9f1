/**
 * Paces `chat.postMessage` per channel. Slack allows about one message per second per channel (short
 * bursts tolerated); posting a burst of cards or mirrored messages faster only earns 429s. Each post
 * reserves the channel's next slot (a generic cell rate algorithm: `burst` posts at once, then one every
 * `1000 / perSecond` ms), so a caller knows its wait before it commits and can give up instead. In-process
 * only: concurrent Lambda instances each pace themselves, and the 429 handling covers what they add up to.
 */

/** Options of {@link ChannelPacer}. */
export interface PacerOptions {
  /** Sustained posts per second per channel. @default 1 */
  perSecond?: number;
  /** Posts allowed at once before pacing starts. @default 3 */
  burst?: number;
  /** The clock, for tests. @default Date.now */
  now?: () => number;
}

/** Slots per channel. */
export class ChannelPacer {
  /** Per channel: the theoretical arrival time of the next post (epoch ms). */
  private readonly next = new Map<string, number>();
  private readonly intervalMs: number;
  private readonly burst: number;
  private readonly now: () => number;

  constructor(options: PacerOptions = {}) {
    this.intervalMs = 1000 / (options.perSecond ?? 1);
    this.burst = Math.max(1, options.burst ?? 3);
    this.now = options.now ?? Date.now;
  }

  /** How long a post to `channel` would wait now (ms). */
  delayFor(channel: string): number {
    const now = this.now();
    const arrival = Math.max(this.next.get(channel) ?? now, now);
    return Math.max(0, arrival - now - (this.burst - 1) * this.intervalMs);
  }

  /** Reserves the next slot on `channel` if it comes within `maxWaitMs`; returns the wait, or undefined. */
  reserve(channel: string, maxWaitMs = Number.POSITIVE_INFINITY): number | undefined {
    const wait = this.delayFor(channel);
    if (wait > maxWaitMs) return undefined;
    const now = this.now();
    this.next.set(channel, Math.max(this.next.get(channel) ?? now, now) + this.intervalMs);
    return wait;
  }

  /** Slack said 429: no slot on `channel` for `seconds`, and after that one post at a time. */
  block(channel: string, seconds: number): void {
    const until = this.now() + seconds * 1000 + (this.burst - 1) * this.intervalMs;
    this.next.set(channel, Math.max(this.next.get(channel) ?? 0, until));
  }
}
