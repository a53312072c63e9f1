/**
 * The playground: the whole system in a browser, with no accounts. Served through the local runtime's
 * `fallback` option: the page at `/`, its assets under `/playground/`, and a small API under
 * `/playground/api/` that plays the customer and the agents with the same signed requests Twilio and
 * Slack send (through `LocalDriver`), streams what the emulators see (server-sent events), and reads the
 * real store for the inspector. Secrets stay on the server; the page only names what to do.
 *
 *   const playground = createPlayground();
 *   const runtime = await startLocalRuntime({ fallback: playground.handler });
 *   playground.attach(runtime);
 */
import { readFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import * as z from 'zod';
import { DynamoDbConversationStore } from '#adapters/dynamodb-conversation-store.ts';
import { ACTION_IDS } from '#adapters/slack-blocks.ts';
import { slackDeskRef } from '#adapters/slack-desk-ref.ts';
import { HOME_ACTION_IDS } from '#adapters/slack-home-blocks.ts';
import { conversationIdOf, WHATSAPP_PREFIX } from '#core/model.ts';
import business from '../../config/business.ts';
import type { FallbackHandler } from '../api-gateway.ts';
import {
  type DriverAgent,
  type DriverResponse,
  driverFor,
  type LocalDriver,
  newMessageSid,
} from '../driver.ts';
import { localDynamoClient } from '../dynamodb-local.ts';
import type { LocalRuntime } from '../runtime.ts';
import { blockActionPayload } from '../slack-requests.ts';
import { deskPanelActions, routesInForce } from './desk.ts';
import { type PlaygroundEvent, PlaygroundFeed } from './feed.ts';

/** An agent the playground can act as. */
export interface PlaygroundAgent {
  /** Slack user id (`U…`). */
  id: string;
  /** Display name. */
  name: string;
}

/** The agents offered by default: three, so a claim race has contenders. */
export const DEFAULT_AGENTS: readonly PlaygroundAgent[] = [
  { id: 'UANA', name: 'Ana' },
  { id: 'UBEN', name: 'Ben' },
  { id: 'UCHLOE', name: 'Chloe' },
];

/** Options of `createPlayground`. */
export interface PlaygroundOptions {
  /** @default DEFAULT_AGENTS */
  agents?: readonly PlaygroundAgent[];
  /** The business number customers write to. @default '+15550100000' */
  businessNumber?: string;
  /**
   * Host names the playground answers on (DNS-rebinding guard: its API sends signed requests).
   * @default ['localhost', '127.0.0.1', '[::1]']
   */
  allowedHosts?: string[];
}

/** A playground, to pass as the runtime's `fallback` and attach once the runtime is up. */
export interface Playground {
  /** The runtime's `fallback`: answers the playground's routes, `false` for anything else. */
  handler: FallbackHandler;
  /** Connects the playground to a started runtime (its emulators, store and signing secrets). */
  attach(runtime: Pick<LocalRuntime, 'url' | 'services'>): void;
  /** Ends the event streams and stops watching the emulators. */
  close(): void;
}

/** What the page is told about the setup. */
export interface PlaygroundConfig {
  brand: string;
  businessNumber: string;
  channel: string;
  agents: readonly PlaygroundAgent[];
  modes: { twilio: string; slack: string; model: string };
  /** The phone works only with the emulated Twilio (a real one would text real numbers). */
  phoneEnabled: boolean;
  /** The Slack pane works only with the emulated Slack (a real workspace has its own client). */
  slackEnabled: boolean;
  /** Identifiers the page reads in Slack blocks and addresses, from their one definition (the page cannot import them). */
  ids: { claim: string; homeAvailability: string; whatsappPrefix: string };
}

const publicDir = join(dirname(fileURLToPath(import.meta.url)), 'public');

const ASSETS: Record<string, { file: string; type: string }> = {
  '/': { file: 'index.html', type: 'text/html; charset=utf-8' },
  '/index.html': { file: 'index.html', type: 'text/html; charset=utf-8' },
  '/playground/app.js': { file: 'app.js', type: 'text/javascript; charset=utf-8' },
  '/playground/blocks.js': { file: 'blocks.js', type: 'text/javascript; charset=utf-8' },
  '/playground/dom.js': { file: 'dom.js', type: 'text/javascript; charset=utf-8' },
  '/playground/desk.js': { file: 'desk.js', type: 'text/javascript; charset=utf-8' },
  '/playground/style.css': { file: 'style.css', type: 'text/css; charset=utf-8' },
  '/playground/favicon.svg': { file: 'favicon.svg', type: 'image/svg+xml' },
};

/** The page may load only its own assets and talk only to its own API (hostile text stays inert). */
const SECURITY_HEADERS = {
  'content-security-policy':
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'cache-control': 'no-store',
};

const e164 = z.string().regex(/^\+[1-9]\d{6,14}$/, 'a number in E.164 form, like +15557770001');
const customerInput = z.object({
  channel: z.enum(['whatsapp', 'sms']),
  from: e164,
  name: z.string().trim().max(80).optional(),
  body: z.string().trim().min(1, 'type a message').max(1600),
});
const replyInput = z.object({
  agentId: z.string(),
  threadTs: z.string().min(1),
  text: z.string().trim().min(1, 'type a reply').max(4000),
});
const clickInput = z.object({
  agentId: z.string(),
  actionId: z.string().min(1),
  value: z.string().optional(),
  selectedValue: z.string().optional(),
  messageTs: z.string().min(1),
  threadTs: z.string().optional(),
  /** A click in an ephemeral: Slack sends no `message`, only the container. */
  ephemeral: z.boolean().optional(),
});
const raceInput = z.object({ messageTs: z.string().min(1), value: z.string().min(1) });
const submitInput = z.object({
  agentId: z.string(),
  viewId: z.string().min(1),
  values: z.record(z.string(), z.record(z.string(), z.string())),
});
const dismissInput = z.object({ viewId: z.string().min(1) });
/** The customer sends a photo (a sample image the emulated Twilio serves as `MediaUrl0`), with a caption. */
const photoInput = z.object({
  channel: z.enum(['whatsapp', 'sms']),
  from: e164,
  name: z.string().trim().max(80).optional(),
  body: z.string().trim().max(1600).default(''),
});
/** A 24×16 PNG (a size label's barcode): the playground's sample customer photo. */
const SAMPLE_PHOTO = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAABgAAAAQCAIAAACDRijCAAAALklEQVR4nGPQoBJgoLJBXykAI8UgOTm5r1+/yoEBqYyRYtDgi7XBZxDlgGoGAQD1rHGrn4rytAAAAABJRU5ErkJggg==',
  'base64',
);

interface Attached {
  runtime: Pick<LocalRuntime, 'url' | 'services'>;
  driver: LocalDriver;
  feed: PlaygroundFeed;
  store: DynamoDbConversationStore;
  dynamo: DynamoDBClient;
  config: PlaygroundConfig;
}

class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/** Creates the playground; it answers 503 until `attach` is called. */
export function createPlayground(options: PlaygroundOptions = {}): Playground {
  const agents = options.agents ?? DEFAULT_AGENTS;
  const businessNumber = options.businessNumber ?? '+15550100000';
  const allowedHosts = new Set(options.allowedHosts ?? ['localhost', '127.0.0.1', '[::1]']);
  const streams = new Set<ServerResponse>();
  const assetCache = new Map<string, Buffer>();
  let attached: Attached | undefined;

  const agentById = (id: string): DriverAgent => {
    const agent = agents.find((candidate) => candidate.id === id);
    if (!agent) throw new HttpError(400, `unknown agent ${id}`);
    return { id: agent.id, username: agent.name.toLowerCase() };
  };

  const requireAttached = (): Attached => {
    if (!attached) throw new HttpError(503, 'the playground is starting');
    return attached;
  };

  const requirePhone = (): Attached => {
    const current = requireAttached();
    if (!current.config.phoneEnabled)
      throw new HttpError(409, 'Twilio is real here: write from a phone to your Twilio number instead');
    return current;
  };

  const requireSlack = (): Attached => {
    const current = requireAttached();
    if (!current.config.slackEnabled)
      throw new HttpError(409, 'Slack is real here: work in your Slack workspace instead');
    return current;
  };

  /** Sends a click, remembering the clicker so a modal it opens is shown to them. */
  const click = async (
    current: Attached,
    agent: DriverAgent,
    input: z.infer<typeof clickInput>,
  ): Promise<DriverResponse> => {
    current.feed.currentClicker = agent.id;
    try {
      if (input.ephemeral) {
        return await current.driver.slackInteraction(
          blockActionPayload({
            actionId: input.actionId,
            ...(input.value !== undefined ? { value: input.value } : {}),
            ...(input.selectedValue !== undefined ? { selectedValue: input.selectedValue } : {}),
            user: agent,
            channel: current.config.channel,
            containerTs: input.messageTs,
          }),
        );
      }
      return await current.driver.agentClicks({
        agent,
        actionId: input.actionId,
        ...(input.value !== undefined ? { value: input.value } : {}),
        ...(input.selectedValue !== undefined ? { selectedValue: input.selectedValue } : {}),
        messageTs: input.messageTs,
        ...(input.threadTs ? { threadTs: input.threadTs } : {}),
      });
    } finally {
      current.feed.syncSlack();
      current.feed.currentClicker = undefined;
    }
  };

  const actions: Record<string, (body: unknown) => Promise<unknown>> = {
    // The desk panel (issue 16): routes, and the chosen agent's App Home.
    ...deskPanelActions(
      () => {
        const current = requireSlack();
        const slack = current.runtime.services.slack.fake;
        if (!slack) throw new HttpError(409, 'Slack is real here: open the Home tab in Slack');
        return {
          driver: current.driver,
          slack,
          channel: current.config.channel,
          agents: current.config.agents,
        };
      },
      (message) => new HttpError(400, message),
    ),
    customer: async (body) => {
      const current = requirePhone();
      const input = parse(customerInput, body);
      const id = newMessageSid();
      const record = {
        id,
        conversationId: conversationIdOf({
          channel: input.channel,
          customerAddress: input.from,
          businessAddress: businessNumber,
        }),
        channel: input.channel,
        from: input.from,
        ...(input.name && input.channel === 'whatsapp' ? { name: input.name } : {}),
        body: input.body,
        at: new Date().toISOString(),
        state: 'sending' as const,
      };
      current.feed.putInbound(record);
      const response = await current.driver.customerSays({
        from: input.from,
        to: businessNumber,
        channel: input.channel,
        body: input.body,
        messageSid: id,
        ...(record.name ? { profileName: record.name } : {}),
      });
      const ok = response.status === 200;
      current.feed.putInbound({
        ...record,
        state: ok ? 'accepted' : 'rejected',
        httpStatus: response.status,
      });
      return { status: response.status, conversationId: record.conversationId };
    },
    photo: async (body) => {
      const current = requirePhone();
      const input = parse(photoInput, body);
      const twilioFake = current.runtime.services.twilio.fake;
      if (!twilioFake) throw new HttpError(409, 'photos need the emulated Twilio');
      const url = twilioFake.addMedia({ contentType: 'image/png', data: SAMPLE_PHOTO });
      const id = newMessageSid();
      const record = {
        id,
        conversationId: conversationIdOf({
          channel: input.channel,
          customerAddress: input.from,
          businessAddress: businessNumber,
        }),
        channel: input.channel,
        from: input.from,
        ...(input.name && input.channel === 'whatsapp' ? { name: input.name } : {}),
        body: `📷 ${input.body || 'Photo'}`,
        at: new Date().toISOString(),
        state: 'sending' as const,
      };
      current.feed.putInbound(record);
      const response = await current.driver.customerSays({
        from: input.from,
        to: businessNumber,
        channel: input.channel,
        body: input.body,
        media: [{ url, contentType: 'image/png' }],
        messageSid: id,
        ...(record.name ? { profileName: record.name } : {}),
      });
      current.feed.putInbound({
        ...record,
        state: response.status === 200 ? 'accepted' : 'rejected',
        httpStatus: response.status,
      });
      return { status: response.status, conversationId: record.conversationId };
    },
    reply: async (body) => {
      const current = requireSlack();
      const input = parse(replyInput, body);
      const agent = agentById(input.agentId);
      const fake = current.runtime.services.slack.fake!;
      // As in Slack: the message is in the channel first, then the app hears about it.
      const posted = fake.postAsUser({
        channel: current.config.channel,
        user: agent.id,
        text: input.text,
        thread_ts: input.threadTs,
      });
      current.feed.syncSlack();
      const response = await current.driver.agentReplies({
        agent,
        threadTs: input.threadTs,
        text: input.text,
        ts: posted.ts,
      });
      current.feed.syncSlack();
      return { status: response.status, ts: posted.ts };
    },
    click: async (body) => {
      const current = requireSlack();
      const input = parse(clickInput, body);
      const response = await click(current, agentById(input.agentId), input);
      return { status: response.status };
    },
    race: async (body) => {
      const current = requireSlack();
      const input = parse(raceInput, body);
      // Every agent clicks Claim at once: exactly one may become the owner.
      const results = await Promise.all(
        agents.map(async (agent) => {
          const response = await current.driver.agentClicks({
            agent: { id: agent.id, username: agent.name.toLowerCase() },
            actionId: ACTION_IDS.claim,
            value: input.value,
            messageTs: input.messageTs,
          });
          return { agent: agent.id, status: response.status };
        }),
      );
      current.feed.syncSlack();
      return { results };
    },
    submit: async (body) => {
      const current = requireSlack();
      const input = parse(submitInput, body);
      const agent = agentById(input.agentId);
      const record = current.feed.view(input.viewId);
      if (!record?.open) throw new HttpError(404, 'this dialog is closed');
      const view = record.view as {
        callback_id?: string;
        private_metadata?: string;
        blocks?: { type?: string; block_id?: string; element?: { type?: string; action_id?: string } }[];
      };
      // Slack reports every input block, typed by its element, whether or not it was filled in.
      const values: Record<string, Record<string, { type: string; value: string | null }>> = {};
      for (const block of view.blocks ?? []) {
        if (block.type !== 'input' || !block.block_id || !block.element?.action_id) continue;
        const typed = input.values[block.block_id]?.[block.element.action_id];
        values[block.block_id] = {
          [block.element.action_id]: {
            type: block.element.type ?? 'plain_text_input',
            value: typed === undefined || typed === '' ? null : typed,
          },
        };
      }
      const response = await current.driver.agentSubmits({
        agent,
        callbackId: view.callback_id ?? '',
        privateMetadata: view.private_metadata ?? '',
        values,
      });
      if (response.status === 200) current.feed.closeView(record.id);
      current.feed.syncSlack();
      return { status: response.status, body: response.body };
    },
    dismiss: async (body) => {
      const current = requireSlack();
      current.feed.closeView(parse(dismissInput, body).viewId);
      return {};
    },
  };

  const inspect = async (url: URL): Promise<unknown> => {
    const current = requireAttached();
    let conversationId = url.searchParams.get('conversation') ?? undefined;
    const thread = url.searchParams.get('thread');
    if (!conversationId && thread) {
      const kase = await current.store.getCaseByDeskRef(slackDeskRef(current.config.channel, thread));
      conversationId = kase?.conversationId;
    }
    if (!conversationId) return { conversation: null };
    const conversation = await current.store.getConversation(conversationId);
    if (!conversation) return { conversationId, conversation: null };
    const [kase, messages, profile] = await Promise.all([
      conversation.caseId ? current.store.getCase(conversation.caseId) : undefined,
      current.store.recentMessages(conversationId, 100),
      current.store.getProfile(conversation.customerAddress),
    ]);
    return { conversationId, conversation, case: kase ?? null, messages, profile: profile ?? null };
  };

  const openStream = (current: Attached, response: ServerResponse) => {
    response.writeHead(200, {
      ...SECURITY_HEADERS,
      'content-type': 'text/event-stream; charset=utf-8',
      connection: 'keep-alive',
    });
    const write = (data: unknown) => response.write(`data: ${JSON.stringify(data)}\n\n`);
    write({
      type: 'hello',
      config: current.config,
      conversations: current.feed.conversations(),
      ...current.feed.snapshot(),
    });
    const unsubscribe = current.feed.subscribe((event: PlaygroundEvent) => write(event));
    // A comment line now and then keeps proxies and idle timeouts from closing a quiet stream.
    const heartbeat = setInterval(() => response.write(': ping\n\n'), 15_000);
    heartbeat.unref();
    streams.add(response);
    response.on('close', () => {
      clearInterval(heartbeat);
      unsubscribe();
      streams.delete(response);
    });
  };

  const handler: FallbackHandler = async (request, response, body) => {
    const url = new URL(request.url ?? '/', 'http://localhost');
    const path = url.pathname;
    const asset = ASSETS[path];
    const isApi = path.startsWith('/playground/api/');
    if (!asset && !isApi) return false;
    try {
      if (!allowedHosts.has(hostName(request.headers.host))) {
        throw new HttpError(403, 'the playground answers on localhost only');
      }
      if (asset) {
        if (request.method !== 'GET' && request.method !== 'HEAD') throw new HttpError(405, 'GET only');
        let content = assetCache.get(asset.file);
        if (!content) {
          content = readFileSync(join(publicDir, asset.file));
          assetCache.set(asset.file, content);
        }
        response.writeHead(200, { ...SECURITY_HEADERS, 'content-type': asset.type });
        response.end(request.method === 'HEAD' ? undefined : content);
        return true;
      }
      const route = path.slice('/playground/api/'.length);
      if (request.method === 'GET') {
        if (route === 'events') {
          openStream(requireAttached(), response);
          return true;
        }
        if (route === 'state') {
          const current = requireAttached();
          return sendJson(response, 200, { config: current.config, ...current.feed.snapshot() });
        }
        if (route === 'inspect') return sendJson(response, 200, await inspect(url));
        if (route === 'file') return sendSlackFile(requireSlack(), url, response);
        if (route === 'desk') return sendJson(response, 200, routesInForce(requireAttached().config.channel));
        throw new HttpError(404, 'not found');
      }
      const action = request.method === 'POST' ? actions[route] : undefined;
      if (!action) throw new HttpError(404, 'not found');
      checkSameOrigin(request);
      let parsed: unknown;
      try {
        parsed = JSON.parse(body.toString('utf8'));
      } catch {
        throw new HttpError(400, 'expected a JSON body');
      }
      return sendJson(response, 200, await action(parsed));
    } catch (error) {
      const status = error instanceof HttpError ? error.status : 500;
      const message = error instanceof HttpError ? error.message : 'the playground failed; see the terminal';
      if (!(error instanceof HttpError)) console.error('playground:', error);
      return sendJson(response, status, { error: message });
    }
  };

  return {
    handler,
    attach(runtime) {
      if (attached) throw new Error('the playground is already attached');
      const { services } = runtime;
      const twilioFake = services.twilio.mode === 'emulated' ? services.twilio.fake : undefined;
      const slackFake = services.slack.mode === 'emulated' ? services.slack.fake : undefined;
      for (const agent of agents) {
        slackFake?.addUser({ id: agent.id, name: agent.name.toLowerCase(), real_name: agent.name });
      }
      const dynamo = localDynamoClient(services.dynamoEndpoint);
      attached = {
        runtime,
        driver: driverFor(runtime),
        feed: new PlaygroundFeed(twilioFake, slackFake, services.orders?.fake),
        store: new DynamoDbConversationStore(DynamoDBDocumentClient.from(dynamo), services.tableName),
        dynamo,
        config: {
          brand: business.brand,
          businessNumber,
          channel: services.slack.escalationChannel,
          agents,
          modes: { twilio: services.twilio.mode, slack: services.slack.mode, model: services.model },
          phoneEnabled: Boolean(twilioFake),
          slackEnabled: Boolean(slackFake),
          ids: {
            claim: ACTION_IDS.claim,
            homeAvailability: HOME_ACTION_IDS.availability,
            whatsappPrefix: WHATSAPP_PREFIX,
          },
        },
      };
    },
    close() {
      for (const stream of streams) stream.end();
      streams.clear();
      attached?.feed.close();
      attached?.dynamo.destroy();
      attached = undefined;
    },
  };
}

/**
 * A file uploaded to the emulated Slack (`files.uploadV2`), for the thread view: images inline, anything else
 * as a download.
 */
function sendSlackFile(current: Attached, url: URL, response: ServerResponse): true {
  const slackFake = current.runtime.services.slack.fake;
  const file = slackFake?.files.get(url.searchParams.get('id') ?? '');
  if (!file?.data) throw new HttpError(404, 'no such file');
  const image = /^image\/(png|jpeg|gif|webp)$/.test(file.mimetype);
  response.writeHead(200, {
    ...SECURITY_HEADERS,
    'content-type': image ? file.mimetype : 'application/octet-stream',
    ...(image
      ? {}
      : { 'content-disposition': `attachment; filename="${file.name.replace(/[^\w.-]/g, '_')}"` }),
  });
  response.end(Buffer.from(file.data));
  return true;
}

function parse<T>(schema: z.ZodType<T>, body: unknown): T {
  const result = schema.safeParse(body);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  throw new HttpError(400, issue ? `${issue.path.join('.') || 'body'}: ${issue.message}` : 'invalid body');
}

function sendJson(response: ServerResponse, status: number, body: unknown): true {
  response.writeHead(status, { ...SECURITY_HEADERS, 'content-type': 'application/json; charset=utf-8' });
  response.end(JSON.stringify(body));
  return true;
}

/** The host name of a Host header, without the port (`[::1]` kept bracketed). */
function hostName(host: string | undefined): string {
  if (!host) return '';
  return host.startsWith('[') ? host.slice(0, host.indexOf(']') + 1) : (host.split(':')[0] ?? '');
}

/**
 * Actions must come from the page itself: a JSON content type (which a cross-site form cannot send
 * without a preflight this server never grants) and, when the browser names one, the same origin.
 */
function checkSameOrigin(request: IncomingMessage): void {
  if (!request.headers['content-type']?.startsWith('application/json')) {
    throw new HttpError(415, 'expected application/json');
  }
  const origin = request.headers.origin;
  if (origin && origin !== 'null') {
    let originHost: string;
    try {
      originHost = new URL(origin).host;
    } catch {
      throw new HttpError(403, 'bad origin');
    }
    if (originHost !== request.headers.host) throw new HttpError(403, 'cross-origin request refused');
  }
}
