import { describe, expect, it } from 'vitest';
import { classifyEscalation, classifyKnowledge, type Observation } from '#local/eval/classify.ts';
import { evalJson, formatChecks, formatEvalText } from '#local/eval/format.ts';
import type { EvalRun } from '#local/eval/run.ts';
import {
  checkTargets,
  type ScoredSet,
  scoreEscalation,
  scoreKnowledge,
  targetsMet,
} from '#local/eval/score.ts';
import type { EscalationCase, KnowledgeCase } from '#local/eval/sets.ts';

function seen(fields: Partial<Observation> = {}): Observation {
  return { escalated: false, inputFlags: [], replyFlags: [], passages: [], reply: '', ms: 10, ...fields };
}

const escalationCases: [EscalationCase, Observation][] = [
  [
    { id: 'e1', lang: 'en', category: 'explicit', text: 'agent please', escalate: true },
    seen({ escalated: true, reason: 'customer_request', card: true }),
  ],
  [{ id: 'e2', lang: 'es', category: 'legal', text: 'voy a demandarlos', escalate: true }, seen()],
  [{ id: 'e3', lang: 'en', category: 'smalltalk', text: 'hi!', escalate: false }, seen({ reply: 'Hi!' })],
  [
    { id: 'e4', lang: 'es', category: 'lookalike', text: 'el agente de aduanas', escalate: false },
    seen({ escalated: true, reason: 'customer_request', card: true }),
  ],
];
const escalationResults = escalationCases.map(([item, observation]) => classifyEscalation(item, observation));
const escalationSet: ScoredSet = {
  kind: 'escalation',
  set: { name: 'escalation.tuning', path: 'test/fixtures/eval/escalation.tuning.json', role: 'tuning' },
  results: escalationResults,
  score: scoreEscalation(escalationResults),
};

const knowledgeCases: [KnowledgeCase, Observation][] = [
  [
    {
      id: 'k1',
      lang: 'en',
      kind: 'answerable',
      text: 'shipping cost?',
      passage: 'shipping#shipping-costs',
      expect: ['6.95'],
    },
    seen({ reply: 'It is $6.95.', passages: ['shipping#shipping-costs'] }),
  ],
  [
    {
      id: 'k2',
      lang: 'en',
      kind: 'answerable',
      text: 'return window?',
      passage: 'returns#return-window',
      expect: ['60 days'],
    },
    seen({ reply: 'You have 30 days.' }),
  ],
  [
    { id: 'k3', lang: 'en', kind: 'unanswerable', text: 'student discount?' },
    seen({ reply: 'Only one discount code can be used per order.' }),
  ],
];
const knowledgeResults = knowledgeCases.map(([item, observation]) =>
  classifyKnowledge(item, observation, []),
);
const knowledgeSet: ScoredSet = {
  kind: 'knowledge',
  set: { name: 'knowledge.tuning', path: 'test/fixtures/eval/knowledge.tuning.json', role: 'tuning' },
  results: knowledgeResults,
  score: scoreKnowledge(knowledgeResults),
};
/** The same cases as a held-out set. */
const heldoutSet: ScoredSet = {
  ...knowledgeSet,
  set: { name: 'knowledge.heldout', path: 'test/fixtures/eval/knowledge.heldout.json', role: 'heldout' },
};

const run: EvalRun = {
  model: 'offline',
  channel: 'sms',
  concurrency: 8,
  cases: 7,
  wallMs: 2100,
  caseMs: { mean: 400, p50: 350, p90: 700, max: 900 },
  sets: [escalationSet, knowledgeSet],
};

describe('the text report', () => {
  const text = formatEvalText(run);

  it('heads with the model, the number of cases and the time per case', () => {
    expect(text).toMatch(/^Tandem eval: model offline, sms, 7 cases in 2\.10 s, 8 at a time\n/);
    expect(text).toContain(
      'mean 400 ms, median 350 ms, p90 700 ms, max 900 ms; 0.30 s of wall time per case',
    );
  });

  it('shows each category with its recall or false-escalation rate, and each language', () => {
    expect(text).toMatch(/explicit\s+1\s+1\s+1\.00\n/);
    expect(text).toMatch(/legal\s+1\s+0\s+0\.00\n/);
    expect(text).toMatch(/lookalike\s+1\s+1\s+1\.00\n/);
    expect(text).toMatch(/es\s+2\s+1\s+0\.00\s+1\.00\n/);
    expect(text).toContain('overall  precision 0.50  recall 0.50  F1 0.50');
    expect(text).toContain('false escalations by reason: customer_request 1');
  });

  it('shows knowledge per kind and language', () => {
    expect(text).toContain('knowledge.tuning  (knowledge, tuning set, 3 cases)');
    expect(text).toMatch(/answerable\s+all\s+2\s+50\.0%\s+50\.0%\s+0\.0%\s+50\.0%\n/);
    expect(text).toMatch(/unanswerable\s+all\s+1\s+—\s+100\.0%\s+0\.0%\n/);
  });

  it('lists misses and false escalations only with --verbose', () => {
    expect(text).not.toContain('voy a demandarlos');
    expect(text).toContain('(--verbose lists the misses and false escalations)');
    const verbose = formatEvalText(run, { verbose: true });
    expect(verbose).toContain('missed (1)\n    e2 (legal, es): voy a demandarlos');
    expect(verbose).toContain(
      'false escalations (1)\n    e4 (lookalike, es) [customer_request]: el agente de aduanas',
    );
    expect(verbose).toContain(
      'answerable, confidently wrong (1)\n    k2 (en): return window?\n        → You have 30 days.',
    );
    expect(verbose).toContain('unanswerable, answered (1)\n    k3 (en): student discount?');
  });

  it('never lists the cases of a held-out set, not even with --verbose', () => {
    const verbose = formatEvalText({ ...run, sets: [heldoutSet] }, { verbose: true });
    expect(verbose).toContain(
      'knowledge.heldout  (knowledge, held-out set: reported, never tuned on; its targets do not fail the run, 3 cases)',
    );
    expect(verbose).toMatch(/answerable\s+all\s+2\s+50\.0%/);
    expect(verbose).toContain('(held-out set: its cases are never listed, so that no one tunes on them)');
    expect(verbose).not.toMatch(/k2|k3|return window|student discount|30 days/);
  });
});

describe('the check verdict', () => {
  it('lists each target with its value and says how many were met', () => {
    const lines = formatChecks(checkTargets(escalationSet));
    expect(lines[0]).toMatch(/^Targets: \d+ of \d+ met$/);
    expect(lines).toContain('  ✗ escalation.tuning: recall 0.50 (target >= 0.90)');
    expect(lines).toContain('  ✗ escalation.tuning: legal misses 1 (target <= 0)');
    expect(lines).toContain('  ✓ escalation.tuning: smalltalk false escalation (en) 0.00 (target <= 0.15)');
    expect(formatChecks([])).toEqual(['Targets: nothing to check.']);
  });
  it("shows a held-out set's targets without counting them, and they never fail the run", () => {
    const heldout = checkTargets(heldoutSet);
    expect(heldout.every((c) => c.informational)).toBe(true);
    expect(heldout.some((c) => !c.ok)).toBe(true);
    expect(targetsMet(heldout)).toBe(true);
    expect(targetsMet([...heldout, ...checkTargets(escalationSet)])).toBe(false);
    const lines = formatChecks([...checkTargets(escalationSet), ...heldout]);
    expect(lines[0]).toMatch(/^Targets: \d+ of 6 met \(held-out sets: shown, not counted\)$/);
    expect(lines).toContain('  ✗ knowledge.heldout: answerable right 0.50 (target >= 0.85) [held-out]');
  });
});

describe('the JSON report', () => {
  it('holds the figures, the cases that went wrong, and the checks', () => {
    const checks = checkTargets(escalationSet);
    const json = JSON.parse(JSON.stringify(evalJson(run, checks))) as {
      sets: Record<string, unknown>[];
      ok: boolean;
      checks: unknown[];
    };
    expect(json.ok).toBe(false);
    expect(json.checks).toHaveLength(checks.length);
    expect(json.sets[0]).toMatchObject({
      name: 'escalation.tuning',
      kind: 'escalation',
      cases: 4,
      score: { overall: { recall: 0.5, precision: 0.5 } },
      misses: [{ id: 'e2', category: 'legal', lang: 'es', text: 'voy a demandarlos' }],
      falseEscalations: [{ id: 'e4', reason: 'customer_request' }],
    });
    expect(json.sets[1]).toMatchObject({
      role: 'tuning',
      confidentlyWrong: [{ id: 'k2', reply: 'You have 30 days.' }],
      unanswerableAnswered: [{ id: 'k3' }],
    });
  });

  it("holds a held-out set's figures but none of its cases", () => {
    const json = JSON.stringify(evalJson({ ...run, sets: [heldoutSet] }));
    expect(JSON.parse(json).sets[0]).toMatchObject({
      role: 'heldout',
      casesListed: false,
      score: { byKind: {} },
    });
    expect(json).not.toMatch(/k2|k3|return window|student discount|30 days/);
  });
});
