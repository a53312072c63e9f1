/**
 * The Slack edge: a Bolt `App` behind `AwsLambdaReceiver` that verifies Slack's signature, drops
 * retries and the bot's own messages, and turns thread replies, button clicks and the hand-back modal
 * into `DeskCommands` calls. Nothing past this file knows about Slack payloads.
 *
 * Bot identity: Bolt normally calls `auth.test` when the App is constructed; a failure there would
 * surface as an unhandled rejection at cold start. We pass our own `authorize` instead: with
 * `botUserId` (and `botId`) given, no `auth.test` is ever made; otherwise it is made once, lazily on the
 * first request that needs it, and a failure is not cached (the next request tries again).
 *
 * Ack: every listener calls `ack()` first. `AwsLambdaReceiver` still answers Slack only after the
 * listener returns (a Lambda cannot keep working after its response), so commands must stay quick.
 */
import {
  App,
  AwsLambdaReceiver,
  type BlockAction,
  type ButtonAction,
  type Logger,
  LogLevel,
  type StaticSelectAction,
} from '@slack/bolt';
import { type RetryOptions, WebClient } from '@slack/web-api';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import type { DeskCommands } from '#core/desk-commands.ts';
import type { Agent, Outcome } from '#core/model.ts';
import type { DeskRef } from '#core/ports.ts';
import { SLACK_RETRY_CONFIG } from './slack-agent-desk.ts';
import {
  ACTION_IDS,
  type ActionValue,
  decodeActionValue,
  HANDBACK_MODAL,
  renderHandBackModal,
} from './slack-blocks.ts';

/** Options of `createSlackApp`. */
export interface SlackAppOptions {
  signingSecret: string;
  botToken: string;
  /** Web API base (the local fake in dev and tests). @default 'https://slack.com/api/' */
  slackApiUrl?: string;
  commands: DeskCommands;
  /** Claims a one-time key; `true` the first time it is seen. Backed by the store's `claimOnce`. */
  dedupe: (key: string) => Promise<boolean>;
  /** The bot's user id; with it (and `botId`), no `auth.test` call is made. */
  botUserId?: string;
  botId?: string;
  /** Bolt logger (defaults to Bolt's console logger at `logLevel`). */
  logger?: Logger;
  /** @default LogLevel.WARN */
  logLevel?: LogLevel;
  /** Web API retries for calls made here (views.open, auth.test). */
  retryConfig?: RetryOptions;
}

/** The Lambda handler for `POST /slack/events` (HTTP API, payload format 2.0). */
export type SlackEventsHandler = (
  event: APIGatewayProxyEventV2,
  context: Context,
) => Promise<APIGatewayProxyStructuredResultV2>;

/** Message subtypes written by people; every other subtype (bot_message, message_changed…) is ignored. */
const HUMAN_SUBTYPES = new Set([undefined, 'file_share', 'thread_broadcast']);

/** Every action_id the app answers. */
const ACTION_PATTERN =
  /^tandem_(claim|release|resolve|handback|send_suggestion|erase_customer|feedback_(needed|accurate)_(yes|no))$/;

/** Builds the Bolt app and its Lambda handler. */
export function createSlackApp(options: SlackAppOptions): { app: App; handler: SlackEventsHandler } {
  const { commands, dedupe } = options;
  const logLevel = options.logLevel ?? LogLevel.WARN;
  const clientOptions = {
    ...(options.slackApiUrl ? { slackApiUrl: options.slackApiUrl } : {}),
    retryConfig: options.retryConfig ?? SLACK_RETRY_CONFIG,
    rejectRateLimitedCalls: false,
    timeout: 5000,
  };
  const receiver = new AwsLambdaReceiver({
    signingSecret: options.signingSecret,
    ...(options.logger ? { logger: options.logger } : { logLevel }),
  });

  let identity: Promise<{ botUserId?: string; botId?: string }> | undefined;
  const identify = (): Promise<{ botUserId?: string; botId?: string }> => {
    if (options.botUserId) return Promise.resolve({ botUserId: options.botUserId, botId: options.botId });
    identity ??= new WebClient(options.botToken, clientOptions).auth
      .test()
      .then((result) => ({ botUserId: result.user_id, botId: result.bot_id }))
      .catch((error: unknown) => {
        identity = undefined;
        throw error;
      });
    return identity;
  };

  const app = new App({
    receiver,
    authorize: async () => ({ botToken: options.botToken, ...(await identify()) }),
    clientOptions,
    convoStore: false,
    ...(options.logger ? { logger: options.logger } : { logLevel }),
  });
  const logger = app.logger;

  /** Runs a command; its failure is logged, never thrown at Slack (the ack is already sent). */
  const run = async (name: string, command: () => Promise<void>): Promise<void> => {
    try {
      await command();
    } catch (error) {
      logger.error(`desk command ${name} failed`, describe(error));
    }
  };

  app.event('message', async ({ event, body, context }) => {
    const message = event as unknown as {
      subtype?: string;
      bot_id?: string;
      user?: string;
      text?: string;
      ts: string;
      thread_ts?: string;
      channel: string;
    };
    if (!HUMAN_SUBTYPES.has(message.subtype) || message.bot_id || !message.user) return;
    const botUserId = options.botUserId ?? context.botUserId;
    if (message.user === botUserId) return;
    if (!message.thread_ts || message.thread_ts === message.ts) return;
    if (!(await dedupe(`slack-event#${body.event_id}`))) {
      logger.info(`dropped a repeated Slack event ${body.event_id}`);
      return;
    }
    await run('threadReply', () =>
      commands.threadReply({
        ref: { channel: message.channel, ts: message.thread_ts! },
        messageTs: message.ts,
        agent: { id: message.user! },
        text: message.text ?? '',
      }),
    );
  });

  app.action<BlockAction>(ACTION_PATTERN, async ({ ack, body, action, client }) => {
    await ack();
    const act = action as ButtonAction | StaticSelectAction;
    const raw = act.type === 'static_select' ? act.selected_option?.value : (act as ButtonAction).value;
    const value = decodeActionValue(raw);
    if (!value) {
      logger.warn(`ignored ${act.action_id}: no case in its value`);
      return;
    }
    if (!(await dedupe(`slack-action#${act.action_ts}${body.user.id}`))) return;
    const agent = agentOf(body.user);
    const ref = refOf(body, value);
    if (!ref) {
      logger.warn(`ignored ${act.action_id}: no channel or message`);
      return;
    }
    const { caseId } = value;
    switch (act.action_id) {
      case ACTION_IDS.claim:
        return run('claim', () => commands.claim({ caseId, agent, ref }));
      case ACTION_IDS.release:
        return run('release', () => commands.release({ caseId, agent, ref }));
      case ACTION_IDS.resolve: {
        const outcome = value.outcome;
        if (!outcome || !isOutcome(outcome)) return;
        return run('resolve', () => commands.resolve({ caseId, agent, outcome, ref }));
      }
      case ACTION_IDS.handBack:
        return run('handBack modal', async () => {
          await client.views.open({
            trigger_id: body.trigger_id,
            view: renderHandBackModal({ caseId, channel: ref.channel, ts: ref.ts }),
          });
        });
      case ACTION_IDS.sendSuggestion: {
        const suggestionId = value.suggestionId;
        if (!suggestionId) return;
        return run('sendSuggestion', () => commands.sendSuggestion({ caseId, suggestionId, agent, ref }));
      }
      case ACTION_IDS.eraseCustomer:
        return run('eraseCustomer', () => commands.eraseCustomer({ caseId, agent, ref }));
      default: {
        const feedback = /^tandem_feedback_(needed|accurate)_(yes|no)$/.exec(act.action_id);
        if (!feedback) return;
        const question = feedback[1] === 'needed' ? 'escalation_needed' : 'summary_accurate';
        const answer = feedback[2] === 'yes';
        return run('feedback', () => commands.feedback({ caseId, agent, question, answer, ref }));
      }
    }
  });

  app.view(HANDBACK_MODAL.callbackId, async ({ ack, body, view }) => {
    await ack();
    if (!(await dedupe(`slack-view#${view.id}${body.user.id}`))) return;
    const metadata = parseMetadata(view.private_metadata);
    if (!metadata) {
      logger.warn('ignored a hand-back submission without case metadata');
      return;
    }
    const typed = view.state.values[HANDBACK_MODAL.blockId]?.[HANDBACK_MODAL.actionId]?.value?.trim();
    const agent = agentOf(body.user);
    const ref: DeskRef = { channel: metadata.channel, ts: metadata.ts };
    await run('handBack', () =>
      commands.handBack({
        caseId: metadata.caseId,
        agent,
        ref,
        ...(typed ? { instruction: typed } : {}),
      }),
    );
  });

  const boltHandler = receiver.toHandler();
  const handler: SlackEventsHandler = async (event, context) => {
    const response = await boltHandler(toReceiverEvent(event), context);
    return {
      statusCode: response.statusCode,
      ...(response.headers ? { headers: response.headers } : {}),
      body: response.body,
    };
  };
  return { app, handler };
}

/**
 * Adapts an HTTP API v2 event to what `AwsLambdaReceiver` parses: it compares the content type exactly
 * (so `; charset=…` is stripped) and decodes base64 bodies as ASCII (which breaks non-ASCII text and the
 * signature), so the body is decoded here as UTF-8.
 */
export function toReceiverEvent(
  event: APIGatewayProxyEventV2,
): Parameters<ReturnType<AwsLambdaReceiver['toHandler']>>[0] {
  const headers: Record<string, string | undefined> = {};
  for (const [name, value] of Object.entries(event.headers ?? {})) headers[name.toLowerCase()] = value;
  const contentType = headers['content-type'];
  if (contentType) headers['content-type'] = contentType.split(';')[0]!.trim().toLowerCase();
  const body =
    event.body === undefined
      ? ''
      : event.isBase64Encoded
        ? Buffer.from(event.body, 'base64').toString('utf8')
        : event.body;
  return {
    body,
    headers,
    isBase64Encoded: false,
    rawPath: event.rawPath ?? '/slack/events',
    rawQueryString: event.rawQueryString ?? '',
    routeKey: event.routeKey ?? 'POST /slack/events',
    version: event.version ?? '2.0',
    requestContext: event.requestContext,
    ...(event.queryStringParameters ? { queryStringParameters: event.queryStringParameters } : {}),
  };
}

function agentOf(user: { id: string; username?: string; name?: string }): Agent {
  const name = user.username ?? user.name;
  return name ? { id: user.id, name } : { id: user.id };
}

/**
 * The case thread an action belongs to: the clicked message's thread (or the message itself, the card);
 * for ephemerals, which Slack sends without `message`, the thread carried in the value or the container.
 */
function refOf(body: BlockAction, value: ActionValue): DeskRef | undefined {
  const container = body.container as { channel_id?: string; message_ts?: string; thread_ts?: string };
  const channel = body.channel?.id ?? container.channel_id;
  if (!channel) return undefined;
  const message = body.message as { ts?: string; thread_ts?: string } | undefined;
  const ts = message?.ts
    ? (message.thread_ts ?? message.ts)
    : (value.thread ?? container.thread_ts ?? container.message_ts);
  return ts ? { channel, ts } : undefined;
}

function parseMetadata(raw: string): { caseId: string; channel: string; ts: string } | undefined {
  try {
    const parsed = JSON.parse(raw) as Record<string, unknown>;
    if (
      typeof parsed.caseId === 'string' &&
      typeof parsed.channel === 'string' &&
      typeof parsed.ts === 'string'
    ) {
      return { caseId: parsed.caseId, channel: parsed.channel, ts: parsed.ts };
    }
  } catch {
    // Not ours: fall through.
  }
  return undefined;
}

function isOutcome(value: string): value is Outcome {
  return ['solved', 'not_solved', 'duplicate', 'spam'].includes(value);
}

function describe(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}
