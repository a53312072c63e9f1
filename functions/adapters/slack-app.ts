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
 * Doors (in this order, each before anything is parsed or stored):
 * 1. `verifySlackRequest`: a v0 signature over `v0:<timestamp>:<body>` (timing-safe), a numeric timestamp
 *    within five minutes either way (stale = replay, future = forged clock), a body of at most 512 KiB.
 *    Anything else is a 401 with an empty body, logged at warn; nothing here ever throws at the caller
 *    (Bolt's own receiver parses the body before checking the signature and accepts future timestamps).
 * 2. `authorize`: the payload's installation (team, or enterprise for an org-wide Grid install) and
 *    `api_app_id` must be ours (env `SLACK_TEAM_ID`/`SLACK_ENTERPRISE_ID`, else `auth.test` once per cold
 *    start). Another workspace's payload (a distributed app's other installs) is dropped: 200, so Slack
 *    does not retry, and a warn line.
 * 3. The acting user's organisation (Slack Connect shared channels): `user.team_id` of an interaction,
 *    `user_team` of a message, must be our team or enterprise. Someone from another organisation gets an
 *    ephemeral ("Only <brand> agents can act on this conversation.") and nothing changes.
 * Desk channel and agent allowlist are the core's policy (`core/desk-access.ts`), applied by the commands.
 *
 * Ack: every listener calls `ack()` first. `AwsLambdaReceiver` still answers Slack only after the
 * listener returns (a Lambda cannot keep working after its response), so commands must stay quick: they
 * decide and record; what reaches the customer is a durable command carried out by the worker. A thread
 * reply that could not be recorded answers 500, so that Slack retries the event.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import {
  type AnyMiddlewareArgs,
  App,
  AwsLambdaReceiver,
  type BlockAction,
  type ButtonAction,
  type Logger,
  LogLevel,
  type Middleware,
  type StaticSelectAction,
} from '@slack/bolt';
import { type RetryOptions, WebClient } from '@slack/web-api';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import type { ActionDeskCommands } from '#core/actions/desk.ts';
import type { DeskCommands } from '#core/desk-commands.ts';
import { type Agent, isAgentOutcome } from '#core/model.ts';
import type { DeskRef } from '#core/ports.ts';
import { SLACK_RETRY_CONFIG } from './slack-agent-desk.ts';
import {
  ACTION_IDS,
  ACTION_MODALS,
  type ActionModalMetadata,
  type ActionValue,
  decodeActionValue,
  FEEDBACK_ACTIONS,
  HANDBACK_MODAL,
  renderActionDenyModal,
  renderActionEditModal,
  renderHandBackModal,
} from './slack-blocks.ts';
import { slackDeskRef, slackMessageOf } from './slack-desk-ref.ts';
import { HOME_ACTION_IDS } from './slack-home-blocks.ts';
import { registerSavedReplies, type SavedReplySlackOptions } from './slack-saved-replies.ts';

/** Options of `createSlackApp`. */
export interface SlackAppOptions {
  signingSecret: string;
  botToken: string;
  /** Web API base (the local fake in dev and tests). @default 'https://slack.com/api/' */
  slackApiUrl?: string;
  commands: DeskCommands;
  /** Approve / Edit / Deny of the AI's proposed actions (issue 15); without it those buttons do nothing. */
  actionCommands?: ActionDeskCommands;
  /** Claims a one-time key; `true` the first time it is seen. Backed by the store's `claimOnce`. */
  dedupe: (key: string) => Promise<boolean>;
  /** Releases a key `dedupe` claimed, so that Slack's retry of a request that failed is handled. */
  forget?: (key: string) => Promise<void>;
  /** The bot's user id; with it (and `botId`), no `auth.test` call is made. */
  botUserId?: string;
  botId?: string;
  /** Bolt logger (defaults to Bolt's console logger at `logLevel`). */
  logger?: Logger;
  /** @default LogLevel.WARN */
  logLevel?: LogLevel;
  /** Web API retries for calls made here (views.open, auth.test). */
  retryConfig?: RetryOptions;
  /** The installing workspace (`T…`); with it (and `botUserId`), no `auth.test` call is made. */
  teamId?: string;
  /** An org-wide Enterprise Grid install: the enterprise (`E…`) whose workspaces and users may act. */
  enterpriseId?: string;
  /** The app's id (`A…`); payloads for another app are dropped. Learned from `auth.test` when it says. */
  appId?: string;
  /** The business's name, for the refusal shown to users of another organisation. @default 'Tandem' */
  brand?: string;
  /** The desk channels: a message from another organisation there is answered with an ephemeral. */
  deskChannels?: readonly string[];
  /** Seconds since the epoch, for the signature's freshness window (tests). */
  nowSeconds?: () => number;
  /** Saved replies: the thread shortcut, its searchable modal and what a submission records. */
  savedReplies?: Pick<SavedReplySlackOptions, 'replies' | 'send'>;
  /** The agents' App Home (issue 16): `app_home_opened` and the Away/Available toggle. */
  home?: SlackHomeHandlers;
}

/** What the App Home listeners call. */
export interface SlackHomeHandlers {
  /** `userId` opened their Home tab: publish it. */
  opened(userId: string): Promise<void>;
  /** `userId` clicked Away (`away` true) or Available on their Home tab. */
  setAway(userId: string, away: boolean): Promise<void>;
}

/** Who the app is installed for, as far as the door checks are concerned. */
export interface SlackInstallation {
  botUserId?: string | undefined;
  botId?: string | undefined;
  teamId?: string | undefined;
  enterpriseId?: string | undefined;
  /** Org-wide (Enterprise Grid) install: any workspace of `enterpriseId` is ours. */
  isEnterpriseInstall?: boolean | undefined;
  appId?: string | undefined;
}

/** Largest body accepted at `/slack/events` (Slack's payloads are a few KiB). */
export const MAX_SLACK_BODY_BYTES = 512 * 1024;
/** How far a request timestamp may be from our clock, either way. */
export const SLACK_TIMESTAMP_TOLERANCE_SECONDS = 5 * 60;

/**
 * Checks Slack's v0 request signature: `x-slack-signature: v0=<hex HMAC-SHA256 of v0:<ts>:<body>>`, a
 * numeric `x-slack-request-timestamp` within five minutes of now either way, and a bounded body. Never
 * throws; returns why a request is refused, or `undefined` when it is authentic.
 */
export function verifySlackRequest(input: {
  body: string;
  headers: Record<string, string | undefined>;
  signingSecret: string;
  nowSeconds: number;
}): 'too_large' | 'no_signature' | 'bad_timestamp' | 'stale' | 'future' | 'bad_signature' | undefined {
  const { body, headers } = input;
  if (Buffer.byteLength(body, 'utf8') > MAX_SLACK_BODY_BYTES) return 'too_large';
  const signature = headers['x-slack-signature'];
  const timestamp = headers['x-slack-request-timestamp'];
  if (!signature || !timestamp) return 'no_signature';
  if (!/^\d{1,12}$/.test(timestamp)) return 'bad_timestamp';
  const age = input.nowSeconds - Number(timestamp);
  if (age > SLACK_TIMESTAMP_TOLERANCE_SECONDS) return 'stale';
  if (age < -SLACK_TIMESTAMP_TOLERANCE_SECONDS) return 'future';
  const match = /^v0=([0-9a-f]{64})$/.exec(signature);
  if (!match) return 'bad_signature';
  const expected = createHmac('sha256', input.signingSecret).update(`v0:${timestamp}:${body}`).digest();
  const given = Buffer.from(match[1]!, 'hex');
  return timingSafeEqual(expected, given) ? undefined : 'bad_signature';
}

/** The `.debug/.info/.warn/.error(message, extra)` shape of our Powertools logger. */
export interface StructuredLogger {
  debug(message: string, ...extra: unknown[]): void;
  info(message: string, ...extra: unknown[]): void;
  warn(message: string, ...extra: unknown[]): void;
  error(message: string, ...extra: unknown[]): void;
}

/**
 * A Bolt `Logger` that forwards to our structured logger, so Bolt's lines go through the same PII redactor
 * (`redactLogValue`) as everything else. Bolt's own level filter is kept (it sets INFO by default).
 */
export function boltLogger(target: StructuredLogger, level: LogLevel = LogLevel.WARN): Logger {
  const order = [LogLevel.DEBUG, LogLevel.INFO, LogLevel.WARN, LogLevel.ERROR];
  let current = level;
  let name = 'bolt';
  const enabled = (at: LogLevel) => order.indexOf(at) >= order.indexOf(current);
  const line = (msg: unknown[]) =>
    `${name}: ${msg.map((part) => (part instanceof Error ? `${part.name}: ${part.message}` : typeof part === 'string' ? part : safeJson(part))).join(' ')}`;
  return {
    debug: (...msg) => enabled(LogLevel.DEBUG) && target.debug(line(msg)),
    info: (...msg) => enabled(LogLevel.INFO) && target.info(line(msg)),
    warn: (...msg) => enabled(LogLevel.WARN) && target.warn(line(msg)),
    error: (...msg) => enabled(LogLevel.ERROR) && target.error(line(msg)),
    setLevel: (next) => {
      current = next;
    },
    getLevel: () => current,
    setName: (next) => {
      name = next;
    },
  } as Logger;
}

function safeJson(value: unknown): string {
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}

/** Thrown by `authorize` for a payload of another workspace or app; Bolt then acks and calls no listener. */
class ForeignPayloadError extends Error {
  override readonly name = 'ForeignPayloadError';
}

/** The Lambda handler for `POST /slack/events` (HTTP API, payload format 2.0). */
export type SlackEventsHandler = (
  event: APIGatewayProxyEventV2,
  context: Context,
) => Promise<APIGatewayProxyStructuredResultV2>;

/** Message subtypes written by people; every other subtype (bot_message, message_changed…) is ignored. */
const HUMAN_SUBTYPES = new Set([undefined, 'file_share', 'thread_broadcast']);

/** Every action_id the app answers: the buttons of `ACTION_IDS`. */
const ACTION_PATTERN = new RegExp(`^(${Object.values(ACTION_IDS).join('|')})$`);

/** Buttons whose command dedupes the click itself (its key is claimed in the command's transaction). */
const CASE_COMMANDS: ReadonlySet<string> = new Set([
  ACTION_IDS.claim,
  ACTION_IDS.release,
  ACTION_IDS.resolve,
]);

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

  const configured: SlackInstallation = {
    botUserId: options.botUserId,
    botId: options.botId,
    teamId: options.teamId,
    enterpriseId: options.enterpriseId,
    isEnterpriseInstall: options.enterpriseId ? true : undefined,
    appId: options.appId,
  };
  let identity: Promise<SlackInstallation> | undefined;
  /** Bot ids and installation from options, completed by one `auth.test` when something is missing. */
  const identify = (): Promise<SlackInstallation> => {
    if (configured.botUserId && (configured.teamId || configured.enterpriseId)) {
      return Promise.resolve(configured);
    }
    identity ??= new WebClient(options.botToken, clientOptions).auth
      .test()
      .then((result) => {
        const enterpriseInstall = configured.isEnterpriseInstall ?? result.is_enterprise_install === true;
        return {
          botUserId: configured.botUserId ?? result.user_id,
          botId: configured.botId ?? result.bot_id,
          teamId: configured.teamId ?? result.team_id,
          enterpriseId: configured.enterpriseId ?? (result.enterprise_id || undefined),
          isEnterpriseInstall: enterpriseInstall,
          appId: configured.appId ?? (result.app_id as string | undefined),
        };
      })
      .catch((error: unknown) => {
        identity = undefined;
        throw error;
      });
    return identity;
  };

  const app = new App({
    receiver,
    authorize: async (source, body) => {
      const installation = await identify();
      const problem = foreignPayload(installation, source, body as { api_app_id?: string });
      if (problem) throw new ForeignPayloadError(problem);
      return { botToken: options.botToken, botUserId: installation.botUserId, botId: installation.botId };
    },
    clientOptions,
    convoStore: false,
    ...(options.logger ? { logger: options.logger } : { logLevel }),
  });
  const logger = app.logger;
  const brand = options.brand ?? 'Tandem';
  const outsiderText = `Only ${brand} agents can act on this conversation.`;

  // A foreign payload (thrown by `authorize`) is expected noise: a warn line, and Bolt acks it (200, so Slack
  // does not retry). Anything else reaching Bolt's global handler (e.g. `auth.test` failing at cold start)
  // is rethrown: the receiver answers 500 and Slack retries the authentic request later, so nothing is lost.
  // Only signed requests get this far, so a stranger still cannot cause a 5xx.
  app.error(async (error) => {
    const original = (error as { original?: unknown }).original ?? error;
    if (original instanceof ForeignPayloadError) {
      logger.warn(`dropped a Slack payload: ${original.message}`);
      return;
    }
    logger.error('Slack request failed', describe(original));
    throw error;
  });

  /** Refuses users of another organisation (Slack Connect): an ephemeral, and no listener runs. */
  const ownOrganisation: Middleware<AnyMiddlewareArgs> = async (args) => {
    const installation = await identify();
    const body = args.body as Record<string, unknown>;
    const outsider = outsiderOf(installation, body);
    if (!outsider) return args.next();
    logger.warn(
      `refused ${outsider.kind} from user ${outsider.user} of another organisation ${outsider.team}`,
    );
    if ('ack' in args && typeof args.ack === 'function') await (args.ack as () => Promise<void>)();
    const where = outsider.channel;
    // A message is answered only when it is a thread reply in a desk channel (elsewhere it is none of ours).
    const speaks =
      where &&
      (outsider.kind !== 'message' ||
        (where.threadTs !== undefined &&
          (!options.deskChannels || options.deskChannels.includes(where.channel))));
    if (!speaks) return;
    try {
      await args.client.chat.postEphemeral({
        channel: where.channel,
        user: outsider.user,
        text: outsiderText,
        ...(where.threadTs ? { thread_ts: where.threadTs } : {}),
      });
    } catch (error) {
      logger.warn('could not tell an outsider that they cannot act', describe(error));
    }
  };
  app.use(ownOrganisation);

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
    const key = `slack-event#${body.event_id}`;
    if (!(await dedupe(key))) {
      logger.info(`dropped a repeated Slack event ${body.event_id}`);
      return;
    }
    try {
      await commands.threadReply({
        ref: slackDeskRef(message.channel, message.thread_ts!),
        message: slackDeskRef(message.channel, message.ts),
        agent: { id: message.user! },
        text: message.text ?? '',
      });
    } catch (error) {
      // The reply may not be recorded: answer 500 so that Slack sends the event again, and let that retry
      // through (recording is idempotent: the queue deduplicates on the reply's ts).
      logger.error('desk command threadReply failed; Slack will retry the event', describe(error));
      await options.forget?.(key).catch(() => undefined);
      throw error;
    }
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
    const requestKey = `slack-action#${act.action_ts}${body.user.id}`;
    // Claim, Release and Resolve claim the click's key in their own transaction (one write less); every
    // other action claims it here.
    if (!CASE_COMMANDS.has(act.action_id) && !(await dedupe(requestKey))) return;
    const agent = agentOf(body.user);
    const ref = refOf(body, value);
    if (!ref) {
      logger.warn(`ignored ${act.action_id}: no channel or message`);
      return;
    }
    const { caseId } = value;
    switch (act.action_id) {
      case ACTION_IDS.claim:
        return run('claim', () => commands.claim({ caseId, agent, ref, requestKey }).then(() => undefined));
      case ACTION_IDS.release:
        return run('release', () =>
          commands.release({ caseId, agent, ref, requestKey }).then(() => undefined),
        );
      case ACTION_IDS.resolve: {
        const outcome = value.outcome;
        if (!outcome || !isAgentOutcome(outcome)) return;
        return run('resolve', () =>
          commands.resolve({ caseId, agent, outcome, ref, requestKey }).then(() => undefined),
        );
      }
      case ACTION_IDS.handBack:
        return run('handBack modal', async () => {
          await client.views.open({
            trigger_id: body.trigger_id,
            view: renderHandBackModal({ caseId, ...slackMessageOf(ref) }),
          });
        });
      case ACTION_IDS.sendSuggestion: {
        const suggestionId = value.suggestionId;
        if (!suggestionId) return;
        return run('sendSuggestion', () => commands.sendSuggestion({ caseId, suggestionId, agent, ref }));
      }
      case ACTION_IDS.retryCommand: {
        const commandId = value.commandId;
        if (!commandId) return;
        return run('retry', () => commands.retry({ caseId, commandId, agent, ref, clickId: act.action_ts }));
      }
      case ACTION_IDS.eraseCustomer:
        return run('eraseCustomer', () => commands.eraseCustomer({ caseId, agent, ref }));
      case ACTION_IDS.approveAction:
      case ACTION_IDS.editAction:
      case ACTION_IDS.denyAction:
        return run(act.action_id, () =>
          onActionDecision(act.action_id, { caseId, proposalId: value.proposalId, agent, ref }, (view) =>
            client.views.open({ trigger_id: body.trigger_id, view }).then(() => undefined),
          ),
        );
      default: {
        const feedback = FEEDBACK_ACTIONS[act.action_id];
        if (!feedback) return;
        return run('feedback', () => commands.feedback({ caseId, agent, ...feedback, ref }));
      }
    }
  });

  app.view(HANDBACK_MODAL.callbackId, async ({ ack, body, view }) => {
    await ack();
    const metadata = parseMetadata(view.private_metadata);
    if (!metadata) {
      logger.warn('ignored a hand-back submission without case metadata');
      return;
    }
    const typed = view.state.values[HANDBACK_MODAL.blockId]?.[HANDBACK_MODAL.actionId]?.value?.trim();
    const agent = agentOf(body.user);
    const ref = slackDeskRef(metadata.channel, metadata.ts);
    // The submission's key is claimed in the hand back's own transaction.
    await run('handBack', () =>
      commands
        .handBack({
          caseId: metadata.caseId,
          agent,
          ref,
          requestKey: `slack-view#${view.id}${body.user.id}`,
          ...(typed ? { instruction: typed } : {}),
        })
        .then(() => undefined),
    );
  });

  if (options.savedReplies) {
    registerSavedReplies(app, {
      ...options.savedReplies,
      dedupe,
      onError: (what, error) => logger.error(`${what} failed`, describe(error)),
    });
  }
  if (options.home) registerHome(app, options.home, dedupe, run);
  // ── Actions (issue 15): the approval card's buttons and the Edit / Deny modals ──
  const actionCommands = options.actionCommands;
  async function onActionDecision(
    actionId: string,
    input: { caseId: string; proposalId: string | undefined; agent: Agent; ref: DeskRef },
    openModal: (view: ReturnType<typeof renderActionDenyModal>) => Promise<void>,
  ): Promise<void> {
    const { caseId, proposalId, agent, ref } = input;
    if (!actionCommands || !proposalId) return;
    const metadata: ActionModalMetadata = { caseId, proposalId, ...slackMessageOf(ref) };
    if (actionId === ACTION_IDS.approveAction) {
      await actionCommands.approve({ caseId, proposalId, agent, ref });
      return;
    }
    const proposal = await actionCommands.proposal({ caseId, proposalId });
    if (!proposal) return;
    if (actionId === ACTION_IDS.denyAction) {
      await openModal(renderActionDenyModal(metadata, proposal.action));
      return;
    }
    const fields = Object.entries(proposal.input).map(([name, current]) => ({
      name,
      label: name.replace(/_/g, ' '),
      value: String(current),
    }));
    await openModal(renderActionEditModal(metadata, proposal.action, fields));
  }

  for (const callbackId of [ACTION_MODALS.edit.callbackId, ACTION_MODALS.deny.callbackId]) {
    app.view(callbackId, async ({ ack, body, view }) => {
      await ack();
      if (!actionCommands) return;
      if (!(await dedupe(`slack-view#${view.id}${body.user.id}`))) return;
      const metadata = parseActionMetadata(view.private_metadata);
      if (!metadata) {
        logger.warn('ignored an action modal submission without its metadata');
        return;
      }
      const agent = agentOf(body.user);
      const ref = slackDeskRef(metadata.channel, metadata.ts);
      const values = view.state.values;
      if (callbackId === ACTION_MODALS.deny.callbackId) {
        const reason = values[ACTION_MODALS.deny.blockId]?.[ACTION_MODALS.deny.actionId]?.value?.trim();
        await run('denyAction', () =>
          actionCommands.deny({ ...metadata, agent, ref, ...(reason ? { reason } : {}) }),
        );
        return;
      }
      const changes: Record<string, string> = {};
      for (const [blockId, inputs] of Object.entries(values)) {
        if (!blockId.startsWith(ACTION_MODALS.edit.blockPrefix)) continue;
        const value = inputs[ACTION_MODALS.edit.actionId]?.value;
        if (typeof value === 'string') changes[blockId.slice(ACTION_MODALS.edit.blockPrefix.length)] = value;
      }
      await run('editAction', () => actionCommands.edit({ ...metadata, agent, ref, changes }));
    });
  }

  const boltHandler = receiver.toHandler();
  const nowSeconds = options.nowSeconds ?? (() => Math.floor(Date.now() / 1000));
  const handler: SlackEventsHandler = async (event, context) => {
    try {
      const request = toReceiverEvent(event);
      const refused = verifySlackRequest({
        body: request.body ?? '',
        headers: request.headers as Record<string, string | undefined>,
        signingSecret: options.signingSecret,
        nowSeconds: nowSeconds(),
      });
      if (refused) {
        logger.warn(`refused a Slack request: ${refused}`);
        return { statusCode: 401, body: '' };
      }
      const response = await boltHandler(request, context);
      return {
        statusCode: response.statusCode,
        ...(response.headers ? { headers: response.headers } : {}),
        body: response.body,
      };
    } catch (error) {
      // Only an authentic (signed) request gets here: a body Bolt cannot parse is Slack's or a bug, not a
      // stranger's. 400, never a 5xx that pages the on-call and makes Slack retry the same bytes.
      logger.error('an authentic Slack request could not be handled', describe(error));
      return { statusCode: 400, body: '' };
    }
  };
  return { app, handler };
}

/**
 * The App Home listeners (issue 16): `app_home_opened` on the Home tab publishes it (a retried event once);
 * the toggle records Away/Available (a repeated click once) and re-publishes.
 */
function registerHome(
  app: App,
  home: SlackHomeHandlers,
  dedupe: (key: string) => Promise<boolean>,
  run: (name: string, command: () => Promise<void>) => Promise<void>,
): void {
  app.event('app_home_opened', async ({ event, body }) => {
    if (event.tab !== 'home' || !event.user) return;
    if (!(await dedupe(`slack-event#${(body as { event_id?: string }).event_id}`))) return;
    await run('publishHome', () => home.opened(event.user));
  });
  app.action<BlockAction>(HOME_ACTION_IDS.availability, async ({ ack, body, action }) => {
    await ack();
    const button = action as ButtonAction;
    if (!(await dedupe(`slack-action#${button.action_ts}${body.user.id}`))) return;
    const away = button.value === 'away';
    if (!away && button.value !== 'available') return;
    await run('setAway', () => home.setAway(body.user.id, away));
  });
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
  return ts ? slackDeskRef(channel, ts) : undefined;
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

/** The metadata of an action modal (issue 15), or `undefined`. */
function parseActionMetadata(raw: string): Omit<ActionModalMetadata, never> | undefined {
  try {
    const parsed = JSON.parse(raw) as Record<string, unknown>;
    const fields = ['caseId', 'proposalId', 'channel', 'ts'] as const;
    if (fields.every((field) => typeof parsed[field] === 'string'))
      return parsed as unknown as ActionModalMetadata;
  } catch {
    // Not ours.
  }
  return undefined;
}

/** Why a payload is not for this installation (another workspace, enterprise or app), or `undefined`. */
export function foreignPayload(
  installation: SlackInstallation,
  source: { teamId?: string | undefined; enterpriseId?: string | undefined },
  body: { api_app_id?: string },
): string | undefined {
  if (installation.appId && body.api_app_id && body.api_app_id !== installation.appId) {
    return `app ${body.api_app_id} is not ours`;
  }
  if (installation.isEnterpriseInstall && installation.enterpriseId) {
    return source.enterpriseId === installation.enterpriseId
      ? undefined
      : `enterprise ${source.enterpriseId ?? '(none)'} is not ours`;
  }
  if (!installation.teamId) return 'our workspace is unknown';
  if (source.teamId !== installation.teamId) return `team ${source.teamId ?? '(none)'} is not ours`;
  if (installation.enterpriseId && source.enterpriseId && source.enterpriseId !== installation.enterpriseId) {
    return `enterprise ${source.enterpriseId} is not ours`;
  }
  return undefined;
}

/**
 * The acting user when they belong to another organisation (a Slack Connect shared channel): Slack reports
 * their team in `user.team_id` (interactions; an `E…` id on Enterprise Grid) or `user_team` (messages).
 */
export function outsiderOf(
  installation: SlackInstallation,
  body: Record<string, unknown>,
):
  | {
      kind: 'message' | 'action' | 'view';
      user: string;
      team: string;
      channel?: { channel: string; threadTs?: string };
    }
  | undefined {
  const ours = (team: string | undefined) =>
    !team || team === installation.teamId || team === installation.enterpriseId;
  if (body.type === 'event_callback') {
    const event = (body.event ?? {}) as Record<string, unknown>;
    const team = str(event.user_team) ?? str(event.source_team);
    const user = str(event.user);
    // Only people's messages matter; bots and edits are ignored by the listener anyway.
    if (!user || event.bot_id || !HUMAN_SUBTYPES.has(str(event.subtype)) || ours(team)) return undefined;
    const channel = str(event.channel);
    const threadTs = str(event.thread_ts);
    return {
      kind: 'message',
      user,
      team: team!,
      ...(channel ? { channel: { channel, ...(threadTs ? { threadTs } : {}) } } : {}),
    };
  }
  const user = (body.user ?? {}) as Record<string, unknown>;
  const team = str(user.team_id);
  const userId = str(user.id);
  if (!userId || ours(team)) return undefined;
  if (body.type === 'block_actions') {
    const container = (body.container ?? {}) as Record<string, unknown>;
    const channel =
      str((body.channel as Record<string, unknown> | undefined)?.id) ?? str(container.channel_id);
    const message = (body.message ?? {}) as Record<string, unknown>;
    const threadTs = str(message.thread_ts) ?? str(container.thread_ts);
    return {
      kind: 'action',
      user: userId,
      team: team!,
      ...(channel ? { channel: { channel, ...(threadTs ? { threadTs } : {}) } } : {}),
    };
  }
  return { kind: 'view', user: userId, team: team! };
}

function str(value: unknown): string | undefined {
  return typeof value === 'string' && value.length > 0 ? value : undefined;
}

function describe(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}
