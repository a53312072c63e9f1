import { createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { type Logger, LogLevel } from '@slack/bolt';
import type { APIGatewayProxyEventV2, Context } from 'aws-lambda';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  createSlackApp,
  MAX_SLACK_BODY_BYTES,
  type SlackAppOptions,
  type SlackEventsHandler,
} from '#adapters/slack-app.ts';
import { ACTION_IDS, encodeActionValue, HANDBACK_MODAL } from '#adapters/slack-blocks.ts';
import type { DeskCommands } from '#core/desk-commands.ts';
import { type FakeSlack, startFakeSlack } from '#local/fake-slack.ts';
import { slackDeskRef } from '../../functions/adapters/slack-desk-ref.ts';
import {
  apiGatewayEvent,
  blockActionPayload,
  messageEventBody,
  signSlackRequest,
  slackEventRequest,
  slackInteractionRequest,
  viewSubmissionPayload,
} from '../helpers/slack-signing.ts';

const SECRET = 'test-signing-secret';
const TOKEN = 'xoxb-test-token';
const CHANNEL = 'CESCALATE';
const CARD_TS = '1700000000.000100';
const lambdaContext = {} as Context;

type Call = { name: keyof DeskCommands; input: Record<string, unknown> };

/** DeskCommands that record what they were asked (the real use cases are tested elsewhere). */
class RecordingCommands implements DeskCommands {
  calls: Call[] = [];
  failing = false;
  private record(name: keyof DeskCommands, input: object): Promise<undefined> {
    this.calls.push({ name, input: input as Record<string, unknown> });
    return this.failing ? Promise.reject(new Error(`${name} failed`)) : Promise.resolve(undefined);
  }
  claim: DeskCommands['claim'] = (input) => this.record('claim', input);
  release: DeskCommands['release'] = (input) => this.record('release', input);
  resolve: DeskCommands['resolve'] = (input) => this.record('resolve', input);
  handBack: DeskCommands['handBack'] = (input) => this.record('handBack', input);
  threadReply: DeskCommands['threadReply'] = (input) => this.record('threadReply', input);
  sendSuggestion: DeskCommands['sendSuggestion'] = (input) => this.record('sendSuggestion', input);
  feedback: DeskCommands['feedback'] = (input) => this.record('feedback', input);
  eraseCustomer: DeskCommands['eraseCustomer'] = (input) => this.record('eraseCustomer', input);
  retry: DeskCommands['retry'] = (input) => this.record('retry', input);
}

/** A Bolt logger that keeps what it was told. */
function recordingLogger(): Logger & { lines: string[] } {
  const lines: string[] = [];
  let level = LogLevel.INFO;
  const push =
    (prefix: string) =>
    (...msg: unknown[]) =>
      lines.push(`${prefix} ${msg.map(String).join(' ')}`);
  return {
    lines,
    debug: () => undefined,
    info: push('info'),
    warn: push('warn'),
    error: push('error'),
    setLevel: (next) => {
      level = next;
    },
    getLevel: () => level,
    setName: () => undefined,
  };
}

let slack: FakeSlack;
let commands: RecordingCommands;
let seen: Set<string>;
let logger: ReturnType<typeof recordingLogger>;
let handler: SlackEventsHandler;

function build(extra: Partial<SlackAppOptions> = { botUserId: 'UBOT', botId: 'BBOT', teamId: 'TTANDEM' }) {
  return createSlackApp({
    signingSecret: SECRET,
    botToken: TOKEN,
    slackApiUrl: slack.url,
    commands,
    dedupe: async (key) => {
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    },
    forget: async (key) => {
      seen.delete(key);
    },
    logger,
    retryConfig: { retries: 0 },
    brand: 'Acme',
    deskChannels: [CHANNEL],
    ...extra,
  }).handler;
}

beforeAll(async () => {
  slack = await startFakeSlack({ botToken: TOKEN, signingSecret: SECRET });
});
afterAll(async () => {
  await slack.stop();
});
beforeEach(() => {
  slack.reset();
  commands = new RecordingCommands();
  seen = new Set();
  logger = recordingLogger();
  handler = build();
});

const send = (event: APIGatewayProxyEventV2) => handler(event, lambdaContext);
const event = (body: object, options: { retryNum?: number } = {}) =>
  send(slackEventRequest(body, { signingSecret: SECRET, ...options }));
const interaction = (payload: object) => send(slackInteractionRequest(payload, { signingSecret: SECRET }));

describe('request signatures', () => {
  const fixtures = JSON.parse(
    readFileSync(new URL('../../../shared/fixtures/signatures.json', import.meta.url), 'utf8'),
  ) as { slack: { signingSecret: string; timestamp: string; body: string; signature: string }[] };

  it("the signing helper reproduces Slack's documented signature, and a tampered body does not", () => {
    for (const vector of fixtures.slack) {
      expect(signSlackRequest(vector.body, vector.signingSecret, vector.timestamp)['x-slack-signature']).toBe(
        vector.signature,
      );
      expect(
        signSlackRequest(`${vector.body}&x=1`, vector.signingSecret, vector.timestamp)['x-slack-signature'],
      ).not.toBe(vector.signature);
    }
  });

  it('a request signed with the wrong secret is refused with 401 and no command runs', async () => {
    const body = messageEventBody({
      channel: CHANNEL,
      user: 'UAGENT',
      text: 'hi',
      ts: '1.2',
      threadTs: CARD_TS,
    });
    const response = await send(slackEventRequest(body, { signingSecret: 'not-the-secret' }));
    expect(response.statusCode).toBe(401);
    expect(commands.calls).toEqual([]);
    expect(seen.size).toBe(0);
  });

  it('a tampered body with a valid-looking signature is refused with 401', async () => {
    const payload = blockActionPayload({
      actionId: ACTION_IDS.claim,
      value: 'case_1',
      user: { id: 'UAGENT' },
      channel: CHANNEL,
      message: { ts: CARD_TS },
    });
    const signed = slackInteractionRequest(payload, { signingSecret: SECRET });
    const tampered = { ...signed, body: signed.body!.replace('case_1', 'case_2') };
    expect((await send(tampered)).statusCode).toBe(401);
    expect(commands.calls).toEqual([]);
  });

  it('a request older than five minutes is refused (replay)', async () => {
    const body = messageEventBody({
      channel: CHANNEL,
      user: 'UAGENT',
      text: 'hi',
      ts: '1.2',
      threadTs: CARD_TS,
    });
    const stale = Math.floor(Date.now() / 1000) - 600;
    expect(
      (await send(slackEventRequest(body, { signingSecret: SECRET, timestamp: stale }))).statusCode,
    ).toBe(401);
    expect(commands.calls).toEqual([]);
  });

  it('answers the url_verification challenge', async () => {
    const response = await event({ type: 'url_verification', token: 't', challenge: 'abc123' });
    expect(response.statusCode).toBe(200);
    expect(JSON.parse(response.body!)).toEqual({ challenge: 'abc123' });
  });
});

describe('message events', () => {
  it('a thread reply becomes threadReply with the thread root as ref', async () => {
    const body = messageEventBody({
      channel: CHANNEL,
      user: 'UAGENT',
      text: 'Hello, I can help <3',
      ts: '1700000050.000200',
      threadTs: CARD_TS,
    });
    const response = await event(body);
    expect(response.statusCode).toBe(200);
    expect(commands.calls).toEqual([
      {
        name: 'threadReply',
        input: {
          ref: slackDeskRef(CHANNEL, CARD_TS),
          message: slackDeskRef(CHANNEL, '1700000050.000200'),
          agent: { id: 'UAGENT' },
          text: 'Hello, I can help <3',
        },
      },
    ]);
  });

  it('a Slack retry of an event already seen is acknowledged and dropped', async () => {
    const body = messageEventBody({
      channel: CHANNEL,
      user: 'UAGENT',
      text: 'once',
      ts: '1.000300',
      threadTs: CARD_TS,
    });
    const first = await event(body);
    const retry = await event(body, { retryNum: 1 });
    const retry2 = await event(body, { retryNum: 2 });
    expect([first.statusCode, retry.statusCode, retry2.statusCode]).toEqual([200, 200, 200]);
    expect(commands.calls).toHaveLength(1);
    expect(seen.has(`slack-event#${body.event_id}`)).toBe(true);
  });

  it.each([
    ['a bot_message', { subtype: 'bot_message', botId: 'BOTHER', user: undefined }],
    ['the bot’s own message (bot_id)', { botId: 'BBOT', user: 'UBOT' }],
    ['the bot’s own user id', { user: 'UBOT' }],
    ['message_changed', { subtype: 'message_changed', user: 'UAGENT' }],
    ['message_deleted', { subtype: 'message_deleted', user: 'UAGENT' }],
    ['a channel_join', { subtype: 'channel_join', user: 'UAGENT' }],
    ['a top-level channel message', { user: 'UAGENT', threadTs: undefined }],
    ['a thread root (thread_ts = ts)', { user: 'UAGENT', threadTs: '1.000400' }],
  ])('%s is ignored: no command, no loop', async (_name, overrides) => {
    const body = messageEventBody({
      channel: CHANNEL,
      text: 'ignored',
      ts: '1.000400',
      threadTs: CARD_TS,
      ...overrides,
    } as Parameters<typeof messageEventBody>[0]);
    const response = await event(body);
    expect(response.statusCode).toBe(200);
    expect(commands.calls).toEqual([]);
  });

  it("a thread reply that could not be recorded answers 500, and Slack's retry of it is handled", async () => {
    commands.failing = true;
    const body = messageEventBody({
      channel: CHANNEL,
      user: 'UAGENT',
      text: 'x',
      ts: '1.000500',
      threadTs: CARD_TS,
    });
    const response = await event(body);
    expect(response.statusCode).toBe(500);
    expect(commands.calls).toHaveLength(1);
    expect(logger.lines.some((line) => line.startsWith('error desk command threadReply failed'))).toBe(true);
    commands.failing = false;
    expect((await event(body)).statusCode).toBe(200);
    expect(commands.calls).toHaveLength(2);
  });

  it('a failing button command is logged and Slack still gets 200 (no retry storm)', async () => {
    commands.failing = true;
    const response = await interaction(
      blockActionPayload({
        actionId: ACTION_IDS.claim,
        value: 'case_1',
        user: { id: 'UAGENT', username: 'agent' },
        channel: CHANNEL,
        message: { ts: CARD_TS },
      }),
    );
    expect(response.statusCode).toBe(200);
    expect(commands.calls).toHaveLength(1);
    expect(logger.lines.some((line) => line.startsWith('error desk command claim failed'))).toBe(true);
  });

  it('a base64 body with non-ASCII text and a charset in the content type verifies and parses', async () => {
    const body = JSON.stringify(
      messageEventBody({
        channel: CHANNEL,
        user: 'UAGENT',
        text: 'Olá 👋 ça va',
        ts: '1.000600',
        threadTs: CARD_TS,
      }),
    );
    const request = apiGatewayEvent({
      body,
      base64: true,
      headers: { 'Content-Type': 'application/json; charset=utf-8', ...signSlackRequest(body, SECRET) },
    });
    expect((await send(request)).statusCode).toBe(200);
    expect(commands.calls[0]?.input.text).toBe('Olá 👋 ça va');
  });
});

describe('bot identity', () => {
  it('with botUserId, botId and teamId given, no auth.test call is made', async () => {
    await event(
      messageEventBody({ channel: CHANNEL, user: 'UAGENT', text: 'x', ts: '1.000700', threadTs: CARD_TS }),
    );
    expect(slack.calls.filter((call) => call.method === 'auth.test')).toEqual([]);
  });

  it('without them, auth.test runs once and the bot’s own messages are still ignored', async () => {
    handler = build({});
    await event(
      messageEventBody({ channel: CHANNEL, user: 'UBOT', text: 'me', ts: '1.000800', threadTs: CARD_TS }),
    );
    await event(
      messageEventBody({ channel: CHANNEL, user: 'UAGENT', text: 'hi', ts: '1.000900', threadTs: CARD_TS }),
    );
    expect(slack.calls.filter((call) => call.method === 'auth.test')).toHaveLength(1);
    expect(commands.calls.map((call) => call.input.text)).toEqual(['hi']);
  });
});

describe('interactions', () => {
  const agent = { id: 'UAGENT', username: 'ana' };

  it('Retry on a "Not sent" message calls retry with the case, the command and the click', async () => {
    const response = await interaction(
      blockActionPayload({
        actionId: ACTION_IDS.retryCommand,
        value: encodeActionValue({ caseId: 'case_1', commandId: 'agent#C1#1.000900', thread: CARD_TS }),
        user: agent,
        channel: CHANNEL,
        message: { ts: '1.000950', threadTs: CARD_TS },
      }),
    );
    expect(response.statusCode).toBe(200);
    expect(commands.calls).toHaveLength(1);
    expect(commands.calls[0]).toMatchObject({
      name: 'retry',
      input: { caseId: 'case_1', commandId: 'agent#C1#1.000900', ref: slackDeskRef(CHANNEL, CARD_TS) },
    });
    expect(commands.calls[0]?.input.clickId).toEqual(expect.any(String));
  });

  it('Claim on the card calls claim with the caseId, the agent and the card as ref', async () => {
    const response = await interaction(
      blockActionPayload({
        actionId: ACTION_IDS.claim,
        value: encodeActionValue({ caseId: 'case_1' }),
        user: agent,
        channel: CHANNEL,
        message: { ts: CARD_TS },
      }),
    );
    expect(response.statusCode).toBe(200);
    expect(commands.calls).toEqual([
      {
        name: 'claim',
        input: {
          caseId: 'case_1',
          agent: { id: 'UAGENT', name: 'ana' },
          ref: slackDeskRef(CHANNEL, CARD_TS),
          requestKey: expect.stringMatching(/^slack-action#.+UAGENT$/),
        },
      },
    ]);
  });

  it.each([
    ['feedback', ACTION_IDS.feedbackNeededYes, ['feedback'], true],
    ['claim', ACTION_IDS.claim, ['claim', 'claim'], false],
    ['release', ACTION_IDS.release, ['release', 'release'], false],
  ])(
    'the same %s click delivered twice: the adapter or, with its write, the command runs it once',
    async (_, actionId, calls, adapterDedupes) => {
      const payload = blockActionPayload({
        actionId,
        value: 'case_1',
        user: agent,
        channel: CHANNEL,
        message: { ts: CARD_TS },
        actionTs: '1700000100.123456',
      });
      await interaction(payload);
      await interaction(payload);
      const key = 'slack-action#1700000100.123456UAGENT';
      expect(commands.calls.map((call) => call.name)).toEqual(calls);
      expect(seen.has(key)).toBe(adapterDedupes);
      // Claim, Release and Resolve get the click's key, which their transaction claims.
      if (!adapterDedupes) expect(commands.calls.map((call) => call.input.requestKey)).toEqual([key, key]);
    },
  );

  it('Claim from an ephemeral (no message in the payload) uses the thread carried in the value', async () => {
    await interaction(
      blockActionPayload({
        actionId: ACTION_IDS.claim,
        value: encodeActionValue({ caseId: 'case_1', thread: CARD_TS }),
        user: agent,
        channel: CHANNEL,
        containerTs: '1700000200.000100',
      }),
    );
    expect(commands.calls[0]?.input.ref).toEqual(slackDeskRef(CHANNEL, CARD_TS));
  });

  it('Send on a suggestion in the thread calls sendSuggestion with the thread root as ref', async () => {
    await interaction(
      blockActionPayload({
        actionId: ACTION_IDS.sendSuggestion,
        value: encodeActionValue({ caseId: 'case_1', suggestionId: 'sug_7' }),
        user: agent,
        channel: CHANNEL,
        message: { ts: '1700000300.000100', threadTs: CARD_TS },
      }),
    );
    expect(commands.calls).toEqual([
      {
        name: 'sendSuggestion',
        input: {
          caseId: 'case_1',
          suggestionId: 'sug_7',
          agent: { id: 'UAGENT', name: 'ana' },
          ref: slackDeskRef(CHANNEL, CARD_TS),
        },
      },
    ]);
  });

  it('Release and Resolve (chosen outcome) call their commands', async () => {
    await interaction(
      blockActionPayload({
        actionId: ACTION_IDS.release,
        value: 'case_1',
        user: agent,
        channel: CHANNEL,
        message: { ts: CARD_TS },
      }),
    );
    await interaction(
      blockActionPayload({
        actionId: ACTION_IDS.resolve,
        selectedValue: encodeActionValue({ caseId: 'case_1', outcome: 'not_solved' }),
        user: agent,
        channel: CHANNEL,
        message: { ts: CARD_TS },
      }),
    );
    expect(commands.calls.map((call) => call.name)).toEqual(['release', 'resolve']);
    expect(commands.calls[1]?.input).toMatchObject({ caseId: 'case_1', outcome: 'not_solved' });
  });

  it.each([
    [ACTION_IDS.feedbackNeededYes, 'escalation_needed', true],
    [ACTION_IDS.feedbackNeededNo, 'escalation_needed', false],
    [ACTION_IDS.feedbackAccurateYes, 'summary_accurate', true],
    [ACTION_IDS.feedbackAccurateNo, 'summary_accurate', false],
  ])('%s records the answer %s = %s', async (actionId, question, answer) => {
    await interaction(
      blockActionPayload({
        actionId,
        value: 'case_1',
        user: agent,
        channel: CHANNEL,
        message: { ts: CARD_TS },
      }),
    );
    expect(commands.calls).toEqual([
      {
        name: 'feedback',
        input: {
          caseId: 'case_1',
          agent: { id: 'UAGENT', name: 'ana' },
          question,
          answer,
          ref: slackDeskRef(CHANNEL, CARD_TS),
        },
      },
    ]);
  });

  it('Hand back opens a modal, and its submission calls handBack with the instruction', async () => {
    const click = await interaction(
      blockActionPayload({
        actionId: ACTION_IDS.handBack,
        value: 'case_1',
        user: agent,
        channel: CHANNEL,
        message: { ts: CARD_TS },
        triggerId: 'trigger-42',
      }),
    );
    expect(click.statusCode).toBe(200);
    expect(commands.calls).toEqual([]);
    const [opened] = await slack.waitForCalls('views.open', 1);
    expect(opened?.ok).toBe(true);
    expect(opened?.args.trigger_id).toBe('trigger-42');
    const view = slack.views[0]!;
    expect(view.view.callback_id).toBe(HANDBACK_MODAL.callbackId);

    const submit = await interaction(
      viewSubmissionPayload({
        callbackId: HANDBACK_MODAL.callbackId,
        privateMetadata: String(view.view.private_metadata),
        values: {
          [HANDBACK_MODAL.blockId]: {
            [HANDBACK_MODAL.actionId]: {
              type: 'plain_text_input',
              value: '  Refund approved; confirm the date. ',
            },
          },
        },
        user: agent,
        viewId: view.id,
      }),
    );
    expect(submit.statusCode).toBe(200);
    expect(commands.calls).toEqual([
      {
        name: 'handBack',
        input: {
          caseId: 'case_1',
          agent: { id: 'UAGENT', name: 'ana' },
          ref: slackDeskRef(CHANNEL, CARD_TS),
          requestKey: `slack-view#${view.id}UAGENT`,
          instruction: 'Refund approved; confirm the date.',
        },
      },
    ]);
  });

  it('a hand-back submitted without an instruction hands back without one', async () => {
    await interaction(
      viewSubmissionPayload({
        callbackId: HANDBACK_MODAL.callbackId,
        privateMetadata: JSON.stringify({ caseId: 'case_1', channel: CHANNEL, ts: CARD_TS }),
        values: {
          [HANDBACK_MODAL.blockId]: { [HANDBACK_MODAL.actionId]: { type: 'plain_text_input', value: null } },
        },
        user: agent,
      }),
    );
    expect(commands.calls).toHaveLength(1);
    expect(commands.calls[0]?.input).not.toHaveProperty('instruction');
  });

  it('a button whose value carries no case is ignored', async () => {
    const response = await interaction(
      blockActionPayload({
        actionId: ACTION_IDS.claim,
        value: '',
        user: agent,
        channel: CHANNEL,
        message: { ts: CARD_TS },
      }),
    );
    expect(response.statusCode).toBe(200);
    expect(commands.calls).toEqual([]);
  });
});

describe('doors: anything not authentic is a 401 and never throws', () => {
  const now = () => Math.floor(Date.now() / 1000);
  const body = JSON.stringify(
    messageEventBody({ channel: CHANNEL, user: 'UAGENT', text: 'hi', ts: '1.000010', threadTs: CARD_TS }),
  );
  const v1 = (ts: number) => `v1=${createHmac('sha256', SECRET).update(`v1:${ts}:${body}`).digest('hex')}`;
  const cases: [string, () => APIGatewayProxyEventV2][] = [
    ['unsigned garbage', () => apiGatewayEvent({ body: 'garbage{', headers: {} })],
    [
      'malformed JSON without a signature',
      () => apiGatewayEvent({ body: '{"type":', headers: { 'content-type': 'application/json' } }),
    ],
    ['an empty body', () => apiGatewayEvent({ body: '', headers: { 'content-type': 'application/json' } })],
    [
      'a bogus content type',
      () => apiGatewayEvent({ body: '\u0000\u0001', headers: { 'content-type': 'image/png' } }),
    ],
    [
      'a signature without a timestamp',
      () =>
        apiGatewayEvent({
          body,
          headers: { 'x-slack-signature': signSlackRequest(body, SECRET)['x-slack-signature'] },
        }),
    ],
    [
      'a non-numeric timestamp',
      () => apiGatewayEvent({ body, headers: { ...signSlackRequest(body, SECRET, 'abc') } }),
    ],
    [
      'a timestamp in exponent notation',
      () => apiGatewayEvent({ body, headers: { ...signSlackRequest(body, SECRET, '1.7e9') } }),
    ],
    [
      'a timestamp more than five minutes in the future',
      () => apiGatewayEvent({ body, headers: { ...signSlackRequest(body, SECRET, now() + 600) } }),
    ],
    [
      'a stale timestamp',
      () => apiGatewayEvent({ body, headers: { ...signSlackRequest(body, SECRET, now() - 301 - 60) } }),
    ],
    [
      'another signature version (v1=, HMAC over v1:ts:body)',
      () =>
        apiGatewayEvent({
          body,
          headers: { 'x-slack-signature': v1(now()), 'x-slack-request-timestamp': String(now()) },
        }),
    ],
    [
      'a signature that is not hex',
      () =>
        apiGatewayEvent({
          body,
          headers: { 'x-slack-signature': 'v0=zz', 'x-slack-request-timestamp': String(now()) },
        }),
    ],
    [
      'a huge body, even signed',
      () => {
        const huge = JSON.stringify({ type: 'event_callback', pad: 'x'.repeat(MAX_SLACK_BODY_BYTES) });
        return apiGatewayEvent({
          body: huge,
          headers: { 'content-type': 'application/json', ...signSlackRequest(huge, SECRET) },
        });
      },
    ],
    ['base64 garbage', () => apiGatewayEvent({ body: '%%%not base64%%%', headers: {}, base64: true })],
  ];

  it.each(cases)('%s gets 401 and runs nothing', async (_name, request) => {
    const response = await send(request());
    expect(response.statusCode).toBe(401);
    expect(commands.calls).toEqual([]);
    expect(seen.size).toBe(0);
    expect(slack.calls).toEqual([]);
  });

  it('a request without headers at all gets 401', async () => {
    const request = { ...apiGatewayEvent({ body: 'x', headers: {} }), headers: undefined };
    const response = await send(request as unknown as APIGatewayProxyEventV2);
    expect(response.statusCode).toBe(401);
  });

  it('a signed body Bolt cannot parse is a 400, not a 5xx', async () => {
    const garbage = '{"type": "event_callback", ';
    const response = await send(
      apiGatewayEvent({
        body: garbage,
        headers: { 'content-type': 'application/json', ...signSlackRequest(garbage, SECRET) },
      }),
    );
    expect(response.statusCode).toBe(400);
    expect(commands.calls).toEqual([]);
  });
});

describe('workspace: only the installing workspace and its people act', () => {
  const agent = { id: 'UAGENT', username: 'ana' };
  const claimFrom = (extra: Partial<Parameters<typeof blockActionPayload>[0]>) =>
    blockActionPayload({
      actionId: ACTION_IDS.claim,
      value: encodeActionValue({ caseId: 'case_1' }),
      user: agent,
      channel: CHANNEL,
      message: { ts: CARD_TS },
      ...extra,
    });

  it('an event delivered for another workspace is dropped with a 200 and a warning', async () => {
    const body = messageEventBody({
      channel: CHANNEL,
      user: 'UAGENT',
      text: 'hi',
      ts: '1.000020',
      threadTs: CARD_TS,
      teamId: 'TOTHER',
    });
    const response = await event(body);
    expect(response.statusCode).toBe(200);
    expect(commands.calls).toEqual([]);
    expect(logger.lines.some((line) => line.includes('team TOTHER is not ours'))).toBe(true);
  });

  it('a click delivered for another workspace is dropped with a 200', async () => {
    const response = await interaction(claimFrom({ teamId: 'TOTHER' }));
    expect(response.statusCode).toBe(200);
    expect(commands.calls).toEqual([]);
    expect(slack.ephemerals).toEqual([]);
  });

  it('a payload for another app is dropped when our app id is known', async () => {
    handler = build({ botUserId: 'UBOT', botId: 'BBOT', teamId: 'TTANDEM', appId: 'ATANDEM' });
    const response = await interaction(claimFrom({ appId: 'AOTHER' }));
    expect(response.statusCode).toBe(200);
    expect(commands.calls).toEqual([]);
    expect(logger.lines.some((line) => line.includes('app AOTHER is not ours'))).toBe(true);
  });

  it('the workspace is learned from auth.test when not configured, once', async () => {
    handler = build({});
    await interaction(claimFrom({}));
    await interaction(claimFrom({ teamId: 'TOTHER' }));
    expect(commands.calls.map((call) => call.name)).toEqual(['claim']);
    expect(slack.calls.filter((call) => call.method === 'auth.test')).toHaveLength(1);
  });

  it('when our workspace cannot be learned (auth.test fails), the click gets a 5xx so Slack retries it', async () => {
    handler = build({});
    slack.failNext('auth.test', 'fatal_error');
    const first = await interaction(claimFrom({}));
    expect(first.statusCode).toBe(500);
    expect(commands.calls).toEqual([]);
    const retried = await interaction(claimFrom({}));
    expect(retried.statusCode).toBe(200);
    expect(commands.calls.map((call) => call.name)).toEqual(['claim']);
  });

  it('a Claim from a user of another organisation (Slack Connect) is refused with an ephemeral', async () => {
    const response = await interaction(claimFrom({ userTeamId: 'TEXTERNAL' }));
    expect(response.statusCode).toBe(200);
    expect(commands.calls).toEqual([]);
    const [ephemeral] = await slack.waitForCalls('chat.postEphemeral', 1);
    expect(ephemeral?.args).toMatchObject({
      channel: CHANNEL,
      user: 'UAGENT',
      text: 'Only Acme agents can act on this conversation.',
    });
  });

  it('a hand-back submitted by a user of another organisation is ignored', async () => {
    await interaction(
      viewSubmissionPayload({
        callbackId: HANDBACK_MODAL.callbackId,
        privateMetadata: JSON.stringify({ caseId: 'case_1', channel: CHANNEL, ts: CARD_TS }),
        values: {},
        user: agent,
        userTeamId: 'TEXTERNAL',
      }),
    );
    expect(commands.calls).toEqual([]);
  });

  it('a thread reply from another organisation in the desk channel is not relayed, and its author is told', async () => {
    const response = await event(
      messageEventBody({
        channel: CHANNEL,
        user: 'UEXT',
        text: 'let me answer',
        ts: '1.000030',
        threadTs: CARD_TS,
        userTeamId: 'TEXTERNAL',
      }),
    );
    expect(response.statusCode).toBe(200);
    expect(commands.calls).toEqual([]);
    const [ephemeral] = await slack.waitForCalls('chat.postEphemeral', 1);
    expect(ephemeral?.args).toMatchObject({ channel: CHANNEL, user: 'UEXT', thread_ts: CARD_TS });
  });

  it('a thread reply from another organisation in another channel is ignored silently', async () => {
    await event(
      messageEventBody({
        channel: 'CSHARED',
        user: 'UEXT',
        text: 'chatting',
        ts: '1.000040',
        threadTs: '1.000001',
        userTeamId: 'TEXTERNAL',
      }),
    );
    expect(commands.calls).toEqual([]);
    expect(slack.calls.filter((call) => call.method === 'chat.postEphemeral')).toEqual([]);
  });

  it('on an org-wide Enterprise Grid install, a click from any workspace of the org by an org user is accepted', async () => {
    handler = build({ botUserId: 'UBOT', botId: 'BBOT', enterpriseId: 'EACME' });
    const payload = {
      ...claimFrom({ teamId: 'TWORKSPACE2', userTeamId: 'EACME' }),
      enterprise: { id: 'EACME', name: 'Acme' },
      is_enterprise_install: true,
    };
    await interaction(payload);
    expect(commands.calls.map((call) => call.name)).toEqual(['claim']);
  });

  it('on an org-wide install, a click from another enterprise is dropped', async () => {
    handler = build({ botUserId: 'UBOT', botId: 'BBOT', enterpriseId: 'EACME' });
    const payload = {
      ...claimFrom({ teamId: 'TELSEWHERE', userTeamId: 'EOTHER' }),
      enterprise: { id: 'EOTHER', name: 'Other' },
      is_enterprise_install: true,
    };
    await interaction(payload);
    expect(commands.calls).toEqual([]);
  });
});
