import { request as httpRequest } from 'node:http';
import type { APIGatewayProxyEventV2, Context } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiGateway, apiGatewayTime, startApiGateway } from '#local/api-gateway.ts';

let gateway: ApiGateway;
const seen: { event: APIGatewayProxyEventV2; context: Context }[] = [];

beforeAll(async () => {
  gateway = await startApiGateway({
    routes: {
      'POST /twilio/messages': async (event, context) => {
        seen.push({ event, context });
        return { statusCode: 200, headers: { 'Content-Type': 'text/xml' }, body: '<Response/>' };
      },
      'POST /json': async (event) => ({ statusCode: 201, body: event.body ?? '' }),
      'GET /object': async () => ({ ok: true }),
      'GET /binary': async () => ({
        statusCode: 200,
        headers: { 'content-type': 'image/png', 'x-count': 3 },
        cookies: ['a=1; Path=/', 'b=2'],
        body: Buffer.from([0, 1, 2, 255]).toString('base64'),
        isBase64Encoded: true,
      }),
      'POST /boom': async () => {
        throw new Error('secret database password leaked');
      },
    },
    fallback: (request, response) => {
      if (request.method !== 'GET' || request.url !== '/health') return false;
      response.writeHead(200, { 'content-type': 'application/json' }).end('{"status":"ok"}');
      return true;
    },
  });
});

afterAll(async () => {
  await gateway.stop();
});

/** Raw request with exact control over duplicate headers. */
function send(
  method: string,
  path: string,
  headers: Record<string, string | string[]>,
  body?: string,
): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(`${gateway.url}${path}`, { method }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () =>
        resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks) }),
      );
    });
    req.on('error', reject);
    for (const [name, value] of Object.entries(headers)) req.setHeader(name, value);
    req.end(body);
  });
}

describe('local API Gateway', () => {
  it('turns a form POST with a query string into the exact HTTP API v2 event', async () => {
    const form = 'From=whatsapp%3A%2B15550001&Body=Hello+there';
    const before = Date.now();
    const response = await send(
      'POST',
      '/twilio/messages?token=a%20b&x=1&x=2',
      {
        'Content-Type': 'application/x-www-form-urlencoded',
        'X-Twilio-Signature': 'sig==',
        'X-Multi': ['one', 'two'],
        Cookie: 'session=abc; theme=dark',
        'User-Agent': 'TwilioProxy/1.1',
      },
      form,
    );
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toBe('text/xml');
    expect(response.body.toString()).toBe('<Response/>');

    const { event, context } = seen.at(-1)!;
    const host = new URL(gateway.url).host;
    expect(event).toEqual({
      version: '2.0',
      routeKey: 'POST /twilio/messages',
      rawPath: '/twilio/messages',
      rawQueryString: 'token=a%20b&x=1&x=2',
      cookies: ['session=abc', 'theme=dark'],
      headers: {
        host,
        connection: expect.any(String),
        'content-type': 'application/x-www-form-urlencoded',
        'content-length': String(form.length),
        'x-twilio-signature': 'sig==',
        'x-multi': 'one,two',
        'user-agent': 'TwilioProxy/1.1',
        'x-forwarded-for': '127.0.0.1',
        'x-forwarded-proto': 'http',
        'x-forwarded-port': String(gateway.port),
        'x-amzn-trace-id': expect.stringMatching(/^Root=1-[0-9a-f]{8}-[0-9a-f]{24}$/),
      },
      queryStringParameters: { token: 'a b', x: '1,2' },
      requestContext: {
        accountId: '123456789012',
        apiId: expect.any(String),
        domainName: host,
        domainPrefix: host.split(':')[0],
        http: {
          method: 'POST',
          path: '/twilio/messages',
          protocol: 'HTTP/1.1',
          sourceIp: '127.0.0.1',
          userAgent: 'TwilioProxy/1.1',
        },
        requestId: expect.any(String),
        routeKey: 'POST /twilio/messages',
        stage: '$default',
        time: expect.stringMatching(/^\d{2}\/[A-Z][a-z]{2}\/\d{4}:\d{2}:\d{2}:\d{2} \+0000$/),
        timeEpoch: expect.any(Number),
      },
      // HTTP APIs deliver form posts base64-encoded.
      body: Buffer.from(form).toString('base64'),
      isBase64Encoded: true,
    });
    expect(event.requestContext.timeEpoch).toBeGreaterThanOrEqual(before);
    expect(event.requestContext.time).toBe(apiGatewayTime(new Date(event.requestContext.timeEpoch)));
    expect(context.functionName).toBe('tandem-twilio-messages');
    expect(context.awsRequestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(context.getRemainingTimeInMillis()).toBeGreaterThan(0);
  });

  it('passes a JSON body as text and omits empty optional fields', async () => {
    const response = await send('POST', '/json', { 'content-type': 'application/json' }, '{"a":1}');
    expect(response.status).toBe(201);
    expect(response.body.toString()).toBe('{"a":1}');

    const other = await startApiGateway({
      routes: { 'GET /peek': async (event) => ({ statusCode: 200, body: JSON.stringify(event) }) },
    });
    try {
      const peek = await fetch(`${other.url}/peek`);
      const event = (await peek.json()) as APIGatewayProxyEventV2;
      expect(event.isBase64Encoded).toBe(false);
      expect(event.rawQueryString).toBe('');
      expect('body' in event).toBe(false);
      expect('cookies' in event).toBe(false);
      expect('queryStringParameters' in event).toBe(false);
    } finally {
      await other.stop();
    }
  });

  it('maps a structured result back: status, headers, cookies and a base64 body', async () => {
    const response = await send('GET', '/binary', {});
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toBe('image/png');
    expect(response.headers['x-count']).toBe('3');
    expect(response.headers['set-cookie']).toEqual(['a=1; Path=/', 'b=2']);
    expect([...response.body]).toEqual([0, 1, 2, 255]);
  });

  it('a result without statusCode becomes a 200 JSON response', async () => {
    const response = await send('GET', '/object', {});
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toBe('application/json');
    expect(JSON.parse(response.body.toString())).toEqual({ ok: true });
  });

  it('an unknown route is a 404 JSON message', async () => {
    const response = await send('POST', '/nowhere', {});
    expect(response.status).toBe(404);
    expect(JSON.parse(response.body.toString())).toEqual({ message: 'Not Found' });
    expect((await send('GET', '/twilio/messages', {})).status).toBe(404);
  });

  it('a handler that throws is a 500 that does not reveal the error', async () => {
    const response = await send('POST', '/boom', {});
    expect(response.status).toBe(500);
    expect(response.body.toString()).not.toContain('secret');
    expect(JSON.parse(response.body.toString())).toEqual({ message: 'Internal Server Error' });
  });

  it('plain routes are served by the fallback', async () => {
    const response = await send('GET', '/health', {});
    expect(response.status).toBe(200);
    expect(JSON.parse(response.body.toString())).toEqual({ status: 'ok' });
  });
});

describe('local API Gateway: payload limit', () => {
  const limit = 10 * 1024 * 1024;

  /** Starts a POST, writes `chunks` one by one until the gateway answers; resolves with the status. */
  function oversized(headers: Record<string, string>, chunks: Iterable<Buffer>): Promise<number> {
    return new Promise((resolve, reject) => {
      let answered = false;
      const req = httpRequest(`${gateway.url}/twilio/messages`, { method: 'POST', headers }, (res) => {
        answered = true;
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      // Once the gateway has answered and closed the connection, further writes may fail: expected.
      req.on('error', (error) => {
        if (!answered) reject(error);
      });
      const iterator = chunks[Symbol.iterator]();
      const writeNext = () => {
        if (answered) return;
        const next = iterator.next();
        if (next.done) return;
        if (req.write(next.value)) setImmediate(writeNext);
        else req.once('drain', writeNext);
      };
      writeNext();
    });
  }

  it('refuses a declared body above 10 MB with 413 before reading it, and stays healthy', async () => {
    const before = seen.length;
    // Only 1 KB of the declared 10 MB + 1 is ever sent: the answer must come from the header alone.
    const status = await oversized(
      { 'content-type': 'application/x-www-form-urlencoded', 'content-length': String(limit + 1) },
      [Buffer.alloc(1024, 'a')],
    );
    expect(status).toBe(413);
    expect(seen.length).toBe(before);
    expect((await send('GET', '/health', {})).status).toBe(200);
  });

  it('refuses a streamed (chunked) body once it passes 10 MB, and stays healthy', async () => {
    const before = seen.length;
    function* chunks() {
      // 1 MB at a time, up to 20 MB: the gateway must answer long before the stream ends.
      for (let i = 0; i < 20; i++) yield Buffer.alloc(1024 * 1024, 'a');
    }
    const status = await oversized(
      { 'content-type': 'application/x-www-form-urlencoded', 'transfer-encoding': 'chunked' },
      chunks(),
    );
    expect(status).toBe(413);
    expect(seen.length).toBe(before);
    expect((await send('GET', '/health', {})).status).toBe(200);
  });

  it('passes a body just under the limit to the handler', async () => {
    const before = seen.length;
    const response = await send(
      'POST',
      '/twilio/messages',
      { 'content-type': 'application/x-www-form-urlencoded' },
      'a'.repeat(limit),
    );
    expect(response.status).toBe(200);
    expect(seen.length).toBe(before + 1);
  });
});
