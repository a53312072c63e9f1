/**
 * A {@link FunctionHost} in a worker thread (`node:worker_threads`): the local runtime's counterpart of a
 * Lambda function's own execution environment. The thread loads its handlers with the environment the
 * parent has at start (`process.env`, copied), runs its event sources there, and answers invocations over
 * a message port, so its CPU work runs beside the parent's instead of in front of it.
 *
 * A thread that dies (an uncaught error) fails the invocations in flight, and every later one, with the
 * error; its handlers report `failed`.
 */
import { Worker } from 'node:worker_threads';
import type { HandlerName } from '../lib/paths.ts';
import {
  type FunctionHost,
  type FunctionHostOptions,
  type HandlerState,
  type HostEvents,
  invokeContextOf,
} from './function-host.ts';
import type { ThreadMessage, ThreadRequest } from './function-thread.ts';

const entry = new URL('./function-thread.mjs', import.meta.url);

/** How long `stop()` waits for the thread to finish its batches before terminating it. */
const STOP_TIMEOUT_MS = 30_000;

type Pending = { resolve: (value: unknown) => void; reject: (error: Error) => void };

function toError(failure: { name: string; message: string; stack?: string }): Error {
  const error = new Error(failure.message);
  error.name = failure.name;
  if (failure.stack) error.stack = failure.stack;
  return error;
}

/** Starts a worker thread hosting `options.handlers` and resolves once they are loaded. */
export function startFunctionThread(options: FunctionHostOptions, events: HostEvents): Promise<FunctionHost> {
  const worker = new Worker(entry, { workerData: options, env: { ...process.env } });
  const pending = new Map<number, Pending>();
  let nextId = 0;
  let dead: Error | undefined;
  let stopping = false;
  const states: Partial<Record<HandlerName, HandlerState>> = {};

  const request = (make: (id: number) => ThreadRequest): Promise<unknown> => {
    if (dead) return Promise.reject(dead);
    const id = nextId++;
    return new Promise((resolve, reject) => {
      pending.set(id, { resolve, reject });
      worker.postMessage(make(id));
    });
  };

  const host: FunctionHost = {
    states,
    invoke: (name, event, context) =>
      request((id) => ({ type: 'invoke', id, name, event, context: invokeContextOf(context) })),
    idle: async () => {
      if (!dead) await request((id) => ({ type: 'idle', id }));
    },
    failReceivesUntil: (epochMs) => {
      if (!dead) worker.postMessage({ type: 'failReceivesUntil', epochMs } satisfies ThreadRequest);
    },
    stop: async () => {
      if (stopping) return;
      stopping = true;
      if (!dead) {
        const timeout = new Promise<void>((resolve) => setTimeout(resolve, STOP_TIMEOUT_MS).unref());
        await Promise.race([request((id) => ({ type: 'stop', id })).catch(() => undefined), timeout]);
      }
      await worker.terminate();
    },
  };

  return new Promise<FunctionHost>((resolveStart, rejectStart) => {
    let started = false;
    const die = (error: Error) => {
      if (dead) return;
      dead = error;
      for (const name of options.handlers) {
        states[name] = 'failed';
        if (started) events.onLoadFailure(name, 'failed', `its thread died: ${error.message}`);
      }
      for (const { reject } of pending.values()) reject(error);
      pending.clear();
      if (!started) rejectStart(error);
    };
    worker.on('message', (message: ThreadMessage) => {
      switch (message.type) {
        case 'ready':
          Object.assign(states, message.states);
          started = true;
          resolveStart(host);
          break;
        case 'result': {
          const call = pending.get(message.id);
          pending.delete(message.id);
          if (message.error) call?.reject(toError(message.error));
          else call?.resolve(message.value);
          break;
        }
        case 'batch':
          events.onBatch(message.batch);
          break;
        case 'pollerError':
          events.onPollerError(message.handler, message.message);
          break;
        case 'pollerRecover':
          events.onPollerRecover(message.handler, message.failures);
          break;
        case 'loadFailure':
          events.onLoadFailure(message.handler, message.state, message.message);
          break;
      }
    });
    worker.on('error', (error) => die(error));
    worker.on('exit', (code) => {
      const error = new Error(`the thread of ${options.handlers.join(', ')} exited (code ${code})`);
      if (stopping) {
        for (const { reject } of pending.values()) reject(error);
        pending.clear();
      } else {
        die(error);
      }
    });
  });
}
