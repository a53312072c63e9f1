import { describe, expect, it } from 'vitest';
import { classifyKeyword } from '#core/opt-out.ts';

describe('classifyKeyword', () => {
  it.each(['STOP', 'STOPALL', 'UNSUBSCRIBE', 'CANCEL', 'END', 'QUIT', 'REVOKE', 'OPTOUT'])(
    '%s alone is an opt-out',
    (word) => {
      expect(classifyKeyword(word)).toBe('stop');
    },
  );

  it.each(['START', 'YES', 'UNSTOP'])('%s alone opts back in', (word) => {
    expect(classifyKeyword(word)).toBe('start');
  });

  it.each(['HELP', 'INFO'])('%s alone asks for help', (word) => {
    expect(classifyKeyword(word)).toBe('help');
  });

  it.each(['stop', 'Stop', '  sToP  ', 'STOP.', '"stop!"', '...Stop?!', '\tunsubscribe\n', 'stop 🛑'])(
    'any case and surrounding spaces or punctuation still mean STOP: %j',
    (text) => {
      expect(classifyKeyword(text)).toBe('stop');
    },
  );

  it.each([
    'stop please',
    'stop sending me these',
    'please stop',
    "don't stop",
    'I want to cancel my order',
    'yes please',
    'help me',
    'STOP ALL',
    'st op',
    'stopp',
    '',
  ])('a sentence containing a keyword is not a keyword: %j', (text) => {
    expect(classifyKeyword(text)).toBeNull();
  });
});
