import { AnthropicBedrock } from '@anthropic-ai/bedrock-sdk';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  AnthropicModel,
  backoffDelay,
  MODEL_TOOLS,
  modelTools,
  toMessagesParams,
} from '#adapters/anthropic-model.ts';
import { BedrockModel } from '#adapters/bedrock-model.ts';
import { ModelUnavailableError } from '#core/errors.ts';
import { type InputVerdict, makeCanary } from '#core/guardrails/index.ts';
import { KnowledgeBase } from '#core/knowledge.ts';
import type { ModelRequest } from '#core/ports.ts';
import { ALONGSIDE_FLAG, ALONGSIDE_NOTE, respondToCustomer } from '#core/responder.ts';
import {
  apiKeyOf,
  type FakeAnthropic,
  fakeError,
  fakeText,
  fakeToolUse,
  startFakeAnthropic,
} from '#local/fake-anthropic.ts';
import { parseBusinessSettings } from '#shared/business-settings.ts';
import sample from '../../config/business.ts';
import { verdictOf } from '../helpers/verdict.ts';

const request: ModelRequest = {
  system: 'You are the Northwind Outfitters assistant. KNOWLEDGE BASE …',
  turns: [
    {
      role: 'user',
      content:
        '<customer_data>\nCustomer name: Ana\n</customer_data>\n\n<customer_message>\nDo you ship to Canada?\n</customer_message>',
    },
    { role: 'assistant', content: 'Yes, for $24.95.' },
    { role: 'user', content: 'I want to talk to a person' },
  ],
  maxTokens: 300,
};

let fake: FakeAnthropic;
function model(options: { maxRetries?: number; timeoutMs?: number } = {}): AnthropicModel {
  return new AnthropicModel({
    apiKey: 'sk-ant-test',
    baseURL: fake.url,
    model: 'claude-haiku-4-5',
    timeoutMs: options.timeoutMs ?? 5_000,
    maxRetries: options.maxRetries ?? 3,
    baseDelayMs: 1,
  });
}

/** One customer message through the responder with the Anthropic adapter (empty knowledge base). */
function respondWith(
  text: string,
  options: { maxRetries?: number; verdict?: Partial<InputVerdict>; answerAlongside?: boolean } = {},
) {
  const conversationId = 'sms|+15550001111|+15559990000';
  return respondToCustomer(
    {
      model: model({ maxRetries: options.maxRetries ?? 3 }),
      settings: parseBusinessSettings(sample),
      knowledge: new KnowledgeBase([]),
      canary: makeCanary('it'),
    },
    {
      conversation: {
        id: conversationId,
        channel: 'sms',
        customerAddress: '+15550001111',
        businessAddress: '+15559990000',
        mode: 'ai',
        version: 1,
        openedAt: '2025-01-01T00:00:00.000Z',
        updatedAt: '2025-01-01T00:00:00.000Z',
      },
      history: [
        {
          conversationId,
          messageId: 'SM1',
          at: '2025-01-01T00:00:00.000Z',
          direction: 'inbound',
          author: 'customer',
          text,
        },
      ],
      verdict: verdictOf(text, options.verdict),
      ...(options.answerAlongside ? { answerAlongside: true } : {}),
    },
  );
}

beforeAll(async () => {
  fake = await startFakeAnthropic();
});
afterAll(async () => {
  await fake.stop();
});
beforeEach(() => {
  fake.reset();
});

describe('AnthropicModel against the fake Messages API', () => {
  it('parses an escalate_to_human tool_use round trip along with the text and usage', async () => {
    fake.script([
      {
        status: 200,
        body: fakeToolUse(
          'escalate_to_human',
          {
            reason_code: 'customer_request',
            priority: 'high',
            summary: 'Wants a person about a Canada order.',
          },
          'I am bringing in a member of our team.',
        ),
      },
    ]);
    const response = await model().respond(request);
    expect(response.text).toBe('I am bringing in a member of our team.');
    expect(response.toolCalls).toEqual([
      {
        name: 'escalate_to_human',
        input: {
          reason_code: 'customer_request',
          priority: 'high',
          summary: 'Wants a person about a Canada order.',
        },
      },
    ]);
    expect(response.usage).toEqual({
      inputTokens: 100,
      outputTokens: 20,
      cacheReadTokens: 0,
      cacheWriteTokens: 0,
    });
  });

  it('parses remember_customer_fact and reports cache reads', async () => {
    fake.script([
      {
        status: 200,
        body: fakeToolUse('remember_customer_fact', { key: 'jacket_size', value: 'M' }, 'Noted!'),
      },
      { status: 200, body: fakeText('Hello again', { cache_read_input_tokens: 2400, input_tokens: 60 }) },
    ]);
    const m = model();
    expect((await m.respond(request)).toolCalls).toEqual([
      { name: 'remember_customer_fact', input: { key: 'jacket_size', value: 'M' } },
    ]);
    const second = await m.respond(request);
    expect(second.usage.cacheReadTokens).toBe(2400);
    expect(second.usage.inputTokens).toBe(60);
  });

  it('sends the stable prefix with cache_control, only our correction after it, the turns as messages, the tools, and auth headers', async () => {
    await model().respond({ ...request, correction: 'Your previous reply was blocked (canary).' });
    const [recorded] = fake.requests;
    expect(recorded?.path).toBe('/v1/messages');
    expect(apiKeyOf(recorded?.headers ?? {})).toBe('sk-ant-test');
    expect(recorded?.headers['anthropic-version']).toBeTruthy();
    expect(recorded?.body.model).toBe('claude-haiku-4-5');
    expect(recorded?.body.max_tokens).toBe(300);
    expect(recorded?.body.system).toEqual([
      { type: 'text', text: request.system, cache_control: { type: 'ephemeral' } },
      { type: 'text', text: 'Your previous reply was blocked (canary).' },
    ]);
    // The customer data travels in the first user turn, never in a system block.
    expect(JSON.stringify(recorded?.body.system)).not.toContain('Customer name');
    expect(recorded?.body.tools.map((t: { name: string }) => t.name)).toEqual([
      'escalate_to_human',
      'remember_customer_fact',
    ]);
    expect(recorded?.body.messages).toEqual(request.turns);
  });

  it('retries a 529 overload and then succeeds', async () => {
    fake.script([
      { status: 529, body: fakeError(529, 'Overloaded') },
      { status: 200, body: fakeText('Back again') },
    ]);
    const response = await model().respond(request);
    expect(response.text).toBe('Back again');
    expect(fake.requests).toHaveLength(2);
  });

  it('retries 429 and 500 as well', async () => {
    fake.script([{ status: 429 }, { status: 500 }, { status: 200, body: fakeText('ok') }]);
    expect((await model().respond(request)).text).toBe('ok');
    expect(fake.requests).toHaveLength(3);
  });

  it('throws ModelUnavailableError after maxRetries when overloaded forever', async () => {
    fake.script(Array.from({ length: 10 }, () => ({ status: 529, body: fakeError(529, 'Overloaded') })));
    await expect(model({ maxRetries: 2 }).respond(request)).rejects.toBeInstanceOf(ModelUnavailableError);
    // One attempt plus two retries, no SDK-level retries on top.
    expect(fake.requests).toHaveLength(3);
  });

  it('529 forever makes the responder escalate with model_unavailable and tell the customer', async () => {
    fake.script(Array.from({ length: 10 }, () => ({ status: 529 })));
    const settings = parseBusinessSettings(sample);
    const result = await respondWith('Where is my parcel?', { maxRetries: 2 });
    expect(result).toMatchObject({
      kind: 'escalate',
      reason: 'model_unavailable',
      reply: settings.messages.modelUnavailable,
    });
    expect(fake.requests).toHaveLength(3);
  });

  it('does not retry a 400 and reports it as unavailable', async () => {
    fake.script([
      { status: 400, body: fakeError(400, 'bad request') },
      { status: 200, body: fakeText('unused') },
    ]);
    await expect(model().respond(request)).rejects.toBeInstanceOf(ModelUnavailableError);
    expect(fake.requests).toHaveLength(1);
  });

  it('times out a slow call and retries it', async () => {
    fake.script([
      { status: 200, body: fakeText('too late'), delayMs: 1_000 },
      { status: 200, body: fakeText('in time') },
    ]);
    expect((await model({ timeoutMs: 200 }).respond(request)).text).toBe('in time');
    expect(fake.requests).toHaveLength(2);
  });
});

describe('the fake Messages API', () => {
  it('rejects a request without an API key', async () => {
    const response = await fetch(`${fake.url}/v1/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'anthropic-version': '2023-06-01' },
      body: JSON.stringify({ model: 'x', max_tokens: 1, messages: [] }),
    });
    expect(response.status).toBe(401);
    expect(await response.json()).toMatchObject({ type: 'error', error: { type: 'authentication_error' } });
  });
});

describe('shared Messages API mapping (Anthropic and Bedrock)', () => {
  it('sends one system block when there is no correction (the API rejects empty text blocks)', () => {
    const params = toMessagesParams({ ...request, correction: '  ' }, 'm');
    expect(params.system).toEqual([
      { type: 'text', text: request.system, cache_control: { type: 'ephemeral' } },
    ]);
    expect(params.tools).toBe(MODEL_TOOLS);
  });

  it("sends this turn's retrieved passages as an uncached system block after the cached prefix, before the correction", () => {
    const reference =
      '## Reference passages\n[shipping#international-orders] Shipping > International orders\nWe ship to Canada.';
    const params = toMessagesParams({ ...request, reference, correction: 'Fix it.' }, 'm');
    expect(params.system).toEqual([
      { type: 'text', text: request.system, cache_control: { type: 'ephemeral' } },
      { type: 'text', text: reference },
      { type: 'text', text: 'Fix it.' },
    ]);
    expect(toMessagesParams({ ...request, reference: ' ' }, 'm').system).toHaveLength(1);
  });

  it('limits remember_customer_fact to the allowed keys when the request names them', () => {
    const params = toMessagesParams({ ...request, factKeys: ['preferred_name', 'language'] }, 'm');
    const tool = (params.tools as typeof MODEL_TOOLS).find((t) => t.name === 'remember_customer_fact');
    expect(tool?.description).toContain('preferred_name, language');
    expect(tool?.input_schema.properties).toMatchObject({ key: { enum: ['preferred_name', 'language'] } });
    // The same keys give the same tools, byte for byte: the cached prefix stays stable.
    expect(JSON.stringify(modelTools(['preferred_name', 'language']))).toBe(JSON.stringify(params.tools));
  });

  it('BedrockModel sends the same mapped body through the Bedrock client and maps the reply', async () => {
    const bodies: unknown[] = [];
    const urls: string[] = [];
    const client = new AnthropicBedrock({
      awsRegion: 'us-east-1',
      skipAuth: true,
      baseURL: 'http://bedrock.invalid',
      maxRetries: 0,
      fetch: async (url, init) => {
        urls.push(String(url));
        bodies.push(JSON.parse(String(init?.body)));
        return new Response(
          JSON.stringify(
            fakeToolUse('remember_customer_fact', { key: 'city', value: 'Portland' }, 'Got it.'),
          ),
          { status: 200, headers: { 'content-type': 'application/json' } },
        );
      },
    });
    const bedrock = new BedrockModel({
      region: 'us-east-1',
      model: 'anthropic.claude-haiku',
      timeoutMs: 1_000,
      client,
    });
    const response = await bedrock.respond(request);
    expect(response.text).toBe('Got it.');
    expect(response.toolCalls).toEqual([
      { name: 'remember_customer_fact', input: { key: 'city', value: 'Portland' } },
    ]);
    expect(urls[0]).toContain('/model/anthropic.claude-haiku/invoke');
    const { model: _model, ...expected } = toMessagesParams(request, 'anthropic.claude-haiku');
    expect(bodies[0]).toMatchObject({ ...expected, anthropic_version: expect.any(String) });
  });

  it('BedrockModel retries overloads and then gives up with ModelUnavailableError', async () => {
    let calls = 0;
    const client = new AnthropicBedrock({
      awsRegion: 'us-east-1',
      skipAuth: true,
      baseURL: 'http://bedrock.invalid',
      maxRetries: 0,
      fetch: async () => {
        calls++;
        return new Response(JSON.stringify(fakeError(529)), {
          status: 529,
          headers: { 'content-type': 'application/json' },
        });
      },
    });
    const bedrock = new BedrockModel({
      region: 'us-east-1',
      model: 'm',
      timeoutMs: 1_000,
      maxRetries: 2,
      baseDelayMs: 1,
      client,
    });
    await expect(bedrock.respond(request)).rejects.toBeInstanceOf(ModelUnavailableError);
    expect(calls).toBe(3);
  });

  it('backs off exponentially with full jitter, capped', () => {
    expect(backoffDelay(0, 250, 8_000, () => 0.999)).toBe(249);
    expect(backoffDelay(3, 250, 8_000, () => 0.5)).toBe(1_000);
    expect(backoffDelay(10, 250, 8_000, () => 0.5)).toBe(4_000);
    expect(backoffDelay(2, 250, 8_000, () => 0)).toBe(0);
  });
});

describe('an answer alongside a hand-over, over the Messages API wire', () => {
  const ask = (text: string) =>
    respondWith(text, {
      answerAlongside: true,
      verdict: {
        flags: ['escalation:customer_request'],
        escalation: { reason: 'customer_request', priority: 'normal', detail: 'asked for a person' },
      },
    });

  it('tells Claude a person is on the way and sends its answer before the hand-over; a PASS sends the hand-over alone', async () => {
    fake.script([
      { status: 200, body: fakeText('During opening hours a person usually replies within 15 minutes.') },
    ]);
    const answered = await ask('How fast does someone answer? I need someone');
    expect(JSON.stringify(fake.requests[0]?.body)).toContain(ALONGSIDE_NOTE);
    expect(answered).toMatchObject({ kind: 'escalate', reason: 'customer_request', modelCalls: 1 });
    expect(answered.kind === 'escalate' && answered.answer).toEqual({
      text: 'During opening hours a person usually replies within 15 minutes.',
      flags: [ALONGSIDE_FLAG],
    });

    fake.script([{ status: 200, body: fakeText('PASS') }]);
    const passed = await ask('Do you sell kayaks? I need someone');
    expect(passed).toMatchObject({ kind: 'escalate', reason: 'customer_request', modelCalls: 1 });
    expect(passed.kind === 'escalate' && passed.answer).toBeUndefined();
  });
});
