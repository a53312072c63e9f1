/**
 * What an agent's App Home shows (pure): their open cases with SLA timers, the unclaimed queue of their
 * channels by priority, their cases resolved today and their satisfaction (CSAT) over 7 days, from the open
 * cases and the lifecycle events.
 */
import type { BusinessSettings } from '../shared/business-settings.ts';
import type { Case, DeskRef, LifecycleEvent, Priority } from './model.ts';
import type { AgentHomeView, HomeCase } from './ports.ts';
import { channelSla, type DeskRouting } from './routing.ts';

/** Days of satisfaction answers the home averages. */
export const CSAT_DAYS = 7;
/** Most cases listed per section (a Home tab holds at most 100 blocks). */
export const HOME_LIST_LIMIT = 15;

const rank: Record<Priority, number> = { urgent: 0, high: 1, normal: 2, low: 3 };

/** Builds `agentId`'s home from the open cases and the last `CSAT_DAYS` days of lifecycle events. */
export function agentHomeView(input: {
  agentId: string;
  away: boolean;
  openCases: readonly Case[];
  lifecycle: readonly LifecycleEvent[];
  /** Channels whose queue the agent sees. */
  channels: readonly string[];
  routing: DeskRouting | undefined;
  /** The desk channel a card is in (`AgentDesk.channelOf`). */
  channelOf: (ref: DeskRef) => string;
  settings: Pick<BusinessSettings, 'sla' | 'hours'>;
  now: Date;
}): AgentHomeView {
  const { agentId, now } = input;
  const item = (kase: Case): HomeCase => {
    const waitedMinutes = Math.floor((now.getTime() - Date.parse(kase.openedAt)) / 60_000);
    const sla = kase.deskRef
      ? channelSla(input.routing, input.settings.sla, input.channelOf(kase.deskRef))
      : undefined;
    return {
      caseId: kase.caseId,
      priority: kase.priority,
      status: kase.status,
      summary: kase.packet.summary,
      waitedMinutes,
      ...(kase.route ? { route: kase.route } : {}),
      ...(kase.deskRef ? { ref: kase.deskRef } : {}),
      ...(sla && kase.status === 'queued' ? { slaMinutesLeft: sla.escalateMinutes - waitedMinutes } : {}),
      ...(kase.status === 'queued' && kase.assignedTo?.id === agentId ? { assignedToMe: true } : {}),
    };
  };
  const byUrgency = (a: Case, b: Case) =>
    rank[a.priority] - rank[b.priority] || a.openedAt.localeCompare(b.openedAt);
  const open = input.openCases.filter((kase) => kase.status !== 'resolved' && kase.deskRef);
  const mine = open
    .filter(
      (kase) =>
        (kase.status === 'claimed' && kase.owner?.id === agentId) ||
        (kase.status === 'queued' && kase.assignedTo?.id === agentId),
    )
    .sort(byUrgency);
  const channels = new Set(input.channels);
  const queue = open
    .filter((kase) => kase.status === 'queued' && kase.assignedTo?.id !== agentId)
    .filter((kase) => kase.deskRef && channels.has(input.channelOf(kase.deskRef)))
    .sort(byUrgency);

  const today = localDate(now, input.settings.hours.timeZone);
  const resolvedByAgent = new Set<string>();
  let resolvedToday = 0;
  for (const event of input.lifecycle) {
    if (event.type !== 'resolved' && event.type !== 'handed_back') continue;
    if (event.data?.agent !== agentId || !event.caseId) continue;
    resolvedByAgent.add(event.caseId);
    if (event.type === 'resolved' && localDate(new Date(event.at), input.settings.hours.timeZone) === today) {
      resolvedToday++;
    }
  }
  const since = now.getTime() - CSAT_DAYS * 24 * 3600_000;
  const scores = new Map<string, number>(); // the last answer per case
  for (const event of [...input.lifecycle].sort((a, b) => a.at.localeCompare(b.at))) {
    if (event.type !== 'satisfaction' || !event.caseId || !resolvedByAgent.has(event.caseId)) continue;
    if (Date.parse(event.at) < since || typeof event.data?.score !== 'number') continue;
    scores.set(event.caseId, event.data.score);
  }
  const values = [...scores.values()];
  const average = values.length
    ? Math.round((values.reduce((a, b) => a + b, 0) / values.length) * 10) / 10
    : null;
  return {
    agentId,
    away: input.away,
    mine: mine.slice(0, HOME_LIST_LIMIT).map(item),
    queue: queue.slice(0, HOME_LIST_LIMIT).map(item),
    resolvedToday,
    csat: { average, answers: values.length },
    at: now.toISOString(),
  };
}

/** `yyyy-mm-dd` of `at` in `timeZone`. */
function localDate(at: Date, timeZone: string): string {
  return new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(at);
}
