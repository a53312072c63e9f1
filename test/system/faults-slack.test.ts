/**
 * Slack failing while customers ask for a person: an outage (HTTP 503 for a few seconds) and Slack's
 * per-channel rate limit (429 with Retry-After). Customers are told on time whatever Slack does; once Slack
 * answers again each case has exactly one card, and mirrored messages reach the thread once, in order.
 * Timings are emulated short: the desk-job backoff is 1–2 s instead of 10 s–5 min.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { CARD_EVENT_TYPE } from '../../functions/adapters/slack-agent-desk.ts';
import { conversationIdOf } from '../../functions/core/model.ts';
import type { FakeSlackMessage } from '../../local/fake-slack.ts';
import { slackCardOf } from '../helpers/slack-card.ts';
import { type SystemHarness, startSystem, waitFor } from '../helpers/system.ts';

const business = '+15550100000';
let system: SystemHarness;

beforeAll(async () => {
  system = await startSystem(
    { DESK_MAX_WAIT_MS: '1500' },
    {
      queues: {
        events: { visibilityTimeoutSeconds: 3 },
        escalations: { visibilityTimeoutSeconds: 5, retry: { baseSeconds: 1, maxSeconds: 2 } },
      },
    },
  );
});

afterAll(async () => {
  await system?.stop();
});

beforeEach(() => system.slack.reset());

/** Cards in the channel by case id. */
function cardsByCase(): Map<string, FakeSlackMessage[]> {
  const cards = new Map<string, FakeSlackMessage[]>();
  for (const message of system.slack.messages.values()) {
    if (message.metadata?.event_type !== CARD_EVENT_TYPE) continue;
    const caseId = String(message.metadata.event_payload.case_id);
    cards.set(caseId, [...(cards.get(caseId) ?? []), message]);
  }
  return cards;
}

async function caseOf(customer: string): Promise<string> {
  const conversation = await system.store.getConversation(
    conversationIdOf({ channel: 'sms', customerAddress: customer, businessAddress: business }),
  );
  return conversation?.caseId ?? '';
}

describe('Slack down (503) while customers ask for a person', () => {
  it('each customer is told at once, and gets one card after Slack is back', async () => {
    const customers = ['+15557771001', '+15557771002', '+15557771003', '+15557771004'];
    // Slack stays down until every customer has been told (a few seconds), then comes back.
    system.slack.failNext({ status: 503, forMs: 60_000 });
    await Promise.all(
      customers.map((from) =>
        system.driver.customerSays({ from, to: business, body: 'I want to talk to a person' }),
      ),
    );
    // The escalation notice does not wait for Slack.
    await waitFor(() => customers.every((from) => system.sentTo(from).length === 1), 10_000);
    expect(cardsByCase().size).toBe(0);
    // The notifier tries the cards while Slack is down (the notices may well go out before its first try).
    await waitFor(() => system.slack.calls.some((call) => call.status === 503), 10_000);
    expect(cardsByCase().size).toBe(0);
    await new Promise((resolve) => setTimeout(resolve, 1000));
    system.slack.failNext({ status: 503, forMs: 0 }); // Slack is back

    await system.settle();
    const cards = cardsByCase();
    for (const from of customers) {
      expect(cards.get(await caseOf(from)), from).toHaveLength(1);
      expect((await system.store.getCase(await caseOf(from)))?.deskRef).toBeDefined();
      expect(system.sentTo(from)).toHaveLength(1);
    }
    expect(cards.size).toBe(customers.length);
    expect(await system.deadLetters()).toEqual({ events: 0, escalations: 0 });
  });

  it('customer messages sent while Slack is down are handled at once and reach the thread once, in order', async () => {
    const from = '+15557771010';
    await system.driver.customerSays({ from, to: business, body: 'I want to talk to a person' });
    await system.settle();
    const kase = await system.store.getCase(await caseOf(from));
    expect(kase?.deskRef).toBeDefined();

    // Down until every message is handled (however slow the machine), then back.
    system.slack.failNext({ status: 503, forMs: 120_000 });
    const texts = ['First: order 55120', 'Second: it arrived broken', 'Third: please call me'];
    for (const body of texts) await system.driver.customerSays({ from, to: business, body });
    // The worker is done with each message while Slack is still down: nothing waits on the thread post.
    const conversationId = conversationIdOf({
      channel: 'sms',
      customerAddress: from,
      businessAddress: business,
    });
    await waitFor(async () => {
      const messages = await system.store.recentMessages(conversationId, 20);
      return texts.every((text) => messages.find((m) => m.text === text)?.flags?.includes('processed'));
    }, 15_000);
    system.slack.endOutage();

    await system.settle();
    const thread = system.slack
      .thread(slackCardOf(kase)!.channel, slackCardOf(kase)!.ts)
      .map((message) => message.text ?? '')
      .filter((text) => texts.some((sent) => text.includes(sent)));
    expect(thread.map((text) => texts.findIndex((sent) => text.includes(sent)))).toEqual([0, 1, 2]);
    expect(await system.deadLetters()).toEqual({ events: 0, escalations: 0 });
  });
});

describe('Slack rate-limits the channel (429 with Retry-After)', () => {
  it('a burst of escalations queues and each case gets one card', async () => {
    system.slack.rateLimit({ perSecond: 1, burst: 0, retryAfterSeconds: 1 });
    const customers = ['+15557772001', '+15557772002', '+15557772003', '+15557772004', '+15557772005'];
    await Promise.all(
      customers.map((from) =>
        system.driver.customerSays({ from, to: business, body: 'I want to talk to a person' }),
      ),
    );
    await system.settle();
    const cards = cardsByCase();
    for (const from of customers) {
      expect(cards.get(await caseOf(from)), from).toHaveLength(1);
      expect(system.sentTo(from)).toHaveLength(1);
    }
    expect(cards.size).toBe(customers.length);
    expect(system.slack.calls.filter((call) => call.status === 429).length).toBeGreaterThan(0);
    expect(await system.deadLetters()).toEqual({ events: 0, escalations: 0 });
  });
});
