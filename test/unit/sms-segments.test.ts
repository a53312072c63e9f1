import { describe, expect, it } from 'vitest';
import { countSegments } from '#core/sms-segments.ts';

describe('countSegments', () => {
  it('plain text up to 160 characters is one GSM-7 segment', () => {
    expect(countSegments('a'.repeat(160))).toEqual({ encoding: 'GSM-7', segments: 1, characters: 160 });
  });

  it('161 GSM-7 characters need two segments of 153', () => {
    expect(countSegments('a'.repeat(161)).segments).toBe(2);
    expect(countSegments('a'.repeat(306)).segments).toBe(2);
    expect(countSegments('a'.repeat(307)).segments).toBe(3);
  });

  it('GSM-7 basic-table accents and symbols stay GSM-7', () => {
    expect(countSegments('Café à Genève: £5, ¥3, Ñoño! @§¿¡ΔΩ').encoding).toBe('GSM-7');
  });

  it('extension-table characters count two septets each', () => {
    // 80 euro signs = 160 septets: still one segment; 81 = 162 septets: two.
    expect(countSegments('€'.repeat(80))).toEqual({ encoding: 'GSM-7', segments: 1, characters: 80 });
    expect(countSegments('€'.repeat(81)).segments).toBe(2);
    expect(countSegments('{}[]~|^\\').encoding).toBe('GSM-7');
  });

  it('an escape pair is never split across segments', () => {
    // 152 septets of 'a' then '€' (2 septets) does not fit into the first 153-septet part.
    const text = `${'a'.repeat(152)}€${'a'.repeat(10)}`;
    expect(countSegments(text).segments).toBe(2);
    // 152 + 2 + 152 = 306 septets would fit two parts exactly if the pair could split; it cannot.
    expect(countSegments(`${'a'.repeat(152)}€${'a'.repeat(152)}`).segments).toBe(3);
  });

  it('any character outside GSM-7 switches the whole message to UCS-2 with 70/67 limits', () => {
    expect(countSegments(`${'a'.repeat(69)}ç`)).toEqual({ encoding: 'UCS-2', segments: 1, characters: 70 });
    expect(countSegments(`${'a'.repeat(70)}ç`).segments).toBe(2);
    expect(countSegments('“quoted”').encoding).toBe('UCS-2');
    expect(countSegments('Ñandú').encoding).toBe('UCS-2'); // ú is not in GSM-7 (ù is)
    expect(countSegments('a'.repeat(134).concat('ç')).segments).toBe(3);
  });

  it('emoji count as two UCS-2 units and are never split across segments', () => {
    expect(countSegments('😀'.repeat(35))).toEqual({ encoding: 'UCS-2', segments: 1, characters: 35 });
    expect(countSegments('😀'.repeat(36)).segments).toBe(2);
    // 66 units of 'a' + an emoji (2 units) cannot share a 67-unit part.
    expect(countSegments(`${'a'.repeat(66)}😀${'a'.repeat(66)}`).segments).toBe(3);
  });

  it('an empty body needs no segment', () => {
    expect(countSegments('')).toEqual({ encoding: 'GSM-7', segments: 0, characters: 0 });
  });
});
