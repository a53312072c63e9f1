/**
 * The business's own API over HTTPS (`BUSINESS_API_URL`, `Authorization: Bearer <token>`): JSON in and
 * out, a per-call timeout, a few retries with jittered backoff on network errors, 429 and 5xx (safe: write
 * actions carry an idempotency key), then `BusinessApiUnavailableError`. Other statuses are returned to the
 * caller, which decides (404: no such order). The token is never logged.
 */
import type { BusinessApi, BusinessRequest, BusinessResponse } from '#core/actions/model.ts';
import { BusinessApiUnavailableError } from '#core/errors.ts';

/** Options of `HttpBusinessApi`. */
export interface HttpBusinessApiOptions {
  /** Base URL, e.g. `https://api.example.com/v1`. */
  baseUrl: string;
  token: string;
  /** @default 5000 */
  timeoutMs?: number;
  /** Retries after the first attempt. @default 2 */
  maxRetries?: number;
  /** @default 200 */
  baseDelayMs?: number;
  /** Injectable for tests. */
  fetch?: typeof fetch;
  sleep?: (ms: number) => Promise<void>;
}

/** `BusinessApi` over `fetch`. */
export class HttpBusinessApi implements BusinessApi {
  private readonly base: string;

  constructor(private readonly options: HttpBusinessApiOptions) {
    this.base = options.baseUrl.replace(/\/+$/, '');
  }

  async request(request: BusinessRequest): Promise<BusinessResponse> {
    const doFetch = this.options.fetch ?? fetch;
    const sleep = this.options.sleep ?? ((ms: number) => new Promise((done) => setTimeout(done, ms)));
    const retries = this.options.maxRetries ?? 2;
    let last = 'no attempt';
    for (let attempt = 0; attempt <= retries; attempt++) {
      if (attempt > 0) await sleep(Math.random() * (this.options.baseDelayMs ?? 200) * 2 ** attempt);
      try {
        const response = await doFetch(`${this.base}${request.path}`, {
          method: request.method,
          headers: {
            authorization: `Bearer ${this.options.token}`,
            accept: 'application/json',
            ...(request.body ? { 'content-type': 'application/json' } : {}),
          },
          ...(request.body ? { body: JSON.stringify(request.body) } : {}),
          signal: AbortSignal.timeout(this.options.timeoutMs ?? 5000),
        });
        const text = await response.text();
        if (response.status === 429 || response.status >= 500) {
          last = `HTTP ${response.status}`;
          continue;
        }
        return { status: response.status, body: parseJson(text) };
      } catch (error) {
        last = error instanceof Error ? error.name : 'network error';
      }
    }
    throw new BusinessApiUnavailableError(
      `business API unavailable (${request.method} ${request.path.split('/')[1] ?? ''}: ${last})`,
    );
  }
}

function parseJson(text: string): unknown {
  try {
    return text ? JSON.parse(text) : undefined;
  } catch {
    return undefined;
  }
}
