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
  'a desk or a department asked for by its job, and a person asked for by a pronoun': [
    'could you patch me through to your accounts people',
    'put me on with billing',
    'pásenme con facturación por favor',
    'me pueden transferir a devoluciones?',
    "is there a duty manager around today? I'd like a quick word with them",
    'can you get Tom from the warehouse to give me a call',
  ],
  'a human described by what a bot lacks, and turning away from the bot': [
    'connect me to a living soul please',
    'any actual humans about? need a real voice',
    "I'd prefer not to deal with a machine for this",
    'no me sirve este bot, que me llame alguien',
  ],
  'a call in other words: arranged, by phone, on a line, for a relative': [
    'please arrange a call with your warranty team',
    'contáctenme por teléfono por favor',
    'call me on my landline after 5',
    'mi mamá quiere que la llamen, no sabe escribir',
    'mi abuela no maneja el celular, ¿la pueden llamar ustedes?',
  ],
  'whoever is in charge, senior or on duty, and an escalation to them': [
    "who runs this place? I'd like to talk to them directly",
    '¿quién manda ahí? quiero hablar con esa persona',
    'I wanna talk to the top dog',
    'escalate this to the complaints team now',
    'deriven mi caso a alguien con más autoridad',
  ],
};

/**
 * Questions about the channels, hours, reply times and languages of the team, reported speech, errands
 * for someone else, calls already made or declined: evidence against a request outweighs the words
 * they share with one, so the classifier cannot fire on its own word either.
 */
const CHANNEL_LOOKALIKES = [
  'do you have a phone line for complaints or is it all email?',
  '¿en cuánto tiempo suele responder un asesor?',
  'my friend says if you ask for a manager they give you free shipping, is that true?',
  "'let me speak to your manager' is my mum's catchphrase lol, anyway do you have wellies",
  'can my neighbour pick up my parcel for me?',
  '¿puede mi hermano recoger mi pedido en la tienda?',
  'les llamo mañana para lo del pedido',
  "please don't ring me, I'm at work, email is fine",
  'quiero hablar sobre las tallas de las botas',
  'ya me llamaron ayer y quedó todo resuelto, gracias',
  '¿a qué hora atiende servicio al cliente los domingos?',
  'can I escalate my order to express shipping?',
  'me lo pasan por correo?',
  'who is the manager of the Leeds store? I want to send them a thank you card',
  'can I get a call when my order ships? a text is fine too',
];

/** Look-alikes with no evidence left either way (the classifier decides, at its higher bar). */
const NEUTRAL_LOOKALIKES = [
  'how long does it usually take for someone to reply to an email?',
  'does anyone at your Glasgow shop speak Polish?',
  'quiero una cuerda para escalar en roca, cuál me recomiendan',
  'does anyone actually answer the phone on bank holidays?',
  "I'm the contact person for our club order, can I change the address?",
];

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

  it('channels, hours, reply times, hearsay, errands and calls made or declined hold evidence against one', () => {
    for (const text of CHANNEL_LOOKALIKES) {
      expect(request(text), text).toMatchObject({ fired: false, vetoed: true });
    }
    for (const text of NEUTRAL_LOOKALIKES)
      expect(request(text), text).toMatchObject({ fired: false, evidence: 0 });
  });
});
