/**
 * Acknowledgement time of `POST /slack/events` on the local runtime for a realistic mix: 30 escalated
 * cases, each claimed by one of 10 agents (claim clicks on different cases, plus a second agent's losing
 * click on a third of them), then three thread replies by the owner (one an internal `note:`) — the
 * first half of the cases' sequences run concurrently, the second half one event at a time. Reports the server-side time (the local API Gateway's duration:
 * request received → Bolt's answer sent, whole milliseconds) and the client-observed latency; Slack
 * wants the answer within 3 s.
 */
import { ACTION_IDS } from '../functions/adapters/slack-blocks.ts';
import { conversationIdOf } from '../functions/core/model.ts';
import {
  type BenchSystem,
  type Figures,
  isolated,
  percentile,
  round,
  startBenchSystem,
  timed,
} from './support/system.ts';

const CASES = 30;
const business = '+15550100000';
const agents = Array.from({ length: 10 }, (_, i) => ({ id: `UBENCH${i}`, username: `agent${i}` }));

interface Sample {
  kind: 'claim' | 'losing claim' | 'thread reply' | 'note';
  status: number;
  ms: number;
}

/** Escalates `CASES` conversations; returns each case's id, card ts and customer. */
async function escalate(system: BenchSystem) {
  const customers = Array.from({ length: CASES }, (_, i) => `+1555300${String(i).padStart(4, '0')}`);
  await Promise.all(
    customers.map((from) =>
      system.driver.customerSays({ from, to: business, body: 'I want to talk to a person please' }),
    ),
  );
  await system.runtime.drain({ timeoutMs: 120_000 });
  const cases: { customer: string; caseId: string; cardTs: string }[] = [];
  for (const customer of customers) {
    const conversation = await system.store.getConversation(
      conversationIdOf({ channel: 'sms', customerAddress: customer, businessAddress: business }),
    );
    const card = [...system.slack.messages.values()].find(
      (message) =>
        message.channel === system.channel &&
        (!message.thread_ts || message.thread_ts === message.ts) &&
        JSON.stringify(message.blocks ?? []).includes(customer.slice(-4)),
    );
    if (conversation?.caseId && card) cases.push({ customer, caseId: conversation.caseId, cardTs: card.ts });
  }
  return cases;
}

/** The measurement (runs in a child process: one runtime per process). */
export async function measure(): Promise<Figures> {
  const system = await startBenchSystem();
  try {
    const cases = await escalate(system);
    if (cases.length !== CASES) throw new Error(`only ${cases.length} of ${CASES} cases got a card`);
    // Warm the handler (cold start excluded): a signed event for a thread Tandem does not know.
    await system.driver.agentReplies({ agent: agents[0]!, threadTs: '1.000001', text: 'warm-up' });

    const samples: (Sample & { phase: 'burst' | 'sequential' })[] = [];
    const serverTimes = { burst: [] as number[], sequential: [] as number[] };
    const play = async (
      { caseId, cardTs }: (typeof cases)[number],
      index: number,
      phase: 'burst' | 'sequential',
    ) => {
      const record = async (kind: Sample['kind'], call: () => Promise<{ status: number }>) => {
        const { value, ms } = await timed(call);
        samples.push({ kind, status: value.status, ms, phase });
      };
      const owner = agents[index % agents.length]!;
      const rival = agents[(index + 1) % agents.length]!;
      const click = (agent: typeof owner) => () =>
        system.driver.agentClicks({ agent, actionId: ACTION_IDS.claim, value: caseId, messageTs: cardTs });
      await record('claim', click(owner));
      if (index % 3 === 0) await record('losing claim', click(rival));
      for (const [turn, text] of [
        'Hi, this is a person from the team. Let me look into it.',
        'note: customer sounds in a hurry',
        'Done: your order is on its way, anything else?',
      ].entries()) {
        const posted = system.slack.postAsUser({
          channel: system.channel,
          user: owner.id,
          text,
          thread_ts: cardTs,
        });
        await record(turn === 1 ? 'note' : 'thread reply', () =>
          system.driver.agentReplies({ agent: owner, threadTs: cardTs, text, ts: posted.ts }),
        );
      }
    };
    const slackTimes = (from: number) =>
      system.requests
        .slice(from)
        .filter((entry) => entry.path === '/slack/events')
        .map((entry) => entry.ms);
    // Half the cases at once (a busy desk on one small machine), half one event at a time (what one
    // Lambda invocation sees).
    const half = Math.floor(cases.length / 2);
    let mark = system.requests.length;
    await Promise.all(cases.slice(0, half).map((kase, index) => play(kase, index, 'burst')));
    serverTimes.burst = slackTimes(mark);
    await system.runtime.drain({ timeoutMs: 120_000 });
    mark = system.requests.length;
    for (const [index, kase] of cases.slice(half).entries()) await play(kase, half + index, 'sequential');
    serverTimes.sequential = slackTimes(mark);
    const ofPhase = (phase: 'burst' | 'sequential') =>
      samples.filter((s) => s.phase === phase).map((s) => s.ms);
    await system.runtime.drain({ timeoutMs: 120_000 });
    return {
      'events sent (claims, losing claims, replies, notes)': samples.length,
      'answered 200': samples.filter((sample) => sample.status === 200).length,
      'sequential ack p50 ms (server side)': percentile(serverTimes.sequential, 50),
      'sequential ack p99 ms (server side)': percentile(serverTimes.sequential, 99),
      'sequential ack p99 ms (client)': round(percentile(ofPhase('sequential'), 99)),
      'burst (15 desks at once) ack p50 ms (server side)': percentile(serverTimes.burst, 50),
      'burst (15 desks at once) ack p99 ms (server side)': percentile(serverTimes.burst, 99),
      'burst (15 desks at once) ack p99 ms (client)': round(percentile(ofPhase('burst'), 99)),
      'customer messages sent by owners (fake Twilio)': system.twilio.messages.filter((message) =>
        message.body?.startsWith('Done: your order'),
      ).length,
    };
  } finally {
    await system.stop();
  }
}

/** Figures for `npm run bench`. */
export default async function slackAck(): Promise<Figures> {
  return isolated(import.meta.url);
}
