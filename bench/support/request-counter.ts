/**
 * A loopback HTTP proxy that counts AWS JSON-protocol requests by operation (`X-Amz-Target`, e.g.
 * `DynamoDB_20120810.GetItem`, `AmazonSQS.SendMessage`) on their way to DynamoDB Local or fauxqs.
 * Every client in the process (handlers, event sources) talks through it, so the counts are the real
 * round trips, whatever code path made them.
 */
import { createServer, request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A running counting proxy. */
export interface RequestCounter {
  /** The proxy's endpoint (`http://127.0.0.1:<port>`): give it to the SDK clients. */
  endpoint: string;
  /** Requests seen so far, by operation name (`GetItem`, `SendMessage`…). */
  counts(): Record<string, number>;
  stop(): Promise<void>;
}

/**
 * Names the kind of a request from its operation and JSON body (e.g. `status:UpdateItem` for a delivery
 * status callback's write), or `undefined` to count it under its operation alone.
 */
export type RequestClassifier = (operation: string, body: string) => string | undefined;

/** Starts a proxy in front of `target` (e.g. DynamoDB Local's endpoint). */
export async function startRequestCounter(
  target: string,
  options: { classify?: RequestClassifier } = {},
): Promise<RequestCounter> {
  const upstream = new URL(target);
  const counts: Record<string, number> = {};
  const server: Server = createServer(async (req, res) => {
    const header = req.headers['x-amz-target'];
    const operation = (Array.isArray(header) ? header[0] : header)?.split('.').pop() ?? 'unknown';
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks);
    const name = options.classify?.(operation, body.toString('utf8')) ?? operation;
    counts[name] = (counts[name] ?? 0) + 1;
    const forward = httpRequest(
      {
        hostname: upstream.hostname,
        port: upstream.port,
        method: req.method,
        path: req.url,
        headers: { ...req.headers, host: upstream.host },
      },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    forward.on('error', () => {
      if (!res.headersSent) res.writeHead(502);
      res.end();
    });
    forward.end(body);
  });
  server.keepAliveTimeout = 30_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    counts: () => ({ ...counts }),
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** `after − before` per operation, zeros dropped. */
export function countsBetween(
  before: Record<string, number>,
  after: Record<string, number>,
): Record<string, number> {
  const delta: Record<string, number> = {};
  for (const [operation, count] of Object.entries(after)) {
    const difference = count - (before[operation] ?? 0);
    if (difference > 0) delta[operation] = difference;
  }
  return delta;
}
