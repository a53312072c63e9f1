/**
 * TwilioCustomerChannel — messages to customers through the official `twilio` SDK.
 * The SDK is loaded on the first send (dynamic import), so functions that only receive webhooks never
 * pay for it. Its HTTP client is wrapped to send to `apiUrl` (the SDK has no base-URL option), which is
 * how the local runtime and the tests point it at the loopback fake. The SDK's own 429 auto-retry stays
 * off: this adapter owns retries (429, 5xx, network) with exponential backoff and jitter.
 */
import type { Twilio } from 'twilio';
import type RequestClient from 'twilio/lib/base/RequestClient.js';
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

/** Sends SMS and WhatsApp messages with the `twilio` SDK; maps Twilio errors to `ChannelError` kinds. */
export class TwilioCustomerChannel implements CustomerChannel {
  private readonly options: Required<Omit<TwilioCustomerChannelOptions, 'statusCallbackUrl'>> &
    Pick<TwilioCustomerChannelOptions, 'statusCallbackUrl'>;
  private client?: Promise<Twilio>;

  constructor(options: TwilioCustomerChannelOptions) {
    this.options = {
      apiUrl: 'https://api.twilio.com',
      maxAttempts: 3,
      baseDelayMs: 200,
      timeoutMs: 10_000,
      ...options,
    };
  }

  /** Sends a free-text message. */
  sendText(message: ChannelText): Promise<{ providerId: string }> {
    return this.create({ from: message.from, to: message.to, body: message.body });
  }

  /** Sends an approved template (Content API) with its variables. */
  sendTemplate(message: ChannelTemplate): Promise<{ providerId: string }> {
    return this.create({
      from: message.from,
      to: message.to,
      contentSid: message.contentSid,
      contentVariables: JSON.stringify(message.variables),
    });
  }

  private async create(params: {
    from: string;
    to: string;
    body?: string;
    contentSid?: string;
    contentVariables?: string;
  }): Promise<{ providerId: string }> {
    const client = await this.loadClient();
    const { statusCallbackUrl, maxAttempts, baseDelayMs } = this.options;
    for (let attempt = 1; ; attempt++) {
      try {
        const created = await client.messages.create({
          ...params,
          ...(statusCallbackUrl ? { statusCallback: statusCallbackUrl } : {}),
        });
        return { providerId: created.sid };
      } catch (error) {
        const failure = classify(error);
        // Not a Twilio answer nor a network failure: a bug, surfaced as is.
        if (!failure) throw error;
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
  }

  private loadClient(): Promise<Twilio> {
    this.client ??= createClient(this.options).catch((error: unknown) => {
      this.client = undefined;
      throw error;
    });
    return this.client;
  }
}

async function createClient(options: {
  accountSid: string;
  authToken: string;
  apiUrl: string;
  timeoutMs: number;
}): Promise<Twilio> {
  const [{ default: twilio }, { default: BaseRequestClient }] = await Promise.all([
    import('twilio'),
    import('twilio/lib/base/RequestClient.js'),
  ]);
  const base = new URL(options.apiUrl);
  const rewrite = base.origin !== 'https://api.twilio.com';

  /** The SDK's request client with every request sent to `apiUrl` (same path and query). */
  class ApiUrlRequestClient extends BaseRequestClient {
    override request<TData>(opts: RequestClient.RequestOptions<TData>) {
      if (!rewrite) return super.request(opts);
      const target = new URL(opts.uri);
      const prefix = base.pathname.replace(/\/+$/, '');
      return super.request({
        ...opts,
        uri: `${base.origin}${prefix}${target.pathname}${target.search}`,
      });
    }
  }

  return twilio(options.accountSid, options.authToken, {
    // autoRetry stays false: our own loop retries, the SDK must not multiply attempts.
    autoRetry: false,
    httpClient: new ApiUrlRequestClient({ autoRetry: false, timeout: options.timeoutMs }),
  });
}

/** Network failures before the request reached Twilio: the message surely was not created. */
const NOT_SENT_NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ENETUNREACH',
  'EHOSTUNREACH',
]);

/**
 * What a failed create means. Twilio answering with an error (4xx, 429, 5xx with its error body) did not
 * create the message; a gateway timeout (504) or a request that got no answer (timeout, reset) may have.
 */
function classify(
  error: unknown,
): { kind: ChannelFailure; code?: number | string; detail: string; maybeSent: boolean } | undefined {
  const e = (error ?? {}) as { status?: unknown; code?: unknown; message?: unknown; isAxiosError?: unknown };
  const message = typeof e.message === 'string' ? e.message : String(error);
  const code = typeof e.code === 'number' ? e.code : undefined;
  const final = code !== undefined ? FINAL_CODES[code] : undefined;
  if (final) return { kind: final, code, detail: `${code} ${message}`, maybeSent: false };
  if (typeof e.status === 'number') {
    const status = e.status;
    const kind: ChannelFailure = status === 429 || status >= 500 ? 'transient' : 'rejected';
    return {
      kind,
      code: code ?? status,
      detail: `HTTP ${status}${code ? ` (${code})` : ''} ${message}`,
      maybeSent: status === 504,
    };
  }
  // No HTTP status: the request never got an answer (refused, reset, timeout).
  if (e.isAxiosError !== true && typeof e.code !== 'string') return undefined;
  const networkCode = typeof e.code === 'string' ? e.code : undefined;
  return {
    kind: 'transient',
    ...(networkCode ? { code: networkCode } : {}),
    detail: message,
    maybeSent: !(networkCode && NOT_SENT_NETWORK_CODES.has(networkCode)),
  };
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
