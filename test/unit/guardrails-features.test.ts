import { describe, expect, it } from 'vitest';
import { escalationFeatures } from '#core/guardrails/features.ts';
import { lexiconVerdictsFor } from '#core/guardrails/triggers.ts';

describe("the escalation classifier's features", () => {
  it('are stems in both languages, bigrams within a clause and 4-grams of longer words', () => {
    const features = escalationFeatures('hackearon mi cuenta, help', []);
    expect(features).toEqual(
      expect.arrayContaining(['w:hackearon', 'w:hack', 'c:<hac', 'c:ron>', 'b:hackearon mi', 'w:help']),
    );
    expect(features).not.toContain('b:cuenta help');
  });

  it('carry the concepts the lexicons found, once each, so a synonym counts where a rule needs more words', () => {
    const match = { lang: 'es' as const, start: 0, end: 1, clause: 0 };
    const features = escalationFeatures('asesor asesor', [
      { ...match, concept: 'staff' },
      { ...match, start: 1, end: 2, concept: 'staff' },
    ]);
    expect(features.filter((f) => f === 'k:staff')).toHaveLength(1);
    expect(lexiconVerdictsFor('necesito hablar con un asesor').features).toContain('k:staff');
    expect(lexiconVerdictsFor('ok thanks').features).not.toContain('k:staff');
  });
});
