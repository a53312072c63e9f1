/**
 * A loopback TCP proxy that can stall: fault tests put it in front of DynamoDB Local and pause it, so every
 * request in flight or sent meanwhile hangs (as during a DynamoDB brown-out) until it is resumed.
 */
import { connect, createServer, type Socket } from 'node:net';

/** A running proxy. */
export interface TcpProxy {
  /** `http://127.0.0.1:<port>`. */
  endpoint: string;
  port: number;
  /** Stops forwarding in both directions; connections stay open and bytes wait. */
  pause(): void;
  /** Forwards again, including whatever waited. */
  resume(): void;
  /** Pauses for `ms`, then resumes. */
  stallFor(ms: number): Promise<void>;
  readonly paused: boolean;
  stop(): Promise<void>;
}

/** Starts a proxy on 127.0.0.1 (a free port) to `target` (`http://host:port`). */
export async function startTcpProxy(target: string): Promise<TcpProxy> {
  const { hostname, port: targetPort } = new URL(target);
  const pairs = new Set<[Socket, Socket]>();
  let paused = false;
  const server = createServer((client) => {
    const upstream = connect({ host: hostname, port: Number(targetPort) });
    const pair: [Socket, Socket] = [client, upstream];
    pairs.add(pair);
    client.pipe(upstream);
    upstream.pipe(client);
    if (paused) {
      client.pause();
      upstream.pause();
    }
    const close = () => {
      pairs.delete(pair);
      client.destroy();
      upstream.destroy();
    };
    client.on('error', close).on('close', close);
    upstream.on('error', close).on('close', close);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  const proxy: TcpProxy = {
    endpoint: `http://127.0.0.1:${port}`,
    port,
    get paused() {
      return paused;
    },
    pause() {
      paused = true;
      for (const [client, upstream] of pairs) {
        client.pause();
        upstream.pause();
      }
    },
    resume() {
      paused = false;
      for (const [client, upstream] of pairs) {
        client.resume();
        upstream.resume();
      }
    },
    async stallFor(ms) {
      proxy.pause();
      await new Promise((resolve) => setTimeout(resolve, ms));
      proxy.resume();
    },
    stop: () =>
      new Promise<void>((resolve) => {
        for (const [client, upstream] of pairs) {
          client.destroy();
          upstream.destroy();
        }
        server.close(() => resolve());
      }),
  };
  return proxy;
}
