import { describe, expect, it } from 'vitest';
import {
  amountsIn,
  detectEscalation,
  findTriggers,
  type HistoryItem,
  lexiconVerdictsFor,
} from '#core/guardrails/triggers.ts';
import { parseBusinessSettings } from '#shared/business-settings.ts';
import sample from '../../config/business.ts';

const settings = parseBusinessSettings(sample);
const at = (text: string, history: HistoryItem[] = [], sentiment = 0) =>
  detectEscalation({ text, settings, history, sentiment });

describe('escalation triggers', () => {
  it('a request for a person counts in English and Spanish, even as a single word', () => {
    for (const text of [
      'talk to a human',
      'real person please',
      'agent',
      'Human',
      'un agente',
      'quiero hablar con alguien',
    ]) {
      expect(at(text)?.reason, text).toBe('customer_request');
    }
  });

  it('past conversations with agents and agent numbers are not requests', () => {
    expect(at('I already talked to an agent yesterday')).toBeUndefined();
    expect(at('my agent number is 4452')).toBeUndefined();
  });

  it('self-harm is urgent and wins over other triggers', () => {
    expect(at('I want to talk to a person, I want to kill myself')).toMatchObject({
      reason: 'self_harm',
      priority: 'urgent',
    });
    expect(at("I'm dying to get these shoes")).toBeUndefined();
  });

  it('sensitive topics are labelled by topic', () => {
    expect(
      findTriggers({ text: 'my lawyer will call you', settings, history: [], sentiment: 0 })[0]?.label,
    ).toBe('legal');
    expect(at('the battery caught fire')?.detail).toMatch(/safety/);
    expect(at('voy a contactar a mi abogado')?.reason).toBe('sensitive_topic');
  });

  it('cancellation escalates only when the settings say so', () => {
    expect(at('I want to cancel my subscription')).toMatchObject({
      reason: 'business_rule',
      detail: expect.stringMatching(/cancel/),
    });
    const relaxed = { ...settings, escalation: { ...settings.escalation, alwaysEscalateIntents: [] } };
    expect(
      detectEscalation({
        text: 'I want to cancel my subscription',
        settings: relaxed,
        history: [],
        sentiment: 0,
      }),
    ).toBeUndefined();
  });

  it('refunds escalate above the refund limit only', () => {
    expect(amountsIn('refund $1,250.50 or 300 euros')).toEqual([1250.5, 300]);
    expect(at('please refund the $250 tent')?.reason).toBe('business_rule');
    expect(at('please refund the $45 scarf')).toBeUndefined();
  });

  it('a score at or below the threshold escalates as negative sentiment', () => {
    expect(at('whatever', [], -0.5)).toMatchObject({ reason: 'negative_sentiment', priority: 'high' });
    expect(at('whatever', [], -0.49)).toBeUndefined();
  });

  it('three customer messages each more negative, the last below zero, is a worsening trend', () => {
    const history: HistoryItem[] = [
      { author: 'customer', text: 'hi', sentiment: 0.2 },
      { author: 'ai', text: 'hello!' },
      { author: 'customer', text: 'hmm', sentiment: -0.1 },
    ];
    expect(at('still nothing', history, -0.3)).toMatchObject({
      reason: 'negative_sentiment',
      priority: 'normal',
    });
    expect(at('still nothing', history, -0.05)).toBeUndefined();
    // Improving again: no trend.
    expect(
      at('still nothing', [...history.slice(0, 2), { author: 'customer', text: 'x', sentiment: -0.4 }], -0.3),
    ).toBeUndefined();
  });

  it('the same question twice is a repeated failure, a repeated "ok" is not', () => {
    const history: HistoryItem[] = [
      { author: 'customer', text: 'Where is my order 5512?' },
      { author: 'ai', text: 'It shipped on Monday.' },
      { author: 'customer', text: 'ok' },
    ];
    expect(at('where is my order 5512??', history)).toMatchObject({ reason: 'repeated_failure' });
    expect(at('ok', history)).toBeUndefined();
    expect(at('Do you sell gloves?', history)).toBeUndefined();
  });

  it('two fallback replies from the assistant are a repeated failure', () => {
    const history: HistoryItem[] = [
      { author: 'customer', text: 'question one' },
      { author: 'ai', text: settings.messages.fallback },
      { author: 'customer', text: 'question two' },
      { author: 'ai', text: "Sorry, I don't know the answer to that." },
    ];
    expect(at('question three', history)).toMatchObject({
      reason: 'repeated_failure',
      detail: expect.stringMatching(/2 times/),
    });
  });

  it('two replies flagged dont_know are a repeated failure, whatever their wording', () => {
    const history: HistoryItem[] = [
      { author: 'customer', text: 'question one' },
      { author: 'ai', text: 'Hmm, that one is beyond me.', flags: ['dont_know'] },
      { author: 'customer', text: 'question two' },
      { author: 'ai', text: 'That one too, sorry.', flags: ['dont_know'] },
    ];
    expect(at('question three', history)).toMatchObject({ reason: 'repeated_failure' });
  });
});

describe('escalation intents (weighted evidence over stemmed lexicons)', () => {
  const labels = (text: string) =>
    findTriggers({ text, settings, history: [], sentiment: 0 }).map((trigger) => trigger.label);

  it('a request for a person needs neither "agent" nor "human": a team member, a call back, someone real', () => {
    for (const text of [
      'could someone from your team call me back?',
      'I want a call back from your staff',
      'please have a manager contact me',
      'get me someone real',
      'is there anybody there who is not a robot',
      'que me llame alguien del equipo por favor',
      '¿me puede atender una persona?',
      'quisiera que me devuelvan la llamada',
      'spk to a representitive pls',
    ]) {
      expect(labels(text), text).toContain('customer_request');
    }
  });

  it('history, identity questions, third parties, refusals and names are not requests', () => {
    for (const text of [
      'I already spoke to someone yesterday and it is sorted',
      'are you a bot?',
      'is this a real person or an AI?',
      'my travel agent booked the group order',
      'the delivery person left it next door',
      "please don't call me, text only",
      'call me crazy but I love the orange one',
      'ya hablé con un asesor ayer y me lo resolvió',
      '¿tienen una carpa para cuatro personas?',
      'me llamo Ana y quiero saber si tienen talla S',
    ]) {
      expect(labels(text), text).not.toContain('customer_request');
    }
  });

  it('security covers breaches, leaked data, identity theft and phishing in both languages', () => {
    for (const text of [
      'I got an email saying your company had a data breach',
      'my personal details were leaked',
      'someone opened an account in my name, I think it is identity theft',
      'I got a phishing text pretending to be you',
      '¿hubo una filtración de datos?',
      'me robaron la identidad',
      'me llegó un correo falso a su nombre pidiendo mis datos bancarios',
    ]) {
      expect(labels(text), text).toContain('fraud');
    }
    for (const text of [
      'I hacked together a shelf',
      'el precio es un robo',
      'the tent leaked on the first night',
    ]) {
      expect(labels(text), text).not.toContain('fraud');
    }
  });

  it('a Spanish thank-you or a friendly goodbye escalates nothing', () => {
    for (const text of [
      '¡Muchas gracias! Muy amable',
      'gracias por la atención personalizada, excelente servicio',
      'gracias, ya me atendió una persona muy amable',
      'perfecto, gracias por la atención',
      'thanks, you have been a great help',
    ]) {
      expect(labels(text), text).toEqual([]);
    }
  });

  it('an accident with a sharp edge is safety, hurting oneself on purpose is self-harm', () => {
    expect(labels('I cut myself on the sharp edge of the tent pole')).toEqual(['safety']);
    expect(labels("I've been cutting myself again")[0]).toBe('self_harm');
  });

  it('a word of the other language does not fire when the message is clearly in one', () => {
    expect(labels('I burnt the apple pie in the oven')).toEqual([]);
    expect(labels('me quemé el pie con la estufa')).toContain('safety');
  });
  it('indirect self-harm is heard: a burden, farewells, plans, and words between the words', () => {
    for (const text of [
      "I'm just a burden to everyone around me",
      'soy una carga para mi familia',
      "I've been giving away my things, I won't need them where I'm going",
      'thinking of ending things',
      'i have pills saved up and i will take them all tonight',
      'no one would even notice if I just disappeared',
      'my family would be better off if i wasnt around',
      'me he estado cortando otra vez',
    ]) {
      expect(labels(text)[0], text).toBe('self_harm');
    }
    for (const text of [
      'i want to die my hair to match the jacket',
      "I'm thinking of ending my subscription",
      'me muero de frío, ¿tienen chaquetas más gruesas?',
    ]) {
      expect(labels(text), text).not.toContain('self_harm');
    }
  });

  it('security reads takeovers and charges across clauses, not how-to questions', () => {
    for (const text of [
      "i got a login code text that i didn't request",
      "wtf is this $89 charge from you, i didn't buy anything",
      "I got an email saying my password was changed but I didn't change it",
      'my email was hacked and someone reset my password on your site',
      'me llegó un código de verificación que no pedí',
    ]) {
      expect(labels(text), text).toContain('fraud');
    }
    for (const text of ['how do I reset my password?', 'I was charged twice for shipping, can you fix it?']) {
      expect(labels(text), text).not.toContain('fraud');
    }
  });

  it('the law invoked with a threat to pursue it is legal; a legal question is not', () => {
    expect(labels('this is a breach of consumer law and I will pursue it')).toContain('legal');
    expect(labels('voy a proceder por la vía judicial')).toContain('legal');
    expect(labels('¿cuál es la garantía legal de los productos?')).toEqual([]);
    expect(labels('can I claim it on warranty, the law says 2 years right?')).toEqual([]);
  });

  it('the classifier vetoes a single word the lexicons fire on, never the same word as a threat', () => {
    // Weak evidence (single concepts, no rule joining two) under the label's veto: not escalated.
    expect(labels('I was a bit hacked off about the delay but the boots are great')).toEqual([]);
    expect(labels('tuve que ir al juzgado ayer, ¿me guardan el pedido?')).toEqual([]);
    // The same single concepts where the classifier holds them likely still fire.
    expect(labels('my account was hacked')).toContain('fraud');
    expect(labels("I'm going to sue")).toContain('legal');
  });

  it('how a customer frames an ordinary message is not evidence: "les escribo…", "writing at night"', () => {
    for (const text of [
      'les escribo para preguntar por mi pedido',
      'te escribo de noche porque trabajo de dia',
      "I'm writing to ask about my order at night",
      'les escribo para saber cuando me contestan',
      "I'm writing at night because I work days",
      'escribo tarde porque no pude antes',
      "I can't sleep so I'm browsing, do you have the trail boots in 43",
      'no puedo dormir y estoy mirando botas, tienen talla 43?',
    ]) {
      expect(labels(text), text).toEqual([]);
    }
    for (const text of [
      'les escribo porque ya no aguanto mas, no quiero seguir viviendo',
      "I'm writing because I've been thinking about ending it all",
    ]) {
      expect(labels(text), text).toContain('self_harm');
    }
  });

  it('self-harm in forms no list names holds compound evidence; the same words in ordinary messages do not', () => {
    // Compound evidence (two concepts joined by a rule) is never vetoed by the classifier.
    const selfHarm = (text: string) =>
      lexiconVerdictsFor(text).verdicts.find((v) => v.intent.label === 'self_harm')!;
    for (const text of [
      "I swallowed a whole packet of my dad's sleeping pills about an hour ago",
      'me tomé una caja entera de paracetamol hace un rato',
      "I've been burning my legs with a lighter on purpose",
      'me corto los brazos cuando estoy mal',
      'I keep thinking about jumping off the overpass on my way home',
      'estoy pensando en tirarme por la ventana',
      'Heading to the mountains alone this weekend, not planning on coming back',
      'me voy al monte sola y no pienso regresar',
      "I need a strong rope, it's for myself, don't ask why",
      'necesito una soga, es para mi, no preguntes para que',
      'my wife passed in March and I just want to join her',
      "I won't be around to use it, where I'm going I won't need it",
      'ya no puedo más con mi vida',
      'does the knife come sharp? I want to use it on myself',
    ]) {
      expect(selfHarm(text), text).toMatchObject({ fired: true, weak: false });
    }
    for (const text of [
      'we are going bungee jumping off a bridge, which harness?',
      'this is my last order from you, terrible service',
      "I won't be around next week, can you deliver the week after?",
      "I'm going to the mountains alone next week, what tent do you recommend?",
      'is the rope strong enough to hold my weight when abseiling?',
      'goodbye, thanks for everything!',
      "I burned my hand on the stove, it's fine",
      "I'm going to do it tonight: order the tent before the sale ends",
      'me corté el pelo y ahora el gorro me queda grande',
      'este es mi último pedido con ustedes, pésimo servicio',
      'my husband passed his driving test, want to join him on a road trip, which bag?',
      'my grandma passed away last year, I want to join her hiking club, any boots?',
      "I won't be around to sign for it anyway, send it to my office",
      "I'm going solo on the trail and not coming back till Sunday, which tent?",
      'this is my last hike of the season, need new socks',
      'painless way to return something?',
      'adiós, ya no puedo más con este pedido',
    ]) {
      expect(selfHarm(text).fired, text).toBe(false);
    }
    // "a jacket to die for" is not self-harm; "want to die for weeks" is.
    expect(selfHarm("I've been feeling like I want to die for a few weeks now").fired).toBe(true);
  });

  it('an outdoor emergency someone has is medical; a product that prevents it is not', () => {
    // Each message and the label the lexicons must fire on it (none: nothing fires).
    const expected: Record<string, string | undefined> = {
      "my wife is hypothermic after the trek, we're in the hut": 'medical',
      'I think my toes have frostbite after wearing the boots in the snow': 'medical',
      'tengo mal de altura y veo borroso': 'medical',
      'mi papá se desmayó en la tienda y no reacciona': 'medical',
      'la herida de la bota no cierra y está en carne viva': 'medical',
      'the trekking pole snapped and the tip went into my eye': 'safety',
      'la bombona tiene una fuga y huele fuertísimo': 'safety',
      'do you sell a jacket that protects against hypothermia?': undefined,
      'what is the best hat to avoid heatstroke?': undefined,
      'is there a snake bite kit in the first aid bundle?': undefined,
      'the app is not responding, can you check my order': undefined,
      'el agua hirviendo del termo se mantiene 12 horas?': undefined,
    };
    for (const [text, label] of Object.entries(expected)) {
      const fired = lexiconVerdictsFor(text).verdicts.flatMap((v) => (v.fired ? [v.intent.label] : []));
      expect(fired, text).toEqual(label ? expect.arrayContaining([label]) : []);
    }
  });

  it('staff asked for in other words; staff discounts and self-descriptions are not requests', () => {
    for (const text of [
      'transfer me',
      'who do i need to speak with about a complaint',
      'cn i tlk to sum1 plz',
    ]) {
      expect(labels(text), text).toContain('customer_request');
    }
    for (const text of [
      "I'm a real person asking about returns lol",
      'can the supervisor discount be applied online?',
    ]) {
      expect(labels(text), text).not.toContain('customer_request');
    }
  });
});
