import { describe, expect, it } from 'vitest';
import { scoreSentiment } from '#core/sentiment.ts';

describe('scoreSentiment', () => {
  it('stays within -1..1 and is deterministic', () => {
    const rant = 'worst worst worst terrible awful horrible useless scam '.repeat(20);
    expect(scoreSentiment(rant)).toBeGreaterThanOrEqual(-1);
    expect(scoreSentiment(rant)).toBeLessThan(-0.9);
    expect(scoreSentiment('great great great amazing '.repeat(20))).toBeLessThanOrEqual(1);
    expect(scoreSentiment('thanks, great help')).toBe(scoreSentiment('thanks, great help'));
  });

  it('mild frustration stays above the default escalation threshold, a furious message falls below it', () => {
    expect(scoreSentiment('this is damn slow')).toBeGreaterThan(-0.5);
    expect(scoreSentiment('worst service ever, useless, I hate you')).toBeLessThanOrEqual(-0.5);
  });

  it('customer-service words: refund and cancel are neutral, scam and useless are negative', () => {
    expect(scoreSentiment('refund the order')).toBe(0);
    expect(scoreSentiment('cancel my order')).toBe(0);
    expect(scoreSentiment('this is a scam')).toBeLessThan(-0.3);
  });

  it('scores basic Spanish', () => {
    expect(scoreSentiment('servicio pésimo, estoy harto')).toBeLessThan(-0.5);
    expect(scoreSentiment('muchas gracias, excelente')).toBeGreaterThan(0.5);
  });

  it('empty text is neutral', () => {
    expect(scoreSentiment('  ')).toBe(0);
  });
});
