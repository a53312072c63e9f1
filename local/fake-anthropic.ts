/**
 * A loopback fake of the Anthropic Messages API (`POST /v1/messages`) for integration tests and the
 * local runtime. It checks the auth (`x-api-key` or bearer) and `anthropic-version` headers, records every request, and answers from a
 * script (status, body, headers, optional delay), then with a plain text reply.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fakeTranslation } from './fake-translations.ts';

/** One scripted answer. A missing body gets a default for the status (text reply or error JSON). */
export interface FakeResponse {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
  /** Wait this long before answering (to exercise client timeouts). */
  delayMs?: number;
}

/** The API key a request carries, from `x-api-key` or `Authorization: Bearer`. */
export function apiKeyOf(headers: Record<string, string | string[] | undefined>): string | undefined {
  const direct = headers['x-api-key'];
  if (typeof direct === 'string' && direct) return direct;
  const auth = headers.authorization;
  const bearer = typeof auth === 'string' ? /^Bearer\s+(\S+)$/i.exec(auth)?.[1] : undefined;
  return bearer || undefined;
}

/** A request the fake received. */
export interface RecordedRequest {
  method: string;
  path: string;
  headers: Record<string, string | string[] | undefined>;
  /** The parsed JSON body. */
  // biome-ignore lint/suspicious/noExplicitAny: tests inspect arbitrary wire JSON (system blocks, tools, messages).
  body: any;
}

/** A running fake. */
export interface FakeAnthropic {
  /** Base URL to give the SDK (`baseURL`). */
  url: string;
  /** Every request received, oldest first (including those answered with errors). */
  requests: RecordedRequest[];
  /** Queues the next responses, in order; once used up, requests get a simple text reply. */
  script(responses: FakeResponse[]): void;
  /** Forgets scripted responses not yet used and the recorded requests. */
  reset(): void;
  stop(): Promise<void>;
}

const ERROR_TYPES: Record<number, string> = {
  400: 'invalid_request_error',
  401: 'authentication_error',
  403: 'permission_error',
  404: 'not_found_error',
  413: 'request_too_large',
  429: 'rate_limit_error',
  500: 'api_error',
  529: 'overloaded_error',
};

/** An error body in the Messages API wire format. */
export function fakeError(status: number, message = 'fake error'): unknown {
  return { type: 'error', error: { type: ERROR_TYPES[status] ?? 'api_error', message } };
}

let messageCounter = 0;

/** A complete `message` body with the given content blocks. */
export function fakeMessage(
  content: unknown[],
  options: { model?: string; stopReason?: string; usage?: Record<string, number> } = {},
): unknown {
  messageCounter++;
  return {
    id: `msg_fake_${String(messageCounter).padStart(6, '0')}`,
    type: 'message',
    role: 'assistant',
    model: options.model ?? 'claude-fake',
    content,
    stop_reason: options.stopReason ?? 'end_turn',
    stop_sequence: null,
    usage: {
      input_tokens: 100,
      output_tokens: 20,
      cache_creation_input_tokens: 0,
      cache_read_input_tokens: 0,
      ...options.usage,
    },
  };
}

/** A text reply body. */
export function fakeText(text: string, usage?: Record<string, number>): unknown {
  return fakeMessage([{ type: 'text', text }], usage ? { usage } : {});
}

/** A reply body that calls a tool (optionally with text before it). */
export function fakeToolUse(name: string, input: unknown, text?: string): unknown {
  return fakeMessage(
    [
      ...(text ? [{ type: 'text', text }] : []),
      { type: 'tool_use', id: `toolu_fake_${messageCounter + 1}`, name, input },
    ],
    { stopReason: 'tool_use' },
  );
}

/** Starts the fake on 127.0.0.1 (`port` 0 or absent: a free port). */
export async function startFakeAnthropic(options: { port?: number } = {}): Promise<FakeAnthropic> {
  const requests: RecordedRequest[] = [];
  const queue: FakeResponse[] = [];

  const send = (
    res: ServerResponse,
    status: number,
    body: unknown,
    headers: Record<string, string> = {},
  ): void => {
    const payload = JSON.stringify(body);
    res.writeHead(status, {
      'content-type': 'application/json',
      'content-length': Buffer.byteLength(payload),
      'request-id': `req_fake_${requests.length}`,
      ...headers,
    });
    res.end(payload);
  };

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks).toString('utf8');
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    let body: RecordedRequest['body'];
    try {
      body = raw ? JSON.parse(raw) : undefined;
    } catch {
      send(res, 400, fakeError(400, 'body is not valid JSON'));
      return;
    }
    requests.push({ method: req.method ?? 'GET', path, headers: { ...req.headers }, body });

    if (req.method !== 'POST' || path !== '/v1/messages') {
      send(res, 404, fakeError(404, `no route ${req.method} ${path}`));
      return;
    }
    // SDK 1.x sends the API key as `Authorization: Bearer`; older clients and curl use `x-api-key`.
    if (!apiKeyOf(req.headers)) {
      send(res, 401, fakeError(401, 'x-api-key or authorization header is required'));
      return;
    }
    if (!req.headers['anthropic-version']) {
      send(res, 400, fakeError(400, 'anthropic-version header is required'));
      return;
    }
    if (!body || typeof body.model !== 'string' || !Array.isArray(body.messages) || !body.max_tokens) {
      send(res, 400, fakeError(400, 'model, messages and max_tokens are required'));
      return;
    }

    const next = queue.shift();
    if (next?.delayMs) await new Promise((resolve) => setTimeout(resolve, next.delayMs));
    if (res.destroyed) return;
    if (!next) {
      // Tandem's translation prompt is answered from the phrase table (see fake-translations.ts).
      send(res, 200, fakeText(fakeTranslation(body) ?? 'Hello from the fake Anthropic API.'));
      return;
    }
    const fallbackBody =
      next.status >= 400 ? fakeError(next.status) : fakeText('Hello from the fake Anthropic API.');
    send(res, next.status, next.body ?? fallbackBody, next.headers);
  };

  const server = createServer((req, res) => {
    handle(req, res).catch(() => {
      if (!res.headersSent) send(res, 500, fakeError(500, 'fake crashed'));
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    script(responses) {
      queue.push(...responses);
    },
    reset() {
      queue.length = 0;
      requests.length = 0;
    },
    stop() {
      return new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      });
    },
  };
}
