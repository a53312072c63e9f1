/**
 * A local stand-in for an API Gateway HTTP API with Lambda proxy integrations (payload format 2.0):
 * each request becomes the event API Gateway would send, and the handler's result becomes the response.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type {
  APIGatewayProxyEventV2,
  APIGatewayProxyResultV2,
  APIGatewayProxyStructuredResultV2,
  Context,
} from 'aws-lambda';
import type { RequestCounter } from './request-pressure.ts';

/** The account id the local runtime pretends to run in. */
export const LOCAL_ACCOUNT_ID = '123456789012';
/** The region the local runtime pretends to run in. */
export const LOCAL_REGION = 'us-east-1';
/** The id of the emulated HTTP API. */
export const LOCAL_API_ID = 'tandemlocal';
/** API Gateway's HTTP API payload limit (10 MB). */
const MAX_BODY_BYTES = 10 * 1024 * 1024;

/** A Lambda handler behind an HTTP API route (what `middy(...)` exports). */
export type HttpHandler = (
  event: APIGatewayProxyEventV2,
  context: Context,
) => Promise<APIGatewayProxyResultV2 | undefined | null | Record<string, unknown>>;

/** A route's target: a handler, or a handler with the function name its Lambda context reports. */
export type HttpRoute = HttpHandler | { functionName: string; handler: HttpHandler; timeoutSeconds?: number };

/** Routes keyed as API Gateway route keys: `'POST /twilio/messages'`. */
export type RouteTable = Record<string, HttpRoute>;

/**
 * Serves what the route table does not (health, static pages). `body` is the request body already read.
 * Returns `false` when it did not handle the request (the gateway then answers 404).
 */
export type FallbackHandler = (
  request: IncomingMessage,
  response: ServerResponse,
  body: Buffer,
) => boolean | Promise<boolean>;

/** One handled request, for a log line. */
export interface RequestLog {
  method: string;
  path: string;
  routeKey: string;
  statusCode: number;
  durationMs: number;
  /** Set when the handler threw (the client only saw a generic 500). */
  error?: unknown;
}

/** Options of `startApiGateway`. */
export interface ApiGatewayOptions {
  routes: RouteTable;
  fallback?: FallbackHandler;
  /** @default 0 (a random free port) */
  port?: number;
  /** @default '127.0.0.1' */
  host?: string;
  /** Called once per request, after the response was sent. */
  onRequest?: (log: RequestLog) => void;
  /** Counts the requests in flight (the queue consumers hold their receives while it is high). */
  pressure?: RequestCounter;
}

/** A running local API Gateway. */
export interface ApiGateway {
  url: string;
  port: number;
  server: Server;
  stop(): Promise<void>;
}

/** A raw HTTP request as the gateway saw it. */
export interface RawRequest {
  method: string;
  /** Path and query string exactly as sent (`/twilio/messages?x=1`). */
  url: string;
  /** Alternating names and values, as Node's `rawHeaders`. */
  rawHeaders: string[];
  body: Buffer;
  sourceIp: string;
  /** The local port the request arrived on (for `x-forwarded-port`). */
  localPort?: number;
}

/**
 * API Gateway passes a body as text only for these media types; everything else, including a missing
 * content type and `application/x-www-form-urlencoded`, arrives base64-encoded with `isBase64Encoded: true`.
 */
export function isTextContentType(contentType: string | undefined): boolean {
  if (!contentType) return false;
  const mediaType = contentType.split(';')[0]!.trim().toLowerCase();
  return (
    mediaType.startsWith('text/') ||
    mediaType === 'application/json' ||
    mediaType === 'application/xml' ||
    mediaType === 'application/javascript'
  );
}

/** Bytes drawn from the CSPRNG at once for the ids below. */
const RANDOM_POOL_BYTES = 4096;
let randomPool = Buffer.alloc(0);
let randomOffset = 0;

/**
 * `size` random bytes for request ids, trace ids and log stream names, cut from a pool refilled
 * {@link RANDOM_POOL_BYTES} at a time: each call of `randomBytes` cost about 0.1–0.2 ms here (profiled
 * under the throughput bench), three to four per request, for ids that need no fresh draw each.
 */
function pooledRandomBytes(size: number): Buffer {
  if (randomOffset + size > randomPool.length) {
    randomPool = randomBytes(RANDOM_POOL_BYTES);
    randomOffset = 0;
  }
  randomOffset += size;
  return randomPool.subarray(randomOffset - size, randomOffset);
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** API Gateway's `requestContext.time` format: `12/Mar/2020:19:03:58 +0000`. */
export function apiGatewayTime(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${pad(date.getUTCDate())}/${MONTHS[date.getUTCMonth()]}/${date.getUTCFullYear()}:${pad(
    date.getUTCHours(),
  )}:${pad(date.getUTCMinutes())}:${pad(date.getUTCSeconds())} +0000`;
}

/** Builds the payload-format-2.0 event API Gateway would send for `request` matched to `routeKey`. */
export function toApiGatewayEvent(
  request: RawRequest,
  routeKey: string,
  now: Date = new Date(),
): APIGatewayProxyEventV2 {
  const queryIndex = request.url.indexOf('?');
  const rawPath = queryIndex === -1 ? request.url : request.url.slice(0, queryIndex);
  const rawQueryString = queryIndex === -1 ? '' : request.url.slice(queryIndex + 1);

  // Duplicate headers are comma-joined; cookies move to their own field.
  const headers: Record<string, string> = {};
  const cookies: string[] = [];
  for (let i = 0; i + 1 < request.rawHeaders.length; i += 2) {
    const name = request.rawHeaders[i]!.toLowerCase();
    const value = request.rawHeaders[i + 1]!;
    if (name === 'cookie') {
      cookies.push(
        ...value
          .split(';')
          .map((cookie) => cookie.trim())
          .filter(Boolean),
      );
      continue;
    }
    headers[name] = name in headers ? `${headers[name]},${value}` : value;
  }
  // Headers API Gateway adds on its way to the integration.
  headers['x-forwarded-for'] = headers['x-forwarded-for']
    ? `${headers['x-forwarded-for']}, ${request.sourceIp}`
    : request.sourceIp;
  headers['x-forwarded-proto'] ??= 'http';
  if (request.localPort !== undefined) headers['x-forwarded-port'] ??= String(request.localPort);
  headers['x-amzn-trace-id'] ??=
    `Root=1-${Math.floor(now.getTime() / 1000).toString(16)}-${pooledRandomBytes(12).toString('hex')}`;

  const queryStringParameters: Record<string, string> = {};
  for (const [name, value] of new URLSearchParams(rawQueryString)) {
    queryStringParameters[name] =
      name in queryStringParameters ? `${queryStringParameters[name]},${value}` : value;
  }

  const domainName = headers.host ?? 'localhost';
  const method = request.method.toUpperCase();
  const event: APIGatewayProxyEventV2 = {
    version: '2.0',
    routeKey,
    rawPath,
    rawQueryString,
    headers,
    requestContext: {
      accountId: LOCAL_ACCOUNT_ID,
      apiId: LOCAL_API_ID,
      domainName,
      domainPrefix: domainName.split(':')[0]!.split('.')[0]!,
      http: {
        method,
        path: rawPath,
        protocol: 'HTTP/1.1',
        sourceIp: request.sourceIp,
        userAgent: headers['user-agent'] ?? '',
      },
      requestId: pooledRandomBytes(11).toString('base64'),
      routeKey,
      stage: '$default',
      time: apiGatewayTime(now),
      timeEpoch: now.getTime(),
    },
    isBase64Encoded: false,
  };
  if (cookies.length > 0) event.cookies = cookies;
  if (Object.keys(queryStringParameters).length > 0) event.queryStringParameters = queryStringParameters;
  if (request.body.length > 0) {
    if (isTextContentType(headers['content-type'])) {
      event.body = request.body.toString('utf8');
    } else {
      event.body = request.body.toString('base64');
      event.isBase64Encoded = true;
    }
  }
  return event;
}

/** A Lambda context object like the one the Lambda runtime passes to a handler. */
export function lambdaContext(functionName: string, timeoutSeconds = 30): Context {
  const deadline = Date.now() + timeoutSeconds * 1000;
  const today = new Date().toISOString().slice(0, 10).replaceAll('-', '/');
  return {
    callbackWaitsForEmptyEventLoop: true,
    functionName,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:${LOCAL_REGION}:${LOCAL_ACCOUNT_ID}:function:${functionName}`,
    memoryLimitInMB: '1024',
    awsRequestId: randomUUID(),
    logGroupName: `/aws/lambda/${functionName}`,
    logStreamName: `${today}/[$LATEST]${pooledRandomBytes(16).toString('hex')}`,
    getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
    done: () => {},
    fail: () => {},
    succeed: () => {},
  };
}

/** What the gateway sends back for a handler result. */
export interface HttpResponse {
  statusCode: number;
  headers: Record<string, string | string[]>;
  body: Buffer;
}

/**
 * Maps a handler result as API Gateway does for format 2.0: a structured result (with `statusCode`) is
 * used as given; any other value is a 200 `application/json` response whose body is the value as JSON
 * (a string is passed through as is).
 */
export function fromHandlerResult(result: unknown): HttpResponse {
  if (result !== null && typeof result === 'object' && 'statusCode' in result) {
    const structured = result as APIGatewayProxyStructuredResultV2;
    const headers: Record<string, string | string[]> = {};
    for (const [name, value] of Object.entries(structured.headers ?? {})) {
      headers[name.toLowerCase()] = String(value);
    }
    if (structured.cookies && structured.cookies.length > 0) headers['set-cookie'] = structured.cookies;
    const body = structured.body
      ? Buffer.from(structured.body, structured.isBase64Encoded ? 'base64' : 'utf8')
      : Buffer.alloc(0);
    return { statusCode: structured.statusCode ?? 200, headers, body };
  }
  const text = typeof result === 'string' ? result : result === undefined ? '' : JSON.stringify(result);
  return { statusCode: 200, headers: { 'content-type': 'application/json' }, body: Buffer.from(text) };
}

function json(statusCode: number, message: string): HttpResponse {
  return {
    statusCode,
    headers: { 'content-type': 'application/json' },
    body: Buffer.from(JSON.stringify({ message })),
  };
}

function send(response: ServerResponse, reply: HttpResponse): void {
  response.statusCode = reply.statusCode;
  for (const [name, value] of Object.entries(reply.headers)) response.setHeader(name, value);
  response.setHeader('content-length', reply.body.length);
  response.end(reply.body);
}

/**
 * Reads the body, or resolves `undefined` as soon as it is known to exceed the payload limit: at once
 * from `Content-Length`, else when the streamed bytes pass it. Nothing beyond the limit is buffered.
 */
function readBody(request: IncomingMessage): Promise<Buffer | undefined> {
  const declared = Number(request.headers['content-length']);
  if (Number.isFinite(declared) && declared > MAX_BODY_BYTES) return Promise.resolve(undefined);
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_BODY_BYTES) {
        chunks.push(chunk);
        return;
      }
      request.off('data', onData);
      resolve(undefined);
    };
    request.on('data', onData);
    request.on('end', () => resolve(Buffer.concat(chunks)));
    request.on('error', reject);
  });
}

/**
 * Answers 413 as API Gateway does, then closes the connection. Until the client has read the answer and
 * stopped sending, the rest of the body is discarded, never buffered, and at most another limit's worth:
 * closing at once would make the client's next write fail before it sees the 413.
 */
function refuseTooLarge(request: IncomingMessage, response: ServerResponse): void {
  let discarded = 0;
  request.on('data', (chunk: Buffer) => {
    discarded += chunk.length;
    if (discarded > MAX_BODY_BYTES) request.socket.destroy();
  });
  request.resume();
  response.once('finish', () => request.socket.end());
  send(response, json(413, 'Request Entity Too Large'));
}

/** Starts the local HTTP API on loopback and resolves once it listens. */
export async function startApiGateway(options: ApiGatewayOptions): Promise<ApiGateway> {
  const routes = new Map(Object.entries(options.routes));

  const server = createServer(async (request, response) => {
    options.pressure?.enter();
    response.once('close', () => options.pressure?.leave());
    const started = performance.now();
    const method = (request.method ?? 'GET').toUpperCase();
    const url = request.url ?? '/';
    const path = url.split('?')[0]!;
    const routeKey = `${method} ${path}`;
    let error: unknown;
    let statusCode = 500;
    try {
      const body = await readBody(request);
      const route = routes.get(routeKey);
      if (body === undefined) {
        refuseTooLarge(request, response);
      } else if (route) {
        const { handler, functionName, timeoutSeconds } =
          typeof route === 'function'
            ? { handler: route, functionName: functionNameOf(routeKey), timeoutSeconds: 30 }
            : route;
        const event = toApiGatewayEvent(
          {
            method,
            url,
            rawHeaders: request.rawHeaders,
            body,
            sourceIp: (request.socket.remoteAddress ?? '127.0.0.1').replace(/^::ffff:/, ''),
            localPort: request.socket.localPort,
          },
          routeKey,
        );
        let reply: HttpResponse;
        try {
          reply = fromHandlerResult(await handler(event, lambdaContext(functionName, timeoutSeconds)));
        } catch (thrown) {
          // Like API Gateway: the client sees a generic 500, never the error text.
          error = thrown;
          reply = json(500, 'Internal Server Error');
        }
        send(response, reply);
      } else if (!(options.fallback && (await options.fallback(request, response, body)))) {
        send(response, json(404, 'Not Found'));
      }
    } catch (thrown) {
      error = thrown;
      if (!response.headersSent) send(response, json(500, 'Internal Server Error'));
      else response.destroy();
    }
    statusCode = response.statusCode;
    options.onRequest?.({
      method,
      path,
      routeKey,
      statusCode,
      durationMs: Math.round(performance.now() - started),
      error,
    });
  });

  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://${host === '127.0.0.1' || host === '0.0.0.0' ? 'localhost' : host}:${port}`,
    port,
    server,
    stop: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** `POST /twilio/messages` → `tandem-twilio-messages`, the function name in the Lambda context. */
function functionNameOf(routeKey: string): string {
  const path = routeKey.split(' ')[1] ?? '';
  return `tandem-${path.replace(/^\//, '').replace(/[^A-Za-z0-9]+/g, '-') || 'root'}`;
}
