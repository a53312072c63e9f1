/**
 * Throughput of the whole local system under load: 400 signed `POST /twilio/messages` from 400 distinct
 * customers, offline model, each answered at the emulated Twilio. First 200 sent by 8 senders at a time,
 * then, as soon as those are acknowledged, a burst of 200 at once. Reports messages per second end to
 * end (first webhook sent → last reply at the emulated Twilio), the burst's acknowledgement times, the
 * end-to-end time of each message (its webhook sent → its reply created at the emulated Twilio), and
 * lost (no reply) and doubled (more than one reply) messages after the queues have drained.
 *
 * The consumers run at the runtime's concurrency (`CONSUMER_CONCURRENCY`, default 8); with
 * `CONSUMER_CONCURRENCY=1 npm run bench -- throughput` the event sources run one batch at a time, as
 * they did before they ran message groups in parallel. Every handler runs in the runtime's thread,
 * as in `npm run dev`, and the queue consumers hold their receives while the gateway serves requests
 * (`local/request-pressure.ts`); `FUNCTION_THREADS=1` runs the queue consumers in a worker thread. CPU per message (this process's threads, and DynamoDB Local's JVM) is
 * reported too: on a shared machine it moves less with other people's load than the wall-clock figures.
 */
import { DEFAULT_CONSUMER_CONCURRENCY } from '../local/runtime.ts';
import { cpuSample } from './support/cpu.ts';
import {
  type BenchSystem,
  type Figures,
  isolated,
  percentile,
  round,
  startBenchSystem,
  timed,
} from './support/system.ts';

const STEADY = 200;
const STEADY_SENDERS = 8;
const BURST = 200;
const business = '+15550100000';
const QUESTIONS = [
  'Hi, do you ship to Canada?',
  'What are your opening hours on Saturday?',
  'How do I return a jacket that does not fit?',
  'How long do refunds take?',
  'I forgot my password, how do I reset it?',
];

/** A distinct customer number per phase and index. */
function customer(phase: number, index: number): string {
  return `+1555${phase}${String(index).padStart(6, '0')}`;
}

/** One message sent: when it left, how long the acknowledgement took, and the status. */
interface Sent {
  from: string;
  sentAt: number;
  ackMs: number;
  status: number;
}

function sendOne(system: BenchSystem, from: string, index: number): Promise<Sent> {
  const sentAt = performance.now();
  return timed(() =>
    system.driver.customerSays({ from, to: business, body: QUESTIONS[index % QUESTIONS.length] ?? '' }),
  ).then(({ value, ms }) => ({ from, sentAt, ackMs: ms, status: value.status }));
}

/** Sends to `customers` with at most `senders` requests outstanding. */
async function sendPaced(system: BenchSystem, customers: string[], senders: number): Promise<Sent[]> {
  const results: Sent[] = [];
  let next = 0;
  const sender = async () => {
    while (next < customers.length) {
      const index = next++;
      results.push(await sendOne(system, customers[index] ?? '', index));
    }
  };
  await Promise.all(Array.from({ length: senders }, sender));
  return results;
}

/** The measurement (runs in a child process: one runtime per process). */
export async function measure(): Promise<Figures> {
  const system = await startBenchSystem();
  try {
    // Cold: the first message loads and connects every client on its way; excluded.
    await sendOne(system, customer(9, 0), 0);
    await system.twilio.waitForMessages(1, 60_000);
    await system.runtime.drain({ timeoutMs: 60_000 });

    /** Reply arrival times at the emulated Twilio, per customer. */
    const replies = new Map<string, number[]>();
    system.twilio.onMessage((message) => {
      const at = performance.now();
      const list = replies.get(message.to) ?? [];
      list.push(at);
      replies.set(message.to, list);
    });
    const total = STEADY + BURST;
    const steadyCustomers = Array.from({ length: STEADY }, (_, i) => customer(1, i));
    const burstCustomers = Array.from({ length: BURST }, (_, i) => customer(2, i));

    const started = performance.now();
    const cpuBefore = cpuSample();
    const steady = await sendPaced(system, steadyCustomers, STEADY_SENDERS);
    const burstStarted = performance.now();
    const burst = await Promise.all(burstCustomers.map((from, index) => sendOne(system, from, index)));
    const burstAcked = performance.now();

    // Every customer answered (or a generous timeout), then the queues settle so late doubles show.
    const deadline = Date.now() + 300_000;
    const all = [...steady, ...burst];
    while (Date.now() < deadline && all.some((sent) => !replies.has(sent.from))) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    const lastReply = Math.max(...[...replies.values()].map((times) => times[0] ?? 0));
    await system.runtime.drain({ timeoutMs: 300_000 });
    const cpuAfter = cpuSample();

    const endToEnd = (sent: Sent[]) =>
      sent.flatMap((one) => {
        const first = replies.get(one.from)?.[0];
        return first === undefined ? [] : [first - one.sentAt];
      });
    const lastOf = (sent: Sent[]) =>
      Math.max(...sent.map((one) => replies.get(one.from)?.[0] ?? Number.NaN).filter(Number.isFinite));
    const lost = all.filter((sent) => !replies.has(sent.from)).length;
    const doubled = all.filter((sent) => (replies.get(sent.from)?.length ?? 0) > 1).length;
    const batches = system.batches.filter((batch) => batch.functionName === 'conversation-worker');
    return {
      'consumer concurrency': Number(process.env.CONSUMER_CONCURRENCY || DEFAULT_CONSUMER_CONCURRENCY),
      'function threads': process.env.FUNCTION_THREADS ?? 'off',
      [`messages sent (${STEADY} by ${STEADY_SENDERS} senders, then ${BURST} at once)`]: total,
      'acknowledged 200 OK': all.filter((sent) => sent.status === 200).length,
      'end to end messages/s (first sent → last reply)': round(total / ((lastReply - started) / 1000)),
      'steady phase messages/s (first sent → its last reply)': round(
        STEADY / ((lastOf(steady) - started) / 1000),
      ),
      'burst messages/s (burst sent → its last reply)': round(
        BURST / ((lastOf(burst) - burstStarted) / 1000),
      ),
      'burst: all acknowledged after ms': round(burstAcked - burstStarted),
      'burst ack p50 ms (client)': round(
        percentile(
          burst.map((sent) => sent.ackMs),
          50,
        ),
      ),
      'burst ack p99 ms (client)': round(
        percentile(
          burst.map((sent) => sent.ackMs),
          99,
        ),
      ),
      'steady ack p50 ms (client)': round(
        percentile(
          steady.map((sent) => sent.ackMs),
          50,
        ),
      ),
      'end to end p50 ms (webhook sent → reply at Twilio)': round(percentile(endToEnd(all), 50)),
      'end to end p99 ms': round(percentile(endToEnd(all), 99)),
      'steady end to end p50 ms': round(percentile(endToEnd(steady), 50)),
      'burst end to end p50 ms': round(percentile(endToEnd(burst), 50)),
      'burst end to end p99 ms': round(percentile(endToEnd(burst), 99)),
      'worker invocations': batches.length,
      'worker records per invocation (mean)': round(
        batches.reduce((sum, batch) => sum + batch.size, 0) / Math.max(1, batches.length),
      ),
      'worker invocation p50 ms': percentile(
        batches.map((batch) => batch.ms),
        50,
      ),
      'node CPU ms per message (all threads, bench client included)': round(
        (cpuAfter.processMs - cpuBefore.processMs) / total,
      ),
      'of which the main thread (gateway, HTTP handlers, fauxqs, emulators, client)': round(
        (cpuAfter.mainThreadMs - cpuBefore.mainThreadMs) / total,
      ),
      'DynamoDB Local CPU ms per message': round((cpuAfter.childrenMs - cpuBefore.childrenMs) / total),
      'lost (no reply)': lost,
      'doubled (more than one reply)': doubled,
    };
  } finally {
    await system.stop();
  }
}

/** Figures for `npm run bench`. */
export default async function throughput(): Promise<Figures> {
  return isolated(import.meta.url);
}
