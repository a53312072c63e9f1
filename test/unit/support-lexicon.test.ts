import { describe, expect, it } from 'vitest';
import { canonicalTerm, implicitness, isGenericTerm, rewritePhrases, termOf } from '#core/support-lexicon.ts';

/** The group a word ends in, as the answerer reads it. */
const group = (word: string): string => canonicalTerm(termOf(word) as string);

describe('the support lexicon', () => {
  it.each([
    ['delivery', 'shipping'],
    ['postage', 'shipping'],
    ['shipment', 'shipping'],
    ['swap', 'exchange'],
    ['staff', 'person'],
    ['team', 'agent'],
    ['fee', 'price'],
    ['cost', 'charge'],
    ['package', 'parcel'],
    ['parcel', 'order'],
    ['reimbursement', 'refund'],
    ['guarantee', 'warranty'],
    ['journalist', 'press'],
    ['changing', 'change'],
  ])('reads "%s" as "%s"', (a, b) => {
    expect(group(a)).toBe(group(b));
  });

  it('keeps apart words that only look alike in a support question', () => {
    expect(group('refund')).not.toBe(group('return'));
    expect(group('flagship')).not.toBe(group('store'));
    expect(group('delivery')).not.toBe(group('track'));
  });

  it('rewrites expressions: send back is a return, money back a refund, a call back neither', () => {
    expect(rewritePhrases('how do I send back a jacket')).toMatch(/\breturn\b/);
    expect(rewritePhrases('can I send my boots back')).toMatch(/\breturn\b/);
    expect(rewritePhrases('when do I get my money back')).toMatch(/\brefund\b/);
    const callback = rewritePhrases('can someone call me back');
    expect(callback).toMatch(/\bcallback\b/);
    expect(callback).not.toMatch(/\breturn\b/);
    expect(rewritePhrases('Items we cannot take back')).toMatch(/\breturn\b/);
  });

  it('reads places and umbrella words: domestic, abroad, the UK, weekends', () => {
    expect(rewritePhrases('Standard shipping within the contiguous United States')).toMatch(/\bdomestic\b/);
    expect(rewritePhrases('returns from outside the US')).toMatch(/\binternational\b/);
    expect(rewritePhrases('Do you ship to the UK?')).toMatch(/\bunitedkingdom\b/);
    expect(rewritePhrases('We do not ship on weekends')).toMatch(/\bsaturday\b/);
  });

  it('sets aside words that carry no topic, and knows which words a passage may leave implicit', () => {
    expect(isGenericTerm(termOf('possible') as string)).toBe(true);
    expect(isGenericTerm(group('refund'))).toBe(false);
    expect(implicitness(group('afternoon'))).toBe('always');
    expect(implicitness(group('boots'))).toBe('item');
    expect(implicitness(group('warranty'))).toBe('never');
  });
});
