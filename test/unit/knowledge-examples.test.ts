/**
 * Example phrasings per passage (`knowledge/examples.json`): the committed file is what
 * `npm run knowledge -- examples` builds from the development sets, never from a held-out or never-tuned
 * set; a question near a passage's examples is answered from it where the rules alone were not sure,
 * and one near the unanswerable examples is not.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { EXAMPLES_FILE, loadKnowledge } from '#adapters/knowledge-loader.ts';
import { KnowledgeAnswerer } from '#core/knowledge-answer.ts';
import { type ExampleFile, ExampleMatcher, parseExampleFile } from '#core/knowledge-examples.ts';
import { parseBusinessSettings } from '#shared/business-settings.ts';
import sample from '../../config/business.ts';
import { runKnowledgeCli } from '../../local/knowledge-cli.ts';
import { buildExamples, EXAMPLE_SETS, formatExamples } from '../../local/knowledge-examples.ts';

const dir = fileURLToPath(new URL('../../knowledge', import.meta.url));
const knowledge = loadKnowledge(dir, { examples: false });
const ids = new Set(knowledge.passages.map((p) => p.id));

const file = (passages: ExampleFile['passages'], unanswerable: string[] = []): ExampleFile => ({
  source: 'test',
  passages,
  unanswerable,
});

describe('the sample business examples.json', () => {
  it('is exactly what npm run knowledge -- examples builds from the development sets', () => {
    const committed = readFileSync(`${dir}/${EXAMPLES_FILE}`, 'utf8');
    expect(committed).toBe(formatExamples(buildExamples(dir)));
    const parsed = parseExampleFile(JSON.parse(committed));
    expect(Object.keys(parsed.passages).every((id) => ids.has(id))).toBe(true);
    expect(parsed.unanswerable.length).toBeGreaterThan(100);
  });

  it('is never built from a held-out or never-tuned set, and a set can be left out', () => {
    for (const name of EXAMPLE_SETS) expect(name).not.toMatch(/heldout|fresh5|fresh6/);
    expect(() => buildExamples(dir, { leaveOut: ['knowledge.heldout'] })).toThrow(/unknown set/);
    const all = buildExamples(dir);
    const without = buildExamples(dir, { leaveOut: ['knowledge.fresh2'] });
    const count = (f: ExampleFile) => Object.values(f.passages).flat().length;
    expect(count(without)).toBeLessThan(count(all));
    expect(without.source).not.toContain('fresh2');
  });

  it('is written by npm run knowledge -- examples, a set left out on request, a held-out set refused', async () => {
    const out = mkdtempSync(join(tmpdir(), 'tandem-examples-'));
    const said: string[] = [];
    const io = { stdout: (text: string) => said.push(text), stderr: (text: string) => said.push(text) };
    const settings = parseBusinessSettings(sample);
    expect(
      await runKnowledgeCli(['examples', '--out', out, '--leave-out', 'knowledge.fresh4'], settings, io),
    ).toBe(0);
    expect(readFileSync(join(out, EXAMPLES_FILE), 'utf8')).toBe(
      formatExamples(buildExamples(dir, { leaveOut: ['knowledge.fresh4'] })),
    );
    expect(said.join('')).toContain('examples.json rebuilt');
    expect(
      await runKnowledgeCli(['examples', '--out', out, '--leave-out', 'knowledge.fresh5'], settings, io),
    ).toBe(1);
    expect(said.join('')).toContain('unknown set "knowledge.fresh5"');
  });

  it('rejects a file of the wrong shape', () => {
    expect(() => parseExampleFile({ source: 'x', passages: { a: [1] }, unanswerable: [] })).toThrow(
      /examples.json/,
    );
    expect(() => parseExampleFile({ source: 'x', passages: {} })).toThrow(/examples.json/);
  });
});

describe('matching a question against example phrasings', () => {
  const matcher = new ExampleMatcher(
    file(
      {
        'shipping#shipping-costs': ['how much is postage', '¿cuánto cuesta el envío?'],
        'returns#return-window': ['how long do i have to send something back'],
        'gone#passage': ['how much is postage to mars'],
      },
      ['do you offer a student discount'],
    ),
    ids,
  );

  it('votes for the passage whose examples are nearest, through misspellings and accents', () => {
    expect(matcher.match('how much is the postage?')?.passage).toBe('shipping#shipping-costs');
    expect(matcher.match('cuanto cuesta el envio')?.passage).toBe('shipping#shipping-costs');
    expect(matcher.match('how lonng do I have to send it back')?.passage).toBe('returns#return-window');
  });

  it('votes for no passage when the unanswerable examples are nearest', () => {
    expect(matcher.match('any student discounts?')?.passage).toBeNull();
  });

  it('skips examples of a passage the knowledge base no longer has', () => {
    expect(matcher.size).toBe(4);
  });
});

describe('the answerer with example phrasings', () => {
  // The rules alone ask which return passage is meant; the examples say which.
  const question = 'How long do club members have to send things back?';
  const example = 'how long do trail club members get to send stuff back';

  it('answers from the passage the examples vote for where the rules alone were unsure or unclear', () => {
    expect(new KnowledgeAnswerer(knowledge).answer(question).kind).not.toBe('answer');
    const taught = knowledge.withExamples(file({ 'returns#return-window': [example] }));
    const decision = new KnowledgeAnswerer(taught).answer(question);
    expect(decision.kind).toBe('answer');
    expect(decision.kind === 'answer' && decision.passage.id).toBe('returns#return-window');
  });

  it('lowers the coverage bar in proportion: a bar out of reach stays out of reach', () => {
    const taught = knowledge.withExamples(file({ 'returns#return-window': [example] }));
    expect(new KnowledgeAnswerer(taught, { minCoverage: 1.8 }).answer(question).kind).not.toBe('answer');
  });

  it('does not answer when the nearest examples are unanswerable ones', () => {
    const taught = knowledge.withExamples(
      file({ 'returns#return-window': ['can i return socks'] }, [example]),
    );
    expect(new KnowledgeAnswerer(taught).answer(question).kind).not.toBe('answer');
  });

  it('keeps the guards: a passage without a sentence of the answer type asked is not quoted', () => {
    // "How much" asks a price; the warranty passage gives none, however close the example.
    const asked = 'how much is the lifetime warranty';
    const taught = knowledge.withExamples(file({ 'returns#lifetime-warranty': [asked] }));
    expect(new KnowledgeAnswerer(taught).exampleEvidence(asked)?.passage).toBe('returns#lifetime-warranty');
    expect(new KnowledgeAnswerer(taught).answer(asked).kind).toBe('unsure');
  });
});
