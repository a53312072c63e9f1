/**
 * SMS segment counting. A message fits GSM-7 when every character is in the GSM 03.38 basic
 * table (1 septet) or its extension table (2 septets: escape + char); otherwise it is sent as
 * UCS-2 (UTF-16 code units). Single-part limits are 160 septets / 70 units; concatenated parts
 * lose room to the UDH and carry 153 septets / 67 units, and a part never splits an escape pair
 * or a surrogate pair.
 */

/** How the message will be encoded on the air. */
export type SmsEncoding = 'GSM-7' | 'UCS-2';

/** Segment count of one SMS body. */
export interface SegmentCount {
  encoding: SmsEncoding;
  /** Parts billed by the carrier (0 for an empty body). */
  segments: number;
  /** User-visible characters (Unicode code points). */
  characters: number;
}

const GSM_BASIC = new Set(
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?' +
    '¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà',
);
const GSM_EXTENSION = new Set('\f^{}\\[~]|€');

/** Counts the SMS segments `text` needs, choosing GSM-7 when possible. */
export function countSegments(text: string): SegmentCount {
  const chars = [...text];
  const gsm = chars.every((c) => GSM_BASIC.has(c) || GSM_EXTENSION.has(c));
  // Units per character: septets for GSM-7, UTF-16 code units for UCS-2.
  const units = gsm ? chars.map((c) => (GSM_EXTENSION.has(c) ? 2 : 1)) : chars.map((c) => c.length);
  const [single, multi] = gsm ? [160, 153] : [70, 67];
  return {
    encoding: gsm ? 'GSM-7' : 'UCS-2',
    segments: segmentsFor(units, single, multi),
    characters: chars.length,
  };
}

function segmentsFor(units: number[], single: number, multi: number): number {
  const total = units.reduce((sum, n) => sum + n, 0);
  if (total === 0) return 0;
  if (total <= single) return 1;
  let segments = 1;
  let used = 0;
  for (const n of units) {
    // A character that does not fit whole starts the next part.
    if (used + n > multi) {
      segments += 1;
      used = 0;
    }
    used += n;
  }
  return segments;
}
