/**
 * Customer-experience metrics computed from lifecycle events: pure, no I/O.
 *
 * The unit of measure is the **episode**: one visit of a customer, from an `opened` or `reopened`
 * event to the `resolved` (by an agent, or by the sweeper for idleness) or `handed_back` event that
 * closes it. Every figure describes the episodes that *started* in the period, using all the events
 * given (also those after the period, so a late claim, resolution or reopening still counts).
 * The definitions are written out in `docs/metrics.md`.
 */
import { type ActionFigures, actionFigures } from './actions/metrics.ts';
import type { Channel, LifecycleEvent } from './model.ts';

/** Who closed an episode: the AI (idle resolution), an agent, or an agent handing back to the AI. */
export type Resolver = 'ai' | 'agent' | 'handed_back';

/** The 50th and 90th percentiles of a sample (linear interpolation), `null` without data. */
export interface Percentiles {
  count: number;
  p50: number | null;
  p90: number | null;
}

/** One day's figures for the trend charts (episodes by their UTC start date). */
export interface DailyFigures {
  /** `YYYY-MM-DD` (UTC). */
  date: string;
  conversations: number;
  escalations: number;
  firstInteractionResolutionRate: number | null;
  escalationRate: number | null;
}

/** Everything `npm run report` shows. Rates are 0..1; `null` where there is no data. */
export interface CxReport {
  period: { since: string | null; until: string | null; reopenWindowHours: number };
  /** Episodes that started in the period with at least one customer message. */
  conversations: number;
  /** Distinct customers (conversation ids) behind those episodes. */
  customers: number;
  /** Episodes closed (resolved, idle-resolved or handed back). */
  resolvedConversations: number;
  openConversations: number;
  /** Episodes that began with `reopened` (the customer came back within the window). */
  reopenedConversations: number;
  /** Episodes resolved by the AI alone and not reopened within the window. */
  firstInteractionResolutions: number;
  firstInteractionResolutionRate: number | null;
  /** Episodes with at least one escalation. */
  escalatedConversations: number;
  escalationRate: number | null;
  escalations: number;
  escalationsByReason: Record<string, number>;
  /** Share of escalations agents marked as needed (last answer per case). */
  escalationPrecision: number | null;
  escalationPrecisionByReason: Record<string, number | null>;
  escalationFeedbackResponses: number;
  /** Share of escalation summaries agents marked as accurate (last answer per case). */
  summaryAccuracy: number | null;
  summaryFeedbackResponses: number;
  medianTimeToClaimSeconds: number | null;
  medianTimeToResolutionSeconds: number | null;
  speed: {
    firstAiReplySeconds: Percentiles;
    timeToClaimSeconds: Percentiles;
    firstHumanReplySeconds: Percentiles;
    timeToResolutionSeconds: Percentiles;
  };
  /** Customer messages per closed episode. */
  averageCustomerTurnsToResolution: number | null;
  /** Owner changes (escalated, released, handed back) per episode. */
  averageHandoffsPerConversation: number | null;
  /** Share of escalated episodes where the customer repeated an earlier message after the handoff. */
  repeatAfterHandoffRate: number | null;
  /** Mean sentiment (-1..1) of the first / last customer message of closed episodes. */
  averageSentimentStart: number | null;
  averageSentimentEnd: number | null;
  /** Mean sentiment of customer messages by who owned the conversation when they arrived. */
  sentimentByTouchpoint: {
    ai: number | null;
    queued: number | null;
    agent: number | null;
    counts: { ai: number; queued: number; agent: number };
  };
  averageCsat: number | null;
  csatResponses: number;
  csatByResolver: Record<Resolver, number | null>;
  daily: DailyFigures[];
  /** Actions on the business's systems (issue 15): proposed, approved, denied, failed, time to approve. */
  actions: ActionFigures;
}

/** An episode: the events of one visit, in order. */
export interface Episode {
  conversationId: string;
  channel: Channel;
  startedAt: string;
  /** The episode began with `reopened`. */
  reopened: boolean;
  /** Events after the start and before the end (satisfaction and escalation feedback excluded). */
  events: LifecycleEvent[];
  /** The closing `resolved` or `handed_back` event, if the episode is closed. */
  end?: LifecycleEvent;
  resolver?: Resolver;
  /** Case ids seen in the episode. */
  caseIds: string[];
}

/** Options of {@link computeCxMetrics}. */
export interface CxOptions {
  /** A customer writing again within this many hours of an AI resolution undoes its first-interaction credit. */
  reopenWindowHours: number;
  /** Count episodes starting at or after this ISO time. */
  since?: string;
  /** Count episodes starting before this ISO time. */
  until?: string;
}

// Order of event types recorded at the same millisecond (a frozen clock in tests, or a fast machine):
// a closing event comes first (a visit can close and the next open in the same instant, never the
// reverse), then the visit's own steps in the order the use cases record them.
const RANK: Record<LifecycleEvent['type'], number> = {
  resolved: 0,
  handed_back: 0,
  opened: 1,
  reopened: 1,
  customer_message: 2,
  ai_reply: 3,
  escalated: 4,
  claimed: 5,
  released: 6,
  first_agent_reply: 7,
  satisfaction: 8,
  escalation_feedback: 9,
  action_proposed: 10,
  action_edited: 11,
  action_approved: 12,
  action_denied: 12,
  action_executed: 13,
  action_failed: 13,
};

/** Splits lifecycle events (any order) into episodes, dropping events outside any episode. */
export function episodesOf(events: readonly LifecycleEvent[]): Episode[] {
  const byConversation = new Map<string, LifecycleEvent[]>();
  for (const event of events) {
    const list = byConversation.get(event.conversationId) ?? [];
    list.push(event);
    byConversation.set(event.conversationId, list);
  }
  const episodes: Episode[] = [];
  for (const list of byConversation.values()) {
    list.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : RANK[a.type] - RANK[b.type]));
    let current: Episode | undefined;
    for (const event of list) {
      if (event.type === 'satisfaction' || event.type === 'escalation_feedback') continue; // joined by case id
      if (event.type === 'opened' || event.type === 'reopened') {
        if (current) episodes.push(current); // a new visit without a close: the old one stays open
        current = {
          conversationId: event.conversationId,
          channel: event.channel,
          startedAt: event.at,
          reopened: event.type === 'reopened',
          events: [],
          caseIds: [],
        };
        continue;
      }
      // Events before the first start belong to a visit that began before the loaded range.
      if (!current) continue;
      if (event.caseId && !current.caseIds.includes(event.caseId)) current.caseIds.push(event.caseId);
      if (event.type === 'resolved' || event.type === 'handed_back') {
        current.end = event;
        current.resolver =
          event.type === 'handed_back' ? 'handed_back' : event.data?.by === 'idle' ? 'ai' : 'agent';
        episodes.push(current);
        current = undefined;
        continue;
      }
      current.events.push(event);
    }
    if (current) episodes.push(current);
  }
  return episodes;
}

/** The `p`-quantile (0..1) of `values` with linear interpolation between closest ranks; `null` if empty. */
export function percentile(values: readonly number[], p: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const h = (sorted.length - 1) * p;
  const lower = Math.floor(h);
  const upper = Math.ceil(h);
  return sorted[lower]! + (h - lower) * (sorted[upper]! - sorted[lower]!);
}

/** Computes the report from lifecycle events. */
export function computeCxMetrics(events: readonly LifecycleEvent[], options: CxOptions): CxReport {
  const all = episodesOf(events);
  // A visit without a single customer message (a STOP/HELP keyword, a satisfaction answer) is not a conversation.
  const real = all.filter((episode) => episode.events.some((event) => event.type === 'customer_message'));
  const counted = real.filter(
    (episode) =>
      (!options.since || episode.startedAt >= options.since) &&
      (!options.until || episode.startedAt < options.until),
  );
  const windowMs = options.reopenWindowHours * 3_600_000;

  const nextStart = new Map<Episode, string>();
  const byConversation = groupBy(real, (episode) => episode.conversationId);
  for (const list of byConversation.values()) {
    list.sort((a, b) => (a.startedAt < b.startedAt ? -1 : 1));
    list.forEach((episode, index) => {
      const next = list[index + 1];
      if (next) nextStart.set(episode, next.startedAt);
    });
  }
  const isFir = (episode: Episode): boolean => {
    if (episode.resolver !== 'ai' || !episode.end) return false;
    if (episode.events.some((event) => event.type === 'escalated')) return false;
    const next = nextStart.get(episode);
    return !next || Date.parse(next) - Date.parse(episode.end.at) > windowMs;
  };
  const isEscalated = (episode: Episode): boolean =>
    episode.events.some((event) => event.type === 'escalated');

  const closed = counted.filter((episode) => episode.end);
  const escalatedEpisodes = counted.filter(isEscalated);
  const escalationEvents = counted.flatMap((episode) =>
    episode.events.filter((event) => event.type === 'escalated'),
  );

  // Case ids of the counted episodes, to attribute satisfaction answers and agents' feedback.
  const episodeOfCase = new Map<string, Episode>();
  for (const episode of counted) for (const caseId of episode.caseIds) episodeOfCase.set(caseId, episode);
  const reasonOfCase = new Map<string, string>();
  for (const event of escalationEvents)
    if (event.caseId) reasonOfCase.set(event.caseId, String(event.data?.reason));
  const sorted = [...events].sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
  const lastAnswer = (question: string): Map<string, boolean> => {
    const answers = new Map<string, boolean>();
    for (const event of sorted) {
      if (event.type !== 'escalation_feedback' || event.data?.question !== question) continue;
      if (!event.caseId || !episodeOfCase.has(event.caseId) || typeof event.data.answer !== 'boolean')
        continue;
      answers.set(event.caseId, event.data.answer);
    }
    return answers;
  };
  const needed = lastAnswer('escalation_needed');
  const accurate = lastAnswer('summary_accurate');
  const precisionByReason: Record<string, number | null> = {};
  const reasons = groupBy([...needed.entries()], ([caseId]) => reasonOfCase.get(caseId) ?? 'unknown');
  for (const [reason, answers] of reasons)
    precisionByReason[reason] = share(answers.map(([, answer]) => answer));

  const csat = new Map<string, number>(); // last answer per case
  for (const event of sorted) {
    if (event.type !== 'satisfaction' || !event.caseId || !episodeOfCase.has(event.caseId)) continue;
    if (typeof event.data?.score === 'number') csat.set(event.caseId, event.data.score);
  }
  const csatByResolver: Record<Resolver, number | null> = { ai: null, agent: null, handed_back: null };
  const csatGroups = groupBy(
    [...csat.entries()],
    ([caseId]) => episodeOfCase.get(caseId)?.resolver ?? 'open',
  );
  for (const resolver of ['ai', 'agent', 'handed_back'] as const) {
    csatByResolver[resolver] = mean((csatGroups.get(resolver) ?? []).map(([, score]) => score));
  }

  const speed = {
    firstAiReplySeconds: percentiles(counted.flatMap(firstAiReplySeconds)),
    timeToClaimSeconds: percentiles(counted.flatMap((episode) => perCase(episode, 'claimed', 'waitSeconds'))),
    firstHumanReplySeconds: percentiles(
      counted.flatMap((episode) => perCase(episode, 'first_agent_reply', 'secondsSinceEscalation')),
    ),
    timeToResolutionSeconds: percentiles(counted.flatMap(resolutionSeconds)),
  };

  const sentiments = (episode: Episode): number[] =>
    episode.events.flatMap((event) =>
      event.type === 'customer_message' && typeof event.data?.sentiment === 'number'
        ? [event.data.sentiment]
        : [],
    );
  const withSentiment = closed.map(sentiments).filter((values) => values.length > 0);
  const touchpoints = { ai: [] as number[], queued: [] as number[], agent: [] as number[] };
  for (const episode of counted) {
    for (const event of episode.events) {
      const mode = event.data?.mode;
      if (event.type !== 'customer_message' || typeof event.data?.sentiment !== 'number') continue;
      if (mode === 'ai' || mode === 'queued' || mode === 'agent')
        touchpoints[mode].push(event.data.sentiment);
    }
  }

  const handoffs = counted.reduce(
    (sum, episode) =>
      sum +
      episode.events.filter((event) => event.type === 'escalated' || event.type === 'released').length +
      (episode.end?.type === 'handed_back' ? 1 : 0),
    0,
  );
  const repeated = escalatedEpisodes.map((episode) =>
    episode.events.some(
      (event) => event.type === 'customer_message' && event.data?.repeatAfterHandoff === true,
    ),
  );

  const fir = counted.filter(isFir).length;
  return {
    actions: actionFigures(events, { since: options.since, until: options.until }),
    period: {
      since: options.since ?? null,
      until: options.until ?? null,
      reopenWindowHours: options.reopenWindowHours,
    },
    conversations: counted.length,
    customers: new Set(counted.map((episode) => episode.conversationId)).size,
    resolvedConversations: closed.length,
    openConversations: counted.length - closed.length,
    reopenedConversations: counted.filter((episode) => episode.reopened).length,
    firstInteractionResolutions: fir,
    firstInteractionResolutionRate: ratio(fir, counted.length),
    escalatedConversations: escalatedEpisodes.length,
    escalationRate: ratio(escalatedEpisodes.length, counted.length),
    escalations: escalationEvents.length,
    escalationsByReason: countBy(escalationEvents, (event) => String(event.data?.reason ?? 'unknown')),
    escalationPrecision: share([...needed.values()]),
    escalationPrecisionByReason: precisionByReason,
    escalationFeedbackResponses: needed.size,
    summaryAccuracy: share([...accurate.values()]),
    summaryFeedbackResponses: accurate.size,
    medianTimeToClaimSeconds: speed.timeToClaimSeconds.p50,
    medianTimeToResolutionSeconds: speed.timeToResolutionSeconds.p50,
    speed,
    averageCustomerTurnsToResolution: mean(
      closed.map((episode) => episode.events.filter((event) => event.type === 'customer_message').length),
    ),
    averageHandoffsPerConversation: ratio(handoffs, counted.length),
    repeatAfterHandoffRate: share(repeated),
    averageSentimentStart: mean(withSentiment.map((values) => values[0]!)),
    averageSentimentEnd: mean(withSentiment.map((values) => values[values.length - 1]!)),
    sentimentByTouchpoint: {
      ai: mean(touchpoints.ai),
      queued: mean(touchpoints.queued),
      agent: mean(touchpoints.agent),
      counts: {
        ai: touchpoints.ai.length,
        queued: touchpoints.queued.length,
        agent: touchpoints.agent.length,
      },
    },
    averageCsat: mean([...csat.values()]),
    csatResponses: csat.size,
    csatByResolver,
    daily: daily(counted, isFir, isEscalated, options),
  };
}

/** Seconds from the customer's message to the episode's first AI reply. */
function firstAiReplySeconds(episode: Episode): number[] {
  let lastCustomerAt: string | undefined;
  for (const event of episode.events) {
    if (event.type === 'customer_message') lastCustomerAt = event.at;
    if (event.type !== 'ai_reply') continue;
    const recorded = event.data?.secondsSinceCustomer;
    if (typeof recorded === 'number') return [recorded];
    return lastCustomerAt ? [seconds(lastCustomerAt, event.at)] : [];
  }
  return [];
}

/** The first `type` event per case, as recorded in `field` or else measured from the escalation. */
function perCase(episode: Episode, type: 'claimed' | 'first_agent_reply', field: string): number[] {
  const escalatedAt = new Map<string, string>();
  const seen = new Set<string>();
  const out: number[] = [];
  for (const event of episode.events) {
    if (event.type === 'escalated' && event.caseId) escalatedAt.set(event.caseId, event.at);
    if (event.type !== type) continue;
    const key = event.caseId ?? '';
    if (seen.has(key)) continue; // a claim after a release is not the customer's wait for a person
    seen.add(key);
    const recorded = event.data?.[field];
    const from = escalatedAt.get(key);
    if (typeof recorded === 'number') out.push(recorded);
    else if (from) out.push(seconds(from, event.at));
  }
  return out;
}

/** For episodes closed by an agent: seconds from the escalation to the close. */
function resolutionSeconds(episode: Episode): number[] {
  if (!episode.end || episode.resolver === 'ai') return [];
  const recorded = episode.end.data?.secondsToResolution;
  if (typeof recorded === 'number') return [recorded];
  const escalated = episode.events.find((event) => event.type === 'escalated');
  return escalated ? [seconds(escalated.at, episode.end.at)] : [];
}

function daily(
  episodes: Episode[],
  isFir: (episode: Episode) => boolean,
  isEscalated: (episode: Episode) => boolean,
  options: CxOptions,
): DailyFigures[] {
  const starts = episodes.map((episode) => episode.startedAt.slice(0, 10)).sort();
  const first = options.since?.slice(0, 10) ?? starts[0];
  // `until` is exclusive: the last day is the one holding the instant just before it.
  const last = options.until
    ? new Date(Date.parse(options.until) - 1).toISOString().slice(0, 10)
    : starts.at(-1);
  if (!first || !last) return [];
  const byDay = groupBy(episodes, (episode) => episode.startedAt.slice(0, 10));
  const out: DailyFigures[] = [];
  for (let day = Date.parse(`${first}T00:00:00.000Z`); ; day += 86_400_000) {
    const date = new Date(day).toISOString().slice(0, 10);
    if (date > last || out.length >= 3660) break;
    const list = byDay.get(date) ?? [];
    const escalated = list.filter(isEscalated).length;
    out.push({
      date,
      conversations: list.length,
      escalations: list.reduce(
        (sum, episode) => sum + episode.events.filter((event) => event.type === 'escalated').length,
        0,
      ),
      firstInteractionResolutionRate: ratio(list.filter(isFir).length, list.length),
      escalationRate: ratio(escalated, list.length),
    });
  }
  return out;
}

function percentiles(values: number[]): Percentiles {
  return { count: values.length, p50: percentile(values, 0.5), p90: percentile(values, 0.9) };
}

function seconds(from: string, to: string): number {
  return (Date.parse(to) - Date.parse(from)) / 1000;
}

function ratio(part: number, whole: number): number | null {
  return whole === 0 ? null : part / whole;
}

function share(flags: boolean[]): number | null {
  return ratio(flags.filter(Boolean).length, flags.length);
}

function mean(values: number[]): number | null {
  return values.length === 0 ? null : values.reduce((sum, value) => sum + value, 0) / values.length;
}

function groupBy<T, K>(items: readonly T[], key: (item: T) => K): Map<K, T[]> {
  const groups = new Map<K, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = groups.get(k) ?? [];
    list.push(item);
    groups.set(k, list);
  }
  return groups;
}

function countBy<T>(items: readonly T[], key: (item: T) => string): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const item of items) counts[key(item)] = (counts[key(item)] ?? 0) + 1;
  return counts;
}
