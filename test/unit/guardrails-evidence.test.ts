import { describe, expect, it } from 'vitest';
import { type Intent, scoreIntent } from '#core/guardrails/evidence.ts';
import { fold } from '#core/guardrails/fold.ts';
import { analyze, compileLexicon } from '#core/guardrails/lexicon.ts';

const lexicon = compileLexicon({
  filler: { en: 'please, now', es: 'por favor' },
  request: { en: 'want, need', es: 'quiero' },
  person: { en: '=agent, =human', es: '=agente, =humano' },
  someone: { en: '=someone', es: '=alguien' },
  past: { en: '=talked', es: '=hable' },
  despair: { en: 'can not take it', es: 'no aguanto' },
  end: { en: 'end it', es: 'acabar con esto' },
});

const REQUEST: Intent = {
  label: 'request',
  rules: [
    { all: ['request', 'person|someone'], within: 3, weight: 1 },
    { all: ['person'], alone: true, weight: 1 },
    { all: ['past'], weight: -1 },
  ],
};

const HARM: Intent = {
  label: 'harm',
  rules: [
    { all: ['end'], weight: 0.6 },
    { all: ['despair'], anywhere: true, weight: 0.5 },
  ],
};

const score = (intent: Intent, text: string, langs?: ('en' | 'es')[]) =>
  scoreIntent(intent, analyze(fold(text), lexicon), langs);

describe('scoreIntent', () => {
  it('concepts in order and close together are evidence; an alternative `a|b` is either concept', () => {
    expect(score(REQUEST, 'I want an agent')).toMatchObject({ score: 1, fired: true, rules: [0] });
    expect(score(REQUEST, 'I need someone')).toMatchObject({ fired: true });
    expect(score(REQUEST, 'the agent said I want more')).toMatchObject({ fired: false });
  });

  it('distance counts content words only: stop words and articles are free', () => {
    expect(score(REQUEST, 'I want to be able to get an agent').fired).toBe(true);
    expect(score(REQUEST, 'I want shoes, socks, boots, laces, and an agent').fired).toBe(false);
  });

  it('negative evidence cancels positive evidence of its own clause only', () => {
    expect(score(REQUEST, 'I talked to an agent, I want someone').fired).toBe(true);
    expect(score(REQUEST, 'I talked to someone and want an agent')).toMatchObject({ score: 0, fired: false });
  });

  it('a clause of just the concept (and filler) counts, the same word inside a sentence does not', () => {
    expect(score(REQUEST, 'agent please').fired).toBe(true);
    expect(score(REQUEST, 'un agente por favor').fired).toBe(true);
    expect(score(REQUEST, 'my agent number').fired).toBe(false);
  });

  it('message-wide evidence adds to the best clause', () => {
    expect(score(HARM, 'I want to end it').fired).toBe(false);
    expect(score(HARM, 'I can not take it. I want to end it')).toMatchObject({ score: 1.1, fired: true });
  });

  it('the threshold decides, and `langs` limits which lexicons count', () => {
    expect(score({ ...REQUEST, threshold: 2 }, 'I want an agent').fired).toBe(false);
    expect(score(REQUEST, 'quiero un agente', ['es']).fired).toBe(true);
    expect(score(REQUEST, 'quiero un agente', ['en']).fired).toBe(false);
  });

  it('an intent with none of its evidence present scores zero without weighing anything', () => {
    expect(score(REQUEST, 'where is my parcel?')).toEqual({ score: 0, fired: false, rules: [], weak: false });
  });

  it('evidence is weak when no rule joining concepts (or an `alone` clause) held, only single concepts', () => {
    const harm: Intent = {
      ...HARM,
      threshold: 0.6,
      rules: [...HARM.rules, { all: ['despair', 'end'], within: 6, weight: 0.5 }],
    };
    expect(score(harm, 'I want to end it')).toMatchObject({ fired: true, weak: true });
    expect(score(harm, 'I can not take it. I want to end it')).toMatchObject({ fired: true, weak: true });
    expect(score(harm, 'I can not take it so I want to end it')).toMatchObject({ fired: true, weak: false });
    expect(score(REQUEST, 'I want an agent')).toMatchObject({ fired: true, weak: false });
    expect(score(REQUEST, 'agent please')).toMatchObject({ fired: true, weak: false });
    expect(score(REQUEST, 'I talked to an agent')).toMatchObject({ fired: false, weak: false });
  });
});
