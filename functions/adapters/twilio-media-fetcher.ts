/**
 * `MediaFetcher` over Twilio's media URLs (`MediaUrl0…` of an inbound message): a GET with the account's
 * basic auth (HTTP Basic auth on media is on by default for new accounts). Twilio answers with a redirect to
 * its file store; `fetch` follows it and drops the Authorization header on the way (another origin), as it
 * should. Only URLs on the configured Twilio API origin are fetched, so a forged URL cannot make Tandem send
 * its credentials (or requests) elsewhere; a body larger than `maxBytes` is refused before it is read whole.
 */
import { MediaUnavailableError } from '#core/errors.ts';
import type { Media } from '#core/model.ts';
import type { MediaFetcher, MediaFile } from '#core/ports.ts';

/** Options of `TwilioMediaFetcher`. */
export interface TwilioMediaFetcherOptions {
  accountSid: string;
  authToken: string;
  /** The API origin media URLs must be on (the loopback fake in dev and tests). @default 'https://api.twilio.com' */
  apiUrl?: string;
  /** @default 10000 */
  timeoutMs?: number;
}

/** Fetches inbound media from Twilio with the account's credentials. */
export class TwilioMediaFetcher implements MediaFetcher {
  private readonly origin: string;
  private readonly authorization: string;
  private readonly timeoutMs: number;

  constructor(options: TwilioMediaFetcherOptions) {
    this.origin = new URL(options.apiUrl ?? 'https://api.twilio.com').origin;
    this.authorization = `Basic ${Buffer.from(`${options.accountSid}:${options.authToken}`).toString('base64')}`;
    this.timeoutMs = options.timeoutMs ?? 10_000;
  }

  async fetch(media: Media, options: { filename: string; maxBytes: number }): Promise<MediaFile> {
    let url: URL;
    try {
      url = new URL(media.url);
    } catch {
      throw new MediaUnavailableError('the media URL is not a URL');
    }
    if (url.origin !== this.origin || !url.pathname.startsWith('/2010-04-01/Accounts/')) {
      throw new MediaUnavailableError(`media URL not on the Twilio API (${url.host})`);
    }
    const response = await fetch(url, {
      headers: { authorization: this.authorization },
      signal: AbortSignal.timeout(this.timeoutMs),
    });
    if (response.status === 404 || response.status === 410) {
      throw new MediaUnavailableError(`the media is gone (HTTP ${response.status})`);
    }
    if (!response.ok) throw new Error(`Twilio media fetch failed (HTTP ${response.status})`);
    const length = Number(response.headers.get('content-length') ?? Number.NaN);
    if (length > options.maxBytes) {
      await response.body?.cancel();
      throw new MediaUnavailableError(`the media is too large (${length} bytes)`);
    }
    const data = new Uint8Array(await response.arrayBuffer());
    if (data.byteLength > options.maxBytes) {
      throw new MediaUnavailableError(`the media is too large (${data.byteLength} bytes)`);
    }
    const contentType = (response.headers.get('content-type') ?? media.contentType).split(';')[0]!.trim();
    return { data, contentType: contentType || media.contentType, filename: options.filename };
  }
}
