import { describe, expect, it } from 'vitest';
import { ownershipRefusal } from '#core/conversation-state.ts';
import { type DeskAccessPolicy, deskRefusal, deskRefusalText } from '#core/desk-access.ts';
import type { Conversation } from '#core/model.ts';
import type { AgentDirectory } from '#core/ports.ts';

const DESK = 'CDESK';

/** A directory with fixed groups that counts its lookups. */
function directory(groups: Record<string, string[]>, failing = false): AgentDirectory & { lookups: number } {
  const result = {
    lookups: 0,
    async groupMembers(groupId: string) {
      result.lookups += 1;
      if (failing) throw new Error('usergroups.users.list failed');
      return new Set(groups[groupId] ?? []);
    },
  };
  return result;
}

describe('desk access policy', () => {
  const open: DeskAccessPolicy = { channels: [DESK] };

  it('without an allowlist, anyone in the desk channel may act', async () => {
    expect(await deskRefusal(open, undefined, 'UANY', DESK)).toBeUndefined();
  });

  it('outside the desk channel(s), nobody may act', async () => {
    expect(await deskRefusal(open, undefined, 'UANY', 'COTHER')).toBe('wrong_channel');
    const two: DeskAccessPolicy = { channels: [DESK, 'CDESK2'] };
    expect(await deskRefusal(two, undefined, 'UANY', 'CDESK2')).toBeUndefined();
  });

  it('with listed user ids, only they may act, without asking the directory', async () => {
    const policy: DeskAccessPolicy = { channels: [DESK], agents: { userIds: ['UANA'] } };
    const dir = directory({});
    expect(await deskRefusal(policy, dir, 'UANA', DESK)).toBeUndefined();
    expect(await deskRefusal(policy, dir, 'UBOB', DESK)).toBe('not_an_agent');
    expect(dir.lookups).toBe(0);
  });

  it('with a user group, its members may act and others may not', async () => {
    const policy: DeskAccessPolicy = { channels: [DESK], agents: { userIds: ['UANA'], userGroup: 'SDESK' } };
    const dir = directory({ SDESK: ['UBOB'] });
    expect(await deskRefusal(policy, dir, 'UBOB', DESK)).toBeUndefined();
    expect(await deskRefusal(policy, dir, 'UANA', DESK)).toBeUndefined();
    expect(await deskRefusal(policy, dir, 'UEVE', DESK)).toBe('not_an_agent');
  });

  it('when the group cannot be read, only listed ids may act (fails closed)', async () => {
    const policy: DeskAccessPolicy = { channels: [DESK], agents: { userIds: ['UANA'], userGroup: 'SDESK' } };
    const dir = directory({}, true);
    expect(await deskRefusal(policy, dir, 'UANA', DESK)).toBeUndefined();
    expect(await deskRefusal(policy, dir, 'UBOB', DESK)).toBe('directory_unavailable');
    expect(await deskRefusal(policy, undefined, 'UBOB', DESK)).toBe('directory_unavailable');
  });

  it('an empty allowlist (no ids, no group) restricts nobody', async () => {
    const policy: DeskAccessPolicy = { channels: [DESK], agents: { userIds: [] } };
    expect(await deskRefusal(policy, undefined, 'UANY', DESK)).toBeUndefined();
  });

  it('every refusal tells the user that nothing changed', () => {
    for (const refusal of ['wrong_channel', 'not_an_agent', 'directory_unavailable'] as const) {
      expect(deskRefusalText(refusal, 'Acme')).toMatch(/nothing was changed or sent/);
    }
  });
});

describe('ownership decided on the state being written', () => {
  const base: Conversation = {
    id: 'sms|+15551234567|+15550100000',
    channel: 'sms',
    customerAddress: '+15551234567',
    businessAddress: '+15550100000',
    mode: 'agent',
    caseId: 'case_1',
    owner: { id: 'UANA' },
    version: 3,
    openedAt: '2026-01-01T00:00:00.000Z',
    updatedAt: '2026-01-01T00:00:00.000Z',
  };

  it('the owner may act on their case', () => {
    expect(ownershipRefusal(base, 'case_1', 'UANA')).toBeUndefined();
  });

  it('another agent may not', () => {
    expect(ownershipRefusal(base, 'case_1', 'UBOB')).toBe('not_owner');
  });

  it('a queued case has no owner; only commands that allow the queue may act on it', () => {
    const queued: Conversation = { ...base, mode: 'queued', owner: undefined };
    expect(ownershipRefusal(queued, 'case_1', 'UANA')).toBe('queued');
    expect(ownershipRefusal(queued, 'case_1', 'UBOB', { allowQueued: true })).toBeUndefined();
  });

  it('a closed case (the conversation moved on to the AI or another case) refuses everyone', () => {
    expect(ownershipRefusal({ ...base, caseId: 'case_2' }, 'case_1', 'UANA')).toBe('closed');
    expect(
      ownershipRefusal({ ...base, mode: 'ai', caseId: undefined, owner: undefined }, 'case_1', 'UANA', {
        allowQueued: true,
      }),
    ).toBe('closed');
  });
});
