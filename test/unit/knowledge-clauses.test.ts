import { describe, expect, it } from 'vitest';
import { clausesOf, isAsking } from '#core/knowledge-clauses.ts';

describe('clausesOf', () => {
  it('marks the clause that asks in a run-on message and keeps the story apart', () => {
    expect(clausesOf('my sister got me a gift card for my bday, where can i check the balance')).toEqual([
      { text: 'my sister got me a gift card for my bday', asks: false },
      { text: 'where can i check the balance', asks: true },
    ]);
  });

  it('finds a question opened mid-sentence without punctuation', () => {
    expect(clausesOf('i got my name embroidered on a jacket can i still return it')).toEqual([
      { text: 'i got my name embroidered on a jacket', asks: false },
      { text: 'can i still return it', asks: true },
    ]);
  });

  it('does not split a question word from its own question', () => {
    expect(clausesOf('how do i wash my down jacket')).toEqual([
      { text: 'how do i wash my down jacket', asks: true },
    ]);
  });

  it('reads Spanish clauses the same way', () => {
    expect(clausesOf('olvidé mi contraseña, ¿cómo la cambio?')).toEqual([
      { text: 'olvidé mi contraseña', asks: false },
      { text: '¿cómo la cambio?', asks: true },
    ]);
  });

  it('keeps a message that asks nowhere whole', () => {
    const text = 'box showed up crushed and the stove inside is busted';
    expect(clausesOf(text)).toEqual([{ text, asks: true }]);
  });
});

describe('isAsking', () => {
  it('takes a clause opened by a question word, with or without "?"', () => {
    expect(isAsking('what temp')).toBe(true);
    expect(isAsking('roughly when should it show up')).toBe(true);
    expect(isAsking('¿dónde veo el número de seguimiento?')).toBe(true);
    expect(isAsking('moved house')).toBe(false);
  });
});
