/**
 * The Twilio webhook on the local runtime: 200 concurrent signed `POST /twilio/messages` from 200
 * customers (after one cold request, excluded), then the same 200 one at a time. Reports the server-side
 * request time (the local API Gateway's own duration: request received → handler → response sent,
 * whole milliseconds) and the client-observed latency, throughput of the burst, and checks zero loss:
 * every message stored exactly once and, after the queues drain, exactly one AI reply per customer at
 * the fake Twilio (so each was enqueued once).
 */
import { conversationIdOf } from '../functions/core/model.ts';
import { newMessageSid } from '../local/driver.ts';
import {
  type BenchSystem,
  type Figures,
  isolated,
  percentile,
  round,
  startBenchSystem,
  timed,
} from './support/system.ts';

const CONCURRENT = 200;
const business = '+15550100000';
const QUESTIONS = [
  'Hi, do you ship to Canada?',
  'What are your opening hours on Saturday?',
  'How do I return a jacket that does not fit?',
  'How long do refunds take?',
  'I forgot my password, how do I reset it?',
];

/** A distinct customer number per index and run. */
function customer(run: number, index: number): string {
  return `+1555${run}${String(index).padStart(6, '0')}`;
}

/** Sends one signed message per customer; resolves with each request's status and client latency. */
async function send(system: BenchSystem, customers: string[], concurrent: boolean) {
  const one = (from: string, index: number) => {
    const sid = newMessageSid();
    return timed(() =>
      system.driver.customerSays({
        from,
        to: business,
        messageSid: sid,
        body: QUESTIONS[index % QUESTIONS.length] ?? '',
      }),
    ).then(({ value, ms }) => ({ from, sid, status: value.status, ms }));
  };
  if (concurrent) return Promise.all(customers.map(one));
  const results: Awaited<ReturnType<typeof one>>[] = [];
  for (const [index, from] of customers.entries()) results.push(await one(from, index));
  return results;
}

/** Messages stored exactly once and customers with exactly one AI reply. */
async function verify(system: BenchSystem, sent: { from: string; sid: string }[]) {
  let storedOnce = 0;
  let repliedOnce = 0;
  for (const { from, sid } of sent) {
    const conversationId = conversationIdOf({
      channel: 'sms',
      customerAddress: from,
      businessAddress: business,
    });
    const stored = await system.store.getMessage(conversationId, sid);
    const inbound = (await system.store.recentMessages(conversationId, 50)).filter(
      (message) => message.direction === 'inbound',
    );
    if (stored && inbound.length === 1) storedOnce++;
    if (system.twilio.messages.filter((message) => message.to === from).length === 1) repliedOnce++;
  }
  return { storedOnce, repliedOnce };
}

/** The measurement (runs in a child process: one runtime per process). */
export async function measure(): Promise<Figures> {
  const system = await startBenchSystem();
  try {
    const route = (from: number) =>
      system.requests
        .slice(from)
        .filter((entry) => entry.path === '/twilio/messages')
        .map((entry) => entry.ms);

    // Cold: first invocation of the handler (module-level clients connect lazily), excluded.
    const cold = await send(system, [customer(9, 0)], false);
    await system.runtime.drain({ timeoutMs: 60_000 });

    const burstCustomers = Array.from({ length: CONCURRENT }, (_, i) => customer(1, i));
    const before = system.requests.length;
    const started = performance.now();
    const burst = await send(system, burstCustomers, true);
    const burstSeconds = (performance.now() - started) / 1000;
    const burstServer = route(before);
    await system.runtime.drain({ timeoutMs: 300_000 });
    const burstCheck = await verify(system, burst);

    const sequentialCustomers = Array.from({ length: CONCURRENT }, (_, i) => customer(2, i));
    const beforeSequential = system.requests.length;
    const sequential = await send(system, sequentialCustomers, false);
    const sequentialServer = route(beforeSequential);
    await system.runtime.drain({ timeoutMs: 300_000 });
    const sequentialCheck = await verify(system, sequential);

    const client = (results: { ms: number }[]) => results.map((result) => result.ms);
    return {
      'cold request status': cold[0]?.status ?? 0,
      'cold request ms (client, excluded below)': round(cold[0]?.ms ?? 0),
      [`burst: ${CONCURRENT} concurrent signed requests, 200 OK`]: burst.filter((r) => r.status === 200)
        .length,
      'burst handler p50 ms (server side)': percentile(burstServer, 50),
      'burst handler p99 ms (server side)': percentile(burstServer, 99),
      'burst latency p50 ms (client)': round(percentile(client(burst), 50)),
      'burst latency p99 ms (client)': round(percentile(client(burst), 99)),
      'burst throughput requests/s': round(CONCURRENT / burstSeconds),
      'burst messages stored exactly once': burstCheck.storedOnce,
      'burst customers with exactly one AI reply': burstCheck.repliedOnce,
      'burst lost messages': CONCURRENT - Math.min(burstCheck.storedOnce, burstCheck.repliedOnce),
      'sequential handler p50 ms (server side)': percentile(sequentialServer, 50),
      'sequential handler p99 ms (server side)': percentile(sequentialServer, 99),
      'sequential latency p50 ms (client)': round(percentile(client(sequential), 50)),
      'sequential latency p99 ms (client)': round(percentile(client(sequential), 99)),
      'sequential messages stored exactly once': sequentialCheck.storedOnce,
      'sequential customers with exactly one AI reply': sequentialCheck.repliedOnce,
    };
  } finally {
    await system.stop();
  }
}

/** Figures for `npm run bench`. */
export default async function webhook(): Promise<Figures> {
  return isolated(import.meta.url);
}
