/**
 * The lexicons' own verdict on explicit requests for a person (no classifier): the forms a new customer
 * uses beyond "agent" and "human", each as compound evidence the classifier cannot veto, and the
 * look-alikes whose evidence against the request outweighs the words they share with it. Written for
 * this test, in words no escalation set uses.
 */
import { describe, expect, it } from 'vitest';
import { normalizeInput } from '#core/guardrails/normalize.ts';
import { lexiconVerdictsFor } from '#core/guardrails/triggers.ts';

function request(text: string) {
  const { verdicts } = lexiconVerdictsFor(normalizeInput(text, 2000).text);
  return verdicts.find((v) => v.intent.label === 'customer_request')!;
}

/** Requests, by the form they take: each must fire on compound evidence. */
const REQUESTS: Record<string, string[]> = {
  'an employee described rather than named, asked for with a call or a hand-over': [
    'I need to speak with the woman who served me on Saturday',
    'please get the man who sold me the tent to call me back',
    'que me llame la señora que me vendió las botas',
    'dile a Carlos que me llame, él lleva mi caso',
  ],
  'a team, a department or the shop asked for like a person': [
    'put me through to your accounts department',
    'hand me over to the shipping team',
    'pásame con el área de facturación por favor',
    'conéctame con el equipo de devoluciones',
  ],
  'a call asked for someone else, and nobody at the other end': [
    'my grandmother wants someone to phone her, she cannot read messages',
    'necesito que alguien llame a mi mamá, ella no sabe escribir',
    'is anybody actually reading this or am I talking to a machine',
    'no tienen gente de verdad trabajando? quiero una persona',
  ],
};

/** Look-alikes whose evidence against a request must outweigh the words they share with one. */
const LOOKALIKES = [
  'does anyone check the reviews on your site? just curious',
  'who do I email about a job at the warehouse?',
  'what number is customer service, is it free to call?',
  'can I chat with someone at the shop when I come in on Friday?',
  'hay alguien en la tienda que sepa de bicis? voy a ir mañana',
  'no me pases con nadie, ya lo resolví',
  'la señora de la tienda fue muy amable, gracias',
  'the lady at the store was so lovely, thank you',
];

describe('explicit requests for a person in the lexicons', () => {
  for (const [form, texts] of Object.entries(REQUESTS)) {
    it(form, () => {
      for (const text of texts) expect(request(text), text).toMatchObject({ fired: true, weak: false });
    });
  }

  it('curiosity, how the service works, jobs, visits and refusals hold evidence against a request', () => {
    for (const text of LOOKALIKES) expect(request(text), text).toMatchObject({ fired: false, vetoed: true });
  });
});
