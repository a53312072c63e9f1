/**
 * Auto-assignment (pure): who of a route's agents gets a case. Available means Slack presence active, not
 * set away on the App Home, and below the route's capacity of open cases; of those, the one with the fewest
 * open cases (ties: the agent id, so the spread is deterministic). Agents a case was already assigned to are
 * asked again only when nobody else is available; the current assignee never.
 */
import type { Case } from './model.ts';

/** One agent as the choice sees them. */
export interface AgentLoad {
  agentId: string;
  /** Open cases they hold: claimed by them, or assigned to them and not claimed yet. */
  openCases: number;
  /** Slack presence is active. */
  active: boolean;
  /** They set themselves away on the App Home. */
  away: boolean;
}

/** Open cases per agent: claimed ones count for the owner, unclaimed assigned ones for the assignee. */
export function openCasesByAgent(cases: readonly Case[]): Map<string, number> {
  const loads = new Map<string, number>();
  for (const kase of cases) {
    const holder =
      kase.status === 'claimed' ? kase.owner?.id : kase.status === 'queued' ? kase.assignedTo?.id : undefined;
    if (holder) loads.set(holder, (loads.get(holder) ?? 0) + 1);
  }
  return loads;
}

/** True when `agent` may be given one more case under `capacity`. */
export function isAvailable(agent: AgentLoad, capacity: number): boolean {
  return agent.active && !agent.away && agent.openCases < capacity;
}

/**
 * The agent to assign, or `undefined` when none is available. `tried`: agents the case was assigned to
 * before (asked again only when no one else is available); `current`: its assignee now (never chosen).
 */
export function chooseAgent(
  agents: readonly AgentLoad[],
  capacity: number,
  options: { tried?: readonly string[]; current?: string } = {},
): string | undefined {
  const tried = new Set(options.tried ?? []);
  const available = agents
    .filter((agent) => agent.agentId !== options.current && isAvailable(agent, capacity))
    .sort((a, b) => a.openCases - b.openCases || a.agentId.localeCompare(b.agentId));
  return (available.find((agent) => !tried.has(agent.agentId)) ?? available[0])?.agentId;
}
