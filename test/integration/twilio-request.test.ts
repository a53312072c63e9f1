import { readFileSync } from 'node:fs';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import {
  MAX_TWILIO_BODY_BYTES,
  MAX_TWILIO_PARAMS,
  PayloadTooLargeError,
  parseInboundMessage,
  parseStatusCallback,
  signedUrl,
  verifyTwilioRequest,
} from '#adapters/twilio-request.ts';
import { UnauthorizedError, ValidationError } from '#core/errors.ts';
import { signedTwilioForm } from '../helpers/twilio-signing.ts';

const fixtures = JSON.parse(
  readFileSync(new URL('../../../shared/fixtures/signatures.json', import.meta.url), 'utf8'),
) as {
  twilio: { authToken: string; url: string; params: Record<string, string>; signature: string }[];
};

const TOKEN = 'test-auth-token-0123456789abcdef';
const FORM = { 'content-type': 'application/x-www-form-urlencoded' };

/** An API Gateway HTTP API (payload 2.0) event for a POST to `url`. */
function eventFor(
  url: string,
  body: string,
  headers: Record<string, string>,
  options: { stage?: string; rawPath?: string; base64?: boolean } = {},
): APIGatewayProxyEventV2 {
  const parsed = new URL(url);
  const rawQueryString = url.includes('?') ? url.slice(url.indexOf('?') + 1) : '';
  return {
    version: '2.0',
    routeKey: 'POST /twilio/messages',
    rawPath: options.rawPath ?? parsed.pathname,
    rawQueryString,
    headers,
    requestContext: {
      accountId: '123456789012',
      apiId: 'abc123',
      domainName: parsed.hostname,
      domainPrefix: parsed.hostname.split('.')[0] ?? '',
      http: {
        method: 'POST',
        path: parsed.pathname,
        protocol: 'HTTP/1.1',
        sourceIp: '54.0.0.1',
        userAgent: 'TwilioProxy/1.1',
      },
      requestId: 'req-1',
      routeKey: 'POST /twilio/messages',
      stage: options.stage ?? '$default',
      time: '01/Mar/2025:12:00:00 +0000',
      timeEpoch: 1740830400000,
    },
    body: options.base64 ? Buffer.from(body, 'utf8').toString('base64') : body,
    isBase64Encoded: options.base64 ?? false,
  };
}

const inbound = {
  MessageSid: 'SM0123456789abcdef0123456789abcdef',
  AccountSid: 'AC0123456789abcdef0123456789abcdef',
  From: 'whatsapp:+15551230000',
  To: 'whatsapp:+15559990000',
  Body: 'Where is my order? ünïcødé & symbols = + %',
  ProfileName: 'Ada Lovelace',
  NumMedia: '0',
  WaId: '15551230000',
  SmsStatus: 'received',
};

describe('verifyTwilioRequest', () => {
  it("accepts Twilio's documented example signature (shared fixture)", () => {
    const fixture = fixtures.twilio[0];
    if (!fixture) throw new Error('fixture missing');
    const { body } = signedTwilioForm(fixture.url, fixture.params, fixture.authToken);
    const event = eventFor(fixture.url, body, { ...FORM, 'x-twilio-signature': fixture.signature });
    expect(verifyTwilioRequest(event, { authToken: fixture.authToken })).toEqual(fixture.params);
  });

  it('rejects the shared fixture with one parameter changed', () => {
    const fixture = fixtures.twilio[0];
    if (!fixture) throw new Error('fixture missing');
    const { body } = signedTwilioForm(fixture.url, { ...fixture.params, Digits: '9999' }, fixture.authToken);
    const event = eventFor(fixture.url, body, { ...FORM, 'x-twilio-signature': fixture.signature });
    expect(() => verifyTwilioRequest(event, { authToken: fixture.authToken })).toThrow(UnauthorizedError);
  });

  it('accepts a request signed by the twilio SDK and returns its form parameters', () => {
    const url = 'https://abc123.execute-api.us-east-1.amazonaws.com/twilio/messages';
    const { body, headers } = signedTwilioForm(url, inbound, TOKEN);
    expect(verifyTwilioRequest(eventFor(url, body, headers), { authToken: TOKEN })).toEqual(inbound);
  });

  it('accepts a base64-encoded body', () => {
    const url = 'https://abc123.execute-api.us-east-1.amazonaws.com/twilio/messages';
    const { body, headers } = signedTwilioForm(url, inbound, TOKEN);
    const event = eventFor(url, body, headers, { base64: true });
    expect(verifyTwilioRequest(event, { authToken: TOKEN })).toEqual(inbound);
  });

  it('accepts a signature made over the URL with :443 (as Twilio sometimes signs)', () => {
    const url = 'https://abc123.execute-api.us-east-1.amazonaws.com/twilio/messages?x=1';
    const { body, headers } = signedTwilioForm(
      'https://abc123.execute-api.us-east-1.amazonaws.com:443/twilio/messages?x=1',
      inbound,
      TOKEN,
    );
    expect(verifyTwilioRequest(eventFor(url, body, headers), { authToken: TOKEN })).toEqual(inbound);
  });

  it('includes the raw query string in the signed URL', () => {
    const url = 'https://abc123.execute-api.us-east-1.amazonaws.com/twilio/messages?tenant=north&x=%27a%27';
    const { body, headers } = signedTwilioForm(url, inbound, TOKEN);
    expect(verifyTwilioRequest(eventFor(url, body, headers), { authToken: TOKEN })).toEqual(inbound);
    const withoutQuery = signedTwilioForm(url.split('?')[0] ?? '', inbound, TOKEN);
    expect(() =>
      verifyTwilioRequest(eventFor(url, withoutQuery.body, withoutQuery.headers), { authToken: TOKEN }),
    ).toThrow(UnauthorizedError);
  });

  it('uses PUBLIC_BASE_URL instead of the API Gateway domain when given', () => {
    const publicUrl = 'https://hooks.example.com/twilio/messages';
    const { body, headers } = signedTwilioForm(publicUrl, inbound, TOKEN);
    const event = eventFor(
      'https://abc123.execute-api.us-east-1.amazonaws.com/twilio/messages',
      body,
      headers,
    );
    expect(() => verifyTwilioRequest(event, { authToken: TOKEN })).toThrow(UnauthorizedError);
    expect(
      verifyTwilioRequest(event, { authToken: TOKEN, publicBaseUrl: 'https://hooks.example.com/' }),
    ).toEqual(inbound);
  });

  it('puts a named stage in the URL, whether or not rawPath already carries it', () => {
    const url = 'https://abc123.execute-api.us-east-1.amazonaws.com/prod/twilio/messages';
    const { body, headers } = signedTwilioForm(url, inbound, TOKEN);
    const withStageInPath = eventFor(url, body, headers, { stage: 'prod', rawPath: '/prod/twilio/messages' });
    const withoutStageInPath = eventFor(url, body, headers, { stage: 'prod', rawPath: '/twilio/messages' });
    expect(signedUrl(withStageInPath)).toBe(url);
    expect(signedUrl(withoutStageInPath)).toBe(url);
    expect(verifyTwilioRequest(withStageInPath, { authToken: TOKEN })).toEqual(inbound);
    expect(verifyTwilioRequest(withoutStageInPath, { authToken: TOKEN })).toEqual(inbound);
  });

  it('rejects a wrong signature, a wrong token and a missing signature with UnauthorizedError', () => {
    const url = 'https://abc123.execute-api.us-east-1.amazonaws.com/twilio/messages';
    const { body, headers } = signedTwilioForm(url, inbound, TOKEN);
    const forged = eventFor(url, body, { ...headers, 'x-twilio-signature': 'AAAAAAAAAAAAAAAAAAAAAAAAAAA=' });
    expect(() => verifyTwilioRequest(forged, { authToken: TOKEN })).toThrow(UnauthorizedError);
    expect(() => verifyTwilioRequest(eventFor(url, body, headers), { authToken: 'other-token' })).toThrow(
      UnauthorizedError,
    );
    const unsigned = eventFor(url, body, { 'content-type': 'application/x-www-form-urlencoded' });
    expect(() => verifyTwilioRequest(unsigned, { authToken: TOKEN })).toThrow(/missing X-Twilio-Signature/);
  });

  it('rejects a body tampered with after signing', () => {
    const url = 'https://abc123.execute-api.us-east-1.amazonaws.com/twilio/messages';
    const { headers } = signedTwilioForm(url, inbound, TOKEN);
    const tampered = new URLSearchParams({ ...inbound, Body: 'refund me $1000' }).toString();
    expect(() => verifyTwilioRequest(eventFor(url, tampered, headers), { authToken: TOKEN })).toThrow(
      UnauthorizedError,
    );
  });

  it('finds the signature header whatever its case', () => {
    const url = 'https://abc123.execute-api.us-east-1.amazonaws.com/twilio/messages';
    const { body, headers } = signedTwilioForm(url, inbound, TOKEN);
    const event = eventFor(url, body, {
      'Content-Type': 'application/x-www-form-urlencoded; charset=utf-8',
      'X-Twilio-Signature': headers['x-twilio-signature'] ?? '',
    });
    expect(verifyTwilioRequest(event, { authToken: TOKEN })).toEqual(inbound);
  });
});

describe('verifyTwilioRequest: hostile bodies', () => {
  const url = 'https://abc123.execute-api.us-east-1.amazonaws.com/twilio/messages';
  /** A correctly signed event whose raw body is replaced by `raw` (signature over `params`). */
  const withRawBody = (raw: string, params: Record<string, string> = inbound) => {
    const { headers } = signedTwilioForm(url, params, TOKEN);
    return eventFor(url, raw, headers);
  };

  it.each([
    ['plain', false],
    ['base64', true],
  ] as const)(
    'refuses a %s body above 64 KB with PayloadTooLargeError, even when it is correctly signed',
    (_, base64) => {
      const big = { ...inbound, Body: 'x'.repeat(MAX_TWILIO_BODY_BYTES) };
      const { body, headers } = signedTwilioForm(url, big, TOKEN);
      const event = eventFor(url, body, headers, { base64 });
      expect(() => verifyTwilioRequest(event, { authToken: TOKEN })).toThrow(PayloadTooLargeError);
      // Unsigned, it is refused for its size just the same, before the signature is looked at.
      const unsigned = eventFor(url, body, FORM, { base64 });
      expect(() => verifyTwilioRequest(unsigned, { authToken: TOKEN })).toThrow(PayloadTooLargeError);
    },
  );

  it('accepts a signed body just under 64 KB (measured decoded, also when base64-encoded)', () => {
    const params = { ...inbound, Body: '' };
    const overhead = new URLSearchParams(params).toString().length;
    const near = { ...params, Body: 'y'.repeat(MAX_TWILIO_BODY_BYTES - overhead) };
    const { body, headers } = signedTwilioForm(url, near, TOKEN);
    expect(body.length).toBe(MAX_TWILIO_BODY_BYTES);
    expect(verifyTwilioRequest(eventFor(url, body, headers, { base64: true }), { authToken: TOKEN })).toEqual(
      near,
    );
  });

  it('refuses a body that is not a form post (missing or other content type) with ValidationError', () => {
    const { body, headers } = signedTwilioForm(url, inbound, TOKEN);
    for (const contentType of ['application/json', 'text/plain', 'multipart/form-data; boundary=x']) {
      const event = eventFor(url, body, { ...headers, 'content-type': contentType });
      expect(() => verifyTwilioRequest(event, { authToken: TOKEN }), contentType).toThrow(ValidationError);
    }
    const signature = headers['x-twilio-signature'] ?? '';
    const bare = eventFor(url, body, { 'x-twilio-signature': signature });
    expect(() => verifyTwilioRequest(bare, { authToken: TOKEN })).toThrow(/x-www-form-urlencoded/);
  });

  it.each([
    ['a stray %', 'Body=100%&From=%2B15551230000'],
    ['a truncated escape', 'Body=%E2%82&From=%2B15551230000'],
    ['an escape that is not UTF-8', 'Body=%FF%FE&From=%2B15551230000'],
    ['a bad hex escape', 'Body=%ZZ&From=%2B15551230000'],
  ])('refuses a body with %s as malformed (not repaired the way URLSearchParams would)', (_, raw) => {
    expect(() => verifyTwilioRequest(withRawBody(raw), { authToken: TOKEN })).toThrow(
      /malformed percent-encoding/,
    );
  });

  it('refuses a base64 body whose bytes are not UTF-8', () => {
    const { headers } = signedTwilioForm(url, inbound, TOKEN);
    const event = eventFor(url, '', headers);
    event.body = Buffer.from([0x42, 0x6f, 0x64, 0x79, 0x3d, 0xff, 0xfe]).toString('base64');
    event.isBase64Encoded = true;
    expect(() => verifyTwilioRequest(event, { authToken: TOKEN })).toThrow(/not UTF-8/);
  });

  it('refuses more than the maximum number of form parameters', () => {
    const many = Array.from({ length: MAX_TWILIO_PARAMS + 1 }, (_, i) => `P${i}=1`).join('&');
    expect(() => verifyTwilioRequest(withRawBody(many), { authToken: TOKEN })).toThrow(/form parameters/);
    const params = Object.fromEntries(Array.from({ length: MAX_TWILIO_PARAMS }, (_, i) => [`P${i}`, '1']));
    const { body, headers } = signedTwilioForm(url, params, TOKEN);
    expect(verifyTwilioRequest(eventFor(url, body, headers), { authToken: TOKEN })).toEqual(params);
  });

  it('keeps a __proto__ parameter as plain data', () => {
    const params: Record<string, string> = Object.fromEntries([
      ...Object.entries(inbound),
      ['__proto__', 'polluted'],
    ]);
    const { body, headers } = signedTwilioForm(url, params, TOKEN);
    expect(body).toContain('__proto__=polluted');
    const parsed = verifyTwilioRequest(eventFor(url, body, headers), { authToken: TOKEN });
    expect(Object.getPrototypeOf(parsed)).toBe(Object.prototype);
    expect(Object.getOwnPropertyDescriptor(parsed, '__proto__')?.value).toBe('polluted');
  });
});

describe('parseInboundMessage', () => {
  it('reads a WhatsApp message: channel, bare E.164 customer, reply address, business number as given, name', () => {
    expect(parseInboundMessage(inbound)).toEqual({
      messageSid: inbound.MessageSid,
      accountSid: inbound.AccountSid,
      channel: 'whatsapp',
      customerAddress: '+15551230000',
      customerTo: 'whatsapp:+15551230000',
      businessAddress: 'whatsapp:+15559990000',
      body: inbound.Body,
      profileName: 'Ada Lovelace',
      media: [],
    });
  });

  it('reads an SMS message (no whatsapp: prefix) and ignores unknown fields', () => {
    const parsed = parseInboundMessage({
      MessageSid: 'SM1',
      From: '+447700900123',
      To: '+15559990000',
      Body: 'hi',
      FromCountry: 'GB',
      SmsSid: 'SM1',
    });
    expect(parsed).toEqual({
      messageSid: 'SM1',
      channel: 'sms',
      customerAddress: '+447700900123',
      customerTo: '+447700900123',
      businessAddress: '+15559990000',
      body: 'hi',
      media: [],
    });
  });

  it('collects media from NumMedia / MediaUrlN / MediaContentTypeN; a media-only message has an empty body', () => {
    const parsed = parseInboundMessage({
      MessageSid: 'MM1',
      From: 'whatsapp:+15551230000',
      To: 'whatsapp:+15559990000',
      NumMedia: '2',
      MediaUrl0: 'https://api.twilio.com/2010-04-01/Accounts/AC1/Messages/MM1/Media/ME0',
      MediaContentType0: 'image/jpeg',
      MediaUrl1: 'https://api.twilio.com/2010-04-01/Accounts/AC1/Messages/MM1/Media/ME1',
      MediaContentType1: 'application/pdf',
    });
    expect(parsed.body).toBe('');
    expect(parsed.media).toEqual([
      {
        url: 'https://api.twilio.com/2010-04-01/Accounts/AC1/Messages/MM1/Media/ME0',
        contentType: 'image/jpeg',
      },
      {
        url: 'https://api.twilio.com/2010-04-01/Accounts/AC1/Messages/MM1/Media/ME1',
        contentType: 'application/pdf',
      },
    ]);
  });

  it.each(['From', 'To', 'MessageSid'] as const)(
    'a body without %s is a ValidationError naming it',
    (field) => {
      const params: Record<string, string> = { ...inbound };
      delete params[field];
      expect(() => parseInboundMessage(params)).toThrow(ValidationError);
      expect(() => parseInboundMessage(params)).toThrow(new RegExp(`${field} is required`));
      expect(() => parseInboundMessage({ ...inbound, [field]: '  ' })).toThrow(
        new RegExp(`${field} is required`),
      );
    },
  );

  it('rejects a From that is not a phone number', () => {
    expect(() => parseInboundMessage({ ...inbound, From: 'whatsapp:hello' })).toThrow(/E\.164/);
  });

  it('rejects a malformed MessageSid and an overlong To, which would make oversized keys', () => {
    expect(() => parseInboundMessage({ ...inbound, MessageSid: 'SM'.repeat(600) })).toThrow(
      /MessageSid is malformed/,
    );
    expect(() => parseInboundMessage({ ...inbound, MessageSid: 'SM1#CONV' })).toThrow(/MessageSid/);
    expect(() => parseInboundMessage({ ...inbound, To: `whatsapp:+1${'5'.repeat(80)}` })).toThrow(
      /To is too long/,
    );
  });

  it('rejects a NumMedia that promises a missing MediaUrl', () => {
    expect(() => parseInboundMessage({ ...inbound, NumMedia: '1' })).toThrow(/MediaUrl0 is required/);
  });
});

describe('parseStatusCallback', () => {
  it('reads sid, status and error code of a failed delivery', () => {
    expect(
      parseStatusCallback({
        MessageSid: 'SM1',
        MessageStatus: 'undelivered',
        ErrorCode: '30003',
        AccountSid: 'AC1',
      }),
    ).toEqual({ messageSid: 'SM1', status: 'undelivered', errorCode: '30003' });
  });

  it('reads a plain delivered callback without an error code', () => {
    expect(parseStatusCallback({ MessageSid: 'SM1', MessageStatus: 'delivered' })).toEqual({
      messageSid: 'SM1',
      status: 'delivered',
    });
    expect(parseStatusCallback({ SmsSid: 'SM2', SmsStatus: 'read' })).toEqual({
      messageSid: 'SM2',
      status: 'read',
    });
  });

  it('is a ValidationError without MessageSid or status, or with an unknown status', () => {
    expect(() => parseStatusCallback({ MessageStatus: 'sent' })).toThrow(/MessageSid is required/);
    expect(() => parseStatusCallback({ MessageSid: 'SM1' })).toThrow(/MessageStatus is required/);
    expect(() => parseStatusCallback({ MessageSid: 'SM1', MessageStatus: 'teleported' })).toThrow(
      ValidationError,
    );
  });
});
