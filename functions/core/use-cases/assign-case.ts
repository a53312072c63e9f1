/**
 * assignCase — auto-assignment of a routed case (issue 16).
 * 1. Only an unclaimed case with a card, on a route with `autoAssign`, is assigned; a first assignment only
 *    when it has none (a redelivered card job does nothing twice), a reassignment only while the assignment
 *    it replaces is still the case's (`expectAssignedAt`), so two sweeps never both move it.
 * 2. Under the route's short assignment lease (one decision at a time per route, so two escalations arriving
 *    together never both take an agent's last free slot): the group's members, their open cases, their
 *    away flag and their Slack presence are read, and `chooseAgent` decides.
 * 3. One conditional write on the case (its version): it stays unclaimed and its assignment unchanged since
 *    the read, or nothing is written. A Claim racing it wins or loses on the same version: one owner.
 * 4. The assigned agent is mentioned in the thread with a Claim button, once per assignment (a failed post
 *    is retried by the job's redelivery or the next sweep); their App Home is refreshed.
 * Manual claim is untouched: anyone may still claim an assigned case.
 */

import { type AgentLoad, chooseAgent, openCasesByAgent } from '../assignment.ts';
import { RetryLaterError } from '../errors.ts';
import type { Case } from '../model.ts';
import type {
  AgentAvailabilityStore,
  AgentDesk,
  AgentDirectory,
  AgentPresence,
  Clock,
  ConversationStore,
} from '../ports.ts';
import { type DeskRoute, type DeskRouting, routeNamed } from '../routing.ts';
import { updateCase } from './conversations.ts';

/** How long one assignment decision may hold its route's lease. */
export const ASSIGN_LEASE_SECONDS = 20;
const LEASE_WAIT_MS = 5000;
const OPEN_CASES_READ = 500;
const ANNOUNCE_TTL_SECONDS = 7 * 24 * 3600;

/** What assignment needs. */
export interface AssignDeps {
  store: ConversationStore;
  desk: AgentDesk;
  clock: Clock;
  routing: DeskRouting;
  directory: AgentDirectory;
  presence: AgentPresence;
  availability: AgentAvailabilityStore;
  /** Re-publishes the App Home of these agents (after their cases changed). */
  refreshHomes?: (agentIds: string[]) => Promise<void>;
  /** Waits `ms` (tests pass a fake). */
  sleep?: (ms: number) => Promise<void>;
}

/** What `assignCase` did. */
export type AssignOutcome = 'assigned' | 'no_agent' | 'skipped';

/** Assigns (or, with `expectAssignedAt`, reassigns) case `caseId`. Throws `RetryLaterError` when busy. */
export async function assignCase(
  deps: AssignDeps,
  caseId: string,
  options: { expectAssignedAt?: string } = {},
): Promise<AssignOutcome> {
  const before = await deps.store.getCase(caseId);
  if (!before) return 'skipped';
  const route = routeNamed(deps.routing, before.route);
  if (!route.autoAssign || !route.agentGroup) return 'skipped';
  if (!eligible(before, options)) {
    // A redelivered card job: the assignment is done, its mention may not be (Slack failed after the write).
    if (before.status === 'queued' && before.assignedAt) await announceAssignment(deps, before);
    return 'skipped';
  }
  const lease = `assign#${route.name}`;
  if (!(await acquire(deps, lease))) {
    throw new RetryLaterError(`assignment on route ${route.name} is busy`, 2);
  }
  let assigned: Case | undefined;
  try {
    const agents = await agentLoads(deps, route);
    const kase = (await deps.store.getCase(caseId)) ?? before;
    if (!eligible(kase, options)) return 'skipped';
    const current = kase.assignedTo?.id;
    const tried = [...(kase.assignedBefore ?? []), ...(current ? [current] : [])];
    const chosen = chooseAgent(agents, route.autoAssign.capacity, {
      tried,
      ...(current ? { current } : {}),
    });
    if (!chosen) return 'no_agent';
    const at = deps.clock.now().toISOString();
    const written = await updateCase(deps.store, caseId, (latest) =>
      latest.status === 'queued' && latest.assignedAt === kase.assignedAt
        ? {
            assignedTo: { id: chosen },
            assignedAt: at,
            ...(current ? { assignedBefore: [...new Set(tried)].slice(-20) } : {}),
          }
        : undefined,
    );
    if (written.assignedAt !== at || written.assignedTo?.id !== chosen) return 'skipped';
    assigned = written;
  } finally {
    await deps.store.releaseOnce(lease);
  }
  await announceAssignment(deps, assigned);
  const previous = before.assignedTo?.id;
  await deps
    .refreshHomes?.([assigned.assignedTo!.id, ...(previous ? [previous] : [])])
    .catch(() => undefined);
  return 'assigned';
}

function eligible(kase: Case, options: { expectAssignedAt?: string }): boolean {
  if (!kase.deskRef || kase.status !== 'queued') return false;
  return options.expectAssignedAt === undefined
    ? kase.assignedAt === undefined
    : kase.assignedAt === options.expectAssignedAt;
}

/** Claims the route's lease, waiting a few seconds for another decision to finish. */
async function acquire(deps: AssignDeps, lease: string): Promise<boolean> {
  const sleep = deps.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const deadline = Date.now() + LEASE_WAIT_MS;
  for (;;) {
    if (await deps.store.claimOnce(lease, ASSIGN_LEASE_SECONDS)) return true;
    if (Date.now() >= deadline) return false;
    await sleep(50 + Math.floor(Math.random() * 100));
  }
}

/** The route's agents with their open cases, away flag and presence (unreadable presence: not active). */
async function agentLoads(deps: AssignDeps, route: DeskRoute): Promise<AgentLoad[]> {
  const members = [...(await deps.directory.groupMembers(route.agentGroup!))];
  const [open, availability, presence] = await Promise.all([
    deps.store.listOpenCases(OPEN_CASES_READ),
    deps.availability.getAvailability(members),
    Promise.all(members.map((id) => deps.presence.isActive(id).catch(() => false))),
  ]);
  const loads = openCasesByAgent(open);
  return members.map((agentId, index) => ({
    agentId,
    openCases: loads.get(agentId) ?? 0,
    active: presence[index] ?? false,
    away: availability.get(agentId)?.away ?? false,
  }));
}

/**
 * Mentions the case's assignee in its thread, once per assignment (`assigned#<case>#<assignedAt>`); a post
 * that fails releases the key and throws, so the queue (or the next sweep) tries again.
 */
export async function announceAssignment(
  deps: Pick<AssignDeps, 'store' | 'desk' | 'routing'>,
  kase: Case,
): Promise<void> {
  if (!kase.deskRef || !kase.assignedTo || !kase.assignedAt || kase.status !== 'queued') return;
  const key = `assigned#${kase.caseId}#${kase.assignedAt}`;
  if ((await deps.store.getOnce(key)) || !(await deps.store.claimOnce(key, ANNOUNCE_TTL_SECONDS))) return;
  const route = routeNamed(deps.routing, kase.route);
  const minutes = route.autoAssign?.ackMinutes ?? 0;
  const previous = kase.assignedBefore?.at(-1);
  const text = previous
    ? `Not claimed within ${minutes} minutes by @${previous}; reassigned to you. Please claim it within ${minutes} minutes.`
    : `Assigned to you (route ${route.name}). Please claim it within ${minutes} minutes, or it goes to the next agent.`;
  try {
    await deps.desk.postInThread(kase.deskRef, text, {
      mention: kase.assignedTo.id,
      actions: [{ kind: 'claim', caseId: kase.caseId }],
    });
  } catch (error) {
    await deps.store.releaseOnce(key);
    throw error;
  }
}
