/**
 * The sample orders API, emulated on loopback for `npm run dev` and the tests (the business API the
 * sample actions in config/actions.ts call). Every request needs `Authorization: Bearer <token>`.
 * - `GET /orders/{id}` → 200 `{ id, status, phone, email, items, total, currency, carrier, trackingUrl, placedAt }`
 *   or 404;
 * - `POST /orders/{id}/refunds` `{ amount, reason, idempotencyKey }` → 201 `{ refundId, status }` (the same
 *   key answers the same refund: a real payments API's idempotency), 422 past the refundable amount;
 * - `POST /orders/{id}/cancel` `{ idempotencyKey }` → 200 `{ status }`, 409 once shipped.
 * Every call is kept (`calls`, and `onCall` listeners for the playground), so tests count them.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** An order as the sample API holds it. */
export interface FakeOrder {
  id: string;
  status: 'processing' | 'shipped' | 'delivered' | 'cancelled' | 'refunded';
  phone: string;
  email: string;
  items: { name: string; quantity: number; price: number }[];
  total: number;
  currency: string;
  carrier?: string;
  trackingUrl?: string;
  placedAt: string;
}

/** One request the fake received. */
export interface OrdersApiCall {
  at: string;
  method: string;
  path: string;
  status: number;
  body?: unknown;
  /** False when the bearer token was missing or wrong. */
  authorized: boolean;
}

/** A running fake orders API. */
export interface FakeOrdersApi {
  url: string;
  token: string;
  orders: Map<string, FakeOrder>;
  calls: OrdersApiCall[];
  /** Adds or replaces an order. */
  addOrder(order: FakeOrder): void;
  /** The next `count` write requests (POST) answer `status` (fault tests: a refusal, an outage). */
  failNextWrites(status: number, count?: number): void;
  /** Called after every request (the playground's feed). */
  onCall(listener: (call: OrdersApiCall) => void): () => void;
  stop(): Promise<void>;
}

/** The sample orders (the playground's default customer, +15557770001, owns 1187 and 1190). */
export function sampleOrders(): FakeOrder[] {
  return [
    {
      id: '1187',
      status: 'shipped',
      phone: '+15557770001',
      email: 'maya@example.com',
      items: [{ name: 'Trailhead rain jacket', quantity: 1, price: 89 }],
      total: 89,
      currency: 'USD',
      carrier: 'UPS',
      trackingUrl: 'https://www.ups.com/track?tracknum=1Z999AA10123456784',
      placedAt: '2026-11-24T15:02:00Z',
    },
    {
      id: '1190',
      status: 'processing',
      phone: '+15557770001',
      email: 'maya@example.com',
      items: [{ name: 'Merino hiking socks', quantity: 3, price: 14 }],
      total: 42,
      currency: 'USD',
      placedAt: '2026-11-30T10:40:00Z',
    },
    {
      id: '2044',
      status: 'delivered',
      phone: '+15557770002',
      email: 'leo@example.com',
      items: [{ name: 'Summit daypack 28L', quantity: 1, price: 120 }],
      total: 120,
      currency: 'USD',
      carrier: 'USPS',
      trackingUrl: 'https://tools.usps.com/go/TrackConfirmAction?tLabels=9400111899223100001234',
      placedAt: '2026-11-18T09:12:00Z',
    },
  ];
}

/** Starts the fake on a free loopback port. */
export async function startFakeOrdersApi(
  options: { token: string; port?: number; orders?: FakeOrder[] } = { token: 'local-orders-token' },
): Promise<FakeOrdersApi> {
  const orders = new Map((options.orders ?? sampleOrders()).map((order) => [order.id, order]));
  const calls: OrdersApiCall[] = [];
  const listeners = new Set<(call: OrdersApiCall) => void>();
  const refunds = new Map<string, { refundId: string; status: string; orderId: string; amount: number }>();
  const cancels = new Set<string>();
  const failures: number[] = [];

  const server: Server = createServer((request, response) => {
    void handle(request, response).catch(() => {
      if (!response.headersSent) response.writeHead(500).end();
    });
  });

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const raw = await readBody(request);
    let body: unknown;
    try {
      body = raw ? JSON.parse(raw) : undefined;
    } catch {
      body = undefined;
    }
    const path = (request.url ?? '/').split('?')[0] ?? '/';
    const authorized = request.headers.authorization === `Bearer ${options.token}`;
    const injected = authorized && request.method === 'POST' ? failures.shift() : undefined;
    const answer = !authorized
      ? { status: 401, json: { error: 'unauthorized' } }
      : injected
        ? { status: injected, json: { error: 'injected_failure' } }
        : route(request.method ?? 'GET', path, body);
    const call: OrdersApiCall = {
      at: new Date().toISOString(),
      method: request.method ?? 'GET',
      path,
      status: answer.status,
      ...(body !== undefined ? { body } : {}),
      authorized,
    };
    calls.push(call);
    for (const listener of listeners) listener(call);
    response.writeHead(answer.status, { 'content-type': 'application/json' });
    response.end(JSON.stringify(answer.json));
  }

  function route(method: string, path: string, body: unknown): { status: number; json: unknown } {
    const match = /^\/orders\/([^/]+)(?:\/(refunds|cancel))?$/.exec(path);
    const order = match ? orders.get(decodeURIComponent(match[1] ?? '')) : undefined;
    if (!match) return { status: 404, json: { error: 'not_found' } };
    if (!order) return { status: 404, json: { error: 'order_not_found' } };
    const input = (body ?? {}) as { amount?: unknown; reason?: unknown; idempotencyKey?: unknown };
    if (method === 'GET' && !match[2]) return { status: 200, json: order };
    if (method === 'POST' && match[2] === 'refunds') {
      const key = typeof input.idempotencyKey === 'string' ? input.idempotencyKey : undefined;
      const earlier = key ? refunds.get(key) : undefined;
      if (earlier) return { status: 201, json: { refundId: earlier.refundId, status: earlier.status } };
      const amount = typeof input.amount === 'number' ? input.amount : order.total;
      const refunded = [...refunds.values()]
        .filter((refund) => refund.orderId === order.id)
        .reduce((sum, refund) => sum + refund.amount, 0);
      if (amount <= 0 || amount > order.total - refunded + 1e-9) {
        return { status: 422, json: { error: 'amount_not_refundable' } };
      }
      const refund = {
        refundId: `rf_${order.id}_${refunds.size + 1}`,
        status: 'pending',
        orderId: order.id,
        amount,
      };
      refunds.set(key ?? refund.refundId, refund);
      return { status: 201, json: { refundId: refund.refundId, status: refund.status } };
    }
    if (method === 'POST' && match[2] === 'cancel') {
      const key = typeof input.idempotencyKey === 'string' ? input.idempotencyKey : '';
      if (cancels.has(key) || order.status === 'cancelled')
        return { status: 200, json: { status: 'cancelled' } };
      if (order.status !== 'processing') return { status: 409, json: { error: 'already_shipped' } };
      cancels.add(key);
      orders.set(order.id, { ...order, status: 'cancelled' });
      return { status: 200, json: { status: 'cancelled' } };
    }
    return { status: 405, json: { error: 'method_not_allowed' } };
  }

  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    token: options.token,
    orders,
    calls,
    addOrder: (order) => {
      orders.set(order.id, order);
    },
    failNextWrites: (status, count = 1) => {
      for (let i = 0; i < count; i++) failures.push(status);
    },
    onCall: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > 64 * 1024) request.destroy();
      else chunks.push(chunk);
    });
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });
}
