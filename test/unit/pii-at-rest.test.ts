import { describe, expect, it } from 'vitest';
import {
  hasPiiRemovedFlag,
  piiRemovedFlag,
  redactAtRest,
  redactAtRestDeep,
} from '#core/guardrails/pii-at-rest.ts';
import { customerOnceKeys, normalizeCustomerNumber } from '#core/use-cases/customer-data.ts';
import { outboundMessageId } from '#core/use-cases/send-to-customer.ts';

describe('at-rest redaction', () => {
  it('replaces a Luhn-valid card number, spaced or not, with its last four digits', () => {
    expect(redactAtRest('card 4111 1111 1111 1111 please').text).toBe('card [card ending 1111] please');
    expect(redactAtRest('4539578763621486').text).toBe('[card ending 1486]');
    expect(redactAtRest('pay with 5500-0000-0000-0004').removed).toEqual(['card']);
  });

  it('leaves a 16-digit number that fails Luhn (an order number) alone', () => {
    expect(redactAtRest('order 4111111111111112').text).toBe('order 4111111111111112');
  });

  it('removes a valid SSN and a valid IBAN, keeping the IBAN’s last four characters', () => {
    const result = redactAtRest('ssn 123-45-6789 and iban GB82 WEST 1234 5698 7654 32');
    expect(result.text).toBe('ssn [SSN removed] and iban [IBAN ending 5432]');
    expect(result.removed.sort()).toEqual(['iban', 'ssn']);
  });

  it('keeps emails and phone numbers a customer gives (they are masked for the model and logs only)', () => {
    const text = 'write to jane@example.com or call +1 555 123 4567';
    expect(redactAtRest(text)).toEqual({ text, removed: [] });
  });

  it('is idempotent: redacted text is stored as it is', () => {
    const once = redactAtRest('card 4111 1111 1111 1111').text;
    expect(redactAtRest(once)).toEqual({ text: once, removed: [] });
  });

  it('deep redaction rewrites free text in nested fields but never ids, keys or times', () => {
    const item = {
      conversationId: 'sms|+15551234567|+15550000000',
      at: '2026-01-05T10:00:00.000Z',
      packet: { summary: 'card 4111111111111111', tried: ['ssn 123-45-6789'] },
      facts: { note: 'IBAN DE89370400440532013000' },
    };
    expect(redactAtRestDeep(item)).toEqual({
      conversationId: item.conversationId,
      at: item.at,
      packet: { summary: 'card [card ending 1111]', tried: ['ssn [SSN removed]'] },
      facts: { note: 'IBAN [IBAN ending 3000]' },
    });
  });

  it('flags name the kind removed and are recognised on a message', () => {
    expect(piiRemovedFlag('card')).toBe('pii_removed:card');
    expect(hasPiiRemovedFlag(['processed', 'pii_removed:iban'])).toBe(true);
    expect(hasPiiRemovedFlag(['processed'])).toBe(false);
  });
});

describe('customer requests', () => {
  it('normalizes an operator-typed number to E.164 and refuses what is not one', () => {
    expect(normalizeCustomerNumber(' +1 (555) 123-4567 ')).toBe('+15551234567');
    expect(normalizeCustomerNumber('whatsapp:+15551234567')).toBe('+15551234567');
    expect(normalizeCustomerNumber('5551234567')).toBeUndefined();
    expect(normalizeCustomerNumber('+1555; drop table')).toBeUndefined();
  });

  it('derives the one-time keys of the customer’s messages and cases, with part keys of split sends', () => {
    const conversationId = 'sms|+15551234567|+15550000000';
    const keys = customerOnceKeys({
      customerAddress: '+15551234567',
      conversations: [{ id: conversationId } as never],
      messages: [
        { conversationId, messageId: 'SM1', author: 'customer' } as never,
        {
          conversationId,
          messageId: outboundMessageId('reply#SM1'),
          author: 'ai',
          providerIds: ['SMa', 'SMb'],
        } as never,
      ],
      lifecycle: [],
      cases: [{ caseId: 'case-SM1' } as never],
      providerIds: [],
    });
    expect(keys).toEqual(
      expect.arrayContaining([
        `outbox#sensitive#${conversationId}`,
        `forwarded#${conversationId}#SM1`,
        'outbox#reply#SM1',
        'outbox#reply#SM1#0',
        'outbox#reply#SM1#1',
        'outbox#help#SM1',
        'outbox#agent#suggestion-SM1',
        'card#case-SM1',
        'outbox#closing#case-SM1',
        'outbox#escalated#case-SM1',
        'outbox#wait#case-SM1',
      ]),
    );
  });
});
