import { describe, expect, it } from 'vitest';
import { findPii, ibanValid, luhnValid, maskForLog, redactPii, ssnValid } from '#core/guardrails/pii.ts';

describe('PII redaction', () => {
  it('Luhn accepts real test card numbers and rejects a one-digit change', () => {
    expect(luhnValid('4111111111111111')).toBe(true);
    expect(luhnValid('378282246310005')).toBe(true);
    expect(luhnValid('4111111111111112')).toBe(false);
  });

  it('a card number with spaces or dashes and a valid Luhn is redacted', () => {
    expect(redactPii('card 4111 1111 1111 1111 exp 09/27').text).toBe('card [card] exp 09/27');
    expect(redactPii('use 5555-5555-5555-4444').text).toBe('use [card]');
  });

  it('an order number with an invalid Luhn is left alone', () => {
    const result = redactPii('my order number is 4111 1111 1111 1112');
    expect(result.text).toBe('my order number is 4111 1111 1111 1112');
    expect(result.redactions).toEqual([]);
  });

  it('IBAN needs a valid mod-97 checksum and its country length', () => {
    expect(ibanValid('DE89370400440532013000')).toBe(true);
    expect(ibanValid('DE89370400440532013001')).toBe(false);
    expect(ibanValid('DE8937040044053201300')).toBe(false);
    expect(redactPii('IBAN DE89 3704 0044 0532 0130 00 please').text).toBe('IBAN [iban] please');
  });

  it('SSNs in never-issued ranges are not SSNs', () => {
    expect(ssnValid('123', '45', '6789')).toBe(true);
    for (const [a, g, s] of [
      ['000', '12', '3456'],
      ['666', '12', '3456'],
      ['912', '12', '3456'],
      ['123', '00', '4567'],
      ['123', '45', '0000'],
    ] as const) {
      expect(ssnValid(a, g, s)).toBe(false);
    }
    expect(redactPii('ssn 123-45-6789 and 666-12-3456').text).toBe('ssn [ssn] and 666-12-3456');
  });

  it('an undashed SSN is redacted only when the customer calls it one', () => {
    expect(redactPii('my social security number is 123 45 6789').text).toBe(
      'my social security number is [ssn]',
    );
    expect(redactPii('my code is 123 45 6789').text).toBe('my code is 123 45 6789');
  });

  it('emails and phone numbers in common formats are redacted', () => {
    expect(redactPii('write jane.doe+x@mail.example.com').text).toBe('write [email]');
    for (const phone of [
      '(555) 123-4567',
      '+1 415 555 2671',
      '212.555.0199',
      '+44 20 7946 0958',
      '+33 6 12 34 56 78',
    ]) {
      expect(redactPii(`call me at ${phone} today`).text).toBe('call me at [phone] today');
    }
  });

  it('order numbers, dates and short numbers are not phone numbers', () => {
    for (const text of [
      'order #1234567890 is late',
      'order number 1234567890 please',
      'delivered 2024-01-15 10:30',
      'call me at 555-0100',
      'SKU 100-200-3000',
    ]) {
      expect(redactPii(text).text).toBe(text);
    }
  });

  it('counts each kind it redacted', () => {
    const result = redactPii('a@b.co, c@d.co and 4242424242424242');
    expect(result.redactions).toEqual([
      { kind: 'email', count: 2 },
      { kind: 'card', count: 1 },
    ]);
    expect(findPii('a@b.co').map((m) => m.value)).toEqual(['a@b.co']);
  });

  it('maskForLog redacts and truncates', () => {
    const masked = maskForLog(`card 4111111111111111 ${'x'.repeat(300)}`, 40);
    expect(masked.startsWith('card [card] xxx')).toBe(true);
    expect(masked).toContain('…');
    expect(masked).not.toContain('4111');
  });
});
