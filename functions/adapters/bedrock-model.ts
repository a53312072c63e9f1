/**
 * Claude on Amazon Bedrock (`@anthropic-ai/bedrock-sdk`), for teams that keep data in their AWS
 * account. IAM auth from the default credential chain (the Lambda role). Same mapping, tools,
 * caching and retries as `AnthropicModel`, through the shared `MessagesApiModel`.
 */
import { AnthropicBedrock } from '@anthropic-ai/bedrock-sdk';
import { MessagesApiModel, type RetryOptions } from './anthropic-model.ts';

/** Options of `BedrockModel`. */
export interface BedrockModelOptions extends RetryOptions {
  /** AWS region of the Bedrock endpoint, e.g. `us-east-1`. */
  region: string;
  /** Bedrock model id or inference profile, e.g. `us.anthropic.claude-haiku-4-5-20251001-v1:0`. */
  model: string;
  /** A prebuilt client (tests, custom endpoints); built from `region` otherwise. */
  client?: AnthropicBedrock;
}

/** Claude via Amazon Bedrock. */
export class BedrockModel extends MessagesApiModel {
  /** Builds an IAM-signed Bedrock client with SDK retries off (unless `client` is given). */
  constructor(options: BedrockModelOptions) {
    const client =
      options.client ??
      new AnthropicBedrock({
        awsRegion: options.region,
        // null: sign with IAM credentials rather than a Bedrock API key from the environment.
        apiKey: null,
        timeout: options.timeoutMs,
        maxRetries: 0,
      });
    super('bedrock', client, options.model, options);
  }
}
