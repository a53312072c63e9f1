import { describe, expect, it } from 'vitest';
import { findTriggers, lexiconVerdictsFor } from '#core/guardrails/triggers.ts';
import { scoreSentiment } from '#core/sentiment.ts';
import { parseBusinessSettings } from '#shared/business-settings.ts';
import businessSettings from '../../config/business.ts';

/**
 * Each message and the label the lexicons must fire on it on compound evidence (`strong`, which the
 * classifier cannot veto); `undefined`: nothing fires.
 */
function expectVerdicts(expected: Record<string, string | undefined>): void {
  for (const [text, label] of Object.entries(expected)) {
    const verdicts = lexiconVerdictsFor(text).verdicts.filter((v) => v.fired);
    if (label === undefined)
      expect(
        verdicts.map((v) => v.intent.label),
        text,
      ).toEqual([]);
    else
      expect(
        verdicts.find((v) => v.intent.label === label),
        text,
      ).toMatchObject({ weak: false });
  }
}

// Round 7: evidence against the legal, fraud, medical, safety and self-harm look-alikes, message-wide
// where the look-alike sits in one clause and the question in another, and the forms some cases missed.
describe('sensitive topics: the words without the event, and new forms of the event', () => {
  it('an injury long ago, nobody hurt, a campfire or the sun is not a safety incident', () => {
    expectVerdicts({
      'the tent pole snapped on the descent, nobody got hurt, is it under warranty?': undefined,
      'se partió la hebilla del arnés, nadie salió lastimado, ¿tienen repuesto?': undefined,
      'I sprained my ankle a few years ago so I want boots with good support': undefined,
      'me esguincé el tobillo hace años, ¿qué botas tienen buen soporte?': undefined,
      'my fleece got a hole from campfire sparks, can you patch it?': undefined,
      'se me chamuscó la chaqueta con la fogata, ¿la pueden reparar?': undefined,
      'I got sunburnt on the trail, do you sell hats with neck flaps?': undefined,
      'me quemé con el sol en la playa jaja, ¿tienen gorras?': undefined,
      // A fire stays a fire when nobody was hurt; "not fine" is not fine.
      'the power bank caught fire on the desk, luckily nobody was hurt': 'safety',
      'se incendió el hornillo en la terraza, gracias a dios nadie salió herido': 'safety',
      'no estoy bien, me corté con la navaja y no para de sangrar': 'safety',
      "the harness buckle snapped and my daughter fell, she's ok but has a concussion": 'safety',
    });
  });

  it('a hospital errand or an allergy asked about before buying is not medical; a reaction is', () => {
    expectVerdicts({
      "my mum is in hospital having a routine check, she's fine, can I collect her order?": undefined,
      'estoy visitando a mi abuela en el hospital, ¿pueden entregar ahí?': undefined,
      "do the energy bars contain peanuts? my son is allergic, I haven't bought them yet": undefined,
      '¿los guantes contienen látex? soy alérgica y todavía no los he comprado': undefined,
      "is the annual membership a contract I'm locked into?": undefined,
      '¿la camiseta de merino pica? pregunto por el material, tengo la piel sensible': undefined,
      "my wife's contractions started in the car and we're at the hospital": 'medical',
      'my daughter had an allergic reaction to the gloves, she is in hospital': 'medical',
      'estoy en el hospital acompañando a mi hijo, se intoxicó con la comida liofilizada': 'medical',
      'antes de comprar les pregunté si tenía látex y me dijeron que no, ahora tengo una reacción alérgica horrible':
        'medical',
    });
  });

  it('a price called a scam, a resolved card problem or fraud denied is not fraud; a changed IBAN is', () => {
    expectVerdicts({
      'qué estafa los precios de las botas, igual me las llevo': undefined,
      'my card was cloned months ago but I have a new card now, how do I update it?': undefined,
      'me clonaron la tarjeta hace meses, ya tengo una nueva, ¿cómo la cambio en el perfil?': undefined,
      'no es por nada raro ni fraude, pero ¿puedo pagar con la tarjeta de mi empresa?': undefined,
      'someone changed the bank details on my account and my refund went to another account': 'fraud',
      'alguien cambió los datos bancarios de mi cuenta y el reembolso se fue a otra cuenta': 'fraud',
      'un sorteo en instagram se quedó con los datos de mi tarjeta, ¿es de ustedes?': 'fraud',
    });
  });

  it('a relative who is a lawyer, sarcasm or a courthouse nearby is not legal; a threat through one is', () => {
    expectVerdicts({
      'my brother is a solicitor, he needs a waterproof jacket in XL': undefined,
      'mi hermana es abogada y quiere unas botas de regalo': undefined,
      'mi cuñado es abogado, ¿tienen botas de vestir talla 44?': undefined,
      'as if I had a lawyer to read your terms lol, can you summarise the returns policy?': undefined,
      'ni que tuviera un abogado para leer la letra chica jaja, ¿me explican la garantía?': undefined,
      "I'm leaving the courthouse now, what time does the city store close?": undefined,
      'my son is a lawyer and he says we will sue you': 'legal',
      'mi hijo es abogado y dice que los vamos a demandar': 'legal',
    });
    const pursuing = lexiconVerdictsFor(
      "I'm pursuing damages for the ruined trip, where do I serve the claim?",
    );
    expect(pursuing.verdicts.find((v) => v.intent.label === 'legal')?.fired).toBe(true);
  });

  it('an idiom in one clause vetoes self-harm; not coming back, or a goodbye with thanks for kindness, does not', () => {
    for (const text of [
      'no quiero morirme de frío en la montaña, ¿qué saco de dormir me recomiendan?',
      'casi me muero de la risa con el video de la carpa, ¿cuándo sale el modelo nuevo?',
    ]) {
      const verdict = lexiconVerdictsFor(text).verdicts.find((v) => v.intent.label === 'self_harm');
      expect(verdict, text).toMatchObject({ fired: false, vetoed: true });
    }
    expectVerdicts({
      "I'm heading into the wilderness alone and not coming back": 'self_harm',
      'me voy a la sierra sola y no pienso volver': 'self_harm',
      'solo quería despedirme, ustedes siempre fueron amables conmigo': 'self_harm',
      "goodbye! you've always been so nice to me, see you soon": undefined,
    });
  });
});

// Review of round 7: evidence against a look-alike must never silence a real crisis that happens to
// contain the look-alike's words (each of these went unescalated before the fixes).
describe('a crisis that contains a look-alike phrase still escalates', () => {
  const settings = parseBusinessSettings(businessSettings);
  const labels = (text: string) =>
    findTriggers({ text, settings, history: [], sentiment: scoreSentiment(text) }).map((t) => t.label);
  it.each([
    ['I am going to walk into the lake tonight', 'self_harm'],
    ['I want to end my life before the end of the year', 'self_harm'],
    ['I read the book and I still want to kill myself', 'self_harm'],
    ['My husband fell off the ladder and is not moving. I am fine but what do I do', 'medical'],
    ['Estoy bien pero mi hijo se cayó de la escalera y no se mueve', 'medical'],
    ['My 5 year old swallowed one of the button batteries, I am ok but he is crying', 'medical'],
    ['I got a new card last week and someone already made 3 orders with it, it went through', 'fraud'],
    [
      'Someone ordered 4 jackets on my account, I got a new card since then but the orders keep coming',
      'fraud',
    ],
    ['Joking aside, I am going to sue you', 'legal'],
    // The look-alike phrase is still there and outweighs the lexicons' evidence: the classifier, sure on its
    // own, keeps the intent.
    ['no point ordering since I will kill myself tonight', 'self_harm'],
  ])('%s → %s', (text, label) => {
    expect(labels(text)).toContain(label);
  });

  it('while a parcel that is not moving is no emergency', () => {
    expect(labels('my mom’s order is not moving on the tracking page')).toEqual([]);
  });
});
