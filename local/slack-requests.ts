/**
 * Requests as Slack sends them: v0 signatures, API Gateway HTTP API (v2) events carrying Events API
 * JSON or interaction `payload=` forms, and builders for the payloads Tandem handles.
 */
import { createHmac, randomUUID } from 'node:crypto';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';

/** Slack's signature headers for `body`: `v0=` HMAC-SHA256 of `v0:<timestamp>:<body>`. */
export function signSlackRequest(
  body: string,
  signingSecret: string,
  timestamp: number | string = Math.floor(Date.now() / 1000),
): { 'x-slack-signature': string; 'x-slack-request-timestamp': string } {
  const hmac = createHmac('sha256', signingSecret).update(`v0:${timestamp}:${body}`).digest('hex');
  return { 'x-slack-signature': `v0=${hmac}`, 'x-slack-request-timestamp': String(timestamp) };
}

/** Options shared by the request builders. */
export interface SlackRequestOptions {
  signingSecret: string;
  timestamp?: number;
  /** Slack's retry headers (`x-slack-retry-num`, `x-slack-retry-reason`). */
  retryNum?: number;
  retryReason?: string;
  /** Extra or overriding headers (e.g. a forged signature). */
  headers?: Record<string, string>;
  /** Deliver the body base64-encoded, as API Gateway does for some content types. */
  base64?: boolean;
  path?: string;
}

/** An HTTP API v2 event for `POST /slack/events` with `body` and `headers`. */
export function apiGatewayEvent(input: {
  body: string;
  headers: Record<string, string>;
  base64?: boolean;
  path?: string;
}): APIGatewayProxyEventV2 {
  const path = input.path ?? '/slack/events';
  return {
    version: '2.0',
    routeKey: `POST ${path}`,
    rawPath: path,
    rawQueryString: '',
    headers: {
      host: 'api.example.test',
      'user-agent': 'Slackbot 1.0 (+https://api.slack.com/robots)',
      ...input.headers,
    },
    requestContext: {
      accountId: '123456789012',
      apiId: 'api',
      domainName: 'api.example.test',
      domainPrefix: 'api',
      http: { method: 'POST', path, protocol: 'HTTP/1.1', sourceIp: '127.0.0.1', userAgent: 'Slackbot 1.0' },
      requestId: randomUUID(),
      routeKey: `POST ${path}`,
      stage: '$default',
      time: new Date().toUTCString(),
      timeEpoch: Date.now(),
    },
    body: input.base64 ? Buffer.from(input.body, 'utf8').toString('base64') : input.body,
    isBase64Encoded: input.base64 ?? false,
  };
}

function signedEvent(
  body: string,
  contentType: string,
  options: SlackRequestOptions,
): APIGatewayProxyEventV2 {
  const headers: Record<string, string> = {
    'content-type': contentType,
    ...signSlackRequest(body, options.signingSecret, options.timestamp),
    ...(options.retryNum !== undefined
      ? {
          'x-slack-retry-num': String(options.retryNum),
          'x-slack-retry-reason': options.retryReason ?? 'http_timeout',
        }
      : {}),
    ...options.headers,
  };
  return apiGatewayEvent({ body, headers, base64: options.base64, path: options.path });
}

/** A signed Events API request (JSON body). */
export function slackEventRequest(body: object, options: SlackRequestOptions): APIGatewayProxyEventV2 {
  return signedEvent(JSON.stringify(body), 'application/json', options);
}

/** A signed interaction request (form body `payload=<json>`). */
export function slackInteractionRequest(
  payload: object,
  options: SlackRequestOptions,
): APIGatewayProxyEventV2 {
  const body = new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
  return signedEvent(body, 'application/x-www-form-urlencoded', options);
}

/** An Events API `event_callback` wrapping a `message` event. */
export function messageEventBody(input: {
  channel: string;
  user?: string;
  text: string;
  ts: string;
  threadTs?: string;
  subtype?: string;
  botId?: string;
  eventId?: string;
  /** The workspace the event is delivered for (our installation). @default 'TTANDEM' */
  teamId?: string;
  /** The writer's own team when it differs (a Slack Connect user of another organisation). */
  userTeamId?: string;
  /** @default 'ATANDEM' */
  appId?: string;
  extra?: Record<string, unknown>;
}): Record<string, unknown> {
  const teamId = input.teamId ?? 'TTANDEM';
  const userTeam = input.userTeamId ?? teamId;
  return {
    token: 'legacy-verification-token',
    team_id: teamId,
    api_app_id: input.appId ?? 'ATANDEM',
    type: 'event_callback',
    event_id: input.eventId ?? `Ev${randomUUID().replace(/-/g, '').slice(0, 10).toUpperCase()}`,
    event_time: Math.floor(Date.now() / 1000),
    authorizations: [{ team_id: teamId, user_id: 'UBOT', is_bot: true, is_enterprise_install: false }],
    event: {
      type: 'message',
      channel: input.channel,
      channel_type: 'channel',
      text: input.text,
      ts: input.ts,
      event_ts: input.ts,
      ...(input.user ? { user: input.user, user_team: userTeam, source_team: userTeam } : {}),
      ...(input.threadTs ? { thread_ts: input.threadTs } : {}),
      ...(input.subtype ? { subtype: input.subtype } : {}),
      ...(input.botId ? { bot_id: input.botId } : {}),
      ...input.extra,
    },
  };
}

let lastActionMicros = 0;

/** A unique, increasing `action_ts`, as Slack gives every click (two clicks never share one). */
function nextActionTs(): string {
  lastActionMicros = Math.max(Date.now() * 1000, lastActionMicros + 1);
  return `${Math.floor(lastActionMicros / 1e6)}.${String(lastActionMicros % 1e6).padStart(6, '0')}`;
}

/** A `block_actions` payload: a click on a button (`value`) or a choice in a select (`selectedValue`). */
export function blockActionPayload(input: {
  actionId: string;
  value?: string;
  selectedValue?: string;
  user: { id: string; username?: string };
  channel: string;
  /** The clicked message; omit for an ephemeral (Slack sends none). */
  message?: { ts: string; threadTs?: string };
  /** For ephemerals: the container's message ts. */
  containerTs?: string;
  triggerId?: string;
  actionTs?: string;
  /** The workspace the click is delivered for (our installation). @default 'TTANDEM' */
  teamId?: string;
  /** The clicker's own team when it differs (a Slack Connect user of another organisation). */
  userTeamId?: string;
  /** @default 'ATANDEM' */
  appId?: string;
}): Record<string, unknown> {
  const teamId = input.teamId ?? 'TTANDEM';
  const actionTs = input.actionTs ?? nextActionTs();
  const element =
    input.selectedValue !== undefined
      ? {
          type: 'static_select',
          action_id: input.actionId,
          block_id: 'claimed_actions',
          selected_option: {
            text: { type: 'plain_text', text: input.selectedValue },
            value: input.selectedValue,
          },
          action_ts: actionTs,
        }
      : {
          type: 'button',
          action_id: input.actionId,
          block_id: 'actions',
          text: { type: 'plain_text', text: 'button' },
          value: input.value,
          action_ts: actionTs,
        };
  return {
    type: 'block_actions',
    api_app_id: input.appId ?? 'ATANDEM',
    token: 'legacy-verification-token',
    team: { id: teamId, domain: 'tandem' },
    user: {
      id: input.user.id,
      username: input.user.username,
      name: input.user.username,
      team_id: input.userTeamId ?? teamId,
    },
    channel: { id: input.channel, name: 'escalations' },
    container: input.message
      ? {
          type: 'message',
          message_ts: input.message.ts,
          channel_id: input.channel,
          is_ephemeral: false,
          ...(input.message.threadTs ? { thread_ts: input.message.threadTs } : {}),
        }
      : {
          type: 'message',
          message_ts: input.containerTs ?? actionTs,
          channel_id: input.channel,
          is_ephemeral: true,
        },
    trigger_id: input.triggerId ?? `${Date.now()}.${randomUUID().slice(0, 8)}`,
    response_url: 'https://hooks.slack.invalid/actions/T/1/x',
    ...(input.message
      ? {
          message: {
            type: 'message',
            user: 'UBOT',
            bot_id: 'BBOT',
            ts: input.message.ts,
            text: 'card',
            ...(input.message.threadTs ? { thread_ts: input.message.threadTs } : {}),
          },
        }
      : {}),
    actions: [element],
  };
}

/** A `view_submission` payload for a modal with `callbackId`, `privateMetadata` and typed `values`. */
export function viewSubmissionPayload(input: {
  callbackId: string;
  privateMetadata: string;
  values: Record<string, Record<string, { type: string; value?: string | null }>>;
  user: { id: string; username?: string };
  viewId?: string;
  teamId?: string;
  /** The submitter's own team when it differs (a user of another organisation). */
  userTeamId?: string;
}): Record<string, unknown> {
  const teamId = input.teamId ?? 'TTANDEM';
  return {
    type: 'view_submission',
    api_app_id: 'ATANDEM',
    token: 'legacy-verification-token',
    team: { id: teamId, domain: 'tandem' },
    user: {
      id: input.user.id,
      username: input.user.username,
      name: input.user.username,
      team_id: input.userTeamId ?? teamId,
    },
    trigger_id: `${Date.now()}.view`,
    view: {
      id: input.viewId ?? `V${randomUUID().replace(/-/g, '').slice(0, 10).toUpperCase()}`,
      team_id: teamId,
      type: 'modal',
      callback_id: input.callbackId,
      private_metadata: input.privateMetadata,
      blocks: [],
      state: { values: input.values },
      hash: 'hash',
      title: { type: 'plain_text', text: 'Modal' },
      app_id: 'ATANDEM',
      bot_id: 'BBOT',
    },
  };
}

/** An Events API `event_callback` wrapping an `app_home_opened` event (a user opened the app's Home tab). */
export function appHomeOpenedBody(input: {
  user: string;
  /** @default 'home' */
  tab?: 'home' | 'messages';
  eventId?: string;
  /** @default 'TTANDEM' */
  teamId?: string;
  /** @default 'ATANDEM' */
  appId?: string;
}): Record<string, unknown> {
  const teamId = input.teamId ?? 'TTANDEM';
  const now = Date.now() / 1000;
  return {
    token: 'legacy-verification-token',
    team_id: teamId,
    api_app_id: input.appId ?? 'ATANDEM',
    type: 'event_callback',
    event_id: input.eventId ?? `Ev${randomUUID().replace(/-/g, '').slice(0, 10).toUpperCase()}`,
    event_time: Math.floor(now),
    authorizations: [{ team_id: teamId, user_id: 'UBOT', is_bot: true, is_enterprise_install: false }],
    event: {
      type: 'app_home_opened',
      user: input.user,
      channel: `D${input.user.slice(1)}`,
      tab: input.tab ?? 'home',
      event_ts: now.toFixed(6),
    },
  };
}

/** A `block_actions` payload from a button on the app's Home tab (container `view`, no channel). */
export function homeActionPayload(input: {
  actionId: string;
  value: string;
  user: { id: string; username?: string };
  viewId?: string;
  /** @default 'TTANDEM' */
  teamId?: string;
  /** @default 'ATANDEM' */
  appId?: string;
}): Record<string, unknown> {
  const teamId = input.teamId ?? 'TTANDEM';
  const viewId = input.viewId ?? 'VHOME0001';
  return {
    type: 'block_actions',
    api_app_id: input.appId ?? 'ATANDEM',
    token: 'legacy-verification-token',
    team: { id: teamId, domain: 'tandem' },
    user: { id: input.user.id, username: input.user.username, name: input.user.username, team_id: teamId },
    container: { type: 'view', view_id: viewId },
    trigger_id: `${Date.now()}.${randomUUID().slice(0, 8)}`,
    view: { id: viewId, type: 'home', team_id: teamId, blocks: [], private_metadata: '', callback_id: '' },
    actions: [
      {
        type: 'button',
        action_id: input.actionId,
        block_id: 'home',
        text: { type: 'plain_text', text: 'button' },
        value: input.value,
        action_ts: (Date.now() / 1000).toFixed(6),
      },
    ],
  };
}
