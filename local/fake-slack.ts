/**
 * A loopback emulation of the Slack Web API, for `npm run dev`, the playground and the tests.
 * It speaks Slack's wire format (POST `/api/<method>`, JSON or form bodies, `Authorization: Bearer`),
 * keeps a simple model of channels (messages, threads, reactions, ephemerals, opened views), checks the
 * Block Kit limits Slack enforces (`invalid_blocks`), and injects faults: the next call of a method as a 429,
 * an outage (every call answers an HTTP 5xx for a while), and Slack's per-channel rate limit of
 * `chat.postMessage` (429 with `Retry-After` beyond about one message per second per channel).
 *
 * `GET /_fake/state` returns the model as JSON (for a browser playground).
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createFakeSlackFiles, type FakeSlackFile } from './fake-slack-files.ts';

/** One recorded Web API call. */
export interface FakeSlackCall {
  method: string;
  /** Parsed arguments (JSON body, or form fields with JSON-valued fields such as `blocks` parsed); no token. */
  args: Record<string, unknown>;
  /** Epoch milliseconds. */
  at: number;
  /** What the fake answered: HTTP status and Slack `ok`/`error`. */
  status: number;
  ok: boolean;
  error?: string;
}

/** A message in the fake's channel model. */
export interface FakeSlackMessage {
  channel: string;
  ts: string;
  thread_ts?: string;
  text?: string;
  blocks?: unknown[];
  user: string;
  bot_id?: string;
  reactions: { name: string; users: string[] }[];
  edited?: { user: string; ts: string };
  reply_count: number;
  /** Message metadata (`chat.postMessage` `metadata`), returned by history with `include_all_metadata`. */
  metadata?: { event_type: string; event_payload: Record<string, unknown> };
  /** Files shared with the message (`files.completeUploadExternal`). */
  files?: Record<string, unknown>[];
}

/** An outage: calls answer `status` (no Slack body) until it ends. */
export interface FakeSlackOutage {
  /** HTTP status answered. @default 503 */
  status?: number;
  /** How long the outage lasts from now. */
  forMs?: number;
  /** How many calls fail (with `forMs`: whichever ends first). @default unlimited while `forMs` runs, else 1 */
  count?: number;
  /** Only these methods fail. @default every method */
  methods?: string[];
}

/** Slack's per-channel posting limit, enforced on `chat.postMessage`. */
export interface FakeSlackRateLimit {
  /** Posts allowed per channel per second. @default 1 */
  perSecond?: number;
  /** Extra posts allowed in a burst above the rate. @default 0 */
  burst?: number;
  /** The `Retry-After` answered, in seconds. @default 1 */
  retryAfterSeconds?: number;
}

/** An ephemeral message (seen by one user only). */
export interface FakeSlackEphemeral {
  channel: string;
  user: string;
  message_ts: string;
  thread_ts?: string;
  text?: string;
  blocks?: unknown[];
}

/** A modal opened with views.open. */
export interface FakeSlackView {
  id: string;
  trigger_id: string;
  view: Record<string, unknown>;
}

/** A user users.info knows. */
export interface FakeSlackUser {
  id: string;
  name: string;
  real_name?: string;
  is_bot?: boolean;
}

/** A running fake. */
export interface FakeSlack {
  /** Base URL ending with `/api/`: pass it as `slackApiUrl`. */
  url: string;
  port: number;
  botUserId: string;
  botId: string;
  teamId: string;
  /** Every call, in arrival order. */
  calls: FakeSlackCall[];
  /** Channel model: ts → message (top-level and thread replies), updated in place by chat.update. */
  messages: Map<string, FakeSlackMessage>;
  ephemerals: FakeSlackEphemeral[];
  views: FakeSlackView[];
  /** Files uploaded with `files.getUploadURLExternal` + upload + `files.completeUploadExternal`, by id. */
  files: Map<string, FakeSlackFile>;
  /** A thread: the root then its replies, by ts. */
  thread(channel: string, ts: string): FakeSlackMessage[];
  /** Adds a human's message to the model (what the playground does before sending the signed event). */
  postAsUser(input: { channel: string; user: string; text: string; thread_ts?: string }): FakeSlackMessage;
  /** Registers a user for users.info. */
  addUser(user: FakeSlackUser): void;
  /** Sets the members of a user group (`S…`) that usergroups.users.list reports. */
  setUserGroup(groupId: string, userIds: string[]): void;
  /** App Home tabs published with views.publish, by user id (the latest view of each). */
  homes: Map<string, FakeSlackView>;
  /** Sets what users.getPresence reports for `userId`. @default 'active' */
  setPresence(userId: string, presence: 'active' | 'away'): void;
  /** The next call of `method` answers HTTP 429 with `Retry-After`. */
  rateLimitNext(method: string, retryAfterSeconds: number): void;
  /** The next call of `method` (after `skip` successful ones) answers `{ ok: false, error }`. */
  failNext(method: string, error: string, skip?: number): void;
  /** An outage: calls answer an HTTP error (default 503) for `forMs` and/or `count` calls. */
  failNext(outage: FakeSlackOutage): void;
  /** Ends a running outage now (Slack is back). */
  endOutage(): void;
  /** Enforces a per-channel rate limit on `chat.postMessage` (429 + `Retry-After`); `false` lifts it. */
  rateLimit(limit: FakeSlackRateLimit | false): void;
  /** Calls `listener` after each call is answered; returns an unsubscribe function. */
  onCall(listener: (call: FakeSlackCall) => void): () => void;
  /** Resolves with the calls of `method` once there are at least `count` (successful or not). */
  waitForCalls(method: string, count: number, timeoutMs?: number): Promise<FakeSlackCall[]>;
  /** Forgets calls, messages, ephemerals, views and pending failures. */
  reset(): void;
  stop(): Promise<void>;
}

/** Options of `startFakeSlack`. */
export interface FakeSlackOptions {
  /** @default 0 (any free port) */
  port?: number;
  botToken: string;
  /** Kept for symmetry with the real app config; the fake does not sign anything. */
  signingSecret: string;
  /** @default 'UBOT' */
  botUserId?: string;
  /** @default 'BBOT' */
  botId?: string;
  /** @default 'TTANDEM' */
  teamId?: string;
  /** The app id auth.test reports. @default 'ATANDEM' */
  appId?: string;
}

type Answer = { status: number; body: Record<string, unknown>; headers?: Record<string, string> };

/** Form fields that Slack SDKs send JSON-encoded. */
const JSON_FIELDS = new Set(['blocks', 'attachments', 'view', 'metadata', 'user_auth_blocks']);

/** Starts the fake on 127.0.0.1. */
export async function startFakeSlack(options: FakeSlackOptions): Promise<FakeSlack> {
  const botUserId = options.botUserId ?? 'UBOT';
  const botId = options.botId ?? 'BBOT';
  const teamId = options.teamId ?? 'TTANDEM';
  const calls: FakeSlackCall[] = [];
  const messages = new Map<string, FakeSlackMessage>();
  const ephemerals: FakeSlackEphemeral[] = [];
  const views: FakeSlackView[] = [];
  const users = new Map<string, FakeSlackUser>([
    [botUserId, { id: botUserId, name: 'tandem', real_name: 'Tandem', is_bot: true }],
  ]);
  const userGroups = new Map<string, string[]>();
  const homes = new Map<string, FakeSlackView>();
  const presences = new Map<string, 'active' | 'away'>();
  const rateLimits = new Map<string, number[]>();
  const failures = new Map<string, { error: string; skip: number }[]>();
  let outage: { status: number; until: number; remaining: number; methods?: string[] } | undefined;
  let channelLimit: Required<FakeSlackRateLimit> | undefined;
  /** Per channel: epoch ms of recent accepted posts (the last second). */
  const posted = new Map<string, number[]>();
  const listeners = new Set<(call: FakeSlackCall) => void>();
  let lastMicros = 0;
  let viewSeq = 0;
  let origin = '';
  const uploads = createFakeSlackFiles({
    origin: () => origin,
    share: ({ channel, thread_ts, text, files }) => {
      const message = addMessage({
        channel,
        user: botUserId,
        text,
        ...(thread_ts ? { thread_ts } : {}),
      });
      message.files = files;
      return message.ts;
    },
  });

  /** Slack-style ts: seconds.microseconds, unique and increasing. */
  function nextTs(): string {
    lastMicros = Math.max(Date.now() * 1000, lastMicros + 100);
    return `${Math.floor(lastMicros / 1e6)}.${String(lastMicros % 1e6).padStart(6, '0')}`;
  }

  function threadOf(channel: string, ts: string): FakeSlackMessage[] {
    return [...messages.values()]
      .filter((m) => m.channel === channel && (m.ts === ts || m.thread_ts === ts))
      .sort((a, b) => Number(a.ts) - Number(b.ts));
  }

  function addMessage(input: {
    channel: string;
    user: string;
    text?: string;
    blocks?: unknown[];
    thread_ts?: string;
    bot_id?: string;
    metadata?: FakeSlackMessage['metadata'];
  }): FakeSlackMessage {
    const message: FakeSlackMessage = {
      channel: input.channel,
      ts: nextTs(),
      user: input.user,
      reactions: [],
      reply_count: 0,
      ...(input.thread_ts ? { thread_ts: input.thread_ts } : {}),
      ...(input.text !== undefined ? { text: input.text } : {}),
      ...(input.blocks ? { blocks: input.blocks } : {}),
      ...(input.bot_id ? { bot_id: input.bot_id } : {}),
      ...(input.metadata ? { metadata: input.metadata } : {}),
    };
    messages.set(message.ts, message);
    if (input.thread_ts) {
      const root = messages.get(input.thread_ts);
      if (root) {
        root.reply_count += 1;
        root.thread_ts ??= root.ts;
      }
    }
    return message;
  }

  /** The failure planned for this call of `method`, counting down planned skips. */
  function nextFailure(method: string): string | undefined {
    const planned = failures.get(method)?.[0];
    if (!planned) return undefined;
    if (planned.skip > 0) {
      planned.skip -= 1;
      return undefined;
    }
    failures.get(method)?.shift();
    return planned.error;
  }

  /** The HTTP status of a running outage for this call of `method`, if any. */
  function outageStatus(method: string): number | undefined {
    if (!outage) return undefined;
    if (Date.now() >= outage.until || outage.remaining <= 0) {
      outage = undefined;
      return undefined;
    }
    if (outage.methods && !outage.methods.includes(method)) return undefined;
    outage.remaining -= 1;
    return outage.status;
  }

  /** Seconds to wait when a post to `channel` now would exceed the channel limit, else undefined (and counted). */
  function overChannelLimit(method: string, args: Record<string, unknown>): number | undefined {
    if (!channelLimit || method !== 'chat.postMessage' || typeof args.channel !== 'string') return undefined;
    const now = Date.now();
    const recent = (posted.get(args.channel) ?? []).filter((at) => now - at < 1000);
    if (recent.length >= channelLimit.perSecond + channelLimit.burst) {
      posted.set(args.channel, recent);
      return channelLimit.retryAfterSeconds;
    }
    recent.push(now);
    posted.set(args.channel, recent);
    return undefined;
  }

  const ok = (body: Record<string, unknown> = {}): Answer => ({ status: 200, body: { ok: true, ...body } });
  const fail = (error: string, extra: Record<string, unknown> = {}): Answer => ({
    status: 200,
    body: { ok: false, error, ...extra },
  });

  function handle(method: string, args: Record<string, unknown>): Answer {
    const str = (key: string): string | undefined => {
      const value = args[key];
      return typeof value === 'string' && value.length > 0 ? value : undefined;
    };
    switch (method) {
      case 'api.test':
        return ok({ args });
      case 'auth.test':
        return ok({
          url: 'https://tandem-fake.slack.com/',
          team: 'Tandem',
          user: 'tandem',
          team_id: teamId,
          user_id: botUserId,
          bot_id: botId,
          app_id: options.appId ?? 'ATANDEM',
          is_enterprise_install: false,
        });
      case 'chat.postMessage': {
        const channel = str('channel');
        if (!channel) return fail('channel_not_found');
        const blocks = Array.isArray(args.blocks) ? args.blocks : undefined;
        if (!str('text') && !blocks) return fail('no_text');
        const problems = blocks ? checkBlocks(blocks) : [];
        if (problems.length > 0) return fail('invalid_blocks', { errors: problems });
        const metadata = parseMetadata(args.metadata);
        const message = addMessage({
          channel,
          user: botUserId,
          bot_id: botId,
          ...(metadata ? { metadata } : {}),
          text: str('text') ?? '',
          ...(blocks ? { blocks } : {}),
          ...(str('thread_ts') ? { thread_ts: str('thread_ts') } : {}),
        });
        return ok({ channel, ts: message.ts, message: { ...message, type: 'message' } });
      }
      case 'chat.update': {
        const channel = str('channel');
        const ts = str('ts');
        if (!channel) return fail('channel_not_found');
        const message = ts ? messages.get(ts) : undefined;
        if (!message || message.channel !== channel) return fail('message_not_found');
        if (message.user !== botUserId) return fail('cant_update_message');
        const blocks = Array.isArray(args.blocks) ? args.blocks : undefined;
        const problems = blocks ? checkBlocks(blocks) : [];
        if (problems.length > 0) return fail('invalid_blocks', { errors: problems });
        if (args.text !== undefined) message.text = String(args.text);
        if (blocks) message.blocks = blocks;
        message.edited = { user: botUserId, ts: nextTs() };
        return ok({ channel, ts: message.ts, text: message.text, message: { ...message, type: 'message' } });
      }
      case 'chat.postEphemeral': {
        const channel = str('channel');
        const user = str('user');
        if (!channel) return fail('channel_not_found');
        if (!user) return fail('user_not_found');
        const blocks = Array.isArray(args.blocks) ? args.blocks : undefined;
        if (!str('text') && !blocks) return fail('no_text');
        const problems = blocks ? checkBlocks(blocks) : [];
        if (problems.length > 0) return fail('invalid_blocks', { errors: problems });
        const ephemeral: FakeSlackEphemeral = {
          channel,
          user,
          message_ts: nextTs(),
          ...(str('thread_ts') ? { thread_ts: str('thread_ts') } : {}),
          ...(str('text') ? { text: str('text') } : {}),
          ...(blocks ? { blocks } : {}),
        };
        ephemerals.push(ephemeral);
        return ok({ message_ts: ephemeral.message_ts });
      }
      case 'chat.getPermalink': {
        const channel = str('channel');
        const ts = str('message_ts');
        if (!channel || !ts || !messages.has(ts)) return fail('message_not_found');
        return ok({
          channel,
          permalink: `https://tandem-fake.slack.com/archives/${channel}/p${ts.replace('.', '')}`,
        });
      }
      case 'reactions.add': {
        const name = str('name');
        const ts = str('timestamp');
        const message = ts ? messages.get(ts) : undefined;
        if (!name) return fail('invalid_name');
        if (!message || message.channel !== str('channel')) return fail('message_not_found');
        const reaction = message.reactions.find((r) => r.name === name);
        if (reaction?.users.includes(botUserId)) return fail('already_reacted');
        if (reaction) reaction.users.push(botUserId);
        else message.reactions.push({ name, users: [botUserId] });
        return ok();
      }
      case 'reactions.remove': {
        const name = str('name');
        const ts = str('timestamp');
        const message = ts ? messages.get(ts) : undefined;
        if (!name) return fail('invalid_name');
        if (!message || message.channel !== str('channel')) return fail('message_not_found');
        const reaction = message.reactions.find((r) => r.name === name);
        if (!reaction?.users.includes(botUserId)) return fail('no_reaction');
        reaction.users = reaction.users.filter((user) => user !== botUserId);
        if (reaction.users.length === 0) message.reactions = message.reactions.filter((r) => r !== reaction);
        return ok();
      }
      case 'views.open': {
        const triggerId = str('trigger_id');
        const view = args.view;
        if (!triggerId) return fail('invalid_trigger_id');
        if (!view || typeof view !== 'object') return fail('invalid_arguments');
        viewSeq += 1;
        const id = `V${String(viewSeq).padStart(8, '0')}`;
        views.push({ id, trigger_id: triggerId, view: view as Record<string, unknown> });
        return ok({
          view: {
            ...(view as Record<string, unknown>),
            id,
            team_id: teamId,
            state: { values: {} },
            hash: `${id}.hash`,
          },
        });
      }
      case 'users.info': {
        const id = str('user');
        if (!id) return fail('user_not_found');
        const user = users.get(id) ?? { id, name: id.toLowerCase(), real_name: `User ${id}` };
        return ok({
          user: {
            ...user,
            team_id: teamId,
            is_bot: user.is_bot ?? false,
            profile: { display_name: user.name, real_name: user.real_name ?? user.name },
          },
        });
      }
      case 'users.getPresence': {
        // With a bot token Slack reports only `presence` for other users.
        const id = str('user');
        if (!id) return fail('user_not_found');
        return ok({ presence: presences.get(id) ?? 'active' });
      }
      case 'views.publish': {
        const userId = str('user_id');
        const view = args.view as Record<string, unknown> | undefined;
        if (!userId) return fail('invalid_arguments');
        if (!view || typeof view !== 'object' || view.type !== 'home') return fail('invalid_arguments');
        const blocks = Array.isArray(view.blocks) ? view.blocks : [];
        if (blocks.length > 100) return fail('invalid_blocks', { errors: ['more than 100 blocks'] });
        const problems = checkBlocks(blocks);
        if (problems.length > 0) return fail('invalid_blocks', { errors: problems });
        const id = homes.get(userId)?.id ?? `V${String(++viewSeq).padStart(8, '0')}`;
        homes.set(userId, { id, trigger_id: '', view });
        return ok({
          view: {
            ...view,
            id,
            team_id: teamId,
            app_id: options.appId ?? 'ATANDEM',
            hash: `${id}.${Date.now()}`,
          },
        });
      }
      case 'usergroups.users.list': {
        const group = str('usergroup');
        const members = group ? userGroups.get(group) : undefined;
        if (!members) return fail('no_such_subteam');
        return ok({ users: [...members] });
      }
      case 'conversations.history': {
        const channel = str('channel');
        if (!channel) return fail('channel_not_found');
        const oldest = Number(str('oldest') ?? 0);
        const latest = Number(str('latest') ?? Number.POSITIVE_INFINITY);
        const limit = Math.min(Math.max(Number(str('limit') ?? args.limit ?? 100) || 100, 1), 999);
        const offset = Number(str('cursor') ?? 0) || 0;
        const withMetadata = args.include_all_metadata === true || args.include_all_metadata === 'true';
        // Newest first, top-level messages only (thread roots included), as Slack answers.
        const all = [...messages.values()]
          .filter(
            (m) =>
              m.channel === channel &&
              (!m.thread_ts || m.thread_ts === m.ts) &&
              Number(m.ts) > oldest &&
              Number(m.ts) < latest,
          )
          .sort((a, b) => Number(b.ts) - Number(a.ts));
        const page = all.slice(offset, offset + limit).map(({ metadata, ...m }) => ({
          type: 'message',
          ...m,
          ...(withMetadata && metadata ? { metadata } : {}),
        }));
        const more = offset + limit < all.length;
        return ok({
          messages: page,
          has_more: more,
          ...(more ? { response_metadata: { next_cursor: String(offset + limit) } } : {}),
        });
      }
      case 'conversations.replies': {
        const channel = str('channel');
        const ts = str('ts');
        if (!channel || !ts) return fail('thread_not_found');
        const found = threadOf(channel, ts);
        if (found.length === 0) return fail('thread_not_found');
        return ok({ messages: found.map((m) => ({ type: 'message', ...m })), has_more: false });
      }
      default:
        return uploads.handle(method, args) ?? fail('unknown_method');
    }
  }

  async function onRequest(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? '/', 'http://localhost');
    if (request.method === 'GET' && url.pathname === '/_fake/state') {
      return send(response, {
        status: 200,
        body: { messages: [...messages.values()], ephemerals, views, calls },
        headers: { 'access-control-allow-origin': '*' },
      });
    }
    if (url.pathname.startsWith('/upload/') || url.pathname.startsWith('/_fake/files/')) {
      if (await uploads.route(request, response, await readRaw(request))) return;
    }
    const match = /^\/api\/([A-Za-z0-9_.]+)$/.exec(url.pathname);
    if (!match || request.method !== 'POST')
      return send(response, { status: 404, body: { ok: false, error: 'not_found' } });
    const method = match[1]!;
    const raw = await readBody(request);
    const args = parseArgs(raw, request.headers['content-type']);
    const token =
      bearer(request.headers.authorization) ?? (typeof args.token === 'string' ? args.token : undefined);
    delete args.token;
    let answer: Answer;
    const down = outageStatus(method);
    const limited =
      down === undefined ? (rateLimits.get(method)?.shift() ?? overChannelLimit(method, args)) : undefined;
    const failure = down === undefined && limited === undefined ? nextFailure(method) : undefined;
    if (down !== undefined) {
      answer = { status: down, body: { ok: false, error: 'service_unavailable' } };
    } else if (limited !== undefined) {
      answer = {
        status: 429,
        body: { ok: false, error: 'ratelimited' },
        headers: { 'retry-after': String(limited) },
      };
    } else if (token !== options.botToken) {
      answer = fail(token ? 'invalid_auth' : 'not_authed');
    } else if (failure !== undefined) {
      answer = fail(failure);
    } else {
      answer = handle(method, args);
    }
    const call: FakeSlackCall = {
      method,
      args,
      at: Date.now(),
      status: answer.status,
      ok: answer.body.ok === true,
      ...(typeof answer.body.error === 'string' ? { error: answer.body.error } : {}),
    };
    calls.push(call);
    send(response, answer);
    for (const listener of listeners) listener(call);
  }

  const server = createServer((request, response) => {
    onRequest(request, response).catch((error: unknown) => {
      send(response, { status: 500, body: { ok: false, error: 'fatal_error', detail: String(error) } });
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  origin = `http://127.0.0.1:${port}`;

  return {
    url: `http://127.0.0.1:${port}/api/`,
    port,
    botUserId,
    botId,
    teamId,
    calls,
    messages,
    ephemerals,
    views,
    files: uploads.files,
    thread: threadOf,
    postAsUser: (input) => addMessage(input),
    addUser: (user) => {
      users.set(user.id, user);
    },
    setUserGroup: (groupId, userIds) => {
      userGroups.set(groupId, [...userIds]);
    },
    homes,
    setPresence: (userId, presence) => {
      presences.set(userId, presence);
    },
    rateLimitNext(method, retryAfterSeconds) {
      rateLimits.set(method, [...(rateLimits.get(method) ?? []), retryAfterSeconds]);
    },
    failNext(methodOrOutage: string | FakeSlackOutage, error?: string, skip: number = 0) {
      if (typeof methodOrOutage === 'string') {
        failures.set(methodOrOutage, [
          ...(failures.get(methodOrOutage) ?? []),
          { error: error ?? 'internal_error', skip },
        ]);
        return;
      }
      const { status = 503, forMs, count, methods } = methodOrOutage;
      outage = {
        status,
        until: forMs === undefined ? Number.POSITIVE_INFINITY : Date.now() + forMs,
        remaining: count ?? (forMs === undefined ? 1 : Number.POSITIVE_INFINITY),
        ...(methods ? { methods } : {}),
      };
    },
    endOutage() {
      outage = undefined;
    },
    rateLimit(limit) {
      channelLimit = limit
        ? {
            perSecond: limit.perSecond ?? 1,
            burst: limit.burst ?? 0,
            retryAfterSeconds: limit.retryAfterSeconds ?? 1,
          }
        : undefined;
      posted.clear();
    },
    onCall(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    waitForCalls(method, count, timeoutMs = 5000) {
      const matching = () => calls.filter((call) => call.method === method);
      if (matching().length >= count) return Promise.resolve(matching());
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          unsubscribe();
          reject(new Error(`timed out waiting for ${count} ${method} call(s); got ${matching().length}`));
        }, timeoutMs);
        const listener = () => {
          if (matching().length < count) return;
          clearTimeout(timer);
          unsubscribe();
          resolve(matching());
        };
        const unsubscribe = () => listeners.delete(listener);
        listeners.add(listener);
      });
    },
    reset() {
      calls.length = 0;
      messages.clear();
      ephemerals.length = 0;
      views.length = 0;
      uploads.files.clear();
      homes.clear();
      rateLimits.clear();
      failures.clear();
      outage = undefined;
      channelLimit = undefined;
      posted.clear();
    },
    stop: () =>
      new Promise<void>((resolve) => {
        listeners.clear();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** `metadata` of chat.postMessage (an object, or its JSON in a form body), if well-formed. */
function parseMetadata(raw: unknown): FakeSlackMessage['metadata'] {
  let value = raw;
  if (typeof value === 'string') {
    try {
      value = JSON.parse(value);
    } catch {
      return undefined;
    }
  }
  const candidate = value as { event_type?: unknown; event_payload?: unknown } | undefined;
  if (!candidate || typeof candidate.event_type !== 'string') return undefined;
  const payload = candidate.event_payload;
  return {
    event_type: candidate.event_type,
    event_payload: payload && typeof payload === 'object' ? (payload as Record<string, unknown>) : {},
  };
}

function send(response: ServerResponse, answer: Answer): void {
  response.writeHead(answer.status, { 'content-type': 'application/json; charset=utf-8', ...answer.headers });
  response.end(JSON.stringify(answer.body));
}

async function readBody(request: IncomingMessage): Promise<string> {
  return (await readRaw(request)).toString('utf8');
}

function readRaw(request: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => resolve(Buffer.concat(chunks)));
    request.on('error', reject);
  });
}

function bearer(header: string | undefined): string | undefined {
  const match = /^Bearer\s+(.+)$/i.exec(header ?? '');
  return match?.[1];
}

function parseArgs(raw: string, contentType: string | undefined): Record<string, unknown> {
  if (raw.length === 0) return {};
  if (contentType?.includes('application/json')) {
    try {
      const parsed: unknown = JSON.parse(raw);
      return parsed && typeof parsed === 'object' ? { ...(parsed as Record<string, unknown>) } : {};
    } catch {
      return {};
    }
  }
  const args: Record<string, unknown> = {};
  for (const [key, value] of new URLSearchParams(raw)) {
    if (JSON_FIELDS.has(key) && /^[[{]/.test(value)) {
      try {
        args[key] = JSON.parse(value);
        continue;
      } catch {
        // Not JSON after all: keep the string, as Slack would reject it later.
      }
    }
    args[key] = value;
  }
  return args;
}

interface LooseElement {
  type?: unknown;
  action_id?: unknown;
  text?: { text?: unknown };
  value?: unknown;
  options?: { value?: unknown }[];
}

interface LooseBlock {
  type?: unknown;
  block_id?: unknown;
  text?: { text?: unknown };
  fields?: { text?: unknown }[];
  elements?: LooseElement[];
}

/** The Block Kit limits Slack rejects with `invalid_blocks`, checked loosely (the ones Tandem can hit). */
export function checkBlocks(blocks: unknown[]): string[] {
  const problems: string[] = [];
  if (blocks.length > 50) problems.push(`more than 50 blocks (${blocks.length})`);
  const blockIds = new Set<string>();
  const actionIds = new Set<string>();
  for (const [index, raw] of blocks.entries()) {
    const block = (raw ?? {}) as LooseBlock;
    const where = `blocks[${index}]`;
    if (typeof block.type !== 'string') {
      problems.push(`${where}: missing type`);
      continue;
    }
    if (typeof block.block_id === 'string') {
      if (blockIds.has(block.block_id)) problems.push(`${where}: duplicate block_id ${block.block_id}`);
      blockIds.add(block.block_id);
    }
    const text = block.text?.text;
    if (block.type === 'header' && typeof text === 'string' && text.length > 150)
      problems.push(`${where}: header text over 150`);
    if (block.type === 'section') {
      if (typeof text === 'string' && text.length > 3000) problems.push(`${where}: section text over 3000`);
      if (!block.text && !block.fields) problems.push(`${where}: section without text or fields`);
      if (Array.isArray(block.fields)) {
        if (block.fields.length > 10) problems.push(`${where}: more than 10 fields`);
        for (const field of block.fields) {
          if (String(field?.text ?? '').length > 2000) problems.push(`${where}: field over 2000`);
        }
      }
    }
    if (block.type === 'context' && Array.isArray(block.elements) && block.elements.length > 10)
      problems.push(`${where}: more than 10 context elements`);
    if (block.type === 'actions' && Array.isArray(block.elements)) {
      if (block.elements.length > 25) problems.push(`${where}: more than 25 elements`);
      for (const element of block.elements) {
        if (typeof element?.action_id === 'string') {
          if (actionIds.has(element.action_id))
            problems.push(`${where}: duplicate action_id ${element.action_id}`);
          actionIds.add(element.action_id);
        }
        if (element?.type === 'button') {
          if (String(element.text?.text ?? '').length > 75) problems.push(`${where}: button text over 75`);
          if (String(element.value ?? '').length > 2000) problems.push(`${where}: button value over 2000`);
        }
        for (const option of element?.options ?? []) {
          if (String(option?.value ?? '').length > 150) problems.push(`${where}: option value over 150`);
        }
      }
    }
  }
  return problems;
}
