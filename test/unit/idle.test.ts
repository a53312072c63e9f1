import { describe, expect, it } from 'vitest';
import { ValidationError } from '#core/errors.ts';
import { type IdleFacts, lastActivityOf } from '#core/idle.ts';

const base: IdleFacts = {
  mode: 'ai',
  lastInboundAt: '2026-01-05T10:00:00.000Z',
  updatedAt: '2026-01-05T10:00:02.000Z',
  customerTurns: 1,
};

describe('lastActivityOf: which conversations count as idle, and since when', () => {
  it.each<[string, Partial<IdleFacts>, string | undefined]>([
    [
      'an AI conversation the customer wrote in: the later of inbound and update',
      {},
      '2026-01-05T10:00:02.000Z',
    ],
    [
      'the customer wrote after the last save',
      { lastInboundAt: '2026-01-05T10:05:00.000Z' },
      '2026-01-05T10:05:00.000Z',
    ],
    ['no customer message yet', { lastInboundAt: undefined }, undefined],
    ['no customer turn counted (keywords, survey answers only)', { customerTurns: 0 }, undefined],
    ['customerTurns absent', { customerTurns: undefined }, undefined],
    ['waiting for an agent', { mode: 'queued' }, undefined],
    ['owned by an agent', { mode: 'agent' }, undefined],
    [
      'resolved after the last customer message: done, not idle',
      { lastResolvedAt: '2026-01-05T10:00:02.000Z' },
      undefined,
    ],
    [
      'resolved at the same instant as the last message',
      { lastResolvedAt: '2026-01-05T10:00:00.000Z' },
      undefined,
    ],
    [
      'the customer wrote again after a resolution',
      { lastResolvedAt: '2026-01-05T09:00:00.000Z' },
      '2026-01-05T10:00:02.000Z',
    ],
    [
      'times in another ISO form are normalized to UTC',
      { lastInboundAt: '2026-01-05T12:00:00+02:00', updatedAt: '2026-01-05T09:00:00Z' },
      '2026-01-05T10:00:00.000Z',
    ],
  ])('%s', (_, overrides, expected) => {
    expect(lastActivityOf({ ...base, ...overrides })).toBe(expected);
  });

  it('a time that is no time is a ValidationError', () => {
    expect(() => lastActivityOf({ ...base, lastInboundAt: 'yesterday' })).toThrow(ValidationError);
  });
});
