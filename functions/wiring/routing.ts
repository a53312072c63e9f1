/**
 * Composition root: desk routing, auto-assignment and the agents' App Home (issue 16).
 */
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { DynamoDbAgentAvailability } from '../adapters/dynamodb-agent-availability.ts';
import { SlackAppHome } from '../adapters/slack-app-home.ts';
import { slackChannelOf } from '../adapters/slack-desk-ref.ts';
import { SlackPresence } from '../adapters/slack-presence.ts';
import { SlackUserGroups } from '../adapters/slack-user-groups.ts';
import type { AgentAvailabilityStore } from '../core/ports.ts';
import { type DeskRouting, deskRouting } from '../core/routing.ts';
import { type HomeDeps, refreshAgentHomes } from '../core/use-cases/agent-home.ts';
import type { AssignDeps } from '../core/use-cases/assign-case.ts';
import type { CaseRouter } from '../core/use-cases/notify-escalation.ts';
import { parseDeskRoutingJson } from '../shared/desk-routing-settings.ts';
import { clock, dynamo, env, requireCredential } from './base.ts';
import { settings } from './settings.ts';
import { store } from './store.ts';

/** The channels of `SLACK_ESCALATION_CHANNEL` (a channel id or a comma-separated list). */
export const envDeskChannels: readonly string[] = env.SLACK_ESCALATION_CHANNEL.split(',')
  .map((channel) => channel.trim())
  .filter((channel) => channel.length > 0);

/** The routing in force: `DESK_ROUTING` when set, else the settings' `routing`; default channel resolved. */
export const routing: DeskRouting = deskRouting(
  env.DESK_ROUTING ? parseDeskRoutingJson(env.DESK_ROUTING) : settings.routing,
  envDeskChannels[0] ?? env.SLACK_ESCALATION_CHANNEL,
);

/** The notifier's router: the rules and the business hours they may match on. */
export const router: CaseRouter = { routing, hours: settings.hours };

/** True when some route auto-assigns (only then are presence and group membership read). */
export const autoAssigning = routing.routes.some((route) => route.autoAssign);

/** Agents' Away/Available, on the table. */
export const availability: AgentAvailabilityStore = new DynamoDbAgentAvailability(
  DynamoDBDocumentClient.from(dynamo),
  env.TABLE_NAME,
);

const slackOptions = () => ({ token: requireCredential('SLACK_BOT_TOKEN'), slackApiUrl: env.SLACK_API_URL });

/** Group membership for routes and the App Home's channels (cached a few minutes). */
export const routeDirectory = new SlackUserGroups(slackOptions());

/** The App Home's dependencies. */
export const homeDeps: HomeDeps = {
  store,
  availability,
  home: new SlackAppHome({ ...slackOptions(), brand: settings.brand }),
  clock,
  settings,
  routing,
  channelOf: slackChannelOf,
  directory: routeDirectory,
  agents: settings.desk.agents,
  brand: settings.brand,
};

/** Auto-assignment's dependencies, given the desk it posts with; `undefined` when no route auto-assigns. */
export function assignDeps(desk: AssignDeps['desk']): AssignDeps | undefined {
  if (!autoAssigning) return undefined;
  return {
    store,
    desk,
    clock,
    routing,
    directory: routeDirectory,
    presence: new SlackPresence(slackOptions()),
    availability,
    refreshHomes: (agentIds) => refreshAgentHomes(homeDeps, agentIds),
  };
}
