/**
 * Composition root: knowledge base, language model and the prompt canary.
 * Provider: MODEL_PROVIDER, else Anthropic when a key is configured, else the offline responder.
 * Each provider's adapter (and SDK) is imported only when it is the one chosen. In a Lambda bundle,
 * `process.env.TANDEM_BUNDLED_MODEL_PROVIDER` is replaced at build time by the stage's provider (esbuild
 * `define`, see lib/constructs/tandem-function.ts), so the branches of the other providers, and their
 * SDKs, are dropped from the bundle; unbundled (tests, `npm run dev`) it is unset and every provider is there.
 */
import { loadKnowledge } from '../adapters/knowledge-loader.ts';
import { makeCanary } from '../core/guardrails/output.ts';
import type { LanguageModel } from '../core/ports.ts';
import { chooseModelProvider } from '../shared/model-provider.ts';
import { credentials, env } from './base.ts';
import { settings } from './settings.ts';

/** The knowledge base, loaded once at cold start. */
export const knowledge = loadKnowledge(env.KNOWLEDGE_DIR);

/** Which model answers. */
export const provider = chooseModelProvider(env.MODEL_PROVIDER, credentials.ANTHROPIC_API_KEY);

/**
 * The prompt canary: a reply that echoes it is leaking the prompt. Stable per deployment (seeded from a
 * deployment secret when there is one) so the system prompt, and with it the prompt cache, is the same
 * on every Lambda instance.
 */
export const canary = makeCanary(
  credentials.SLACK_SIGNING_SECRET ?? credentials.TWILIO_AUTH_TOKEN ?? env.TABLE_NAME,
);

async function buildModel(): Promise<LanguageModel> {
  if (
    provider === 'anthropic' &&
    (process.env.TANDEM_BUNDLED_MODEL_PROVIDER ?? 'anthropic') === 'anthropic'
  ) {
    const { AnthropicModel } = await import('../adapters/anthropic-model.ts');
    const apiKey = credentials.ANTHROPIC_API_KEY;
    if (!apiKey)
      throw new Error('invalid configuration: ANTHROPIC_API_KEY is required for MODEL_PROVIDER=anthropic');
    return new AnthropicModel({
      apiKey,
      ...(env.ANTHROPIC_BASE_URL ? { baseURL: env.ANTHROPIC_BASE_URL } : {}),
      model: settings.model.id,
      timeoutMs: settings.model.timeoutMs,
    });
  }
  if (provider === 'bedrock' && (process.env.TANDEM_BUNDLED_MODEL_PROVIDER ?? 'bedrock') === 'bedrock') {
    const { BedrockModel } = await import('../adapters/bedrock-model.ts');
    return new BedrockModel({
      region: env.AWS_REGION,
      model: settings.model.id,
      timeoutMs: settings.model.timeoutMs,
    });
  }
  if (provider === 'offline' && (process.env.TANDEM_BUNDLED_MODEL_PROVIDER ?? 'offline') === 'offline') {
    const { OfflineModel } = await import('../adapters/offline-model.ts');
    return new OfflineModel(knowledge, { brand: settings.brand });
  }
  throw new Error(
    `invalid configuration: MODEL_PROVIDER=${provider}, but this bundle was built for ${process.env.TANDEM_BUNDLED_MODEL_PROVIDER}`,
  );
}

/** The language model. */
export const model: LanguageModel = await buildModel();
