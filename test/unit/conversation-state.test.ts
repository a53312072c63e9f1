import { describe, expect, it } from 'vitest';
import { claim, escalate, handBack, isOwnedBy, release, resolve } from '#core/conversation-state.ts';
import { IllegalTransitionError } from '../../functions/core/errors.ts';
import type { Conversation, Mode } from '../../functions/core/model.ts';

const now = new Date('2026-01-05T10:00:00Z');
const agent = { id: 'U1', name: 'ana' };

function conversation(mode: Mode, extra: Partial<Conversation> = {}): Conversation {
  return {
    id: 'sms|+15550001111|+15550002222',
    channel: 'sms',
    customerAddress: '+15550001111',
    businessAddress: '+15550002222',
    mode,
    version: 3,
    openedAt: '2026-01-05T09:00:00Z',
    updatedAt: '2026-01-05T09:00:00Z',
    ...extra,
  };
}

describe('conversation state machine', () => {
  it('escalate moves ai to queued under the new case and bumps the version', () => {
    const next = escalate(conversation('ai'), 'case-1', now);
    expect(next).toMatchObject({
      mode: 'queued',
      caseId: 'case-1',
      version: 4,
      updatedAt: now.toISOString(),
    });
  });

  it('claim moves queued to agent with the claiming agent as owner', () => {
    const next = claim(conversation('queued', { caseId: 'case-1' }), agent, now);
    expect(next).toMatchObject({ mode: 'agent', owner: agent, caseId: 'case-1', version: 4 });
    expect(isOwnedBy(next, 'U1')).toBe(true);
    expect(isOwnedBy(next, 'U2')).toBe(false);
  });

  it('release moves agent back to queued and clears the owner', () => {
    const next = release(conversation('agent', { caseId: 'case-1', owner: agent }), now);
    expect(next.mode).toBe('queued');
    expect(next.owner).toBeUndefined();
    expect(next.caseId).toBe('case-1');
  });

  it('hand back moves agent to ai, closes the case and keeps the instruction for the next AI turn', () => {
    const next = handBack(
      conversation('agent', { caseId: 'case-1', owner: agent }),
      now,
      '  offer the 10% code ',
    );
    expect(next).toMatchObject({ mode: 'ai', handbackInstruction: 'offer the 10% code', version: 4 });
    expect(next.caseId).toBeUndefined();
    expect(next.owner).toBeUndefined();
  });

  it.each<Mode>(['ai', 'queued', 'agent'])('resolve from %s lands in ai with no case or owner', (mode) => {
    const next = resolve(conversation(mode, { caseId: 'case-1', owner: agent }), now);
    expect(next).toMatchObject({ mode: 'ai', lastResolvedAt: now.toISOString(), version: 4 });
    expect(next.caseId).toBeUndefined();
    expect(next.owner).toBeUndefined();
  });

  it.each<[string, Mode, (c: Conversation) => Conversation]>([
    ['escalate', 'queued', (c) => escalate(c, 'x', now)],
    ['escalate', 'agent', (c) => escalate(c, 'x', now)],
    ['claim', 'ai', (c) => claim(c, agent, now)],
    ['claim', 'agent', (c) => claim(c, agent, now)],
    ['release', 'ai', (c) => release(c, now)],
    ['release', 'queued', (c) => release(c, now)],
    ['hand back', 'ai', (c) => handBack(c, now)],
    ['hand back', 'queued', (c) => handBack(c, now)],
  ])('%s from %s is refused with IllegalTransitionError', (action, mode, transition) => {
    const before = conversation(mode);
    expect(() => transition(before)).toThrow(IllegalTransitionError);
    expect(() => transition(before)).toThrow(`cannot ${action} a conversation in mode ${mode}`);
    expect(before.version).toBe(3);
  });
});
