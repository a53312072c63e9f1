/**
 * The {@link AgentPresence} port on Slack: `users.getPresence` (bot scope `users:read`), cached for a short
 * while per agent so an assignment wave makes one call per agent, not one per case (Tier 3: 50+ per minute).
 * A failed read is not cached and is thrown (assignment then counts the agent as not active).
 */
import { type RetryOptions, WebClient } from '@slack/web-api';
import type { AgentPresence } from '#core/ports.ts';
import { SLACK_RETRY_CONFIG } from './slack-agent-desk.ts';

/** Options of `SlackPresence`. */
export interface SlackPresenceOptions {
  token: string;
  slackApiUrl?: string;
  /** @default 30 000 (thirty seconds) */
  ttlMs?: number;
  retryConfig?: RetryOptions;
  /** Epoch milliseconds (tests). */
  now?: () => number;
}

/** Slack presence, read with `users.getPresence` and cached. */
export class SlackPresence implements AgentPresence {
  private readonly client: WebClient;
  private readonly cache = new Map<string, { at: number; active: Promise<boolean> }>();
  private readonly ttlMs: number;
  private readonly now: () => number;

  constructor(options: SlackPresenceOptions) {
    this.client = new WebClient(options.token, {
      ...(options.slackApiUrl ? { slackApiUrl: options.slackApiUrl } : {}),
      retryConfig: options.retryConfig ?? SLACK_RETRY_CONFIG,
      rejectRateLimitedCalls: false,
      timeout: 5000,
    });
    this.ttlMs = options.ttlMs ?? 30_000;
    this.now = options.now ?? Date.now;
  }

  /** True when `agentId`'s presence is `active`. */
  isActive(agentId: string): Promise<boolean> {
    const cached = this.cache.get(agentId);
    if (cached && this.now() - cached.at < this.ttlMs) return cached.active;
    const active = this.client.users
      .getPresence({ user: agentId })
      .then((result) => result.presence === 'active');
    const entry = { at: this.now(), active };
    this.cache.set(agentId, entry);
    active.catch(() => {
      if (this.cache.get(agentId) === entry) this.cache.delete(agentId);
    });
    return active;
  }
}
