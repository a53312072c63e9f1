import { Logger } from '@aws-lambda-powertools/logger';
import { LogLevel } from '@slack/bolt';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { boltLogger } from '#adapters/slack-app.ts';
import { maskAddress, maskConversationId, maskText, redactLogValue } from '#shared/logging.ts';

describe('log masking', () => {
  afterEach(() => vi.restoreAllMocks());

  it('masks phone numbers and bodies with the helpers', () => {
    expect(maskAddress('whatsapp:+15551234567')).toBe('whatsapp:+1•••••4567');
    expect(maskText('my card is 4111 1111 1111 1111')).toBe('[30 chars]');
  });

  it('redacts PII that reaches a log line anyway, inside error messages too', () => {
    const lines: string[] = [];
    for (const stream of [process.stdout, process.stderr]) {
      vi.spyOn(stream, 'write').mockImplementation((chunk: string | Uint8Array) => {
        lines.push(String(chunk));
        return true;
      });
    }
    const logger = new Logger({ serviceName: 'test', logLevel: 'INFO', jsonReplacerFn: redactLogValue });
    logger.error('send failed', {
      error: new Error("The 'To' number +15551234567 is not a valid phone number."),
      note: 'customer jane@example.com paid with 4111 1111 1111 1111',
      messageSid: 'SM1234567890abcdef1234567890abcdef',
    });
    const line = lines.join('');
    expect(line).toContain('send failed');
    expect(line).not.toContain('+15551234567');
    expect(line).not.toContain('jane@example.com');
    expect(line).not.toContain('4111 1111 1111 1111');
    expect(line).toContain('SM1234567890abcdef1234567890abcdef');
  });

  it('a conversation id in a log line names the conversation without the full customer number', () => {
    const masked = maskConversationId('whatsapp|+15551234567|+15550000000');
    expect(masked).toBe('whatsapp|+1•••••4567|+15550000000');
    expect(masked).not.toContain('+15551234567');
    expect(maskConversationId('sms|+447700900123|+15550100000')).toBe('sms|+4•••••0123|+15550100000');
    expect(maskConversationId(undefined)).toBe('');
    // Anything else is masked whole.
    expect(maskConversationId('fax|+15551234567|+15550000000')).toBe('fa•••••0000');
  });

  it("Bolt's log lines go through the same PII redactor, at Bolt's level", () => {
    const lines: string[] = [];
    for (const stream of [process.stdout, process.stderr]) {
      vi.spyOn(stream, 'write').mockImplementation((chunk: string | Uint8Array) => {
        lines.push(String(chunk));
        return true;
      });
    }
    const target = new Logger({ serviceName: 'test', logLevel: 'DEBUG', jsonReplacerFn: redactLogValue });
    const bolt = boltLogger(target, LogLevel.INFO);
    bolt.warn('An API error occurred for', '+15551234567', new Error('mail jane@example.com'));
    bolt.debug('AWS event: {"body":"my number is +15557654321"}');
    const line = lines.join('');
    expect(line).toContain('An API error occurred for');
    expect(line).not.toContain('+15551234567');
    expect(line).not.toContain('jane@example.com');
    expect(line).not.toContain('+15557654321');
    expect(line).not.toContain('AWS event');
  });
});
