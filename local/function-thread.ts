/**
 * The worker-thread side of a function thread (local/function-thread-host.ts): hosts the functions named
 * in `workerData` with {@link startFunctionHost} and serves the parent's requests (invoke, idle, fault
 * injection, stop) over `parentPort`; reports batches, poller errors and load failures back.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { HandlerName } from '../lib/paths.ts';
import {
  type ConsumerBatch,
  type FunctionHostOptions,
  type InvokeContext,
  startFunctionHost,
} from './function-host.ts';

/** A request from the parent thread. */
export type ThreadRequest =
  | {
      type: 'invoke';
      id: number;
      name: HandlerName;
      event: unknown;
      context: InvokeContext;
    }
  | { type: 'idle'; id: number }
  | { type: 'failReceivesUntil'; epochMs: number }
  | { type: 'stop'; id: number };

/** A message to the parent thread. */
export type ThreadMessage =
  | { type: 'ready'; states: Record<string, string> }
  | { type: 'result'; id: number; value?: unknown; error?: { name: string; message: string; stack?: string } }
  | { type: 'batch'; batch: ConsumerBatch }
  | { type: 'pollerError'; handler: HandlerName; message: string }
  | { type: 'pollerRecover'; handler: HandlerName; failures: number }
  | { type: 'loadFailure'; handler: HandlerName; state: 'missing' | 'failed'; message?: string };

const port = parentPort;
if (!port) throw new Error('local/function-thread.ts runs in a worker thread');
const post = (message: ThreadMessage) => port.postMessage(message);

const host = await startFunctionHost(workerData as FunctionHostOptions, {
  onBatch: (batch) => post({ type: 'batch', batch }),
  onPollerError: (handler, message) => post({ type: 'pollerError', handler, message }),
  onPollerRecover: (handler, failures) => post({ type: 'pollerRecover', handler, failures }),
  onLoadFailure: (handler, state, message) =>
    post({ type: 'loadFailure', handler, state, ...(message === undefined ? {} : { message }) }),
});

const failure = (error: unknown) =>
  error instanceof Error
    ? { name: error.name, message: error.message, ...(error.stack ? { stack: error.stack } : {}) }
    : { name: 'Error', message: String(error) };

/** Answers request `id` with the outcome of `work`; a value that cannot be cloned is answered as an error. */
const settle = (id: number, work: Promise<unknown>) =>
  work.then(
    (value) => {
      try {
        post({ type: 'result', id, value });
      } catch (error) {
        post({ type: 'result', id, error: failure(error) });
      }
    },
    (error: unknown) => post({ type: 'result', id, error: failure(error) }),
  );

port.on('message', (request: ThreadRequest) => {
  switch (request.type) {
    case 'invoke':
      void settle(request.id, host.invoke(request.name, request.event, request.context));
      break;
    case 'idle':
      void settle(request.id, host.idle());
      break;
    case 'failReceivesUntil':
      host.failReceivesUntil(request.epochMs);
      break;
    case 'stop':
      // The port is closed after the answer, so the thread ends once its last handles are gone.
      void settle(request.id, host.stop()).then(() => port.close());
      break;
  }
});
post({ type: 'ready', states: host.states as Record<string, string> });
