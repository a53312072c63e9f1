/**
 * Desk routing (pure): which Slack channel, agent group and assignment policy an escalation gets, from the
 * ordered rules of `settings.routing`; and the per-channel SLA. The first matching rule wins; none: the
 * default channel.
 */
import type { BusinessSettings } from '../shared/business-settings.ts';
import type { DeskRoutingSettings } from '../shared/desk-routing-settings.ts';
import { isOpen } from './business-hours.ts';
import type { Channel, EscalationReason, Priority } from './model.ts';

/** The routing in force: the settings with the default channel resolved (from the environment). */
export interface DeskRouting extends DeskRoutingSettings {
  defaultChannel: string;
}

/** The name of the route taken when no rule matches. */
export const DEFAULT_ROUTE = 'default';

/** Where an escalation goes. */
export interface DeskRoute {
  name: string;
  /** The Slack channel id of its card. */
  channel: string;
  /** The Slack user group of its agents. */
  agentGroup?: string;
  autoAssign?: { capacity: number; ackMinutes: number };
}

/** What a route can match on. */
export interface RouteFacts {
  reason: EscalationReason;
  priority: Priority;
  channel: Channel;
  language?: string | undefined;
  /** The customer's remembered facts (`CustomerProfile.facts`). */
  facts: Record<string, string>;
  /** Within business hours. */
  open: boolean;
}

/** Resolves `routing` with `defaultChannel` (the first `SLACK_ESCALATION_CHANNEL`) when it names none. */
export function deskRouting(routing: DeskRoutingSettings, defaultChannel: string): DeskRouting {
  return { ...routing, defaultChannel: routing.defaultChannel ?? defaultChannel };
}

/** The first route matching `facts`, else the default route. */
export function chooseRoute(routing: DeskRouting, facts: RouteFacts): DeskRoute {
  for (const route of routing.routes) {
    const { match } = route;
    if (match.reasons && !match.reasons.includes(facts.reason)) continue;
    if (match.priorities && !match.priorities.includes(facts.priority)) continue;
    if (match.channels && !match.channels.includes(facts.channel)) continue;
    if (match.languages && !(facts.language && match.languages.includes(facts.language))) continue;
    if (match.hours && (match.hours === 'open') !== facts.open) continue;
    if (match.facts && !factsMatch(match.facts, facts.facts)) continue;
    return {
      name: route.name,
      channel: route.channel,
      ...(route.agentGroup ? { agentGroup: route.agentGroup } : {}),
      ...(route.autoAssign ? { autoAssign: route.autoAssign } : {}),
    };
  }
  return { name: DEFAULT_ROUTE, channel: routing.defaultChannel };
}

function factsMatch(wanted: Record<string, string>, known: Record<string, string>): boolean {
  return Object.entries(wanted).every(
    ([key, value]) => known[key]?.trim().toLowerCase() === value.trim().toLowerCase(),
  );
}

/** The route named `name` (as recorded on a case), else the default route. */
export function routeNamed(routing: DeskRouting, name: string | undefined): DeskRoute {
  const route = routing.routes.find((candidate) => candidate.name === name);
  if (!route) return { name: DEFAULT_ROUTE, channel: routing.defaultChannel };
  return {
    name: route.name,
    channel: route.channel,
    ...(route.agentGroup ? { agentGroup: route.agentGroup } : {}),
    ...(route.autoAssign ? { autoAssign: route.autoAssign } : {}),
  };
}

/** Facts for `chooseRoute` from what the notifier knows at `now`. */
export function routeFacts(
  input: {
    reason: EscalationReason;
    priority: Priority;
    channel: Channel;
    language?: string | undefined;
    facts?: Record<string, string> | undefined;
  },
  hours: BusinessSettings['hours'],
  now: Date,
): RouteFacts {
  return { ...input, facts: input.facts ?? {}, open: isOpen(hours, now) };
}

/** Every channel cards can go to (the default first): desk actions count in these. */
export function routingChannels(routing: DeskRouting): string[] {
  return [...new Set([routing.defaultChannel, ...routing.routes.map((route) => route.channel)])];
}

/** The SLA of cards in `channel`: its own minutes and mention group, else the business's. */
export function channelSla(
  routing: DeskRouting | undefined,
  sla: BusinessSettings['sla'],
  channel: string,
): { reminderMinutes: number; escalateMinutes: number; mentionGroup?: string } {
  const own = routing?.channels[channel] ?? {};
  const mentionGroup = own.mentionGroup ?? sla.mentionGroup;
  return {
    reminderMinutes: own.reminderMinutes ?? sla.reminderMinutes,
    escalateMinutes: own.escalateMinutes ?? sla.escalateMinutes,
    ...(mentionGroup ? { mentionGroup } : {}),
  };
}
