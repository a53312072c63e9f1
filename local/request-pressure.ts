/**
 * Requests in flight at the local API Gateway, counted in shared memory so the queue consumers see it from
 * any thread. In AWS the HTTP functions and the queue consumers run in separate execution environments, so
 * a burst of webhooks never waits behind the worker; on one machine they share the cores, and a burst's
 * acknowledgements would queue behind the worker's batches. So a consumer holds its next receive while the
 * gateway serves more than `threshold` requests, for at most `maxHoldMs` (a steady stream of requests
 * never starves the queues). Batches already running are not touched.
 */

/** The gateway's side: one `enter` and one `leave` per request. */
export interface RequestCounter {
  enter(): void;
  leave(): void;
}

/** Shared memory of one counter (crosses to a function thread in `workerData`). */
export function requestPressureBuffer(): SharedArrayBuffer {
  return new SharedArrayBuffer(Int32Array.BYTES_PER_ELEMENT);
}

/** The counter the gateway updates. */
export function requestCounter(buffer: SharedArrayBuffer): RequestCounter {
  const cell = new Int32Array(buffer);
  return {
    enter: () => void Atomics.add(cell, 0, 1),
    leave: () => {
      Atomics.sub(cell, 0, 1);
      // Wakes the consumers holding in `waitForCalm`, in this thread or another.
      Atomics.notify(cell, 0);
    },
  };
}

/** `Atomics.waitAsync` (ES2024, in Node since 16; the project's TypeScript lib is ES2023). */
const atomics = Atomics as typeof Atomics & {
  waitAsync(
    array: Int32Array,
    index: number,
    value: number,
    timeoutMs: number,
  ): { async: false; value: 'not-equal' | 'timed-out' } | { async: true; value: Promise<'ok' | 'timed-out'> };
};

/** Options of {@link waitForCalm}. */
export interface CalmOptions {
  /** Requests in flight that still count as calm. @default 0 */
  threshold?: number;
  /** The longest a receive is held. @default 1000 */
  maxHoldMs?: number;
}

/**
 * A consumer's wait before a receive: resolves once the gateway is calm, or after `maxHoldMs`. It sleeps
 * on the counter (`Atomics.waitAsync`) and wakes when a request leaves, instead of reading it on a timer.
 */
export function waitForCalm(buffer: SharedArrayBuffer, options: CalmOptions = {}): () => Promise<void> {
  const cell = new Int32Array(buffer);
  const threshold = options.threshold ?? 0;
  const maxHoldMs = options.maxHoldMs ?? 1000;
  return async () => {
    const until = Date.now() + maxHoldMs;
    for (;;) {
      const inFlight = Atomics.load(cell, 0);
      const left = until - Date.now();
      if (inFlight <= threshold || left <= 0) return;
      // Returns at once ("not-equal") if the count moved since it was read; else sleeps until a leave.
      const wait = atomics.waitAsync(cell, 0, inFlight, left);
      if (wait.async) await wait.value;
    }
  };
}
