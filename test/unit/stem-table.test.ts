/**
 * The precomputed stem table (`functions/core/stem-table.ts`, `npm run stem-table`): it holds every word
 * the lexicons, the offline model's knowledge index and the escalation lexicon stem at start-up, each with
 * exactly Snowball's stem; the stemmers answer from it and fall back to Snowball for any other word.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { STEM_TABLE } from '#core/stem-table.ts';
import { decodeStemTable, encodeStemTable, STEMMERS } from '#core/stemmers.ts';
import { newStemmer } from '#functions/vendor/snowball-en-es.js';
import { stemsAtLoad, stemTableFile, stemTableSource } from '../../bin/stem-table.ts';

const snowball = { en: newStemmer('english'), es: newStemmer('spanish') };

describe('precomputed stem table', () => {
  it('holds every word stemmed at start-up (else: npm run stem-table)', async () => {
    const atLoad = await stemsAtLoad();
    for (const lang of ['en', 'es'] as const) {
      const table = decodeStemTable(STEM_TABLE[lang]);
      expect(atLoad[lang].size).toBeGreaterThan(1000);
      const missing = [...atLoad[lang].keys()].filter((word) => !table.has(word));
      expect(missing, `${lang} words stemmed at start-up missing from the table`).toEqual([]);
    }
  });

  it.each(['en', 'es'] as const)('gives exactly Snowball’s stem for every %s word it holds', (lang) => {
    const table = decodeStemTable(STEM_TABLE[lang]);
    const differing = [...table].filter(([word, stem]) => snowball[lang].stem(word) !== stem);
    expect(differing).toEqual([]);
  });

  it('answers a word outside the table from Snowball', () => {
    for (const word of ['reconfigurations', 'unhelpfulness', 'zzzyzzying']) {
      expect(decodeStemTable(STEM_TABLE.en).has(word)).toBe(false);
      expect(STEMMERS.en.stem(word)).toBe(snowball.en.stem(word));
    }
    expect(decodeStemTable(STEM_TABLE.es).has('reconfiguraciones')).toBe(false);
    expect(STEMMERS.es.stem('reconfiguraciones')).toBe(snowball.es.stem('reconfiguraciones'));
  });

  it('is written one entry per line (words sorted), so a regeneration diffs word by word', () => {
    const source = stemTableSource({
      en: new Map([
        ['running', 'run'],
        ['a', 'a'],
      ]),
      es: new Map([['casas', 'casa']]),
    });
    expect(source).toContain('  en: `\na\nrunning:4\n`,\n  es: `\ncasas:1\n`,\n');
    const longest = Math.max(
      ...readFileSync(stemTableFile, 'utf8')
        .split('\n')
        .map((line) => line.length),
    );
    expect(longest).toBeLessThanOrEqual(120);
  });

  it('round-trips its text form: unchanged words, cuts, appended letters, digits, apostrophes, an empty stem', () => {
    const stems = new Map([
      ['run', 'run'],
      ['running', 'run'],
      ['happy', 'happi'],
      ['generously', 'generous'],
      ["don't", "don't"],
      ['24h', '24h'],
      ['a', 'a'],
      ['x', ''],
    ]);
    expect(decodeStemTable(encodeStemTable(stems))).toEqual(stems);
    expect(decodeStemTable('')).toEqual(new Map());
    expect(() => encodeStemTable(new Map([['two words', 'two word']]))).toThrow(/cannot hold/);
    expect(() => encodeStemTable(new Map([['', '']]))).toThrow(/empty word/);
  });
});
