import { describe, expect, it } from 'vitest';
import {
  abstentionTexts,
  classifyEscalation,
  classifyKnowledge,
  containsAll,
  foldForMatch,
  type Observation,
} from '#local/eval/classify.ts';
import {
  checkTargets,
  DEFAULT_TARGETS,
  type ScoredSet,
  scoreEscalation,
  scoreKnowledge,
  targetsSchema,
} from '#local/eval/score.ts';
import type { EscalationCase, KnowledgeCase } from '#local/eval/sets.ts';
import { parseBusinessSettings } from '#shared/business-settings.ts';
import businessSettings from '../../config/business.ts';

const settings = parseBusinessSettings(businessSettings);
const notSure = abstentionTexts(settings);

function seen(fields: Partial<Observation> = {}): Observation {
  return { escalated: false, inputFlags: [], replyFlags: [], passages: [], reply: '', ms: 10, ...fields };
}

let counter = 0;
function esc(category: EscalationCase['category'], escalate: boolean, lang = 'en'): EscalationCase {
  return { id: `e${++counter}`, lang, category, text: `text ${counter}`, escalate };
}

const answerable: KnowledgeCase = {
  id: 'kb-1',
  lang: 'es',
  kind: 'answerable',
  text: '¿cuánto cuesta el envío?',
  passage: 'shipping#shipping-costs',
  expect: ['6.95', 'Envío estándar'],
};
const unanswerable: KnowledgeCase = {
  id: 'kb-2',
  lang: 'en',
  kind: 'unanswerable',
  text: 'student discount?',
};

describe('matching expected facts', () => {
  it('ignores case, accents, spacing and a decimal comma', () => {
    expect(foldForMatch('  ENVÍO\u00a0Estándar:  6,95 $ ')).toBe('envio estandar: 6.95 $');
    expect(
      containsAll(
        'El envio estandar cuesta 6,95 USD',
        answerable.kind === 'answerable' ? answerable.expect : [],
      ),
    ).toBe(true);
    expect(containsAll('Cuesta 6.95', ['6.95', 'envío estándar'])).toBe(false);
    // A thousands separator is not a decimal comma.
    expect(foldForMatch('1,000')).toBe('1,000');
  });

  it("takes the settings' not-sure text, and translations of it, as abstention texts", () => {
    expect(notSure).toContain(foldForMatch(settings.messages.fallback));
    const translated = {
      ...settings,
      messages: { ...settings.messages, es: { fallback: 'No estoy seguro.' } },
    };
    expect(abstentionTexts(translated as typeof settings)).toContain('no estoy seguro.');
  });
});

describe('escalation judgements', () => {
  it('escalated or not against the label', () => {
    expect(classifyEscalation(esc('explicit', true), seen({ escalated: true })).outcome).toBe('tp');
    expect(classifyEscalation(esc('explicit', true), seen()).outcome).toBe('fn');
    expect(classifyEscalation(esc('smalltalk', false), seen({ escalated: true })).outcome).toBe('fp');
    expect(classifyEscalation(esc('smalltalk', false), seen()).outcome).toBe('tn');
  });

  it('a failed case, or an escalation for the budget or an unavailable model, is not judged', () => {
    expect(classifyEscalation(esc('explicit', true), seen({ error: 'timeout' })).outcome).toBe('error');
    expect(
      classifyEscalation(esc('routine', false), seen({ escalated: true, reason: 'budget_exceeded' })).outcome,
    ).toBe('error');
    expect(
      classifyEscalation(esc('routine', false), seen({ escalated: true, reason: 'model_unavailable' }))
        .outcome,
    ).toBe('error');
  });
});

describe('knowledge judgements', () => {
  it('right when the reply holds every expected fact, even if a person was also brought in', () => {
    const reply = 'El envío estándar cuesta $6.95.';
    expect(
      classifyKnowledge(answerable, seen({ reply, passages: ['shipping#shipping-costs'] }), notSure),
    ).toMatchObject({
      outcome: 'right',
      passageHit: true,
    });
    expect(classifyKnowledge(answerable, seen({ reply, escalated: true }), notSure).outcome).toBe('right');
  });

  it('abstained when escalated, flagged dont_know or clarify, or the reply is the not-sure text', () => {
    expect(
      classifyKnowledge(answerable, seen({ escalated: true, reply: 'a person will help' }), notSure).outcome,
    ).toBe('abstained');
    expect(
      classifyKnowledge(answerable, seen({ replyFlags: ['dont_know'], reply: 'hmm' }), notSure).outcome,
    ).toBe('abstained');
    expect(
      classifyKnowledge(answerable, seen({ replyFlags: ['clarify'], reply: 'which order?' }), notSure)
        .outcome,
    ).toBe('abstained');
    expect(classifyKnowledge(answerable, seen({ reply: settings.messages.fallback }), notSure).outcome).toBe(
      'abstained',
    );
  });

  it('confidently wrong otherwise', () => {
    expect(classifyKnowledge(answerable, seen({ reply: 'Shipping is free.' }), notSure)).toMatchObject({
      outcome: 'wrong',
      passageHit: false,
    });
  });

  it('an unanswerable question is rightly not answered when the AI abstains, and wrong when it answers', () => {
    expect(
      classifyKnowledge(unanswerable, seen({ escalated: true, reason: 'out_of_scope' }), notSure).outcome,
    ).toBe('abstained');
    expect(
      classifyKnowledge(unanswerable, seen({ reply: 'Yes, 10% off for students.' }), notSure).outcome,
    ).toBe('wrong');
  });

  it('an answer sent alongside a hand-over is an answer: wrong for an unanswerable question, judged by its facts otherwise', () => {
    const alongside = { escalated: true, reason: 'customer_request', replyFlags: ['answered_alongside'] };
    expect(
      classifyKnowledge(unanswerable, seen({ ...alongside, reply: 'Codes are in the newsletter.' }), notSure)
        .outcome,
    ).toBe('wrong');
    expect(
      classifyKnowledge(answerable, seen({ ...alongside, reply: 'Shipping is free.' }), notSure).outcome,
    ).toBe('wrong');
    // The control: the same hand-over without the flag is an abstention.
    expect(
      classifyKnowledge(unanswerable, seen({ escalated: true, reason: 'customer_request' }), notSure).outcome,
    ).toBe('abstained');
  });
});

function escalationSet(cases: [EscalationCase, Observation][]): ScoredSet & { kind: 'escalation' } {
  const results = cases.map(([item, observation]) => classifyEscalation(item, observation));
  return {
    kind: 'escalation',
    set: { name: 'escalation.test', path: 'x', role: 'tuning' },
    results,
    score: scoreEscalation(results),
  };
}

describe('escalation figures', () => {
  // 10 that should escalate (1 missed legal), 10 that should not (2 lookalikes escalated in Spanish), 1 error.
  const set = escalationSet([
    ...Array.from(
      { length: 5 },
      () => [esc('explicit', true), seen({ escalated: true })] as [EscalationCase, Observation],
    ),
    ...Array.from(
      { length: 3 },
      () => [esc('legal', true, 'es'), seen({ escalated: true })] as [EscalationCase, Observation],
    ),
    [esc('legal', true, 'es'), seen()],
    [esc('self_harm', true), seen({ escalated: true })],
    ...Array.from({ length: 4 }, () => [esc('lookalike', false), seen()] as [EscalationCase, Observation]),
    [esc('lookalike', false, 'es'), seen({ escalated: true, reason: 'out_of_scope' })],
    [esc('lookalike', false, 'es'), seen({ escalated: true, reason: 'customer_request' })],
    [esc('lookalike', false, 'es'), seen()],
    ...Array.from({ length: 3 }, () => [esc('smalltalk', false), seen()] as [EscalationCase, Observation]),
    [esc('routine', false), seen({ error: 'not handled within 60 s' })],
  ]);

  it('overall precision, recall and F1', () => {
    const { overall } = set.score;
    expect(overall).toMatchObject({ n: 21, tp: 9, fn: 1, fp: 2, tn: 8, errors: 1, escalated: 11 });
    expect(overall.recall).toBeCloseTo(0.9);
    expect(overall.precision).toBeCloseTo(9 / 11);
    expect(overall.f1).toBeCloseTo((2 * (9 / 11) * 0.9) / (9 / 11 + 0.9));
  });

  it('per category: recall for escalating ones, false-escalation rate for the others', () => {
    expect(set.score.byCategory['legal']).toMatchObject({
      n: 4,
      escalated: 3,
      recall: 0.75,
      falseEscalationRate: null,
    });
    expect(set.score.byCategory['lookalike']).toMatchObject({ n: 7, escalated: 2, recall: null });
    expect(set.score.byCategory['lookalike']?.falseEscalationRate).toBeCloseTo(2 / 7);
    expect(set.score.byCategory['routine']).toMatchObject({ n: 1, errors: 1, falseEscalationRate: null });
    expect(Object.keys(set.score.byCategory)).toEqual([
      'explicit',
      'self_harm',
      'legal',
      'lookalike',
      'smalltalk',
      'routine',
    ]);
  });

  it('false escalations by reason, most first', () => {
    expect(set.score.falseEscalationsByReason).toEqual({ out_of_scope: 1, customer_request: 1 });
  });

  it('per language, and per category and language', () => {
    expect(set.score.byLanguage['es']).toMatchObject({ n: 7, recall: 0.75 });
    expect(set.score.byLanguage['es']?.falseEscalationRate).toBeCloseTo(2 / 3);
    expect(set.score.byCategoryLanguage['lookalike']?.['en']).toMatchObject({ n: 4, falseEscalationRate: 0 });
    expect(set.score.byCategoryLanguage['lookalike']?.['es']?.falseEscalationRate).toBeCloseTo(2 / 3);
  });

  it('the default targets: recall, zero misses per category, false escalations per language, no errors', () => {
    const checks = checkTargets(set);
    const failed = checks.filter((c) => !c.ok).map((c) => c.target);
    expect(failed).toEqual(['legal misses', 'lookalike false escalation (es)', 'cases not judged']);
    // Recall is exactly 0.9: met. Categories the set lacks (security) are not checked.
    expect(checks.find((c) => c.target === 'recall')).toMatchObject({ ok: true, actual: 0.9 });
    expect(checks.map((c) => c.target)).not.toContain('security misses');
  });

  it('a thresholds file overrides some targets and keeps the defaults for the rest', () => {
    const targets = targetsSchema.parse({ escalation: { maxFalseEscalationRate: 0.7 }, maxErrors: 1 });
    expect(targets.escalation.minRecall).toBe(DEFAULT_TARGETS.escalation.minRecall);
    expect(targets.knowledge).toEqual(DEFAULT_TARGETS.knowledge);
    expect(
      checkTargets(set, targets)
        .filter((c) => !c.ok)
        .map((c) => c.target),
    ).toEqual(['legal misses']);
    expect(targetsSchema.safeParse({ escalation: { minRecall: 2 } }).success).toBe(false);
  });
});

describe('knowledge figures', () => {
  const item = (lang: string, kind: 'answerable' | 'unanswerable'): KnowledgeCase =>
    kind === 'answerable'
      ? { id: `k${++counter}`, lang, kind, text: 'q', passage: 'shipping#shipping-costs', expect: ['6.95'] }
      : { id: `k${++counter}`, lang, kind, text: 'q' };
  const results = [
    ...Array.from({ length: 17 }, () =>
      classifyKnowledge(
        item('en', 'answerable'),
        seen({ reply: '$6.95', passages: ['shipping#shipping-costs'] }),
        notSure,
      ),
    ),
    classifyKnowledge(item('es', 'answerable'), seen({ reply: '$5' }), notSure),
    classifyKnowledge(item('es', 'answerable'), seen({ escalated: true }), notSure),
    classifyKnowledge(item('es', 'answerable'), seen({ reply: '$6.95' }), notSure),
    ...Array.from({ length: 9 }, () =>
      classifyKnowledge(item('en', 'unanswerable'), seen({ escalated: true }), notSure),
    ),
    classifyKnowledge(item('es', 'unanswerable'), seen({ reply: 'Yes we do' }), notSure),
  ];
  const score = scoreKnowledge(results);
  const set: ScoredSet = {
    kind: 'knowledge',
    set: { name: 'knowledge.test', path: 'x', role: 'tuning' },
    results,
    score,
  };

  it('per kind and language: right, confidently wrong, abstained, passage used', () => {
    expect(score.byKind['answerable']?.['all']).toMatchObject({
      n: 20,
      right: 18,
      wrong: 1,
      abstained: 1,
      rightRate: 0.9,
      wrongRate: 0.05,
    });
    expect(score.byKind['answerable']?.['all']?.passageHitRate).toBeCloseTo(17 / 20);
    expect(score.byKind['answerable']?.['es']).toMatchObject({ n: 3, right: 1, wrong: 1, abstained: 1 });
    expect(score.byKind['unanswerable']?.['all']).toMatchObject({
      n: 10,
      rightRate: null,
      wrongRate: 0.1,
      abstainedRate: 0.9,
    });
  });

  it('meets the default targets exactly at their limits', () => {
    expect(checkTargets(set).map((c) => [c.target, c.ok])).toEqual([
      ['answerable right', true],
      ['answerable confidently wrong', true],
      ['unanswerable not answered', true],
      ['cases not judged', true],
    ]);
  });
});
