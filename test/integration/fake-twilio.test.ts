/**
 * The fake Twilio API speaks Twilio's protocol as the official `twilio` SDK understands it, and the
 * fetch-based `TwilioCustomerChannel` sends exactly the request the SDK sends for `messages.create`: same
 * path, Basic credentials and form parameters. The SDK is driven here only; the functions do not bundle it.
 */
import twilio from 'twilio';
import type RequestClient from 'twilio/lib/base/RequestClient.js';
import BaseRequestClient from 'twilio/lib/base/RequestClient.js';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { TwilioCustomerChannel } from '#adapters/twilio-customer-channel.ts';
import { ChannelError } from '#core/errors.ts';
import { type FakeTwilio, startFakeTwilio } from '#local/fake-twilio.ts';

const ACCOUNT_SID = `AC${'2'.repeat(32)}`;
const AUTH_TOKEN = 'fake-twilio-conformance-token';
const STATUS_URL = 'http://127.0.0.1:9/twilio/status';

let fake: FakeTwilio;

beforeAll(async () => {
  fake = await startFakeTwilio({ accountSid: ACCOUNT_SID, authToken: AUTH_TOKEN, statusDelayMs: 5 });
});
afterAll(() => fake?.stop());
beforeEach(() => fake.reset());

/** The official SDK with every request sent to the fake (same path and query), without its own retries. */
function sdk(authToken = AUTH_TOKEN) {
  const base = new URL(fake.url);
  class FakeRequestClient extends BaseRequestClient {
    override request<TData>(opts: RequestClient.RequestOptions<TData>) {
      const target = new URL(opts.uri);
      return super.request({ ...opts, uri: `${base.origin}${target.pathname}${target.search}` });
    }
  }
  return twilio(ACCOUNT_SID, authToken, {
    autoRetry: false,
    httpClient: new FakeRequestClient({ autoRetry: false, timeout: 2_000 }),
  });
}

const slim = () =>
  new TwilioCustomerChannel({
    accountSid: ACCOUNT_SID,
    authToken: AUTH_TOKEN,
    apiUrl: fake.url,
    statusCallbackUrl: STATUS_URL,
    maxAttempts: 1,
  });

describe('fake Twilio, driven by the official SDK', () => {
  it('creates a message: the SDK reads back its SM sid, status and parameters', async () => {
    const created = await sdk().messages.create({
      from: '+15559990000',
      to: '+15551230000',
      body: 'hello & goodbye',
      statusCallback: STATUS_URL,
    });
    expect(created.sid).toMatch(/^SM[0-9a-f]{32}$/);
    expect(created).toMatchObject({ status: 'queued', to: '+15551230000', from: '+15559990000' });
    expect(fake.messages).toEqual([
      expect.objectContaining({ sid: created.sid, body: 'hello & goodbye', statusCallback: STATUS_URL }),
    ]);
  });

  it('answers an error the SDK turns into a RestException with Twilio code and HTTP status', async () => {
    fake.failNext(21610);
    const error = (await sdk()
      .messages.create({ from: '+15559990000', to: '+15551230000', body: 'x' })
      .catch((e: unknown) => e)) as { status?: number; code?: number };
    expect(error).toMatchObject({ status: 400, code: 21610 });
  });

  it('refuses wrong credentials with 401 / 20003', async () => {
    const error = (await sdk('wrong')
      .messages.create({ from: '+15559990000', to: '+15551230000', body: 'x' })
      .catch((e: unknown) => e)) as { status?: number; code?: number };
    expect(error).toMatchObject({ status: 401, code: 20003 });
  });
});

describe('TwilioCustomerChannel sends what the SDK sends', () => {
  it('a text: same form parameters as messages.create', async () => {
    await sdk().messages.create({
      from: 'whatsapp:+15559990000',
      to: 'whatsapp:+15551230000',
      body: 'Ünïcode ✓ + spaces & ampersands = fine',
      statusCallback: STATUS_URL,
    });
    await slim().sendText({
      from: 'whatsapp:+15559990000',
      to: 'whatsapp:+15551230000',
      body: 'Ünïcode ✓ + spaces & ampersands = fine',
    });
    const [viaSdk, viaSlim] = fake.requests.map((request) => request.params);
    expect(viaSlim).toEqual(viaSdk);
    expect(fake.messages.map((message) => message.body)).toEqual([
      'Ünïcode ✓ + spaces & ampersands = fine',
      'Ünïcode ✓ + spaces & ampersands = fine',
    ]);
  });

  it('a template: same ContentSid and ContentVariables as messages.create', async () => {
    const contentSid = `HX${'a'.repeat(32)}`;
    const variables = { '1': 'Ada', '2': 'Northwind "Ltd"' };
    await sdk().messages.create({
      from: 'whatsapp:+15559990000',
      to: 'whatsapp:+15551230000',
      contentSid,
      contentVariables: JSON.stringify(variables),
      statusCallback: STATUS_URL,
    });
    await slim().sendTemplate({
      from: 'whatsapp:+15559990000',
      to: 'whatsapp:+15551230000',
      contentSid,
      variables,
    });
    const [viaSdk, viaSlim] = fake.requests.map((request) => request.params);
    expect(viaSlim).toEqual(viaSdk);
  });

  it('the same Twilio error code reaches both: RestException.code and ChannelError.providerCode', async () => {
    fake.failNext(63016, 400, 2);
    const sdkError = (await sdk()
      .messages.create({ from: 'whatsapp:+15559990000', to: 'whatsapp:+15551230000', body: 'x' })
      .catch((e: unknown) => e)) as { code?: number };
    const slimError = await slim()
      .sendText({ from: 'whatsapp:+15559990000', to: 'whatsapp:+15551230000', body: 'x' })
      .catch((e: unknown) => e);
    expect(slimError).toBeInstanceOf(ChannelError);
    expect(slimError).toMatchObject({ kind: 'window_closed', providerCode: sdkError.code });
  });
});
