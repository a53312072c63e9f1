import { describe, expect, it } from 'vitest';
import { type AgentLoad, chooseAgent, isAvailable, openCasesByAgent } from '#core/assignment.ts';
import type { Case } from '#core/model.ts';

const agent = (agentId: string, openCases: number, extra: Partial<AgentLoad> = {}): AgentLoad => ({
  agentId,
  openCases,
  active: true,
  away: false,
  ...extra,
});

describe('chooseAgent: the available agent with the fewest open cases, below capacity', () => {
  const cases: [string, AgentLoad[], { tried?: string[]; current?: string }, string | undefined][] = [
    ['fewest open cases wins', [agent('UA', 2), agent('UB', 0), agent('UC', 1)], {}, 'UB'],
    [
      'ties go to the lowest id (a deterministic spread)',
      [agent('UC', 1), agent('UA', 1), agent('UB', 1)],
      {},
      'UA',
    ],
    ['at capacity gets no more', [agent('UA', 3), agent('UB', 3)], {}, undefined],
    ['presence away is not available', [agent('UA', 0, { active: false }), agent('UB', 2)], {}, 'UB'],
    ['set away on the App Home is not available', [agent('UA', 0, { away: true }), agent('UB', 2)], {}, 'UB'],
    ['the current assignee is never chosen again', [agent('UA', 0), agent('UB', 1)], { current: 'UA' }, 'UB'],
    ['agents tried before come after the others', [agent('UA', 0), agent('UB', 2)], { tried: ['UA'] }, 'UB'],
    [
      '…but are asked again when no one else is available',
      [agent('UA', 0), agent('UB', 3)],
      { tried: ['UA'], current: 'UB' },
      'UA',
    ],
    ['nobody in the group', [], {}, undefined],
  ];
  it.each(cases)('%s', (_, agents, options, expected) => {
    expect(chooseAgent(agents, 3, options)).toBe(expected);
  });

  it('isAvailable needs presence, no away flag and room under capacity', () => {
    expect(isAvailable(agent('UA', 1), 2)).toBe(true);
    expect(isAvailable(agent('UA', 2), 2)).toBe(false);
  });

  it('six cases over three agents with capacity 2 go two each, then nobody', () => {
    const loads = new Map([
      ['UA', 0],
      ['UB', 0],
      ['UC', 0],
    ]);
    const chosen: (string | undefined)[] = [];
    for (let i = 0; i < 7; i++) {
      const next = chooseAgent(
        [...loads].map(([id, open]) => agent(id, open)),
        2,
      );
      chosen.push(next);
      if (next) loads.set(next, (loads.get(next) ?? 0) + 1);
    }
    expect(chosen).toEqual(['UA', 'UB', 'UC', 'UA', 'UB', 'UC', undefined]);
  });
});

describe('openCasesByAgent', () => {
  const kase = (status: Case['status'], owner?: string, assignedTo?: string) =>
    ({
      status,
      ...(owner ? { owner: { id: owner } } : {}),
      ...(assignedTo ? { assignedTo: { id: assignedTo } } : {}),
    }) as Case;
  it('counts claimed cases for their owner and unclaimed assigned ones for the assignee', () => {
    const loads = openCasesByAgent([
      kase('claimed', 'UA', 'UB'), // claimed by UA after being assigned to UB: UA's
      kase('queued', undefined, 'UB'),
      kase('queued'),
      kase('resolved', 'UA'),
      kase('claimed', 'UA'),
    ]);
    expect(Object.fromEntries(loads)).toEqual({ UA: 2, UB: 1 });
  });
});
