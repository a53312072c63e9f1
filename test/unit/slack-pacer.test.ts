import { expect, it } from 'vitest';
import { ChannelPacer } from '../../functions/adapters/slack-pacer.ts';

it('lets a burst through, then one post per second per channel, each channel on its own', () => {
  let now = 0;
  const pacer = new ChannelPacer({ perSecond: 1, burst: 2, now: () => now });
  expect(pacer.reserve('C1')).toBe(0);
  expect(pacer.reserve('C1')).toBe(0);
  expect(pacer.reserve('C1')).toBe(1000);
  expect(pacer.reserve('C2')).toBe(0);
  now = 5000;
  expect(pacer.reserve('C1')).toBe(0);
});

it('refuses a slot further away than the caller will wait, without taking it', () => {
  const pacer = new ChannelPacer({ perSecond: 1, burst: 1, now: () => 0 });
  expect(pacer.reserve('C1', 500)).toBe(0);
  expect(pacer.reserve('C1', 500)).toBeUndefined();
  expect(pacer.delayFor('C1')).toBe(1000);
});

it('a 429 blocks the channel for its Retry-After', () => {
  let now = 0;
  const pacer = new ChannelPacer({ perSecond: 1, burst: 3, now: () => now });
  pacer.block('C1', 5);
  expect(pacer.delayFor('C1')).toBe(5000);
  now = 5000;
  expect(pacer.reserve('C1')).toBe(0);
});
