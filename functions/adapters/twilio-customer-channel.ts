/**
 * TwilioCustomerChannel — messages to customers through Twilio's Messages REST resource, called with
 * `fetch`: one form-encoded POST to `/2010-04-01/Accounts/{AccountSid}/Messages.json` with Basic auth,
 * exactly the request the official `twilio` SDK makes for `messages.create` (checked against the same
 * fake in test/integration/fake-twilio.test.ts). The SDK itself (3 MB bundled, with axios, qs, xmlbuilder
 * and dayjs) is not used: a send is all the functions do with it. `apiUrl` points it at the loopback fake
 * locally and in the tests. This adapter owns retries (429, 5xx, network) with exponential backoff and
 * jitter, and never repeats a request that may have created the message.
 */
import { ChannelError, type ChannelFailure } from '../core/errors.ts';
import type { ChannelTemplate, ChannelText, CustomerChannel } from '../core/ports.ts';

/** Configuration of the Twilio channel. */
export interface TwilioCustomerChannelOptions {
  accountSid: string;
  authToken: string;
  /** Base URL of the Twilio REST API. @default 'https://api.twilio.com' */
  apiUrl?: string;
  /** Where Twilio posts delivery status (`POST /twilio/status`); omitted when not set. */
  statusCallbackUrl?: string;
  /** Attempts per message for transient failures (429, 5xx, network). @default 3 */
  maxAttempts?: number;
  /** First backoff delay; doubles per attempt, plus jitter. @default 200 */
  baseDelayMs?: number;
  /** Per-request timeout. @default 10000 */
  timeoutMs?: number;
}

const FINAL_CODES: Record<number, ChannelFailure> = {
  21610: 'opted_out',
  63016: 'window_closed',
  21211: 'invalid_number',
  21614: 'invalid_number',
};

/** The form parameters of a Messages create, named as Twilio names them. */
interface CreateParams {
  From: string;
  To: string;
  Body?: string;
  ContentSid?: string;
  ContentVariables?: string;
}

/** Sends SMS and WhatsApp messages with Twilio's REST API; maps Twilio errors to `ChannelError` kinds. */
export class TwilioCustomerChannel implements CustomerChannel {
  private readonly options: Required<Omit<TwilioCustomerChannelOptions, 'statusCallbackUrl'>> &
    Pick<TwilioCustomerChannelOptions, 'statusCallbackUrl'>;
  private readonly endpoint: string;
  private readonly authorization: string;

  constructor(options: TwilioCustomerChannelOptions) {
    this.options = {
      apiUrl: 'https://api.twilio.com',
      maxAttempts: 3,
      baseDelayMs: 200,
      timeoutMs: 10_000,
      ...options,
    };
    const base = new URL(this.options.apiUrl);
    const prefix = base.pathname.replace(/\/+$/, '');
    this.endpoint = `${base.origin}${prefix}/2010-04-01/Accounts/${encodeURIComponent(options.accountSid)}/Messages.json`;
    this.authorization = `Basic ${Buffer.from(`${options.accountSid}:${options.authToken}`).toString('base64')}`;
  }

  /** Sends a free-text message. */
  sendText(message: ChannelText): Promise<{ providerId: string }> {
    return this.create({ From: message.from, To: message.to, Body: message.body }, message.deliveryRef);
  }

  /** Sends an approved template (Content API) with its variables. */
  sendTemplate(message: ChannelTemplate): Promise<{ providerId: string }> {
    return this.create(
      {
        From: message.from,
        To: message.to,
        ContentSid: message.contentSid,
        ContentVariables: JSON.stringify(message.variables),
      },
      message.deliveryRef,
    );
  }

  private async create(params: CreateParams, deliveryRef?: string): Promise<{ providerId: string }> {
    const { statusCallbackUrl, maxAttempts, baseDelayMs } = this.options;
    const form = new URLSearchParams();
    for (const [name, value] of Object.entries(params)) if (value !== undefined) form.set(name, value);
    if (statusCallbackUrl) {
      // The reference comes back in the callback's URL, which Twilio's signature covers.
      const callback = new URL(statusCallbackUrl);
      if (deliveryRef) callback.searchParams.set('ref', deliveryRef);
      form.set('StatusCallback', callback.href);
    }
    const body = form.toString();
    for (let attempt = 1; ; attempt++) {
      const outcome = await this.post(body);
      if ('sid' in outcome) return { providerId: outcome.sid };
      const failure = outcome;
      // A request that may have created the message is never repeated here: that could send it twice.
      if (failure.kind !== 'transient' || failure.maybeSent || attempt >= maxAttempts) {
        throw new ChannelError(
          failure.kind,
          `twilio send failed${failure.kind === 'transient' ? ` after ${attempt} attempts` : ''}: ${failure.detail}`,
          failure.code,
          failure.maybeSent,
        );
      }
      // Exponential backoff with jitter, capped so a Lambda invocation stays within its timeout.
      const delay = Math.min(baseDelayMs * 2 ** (attempt - 1), 5_000);
      await sleep(delay / 2 + Math.random() * (delay / 2));
    }
  }

  /** One create request: the new message's sid, or what the failure means. */
  private async post(body: string): Promise<{ sid: string } | Failure> {
    let response: Response;
    try {
      response = await fetch(this.endpoint, {
        method: 'POST',
        headers: {
          authorization: this.authorization,
          accept: 'application/json',
          'content-type': 'application/x-www-form-urlencoded',
        },
        body,
        signal: AbortSignal.timeout(this.options.timeoutMs),
      });
    } catch (error) {
      return networkFailure(error);
    }
    let text: string;
    try {
      text = await response.text();
    } catch (error) {
      // The answer was cut off: on a success status the message exists, on an error status it does not.
      return response.ok ? networkFailure(error) : httpFailure(response.status, undefined, String(error));
    }
    const answer = parseJson(text);
    if (response.ok) {
      const sid = (answer as { sid?: unknown } | undefined)?.sid;
      if (typeof sid === 'string') return { sid };
      // Twilio said yes but the answer names no message: it may well have been sent.
      return { kind: 'transient', detail: `HTTP ${response.status} without a message sid`, maybeSent: true };
    }
    const error = (answer ?? {}) as { code?: unknown; message?: unknown };
    return httpFailure(
      response.status,
      typeof error.code === 'number' ? error.code : undefined,
      typeof error.message === 'string' ? error.message : text.slice(0, 200) || response.statusText,
    );
  }
}

/** What a failed create means, and whether the message may nevertheless exist. */
interface Failure {
  kind: ChannelFailure;
  code?: number | string;
  detail: string;
  maybeSent: boolean;
}

/**
 * Twilio answering with an error (4xx, 429, 5xx with its error body) did not create the message; a
 * gateway timeout (504) may have. Known final codes (opt-out, closed window, bad number) come first.
 */
function httpFailure(status: number, code: number | undefined, message: string): Failure {
  const final = code !== undefined ? FINAL_CODES[code] : undefined;
  if (final) return { kind: final, code, detail: `${code} ${message}`, maybeSent: false };
  return {
    kind: status === 429 || status >= 500 ? 'transient' : 'rejected',
    code: code ?? status,
    detail: `HTTP ${status}${code ? ` (${code})` : ''} ${message}`,
    maybeSent: status === 504,
  };
}

/** Network failures before the request reached Twilio: the message surely was not created. */
const NOT_SENT_NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ENETUNREACH',
  'EHOSTUNREACH',
  // fetch refuses some ports (the spec's "bad port" list) before connecting.
  'ERR_BAD_PORT',
]);

/** No answer (refused, reset, timeout): transient; maybe sent unless the connection was never made. */
function networkFailure(error: unknown): Failure {
  const code = networkCode(error);
  const timedOut = error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError');
  const message = error instanceof Error ? error.message : String(error);
  return {
    kind: 'transient',
    ...(code ? { code } : timedOut ? { code: 'ETIMEDOUT' } : {}),
    detail: code ? `${message} (${code})` : message,
    maybeSent: !(code && NOT_SENT_NETWORK_CODES.has(code)),
  };
}

/** The system error code (`ECONNREFUSED`) behind a `fetch` failure: its cause, or an aggregated cause's. */
function networkCode(error: unknown): string | undefined {
  for (let current = error, depth = 0; current && depth < 4; depth++) {
    const { code, errors, cause } = current as { code?: unknown; errors?: unknown; cause?: unknown };
    if (typeof code === 'string' && /^E[A-Z_]+$/.test(code)) return code;
    if (current instanceof Error && current.message === 'bad port') return 'ERR_BAD_PORT';
    if (Array.isArray(errors)) {
      const inner = errors.map(networkCode).find((found) => found !== undefined);
      if (inner) return inner;
    }
    current = cause;
  }
  return undefined;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
