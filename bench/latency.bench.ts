/**
 * End-to-end latency on the local runtime, unloaded: one customer at a time, from the signed webhook
 * (`POST /twilio/messages`) until the AI's reply reaches the emulated Twilio (offline model). The queue
 * pollers run as they do in `npm run dev` (long polls, Lambda's batching), so the figure includes the
 * event-source hop, not only the handlers.
 */
import { randomUUID } from 'node:crypto';
import { type Figures, isolated, percentile, round, startBenchSystem } from './support/system.ts';

const WARM = 5;
const MESSAGES = 60;
const business = '+15550100000';

/** The measurement (runs in a child process). */
export async function measure(): Promise<Figures> {
  const system = await startBenchSystem();
  try {
    const run = async (count: number, prefix: string): Promise<number[]> => {
      const times: number[] = [];
      for (let i = 0; i < count; i++) {
        const from = `+1555${prefix}${String(i).padStart(4, '0')}`;
        const expected = system.twilio.messages.length + 1;
        const started = performance.now();
        const response = await system.driver.customerSays({
          from,
          to: business,
          body: 'How much does standard shipping cost?',
          messageSid: `SM${randomUUID().replaceAll('-', '')}`,
        });
        if (response.status !== 200) throw new Error(`webhook answered ${response.status}`);
        const messages = await system.twilio.waitForMessages(expected, 30_000);
        if (messages.at(-1)?.to !== from) throw new Error(`the reply for ${from} did not come next`);
        times.push(performance.now() - started);
        // Let the delivery receipts of this reply land before the next customer writes.
        await system.runtime.drain({ timeoutMs: 30_000 });
      }
      return times;
    };
    await run(WARM, '730');
    const times = await run(MESSAGES, '731');
    return {
      'messages (one at a time, after 5 warm-up)': MESSAGES,
      'webhook to reply at Twilio p50 ms': round(percentile(times, 50)),
      'webhook to reply at Twilio p90 ms': round(percentile(times, 90)),
      'webhook to reply at Twilio p99 ms': round(percentile(times, 99)),
      'webhook to reply at Twilio max ms': round(Math.max(...times)),
    };
  } finally {
    await system.stop();
  }
}

/** Figures for `npm run bench`. */
export default async function latency(): Promise<Figures> {
  return isolated(import.meta.url);
}
