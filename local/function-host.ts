/**
 * Where the local runtime runs its Lambda functions: a host loads some of the handlers
 * (functions/handlers/<name>.ts), invokes them, and runs the SQS event sources of the queue consumers
 * among them. `startFunctionHost` hosts them in the calling thread; `local/function-thread-host.ts` puts
 * the same host in a worker thread, as Lambda gives each function its own execution environment.
 *
 * Handlers read their configuration at module load, so `process.env` must be set before a host starts.
 */
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Context } from 'aws-lambda';
import type { HandlerName } from '../lib/paths.ts';
import { lambdaContext } from './api-gateway.ts';
import { type EventSource, type SqsHandler, startEventSource } from './event-source.ts';
import { waitForCalm } from './request-pressure.ts';
import { localSqsClient } from './sqs-local.ts';

/** How a handler came out of loading. */
export type HandlerState = 'ready' | 'missing' | 'failed';

/** An SQS event source to run for one of the host's handlers (plain data: it crosses to a worker thread). */
export interface ConsumerSpec {
  handler: HandlerName;
  queueUrl: string;
  batchSize: number;
  concurrency: number;
  fifo: boolean;
  functionName: string;
  timeoutSeconds: number;
  visibilityTimeoutSeconds?: number;
  errorBackoffMs?: { min: number; max: number };
}

/** One batch a consumer ran, for the runtime's log line. */
export interface ConsumerBatch {
  handler: HandlerName;
  size: number;
  failed: number;
  durationMs: number;
  /** The message of what the handler threw (the whole batch stays on the queue). */
  error?: string;
}

/** What a host reports while it runs. */
export interface HostEvents {
  onBatch(batch: ConsumerBatch): void;
  /** A poller's receive or delete failed (it backs off). */
  onPollerError(handler: HandlerName, message: string): void;
  onPollerRecover(handler: HandlerName, failures: number): void;
  /** A handler could not be loaded (`missing` is reported without a message). */
  onLoadFailure(handler: HandlerName, state: Exclude<HandlerState, 'ready'>, message?: string): void;
}

/** Options of a host. */
export interface FunctionHostOptions {
  /** Repository root (handlers are `functions/handlers/<name>.ts` under it). */
  root: string;
  handlers: readonly HandlerName[];
  consumers: readonly ConsumerSpec[];
  /** The SQS endpoint the event sources receive from. */
  sqsEndpoint: string;
  /** The gateway's requests in flight (`local/request-pressure.ts`): receives wait while it is busy. */
  requestPressure?: SharedArrayBuffer;
}

/** A running set of functions. */
export interface FunctionHost {
  /** How each of the host's handlers loaded. */
  readonly states: Partial<Record<HandlerName, HandlerState>>;
  /** Invokes a loaded handler with `event` and `context` (a plain one is made a Lambda context). */
  invoke(name: HandlerName, event: unknown, context: Context | InvokeContext): Promise<unknown>;
  /** Resolves when every event source of the host has come back empty with nothing in flight. */
  idle(): Promise<void>;
  /** Every receive of the host's event sources fails until this epoch time (fault tests). */
  failReceivesUntil(epochMs: number): void;
  /** Stops the event sources (after their batches in flight) and releases the host. */
  stop(): Promise<void>;
}

/** What a Lambda context is made from (plain data: it crosses to a worker thread). */
export interface InvokeContext {
  functionName: string;
  timeoutSeconds: number;
}

/** The plain data of `context` (what is left of the remaining time becomes the timeout). */
export function invokeContextOf(context: Context | InvokeContext): InvokeContext {
  return 'getRemainingTimeInMillis' in context
    ? {
        functionName: context.functionName,
        timeoutSeconds: Math.max(1, Math.ceil(context.getRemainingTimeInMillis() / 1000)),
      }
    : context;
}

type Handler = (event: unknown, context: Context) => Promise<unknown>;

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Loads `options.handlers` in this thread and starts the event sources of `options.consumers`. */
export async function startFunctionHost(
  options: FunctionHostOptions,
  events: HostEvents,
): Promise<FunctionHost> {
  const handlers: Partial<Record<HandlerName, Handler>> = {};
  const states: Partial<Record<HandlerName, HandlerState>> = {};
  for (const name of options.handlers) {
    const file = join(options.root, 'functions', 'handlers', `${name}.ts`);
    try {
      const module = (await import(pathToFileURL(file).href)) as { handler?: Handler };
      if (typeof module.handler !== 'function') throw new Error('exports no handler');
      handlers[name] = module.handler;
      states[name] = 'ready';
    } catch (error) {
      const notFound =
        (error as { code?: string }).code === 'ERR_MODULE_NOT_FOUND' && message(error).includes(`${name}.ts`);
      const state = notFound ? 'missing' : 'failed';
      states[name] = state;
      events.onLoadFailure(name, state, notFound ? undefined : message(error));
    }
  }

  let receivesFailUntil = 0;
  const sqs = options.consumers.length > 0 ? localSqsClient(options.sqsEndpoint) : undefined;
  const pollers: EventSource[] = [];
  const holdBeforeReceive = options.requestPressure ? waitForCalm(options.requestPressure) : undefined;
  for (const consumer of options.consumers) {
    const handler = handlers[consumer.handler];
    if (!handler || !sqs) continue;
    pollers.push(
      startEventSource({
        client: sqs,
        queueUrl: consumer.queueUrl,
        handler: handler as SqsHandler,
        batchSize: consumer.batchSize,
        concurrency: consumer.concurrency,
        fifo: consumer.fifo,
        functionName: consumer.functionName,
        timeoutSeconds: consumer.timeoutSeconds,
        ...(consumer.visibilityTimeoutSeconds
          ? { visibilityTimeoutSeconds: consumer.visibilityTimeoutSeconds }
          : {}),
        ...(consumer.errorBackoffMs ? { errorBackoffMs: consumer.errorBackoffMs } : {}),
        onBatch: (batch) =>
          events.onBatch({
            handler: consumer.handler,
            size: batch.size,
            failed: batch.failed,
            durationMs: batch.durationMs,
            ...(batch.error === undefined ? {} : { error: message(batch.error) }),
          }),
        onError: (error) => events.onPollerError(consumer.handler, message(error)),
        onRecover: (failures) => events.onPollerRecover(consumer.handler, failures),
        beforeReceive: () => {
          if (Date.now() < receivesFailUntil) throw new Error('SQS receive failed (injected fault)');
        },
        ...(holdBeforeReceive ? { holdBeforeReceive } : {}),
      }),
    );
  }

  return {
    states,
    async invoke(name, event, context) {
      const handler = handlers[name];
      if (!handler) throw new Error(`handler ${name} is ${states[name] ?? 'not hosted here'}`);
      return handler(
        event,
        'getRemainingTimeInMillis' in context
          ? context
          : lambdaContext(context.functionName, context.timeoutSeconds),
      );
    },
    async idle() {
      await Promise.all(pollers.map((poller) => poller.idle()));
    },
    failReceivesUntil(epochMs) {
      receivesFailUntil = epochMs;
    },
    async stop() {
      await Promise.all(pollers.map((poller) => poller.stop()));
      sqs?.destroy();
    },
  };
}
