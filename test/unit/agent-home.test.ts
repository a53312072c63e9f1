import { describe, expect, it } from 'vitest';
import { agentHomeView } from '#core/agent-home.ts';
import type { Case, LifecycleEvent } from '#core/model.ts';
import { deskRouting } from '#core/routing.ts';
import { slackChannelOf, slackDeskRef } from '../../functions/adapters/slack-desk-ref.ts';

const now = new Date('2026-12-02T15:00:00.000Z'); // 10:00 in New York
const settings = {
  sla: { reminderMinutes: 5, escalateMinutes: 15, idleResolveMinutes: 60 },
  hours: { timeZone: 'America/New_York', week: [null, null, null, null, null, null, null] as never },
};
const routing = deskRouting({ routes: [], channels: { CFAST: { escalateMinutes: 5 } } }, 'CDESK');

const kase = (caseId: string, fields: Partial<Case>): Case =>
  ({
    caseId,
    conversationId: `c-${caseId}`,
    status: 'queued',
    version: 1,
    priority: 'normal',
    openedAt: '2026-12-02T14:50:00.000Z',
    deskRef: slackDeskRef('CDESK', `1.${caseId}`),
    packet: { summary: `summary ${caseId}` },
    ...fields,
  }) as Case;

const event = (type: LifecycleEvent['type'], at: string, caseId: string, data: LifecycleEvent['data']) =>
  ({ conversationId: `c-${caseId}`, channel: 'sms', type, at, caseId, data }) as LifecycleEvent;

describe('agentHomeView', () => {
  const view = agentHomeView({
    agentId: 'UME',
    away: false,
    openCases: [
      kase('mine-claimed', { status: 'claimed', owner: { id: 'UME' } }),
      kase('mine-assigned', { assignedTo: { id: 'UME' }, priority: 'high' }),
      kase('other-claimed', { status: 'claimed', owner: { id: 'UOTHER' } }),
      kase('queued-low', { priority: 'low', openedAt: '2026-12-02T14:00:00.000Z' }),
      kase('queued-urgent', { priority: 'urgent', deskRef: slackDeskRef('CFAST', '2.1') }),
      kase('elsewhere', { deskRef: slackDeskRef('CNOTMINE', '3.1') }),
      kase('no-card', { deskRef: undefined }),
    ],
    lifecycle: [
      event('resolved', '2026-12-02T13:00:00.000Z', 'r1', { agent: 'UME' }), // today in New York
      event('resolved', '2026-12-02T04:00:00.000Z', 'r2', { agent: 'UME' }), // yesterday 23:00 in New York
      event('resolved', '2026-12-02T13:30:00.000Z', 'r3', { agent: 'UOTHER' }),
      event('satisfaction', '2026-12-02T13:10:00.000Z', 'r1', { score: 5 }),
      event('satisfaction', '2026-12-02T05:00:00.000Z', 'r2', { score: 2 }),
      event('satisfaction', '2026-12-02T05:30:00.000Z', 'r2', { score: 4 }), // the last answer counts
      event('satisfaction', '2026-12-02T13:40:00.000Z', 'r3', { score: 1 }), // not theirs
    ],
    channels: ['CDESK', 'CFAST'],
    routing,
    channelOf: slackChannelOf,
    settings,
    now,
  });

  it('lists their claimed and assigned cases, most urgent first', () => {
    expect(view.mine.map((item) => item.caseId)).toEqual(['mine-assigned', 'mine-claimed']);
    expect(view.mine[0]?.assignedToMe).toBe(true);
  });

  it("queues the unclaimed cases of their channels by priority, with the channel's SLA timer", () => {
    expect(view.queue.map((item) => item.caseId)).toEqual(['queued-urgent', 'queued-low']);
    expect(view.queue[0]?.slaMinutesLeft).toBe(5 - 10); // CFAST escalates at 5 minutes; waited 10
    expect(view.queue[1]?.slaMinutesLeft).toBe(15 - 60);
  });

  it("counts what they resolved today in the business's time zone, and their CSAT", () => {
    expect(view.resolvedToday).toBe(1);
    expect(view.csat).toEqual({ average: 4.5, answers: 2 });
  });
});
