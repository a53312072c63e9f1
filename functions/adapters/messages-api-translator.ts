/**
 * `Translator` over a Messages API client (the Anthropic API or Amazon Bedrock: only the client differs, as
 * for `MessagesApiModel`). One user turn, no tools; retries on 429, 5xx and connection errors
 * with the same full-jitter backoff; `ModelUnavailableError` when it cannot answer.
 */
import { ModelUnavailableError } from '#core/errors.ts';
import type { TranslationRequest, Translator } from '#core/ports.ts';
import { backoffDelay, isRetryable, type MessagesClient } from './anthropic-model.ts';

/** Options of `MessagesApiTranslator`. */
export interface MessagesApiTranslatorOptions {
  /** Model id (Anthropic) or Bedrock model id / inference profile. */
  model: string;
  /** Per-call timeout in ms. */
  timeoutMs: number;
  /** Retries after the first attempt. @default 2 */
  maxRetries?: number;
  /** Waits between attempts (tests). @default setTimeout */
  sleep?: (ms: number) => Promise<void>;
}

/** Translation with Claude through a Messages API client built with `maxRetries: 0`. */
export class MessagesApiTranslator implements Translator {
  private readonly sleep: (ms: number) => Promise<void>;

  constructor(
    readonly name: string,
    private readonly client: MessagesClient,
    private readonly options: MessagesApiTranslatorOptions,
  ) {
    this.sleep = options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
  }

  async translate(request: TranslationRequest): Promise<string> {
    const retries = this.options.maxRetries ?? 2;
    let lastError: unknown;
    for (let attempt = 0; attempt <= retries; attempt++) {
      if (attempt > 0) await this.sleep(backoffDelay(attempt - 1, 250, 4000, Math.random));
      try {
        const message = await this.client.messages.create(
          {
            model: this.options.model,
            max_tokens: request.maxTokens,
            system: request.system,
            messages: [{ role: 'user', content: request.user }],
          },
          { timeout: this.options.timeoutMs, maxRetries: 0 },
        );
        return message.content
          .map((block) => (block.type === 'text' ? block.text : ''))
          .join('')
          .trim();
      } catch (error) {
        lastError = error;
        if (!isRetryable(error)) break;
      }
    }
    throw new ModelUnavailableError(`${this.name} translation unavailable`, { cause: lastError });
  }
}
