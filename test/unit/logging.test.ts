import { Logger } from '@aws-lambda-powertools/logger';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { maskAddress, maskText, redactLogValue } from '#shared/logging.ts';

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
});
