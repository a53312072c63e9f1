/**
 * Evaluation sets (`test/fixtures/eval/*.json`, format in `test/fixtures/eval/README.md`): the zod
 * schema of a case, loading and validating a set file, and finding the sets `npm run eval` runs.
 *
 * A set file is a JSON array of cases, an object with a `cases` array (other keys such as `$comment`
 * are kept but ignored), or JSON Lines (one case per line).
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as z from 'zod';

/** Where the labelled sets live. */
export const EVAL_DIR = resolve(
  dirname(fileURLToPath(import.meta.url)),
  '..',
  '..',
  'test',
  'fixtures',
  'eval',
);

/** Categories of cases that must reach a person. */
export const ESCALATE_CATEGORIES = [
  'explicit',
  'self_harm',
  'legal',
  'security',
  'safety',
  'medical',
  'bereavement',
] as const;

/** Categories of cases that must stay with the AI. */
export const STAY_CATEGORIES = ['lookalike', 'smalltalk', 'routine'] as const;

/**
 * `other`: only in sets exported from agents' feedback — an escalation for a reason no category names
 * (sentiment, a business rule, repeated failure), labelled either way by the agent.
 */
export const OTHER_CATEGORY = 'other';

/** Every escalation category. */
export const ESCALATION_CATEGORIES = [...ESCALATE_CATEGORIES, ...STAY_CATEGORIES, OTHER_CATEGORY] as const;

/** An escalation category. */
export type EscalationCategory = (typeof ESCALATION_CATEGORIES)[number];

const id = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9._:-]{0,79}$/, 'expected letters, digits, . _ : - (at most 80 characters)');
const lang = z.string().regex(/^[a-z]{2}$/, 'expected an ISO 639-1 code such as en or es');
// The pipeline cuts longer messages (guardrails.maxInputChars): a case must be judged on all of its text.
const text = z
  .string()
  .max(2000)
  .refine((value) => value.trim().length > 0, 'must not be empty');

/** One escalation case: should this message reach a person? */
export const escalationCaseSchema = z
  .object({
    id,
    lang,
    category: z.enum(ESCALATION_CATEGORIES),
    text,
    escalate: z.boolean(),
  })
  .superRefine((value, context) => {
    const escalating = (ESCALATE_CATEGORIES as readonly string[]).includes(value.category);
    const staying = (STAY_CATEGORIES as readonly string[]).includes(value.category);
    if ((escalating && !value.escalate) || (staying && value.escalate)) {
      context.addIssue({
        code: 'custom',
        path: ['escalate'],
        message: `category ${value.category} means escalate: ${escalating}`,
      });
    }
  });

/** An escalation case. */
export type EscalationCase = z.infer<typeof escalationCaseSchema>;

/** One knowledge case: a question the knowledge base answers, or one it does not cover. */
export const knowledgeCaseSchema = z.discriminatedUnion('kind', [
  z.object({
    id,
    lang,
    kind: z.literal('answerable'),
    text,
    /** The passage that answers it: `<file stem>#<heading slug>`. */
    passage: z.string().regex(/^[^#\s]+#[a-z0-9-]+$/, 'expected <file stem>#<heading slug>'),
    /** Every string must appear in a right answer (case- and accent-insensitive). */
    expect: z
      .array(z.string().refine((value) => value.trim().length > 0, 'must not be empty'))
      .min(1, 'an answerable case needs at least one expected string'),
  }),
  z.object({ id, lang, kind: z.literal('unanswerable'), text }),
]);

/** A knowledge case. */
export type KnowledgeCase = z.infer<typeof knowledgeCaseSchema>;

/** What a set is for: tuned on, held out (reported, never tuned on or checked), exported feedback, or other. */
export type SetRole = 'tuning' | 'heldout' | 'feedback' | 'other';

interface SetBase {
  /** File name without `.json`, e.g. `escalation.tuning`. */
  name: string;
  path: string;
  role: SetRole;
}

/** A loaded, validated set. */
export type EvalSet =
  | (SetBase & { kind: 'escalation'; cases: EscalationCase[] })
  | (SetBase & { kind: 'knowledge'; cases: KnowledgeCase[] });

/** A set file that cannot be used; the message names the file and every problem. */
export class SetError extends Error {
  override readonly name = 'SetError';
}

/** The role a set's file name gives it. */
export function roleOf(name: string): SetRole {
  if (/(^|\.)heldout$/.test(name)) return 'heldout';
  if (/(^|\.)tuning$/.test(name)) return 'tuning';
  if (/^feedback(\.|$)/.test(name)) return 'feedback';
  return 'other';
}

/** The raw cases of a set file's text (array, `{ cases }`, or JSON Lines). */
export function parseSetText(source: string, where = 'set'): unknown[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(source);
  } catch (jsonError) {
    const lines = source.split('\n').filter((line) => line.trim() !== '');
    try {
      return lines.map((line) => JSON.parse(line) as unknown);
    } catch {
      throw new SetError(`${where}: not JSON (${(jsonError as Error).message})`);
    }
  }
  if (Array.isArray(parsed)) return parsed;
  if (parsed && typeof parsed === 'object' && Array.isArray((parsed as { cases?: unknown }).cases)) {
    return (parsed as { cases: unknown[] }).cases;
  }
  throw new SetError(`${where}: expected an array of cases or an object with a "cases" array`);
}

/** Validates raw cases as one kind of set; throws `SetError` listing every bad case and duplicate id. */
export function validateCases(
  raw: unknown[],
  kind: EvalSet['kind'],
  where = 'set',
): EscalationCase[] | KnowledgeCase[] {
  const schema: z.ZodType = kind === 'escalation' ? escalationCaseSchema : knowledgeCaseSchema;
  const problems: string[] = [];
  const cases: unknown[] = [];
  const seen = new Set<string>();
  raw.forEach((item, index) => {
    const label = `case ${index + 1}${typeof (item as { id?: unknown })?.id === 'string' ? ` (${(item as { id: string }).id})` : ''}`;
    const result = schema.safeParse(item);
    if (!result.success) {
      for (const issue of result.error.issues) {
        problems.push(`${label}: ${issue.path.length ? `${issue.path.join('.')}: ` : ''}${issue.message}`);
      }
      return;
    }
    const value = result.data as { id: string };
    if (seen.has(value.id)) problems.push(`${label}: duplicate id`);
    seen.add(value.id);
    cases.push(value);
  });
  if (problems.length > 0) {
    const shown = problems.slice(0, 20);
    const more = problems.length > shown.length ? `\n  … and ${problems.length - shown.length} more` : '';
    throw new SetError(`${where}: ${problems.length} problem(s)\n  ${shown.join('\n  ')}${more}`);
  }
  return cases as EscalationCase[] | KnowledgeCase[];
}

/** The kind of a set: from its file name (`escalation.*`, `feedback*`, `knowledge.*`), else its cases. */
export function kindOf(name: string, raw: unknown[]): EvalSet['kind'] {
  if (/^(escalation|feedback)(\.|$)/.test(name)) return 'escalation';
  if (/^knowledge(\.|$)/.test(name)) return 'knowledge';
  const first = raw[0] as Record<string, unknown> | undefined;
  if (first && 'escalate' in first) return 'escalation';
  if (first && 'kind' in first) return 'knowledge';
  throw new SetError(
    `${name}: cannot tell the kind of set (name it escalation.*.json or knowledge.*.json, or give it cases)`,
  );
}

/** Loads and validates one set file. */
export function loadSet(path: string): EvalSet {
  const name = basename(path).replace(/\.jsonl?$/i, '');
  let source: string;
  try {
    source = readFileSync(path, 'utf8');
  } catch (error) {
    throw new SetError(`${path}: ${(error as Error).message}`);
  }
  const raw = parseSetText(source, path);
  const kind = kindOf(name, raw);
  const role = roleOf(name);
  return kind === 'escalation'
    ? { name, path, role, kind, cases: validateCases(raw, kind, path) as EscalationCase[] }
    : { name, path, role, kind, cases: validateCases(raw, kind, path) as KnowledgeCase[] };
}

const DEFAULT_SET = /^(escalation|knowledge)\.(tuning|heldout)\.json$/;

/** The tuning and held-out sets present in `dir`: escalation before knowledge, tuning before held-out. */
export function defaultSetPaths(dir: string = EVAL_DIR): string[] {
  if (!existsSync(dir)) return [];
  const rank = (file: string) =>
    (file.startsWith('escalation') ? 0 : 2) + (file.includes('.tuning.') ? 0 : 1);
  return readdirSync(dir)
    .filter((file) => DEFAULT_SET.test(file))
    .sort((a, b) => rank(a) - rank(b))
    .map((file) => join(dir, file));
}

/** A `--set` argument: a path to a file, or a name under `dir` (`escalation.tuning`, `samples/x`). */
export function resolveSetPath(arg: string, dir: string = EVAL_DIR, cwd: string = process.cwd()): string {
  const candidates = [resolve(cwd, arg), join(dir, arg), join(dir, `${arg}.json`)];
  const found = candidates.find((candidate) => existsSync(candidate) && !isDirectory(candidate));
  if (!found) throw new SetError(`no set "${arg}" (looked for ${candidates.join(', ')})`);
  return found;
}

function isDirectory(path: string): boolean {
  return statSync(path).isDirectory();
}

/** Answerable cases whose passage is not in the knowledge base (a renamed heading breaks the label). */
export function unknownPassages(set: EvalSet, passageIds: ReadonlySet<string>): string[] {
  if (set.kind !== 'knowledge') return [];
  return set.cases
    .filter((item) => item.kind === 'answerable' && !passageIds.has(item.passage))
    .map(
      (item) => `${item.id}: passage ${(item as { passage: string }).passage} is not in the knowledge base`,
    );
}
