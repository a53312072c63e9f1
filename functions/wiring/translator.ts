/**
 * Composition root: the translator (customer messages for the desk, agent replies for the customer), on
 * the configured model provider. The offline responder cannot translate: no translator then, and the thread
 * says so. As in `model.ts`, a Lambda bundle keeps only its stage's provider (`TANDEM_BUNDLED_MODEL_PROVIDER`).
 * The provider's SDK is loaded and its client built on the first translation, not at cold start: most of
 * the notifier's jobs translate nothing, and evaluating the Anthropic SDK (432 KB) was a third of its import.
 */
import type { Translator } from '../core/ports.ts';
import { credentials, env } from './base.ts';
import { settings } from './settings.ts';

const provider = env.MODEL_PROVIDER ?? (credentials.ANTHROPIC_API_KEY ? 'anthropic' : 'offline');

/** A translator that builds the real one (`load`) on its first translation. */
function builtOnFirstUse(load: () => Promise<Translator>): Translator {
  let built: Promise<Translator> | undefined;
  return {
    translate: async (request) => {
      built ??= load().catch((error: unknown) => {
        built = undefined;
        throw error;
      });
      return (await built).translate(request);
    },
  };
}

function buildTranslator(): Translator | undefined {
  // One retry: the notifier translates inside a thread job, whose lease and Lambda timeout are bounded;
  // a translation that still fails leaves the original in the thread, marked as untranslated.
  const options = { model: settings.model.id, timeoutMs: settings.model.timeoutMs, maxRetries: 1 };
  const apiKey = credentials.ANTHROPIC_API_KEY;
  if (
    provider === 'anthropic' &&
    (process.env.TANDEM_BUNDLED_MODEL_PROVIDER ?? 'anthropic') === 'anthropic' &&
    apiKey
  ) {
    return builtOnFirstUse(async () => {
      const [{ default: Anthropic }, { MessagesApiTranslator }] = await Promise.all([
        import('@anthropic-ai/sdk'),
        import('../adapters/messages-api-translator.ts'),
      ]);
      const client = new Anthropic({
        apiKey,
        ...(env.ANTHROPIC_BASE_URL ? { baseURL: env.ANTHROPIC_BASE_URL } : {}),
        timeout: settings.model.timeoutMs,
        maxRetries: 0,
      });
      return new MessagesApiTranslator('anthropic', client, options);
    });
  }
  if (provider === 'bedrock' && (process.env.TANDEM_BUNDLED_MODEL_PROVIDER ?? 'bedrock') === 'bedrock') {
    return builtOnFirstUse(async () => {
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
    });
  }
  return undefined;
}

/** The translator, or none (offline). */
export const translator: Translator | undefined = buildTranslator();

/** What the desk's translation needs: the desk language and the translator. */
export const translation = {
  deskLanguage: settings.languages.desk,
  ...(translator ? { translator } : {}),
};
