import { describe, expect, it } from 'vitest';
import { advancesStatus, deliveryStatusRank, highestStatus } from '#core/delivery-status.ts';
import type { DeliveryStatus } from '#core/model.ts';

describe('advancesStatus', () => {
  it.each<[DeliveryStatus | undefined, DeliveryStatus, boolean]>([
    [undefined, 'accepted', true],
    [undefined, 'failed', true],
    ['accepted', 'queued', true],
    ['queued', 'sending', true],
    ['sending', 'sent', true],
    ['sent', 'delivered', true],
    ['delivered', 'read', true],
    ['sent', 'undelivered', true],
    ['read', 'failed', true],
    // Late or repeated callbacks never move a message backwards.
    ['delivered', 'sent', false],
    ['read', 'delivered', false],
    ['sent', 'sent', false],
    ['sent', 'received', false],
    ['received', 'sent', false],
    // Failures are final.
    ['failed', 'delivered', false],
    ['failed', 'read', false],
    ['undelivered', 'failed', false],
    ['failed', 'undelivered', false],
  ])('stored %s, reported %s: applied %s', (current, next, applied) => {
    expect(advancesStatus(current, next)).toBe(applied);
  });
});

describe('deliveryStatusRank', () => {
  it('ranks the statuses in the order they may follow each other', () => {
    const order: DeliveryStatus[] = ['accepted', 'queued', 'sending', 'sent', 'delivered', 'read', 'failed'];
    const ranks = order.map((status) => deliveryStatusRank(status) ?? 0);
    expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
    expect(new Set(ranks).size).toBe(order.length);
  });

  it.each(['', 'canceled', 'toString', '__proto__'])('an unknown status %j has no rank', (status) => {
    expect(deliveryStatusRank(status)).toBeUndefined();
  });
});

describe('highestStatus', () => {
  it.each<[DeliveryStatus[], DeliveryStatus | undefined]>([
    [[], undefined],
    [['sent'], 'sent'],
    [['delivered', 'sent', 'read'], 'read'],
    // A multi-part SMS with one failed part is failed.
    [['delivered', 'failed', 'read'], 'failed'],
  ])('of %j it is %s', (statuses, expected) => {
    expect(highestStatus(statuses.map((status) => ({ status })))?.status).toBe(expected);
  });
});
