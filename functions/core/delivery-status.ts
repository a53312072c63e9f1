/**
 * The order of delivery statuses: a status reported by the channel replaces the stored one only when it
 * ranks strictly higher, so callbacks arriving out of order never move a message backwards.
 */
import type { DeliveryStatus } from './model.ts';

/**
 * Each status's rank. `sent` and `received` are the same step; `undelivered` and `failed` rank highest,
 * so they are final: a late `sent` never overwrites `delivered`, `read` is not undone by a late
 * `delivered`, and nothing replaces a failure.
 */
export const DELIVERY_STATUS_RANK: Readonly<Record<DeliveryStatus, number>> = {
  accepted: 1,
  queued: 2,
  sending: 3,
  sent: 4,
  received: 4,
  delivered: 5,
  read: 6,
  undelivered: 7,
  failed: 7,
};

/** The rank of `status`, or undefined for a status the channel should never report. */
export function deliveryStatusRank(status: string): number | undefined {
  return Object.hasOwn(DELIVERY_STATUS_RANK, status)
    ? DELIVERY_STATUS_RANK[status as DeliveryStatus]
    : undefined;
}

/** Whether `next` may replace `current` (none stored yet counts as the lowest). */
export function advancesStatus(current: DeliveryStatus | undefined, next: DeliveryStatus): boolean {
  return DELIVERY_STATUS_RANK[next] > (current ? DELIVERY_STATUS_RANK[current] : 0);
}

/** Of several statuses (e.g. the parts of one multi-part SMS), the one ranking highest. */
export function highestStatus<T extends { status: DeliveryStatus }>(entries: readonly T[]): T | undefined {
  let best: T | undefined;
  for (const entry of entries) {
    if (!best || DELIVERY_STATUS_RANK[entry.status] > DELIVERY_STATUS_RANK[best.status]) best = entry;
  }
  return best;
}
