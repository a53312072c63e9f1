/**
 * The business-API adapter (`HttpBusinessApi`) against the loopback sample orders API: bearer token, JSON,
 * 404s returned, idempotent refunds, and unavailability after retries.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HttpBusinessApi } from '../../functions/adapters/business-api.ts';
import { BusinessApiUnavailableError } from '../../functions/core/errors.ts';
import { type FakeOrdersApi, startFakeOrdersApi } from '../../local/fake-orders-api.ts';

let orders: FakeOrdersApi;

beforeAll(async () => {
  orders = await startFakeOrdersApi({ token: 'secret-token' });
});

afterAll(async () => {
  await orders?.stop();
});

const noSleep = async () => {};

describe('HttpBusinessApi against the sample orders API', () => {
  it('looks an order up with the bearer token', async () => {
    const api = new HttpBusinessApi({ baseUrl: `${orders.url}/`, token: 'secret-token', sleep: noSleep });
    const answer = await api.request({ method: 'GET', path: '/orders/1187' });
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ id: '1187', status: 'shipped', carrier: 'UPS' });
    expect(orders.calls.at(-1)).toMatchObject({ method: 'GET', path: '/orders/1187', authorized: true });
  });

  it('returns a 404 for an unknown order, and a 401 for a wrong token (not retried)', async () => {
    const api = new HttpBusinessApi({ baseUrl: orders.url, token: 'secret-token', sleep: noSleep });
    expect((await api.request({ method: 'GET', path: '/orders/0000' })).status).toBe(404);
    const before = orders.calls.length;
    const wrong = new HttpBusinessApi({ baseUrl: orders.url, token: 'nope', sleep: noSleep });
    expect((await wrong.request({ method: 'GET', path: '/orders/1187' })).status).toBe(401);
    expect(orders.calls.length - before).toBe(1);
  });

  it('a refund repeated with the same idempotency key is one refund', async () => {
    const api = new HttpBusinessApi({ baseUrl: orders.url, token: 'secret-token', sleep: noSleep });
    const body = { amount: 10, reason: 'torn', idempotencyKey: 'act-SMx' };
    const first = await api.request({ method: 'POST', path: '/orders/2044/refunds', body });
    const second = await api.request({ method: 'POST', path: '/orders/2044/refunds', body });
    expect(first.status).toBe(201);
    expect(second.body).toEqual(first.body);
    const other = await api.request({
      method: 'POST',
      path: '/orders/2044/refunds',
      body: { amount: 500, reason: 'x', idempotencyKey: 'act-SMy' },
    });
    expect(other.status).toBe(422);
  });

  it('retries a 503 and then reports the API unavailable', async () => {
    let hits = 0;
    const server = createServer((_, response) => {
      hits++;
      response.writeHead(503).end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = server.address() as AddressInfo;
      const api = new HttpBusinessApi({
        baseUrl: `http://127.0.0.1:${port}`,
        token: 't',
        maxRetries: 2,
        sleep: noSleep,
      });
      await expect(api.request({ method: 'GET', path: '/orders/1' })).rejects.toBeInstanceOf(
        BusinessApiUnavailableError,
      );
      expect(hits).toBe(3);
    } finally {
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });
});
