/**
 * The adapters of the desk at team scale (issue 16) with their real SDKs: Slack presence and the App Home
 * through `@slack/web-api` against the emulated Slack (which must answer as Slack does), the agents'
 * availability against DynamoDB Local, and auto-assignment over both with the real conversation store.
 */
import { WebClient } from '@slack/web-api';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DynamoDbAgentAvailability } from '#adapters/dynamodb-agent-availability.ts';
import { DynamoDbConversationStore } from '#adapters/dynamodb-conversation-store.ts';
import { SlackAgentDesk } from '#adapters/slack-agent-desk.ts';
import { SlackAppHome } from '#adapters/slack-app-home.ts';
import { HOME_ACTION_IDS, renderAgentHome } from '#adapters/slack-home-blocks.ts';
import { SlackPresence } from '#adapters/slack-presence.ts';
import { SlackUserGroups } from '#adapters/slack-user-groups.ts';
import type { Case } from '#core/model.ts';
import type { AgentHomeView } from '#core/ports.ts';
import { deskRouting } from '#core/routing.ts';
import { assignCase } from '#core/use-cases/assign-case.ts';
import { type FakeSlack, startFakeSlack } from '#local/fake-slack.ts';
import { slackDeskRef } from '../../functions/adapters/slack-desk-ref.ts';
import { freshTable } from '../helpers/aws.ts';

const TOKEN = 'xoxb-team-adapters';
let slack: FakeSlack;

beforeAll(async () => {
  slack = await startFakeSlack({ botToken: TOKEN, signingSecret: 'unused' });
});
afterAll(async () => {
  await slack?.stop();
});
beforeEach(() => slack.reset());

const noRetries = { retries: 0 };

describe('the emulated Slack speaks the wire format of the new methods', () => {
  const client = () => new WebClient(TOKEN, { slackApiUrl: slack.url, retryConfig: noRetries });

  it('users.getPresence answers presence for another user, active unless set away', async () => {
    slack.setPresence('UAWAY', 'away');
    expect((await client().users.getPresence({ user: 'UHERE' })).presence).toBe('active');
    expect((await client().users.getPresence({ user: 'UAWAY' })).presence).toBe('away');
  });

  it('views.publish keeps the latest home per user and refuses a view that is not a home', async () => {
    const published = await client().views.publish({
      user_id: 'UAGENT',
      view: { type: 'home', blocks: [{ type: 'section', text: { type: 'mrkdwn', text: 'hi' } }] },
    });
    expect(published.view?.id).toMatch(/^V/);
    expect(slack.homes.get('UAGENT')?.view.type).toBe('home');
    await expect(
      client().views.publish({ user_id: 'UAGENT', view: { type: 'modal', blocks: [] } as never }),
    ).rejects.toMatchObject({ data: { error: 'invalid_arguments' } });
    const blocks = Array.from({ length: 101 }, () => ({ type: 'divider' as const }));
    await expect(
      client().views.publish({ user_id: 'UAGENT', view: { type: 'home', blocks } }),
    ).rejects.toMatchObject({ data: { error: 'invalid_blocks' } });
  });
});

describe('SlackPresence', () => {
  it('reads presence once per agent within its TTL, and does not cache a failure', async () => {
    let now = 0;
    const presence = new SlackPresence({
      token: TOKEN,
      slackApiUrl: slack.url,
      retryConfig: noRetries,
      now: () => now,
    });
    slack.setPresence('UONE', 'away');
    expect(await presence.isActive('UONE')).toBe(false);
    slack.setPresence('UONE', 'active');
    expect(await presence.isActive('UONE')).toBe(false); // cached
    now += 31_000;
    expect(await presence.isActive('UONE')).toBe(true);
    expect(slack.calls.filter((call) => call.method === 'users.getPresence')).toHaveLength(2);

    slack.failNext('users.getPresence', 'ratelimited');
    await expect(presence.isActive('UTWO')).rejects.toThrow();
    expect(await presence.isActive('UTWO')).toBe(true);
  });
});

describe('SlackAppHome', () => {
  const view: AgentHomeView = {
    agentId: 'UAGENT',
    away: false,
    mine: Array.from({ length: 15 }, (_, index) => ({
      caseId: `case_${index}`,
      priority: 'high',
      status: 'claimed',
      summary: `Refund <@UEVIL> & *order* ${index}`,
      waitedMinutes: index,
      ref: slackDeskRef('CTEAM', `1700000000.00000${index}`),
    })),
    queue: Array.from({ length: 15 }, (_, index) => ({
      caseId: `queued_${index}`,
      priority: 'urgent',
      status: 'queued',
      summary: 'Where is my parcel?',
      waitedMinutes: 30,
      slaMinutesLeft: -10,
    })),
    resolvedToday: 3,
    csat: { average: 4.5, answers: 2 },
    at: '2026-12-02T10:00:00.000Z',
  };

  it('publishes a home Slack accepts, with the toggle, figures and SLA timers; customer text is escaped', async () => {
    await new SlackAppHome({ token: TOKEN, slackApiUrl: slack.url, brand: 'Northwind' }).publish(view);
    const text = JSON.stringify(slack.homes.get('UAGENT')?.view);
    expect(text).toContain(HOME_ACTION_IDS.availability);
    expect(text).toContain('Resolved today: *3*');
    expect(text).toContain('4.5/5');
    expect(text).toContain('SLA overdue by 10 min');
    expect(text).toContain('&lt;@UEVIL&gt;');
    expect(text).not.toContain('<@UEVIL>');
  });

  it('a home never exceeds 100 blocks', () => {
    expect(renderAgentHome(view).blocks.length).toBeLessThanOrEqual(100);
  });
});

describe('DynamoDbAgentAvailability', () => {
  it('an agent who never chose is absent (available); Away and back are stored', async () => {
    const table = await freshTable();
    const store = new DynamoDbAgentAvailability(table.documentClient, table.tableName);
    expect((await store.getAvailability(['UNEW'])).size).toBe(0);
    await store.setAway('UONE', true, '2026-12-02T10:00:00.000Z');
    await store.setAway('UTWO', true, '2026-12-02T10:00:00.000Z');
    await store.setAway('UTWO', false, '2026-12-02T10:05:00.000Z');
    const read = await store.getAvailability(['UONE', 'UTWO', 'UNEW']);
    expect(read.get('UONE')).toEqual({ agentId: 'UONE', away: true, updatedAt: '2026-12-02T10:00:00.000Z' });
    expect(read.get('UTWO')?.away).toBe(false);
    expect(read.has('UNEW')).toBe(false);
    // Opening the Home tab is remembered and keeps an earlier choice.
    await store.markHomeOpened('UONE', '2026-12-02T11:00:00.000Z');
    await store.markHomeOpened('UNEW', '2026-12-02T11:00:00.000Z');
    const opened = await store.getAvailability(['UONE', 'UNEW']);
    expect(opened.get('UONE')).toMatchObject({ away: true, homeOpenedAt: '2026-12-02T11:00:00.000Z' });
    expect(opened.get('UNEW')).toMatchObject({ away: false, homeOpenedAt: '2026-12-02T11:00:00.000Z' });
  });
});

describe('assignCase over the real store and the emulated Slack', () => {
  it('concurrent assignments on one route never put an agent over capacity', async () => {
    const table = await freshTable();
    const store = new DynamoDbConversationStore(table.documentClient, table.tableName);
    slack.setUserGroup('SPOOL', ['UPOOLA', 'UPOOLB']);
    const routing = deskRouting(
      {
        routes: [
          {
            name: 'pool',
            match: {},
            channel: 'CPOOL',
            agentGroup: 'SPOOL',
            autoAssign: { capacity: 2, ackMinutes: 5 },
          },
        ],
        channels: {},
      },
      'CDEFAULT',
    );
    const opened = '2026-12-02T10:00:00.000Z';
    const ids = Array.from({ length: 6 }, (_, index) => `case_pool_${index}`);
    for (const [index, caseId] of ids.entries()) {
      const kase: Case = {
        caseId,
        conversationId: `sms|+1555000${index}|+15550100000`,
        status: 'queued',
        version: 1,
        openedAt: opened,
        priority: 'normal',
        route: 'pool',
        deskRef: slackDeskRef('CPOOL', `1700000000.00010${index}`),
        packet: {
          caseId,
          conversationId: `sms|+1555000${index}|+15550100000`,
          channel: 'sms',
          customerAddress: `+1555000${index}`,
          reason: 'customer_request',
          priority: 'normal',
          summary: 'Asks for a person',
          tried: '',
          sentimentTrend: [],
          lastCustomerMessage: 'agent',
          suggestedNextStep: '',
          openedAt: opened,
        },
      };
      await store.createCase(kase);
    }
    const deps = {
      store,
      desk: SlackAgentDesk.create({ token: TOKEN, slackApiUrl: slack.url, channel: 'CDEFAULT' }),
      clock: { now: () => new Date() },
      routing,
      directory: new SlackUserGroups({ token: TOKEN, slackApiUrl: slack.url }),
      presence: new SlackPresence({ token: TOKEN, slackApiUrl: slack.url }),
      availability: new DynamoDbAgentAvailability(table.documentClient, table.tableName),
    };
    // All at once, as concurrent notifier batches would; a busy route (RetryLaterError) is retried, as the
    // queue would redeliver the job.
    const assign = async (caseId: string): Promise<string> => {
      for (;;) {
        try {
          return await assignCase(deps, caseId);
        } catch (error) {
          if ((error as Error).name !== 'RetryLaterError') throw error;
        }
      }
    };
    const outcomes = await Promise.all(ids.map(assign));
    expect(outcomes.filter((outcome) => outcome === 'assigned')).toHaveLength(4);
    expect(outcomes.filter((outcome) => outcome === 'no_agent')).toHaveLength(2);
    const holders: Record<string, number> = {};
    for (const caseId of ids) {
      const holder = (await store.getCase(caseId))?.assignedTo?.id;
      if (holder) holders[holder] = (holders[holder] ?? 0) + 1;
    }
    expect(holders).toEqual({ UPOOLA: 2, UPOOLB: 2 });
    // Each assignee was mentioned once in their case's thread.
    const mentions = slack.calls.filter(
      (call) => call.method === 'chat.postMessage' && String(call.args.text).includes('Assigned to you'),
    );
    expect(mentions).toHaveLength(4);
  });
});
