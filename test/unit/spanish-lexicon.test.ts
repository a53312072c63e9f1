import { describe, expect, it } from 'vitest';
import { englishForSpanishWord, isSpanish, spanishToEnglish } from '#core/spanish-lexicon.ts';

describe('isSpanish', () => {
  it.each([
    ['¿Cuánto cuesta el envío?', true],
    ['¿Dónde está su tienda?', true],
    ['cuanto tarda el reembolso en llegar a mi banco', true],
    ['How much is shipping?', false],
    ['Do you ship to Canada?', false],
  ])('"%s" → %s', (text, spanish) => {
    expect(isSpanish(text)).toBe(spanish);
  });
});

describe('spanishToEnglish', () => {
  it.each([
    ['¿Cuánto cuesta el envío?', 'how much does it cost shipping?'],
    ['¿Cuánto tarda el envío estándar?', 'how long shipping standard?'],
    ['¿Cómo hago una devolución?', 'how do i return?'],
    ['¿Cuándo recibiré mi reembolso?', 'when will receive refund?'],
    ['¿Las tarjetas de regalo caducan?', 'gift card expire?'],
    ['¿Cuál es el horario de la tienda?', 'what is your hours store?'],
    ['¿Puedo cambiar una chaqueta por otra talla?', 'can i change jacket size?'],
  ])('"%s" reads as "%s"', (spanish, english) => {
    expect(spanishToEnglish(spanish)).toBe(english);
  });

  it('follows plurals and verb forms through the Spanish stemmer, with or without accents', () => {
    expect(spanishToEnglish('devoluciones')).toBe('return');
    // "Cuándo" asks; "cuando" asks before a verb that asks, and only joins otherwise (round 8).
    expect(spanishToEnglish('si pido hoy, ¿cuándo me llega?')).toMatch(/\bwhen will\b/);
    expect(spanishToEnglish('si pido hoy cuando me llega?')).toMatch(/\bwhen will\b/);
    expect(spanishToEnglish('no me deja usarlo cuando compro')).not.toMatch(/\bwhen will\b/);
    // Texting spellings, "¿es normal?" and work that is not opening hours (round 8).
    expect(spanishToEnglish('kuanto tiempo tengo para regresar algo?')).toBe('how long return?');
    expect(spanishToEnglish('no se mueve, es normal?')).not.toMatch(/standard/);
    expect(spanishToEnglish('el correo del trabajo')).not.toMatch(/open/);
    expect(spanishToEnglish('trabajan el primer lunes de septiembre?')).toMatch(/open labor day/);
    expect(spanishToEnglish('devolucion')).toBe('return');
    expect(spanishToEnglish('envíos')).toBe('shipping');
    expect(spanishToEnglish('reembolsos')).toBe('refund');
  });

  it('keeps an unknown word as written, so an unknown topic stays unknown and names still match', () => {
    expect(spanishToEnglish('¿Venden bicicletas?')).toBe('do you sell bicicletas?');
    expect(spanishToEnglish('¿Hacen envíos a Canadá?')).toBe('do you shipping canada?');
  });

  it('drops adverbs in -mente, which name no topic', () => {
    expect(spanishToEnglish('¿cuánto tardan en responder normalmente?')).not.toMatch(/standard|normal/);
  });

  it('tells a tent ("tienda de campaña") from a store ("tienda")', () => {
    expect(spanishToEnglish('¿Venden tiendas de campaña?')).toMatch(/\btent\b/);
    expect(spanishToEnglish('¿Dónde está la tienda?')).toMatch(/\bstore\b/);
  });
});

describe('englishForSpanishWord', () => {
  it('translates a Spanish word the lexicon knows, drops a stop word, and leaves others alone', () => {
    expect(englishForSpanishWord('pagar')).toBe('pay');
    expect(englishForSpanishWord('cobran')).toBe('charge');
    expect(englishForSpanishWord('para')).toBe('');
    expect(englishForSpanishWord('layaway')).toBeUndefined();
  });
});
