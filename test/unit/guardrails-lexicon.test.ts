import { describe, expect, it } from 'vitest';
import { CONCEPTS } from '#core/guardrails/concepts.ts';
import { fold } from '#core/guardrails/fold.ts';
import { ESCALATION_INTENTS } from '#core/guardrails/intents.ts';
import {
  analyze,
  compileLexicon,
  type LexiconData,
  stem,
  stopWordVotes,
  words,
} from '#core/guardrails/lexicon.ts';

/** The concepts found in `text` with the words they cover, e.g. `talk:talking to`. */
function found(data: LexiconData, text: string): string[] {
  const { tokens, matches } = analyze(fold(text), compileLexicon(data));
  return matches.map(
    (m) =>
      `${m.concept}:${tokens
        .slice(m.start, m.end)
        .map((t) => t.word)
        .join(' ')}`,
  );
}

describe('words', () => {
  it('expands contractions and common texting spellings', () => {
    expect(words(fold("I'd like to spk to ur manager, I can't wait"))).toEqual([
      'i',
      'would',
      'like',
      'to',
      'speak',
      'to',
      'your',
      'manager',
      ',',
      'i',
      'can',
      'not',
      'wait',
    ]);
    expect(words('porfa q me llamen')).toEqual(['por', 'favor', 'que', 'me', 'llamen']);
  });
});

describe('lexicon matching', () => {
  it('a plain word matches its inflections through the Snowball stem of its language', () => {
    const data: LexiconData = { talk: { en: 'talk to' }, cancel: { es: 'cancelar' } };
    expect(found(data, 'I was talking to them')).toEqual(['talk:talking to']);
    // Folding drops the accent of the future tense; the stemmer gets it back.
    expect(found(data, 'lo cancelaré mañana')).toEqual(['cancel:cancelare']);
    expect(found(data, 'cancelaron todo')).toEqual(['cancel:cancelaron']);
    expect(stem('llamen', 'es')).toBe(stem('llamar', 'es'));
  });

  it('=word matches that word only, and short stems are matched exactly', () => {
    const data: LexiconData = { staff: { en: '=manager' }, legal: { en: 'sue' } };
    expect(found(data, 'my manager')).toEqual(['staff:manager']);
    expect(found(data, 'I managed to manage it')).toEqual([]);
    // "sue" stems to "sue" (three letters): no "su" or "sued" by stem.
    expect(found(data, 'I will sue')).toEqual(['legal:sue']);
    expect(found(data, 'su pedido')).toEqual([]);
  });

  it('articles may sit between phrase words, other words may not', () => {
    const data: LexiconData = { person: { en: 'talk to person' } };
    expect(found(data, 'talk to a person')).toEqual(['person:talk to a person']);
    expect(found(data, 'talk to the person')).toEqual(['person:talk to the person']);
    expect(found(data, 'talk to my person')).toEqual([]);
  });

  it('_ is any word, word* a prefix, and !word a word that never counts for the concept', () => {
    const data: LexiconData = {
      call: { es: 'me _ =llamar' },
      suicide: { en: 'suicid*' },
      talk: { en: 'talk, !talked' },
    };
    expect(found(data, 'me puede llamar')).toEqual(['call:me puede llamar']);
    expect(found(data, 'suicidal thoughts')).toEqual(['suicide:suicidal']);
    expect(found(data, 'I talked, now I talk')).toEqual(['talk:talk']);
  });

  it('word~ also matches a one-letter slip of it, but not another inflection or an unmarked word', () => {
    const data: LexiconData = {
      staff: { en: '=representative~, =supervisor~' },
      manage: { en: '=manager~' },
      symptom: { en: 'infection' },
    };
    expect(found(data, 'a representitive')).toEqual(['staff:representative']);
    expect(found(data, 'the supervisr')).toEqual(['staff:supervisor']);
    expect(found(data, 'representatives')).toEqual([]);
    expect(found(data, 'I managed it')).toEqual([]);
    // "injection" is a word of its own, one letter from "infection": no tolerance unless asked for.
    expect(found(data, 'an injection')).toEqual([]);
  });

  it('phrases stay inside a clause: punctuation, commas and "but"/"pero" end one', () => {
    const data: LexiconData = { bot_person: { en: 'bot person' } };
    expect(found(data, 'bot person')).toHaveLength(1);
    for (const text of ['bot. person', 'bot, person', 'bot but person'])
      expect(found(data, text)).toEqual([]);
    const { tokens } = analyze('no quiero un bot, pero quiero una persona', compileLexicon({}));
    expect(new Set(tokens.map((t) => t.clause)).size).toBe(2);
  });

  it('stop words count for neither distance nor content, and vote for a language', () => {
    const { tokens } = analyze('i want to talk to the manager', compileLexicon({}));
    expect(tokens.map((t) => t.position)).toEqual([0, 0, 1, 1, 2, 2, 2]);
    expect(stopWordVotes(analyze('where is the order that i placed', compileLexicon({})).tokens)).toEqual({
      en: 5,
      es: 0,
    });
    expect(
      stopWordVotes(analyze('donde esta el pedido que hice', compileLexicon({})).tokens).es,
    ).toBeGreaterThan(0);
  });

  it('an unknown phrase syntax is refused when the lexicon compiles', () => {
    expect(() => compileLexicon({ bad: { en: '_ anything' } })).toThrow(/bad phrase/);
  });
});

describe('escalation vocabulary', () => {
  it('every concept an intent names is in the vocabulary, and every concept is used', () => {
    const used = new Set(
      ESCALATION_INTENTS.flatMap((intent) =>
        intent.rules.flatMap((rule) => rule.all.flatMap((c) => c.split('|'))),
      ),
    );
    used.add('filler');
    const defined = new Set(Object.keys(CONCEPTS));
    expect([...used].filter((c) => !defined.has(c))).toEqual([]);
    expect([...defined].filter((c) => !used.has(c))).toEqual([]);
  });

  it('every concept speaks both languages', () => {
    const oneLanguage = Object.entries(CONCEPTS)
      .filter(([, phrases]) => !phrases.en?.trim() || !phrases.es?.trim())
      .map(([concept]) => concept);
    expect(oneLanguage).toEqual([]);
  });
});
