/**
 * A loopback fake of the Twilio Messages REST API, speaking Twilio's wire format, for `npm run dev`,
 * the playground and the tests. It records every created message, can script errors
 * (`failNext(21610)`, `failNext(429)`, `failNext(500, 500, Infinity)`) and lost responses
 * (`answerLateNext(2000)`: the message goes, the answer comes too late), and posts signed status
 * callbacks (`sent`, then `delivered` — or a scripted failure) to the message's StatusCallback URL.
 */
import { randomBytes } from 'node:crypto';
import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { getExpectedTwilioSignature } from 'twilio/lib/webhooks/webhooks.js';

/** A message the fake accepted (a successful `Messages.json` create). */
export interface FakeTwilioMessage {
  sid: string;
  from: string;
  to: string;
  body?: string;
  contentSid?: string;
  /** The raw JSON string as sent (`ContentVariables`). */
  contentVariables?: string;
  statusCallback?: string;
  /** ISO time it was received. */
  at: string;
}

/** One create request, whatever the outcome (for counting retries). */
export interface FakeTwilioRequest {
  at: string;
  params: Record<string, string>;
  /** HTTP status the fake answered. */
  status: number;
  /** Twilio error code of a scripted failure. */
  errorCode?: number;
}

/** A status callback the fake posted. */
export interface FakeTwilioCallback {
  url: string;
  params: Record<string, string>;
  /** HTTP status the receiver answered, or 0 when it could not be reached. */
  responseStatus: number;
}

/** A running fake Twilio API. */
export interface FakeTwilio {
  /** Base URL to use as `TWILIO_API_URL`, e.g. `http://127.0.0.1:4010`. */
  url: string;
  accountSid: string;
  authToken: string;
  /** Messages created, in order. */
  messages: FakeTwilioMessage[];
  /** Every create request, including scripted failures. */
  requests: FakeTwilioRequest[];
  /** Status callbacks posted, in order. */
  callbacks: FakeTwilioCallback[];
  /**
   * The next `times` creates fail with Twilio error `code`. HTTP-like codes (< 600) answer with that
   * status and Twilio code 20000 + code (429 → 20429); others default to HTTP 400.
   */
  failNext(code: number, httpStatus?: number, times?: number): void;
  /**
   * The next `times` creates are accepted (the message exists and is delivered) but answered only after
   * `delayMs`: a client with a shorter timeout sees no answer although the message went (a lost response).
   */
  answerLateNext(delayMs: number, times?: number): void;
  /** The next `times` accepted messages end in `status` with `ErrorCode` instead of `delivered`. */
  failDeliveryNext(errorCode: number, status?: 'failed' | 'undelivered', times?: number): void;
  /** Called for every created message; returns an unsubscribe function. */
  onMessage(listener: (message: FakeTwilioMessage) => void): () => void;
  /** Resolves with the messages once at least `count` were created; rejects after `timeoutMs`. */
  waitForMessages(count: number, timeoutMs?: number): Promise<FakeTwilioMessage[]>;
  /**
   * Stores an inbound attachment and returns its media URL (`…/Messages/MM…/Media/ME…`), as Twilio puts in
   * `MediaUrl0`; a GET with the account's basic auth answers the bytes with their content type.
   */
  addMedia(media: { contentType: string; data: Uint8Array }): string;
  /** Media GETs received (path and whether their auth was right). */
  mediaRequests: { path: string; authorized: boolean }[];
  /** Clears recorded messages, requests, callbacks and scripted failures (listeners stay). */
  reset(): void;
  stop(): Promise<void>;
}

/** Options of `startFakeTwilio`. */
export interface FakeTwilioOptions {
  /** Port on 127.0.0.1; 0 or absent picks a free one. */
  port?: number;
  accountSid: string;
  authToken: string;
  /** Delay before each status callback. @default 20 */
  statusDelayMs?: number;
}

const ERROR_MESSAGES: Record<number, string> = {
  21211: "The 'To' number is not a valid phone number.",
  21610: 'Attempt to send to unsubscribed recipient',
  21614: "'To' number is not a valid mobile number",
  63016: 'Failed to send freeform message because you are outside the allowed window. Please use a Template.',
  20429: 'Too Many Requests',
  20500: 'Internal Server Error',
  20503: 'Service Unavailable',
};

/** Starts the fake Twilio API on 127.0.0.1. */
export async function startFakeTwilio(options: FakeTwilioOptions): Promise<FakeTwilio> {
  const { accountSid, authToken } = options;
  const statusDelayMs = options.statusDelayMs ?? 20;
  const messages: FakeTwilioMessage[] = [];
  const requests: FakeTwilioRequest[] = [];
  const callbacks: FakeTwilioCallback[] = [];
  const listeners = new Set<(message: FakeTwilioMessage) => void>();
  let failures: { code: number; httpStatus: number; times: number }[] = [];
  let deliveryFailures: { errorCode: number; status: 'failed' | 'undelivered'; times: number }[] = [];
  let lateAnswers: { delayMs: number; times: number }[] = [];
  const timers = new Set<NodeJS.Timeout>();
  let stopped = false;
  const base = `/2010-04-01/Accounts/${accountSid}`;
  /** Inbound attachments by path (`addMedia`), and the GETs of them. */
  const media = new Map<string, { contentType: string; data: Uint8Array }>();
  const mediaRequests: { path: string; authorized: boolean }[] = [];

  const send = (res: ServerResponse, status: number, body: unknown) => {
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(JSON.stringify(body));
  };
  const twilioError = (res: ServerResponse, status: number, code: number, message?: string) =>
    send(res, status, {
      code,
      message: message ?? ERROR_MESSAGES[code] ?? `Error ${code}`,
      more_info: `https://www.twilio.com/docs/errors/${code}`,
      status,
    });

  const resource = (m: FakeTwilioMessage, status: string) => ({
    account_sid: accountSid,
    api_version: '2010-04-01',
    body: m.body ?? '',
    date_created: new Date(m.at).toUTCString().replace('GMT', '+0000'),
    date_sent: null,
    date_updated: new Date(m.at).toUTCString().replace('GMT', '+0000'),
    direction: 'outbound-api',
    error_code: null,
    error_message: null,
    from: m.from,
    messaging_service_sid: null,
    num_media: '0',
    num_segments: '1',
    price: null,
    price_unit: 'USD',
    sid: m.sid,
    status,
    subresource_uris: { media: `${base}/Messages/${m.sid}/Media.json` },
    to: m.to,
    uri: `${base}/Messages/${m.sid}.json`,
  });

  const postCallback = async (url: string, params: Record<string, string>) => {
    const signature = getExpectedTwilioSignature(authToken, url, params);
    let responseStatus = 0;
    try {
      const response = await fetch(url, {
        method: 'POST',
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          'x-twilio-signature': signature,
          'user-agent': 'TwilioProxy/1.1',
        },
        body: new URLSearchParams(params).toString(),
      });
      responseStatus = response.status;
      await response.arrayBuffer();
    } catch {
      // An unreachable receiver is recorded, not fatal: Twilio does not retry status callbacks either.
    }
    callbacks.push({ url, params, responseStatus });
  };

  const scheduleCallbacks = (m: FakeTwilioMessage) => {
    const url = m.statusCallback;
    if (!url) return;
    const failure = deliveryFailures[0];
    if (failure && --failure.times <= 0) deliveryFailures.shift();
    const common = {
      MessageSid: m.sid,
      SmsSid: m.sid,
      AccountSid: accountSid,
      From: m.from,
      To: m.to,
      ApiVersion: '2010-04-01',
    };
    const steps: Record<string, string>[] = [
      { ...common, MessageStatus: 'sent', SmsStatus: 'sent' },
      failure
        ? {
            ...common,
            MessageStatus: failure.status,
            SmsStatus: failure.status,
            ErrorCode: String(failure.errorCode),
          }
        : { ...common, MessageStatus: 'delivered', SmsStatus: 'delivered' },
    ];
    // Sequential, like Twilio: `delivered` is never posted before `sent` was answered.
    const next = (index: number) => {
      const params = steps[index];
      if (!params || stopped) return;
      const timer = setTimeout(() => {
        timers.delete(timer);
        void postCallback(url, params).then(() => next(index + 1));
      }, statusDelayMs);
      timers.add(timer);
    };
    next(0);
  };

  const handleCreate = (res: ServerResponse, body: string) => {
    const params = Object.fromEntries(new URLSearchParams(body));
    const record = (status: number, errorCode?: number) =>
      requests.push({ at: new Date().toISOString(), params, status, ...(errorCode ? { errorCode } : {}) });

    const failure = failures[0];
    if (failure) {
      if (--failure.times <= 0) failures.shift();
      const code = failure.code < 600 ? 20000 + failure.code : failure.code;
      record(failure.httpStatus, code);
      return twilioError(res, failure.httpStatus, code);
    }
    const { From: from, To: to, Body: text, ContentSid: contentSid } = params;
    if (!to) {
      record(400, 21604);
      return twilioError(res, 400, 21604, "A 'To' phone number is required.");
    }
    if (!from) {
      record(400, 21603);
      return twilioError(res, 400, 21603, "A 'From' phone number is required.");
    }
    if (!text && !contentSid) {
      record(400, 21602);
      return twilioError(res, 400, 21602, 'Message body is required.');
    }
    const message: FakeTwilioMessage = {
      sid: `SM${randomBytes(16).toString('hex')}`,
      from,
      to,
      ...(text !== undefined ? { body: text } : {}),
      ...(contentSid ? { contentSid } : {}),
      ...(params.ContentVariables !== undefined ? { contentVariables: params.ContentVariables } : {}),
      ...(params.StatusCallback ? { statusCallback: params.StatusCallback } : {}),
      at: new Date().toISOString(),
    };
    messages.push(message);
    record(201);
    const late = lateAnswers[0];
    if (late) {
      if (--late.times <= 0) lateAnswers.shift();
      const timer = setTimeout(() => {
        timers.delete(timer);
        if (!res.destroyed) send(res, 201, resource(message, 'queued'));
      }, late.delayMs);
      timers.add(timer);
    } else {
      send(res, 201, resource(message, 'queued'));
    }
    for (const listener of listeners) listener(message);
    scheduleCallbacks(message);
  };

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const path = new URL(req.url ?? '/', 'http://localhost').pathname;
      if (!path.startsWith('/2010-04-01/Accounts/')) return twilioError(res, 404, 20404, 'Not Found');
      if (req.method === 'GET' && /\/Media\/ME[0-9a-f]{32}$/.test(path)) {
        const ok = authorized(req.headers.authorization, accountSid, authToken);
        mediaRequests.push({ path, authorized: ok });
        if (!ok) return twilioError(res, 401, 20003, 'Authenticate');
        const item = media.get(path);
        if (!item) return twilioError(res, 404, 20404, `The requested resource ${path} was not found`);
        res.writeHead(200, { 'content-type': item.contentType, 'content-length': item.data.byteLength });
        res.end(Buffer.from(item.data));
        return;
      }
      if (!authorized(req.headers.authorization, accountSid, authToken) || !path.startsWith(`${base}/`)) {
        return twilioError(res, 401, 20003, 'Authenticate');
      }
      if (req.method === 'POST' && path === `${base}/Messages.json`) return handleCreate(res, body);
      const one = /^\/Messages\/(SM[0-9a-f]{32})\.json$/.exec(path.slice(base.length));
      const found = one && req.method === 'GET' ? messages.find((m) => m.sid === one[1]) : undefined;
      if (found) return send(res, 200, resource(found, 'delivered'));
      return twilioError(res, 404, 20404, `The requested resource ${path} was not found`);
    });
  });
  server.keepAliveTimeout = 1_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    accountSid,
    authToken,
    messages,
    requests,
    callbacks,
    mediaRequests,
    addMedia(item) {
      const path = `${base}/Messages/MM${randomBytes(16).toString('hex')}/Media/ME${randomBytes(16).toString('hex')}`;
      media.set(path, { contentType: item.contentType, data: item.data });
      return `http://127.0.0.1:${port}${path}`;
    },
    failNext(code, httpStatus, times = 1) {
      const status = httpStatus ?? (code >= 100 && code < 600 ? code : 400);
      failures.push({ code, httpStatus: status, times });
    },
    answerLateNext(delayMs, times = 1) {
      lateAnswers.push({ delayMs, times });
    },
    failDeliveryNext(errorCode, status = 'undelivered', times = 1) {
      deliveryFailures.push({ errorCode, status, times });
    },
    onMessage(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    waitForMessages(count, timeoutMs = 5_000) {
      if (messages.length >= count) return Promise.resolve([...messages]);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          listeners.delete(listener);
          reject(
            new Error(`fake Twilio: expected ${count} messages, got ${messages.length} in ${timeoutMs} ms`),
          );
        }, timeoutMs);
        const listener = () => {
          if (messages.length < count) return;
          clearTimeout(timer);
          listeners.delete(listener);
          resolve([...messages]);
        };
        listeners.add(listener);
      });
    },
    reset() {
      messages.length = 0;
      requests.length = 0;
      callbacks.length = 0;
      failures = [];
      deliveryFailures = [];
      lateAnswers = [];
    },
    async stop() {
      stopped = true;
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function authorized(header: string | undefined, accountSid: string, authToken: string): boolean {
  if (!header?.startsWith('Basic ')) return false;
  const decoded = Buffer.from(header.slice(6), 'base64').toString('utf8');
  return decoded === `${accountSid}:${authToken}`;
}
