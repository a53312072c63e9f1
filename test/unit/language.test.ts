import { describe, expect, it } from 'vitest';
import { detectLanguage, nextLanguage } from '#core/language.ts';

const both = ['en', 'es'] as const;

describe('detectLanguage', () => {
  it.each([
    ['quiero hablar con alguien', 'es'],
    ['¿cuánto cuesta el envío?', 'es'],
    ['me hackearon la cuenta', 'es'],
    ['muchas gracias', 'es'],
    ['where is my order', 'en'],
    ['my package never arrived', 'en'],
    ['can someone call me back', undefined],
  ])('%s → %s', (text, expected) => {
    expect(detectLanguage(text, both)).toBe(expected);
  });

  it('returns undefined for text too short to tell', () => {
    expect(detectLanguage('ok', both)).toBeUndefined();
    expect(detectLanguage('no', both)).toBeUndefined();
    expect(detectLanguage('👍', both)).toBeUndefined();
  });

  it('returns the only candidate, and nothing without candidates', () => {
    expect(detectLanguage('hola', ['en'])).toBe('en');
    expect(detectLanguage('hola', [])).toBeUndefined();
  });
});

describe('nextLanguage', () => {
  it('keeps the known language when a message is unclear, and switches on a clear one', () => {
    expect(nextLanguage('ok', 'es', both, 'en')).toBe('es');
    expect(nextLanguage('ok', undefined, both, 'en')).toBe('en');
    expect(nextLanguage('necesito ayuda con mi pedido', 'en', both, 'en')).toBe('es');
  });
});

describe('a conversation keeps its language', () => {
  it('through short, ambiguous or numeric messages, and switches only on a clear one', () => {
    const said = [
      'Hola, necesito ayuda con mi pedido',
      'ok',
      'gracias',
      '👍',
      '5',
      'no',
      'Where is my order?',
      'ok',
    ];
    const languages: string[] = [];
    let known: string | undefined;
    for (const text of said) {
      known = nextLanguage(text, known, both, 'en');
      languages.push(known);
    }
    expect(languages).toEqual(['es', 'es', 'es', 'es', 'es', 'es', 'en', 'en']);
  });

  it('a first message too short to tell starts in the default language', () => {
    expect(nextLanguage('hola', undefined, both, 'en')).toBe('en');
    expect(nextLanguage('hola', undefined, both, 'es')).toBe('es');
  });
});
