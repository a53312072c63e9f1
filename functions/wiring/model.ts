/**
 * Composition root: knowledge base, language model and the prompt canary.
 * Provider: MODEL_PROVIDER, else Anthropic when a key is configured, else the offline responder.
 */
import { loadKnowledge } from '../adapters/knowledge-loader.ts';
import { OfflineModel } from '../adapters/offline-model.ts';
import { makeCanary } from '../core/guardrails/output.ts';
import type { LanguageModel } from '../core/ports.ts';
import { credentials, env, settings } from './base.ts';

/** The knowledge base, loaded once at cold start. */
export const knowledge = loadKnowledge(env.KNOWLEDGE_DIR);

/** Which model answers. */
export const provider = env.MODEL_PROVIDER ?? (credentials.ANTHROPIC_API_KEY ? 'anthropic' : 'offline');

/**
 * The prompt canary: a reply that echoes it is leaking the prompt. Stable per deployment (seeded from a
 * deployment secret when there is one) so the system prompt, and with it the prompt cache, is the same
 * on every Lambda instance.
 */
export const canary = makeCanary(
  credentials.SLACK_SIGNING_SECRET ?? credentials.TWILIO_AUTH_TOKEN ?? env.TABLE_NAME,
);

async function buildModel(): Promise<LanguageModel> {
  if (provider === 'anthropic') {
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
  if (provider === 'bedrock') {
    const { BedrockModel } = await import('../adapters/bedrock-model.ts');
    return new BedrockModel({
      region: env.AWS_REGION,
      model: settings.model.id,
      timeoutMs: settings.model.timeoutMs,
    });
  }
  return new OfflineModel(knowledge, { brand: settings.brand });
}

/** The language model. */
export const model: LanguageModel = await buildModel();
