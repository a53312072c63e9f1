/**
 * The local runtime's request pressure: the gateway counts the requests it is serving, and a queue
 * consumer's receive waits while any are in flight (bounded), so a burst of webhooks is acknowledged first.
 */
import { describe, expect, it } from 'vitest';
import { startApiGateway } from '#local/api-gateway.ts';
import { requestCounter, requestPressureBuffer, waitForCalm } from '#local/request-pressure.ts';

const inFlight = (buffer: SharedArrayBuffer) => Atomics.load(new Int32Array(buffer), 0);

describe('request pressure', () => {
  it('the gateway counts a request from arrival until its response is sent', async () => {
    const buffer = requestPressureBuffer();
    let release: () => void = () => {};
    let arrived: () => void = () => {};
    const handlerEntered = new Promise<void>((resolve) => {
      arrived = resolve;
    });
    const gateway = await startApiGateway({
      routes: {
        'POST /slow': async () => {
          arrived();
          await new Promise<void>((resolve) => {
            release = resolve;
          });
          return { statusCode: 200, body: 'ok' };
        },
      },
      pressure: requestCounter(buffer),
    });
    try {
      const pending = fetch(`${gateway.url}/slow`, { method: 'POST', body: 'x' });
      await handlerEntered;
      expect(inFlight(buffer)).toBe(1);
      release();
      const response = await pending;
      expect(await response.text()).toBe('ok');
      await new Promise((resolve) => setTimeout(resolve, 20));
      expect(inFlight(buffer)).toBe(0);
    } finally {
      await gateway.stop();
    }
  });

  it('a receive waits while requests are in flight and goes as soon as the last one has left', async () => {
    const buffer = requestPressureBuffer();
    const counter = requestCounter(buffer);
    counter.enter();
    counter.enter();
    let done = false;
    const waiting = waitForCalm(buffer, { maxHoldMs: 10_000 })().then(() => {
      done = true;
    });
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(done).toBe(false);
    counter.leave();
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(done).toBe(false);
    const lastLeft = Date.now();
    counter.leave();
    await waiting;
    expect(done).toBe(true);
    // Woken by the leave, not by the 10 s hold running out.
    expect(Date.now() - lastLeft).toBeLessThan(1000);
  });

  it('while requests stay in flight, a receive is held for maxHoldMs, then goes', async () => {
    const buffer = requestPressureBuffer();
    requestCounter(buffer).enter();
    const started = Date.now();
    await waitForCalm(buffer, { maxHoldMs: 50 })();
    expect(Date.now() - started).toBeGreaterThanOrEqual(45);
  });
});
