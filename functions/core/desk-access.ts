/**
 * Who may act at the desk, and where: desk actions count only in the configured escalation channel(s), and,
 * when the business settings name an agent allowlist (user ids and/or one user group), only from its
 * members. Pure policy; the group's membership comes through the `AgentDirectory` port.
 */
import type { AgentDirectory } from './ports.ts';

/** The desk's access rules (from env and business settings). */
export interface DeskAccessPolicy {
  /** Channel ids where desk actions count. Empty: any channel (not recommended). */
  channels: readonly string[];
  /** The optional agent allowlist (`settings.desk.agents`). Absent: every member of the workspace. */
  agents?: { userIds: readonly string[]; userGroup?: string | undefined } | undefined;
}

/** Why someone may not act at the desk. */
export type DeskRefusal = 'wrong_channel' | 'not_an_agent' | 'directory_unavailable';

/** True when `channel` is a desk channel under `policy`. */
export function isDeskChannel(policy: DeskAccessPolicy, channel: string): boolean {
  return policy.channels.length === 0 || policy.channels.includes(channel);
}

/** Decides whether `userId` may act in `channel`; `undefined` means allowed. */
export async function deskRefusal(
  policy: DeskAccessPolicy,
  directory: AgentDirectory | undefined,
  userId: string,
  channel: string,
): Promise<DeskRefusal | undefined> {
  if (!isDeskChannel(policy, channel)) return 'wrong_channel';
  const agents = policy.agents;
  if (!agents || (agents.userIds.length === 0 && !agents.userGroup)) return undefined;
  if (agents.userIds.includes(userId)) return undefined;
  if (!agents.userGroup) return 'not_an_agent';
  if (!directory) return 'directory_unavailable';
  try {
    return (await directory.groupMembers(agents.userGroup)).has(userId) ? undefined : 'not_an_agent';
  } catch {
    // Fail closed: without the membership nobody outside `userIds` may act; the agent can try again.
    return 'directory_unavailable';
  }
}

/** What the refused user is told (ephemeral). */
export function deskRefusalText(refusal: DeskRefusal, brand: string): string {
  switch (refusal) {
    case 'wrong_channel':
      return `${brand} desk actions work only in the escalation channel; nothing was changed or sent.`;
    case 'not_an_agent':
      return `Only ${brand} desk agents can do this; nothing was changed or sent. Ask an admin to add you to the agent list.`;
    case 'directory_unavailable':
      return "Couldn't check the agent list just now; nothing was changed or sent. Please try again in a minute.";
  }
}
