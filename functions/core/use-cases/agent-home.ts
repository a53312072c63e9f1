/**
 * The agents' App Home (issue 16): `publishAgentHome` builds an agent's home from stored state and
 * publishes it; `setAgentAway` records the Away/Available toggle and re-publishes; `withHomeRefresh`
 * re-publishes the homes of the agents a desk command touched (the actor, and the case's assignee). Homes
 * are published on these events only (`app_home_opened`, the toggle, claim/release/resolve/hand back, an
 * assignment), never on a timer: one `views.publish` per change, well within Slack's limits.
 */
import type { BusinessSettings } from '../../shared/business-settings.ts';
import { agentHomeView, CSAT_DAYS } from '../agent-home.ts';
import { type DeskAccessPolicy, deskRefusal } from '../desk-access.ts';
import type { CaseCommandResult, DeskCommands } from '../desk-commands.ts';
import type { Case } from '../model.ts';
import type {
  AgentAvailabilityStore,
  AgentDirectory,
  AgentHome,
  AgentHomeView,
  Clock,
  ConversationStore,
  DeskRef,
} from '../ports.ts';
import { type DeskRouting, routingChannels } from '../routing.ts';

/** What the App Home needs. */
export interface HomeDeps {
  store: ConversationStore;
  availability: AgentAvailabilityStore;
  home: AgentHome;
  clock: Clock;
  settings: Pick<BusinessSettings, 'sla' | 'hours'>;
  routing: DeskRouting;
  /** The desk channel of a card (`AgentDesk.channelOf`): queues and SLAs are per channel. */
  channelOf: (ref: DeskRef) => string;
  /** Group membership, for the channels whose queue an agent sees; without it, every desk channel. */
  directory?: AgentDirectory;
  /** The agent allowlist (`settings.desk.agents`): others see a notice, no cases. */
  agents?: DeskAccessPolicy['agents'];
  brand?: string;
}

const OPEN_CASES_READ = 500;

/** Builds and publishes `agentId`'s home; returns what was published. */
export async function publishAgentHome(deps: HomeDeps, agentId: string): Promise<AgentHomeView> {
  const now = deps.clock.now();
  const refusal = await deskRefusal({ channels: [], agents: deps.agents }, deps.directory, agentId, '');
  if (refusal) {
    const view: AgentHomeView = {
      agentId,
      away: false,
      mine: [],
      queue: [],
      resolvedToday: 0,
      csat: { average: null, answers: 0 },
      at: now.toISOString(),
      notice:
        refusal === 'not_an_agent'
          ? `Only ${deps.brand ?? 'Tandem'} desk agents see cases here. Ask an admin to add you to the agent list.`
          : "Couldn't check the agent list just now. Open this tab again in a minute.",
    };
    await deps.home.publish(view);
    return view;
  }
  const since = new Date(now.getTime() - CSAT_DAYS * 24 * 3600_000).toISOString();
  const [openCases, lifecycle, availability, channels] = await Promise.all([
    deps.store.listOpenCases(OPEN_CASES_READ),
    deps.store.listLifecycle(since, new Date(now.getTime() + 1000).toISOString()),
    deps.availability.getAvailability([agentId]),
    channelsOf(deps, agentId),
  ]);
  const view = agentHomeView({
    agentId,
    away: availability.get(agentId)?.away ?? false,
    openCases,
    lifecycle,
    channels,
    routing: deps.routing,
    channelOf: deps.channelOf,
    settings: deps.settings,
    now,
  });
  await deps.home.publish(view);
  return view;
}

/** `agentId` opened their Home tab: remembered (their home is refreshed on changes from now on), then published. */
export async function openAgentHome(deps: HomeDeps, agentId: string): Promise<AgentHomeView> {
  const view = await publishAgentHome(deps, agentId);
  if (!view.notice) await deps.availability.markHomeOpened(agentId, deps.clock.now().toISOString());
  return view;
}

/**
 * Re-publishes the homes of those of `agentIds` who have opened theirs (one strong read per agent): agents
 * who never look at the Home tab cost no `views.publish` and no reads of the open cases and lifecycle.
 */
export async function refreshAgentHomes(deps: HomeDeps, agentIds: readonly string[]): Promise<void> {
  const known = await deps.availability.getAvailability(agentIds);
  const watching = [...new Set(agentIds)].filter((id) => known.get(id)?.homeOpenedAt);
  await Promise.all(watching.map((id) => publishAgentHome(deps, id)));
}

/** Sets `agentId` away (or available again) and re-publishes their home. */
export async function setAgentAway(deps: HomeDeps, agentId: string, away: boolean): Promise<void> {
  // Only agents have an availability (others' homes show no toggle; a forged click changes nothing).
  if (await deskRefusal({ channels: [], agents: deps.agents }, deps.directory, agentId, '')) return;
  await deps.availability.setAway(agentId, away, deps.clock.now().toISOString());
  await publishAgentHome(deps, agentId);
}

/**
 * The desk channels whose queue `agentId` sees: the default channel, and each route's channel when the route
 * has no agent group or the agent is in it. A directory that cannot be read shows every channel.
 */
async function channelsOf(deps: HomeDeps, agentId: string): Promise<string[]> {
  const { routing } = deps;
  if (!deps.directory) return routingChannels(routing);
  const directory = deps.directory;
  const channels = new Set([routing.defaultChannel]);
  for (const route of routing.routes) {
    if (!route.agentGroup) {
      channels.add(route.channel);
      continue;
    }
    const members = await directory.groupMembers(route.agentGroup).catch(() => undefined);
    if (!members || members.has(agentId)) channels.add(route.channel);
  }
  return [...channels];
}

/**
 * `commands` whose Claim, Release, Resolve and Hand back re-publish the homes of the acting agent and of the
 * case's assignee afterwards (those who have opened theirs), from the case the command just read or wrote
 * (no read of its own). A repeated request, or one refused before its case was read, changed nothing: no
 * refresh. A home that cannot be published is only logged (`onError`): the command is done.
 */
export function withHomeRefresh(
  commands: DeskCommands,
  deps: HomeDeps,
  onError: (error: unknown) => void = () => undefined,
): DeskCommands {
  const refresh = async (kase: Case, agentId: string) => {
    try {
      await refreshAgentHomes(deps, [agentId, ...(kase.assignedTo ? [kase.assignedTo.id] : [])]);
    } catch (error) {
      onError(error);
    }
  };
  /** `command`, then the homes of the agents it touched. */
  const refreshing =
    <I extends { caseId: string; agent: { id: string } }>(
      command: (input: I) => Promise<CaseCommandResult>,
    ) =>
    async (input: I): Promise<CaseCommandResult> => {
      const result = await command(input);
      if (result?.kase) await refresh(result.kase, input.agent.id);
      return result;
    };
  return {
    ...commands,
    claim: refreshing(commands.claim),
    release: refreshing(commands.release),
    resolve: refreshing(commands.resolve),
    handBack: refreshing(commands.handBack),
  };
}
