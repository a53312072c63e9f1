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

  it('offers a person and asks to escalate as out_of_scope when the knowledge base has no answer', async () => {
    const response = await model.respond(ask('Can you recommend a good pizza place in Boston?'));
    expect(response.text).toMatch(/member of our team/);
    expect(response.toolCalls).toEqual([
      {
        name: 'escalate_to_human',
        input: {
          reason_code: 'out_of_scope',
          priority: 'normal',
          summary: expect.stringContaining('pizza place in Boston'),
        },
      },
    ]);
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

  it('escalates a knowledge question when minScore is set above every score', async () => {
    const strict = new OfflineModel(knowledge, { minScore: 10_000 });
    const response = await strict.respond(ask('Do you ship to Canada?'));
    expect(response.toolCalls[0]?.name).toBe('escalate_to_human');
  });
});
