/**
 * The embedded offline model on the knowledge tuning set (`test/fixtures/eval/knowledge.tuning.json`),
 * through the input guardrails and the responder as a new customer would meet it. The thresholds are
 * the targets of issue 12; the held-out set is measured elsewhere and never read here. Each set is scored
 * with example phrasings built from the other sets only (`knowledge/examples.json` holds its own
 * questions, which would be answered from memory): the figures are those of wording the examples lack.
 */
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadKnowledge } from '#adapters/knowledge-loader.ts';
import { OfflineModel } from '#adapters/offline-model.ts';
import { parseBusinessSettings } from '#shared/business-settings.ts';
import sample from '../../config/business.ts';
import { buildExamples } from '../../local/knowledge-examples.ts';
import {
  formatTally,
  loadKnowledgeCases,
  percent,
  runKnowledgeEval,
  type Tally,
  tally,
} from '../helpers/knowledge-eval.ts';

const settings = parseBusinessSettings(sample);
const dir = fileURLToPath(new URL('../../knowledge', import.meta.url));
/** The knowledge base with examples from every development set but `name`, and its offline model. */
function leavingOut(name: string) {
  const knowledge = loadKnowledge(dir).withExamples(buildExamples(dir, { leaveOut: [`knowledge.${name}`] }));
  return { knowledge, model: new OfflineModel(knowledge, { brand: settings.brand }), settings };
}
const knowledge = loadKnowledge(dir);
const cases = loadKnowledgeCases(new URL('../fixtures/eval/knowledge.tuning.json', import.meta.url));

describe('the knowledge tuning set', () => {
  it('has answerable and unanswerable cases in English and Spanish, each answerable one naming a passage that exists', () => {
    const answerable = cases.filter((c) => c.kind === 'answerable');
    expect(answerable.length).toBeGreaterThanOrEqual(80);
    expect(cases.filter((c) => c.kind === 'unanswerable').length).toBeGreaterThanOrEqual(30);
    expect(new Set(cases.map((c) => c.lang))).toEqual(new Set(['en', 'es']));
    expect(new Set(cases.map((c) => c.id)).size).toBe(cases.length);
    for (const item of answerable) {
      const passage = knowledge.get(item.passage ?? '');
      expect(passage, item.id).toBeDefined();
      expect(item.expect?.length, item.id).toBeGreaterThan(0);
    }
  });
});

describe('the offline model on the knowledge tuning set', () => {
  it('answers at least 85% of answerable questions right, at most 5% confidently wrong, and keeps at least 90% of unanswerable ones out of the knowledge base', async () => {
    const results = await runKnowledgeEval(leavingOut('tuning'), cases);
    const groups = tally(results);
    // Printed so a failing run shows where it stands.
    console.info(`knowledge tuning set, offline model\n${formatTally(groups)}`);
    const answerable = groups.answerable as Tally;
    const unanswerable = groups.unanswerable as Tally;
    expect(percent(answerable.right, answerable.total)).toBeGreaterThanOrEqual(85);
    expect(percent(answerable.wrong, answerable.total)).toBeLessThanOrEqual(5);
    expect(percent(unanswerable.abstained, unanswerable.total)).toBeGreaterThanOrEqual(90);
    // Each language on its own, so one cannot carry the other.
    for (const lang of ['en', 'es']) {
      const group = groups[`answerable/${lang}`] as Tally;
      expect(percent(group.right, group.total), lang).toBeGreaterThanOrEqual(85);
      expect(percent(group.wrong, group.total), lang).toBeLessThanOrEqual(5);
    }
  });
});

/**
 * The fresh sets were written without looking at the code, as customers write (`knowledge.fresh.json`
 * before any tuning, `knowledge.fresh2.json` before round 2, `knowledge.fresh3.json` before round 3,
 * `knowledge.fresh4.json` before round 4; see `knowledge-rounds.md`). The safety targets are enforced.
 * After round 4 each gets at least 85% right (about 90%, 96%, 92% and 86%); the floors sit a little
 * under that, so a regression shows and a new escalation trigger upstream (which turns an answer into
 * a hand-over) does not break the build by one case.
 */
describe.each([
  ['fresh', 85],
  ['fresh2', 88],
  ['fresh3', 85],
  ['fresh4', 82],
])('the offline model on the knowledge %s set', (name, floor) => {
  const fresh = loadKnowledgeCases(new URL(`../fixtures/eval/knowledge.${name}.json`, import.meta.url));
  const run = async () => tally(await runKnowledgeEval(leavingOut(name), fresh));

  it('answers at most 5% of answerable questions confidently wrong and keeps at least 90% of unanswerable ones out of the knowledge base', async () => {
    const groups = await run();
    console.info(`knowledge ${name} set, offline model\n${formatTally(groups)}`);
    const answerable = groups.answerable as Tally;
    const unanswerable = groups.unanswerable as Tally;
    expect(percent(answerable.wrong, answerable.total)).toBeLessThanOrEqual(5);
    expect(percent(unanswerable.abstained, unanswerable.total)).toBeGreaterThanOrEqual(90);
  });

  it(`answers at least ${floor}% of answerable questions right`, async () => {
    const answerable = (await run()).answerable as Tally;
    expect(percent(answerable.right, answerable.total)).toBeGreaterThanOrEqual(floor);
  });
});
