/**
 * The desk at team scale (issue 16) on the local runtime, driven by signed webhooks and signed Slack events
 * and interactions: routes send cards to channels by language and by reason; a route's auto-assign spreads
 * escalations over its available agents within capacity and reassigns one nobody acknowledged; the App Home
 * is published with the agent's cases, and the Away toggle is recorded.
 */

import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DynamoDbAgentAvailability } from '../../functions/adapters/dynamodb-agent-availability.ts';
import { ACTION_IDS, encodeActionValue } from '../../functions/adapters/slack-blocks.ts';
import { HOME_ACTION_IDS } from '../../functions/adapters/slack-home-blocks.ts';
import { type Case, conversationIdOf } from '../../functions/core/model.ts';
import { localDynamoClient } from '../../local/dynamodb-local.ts';
import type { FakeSlackMessage } from '../../local/fake-slack.ts';
import { appHomeOpenedBody, homeActionPayload } from '../../local/slack-requests.ts';
import { slackCardOf } from '../helpers/slack-card.ts';
import { type SystemHarness, startSystem } from '../helpers/system.ts';

const business = '+15550100000';
const SPANISH = 'CSPANISH';
const SAFETY = 'CSAFETY';
const TEAM = 'CTEAM';
const routing = {
  routes: [
    { name: 'safety', match: { reasons: ['self_harm'] }, channel: SAFETY, agentGroup: 'SSAFETY' },
    { name: 'spanish', match: { languages: ['es'] }, channel: SPANISH },
    {
      name: 'whatsapp-team',
      match: { channels: ['whatsapp'] },
      channel: TEAM,
      agentGroup: 'STEAM',
      autoAssign: { capacity: 2, ackMinutes: 5 },
    },
  ],
  channels: { [TEAM]: { escalateMinutes: 20 } },
};

let system: SystemHarness;

beforeAll(async () => {
  system = await startSystem({ DESK_ROUTING: JSON.stringify(routing) });
  // Four agents in the team's group; UDAN's Slack presence is away.
  system.slack.setUserGroup('STEAM', ['UANNA', 'UBEA', 'UCARL', 'UDAN']);
  system.slack.setPresence('UDAN', 'away');
});

afterAll(async () => {
  await system?.stop();
});

/** The card (root message) in `channel` whose blocks show the customer's masked number. */
function cardIn(channel: string, customer: string): FakeSlackMessage | undefined {
  return [...system.slack.messages.values()].find(
    (message) =>
      message.channel === channel &&
      (!message.thread_ts || message.thread_ts === message.ts) &&
      JSON.stringify(message.blocks ?? []).includes(`•${customer.slice(-4)}`),
  );
}

async function caseOf(customer: string, channel: 'sms' | 'whatsapp' = 'sms'): Promise<Case | undefined> {
  const conversation = await system.store.getConversation(
    conversationIdOf({ channel, customerAddress: customer, businessAddress: business }),
  );
  return conversation?.caseId ? system.store.getCase(conversation.caseId) : undefined;
}

describe('routing', () => {
  it('an English request goes to the default channel, a Spanish one to the Spanish channel, self-harm to safety', async () => {
    const english = '+15557781001';
    const spanish = '+15557781002';
    const safety = '+15557781003';
    await system.driver.customerSays({ from: english, body: 'I want to talk to a person' });
    await system.driver.customerSays({
      from: spanish,
      body: 'Hola, quiero hablar con una persona, por favor',
    });
    await system.driver.customerSays({ from: safety, body: "I don't want to live anymore" });
    await system.settle();

    expect(cardIn(system.channel, english)).toBeDefined();
    expect(cardIn(SPANISH, spanish)).toBeDefined();
    expect(cardIn(SAFETY, safety)).toBeDefined();
    // Each card in exactly one channel.
    expect(cardIn(system.channel, spanish)).toBeUndefined();
    expect(cardIn(system.channel, safety)).toBeUndefined();
    expect(cardIn(SPANISH, safety)).toBeUndefined();

    expect((await caseOf(english))?.route).toBe('default');
    expect((await caseOf(spanish))?.route).toBe('spanish');
    expect((await caseOf(safety))?.route).toBe('safety');
    expect(slackCardOf(await caseOf(spanish))?.channel).toBe(SPANISH);
    // The safety route's agent group is mentioned once in its card's thread; a route without one is not.
    const safetyCard = cardIn(SAFETY, safety);
    const groupMentions = system.slack
      .thread(SAFETY, safetyCard?.ts ?? '')
      .filter((message) => message.text?.includes('<!subteam^SSAFETY>'));
    expect(groupMentions).toHaveLength(1);
    const spanishThread = system.slack.thread(SPANISH, cardIn(SPANISH, spanish)?.ts ?? '');
    expect(spanishThread.some((message) => message.text?.includes('<!subteam^'))).toBe(false);
  });

  it('a route channel is a desk channel: an agent claims the Spanish card there', async () => {
    const spanish = '+15557781002';
    const kase = await caseOf(spanish);
    const card = cardIn(SPANISH, spanish);
    const response = await system.driver.agentClicks({
      agent: { id: 'UESTHER', username: 'lucia' },
      actionId: ACTION_IDS.claim,
      value: kase?.caseId ?? '',
      messageTs: card?.ts ?? '',
      channel: SPANISH,
    });
    expect(response.status).toBe(200);
    await system.settle();
    const claimed = await caseOf(spanish);
    expect(claimed?.status).toBe('claimed');
    expect(claimed?.owner?.id).toBe('UESTHER');
  });

  it('a desk action in a channel that no route names is refused and changes nothing', async () => {
    const english = '+15557781001';
    const kase = await caseOf(english);
    await system.driver.agentClicks({
      agent: { id: 'UXAVI' },
      actionId: ACTION_IDS.claim,
      value: kase?.caseId ?? '',
      messageTs: slackCardOf(kase)?.ts ?? '',
      channel: 'CRANDOM',
    });
    await system.settle();
    expect((await caseOf(english))?.status).toBe('queued');
    expect(
      system.slack.ephemerals.some(
        (e) => e.user === 'UXAVI' && /only in the escalation channel/.test(e.text ?? ''),
      ),
    ).toBe(true);
  });
});

describe('auto-assign on the WhatsApp team route', () => {
  const customers = Array.from({ length: 6 }, (_, index) => `+1555778200${index}`);
  const seventh = '+15557782010';

  const assignedCounts = async (phones: string[]) => {
    const counts: Record<string, number> = {};
    for (const phone of phones) {
      const id = (await caseOf(phone, 'whatsapp'))?.assignedTo?.id ?? 'none';
      counts[id] = (counts[id] ?? 0) + 1;
    }
    return counts;
  };

  it('spreads 6 escalations over the 3 available agents, 2 each (capacity 2); the away one gets none', async () => {
    await Promise.all(
      customers.map((from) =>
        system.driver.customerSays({ from, channel: 'whatsapp', body: 'I want to talk to a person' }),
      ),
    );
    await system.settle();
    expect(await assignedCounts(customers)).toEqual({ UANNA: 2, UBEA: 2, UCARL: 2 });
    for (const phone of customers) {
      const kase = await caseOf(phone, 'whatsapp');
      expect(slackCardOf(kase)?.channel).toBe(TEAM);
      // The assigned agent is mentioned in the card's thread.
      const thread = system.slack.thread(TEAM, slackCardOf(kase)?.ts ?? '');
      expect(thread.some((message) => message.text?.includes(`<@${kase?.assignedTo?.id}>`))).toBe(true);
    }
    expect(system.slack.calls.some((call) => call.method === 'users.getPresence')).toBe(true);
  });

  it('a seventh finds everyone at capacity and waits unassigned', async () => {
    await system.driver.customerSays({
      from: seventh,
      channel: 'whatsapp',
      body: 'I want to talk to a person',
    });
    await system.settle();
    const kase = await caseOf(seventh, 'whatsapp');
    expect(slackCardOf(kase)?.channel).toBe(TEAM);
    expect(kase?.assignedTo).toBeUndefined();
  });

  it('an assignment nobody acknowledged goes to the next agent with room; the waiting case gets the freed slot', async () => {
    // UBEA resolves one of their assigned cases: UBEA has room for one more.
    const ubCases: Case[] = [];
    for (const phone of customers) {
      const kase = await caseOf(phone, 'whatsapp');
      if (kase?.assignedTo?.id === 'UBEA') ubCases.push(kase);
    }
    const done = ubCases[0]!;
    // UBEA has their Home tab open: it is kept up to date from now on.
    await system.driver.slackEvent(appHomeOpenedBody({ user: 'UBEA' }));
    expect(JSON.stringify(system.slack.homes.get('UBEA')?.view)).toContain('Resolved today: *0*');
    await system.driver.agentClicks({
      agent: { id: 'UBEA', username: 'bea' },
      actionId: ACTION_IDS.resolve,
      selectedValue: encodeActionValue({ caseId: done.caseId, outcome: 'solved' }),
      messageTs: slackCardOf(done)?.ts ?? '',
      channel: TEAM,
    });
    await system.settle();
    expect((await system.store.getCase(done.caseId))?.status).toBe('resolved');

    // One of UANNA's cases was assigned 10 minutes ago (past ackMinutes 5) and is still unclaimed.
    let stale: Case | undefined;
    for (const phone of customers) {
      const kase = await caseOf(phone, 'whatsapp');
      if (kase?.assignedTo?.id === 'UANNA') stale = kase;
    }
    const assignedAt = new Date(Date.now() - 10 * 60_000).toISOString();
    await system.store.saveCase({ ...stale!, assignedAt, version: stale!.version + 1 });

    const report = (await system.runtime.sweep()) as { reassigned: number };
    await system.settle();
    const moved = await system.store.getCase(stale!.caseId);
    expect(moved?.assignedTo?.id).toBe('UBEA');
    expect(moved?.assignedBefore).toEqual(['UANNA']);
    expect(moved?.status).toBe('queued');
    const thread = system.slack.thread(TEAM, slackCardOf(moved)?.ts ?? '');
    // The assignee is mentioned; the previous one is named in plain text (desk text is escaped, never markup).
    expect(thread.some((message) => /^<@UBEA> .*by @UANNA; reassigned to you/.test(message.text ?? ''))).toBe(
      true,
    );
    // UANNA now has room: the seventh case, waiting unassigned, is theirs.
    expect((await caseOf(seventh, 'whatsapp'))?.assignedTo?.id).toBe('UANNA');
    expect(report.reassigned).toBe(2);
  });

  it('manual claim still works on a case assigned to someone else, and its owner is the one who claimed', async () => {
    // A case still open and assigned (the test above resolved one of them, whichever agent had it).
    let kase: Case | undefined;
    for (const phone of customers) {
      const candidate = await caseOf(phone, 'whatsapp');
      if (candidate?.status === 'queued' && candidate.assignedTo) kase = candidate;
    }
    if (!kase) throw new Error('no open assigned case left to claim');
    const other = ['UANNA', 'UBEA', 'UCARL'].find((id) => id !== kase.assignedTo?.id)!;
    await Promise.all(
      [other, kase.assignedTo!.id].map((id) =>
        system.driver.agentClicks({
          agent: { id },
          actionId: ACTION_IDS.claim,
          value: kase!.caseId,
          messageTs: slackCardOf(kase!)?.ts ?? '',
          channel: TEAM,
        }),
      ),
    );
    await system.settle();
    const claimed = await system.store.getCase(kase.caseId);
    expect(claimed?.status).toBe('claimed');
    expect([other, kase.assignedTo!.id]).toContain(claimed?.owner?.id);
  });
});

describe('App Home', () => {
  it('opening the Home tab publishes the agent their open cases, the queue and their figures', async () => {
    const response = await system.driver.slackEvent(appHomeOpenedBody({ user: 'UCARL' }));
    expect(response.status).toBe(200);
    const home = system.slack.homes.get('UCARL');
    expect(home).toBeDefined();
    const text = JSON.stringify(home?.view);
    let mine = 0;
    for (const kase of await system.store.listOpenCases(100)) {
      if (
        (kase.status === 'claimed' && kase.owner?.id === 'UCARL') ||
        (kase.status === 'queued' && kase.assignedTo?.id === 'UCARL')
      )
        mine++;
    }
    expect(mine).toBeGreaterThan(0);
    expect(text).toContain(`*Your open cases* (${mine})`);
    expect(text).toContain('SLA');
    expect(text).toContain('Set away');
  });

  it('a resolve re-publishes the (opened) home of the resolving agent, with the case counted as resolved today', () => {
    const text = JSON.stringify(system.slack.homes.get('UBEA')?.view);
    expect(text).toContain('Resolved today: *1*');
  });

  it('a retried app_home_opened (same event id) publishes once; the Messages tab publishes nothing', async () => {
    const publishes = () => system.slack.calls.filter((call) => call.method === 'views.publish').length;
    const before = publishes();
    const body = appHomeOpenedBody({ user: 'UANNA', eventId: 'EvHOMERETRY1' });
    await system.driver.slackEvent(body);
    await system.driver.slackEvent(body, {
      'x-slack-retry-num': '1',
      'x-slack-retry-reason': 'http_timeout',
    });
    await system.driver.slackEvent(appHomeOpenedBody({ user: 'UANNA', tab: 'messages' }));
    expect(publishes()).toBe(before + 1);
  });

  it('the Away toggle is recorded and the re-published home says so', async () => {
    await system.driver.slackInteraction(
      homeActionPayload({ actionId: HOME_ACTION_IDS.availability, value: 'away', user: { id: 'UCARL' } }),
    );
    await system.settle();
    expect(JSON.stringify(system.slack.homes.get('UCARL')?.view)).toContain('You are away');
    const availability = new DynamoDbAgentAvailability(
      DynamoDBDocumentClient.from(localDynamoClient(system.runtime.services.dynamoEndpoint)),
      system.runtime.services.tableName,
    );
    expect((await availability.getAvailability(['UCARL'])).get('UCARL')?.away).toBe(true);
  });
});

describe('SLA per channel', () => {
  it('a card in a channel with its own escalateMinutes (20) is only reminded when the default (15) escalates', async () => {
    const english = (await caseOf('+15557781001'))!;
    const team = (await caseOf('+15557782010', 'whatsapp'))!;
    expect(english.status).toBe('queued');
    expect(team.status).toBe('queued');
    const openedAt = new Date(Date.now() - 17 * 60_000).toISOString();
    for (const kase of [english, team]) {
      await system.store.saveCase({ ...kase, openedAt, version: kase.version + 1 });
    }
    await system.runtime.sweep();
    await system.settle();
    expect((await system.store.getCase(english.caseId))?.slaStage).toBe(2);
    expect((await system.store.getCase(team.caseId))?.slaStage).toBe(1);
  });
});
