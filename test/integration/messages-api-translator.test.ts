/**
 * The translator adapter with the real `@anthropic-ai/sdk` against the Messages API emulator: the wire
 * request (system, one user turn), the emulator's deterministic translation, and retries then
 * `ModelUnavailableError` when the API fails.
 */
import Anthropic from '@anthropic-ai/sdk';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { MessagesApiTranslator } from '../../functions/adapters/messages-api-translator.ts';
import { ModelUnavailableError } from '../../functions/core/errors.ts';
import { buildTranslationRequest, translateText } from '../../functions/core/translation.ts';
import { type FakeAnthropic, startFakeAnthropic } from '../../local/fake-anthropic.ts';

let fake: FakeAnthropic;
let translator: MessagesApiTranslator;

beforeAll(async () => {
  fake = await startFakeAnthropic();
  const client = new Anthropic({ apiKey: 'sk-ant-test', baseURL: fake.url, maxRetries: 0 });
  translator = new MessagesApiTranslator('anthropic', client, {
    model: 'claude-haiku-4-5',
    timeoutMs: 2000,
    sleep: async () => undefined,
  });
});

afterAll(async () => {
  await fake?.stop();
});

beforeEach(() => fake.reset());

describe('MessagesApiTranslator', () => {
  it('sends the system prompt and the delimited text, and returns the translation', async () => {
    const outcome = await translateText(translator, 'Mi pedido llegó roto y quiero un reembolso', 'es', 'en');
    expect(outcome).toEqual({ status: 'translated', text: 'My order arrived broken and I want a refund.' });
    const [request] = fake.requests;
    expect(request?.body.model).toBe('claude-haiku-4-5');
    expect(request?.body.system).toContain('from Spanish to English');
    expect(request?.body.messages).toEqual([
      {
        role: 'user',
        content: '<text_to_translate>\nMi pedido llegó roto y quiero un reembolso\n</text_to_translate>',
      },
    ]);
  });

  it('translates English to Spanish for the customer', async () => {
    const text = await translator.translate(
      buildTranslationRequest('Your refund has been approved.', 'en', 'es'),
    );
    expect(text).toBe('Su reembolso ha sido aprobado.');
  });

  it('retries a 529 and then answers', async () => {
    fake.script([{ status: 529 }]);
    const text = await translator.translate(buildTranslationRequest('¿Cuándo llega mi pedido?', 'es', 'en'));
    expect(text).toBe('When does my order arrive?');
    expect(fake.requests).toHaveLength(2);
  });

  it('gives up with ModelUnavailableError after its retries, and does not retry a 400', async () => {
    fake.script([{ status: 500 }, { status: 500 }, { status: 500 }]);
    await expect(translator.translate(buildTranslationRequest('Hola', 'es', 'en'))).rejects.toBeInstanceOf(
      ModelUnavailableError,
    );
    expect(fake.requests).toHaveLength(3);
    fake.reset();
    fake.script([{ status: 400 }]);
    await expect(translator.translate(buildTranslationRequest('Hola', 'es', 'en'))).rejects.toBeInstanceOf(
      ModelUnavailableError,
    );
    expect(fake.requests).toHaveLength(1);
  });
});
