/**
 * The `AgentDirectory` port on Slack: a user group's members from `usergroups.users.list` (bot scope
 * `usergroups:read`), cached for a few minutes per cold start so a busy desk makes one call per group per
 * TTL. A failed read is not cached (the next action tries again) and is thrown to the policy, which fails
 * closed.
 */
import { type RetryOptions, WebClient } from '@slack/web-api';
import type { AgentDirectory } from '#core/ports.ts';
import { SLACK_RETRY_CONFIG } from './slack-agent-desk.ts';

/** Options of `SlackUserGroups`. */
export interface SlackUserGroupsOptions {
  token: string;
  slackApiUrl?: string;
  /** @default 300 000 (five minutes) */
  ttlMs?: number;
  retryConfig?: RetryOptions;
  /** Epoch milliseconds (tests). */
  now?: () => number;
}

/** User-group membership read from Slack and cached. */
export class SlackUserGroups implements AgentDirectory {
  private readonly client: WebClient;
  private readonly cache = new Map<string, { at: number; members: Promise<ReadonlySet<string>> }>();
  private readonly ttlMs: number;
  private readonly now: () => number;

  constructor(options: SlackUserGroupsOptions) {
    this.client = new WebClient(options.token, {
      ...(options.slackApiUrl ? { slackApiUrl: options.slackApiUrl } : {}),
      retryConfig: options.retryConfig ?? SLACK_RETRY_CONFIG,
      rejectRateLimitedCalls: false,
      timeout: 5000,
    });
    this.ttlMs = options.ttlMs ?? 5 * 60 * 1000;
    this.now = options.now ?? Date.now;
  }

  /** The members of user group `groupId` (`S…`). */
  groupMembers(groupId: string): Promise<ReadonlySet<string>> {
    const cached = this.cache.get(groupId);
    if (cached && this.now() - cached.at < this.ttlMs) return cached.members;
    const members = this.client.usergroups.users
      .list({ usergroup: groupId })
      .then((result) => new Set(result.users ?? []) as ReadonlySet<string>);
    const entry = { at: this.now(), members };
    this.cache.set(groupId, entry);
    members.catch(() => {
      if (this.cache.get(groupId) === entry) this.cache.delete(groupId);
    });
    return members;
  }
}
