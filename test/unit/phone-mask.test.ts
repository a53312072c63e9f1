import { describe, expect, it } from 'vitest';
import { maskPhoneNumber } from '#core/phone-mask.ts';

describe('maskPhoneNumber', () => {
  it.each<[string, boolean, string]>([
    ['+15551231234', false, '+1•••••1234'],
    ['whatsapp:+447700900123', false, '+4•••••0123'],
    ['whatsapp:+447700900123', true, 'whatsapp:+4•••••0123'],
    ['+15551231234', true, '+1•••••1234'],
    // Short codes and odd ids are hidden whole.
    ['12345', false, '•••'],
    ['whatsapp:123456', true, 'whatsapp:•••'],
  ])('%s (channel prefix kept: %s) → %s', (address, keepChannelPrefix, masked) => {
    expect(maskPhoneNumber(address, { keepChannelPrefix })).toBe(masked);
  });
});
