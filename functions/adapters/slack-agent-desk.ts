/**
 * The agents' desk on Slack: escalation cards, their threads, ephemerals and reactions, through
 * `@slack/web-api`. By default rate limits (429) are retried by the SDK after `Retry-After`. A queue
 * consumer passes `rateLimit`: posts are paced per channel, a short `Retry-After` is waited out here, and a
 * long one becomes a `RetryLaterError` so the message waits on the queue instead of in a Lambda.
 */
import { ErrorCode, type RetryOptions, WebClient } from '@slack/web-api';
import { RetryLaterError } from '#core/errors.ts';
import type { AgentDesk, CaseView, DeskAction, DeskRef, MediaFile } from '#core/ports.ts';
import {
  type CardOptions,
  escapeMrkdwn,
  renderCaseCard,
  renderDeskMessage,
  renderTranscript,
} from './slack-blocks.ts';
import { slackChannelOf, slackDeskRef, slackMessageOf } from './slack-desk-ref.ts';
import { ChannelPacer, type PacerOptions } from './slack-pacer.ts';

/**
 * Retries for a Lambda-sized budget: a 429 waits `Retry-After` then retries; network errors and 5xx
 * retry quickly. The SDK default (10 retries over ~30 minutes) would outlive any Lambda timeout.
 */
export const SLACK_RETRY_CONFIG: RetryOptions = {
  retries: 3,
  factor: 2,
  minTimeout: 100,
  maxTimeout: 2000,
  randomize: true,
};

/** The metadata event type of an escalation card: `findCase` looks for it in the channel's history. */
export const CARD_EVENT_TYPE = 'tandem_case';

/** Rate-limit handling for queue consumers. */
export interface DeskRateLimit extends PacerOptions {
  /** The longest wait (pacing or `Retry-After`) spent in-process; beyond it, `RetryLaterError`. @default 5000 */
  maxWaitMs?: number;
}

/** What an erased message says. */
export const ERASED = '[erased]';

/** Where the desk reports failures it does not throw (a transcript that could not be posted). */
export interface DeskLogger {
  warn(message: string, details?: Record<string, unknown>): void;
}

/** `AgentDesk` on Slack: cards and threads in one channel. */
export class SlackAgentDesk implements AgentDesk {
  private readonly client: WebClient;
  private readonly channel: string;
  private readonly logger: DeskLogger | undefined;
  private readonly card: CardOptions;
  private readonly pacer: ChannelPacer | undefined;
  private readonly maxWaitMs: number;

  constructor(options: {
    client: WebClient;
    channel: string;
    logger?: DeskLogger;
    /** The agents' language (`settings.languages.desk`): cards point out customers in another. @default 'en' */
    deskLanguage?: string;
    /** Pace posts and turn long rate limits into `RetryLaterError` (the client must reject rate-limited calls). */
    rateLimit?: DeskRateLimit;
  }) {
    this.client = options.client;
    this.channel = options.channel;
    this.logger = options.logger;
    this.card = options.deskLanguage ? { deskLanguage: options.deskLanguage } : {};
    this.pacer = options.rateLimit ? new ChannelPacer(options.rateLimit) : undefined;
    this.maxWaitMs = options.rateLimit?.maxWaitMs ?? 5000;
  }

  /** Builds the desk with its own WebClient (`slackApiUrl` points it at the local fake in dev and tests). */
  static create(options: {
    token: string;
    channel: string;
    slackApiUrl?: string;
    retryConfig?: RetryOptions;
    timeoutMs?: number;
    logger?: DeskLogger;
    deskLanguage?: string;
    /** Queue consumers: pace posts per channel; a `Retry-After` beyond `maxWaitMs` throws `RetryLaterError`. */
    rateLimit?: DeskRateLimit;
  }): SlackAgentDesk {
    const client = new WebClient(options.token, {
      ...(options.slackApiUrl ? { slackApiUrl: options.slackApiUrl } : {}),
      retryConfig: options.retryConfig ?? SLACK_RETRY_CONFIG,
      // With `rateLimit` the desk handles 429s itself (the SDK would pause every call for Retry-After).
      rejectRateLimitedCalls: options.rateLimit !== undefined,
      timeout: options.timeoutMs ?? 10_000,
    });
    return new SlackAgentDesk({
      client,
      channel: options.channel,
      ...(options.logger ? { logger: options.logger } : {}),
      ...(options.deskLanguage ? { deskLanguage: options.deskLanguage } : {}),
      ...(options.rateLimit ? { rateLimit: options.rateLimit } : {}),
    });
  }

  /**
   * `chat.postMessage`, paced per channel when rate limiting is on. A 429 blocks the channel for its
   * `Retry-After`; a wait within `maxWaitMs` is spent here, a longer one throws `RetryLaterError`.
   */
  private async post(
    args: Parameters<WebClient['chat']['postMessage']>[0] & { channel: string },
    maxWaitMs = this.maxWaitMs,
  ): Promise<Awaited<ReturnType<WebClient['chat']['postMessage']>>> {
    const pacer = this.pacer;
    if (!pacer) return this.client.chat.postMessage(args);
    for (;;) {
      const wait = pacer.reserve(args.channel, maxWaitMs);
      if (wait === undefined) {
        const seconds = Math.max(1, Math.ceil(pacer.delayFor(args.channel) / 1000));
        throw new RetryLaterError(`Slack rate limit on ${args.channel}`, seconds);
      }
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
      try {
        return await this.client.chat.postMessage(args);
      } catch (error) {
        const retryAfter = rateLimitedFor(error);
        if (retryAfter === undefined) throw error;
        pacer.block(args.channel, retryAfter);
      }
    }
  }

  /** The Slack channel of `ref`. */
  channelOf(ref: DeskRef): string {
    return slackChannelOf(ref);
  }

  /** The same thread `ts` in each of the other `channels`. */
  lookalikes(ref: DeskRef, channels: readonly string[]): DeskRef[] {
    const { channel, ts } = slackMessageOf(ref);
    return channels.filter((other) => other !== channel).map((other) => slackDeskRef(other, ts));
  }

  /**
   * The card of `caseId` if it is already in the channel (posted at or after `since`, ISO): an earlier
   * attempt may have posted it and failed before recording it (timeout, crash). Looks through the
   * channel's history (the route's `channel`, else the desk's) for the card's metadata, newest first, at
   * most `maxPages` pages of 200.
   */
  async findCase(
    caseId: string,
    since: string,
    options: { channel?: string; maxPages?: number } = {},
  ): Promise<DeskRef | undefined> {
    const channel = options.channel ?? this.channel;
    const maxPages = options.maxPages ?? 5;
    const oldest = (Math.floor(Date.parse(since) / 1000) - 60).toString();
    let cursor: string | undefined;
    for (let page = 0; page < maxPages; page++) {
      const history = await this.client.conversations.history({
        channel,
        oldest,
        limit: 200,
        include_all_metadata: true,
        ...(cursor ? { cursor } : {}),
      });
      for (const message of history.messages ?? []) {
        const metadata = message.metadata as
          | { event_type?: string; event_payload?: Record<string, unknown> }
          | undefined;
        if (
          metadata?.event_type === CARD_EVENT_TYPE &&
          metadata.event_payload?.case_id === caseId &&
          message.ts
        )
          return slackDeskRef(channel, message.ts);
      }
      cursor = history.response_metadata?.next_cursor || undefined;
      if (!cursor) return undefined;
    }
    return undefined;
  }

  /**
   * Posts the card, then the transcript in its thread. Once the card is posted its ref is returned even
   * if the transcript fails (logged): throwing would make the caller retry and post a second card.
   * The card carries the case id as message metadata, so `findCase` can find it after an ambiguous failure.
   * `channel`: the route's channel (issue 16), else the desk's.
   */
  async postCase(view: CaseView, options: { channel?: string } = {}): Promise<DeskRef> {
    const card = renderCaseCard(view, this.card);
    const channel = options.channel ?? this.channel;
    const posted = await this.post({
      channel,
      text: card.text,
      blocks: card.blocks,
      metadata: { event_type: CARD_EVENT_TYPE, event_payload: { case_id: view.kase.caseId } },
      unfurl_links: false,
      unfurl_media: false,
    });
    if (!posted.ts) throw new Error('chat.postMessage returned no ts');
    const ref = slackDeskRef(posted.channel ?? channel, posted.ts);
    const thread = slackMessageOf(ref);
    try {
      for (const part of renderTranscript(view.transcript)) {
        // The card is out: its transcript waits longer for a slot rather than be lost to a rate limit.
        await this.post(
          {
            channel: thread.channel,
            thread_ts: thread.ts,
            text: part.text,
            blocks: part.blocks,
            unfurl_links: false,
            unfurl_media: false,
          },
          this.maxWaitMs * 4,
        );
      }
    } catch (error) {
      this.logger?.warn('transcript not posted in the case thread', {
        caseId: view.kase.caseId,
        error: errorCode(error),
      });
    }
    return ref;
  }

  /** Re-renders the card in place. */
  async updateCase(ref: DeskRef, view: CaseView): Promise<void> {
    const card = renderCaseCard(view, this.card);
    await this.client.chat.update({ ...slackMessageOf(ref), text: card.text, blocks: card.blocks });
  }

  /** Posts in the case thread; the text is escaped, `mention` (user, user group, here) is prefixed. */
  async postInThread(
    ref: DeskRef,
    text: string,
    options: { actions?: DeskAction[]; mention?: string } = {},
  ): Promise<void> {
    const message = renderDeskMessage(text, { ...options, ref });
    const thread = slackMessageOf(ref);
    await this.post({
      channel: thread.channel,
      thread_ts: thread.ts,
      text: message.text,
      ...(message.blocks ? { blocks: message.blocks } : {}),
      unfurl_links: false,
      unfurl_media: false,
    });
  }

  /**
   * Uploads `file` into the case thread with `files.uploadV2` (`files.getUploadURLExternal`, the upload, then
   * `files.completeUploadExternal`, which shares it in the thread with the comment).
   */
  async uploadFile(ref: DeskRef, file: MediaFile, options: { comment?: string } = {}): Promise<void> {
    const thread = slackMessageOf(ref);
    await this.client.filesUploadV2({
      channel_id: thread.channel,
      thread_ts: thread.ts,
      file: Buffer.from(file.data),
      filename: file.filename,
      title: file.filename,
      ...(options.comment ? { initial_comment: escapeMrkdwn(options.comment) } : {}),
    });
  }

  /** A message only `agentId` sees, in the thread when `inThread`. */
  async postEphemeral(
    ref: DeskRef,
    agentId: string,
    text: string,
    options: { actions?: DeskAction[]; inThread?: boolean } = {},
  ): Promise<void> {
    const message = renderDeskMessage(text, { actions: options.actions, ref });
    const thread = slackMessageOf(ref);
    await this.client.chat.postEphemeral({
      channel: thread.channel,
      user: agentId,
      text: message.text,
      ...(message.blocks ? { blocks: message.blocks } : {}),
      ...(options.inThread ? { thread_ts: thread.ts } : {}),
    });
  }

  /**
   * Replaces every message the bot posted in the card's thread (the card itself, the transcript, forwarded
   * customer messages, notes) with "[erased]". Messages written by people cannot be edited with a bot
   * token and are left as they are. Idempotent: a rerun edits the same messages again.
   */
  async eraseThread(ref: DeskRef): Promise<number> {
    const identity = await this.client.auth.test();
    const own = (message: { user?: string; bot_id?: string }) =>
      (identity.user_id !== undefined && message.user === identity.user_id) ||
      (identity.bot_id !== undefined && message.bot_id === identity.bot_id);
    const thread = slackMessageOf(ref);
    let erased = 0;
    let cursor: string | undefined;
    do {
      let page: Awaited<ReturnType<WebClient['conversations']['replies']>>;
      try {
        page = await this.client.conversations.replies({
          ...thread,
          limit: 200,
          ...(cursor ? { cursor } : {}),
        });
      } catch (error) {
        // A thread deleted in Slack has nothing left to erase.
        if (errorCode(error) === 'thread_not_found' || errorCode(error) === 'message_not_found')
          return erased;
        throw error;
      }
      for (const message of page.messages ?? []) {
        if (!message.ts || !own(message) || message.text === ERASED) continue;
        await this.client.chat.update({ channel: thread.channel, ts: message.ts, text: ERASED, blocks: [] });
        erased++;
      }
      cursor = page.response_metadata?.next_cursor || undefined;
    } while (cursor);
    return erased;
  }

  /** Adds a reaction; one already there is fine (retries of the same effect). */
  async addReaction(message: DeskRef, name: string): Promise<void> {
    const { channel, ts } = slackMessageOf(message);
    try {
      await this.client.reactions.add({ channel, timestamp: ts, name: name.replace(/^:|:$/g, '') });
    } catch (error) {
      if (errorCode(error) === 'already_reacted') return;
      throw error;
    }
  }

  /** Removes the bot's reaction; one that is not there is fine (retries of the same effect). */
  async removeReaction(message: DeskRef, name: string): Promise<void> {
    const { channel, ts } = slackMessageOf(message);
    try {
      await this.client.reactions.remove({ channel, timestamp: ts, name: name.replace(/^:|:$/g, '') });
    } catch (error) {
      if (errorCode(error) === 'no_reaction') return;
      throw error;
    }
  }
}

/** The `Retry-After` seconds of a rejected rate-limited call, else undefined. */
function rateLimitedFor(error: unknown): number | undefined {
  const candidate = error as { code?: string; retryAfter?: number } | undefined;
  return candidate?.code === ErrorCode.RateLimitedError && typeof candidate.retryAfter === 'number'
    ? candidate.retryAfter
    : undefined;
}

/** The Slack error code of a platform error (`already_reacted`), or the error message. */
function errorCode(error: unknown): string {
  const data = (error as { data?: { error?: unknown } } | undefined)?.data;
  if (typeof data?.error === 'string') return data.error;
  return error instanceof Error ? error.message : String(error);
}
