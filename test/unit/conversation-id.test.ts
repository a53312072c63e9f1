import { describe, expect, it } from 'vitest';
import {
  type ConversationKey,
  channelAddress,
  conversationIdOf,
  conversationKeyOf,
  numberOf,
} from '#core/model.ts';

describe('the conversation id', () => {
  const whatsapp: ConversationKey = {
    channel: 'whatsapp',
    customerAddress: '+15551234567',
    businessAddress: 'whatsapp:+15550100000',
  };
  const sms: ConversationKey = {
    channel: 'sms',
    customerAddress: '+447700900123',
    businessAddress: '+15550100000',
  };

  it('is channel, customer and business number, without the whatsapp: prefix (an SQS MessageGroupId)', () => {
    expect(conversationIdOf(whatsapp)).toBe('whatsapp|+15551234567|+15550100000');
    expect(conversationIdOf(sms)).toBe('sms|+447700900123|+15550100000');
  });

  it('reads back as the key it was built from', () => {
    expect(conversationKeyOf(conversationIdOf(whatsapp))).toEqual(whatsapp);
    expect(conversationKeyOf(conversationIdOf(sms))).toEqual(sms);
  });

  it('other strings are not conversation ids', () => {
    for (const other of [
      '',
      '+15551234567',
      'fax|+1555|+1444',
      'sms|+1555',
      'sms||+1444',
      'sms|+1555|+1444|x',
    ]) {
      expect(conversationKeyOf(other)).toBeUndefined();
    }
  });
});

describe('a channel address', () => {
  it('is the number with whatsapp: on WhatsApp, the number itself on SMS, and reads back as the number', () => {
    expect(channelAddress('whatsapp', '+15551234567')).toBe('whatsapp:+15551234567');
    expect(channelAddress('sms', '+15551234567')).toBe('+15551234567');
    expect(numberOf('whatsapp:+15551234567')).toBe('+15551234567');
    expect(numberOf('+15551234567')).toBe('+15551234567');
  });
});
