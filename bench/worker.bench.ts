/**
 * The conversation worker on the local runtime, offline model (in process: no model latency): 50
 * customers each send 3 knowledge-base questions, one after another, and the worker answers through
 * the fake Twilio. Reports the event source's time per invocation (receive → handler → delete, whole
 * milliseconds) and per message (invocation time / records in it), the first invocation (cold) excluded.
 */
import { type Figures, isolated, percentile, round, startBenchSystem } from './support/system.ts';

const CUSTOMERS = 50;
const TURNS = 3;
const business = '+15550100000';
const QUESTIONS = [
  'Hi, do you ship to Canada?',
  'How long does international shipping take?',
  'Can I return a jacket if it does not fit?',
  'How long do refunds take to show up on my card?',
  'Are you open on Saturday?',
  'How do I wash my rain jacket?',
];

/** The measurement (runs in a child process: one runtime per process). */
export async function measure(): Promise<Figures> {
  const system = await startBenchSystem();
  try {
    const customers = Array.from({ length: CUSTOMERS }, (_, i) => `+1555400${String(i).padStart(4, '0')}`);
    for (let turn = 0; turn < TURNS; turn++) {
      await Promise.all(
        customers.map((from, index) =>
          system.driver.customerSays({
            from,
            to: business,
            body: QUESTIONS[(index + turn) % QUESTIONS.length] ?? '',
          }),
        ),
      );
      // Each turn waits for the replies, as a customer would, so conversations grow turn by turn.
      await system.runtime.drain({ timeoutMs: 300_000 });
    }
    const batches = system.batches.filter((batch) => batch.functionName === 'conversation-worker');
    const warm = batches.slice(1);
    const perMessage = warm.flatMap((batch) =>
      Array.from({ length: batch.size }, () => batch.ms / batch.size),
    );
    return {
      'messages processed': batches.reduce((sum, batch) => sum + batch.size, 0),
      'invocations (batches)': batches.length,
      'invocations that failed': batches.filter((batch) => batch.failed).length,
      'cold invocation ms (excluded)': batches[0]?.ms ?? 0,
      'records per invocation (mean)': round(
        warm.reduce((sum, b) => sum + b.size, 0) / Math.max(1, warm.length),
      ),
      'invocation p50 ms': percentile(
        warm.map((batch) => batch.ms),
        50,
      ),
      'invocation p99 ms': percentile(
        warm.map((batch) => batch.ms),
        99,
      ),
      'per message p50 ms': round(percentile(perMessage, 50)),
      'per message p99 ms': round(percentile(perMessage, 99)),
      'AI replies at the fake Twilio': system.twilio.messages.filter((message) =>
        customers.includes(message.to),
      ).length,
    };
  } finally {
    await system.stop();
  }
}

/** Figures for `npm run bench`. */
export default async function worker(): Promise<Figures> {
  return isolated(import.meta.url);
}
