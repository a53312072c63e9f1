/**
 * Translation both ways, on the local runtime with the Anthropic model behind its wire-format emulator
 * (which translates from a phrase table): a Spanish customer's messages appear in the thread with the
 * English translation under the original, and the owner's English reply reaches the customer in Spanish,
 * the thread showing exactly what was sent. Notes stay internal and are not translated.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACTION_IDS } from '../../functions/adapters/slack-blocks.ts';
import { conversationIdOf } from '../../functions/core/model.ts';
import { TRANSLATION_PREAMBLE } from '../../functions/core/translation.ts';
import type { FakeAnthropic } from '../../local/fake-anthropic.ts';
import { startSystemWithClaude } from '../helpers/claude-system.ts';
import { type SystemHarness, slackText } from '../helpers/system.ts';

const ana = { id: 'UANA', username: 'ana' };
const customer = '+15557716601';
let anthropic: FakeAnthropic;
let system: SystemHarness;
let cardTs: string;

beforeAll(async () => {
  ({ system, anthropic } = await startSystemWithClaude());
});

afterAll(async () => {
  await system?.stop();
});

const conversationId = conversationIdOf({
  channel: 'whatsapp',
  customerAddress: customer,
  businessAddress: 'whatsapp:+15550100000',
});

function threadText(): string {
  return system.slack
    .thread(system.channel, cardTs)
    .map((message) => slackText(message))
    .join('\n');
}

/** The translation requests the emulated Anthropic API received (their user turns). */
function translationRequests(): string[] {
  return anthropic.requests
    .filter(
      (request) =>
        typeof request.body?.system === 'string' && request.body.system.startsWith(TRANSLATION_PREAMBLE),
    )
    .map((request) => String(request.body.messages[0].content));
}

describe('translation both ways', () => {
  it('a Spanish customer is escalated, and the card thread shows the English translation of their message', async () => {
    await system.driver.customerSays({
      from: customer,
      channel: 'whatsapp',
      body: 'Hola, necesito hablar con un agente, por favor',
    });
    await system.settle();
    expect((await system.store.getConversation(conversationId))?.language).toBe('es');
    cardTs = system.cardFor(customer)?.ts ?? '';
    expect(cardTs).not.toBe('');
    expect(threadText()).toContain(
      'Customer (in the card above): Hola, necesito hablar con un agente, por favor\n🌐 English: Hello, I need to talk to an agent, please.',
    );
  });

  it('each later customer message appears with the translation under the original', async () => {
    await system.driver.customerSays({
      from: customer,
      channel: 'whatsapp',
      body: 'Mi pedido llegó roto y quiero un reembolso',
    });
    await system.settle();
    const forwarded = system.slack
      .thread(system.channel, cardTs)
      .map((message) => message.text ?? '')
      .find((text) => text.includes('Mi pedido llegó roto'));
    expect(forwarded).toBe(
      'Customer: Mi pedido llegó roto y quiero un reembolso\n🌐 English: My order arrived broken and I want a refund.',
    );
    // The text to translate went to the model as delimited data, on the user side.
    expect(translationRequests().at(-1)).toBe(
      '<text_to_translate>\nMi pedido llegó roto y quiero un reembolso\n</text_to_translate>',
    );
  });

  it("the owner's English reply reaches the customer in Spanish, and the thread shows what was sent", async () => {
    const caseId = (await system.store.getConversation(conversationId))?.caseId ?? '';
    await system.driver.agentClicks({
      agent: ana,
      actionId: ACTION_IDS.claim,
      value: caseId,
      messageTs: cardTs,
    });
    await system.agentReplies({
      agent: ana,
      threadTs: cardTs,
      text: "I'm sorry about that. We will send you a replacement today.",
    });
    await system.settle();
    expect(system.sentTo(customer).at(-1)?.body).toBe('Lo siento mucho. Le enviaremos un reemplazo hoy.');
    expect(threadText()).toContain('🌐 Sent in Spanish: Lo siento mucho. Le enviaremos un reemplazo hoy.');
  });

  it('a note is neither sent nor translated', async () => {
    const sent = system.sentTo(customer).length;
    const translations = translationRequests().length;
    await system.agentReplies({ agent: ana, threadTs: cardTs, text: 'note: offer the express replacement' });
    await system.settle();
    expect(system.sentTo(customer)).toHaveLength(sent);
    expect(translationRequests()).toHaveLength(translations);
  });
});
