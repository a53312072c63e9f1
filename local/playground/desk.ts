/**
 * The playground's desk panel (issue 16): the routes in force, and the App Home of the chosen agent, opened
 * and toggled with the same signed requests Slack sends (`app_home_opened`, the Home tab's button), then
 * read back from the emulated Slack's `views.publish`.
 */
import * as z from 'zod';
import { HOME_ACTION_IDS } from '#adapters/slack-home-blocks.ts';
import { type DeskRouting, deskRouting } from '#core/routing.ts';
import { parseBusinessSettings } from '#shared/business-settings.ts';
import { parseDeskRoutingJson } from '#shared/desk-routing-settings.ts';
import business from '../../config/business.ts';
import type { LocalDriver } from '../driver.ts';
import type { FakeSlack } from '../fake-slack.ts';
import { appHomeOpenedBody, homeActionPayload } from '../slack-requests.ts';

/** What the panel needs from the attached playground. */
export interface DeskPanelDeps {
  driver: LocalDriver;
  slack: FakeSlack;
  /** The escalation channel (the default route's when routing names none). */
  channel: string;
  agents: readonly { id: string; name: string }[];
}

/** The routes as the page shows them. */
export interface DeskPanelRoutes {
  defaultChannel: string;
  routes: DeskRouting['routes'];
  channels: DeskRouting['channels'];
}

const homeInput = z.object({ agentId: z.string().min(1) });
const availabilityInput = z.object({ agentId: z.string().min(1), away: z.boolean() });

/** The routing the handlers use: `DESK_ROUTING`, else the settings' `routing`. */
export function routesInForce(
  channel: string,
  env: Record<string, string | undefined> = process.env,
): DeskPanelRoutes {
  const settings = env.DESK_ROUTING
    ? parseDeskRoutingJson(env.DESK_ROUTING)
    : parseBusinessSettings(business).routing;
  const routing = deskRouting(settings, channel.split(',')[0]?.trim() || channel);
  return { defaultChannel: routing.defaultChannel, routes: routing.routes, channels: routing.channels };
}

/** The panel's POST actions: `home` opens the agent's Home tab, `availability` clicks Away/Available. */
export function deskPanelActions(
  deps: () => DeskPanelDeps,
  badRequest: (message: string) => Error,
): Record<string, (body: unknown) => Promise<unknown>> {
  const known = (agentId: string) => {
    const current = deps();
    if (!current.agents.some((agent) => agent.id === agentId)) throw badRequest('unknown agent');
    return current;
  };
  const homeOf = (current: DeskPanelDeps, agentId: string) => current.slack.homes.get(agentId)?.view ?? null;
  return {
    home: async (body) => {
      const input = homeInput.safeParse(body);
      if (!input.success) throw badRequest('agentId: expected an agent id');
      const current = known(input.data.agentId);
      const response = await current.driver.slackEvent(appHomeOpenedBody({ user: input.data.agentId }));
      return { status: response.status, view: homeOf(current, input.data.agentId) };
    },
    availability: async (body) => {
      const input = availabilityInput.safeParse(body);
      if (!input.success) throw badRequest('expected { agentId, away }');
      const current = known(input.data.agentId);
      const response = await current.driver.slackInteraction(
        homeActionPayload({
          actionId: HOME_ACTION_IDS.availability,
          value: input.data.away ? 'away' : 'available',
          user: { id: input.data.agentId },
        }),
      );
      return { status: response.status, view: homeOf(current, input.data.agentId) };
    },
  };
}
