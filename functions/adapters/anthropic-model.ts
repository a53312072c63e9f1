/**
 * Claude through the Messages API (`@anthropic-ai/sdk`). The request/response mapping and the retry
 * loop live in `MessagesApiModel`, shared with `BedrockModel`: only the client differs.
 * The stable system prefix carries `cache_control`, so tools, persona, policies and the knowledge base
 * are billed once per cache lifetime. System blocks carry only the business's own text (the prefix,
 * the passages retrieved for this turn when the knowledge base is too large for the prefix, and, on a
 * regeneration, our correction); the customer data is inside the user turns (see `core/prompt.ts`).
 */
import Anthropic, { APIConnectionError, APIError } from '@anthropic-ai/sdk';
import type {
  Message as ApiMessage,
  MessageCreateParamsNonStreaming,
  Tool,
} from '@anthropic-ai/sdk/resources/messages/messages';
import { ModelUnavailableError } from '#core/errors.ts';
import type { LanguageModel, ModelRequest, ModelResponse, ToolCall } from '#core/ports.ts';

/** The tools the model may call, as Messages API JSON schemas (any fact key; see `modelTools`). */
export const MODEL_TOOLS: Tool[] = [
  {
    name: 'escalate_to_human',
    description:
      'Hand the conversation to a human agent. Use when the customer asks for a person, the knowledge base does not cover the request, the customer is upset, or the matter needs a person (cancellation, refund, damage, safety, legal, account security).',
    input_schema: {
      type: 'object',
      properties: {
        reason_code: {
          type: 'string',
          description:
            'Why: customer_request, out_of_scope, sensitive_topic, business_rule, negative_sentiment, or other.',
        },
        priority: { type: 'string', enum: ['low', 'normal', 'high', 'urgent'] },
        summary: {
          type: 'string',
          description: 'What the customer needs, in one or two sentences an agent can act on.',
        },
      },
      required: ['reason_code', 'priority', 'summary'],
    },
  },
  {
    name: 'remember_customer_fact',
    description:
      'Remember a durable fact about the customer for future conversations (preferred name, size, usual city, order number under discussion). Never card numbers, passwords, codes or government ids.',
    input_schema: {
      type: 'object',
      properties: {
        key: { type: 'string', description: 'Short snake_case name, e.g. preferred_name, jacket_size.' },
        value: { type: 'string' },
      },
      required: ['key', 'value'],
    },
  },
];

/**
 * The tools with `remember_customer_fact` limited to `factKeys` (an enum, named in its description).
 * The same keys give byte-identical tools, so the cached prefix (tools, then system) stays stable.
 */
export function modelTools(factKeys: readonly string[] | undefined): Tool[] {
  if (!factKeys) return MODEL_TOOLS;
  return MODEL_TOOLS.map((tool) =>
    tool.name !== 'remember_customer_fact'
      ? tool
      : {
          ...tool,
          description: `Remember a durable fact about the customer for future conversations. Only these keys are kept: ${factKeys.join(', ') || '(none)'}. Never card numbers, passwords, codes, contact details or government ids.`,
          input_schema: {
            type: 'object',
            properties: {
              key: { type: 'string', enum: [...factKeys], description: 'One of the allowed keys.' },
              value: { type: 'string', description: 'The fact, short.' },
            },
            required: ['key', 'value'],
          },
        },
  );
}

/** The part of a Messages API client we use (the Anthropic and Bedrock clients both have it). */
export interface MessagesClient {
  messages: {
    create(
      params: MessageCreateParamsNonStreaming,
      options?: { timeout?: number; maxRetries?: number },
    ): PromiseLike<ApiMessage>;
  };
}

/** Retry settings shared by the Messages API models. */
export interface RetryOptions {
  /** Per-call timeout in ms. */
  timeoutMs: number;
  /** Retries after the first attempt on 429, 5xx, 529 and connection errors. @default 3 */
  maxRetries?: number;
  /** Base of the exponential backoff in ms (full jitter: random in [0, base·2^n]). @default 250 */
  baseDelayMs?: number;
  /** Cap of one backoff delay in ms. @default 8000 */
  maxDelayMs?: number;
  /** Randomness for the jitter, injectable for tests. @default Math.random */
  random?: () => number;
  /** Sleep, injectable for tests. */
  sleep?: (ms: number) => Promise<void>;
}

/**
 * Maps our model request to Messages API parameters: the system prefix cached, then uncached system
 * blocks for this turn's retrieved passages and our correction (each only when there is one), the
 * turns (which carry all customer data) as messages.
 */
export function toMessagesParams(request: ModelRequest, model: string): MessageCreateParamsNonStreaming {
  const reference = request.reference?.trim();
  const correction = request.correction?.trim();
  return {
    model,
    max_tokens: request.maxTokens,
    system: [
      // The cache breakpoint: everything up to here (tools, then this block) is the cached prefix.
      { type: 'text', text: request.system, cache_control: { type: 'ephemeral' } },
      // An empty text block is rejected by the API, so each block is sent only when there is one.
      ...(reference ? [{ type: 'text' as const, text: reference }] : []),
      ...(correction ? [{ type: 'text' as const, text: correction }] : []),
    ],
    // Without actions the tools stay the very same array, so the cached prefix stays byte-identical.
    tools: request.actions?.length
      ? [...modelTools(request.factKeys), ...actionTools(request.actions)]
      : modelTools(request.factKeys),
    tool_choice: { type: 'auto' },
    messages: request.turns.map((turn, index) =>
      // The customer's photos go with the newest user turn, before its text (the API's advice for images).
      index === request.turns.length - 1 && turn.role === 'user' && !turn.toolResult && request.images?.length
        ? {
            role: turn.role,
            content: [
              ...request.images.map((image) => ({
                type: 'image' as const,
                source: {
                  type: 'base64' as const,
                  media_type: image.mediaType,
                  data: Buffer.from(image.data).toString('base64'),
                },
              })),
              { type: 'text' as const, text: turn.content },
            ],
          }
        : toApiMessage(turn),
    ),
  };
}

// ── Actions (issue 15): the business's actions as tools, their calls and results as tool blocks ──

/** The actions offered to the model, as Messages API tools. */
function actionTools(actions: ModelRequest['actions']): Tool[] {
  return (actions ?? []).map((action) => ({
    name: action.name,
    description: action.description,
    input_schema: action.inputSchema as Tool['input_schema'],
  }));
}

/** A turn as a Messages API message: an action call is a tool_use block, its result a tool_result block. */
function toApiMessage(
  turn: ModelRequest['turns'][number],
): MessageCreateParamsNonStreaming['messages'][number] {
  if (turn.role === 'assistant' && turn.toolUse) {
    const text = turn.content.trim();
    return {
      role: 'assistant',
      content: [
        ...(text && !/^\(.*\)$/.test(text) ? [{ type: 'text' as const, text }] : []),
        {
          type: 'tool_use' as const,
          id: turn.toolUse.id,
          name: turn.toolUse.name,
          input: turn.toolUse.input,
        },
      ],
    };
  }
  if (turn.role === 'user' && turn.toolResult) {
    return {
      role: 'user',
      content: [{ type: 'tool_result' as const, tool_use_id: turn.toolResult.id, content: turn.content }],
    };
  }
  return { role: turn.role, content: turn.content };
}

/** Maps a Messages API response to ours: text blocks joined, known tool calls, usage incl. cache reads. */
export function fromMessage(
  message: Pick<ApiMessage, 'content' | 'usage'>,
  actionNames: ReadonlySet<string> = new Set(),
): ModelResponse {
  const texts: string[] = [];
  const toolCalls: ToolCall[] = [];
  for (const block of message.content) {
    if (block.type === 'text') texts.push(block.text);
    else if (block.type === 'tool_use') {
      const call = actionNames.has(block.name)
        ? ({
            name: 'run_action',
            id: block.id,
            input: { action: block.name, args: (block.input ?? {}) as Record<string, unknown> },
          } as const)
        : toToolCall(block.name, block.input);
      if (call) toolCalls.push(call);
    }
  }
  const usage = message.usage;
  return {
    text: texts.join('\n').trim(),
    toolCalls,
    usage: {
      // As the API reports it: input_tokens excludes the cached prefix, which is counted in cacheRead/Write.
      inputTokens: usage.input_tokens,
      outputTokens: usage.output_tokens,
      ...(usage.cache_read_input_tokens != null ? { cacheReadTokens: usage.cache_read_input_tokens } : {}),
      ...(usage.cache_creation_input_tokens != null
        ? { cacheWriteTokens: usage.cache_creation_input_tokens }
        : {}),
    },
  };
}

/** A tool_use block as our `ToolCall`, or `undefined` for an unknown tool or a malformed input. */
function toToolCall(name: string, input: unknown): ToolCall | undefined {
  const fields = (input ?? {}) as Record<string, unknown>;
  const text = (value: unknown): string =>
    typeof value === 'string' ? value : value == null ? '' : String(value);
  if (name === 'escalate_to_human') {
    const priority = text(fields.priority);
    return {
      name,
      input: {
        reason_code: text(fields.reason_code),
        priority: (['low', 'normal', 'high', 'urgent'].includes(priority) ? priority : 'normal') as
          | 'low'
          | 'normal'
          | 'high'
          | 'urgent',
        summary: text(fields.summary),
      },
    };
  }
  if (name === 'remember_customer_fact') {
    const key = text(fields.key);
    const value = text(fields.value);
    return key && value ? { name, input: { key, value } } : undefined;
  }
  return undefined;
}

/** Whether an SDK error is worth retrying: rate limit, server error, overload, timeout, connection. */
export function isRetryable(error: unknown): boolean {
  if (error instanceof APIConnectionError) return true;
  if (error instanceof APIError) {
    const status = error.status ?? 0;
    return status === 408 || status === 409 || status === 429 || status >= 500;
  }
  return false;
}

/** Full-jitter exponential backoff: a random delay in [0, min(cap, base·2^attempt)]. */
export function backoffDelay(
  attempt: number,
  baseDelayMs: number,
  maxDelayMs: number,
  random: () => number,
): number {
  return Math.floor(random() * Math.min(maxDelayMs, baseDelayMs * 2 ** attempt));
}

const defaultSleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** A `LanguageModel` over any Messages API client (Anthropic or Bedrock); retries are ours, not the SDK's. */
export class MessagesApiModel implements LanguageModel {
  /** Claude looks at images (`ModelRequest.images`). */
  readonly acceptsImages = true;
  private readonly maxRetries: number;
  private readonly baseDelayMs: number;
  private readonly maxDelayMs: number;
  private readonly random: () => number;
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly timeoutMs: number;

  /** `client` must be built with `maxRetries: 0` so this class alone decides about retries. */
  constructor(
    readonly name: string,
    private readonly client: MessagesClient,
    private readonly modelId: string,
    options: RetryOptions,
  ) {
    this.timeoutMs = options.timeoutMs;
    this.maxRetries = options.maxRetries ?? 3;
    this.baseDelayMs = options.baseDelayMs ?? 250;
    this.maxDelayMs = options.maxDelayMs ?? 8000;
    this.random = options.random ?? Math.random;
    this.sleep = options.sleep ?? defaultSleep;
  }

  /** One model call with timeout and retries; `ModelUnavailableError` when it cannot answer. */
  async respond(request: ModelRequest): Promise<ModelResponse> {
    const params = toMessagesParams(request, this.modelId);
    let lastError: unknown;
    for (let attempt = 0; attempt <= this.maxRetries; attempt++) {
      if (attempt > 0)
        await this.sleep(backoffDelay(attempt - 1, this.baseDelayMs, this.maxDelayMs, this.random));
      try {
        const message = await this.client.messages.create(params, { timeout: this.timeoutMs, maxRetries: 0 });
        return fromMessage(message, new Set((request.actions ?? []).map((action) => action.name)));
      } catch (error) {
        lastError = error;
        if (!isRetryable(error)) break;
      }
    }
    throw new ModelUnavailableError(`${this.name} model unavailable: ${describe(lastError)}`, {
      cause: lastError,
    });
  }
}

/** A short, secret-free description of an SDK error for logs. */
function describe(error: unknown): string {
  if (error instanceof APIError) return `${error.status ?? 'network'} ${error.type ?? error.name}`;
  return error instanceof Error ? error.name : 'unknown error';
}

/** Options of `AnthropicModel`. */
export interface AnthropicModelOptions extends RetryOptions {
  apiKey: string;
  /** API base; defaults to the SDK's (which honours `ANTHROPIC_BASE_URL` when the caller passes it). */
  baseURL?: string;
  /** Model id, e.g. `claude-haiku-4-5`. */
  model: string;
}

/** Claude via the Anthropic API. */
export class AnthropicModel extends MessagesApiModel {
  /** Builds its own SDK client with SDK retries off. */
  constructor(options: AnthropicModelOptions) {
    const client = new Anthropic({
      apiKey: options.apiKey,
      ...(options.baseURL ? { baseURL: options.baseURL } : {}),
      timeout: options.timeoutMs,
      maxRetries: 0,
    });
    super('anthropic', client, options.model, options);
  }
}
