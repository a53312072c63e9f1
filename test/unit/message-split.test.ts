import { describe, expect, it } from 'vitest';
import { splitMessage } from '#core/message-split.ts';

const squash = (s: string) => s.replace(/\s+/g, '');

describe('splitMessage', () => {
  it('keeps a body within the limit as one part (trimmed)', () => {
    expect(splitMessage('  Hello there.  ')).toEqual(['Hello there.']);
    expect(splitMessage('x'.repeat(1600))).toEqual(['x'.repeat(1600)]);
  });

  it('returns no part for an empty body', () => {
    expect(splitMessage('   ')).toEqual([]);
  });

  it('cuts a long body at sentence boundaries, each part within the limit', () => {
    const sentence = 'This sentence is exactly fifty characters long ok. ';
    const text = sentence.repeat(40).trim(); // 2,000 characters
    const parts = splitMessage(text);
    expect(parts).toHaveLength(2);
    for (const part of parts) {
      expect(part.length).toBeLessThanOrEqual(1600);
      expect(part.endsWith('ok.')).toBe(true);
    }
    expect(parts.join(' ')).toBe(text);
  });

  it('treats ! ? and line breaks as sentence ends', () => {
    expect(splitMessage('Is it ready? Yes it is! Great news.', 25)).toEqual([
      'Is it ready? Yes it is!',
      'Great news.',
    ]);
    expect(splitMessage('First line without stop\nsecond line here', 30)).toEqual([
      'First line without stop',
      'second line here',
    ]);
  });

  it('falls back to a word boundary when no sentence ends in the window', () => {
    const parts = splitMessage('alpha beta gamma delta epsilon zeta', 12);
    expect(parts).toEqual(['alpha beta', 'gamma delta', 'epsilon zeta']);
  });

  it('prefers a word boundary over a sentence end that would leave a stub part', () => {
    const parts = splitMessage(`Hi. ${'word '.repeat(10).trim()}`, 20);
    expect(parts[0]).not.toBe('Hi.');
    for (const part of parts) expect(part.length).toBeLessThanOrEqual(20);
  });

  it('hard-cuts a word longer than the limit without losing characters', () => {
    const text = 'y'.repeat(3500);
    const parts = splitMessage(text);
    expect(parts.map((p) => p.length)).toEqual([1600, 1600, 300]);
    expect(parts.join('')).toBe(text);
  });

  it('never breaks an emoji (surrogate pair) in a hard cut', () => {
    const text = `a${'😀'.repeat(10)}`; // 21 UTF-16 units
    const parts = splitMessage(text, 4);
    for (const part of parts) {
      expect(part.length).toBeLessThanOrEqual(4);
      expect(part).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/);
    }
    expect(parts.join('')).toBe(text);
  });

  it('loses nothing but whitespace at the cuts, whatever the text', () => {
    const words = [
      'Order',
      '#1234',
      'shipped.',
      'Track',
      'it',
      'here!',
      'Questions?',
      'Reply',
      'anytime',
      '😀',
      'ok',
    ];
    let text = '';
    for (let i = 0; i < 900; i++) text += `${words[(i * 7) % words.length]}${i % 13 === 0 ? '\n' : ' '}`;
    for (const max of [10, 57, 160, 1600]) {
      const parts = splitMessage(text, max);
      for (const part of parts) expect(part.length).toBeLessThanOrEqual(max);
      expect(squash(parts.join(''))).toBe(squash(text));
    }
  });
});
