/**
 * The names the settings accept without asking Intl (`functions/shared/intl-names.ts`): Intl accepts every
 * one of them, and a name not listed gets Intl's own answer.
 */
import { describe, expect, it } from 'vitest';
import { isKnownLanguageCode, isTimeZone, LISTED } from '#shared/intl-names.ts';

describe('names the settings accept', () => {
  it('lists only language codes Intl names, and exactly the two-letter ones it names', () => {
    const names = new Intl.DisplayNames(['en'], { type: 'language', fallback: 'none' });
    const known: string[] = [];
    for (let first = 97; first <= 122; first++)
      for (let second = 97; second <= 122; second++) {
        const code = String.fromCharCode(first, second);
        if (names.of(code) !== undefined) known.push(code);
      }
    expect([...LISTED.languageCodes].sort()).toEqual(known);
  });

  it('lists only time zones Intl formats in, ICU’s own among them', () => {
    const refused = [...LISTED.timeZones].filter((zone) => {
      try {
        new Intl.DateTimeFormat('en-US', { timeZone: zone });
        return false;
      } catch {
        return true;
      }
    });
    expect(refused).toEqual([]);
    expect(LISTED.timeZones.size).toBeGreaterThan(400);
  });

  it('asks Intl about a name it does not list', () => {
    expect(LISTED.timeZones.has('US/Eastern')).toBe(false);
    expect(isTimeZone('US/Eastern')).toBe(true);
    expect(isTimeZone('Mars/Olympus_Mons')).toBe(false);
    expect(isTimeZone('America/New_York')).toBe(true);
    expect(isKnownLanguageCode('es')).toBe(true);
    expect(isKnownLanguageCode('zz')).toBe(false);
  });
});
