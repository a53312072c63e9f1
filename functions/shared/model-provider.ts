/**
 * Which language model answers: the providers Tandem runs with and the rule that picks one, shared by the
 * functions' composition root, the environment schema, the CDK stage config and the local runtime.
 */

/** The language-model providers: Claude through Anthropic's API or Amazon Bedrock, or the offline responder. */
export const MODEL_PROVIDERS = ['anthropic', 'bedrock', 'offline'] as const;

/** One of {@link MODEL_PROVIDERS}. */
export type ModelProvider = (typeof MODEL_PROVIDERS)[number];

/**
 * The provider in use: `MODEL_PROVIDER` when it names one, else Anthropic when an API key is configured,
 * else the offline responder (no account needed).
 */
export function chooseModelProvider(
  requested: string | undefined,
  anthropicApiKey: string | undefined,
): ModelProvider {
  const named = MODEL_PROVIDERS.find((provider) => provider === requested);
  return named ?? (anthropicApiKey ? 'anthropic' : 'offline');
}
