/**
 * Composition root: the translator (customer messages for the desk, agent replies for the customer), on
 * the configured model provider. The offline responder cannot translate: no translator then, and the thread
 * says so. As in `model.ts`, a Lambda bundle keeps only its stage's provider (`TANDEM_BUNDLED_MODEL_PROVIDER`).
 */
import type { Translator } from '../core/ports.ts';
import { credentials, env } from './base.ts';
import { settings } from './settings.ts';

const provider = env.MODEL_PROVIDER ?? (credentials.ANTHROPIC_API_KEY ? 'anthropic' : 'offline');

async function buildTranslator(): Promise<Translator | undefined> {
  // One retry: the notifier translates inside a thread job, whose lease and Lambda timeout are bounded;
  // a translation that still fails leaves the original in the thread, marked as untranslated.
  const options = { model: settings.model.id, timeoutMs: settings.model.timeoutMs, maxRetries: 1 };
  if (
    provider === 'anthropic' &&
    (process.env.TANDEM_BUNDLED_MODEL_PROVIDER ?? 'anthropic') === 'anthropic' &&
    credentials.ANTHROPIC_API_KEY
  ) {
    const [{ default: Anthropic }, { MessagesApiTranslator }] = await Promise.all([
      import('@anthropic-ai/sdk'),
      import('../adapters/messages-api-translator.ts'),
    ]);
    const client = new Anthropic({
      apiKey: credentials.ANTHROPIC_API_KEY,
      ...(env.ANTHROPIC_BASE_URL ? { baseURL: env.ANTHROPIC_BASE_URL } : {}),
      timeout: settings.model.timeoutMs,
      maxRetries: 0,
    });
    return new MessagesApiTranslator('anthropic', client, options);
  }
  if (provider === 'bedrock' && (process.env.TANDEM_BUNDLED_MODEL_PROVIDER ?? 'bedrock') === 'bedrock') {
    const [{ AnthropicBedrock }, { MessagesApiTranslator }] = await Promise.all([
      import('@anthropic-ai/bedrock-sdk'),
      import('../adapters/messages-api-translator.ts'),
    ]);
    const client = new AnthropicBedrock({
      awsRegion: env.AWS_REGION,
      apiKey: null,
      timeout: settings.model.timeoutMs,
      maxRetries: 0,
    });
    return new MessagesApiTranslator('bedrock', client, options);
  }
  return undefined;
}

/** The translator, or none (offline). */
export const translator: Translator | undefined = await buildTranslator();

/** What the desk's translation needs: the desk language and the translator. */
export const translation = {
  deskLanguage: settings.languages.desk,
  ...(translator ? { translator } : {}),
};
