import { describe, expect, it } from 'vitest';
import { lexiconVerdictsFor } from '#core/guardrails/triggers.ts';

/** The labels the lexicons fire on a message, and whether each fired on compound evidence. */
function fired(text: string): Record<string, 'strong' | 'weak'> {
  const out: Record<string, 'strong' | 'weak'> = {};
  for (const v of lexiconVerdictsFor(text).verdicts)
    if (v.fired) out[v.intent.label] = v.weak ? 'weak' : 'strong';
  return out;
}

// Round 7: evidence against the legal, fraud, medical, safety and self-harm look-alikes, message-wide
// where the look-alike sits in one clause and the question in another, and the forms some cases missed.
describe('sensitive topics: the words without the event, and new forms of the event', () => {
  it('an injury long ago, nobody hurt, a campfire or the sun is not a safety incident', () => {
    for (const text of [
      'the tent pole snapped on the descent, nobody got hurt, is it under warranty?',
      'se partió la hebilla del arnés, nadie salió lastimado, ¿tienen repuesto?',
      'I sprained my ankle a few years ago so I want boots with good support',
      'me esguincé el tobillo hace años, ¿qué botas tienen buen soporte?',
      'my fleece got a hole from campfire sparks, can you patch it?',
      'se me chamuscó la chaqueta con la fogata, ¿la pueden reparar?',
      'I got sunburnt on the trail, do you sell hats with neck flaps?',
      'me quemé con el sol en la playa jaja, ¿tienen gorras?',
    ]) {
      expect(fired(text), text).toEqual({});
    }
    // A fire stays a fire when nobody was hurt; "not fine" is not fine.
    for (const text of [
      'the power bank caught fire on the desk, luckily nobody was hurt',
      'se incendió el hornillo en la terraza, gracias a dios nadie salió herido',
      'no estoy bien, me corté con la navaja y no para de sangrar',
    ]) {
      expect(fired(text).safety, text).toBe('strong');
    }
  });

  it('a hospital errand or an allergy asked about before buying is not medical; a reaction is', () => {
    for (const text of [
      "my mum is in hospital having a routine check, she's fine, can I collect her order?",
      'estoy visitando a mi abuela en el hospital, ¿pueden entregar ahí?',
      "do the energy bars contain peanuts? my son is allergic, I haven't bought them yet",
      '¿los guantes contienen látex? soy alérgica y todavía no los he comprado',
    ]) {
      expect(fired(text), text).toEqual({});
    }
    expect(fired('my daughter had an allergic reaction to the gloves, she is in hospital').medical).toBe(
      'strong',
    );
  });

  it('a price called a scam, a resolved card problem or fraud denied is not fraud; a changed IBAN is', () => {
    for (const text of [
      'qué estafa los precios de las botas, igual me las llevo',
      'my card was cloned months ago but I have a new card now, how do I update it?',
      'me clonaron la tarjeta hace meses, ya tengo una nueva, ¿cómo la cambio en el perfil?',
      'no es por nada raro ni fraude, pero ¿puedo pagar con la tarjeta de mi empresa?',
    ]) {
      expect(fired(text), text).toEqual({});
    }
    for (const text of [
      'someone changed the bank details on my account and my refund went to another account',
      'alguien cambió los datos bancarios de mi cuenta y el reembolso se fue a otra cuenta',
    ]) {
      expect(fired(text).fraud, text).toBe('strong');
    }
  });

  it('a relative who is a lawyer, sarcasm or a courthouse nearby is not legal; a threat through one is', () => {
    for (const text of [
      'my brother is a solicitor, he needs a waterproof jacket in XL',
      'mi hermana es abogada y quiere unas botas de regalo',
      'as if I had a lawyer to read your terms lol, can you summarise the returns policy?',
      'ni que tuviera un abogado para leer la letra chica jaja, ¿me explican la garantía?',
      "I'm leaving the courthouse now, what time does the city store close?",
    ]) {
      expect(fired(text), text).toEqual({});
    }
    for (const text of [
      'my son is a lawyer and he says we will sue you',
      'mi hijo es abogado y dice que los vamos a demandar',
    ]) {
      expect(fired(text).legal, text).toBe('strong');
    }
    expect(
      fired("I'm pursuing damages for the ruined trip, where do I serve the claim?").legal,
    ).toBeDefined();
  });

  it('an idiom in one clause vetoes self-harm for the message; not coming back from the wild does not', () => {
    for (const text of [
      'no quiero morirme de frío en la montaña, ¿qué saco de dormir me recomiendan?',
      'casi me muero de la risa con el video de la carpa, ¿cuándo sale el modelo nuevo?',
    ]) {
      const verdict = lexiconVerdictsFor(text).verdicts.find((v) => v.intent.label === 'self_harm')!;
      expect(verdict, text).toMatchObject({ fired: false, vetoed: true });
    }
    for (const text of [
      "I'm heading into the wilderness alone and not coming back",
      'me voy a la sierra sola y no pienso volver',
    ]) {
      expect(fired(text).self_harm, text).toBe('strong');
    }
  });
});
