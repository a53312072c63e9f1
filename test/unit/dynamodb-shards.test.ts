import { describe, expect, it } from 'vitest';
import { mergeSorted, partitionsOf, shardedPartition, shardOf } from '#adapters/dynamodb-shards.ts';
import { hotPartitionShards } from '#lib/design.ts';

describe('shardOf', () => {
  it('is stable and within the shard count', () => {
    const id = 'whatsapp|+15551234567|+15550100000';
    expect(shardOf(id)).toBe(shardOf(id));
    for (let i = 0; i < 200; i++) {
      const shard = shardOf(`sms|+1555${i}|+1444`);
      expect(shard).toBeGreaterThanOrEqual(0);
      expect(shard).toBeLessThan(hotPartitionShards);
    }
  });

  it('spreads conversations roughly evenly', () => {
    const counts = new Array<number>(hotPartitionShards).fill(0);
    for (let i = 0; i < 10_000; i++) counts[shardOf(`sms|+1555${String(i).padStart(7, '0')}|+1444`)]! += 1;
    for (const count of counts) expect(count).toBeGreaterThan(800);
  });

  it('names the partitions: each shard plus the unsharded one', () => {
    expect(shardedPartition('IDLE', 'x')).toBe(`IDLE#${shardOf('x')}`);
    expect(partitionsOf('OPEN')).toHaveLength(hotPartitionShards + 1);
    expect(partitionsOf('OPEN')[0]).toBe('OPEN');
    expect(partitionsOf('LIFE#2026-01-05')).toContain(shardedPartition('LIFE#2026-01-05', 'x'));
  });
});

describe('mergeSorted', () => {
  it.each<[string[][], number, string[]]>([
    [[], 10, []],
    [[[], []], 10, []],
    [
      [
        ['a', 'd', 'g'],
        ['b', 'e'],
        ['c', 'f', 'h'],
      ],
      Number.POSITIVE_INFINITY,
      ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'],
    ],
    [
      [
        ['a', 'd', 'g'],
        ['b', 'e'],
        ['c', 'f', 'h'],
      ],
      4,
      ['a', 'b', 'c', 'd'],
    ],
    [[['m'], [], ['a', 'z']], 2, ['a', 'm']],
    [[['a', 'b']], 0, []],
  ])('merges %j with limit %s', (lists, limit, expected) => {
    expect(mergeSorted(lists, (item) => item, limit)).toEqual(expected);
  });
});
