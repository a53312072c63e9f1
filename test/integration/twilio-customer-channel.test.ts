import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { TwilioCustomerChannel } from '#adapters/twilio-customer-channel.ts';
import { parseStatusCallback, verifyTwilioRequest } from '#adapters/twilio-request.ts';
import { ChannelError } from '#core/errors.ts';
import { type FakeTwilio, startFakeTwilio } from '#local/fake-twilio.ts';

const ACCOUNT_SID = `AC${'1'.repeat(32)}`;
const AUTH_TOKEN = 'fake-auth-token-for-tests';
const SMS = { from: '+15559990000', to: '+15551230000' };
const WA = { from: 'whatsapp:+15559990000', to: 'whatsapp:+15551230000' };

let twilio: FakeTwilio;
let receiver: Server;
let receiverUrl: string;
/** Status callbacks that passed signature verification, parsed. */
const verified: ReturnType<typeof parseStatusCallback>[] = [];
let rejectedCallbacks = 0;
/** The query string of each verified callback. */
const callbackQueries: string[] = [];

const channel = (overrides: Partial<ConstructorParameters<typeof TwilioCustomerChannel>[0]> = {}) =>
  new TwilioCustomerChannel({
    accountSid: ACCOUNT_SID,
    authToken: AUTH_TOKEN,
    apiUrl: twilio.url,
    baseDelayMs: 5,
    ...overrides,
  });

beforeAll(async () => {
  twilio = await startFakeTwilio({ accountSid: ACCOUNT_SID, authToken: AUTH_TOKEN, statusDelayMs: 5 });
  // A tiny status webhook: verifies X-Twilio-Signature the way the Lambda does.
  receiver = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const [rawPath, rawQueryString = ''] = (req.url ?? '/').split('?');
      const event = {
        rawPath,
        rawQueryString,
        headers: req.headers as Record<string, string>,
        body: Buffer.concat(chunks).toString('utf8'),
        isBase64Encoded: false,
        requestContext: { domainName: 'unused', stage: '$default' },
      } as unknown as APIGatewayProxyEventV2;
      try {
        const params = verifyTwilioRequest(event, { authToken: AUTH_TOKEN, publicBaseUrl: receiverUrl });
        verified.push(parseStatusCallback(params));
        callbackQueries.push(rawQueryString);
        res.writeHead(204).end();
      } catch {
        rejectedCallbacks += 1;
        res.writeHead(403).end();
      }
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await twilio?.stop();
  await new Promise<void>((resolve) => receiver?.close(() => resolve()));
});

beforeEach(() => {
  twilio.reset();
  verified.length = 0;
  rejectedCallbacks = 0;
});

async function until(condition: () => boolean, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 10));
  }
}

async function failure(promise: Promise<unknown>): Promise<ChannelError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof ChannelError) return error;
    throw error;
  }
  throw new Error('expected a ChannelError');
}

describe('TwilioCustomerChannel against the fake Twilio API', () => {
  it('sends a text and returns the SM sid Twilio assigned', async () => {
    const { providerId } = await channel().sendText({
      ...SMS,
      body: 'Your order shipped. Track: n.example/1 & more',
    });
    expect(providerId).toMatch(/^SM[0-9a-f]{32}$/);
    expect(twilio.messages).toEqual([
      expect.objectContaining({
        sid: providerId,
        ...SMS,
        body: 'Your order shipped. Track: n.example/1 & more',
      }),
    ]);
    expect(twilio.messages[0]?.statusCallback).toBeUndefined();
  });

  it('sends a WhatsApp template as ContentSid + JSON ContentVariables', async () => {
    const contentSid = `HX${'0'.repeat(32)}`;
    await channel().sendTemplate({ ...WA, contentSid, variables: { '1': 'Ada', '2': 'Northwind' } });
    expect(twilio.messages).toHaveLength(1);
    expect(twilio.messages[0]).toMatchObject({ ...WA, contentSid });
    expect(twilio.messages[0]?.body).toBeUndefined();
    expect(JSON.parse(twilio.messages[0]?.contentVariables ?? '')).toEqual({ '1': 'Ada', '2': 'Northwind' });
  });

  it('maps 21610 to opted_out without retrying', async () => {
    twilio.failNext(21610);
    const error = await failure(channel().sendText({ ...SMS, body: 'hi' }));
    expect(error).toMatchObject({ kind: 'opted_out', providerCode: 21610 });
    expect(twilio.requests).toHaveLength(1);
    expect(twilio.messages).toEqual([]);
  });

  it('maps 63016 to window_closed without retrying', async () => {
    twilio.failNext(63016);
    const error = await failure(channel().sendText({ ...WA, body: 'hi' }));
    expect(error).toMatchObject({ kind: 'window_closed', providerCode: 63016 });
    expect(twilio.requests).toHaveLength(1);
  });

  it.each([21211, 21614])('maps %i to invalid_number without retrying', async (code) => {
    twilio.failNext(code);
    const error = await failure(channel().sendText({ ...SMS, body: 'hi' }));
    expect(error).toMatchObject({ kind: 'invalid_number', providerCode: code });
    expect(twilio.requests).toHaveLength(1);
  });

  it('maps another 4xx to rejected without retrying', async () => {
    twilio.failNext(21408, 400);
    const error = await failure(channel().sendText({ ...SMS, body: 'hi' }));
    expect(error.kind).toBe('rejected');
    expect(twilio.requests).toHaveLength(1);
  });

  it('retries a 429 and succeeds, with exactly one request per attempt', async () => {
    twilio.failNext(429);
    const { providerId } = await channel().sendText({ ...SMS, body: 'after a 429' });
    expect(twilio.requests.map((r) => r.status)).toEqual([429, 201]);
    expect(twilio.messages.map((m) => m.sid)).toEqual([providerId]);
  });

  it('a persistent 429 costs exactly maxAttempts requests', async () => {
    twilio.failNext(429, 429, Number.POSITIVE_INFINITY);
    const error = await failure(channel({ maxAttempts: 2 }).sendText({ ...SMS, body: 'throttled' }));
    expect(error).toMatchObject({ kind: 'transient', providerCode: 20429 });
    expect(twilio.requests.map((r) => r.status)).toEqual([429, 429]);
  });

  it('gives up on a persistent 500 after maxAttempts with a transient ChannelError', async () => {
    twilio.failNext(500, 500, Number.POSITIVE_INFINITY);
    const error = await failure(channel({ maxAttempts: 4 }).sendText({ ...SMS, body: 'never' }));
    expect(error.kind).toBe('transient');
    expect(twilio.requests).toHaveLength(4);
    expect(twilio.messages).toEqual([]);
  });

  it('a lost response (timeout after Twilio created the message) is never repeated: one request, maybeSent', async () => {
    twilio.answerLateNext(1_000);
    const before = twilio.requests.length;
    const error = await failure(
      channel({ timeoutMs: 200, maxAttempts: 3 }).sendText({ ...SMS, body: 'once' }),
    );
    expect(error.kind).toBe('transient');
    expect(error.maybeSent).toBe(true);
    expect(twilio.requests.length - before).toBe(1);
    expect(twilio.messages.filter((m) => m.body === 'once')).toHaveLength(1);
  });

  it('an error Twilio answered (503) surely did not send: maybeSent is false', async () => {
    twilio.failNext(503, 503, 1);
    const error = await failure(channel({ maxAttempts: 1 }).sendText({ ...SMS, body: 'no' }));
    expect(error.maybeSent).toBe(false);
  });

  it('treats an unreachable API as transient after its retries', async () => {
    const error = await failure(
      channel({ apiUrl: 'http://127.0.0.1:9', maxAttempts: 2 }).sendText({ ...SMS, body: 'nowhere' }),
    );
    expect(error.kind).toBe('transient');
    expect(error.maybeSent).toBe(false); // connection refused: the request never reached Twilio
  });

  it('is refused by the fake with wrong credentials (Basic auth is checked)', async () => {
    const error = await failure(channel({ authToken: 'wrong' }).sendText({ ...SMS, body: 'hi' }));
    expect(error).toMatchObject({ kind: 'rejected', providerCode: 20003 });
    expect(twilio.messages).toEqual([]);
  });

  it('passes the status callback URL; sent then delivered arrive signed and verifiable', async () => {
    const { providerId } = await channel({ statusCallbackUrl: `${receiverUrl}/twilio/status` }).sendText({
      ...SMS,
      body: 'track me',
    });
    expect(twilio.messages[0]?.statusCallback).toBe(`${receiverUrl}/twilio/status`);
    await until(() => verified.length === 2);
    expect(verified).toEqual([
      { messageSid: providerId, status: 'sent' },
      { messageSid: providerId, status: 'delivered' },
    ]);
    expect(rejectedCallbacks).toBe(0);
  });

  it('hands the delivery reference back in the signed callback URL, so the callback names its message', async () => {
    const deliveryRef = '2026-01-05T10:00:02.000Z|out-0123456789abcdef|sms|+15551230000|+15559990000';
    await channel({ statusCallbackUrl: `${receiverUrl}/twilio/status` }).sendText({
      ...SMS,
      body: 'track me by reference',
      deliveryRef,
    });
    const callback = new URL(twilio.messages[0]?.statusCallback ?? '');
    expect(callback.pathname).toBe('/twilio/status');
    expect(callback.searchParams.get('ref')).toBe(deliveryRef);
    await until(() => verified.length === 2);
    // Signed over the URL with the reference: a changed reference would fail the signature check.
    expect(rejectedCallbacks).toBe(0);
    expect(callbackQueries.at(-1)).toBe(callback.search.slice(1));
  });

  it('reports a scripted delivery failure with its ErrorCode in the signed callback', async () => {
    twilio.failDeliveryNext(30003);
    const { providerId } = await channel({
      statusCallbackUrl: `${receiverUrl}/twilio/status?src=test`,
    }).sendText({
      ...SMS,
      body: 'unreachable handset',
    });
    await until(() => verified.length === 2);
    expect(verified[1]).toEqual({ messageSid: providerId, status: 'undelivered', errorCode: '30003' });
  });

  it('waitForMessages resolves once the expected number of messages arrived', async () => {
    const waiting = twilio.waitForMessages(2);
    const c = channel();
    await c.sendText({ ...SMS, body: 'one' });
    await c.sendText({ ...SMS, body: 'two' });
    expect((await waiting).map((m) => m.body)).toEqual(['one', 'two']);
  });
});
