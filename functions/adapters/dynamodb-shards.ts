/**
 * Write sharding of the hot shared partitions of the table's `gsi2` index (`OPEN`, `IDLE`,
 * `LIFE#<day>`): writers spread entries over `hotPartitionShards` partitions by a stable hash of the
 * conversation id, readers query them all in parallel and merge by sort key (docs/data-model.md, "Hot
 * partitions").
 */
import { createHash } from 'node:crypto';
import { hotPartitionShards } from '#lib/design.ts';

/** The shard (0 … `shards` − 1) of a conversation's entries: the same id always lands on the same shard. */
export function shardOf(conversationId: string, shards: number = hotPartitionShards): number {
  return createHash('sha256').update(conversationId).digest().readUInt32BE(0) % shards;
}

/** The partition key of a conversation's entry in the shared partition `base`: `<base>#<shard>`. */
export function shardedPartition(base: string, conversationId: string): string {
  return `${base}#${shardOf(conversationId)}`;
}

/**
 * Every partition a reader of `base` queries: each shard, and `base` itself, where entries written
 * before sharding stay until they are rewritten (the next save) or expire (retention).
 */
export function partitionsOf(base: string): string[] {
  return [base, ...Array.from({ length: hotPartitionShards }, (_, shard) => `${base}#${shard}`)];
}

/**
 * Merges lists that are each sorted ascending by `key` into one ascending list, cut to `limit` at the
 * end (so the first `limit` of the union, whichever shards they came from).
 */
export function mergeSorted<T>(
  lists: readonly (readonly T[])[],
  key: (item: T) => string,
  limit = Number.POSITIVE_INFINITY,
): T[] {
  const heads = lists.map(() => 0);
  const merged: T[] = [];
  while (merged.length < limit) {
    let best = -1;
    let bestKey = '';
    for (const [index, list] of lists.entries()) {
      const item = list[heads[index] ?? 0];
      if (item === undefined) continue;
      const itemKey = key(item);
      if (best === -1 || itemKey < bestKey) {
        best = index;
        bestKey = itemKey;
      }
    }
    if (best === -1) break;
    merged.push(lists[best]![heads[best]!]!);
    heads[best] = (heads[best] ?? 0) + 1;
  }
  return merged;
}
