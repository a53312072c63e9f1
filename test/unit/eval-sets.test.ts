import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadKnowledge } from '#adapters/knowledge-loader.ts';
import {
  defaultSetPaths,
  EVAL_DIR,
  escalationCaseSchema,
  kindOf,
  knowledgeCaseSchema,
  loadSet,
  parseSetText,
  resolveSetPath,
  roleOf,
  SetError,
  unknownPassages,
  validateCases,
} from '#local/eval/sets.ts';

const dir = mkdtempSync(join(tmpdir(), 'tandem-eval-sets-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function write(name: string, content: unknown): string {
  const path = join(dir, name);
  writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content));
  return path;
}

const escalation = { id: 'esc-1', lang: 'en', category: 'explicit', text: 'get me a human', escalate: true };
const answerable = {
  id: 'kb-1',
  lang: 'es',
  kind: 'answerable',
  text: '¿cuánto cuesta el envío?',
  passage: 'shipping#shipping-costs',
  expect: ['6.95'],
};
const unanswerable = { id: 'kb-2', lang: 'en', kind: 'unanswerable', text: 'student discount?' };

describe('the set format', () => {
  it('accepts the README examples', () => {
    expect(escalationCaseSchema.safeParse(escalation).success).toBe(true);
    expect(knowledgeCaseSchema.safeParse(answerable).success).toBe(true);
    expect(knowledgeCaseSchema.safeParse(unanswerable).success).toBe(true);
  });

  it.each([
    ['an escalating category labelled escalate: false', { ...escalation, escalate: false }],
    ['a staying category labelled escalate: true', { ...escalation, category: 'lookalike' }],
    ['an unknown category', { ...escalation, category: 'angry' }],
    ['a language that is not an ISO 639-1 code', { ...escalation, lang: 'english' }],
    ['blank text', { ...escalation, text: '   ' }],
    ['text longer than the pipeline reads', { ...escalation, text: 'a'.repeat(2001) }],
    ['an id with spaces', { ...escalation, id: 'esc 1' }],
  ])('refuses %s', (_name, item) => {
    expect(escalationCaseSchema.safeParse(item).success).toBe(false);
  });

  it('`other` (feedback exports) may carry either label', () => {
    expect(escalationCaseSchema.safeParse({ ...escalation, category: 'other' }).success).toBe(true);
    expect(
      escalationCaseSchema.safeParse({ ...escalation, category: 'other', escalate: false }).success,
    ).toBe(true);
  });

  it.each([
    ['without expect', { ...answerable, expect: undefined }],
    ['with an empty expect', { ...answerable, expect: [] }],
    ['with a blank expected string', { ...answerable, expect: [' '] }],
    ['with a passage id that is not <stem>#<slug>', { ...answerable, passage: 'Shipping Costs' }],
    ['of an unknown kind', { ...answerable, kind: 'partial' }],
  ])('refuses a knowledge case %s', (_name, item) => {
    expect(knowledgeCaseSchema.safeParse(item).success).toBe(false);
  });
});

describe('set files', () => {
  it('reads an array, an object with cases, and JSON Lines', () => {
    expect(parseSetText(JSON.stringify([escalation]))).toEqual([escalation]);
    expect(parseSetText(JSON.stringify({ $comment: 'x', cases: [escalation] }))).toEqual([escalation]);
    expect(
      parseSetText(`${JSON.stringify(escalation)}\n\n${JSON.stringify({ ...escalation, id: 'esc-2' })}\n`),
    ).toHaveLength(2);
    expect(() => parseSetText('{"rows": []}')).toThrow(SetError);
    expect(() => parseSetText('not json')).toThrow(/not JSON/);
  });

  it('lists every bad case and duplicate id, naming the case', () => {
    const raw = [escalation, { ...escalation, escalate: 'yes' }, escalation];
    expect(() => validateCases(raw, 'escalation', 'x.json')).toThrow(
      /x\.json: 2 problem\(s\)[\s\S]*case 2 \(esc-1\): escalate[\s\S]*case 3 \(esc-1\): duplicate id/,
    );
  });

  it('takes the kind from the file name, else from the cases', () => {
    expect(kindOf('escalation.tuning', [])).toBe('escalation');
    expect(kindOf('feedback', [])).toBe('escalation');
    expect(kindOf('knowledge.heldout', [])).toBe('knowledge');
    expect(kindOf('mine', [answerable])).toBe('knowledge');
    expect(kindOf('mine', [escalation])).toBe('escalation');
    expect(() => kindOf('mine', [])).toThrow(SetError);
  });

  it('takes the role from the file name', () => {
    expect(roleOf('escalation.tuning')).toBe('tuning');
    expect(roleOf('knowledge.heldout')).toBe('heldout');
    expect(roleOf('feedback')).toBe('feedback');
    expect(roleOf('escalation.sample')).toBe('other');
  });

  it('loads a file with its name, role and kind', () => {
    const path = write('knowledge.tuning.json', [answerable, unanswerable]);
    const set = loadSet(path);
    expect(set).toMatchObject({ name: 'knowledge.tuning', role: 'tuning', kind: 'knowledge', path });
    expect(set.cases).toHaveLength(2);
  });

  it('finds the tuning and held-out sets, escalation first and tuning before held-out', () => {
    const sets = mkdtempSync(join(dir, 'sets-'));
    for (const name of [
      'knowledge.heldout.json',
      'escalation.heldout.json',
      'knowledge.tuning.json',
      'escalation.tuning.json',
      'feedback.json',
      'notes.json',
    ]) {
      writeFileSync(join(sets, name), '[]');
    }
    expect(defaultSetPaths(sets).map((path) => path.slice(sets.length + 1))).toEqual([
      'escalation.tuning.json',
      'escalation.heldout.json',
      'knowledge.tuning.json',
      'knowledge.heldout.json',
    ]);
    expect(defaultSetPaths(join(dir, 'missing'))).toEqual([]);
  });

  it('resolves --set as a path or a name under the eval directory', () => {
    expect(resolveSetPath('samples/escalation.sample')).toBe(
      join(EVAL_DIR, 'samples', 'escalation.sample.json'),
    );
    const path = write('mine.json', [escalation]);
    expect(resolveSetPath(path)).toBe(path);
    expect(() => resolveSetPath('nothing.here')).toThrow(/no set "nothing.here"/);
  });
});

describe('the sample sets', () => {
  const knowledge = loadKnowledge(join(import.meta.dirname, '..', '..', 'knowledge'));
  const passages = new Set(knowledge.passages.map((passage) => passage.id));

  it.each(['samples/escalation.sample', 'samples/knowledge.sample'])(
    '%s is valid and its passages exist',
    (name) => {
      const set = loadSet(resolveSetPath(name));
      expect(set.cases.length).toBeGreaterThan(0);
      expect(unknownPassages(set, passages)).toEqual([]);
    },
  );

  it('a renamed heading shows as an unknown passage', () => {
    const set = loadSet(write('knowledge.x.json', [{ ...answerable, passage: 'shipping#old-heading' }]));
    expect(unknownPassages(set, passages)).toEqual([
      'kb-1: passage shipping#old-heading is not in the knowledge base',
    ]);
  });
});
