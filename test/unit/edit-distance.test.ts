import { describe, expect, it } from 'vitest';
import { withinOneEdit } from '#core/edit-distance.ts';

describe('withinOneEdit', () => {
  it.each([
    ['refnud', 'refund'],
    ['recieve', 'receive'],
    ['shiping', 'shipping'],
    ['pasword', 'password'],
    ['warrenty', 'warranty'],
    ['expres', 'express'],
    ['exchnage', 'exchange'],
  ])('"%s" is one edit from "%s"', (typo, word) => {
    expect(withinOneEdit(typo, word)).toBe(true);
    expect(withinOneEdit(word, typo)).toBe(true);
  });

  it('refuses two edits', () => {
    expect(withinOneEdit('expres', 'expire')).toBe(false);
    expect(withinOneEdit('retrun', 'return!')).toBe(false);
  });

  it('can refuse a changed letter, for short words whose neighbours are real words', () => {
    expect(withinOneEdit('story', 'store')).toBe(true);
    expect(withinOneEdit('story', 'store', { substitution: false })).toBe(false);
    expect(withinOneEdit('sotre', 'store', { substitution: false })).toBe(true);
  });
});
