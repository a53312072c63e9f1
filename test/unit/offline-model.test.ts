import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadKnowledge } from '#adapters/knowledge-loader.ts';
import { OfflineModel } from '#adapters/offline-model.ts';
import type { ModelRequest } from '#core/ports.ts';

const knowledge = loadKnowledge(fileURLToPath(new URL('../../knowledge', import.meta.url)));
const model = new OfflineModel(knowledge, { brand: 'Northwind Outfitters' });

function ask(text: string, earlier: ModelRequest['turns'] = []): ModelRequest {
  return {
    system: 'system prompt',
    turns: [...earlier, { role: 'user', content: text }],
    maxTokens: 400,
  };
}

describe('OfflineModel', () => {
  it.each([
    ['Do you ship to Canada?', 'Canada', 'shipping#international-orders'],
    ['How much does the Trail Club membership cost?', '$49', 'pricing#northwind-trail-club-membership'],
    ['How long do I have to return something?', '60 days', 'returns#return-window'],
    ['How long until my refund shows up?', '3 business days', 'returns#refund-timing'],
    ['what is your phone number', '1-800-555-0142', 'contact#phone-and-email'],
  ])(
    'answers "%s" from the knowledge base with the fact (%s) and records the passage',
    async (question, fact, id) => {
      const response = await model.respond(ask(question));
      expect(response.text).toContain(fact);
      expect(response.passages).toEqual([id]);
      expect(response.toolCalls).toEqual([]);
    },
  );

  it('greets back without searching or escalating', async () => {
    const response = await model.respond(ask('Hi there!'));
    expect(response.text).toMatch(/^Hi! I'm the Northwind Outfitters assistant/);
    expect(response.toolCalls).toEqual([]);
    expect(response.passages).toBeUndefined();
  });

  it('answers a question that starts with a greeting instead of only greeting back', async () => {
    const response = await model.respond(ask('Hi! How much is express shipping?'));
    expect(response.text).toContain('$14.95');
    expect(response.passages).toEqual(['shipping#shipping-costs']);
  });

  it('answers thanks and small talk in kind', async () => {
    expect((await model.respond(ask('thanks so much'))).text).toMatch(/welcome/);
    expect((await model.respond(ask('how are you?'))).text).toMatch(/doing well/);
  });

  it('says it is not sure and offers a person, flagged dontKnow and without escalating, when the knowledge base has no answer', async () => {
    const response = await model.respond(ask('Can you recommend a good pizza place in Boston?'));
    expect(response.text).toMatch(/not sure.*reply 'agent'/);
    expect(response.dontKnow).toBe(true);
    expect(response.toolCalls).toEqual([]);
  });

  it('answers small talk in Spanish in Spanish, without escalating', async () => {
    for (const text of ['gracias', 'hola, buenos días', 'vale, perfecto']) {
      const response = await model.respond(ask(text));
      expect(response.text, text).toMatch(/^¡/);
      expect(response.toolCalls, text).toEqual([]);
      expect(response.dontKnow, text).toBeUndefined();
    }
  });

  it('reads a greeting followed by a question without a question mark as the question', async () => {
    expect((await model.respond(ask('hey how much is postage'))).text).toContain('$6.95');
  });

  it('answers the newest question when turns were merged', async () => {
    const response = await model.respond(ask('Hello\n\nwhat is your phone number'));
    expect(response.text).toContain('1-800-555-0142');
  });

  it('is deterministic and reports estimated usage', async () => {
    const a = await model.respond(ask('Do you ship to Canada?'));
    const b = await model.respond(ask('Do you ship to Canada?'));
    expect(b).toEqual(a);
    expect(a.usage.inputTokens).toBeGreaterThan(0);
    expect(a.usage.outputTokens).toBe(Math.ceil(a.text.length / 4));
  });

  it('answers the issue 12 examples right or not at all: domestic rate, no return rules for a call back, no discount-code rule for a discount not offered', async () => {
    const domestic = await model.respond(ask('How much is domestic shipping?'));
    expect(domestic.text).toContain('$6.95');
    expect(domestic.text).not.toContain('$24.95');
    for (const question of ['Can I get a call back from your staff?', 'Do you offer a student discount?']) {
      const response = await model.respond(ask(question));
      expect(response.passages, question).toBeUndefined();
      expect(response.dontKnow, question).toBe(true);
    }
  });

  it('answers a Spanish question from the English knowledge base after a Spanish lead-in', async () => {
    const response = await model.respond(ask('¿Cuánto cuesta el envío?'));
    expect(response.text).toMatch(/^Esto es lo que dice nuestra información \(en inglés\): /);
    expect(response.text).toContain('$6.95');
    expect(response.passages).toEqual(['shipping#shipping-costs']);
  });

  it('says in Spanish that it is not sure, and offers a person, when a Spanish question is not covered', async () => {
    const response = await model.respond(ask('¿Venden bicicletas?'));
    expect(response.text).toMatch(/^No estoy seguro.*«agente»/);
    expect(response.dontKnow).toBe(true);
  });

  it('asks one clarifying question, flagged as such and quoting no passage, when two passages compete', async () => {
    const response = await model.respond(ask('What is your return policy?'));
    expect(response.clarifying).toBe(true);
    expect(response.text).toBe(
      'Just to be sure I answer the right question: do you mean "Return window" or "How to return an item"?',
    );
    expect(response.toolCalls).toEqual([]);
    expect(response.passages).toBeUndefined();
  });

  it('answers the earlier question from the topic the customer picks after a clarifying question', async () => {
    const question = 'What is your return policy?';
    const clarifying = await model.respond(ask(question));
    const earlier: ModelRequest['turns'] = [
      { role: 'user', content: question },
      { role: 'assistant', content: clarifying.text },
    ];
    const byName = await model.respond(ask('the return window', earlier));
    expect(byName.passages).toEqual(['returns#return-window']);
    expect(byName.text).toContain('60 days');
    const byOrder = await model.respond(ask('the second one', earlier));
    expect(byOrder.passages).toEqual(['returns#how-to-return-an-item']);
    // A new question after the clarifying one is answered as itself.
    const other = await model.respond(ask('How much is express shipping?', earlier));
    expect(other.text).toContain('$14.95');
  });

  it('tolerates misspellings', async () => {
    expect((await model.respond(ask('how much for expres delivery'))).text).toContain('$14.95');
    expect((await model.respond(ask('I forgot my pasword'))).text).toContain('Forgot password');
  });

  it('does not answer a knowledge question when minScore is set above every score', async () => {
    const strict = new OfflineModel(knowledge, { minScore: 10_000 });
    const response = await strict.respond(ask('Do you ship to Canada?'));
    expect(response.dontKnow).toBe(true);
  });
});
