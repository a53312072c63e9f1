/**
 * Acknowledgement time of `POST /slack/events` on the local runtime for a realistic mix: 30 escalated
 * cases, each claimed by one of 10 agents (claim clicks on different cases, plus a second agent's losing
 * click on a third of them), then three thread replies by the owner (one an internal `note:`) — the
 * cases' sequences run concurrently. Reports the server-side time (the local API Gateway's duration:
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

    const before = system.requests.length;
    const samples: Sample[] = [];
    const record = async (kind: Sample['kind'], call: () => Promise<{ status: number }>) => {
      const { value, ms } = await timed(call);
      samples.push({ kind, status: value.status, ms });
    };
    await Promise.all(
      cases.map(async ({ caseId, cardTs }, index) => {
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
      }),
    );
    const server = system.requests
      .slice(before)
      .filter((entry) => entry.path === '/slack/events')
      .map((entry) => entry.ms);
    const client = samples.map((sample) => sample.ms);
    const ofKind = (kind: Sample['kind']) =>
      samples.filter((sample) => sample.kind === kind).map((s) => s.ms);
    await system.runtime.drain({ timeoutMs: 120_000 });
    return {
      'events sent (claims, losing claims, replies, notes)': samples.length,
      'answered 200': samples.filter((sample) => sample.status === 200).length,
      'ack p50 ms (server side)': percentile(server, 50),
      'ack p99 ms (server side)': percentile(server, 99),
      'ack max ms (server side)': percentile(server, 100),
      'ack p50 ms (client)': round(percentile(client, 50)),
      'ack p99 ms (client)': round(percentile(client, 99)),
      'claim ack p99 ms (client)': round(percentile(ofKind('claim'), 99)),
      'thread reply ack p99 ms (client)': round(percentile(ofKind('thread reply'), 99)),
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
