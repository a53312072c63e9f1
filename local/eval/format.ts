/**
 * The evaluation report: as text for the terminal, or as JSON (`--json`). Pure.
 */
import type { EscalationResult, KnowledgeResult } from './classify.ts';
import type { EvalRun } from './run.ts';
import {
  type CheckResult,
  type EscalationGroup,
  type KnowledgeGroup,
  type ScoredSet,
  targetsMet,
} from './score.ts';
import { ESCALATE_CATEGORIES } from './sets.ts';

/** A rate as `0.93`, or `—` when there is nothing to measure. */
export function decimal(value: number | null | undefined): string {
  return value === null || value === undefined ? '—' : value.toFixed(2);
}

/** A share as `93.3%`, or `—`. */
export function percent(value: number | null | undefined): string {
  return value === null || value === undefined ? '—' : `${(value * 100).toFixed(1)}%`;
}

function seconds(ms: number): string {
  return ms >= 10_000 ? `${Math.round(ms / 1000)} s` : `${(ms / 1000).toFixed(2)} s`;
}

function oneLine(text: string, max = 100): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

function table(header: string[], rows: string[][], rightAligned: (index: number) => boolean): string[] {
  const widths = header.map((cell, index) =>
    Math.max(cell.length, ...rows.map((row) => (row[index] ?? '').length)),
  );
  const render = (row: string[]) =>
    `  ${row
      .map((cell, index) =>
        rightAligned(index) ? cell.padStart(widths[index] ?? 0) : cell.padEnd(widths[index] ?? 0),
      )
      .join('  ')
      .trimEnd()}`;
  return [render(header), ...rows.map(render)];
}

function escalationRow(label: string, group: EscalationGroup, lead: 'recall' | 'false' | 'both'): string[] {
  return [
    label,
    String(group.n),
    String(group.escalated),
    lead === 'false' ? '' : decimal(group.recall),
    lead === 'recall' ? '' : decimal(group.falseEscalationRate),
    group.errors ? String(group.errors) : '',
  ];
}

function languagesOf(set: ScoredSet): string[] {
  return [...new Set(set.results.map((result) => result.case.lang))].sort();
}

function escalationCase(result: EscalationResult): string {
  const { observation } = result;
  const why = observation.error
    ? ` (${observation.error})`
    : observation.escalated
      ? ` [${observation.reason ?? 'escalated'}]`
      : observation.inputFlags.length
        ? ` [${observation.inputFlags.join(', ')}]`
        : '';
  return `    ${result.case.id} (${result.case.category}, ${result.case.lang})${why}: ${oneLine(result.case.text)}`;
}

function formatEscalationSet(set: ScoredSet & { kind: 'escalation' }, verbose: boolean): string[] {
  const { score } = set;
  const lines: string[] = [];
  const categoryRows = Object.entries(score.byCategory).map(([category, group]) => {
    const escalating = (ESCALATE_CATEGORIES as readonly string[]).includes(category);
    return escalationRow(category, group, escalating ? 'recall' : group.positives > 0 ? 'both' : 'false');
  });
  const anyErrors = score.overall.errors > 0;
  const header = ['category', 'n', 'escalated', 'recall', 'false esc.', ...(anyErrors ? ['not judged'] : [])];
  lines.push(
    ...table(
      header,
      categoryRows.map((row) => row.slice(0, header.length)),
      (i) => i > 0,
    ),
  );
  const languages = languagesOf(set);
  if (languages.length > 1) {
    // Category × language, for the per-language targets.
    const rows = Object.entries(score.byCategoryLanguage).map(([category, byLanguage]) => {
      const escalating = (ESCALATE_CATEGORIES as readonly string[]).includes(category);
      return [
        category,
        ...languages.map((language) => {
          const group = byLanguage[language];
          if (!group) return '';
          const rate = escalating ? group.recall : (group.falseEscalationRate ?? group.recall);
          return `${decimal(rate)} (${group.n})`;
        }),
      ];
    });
    lines.push('', ...table(['recall / false esc.', ...languages], rows, (i) => i > 0));
  }
  const languageRows = Object.entries(score.byLanguage).map(([language, group]) =>
    escalationRow(language, group, 'both'),
  );
  lines.push(
    '',
    ...table(
      ['language', 'n', 'escalated', 'recall', 'false esc.', ...(anyErrors ? ['not judged'] : [])],
      languageRows.map((row) => row.slice(0, header.length)),
      (i) => i > 0,
    ),
  );
  const o = score.overall;
  lines.push(
    '',
    `  overall  precision ${decimal(o.precision)}  recall ${decimal(o.recall)}  F1 ${decimal(o.f1)}` +
      `   (${o.tp} escalated rightly, ${o.fn} missed, ${o.fp} false escalations, ${o.tn} kept rightly` +
      `${o.errors ? `, ${o.errors} not judged` : ''})`,
  );
  const reasons = Object.entries(score.falseEscalationsByReason);
  if (reasons.length) {
    lines.push(
      `  false escalations by reason: ${reasons.map(([reason, count]) => `${reason} ${count}`).join(', ')}`,
    );
  }
  const cards = set.results.filter((r) => r.observation.escalated && r.observation.card === false).length;
  if (cards) lines.push(`  ! ${cards} escalation(s) without a card at the emulated Slack`);
  const misses = set.results.filter((r) => r.outcome === 'fn');
  const falses = set.results.filter((r) => r.outcome === 'fp');
  const errors = set.results.filter((r) => r.outcome === 'error');
  if (verbose) {
    lines.push(`  missed (${misses.length})`, ...misses.map(escalationCase));
    lines.push(`  false escalations (${falses.length})`, ...falses.map(escalationCase));
    if (errors.length) lines.push(`  not judged (${errors.length})`, ...errors.map(escalationCase));
  } else if (misses.length + falses.length + errors.length > 0) {
    lines.push(
      set.set.role === 'heldout' ? HELD_OUT_UNLISTED : '  (--verbose lists the misses and false escalations)',
    );
  }
  return lines;
}

function knowledgeRow(kind: string, language: string, group: KnowledgeGroup, anyErrors: boolean): string[] {
  const answerable = kind === 'answerable';
  return [
    kind,
    language,
    String(group.n),
    answerable ? percent(group.rightRate) : '—',
    percent(group.wrongRate),
    percent(group.abstainedRate),
    answerable ? percent(group.passageHitRate) : '',
    ...(anyErrors ? [group.errors ? String(group.errors) : ''] : []),
  ];
}

function knowledgeCase(result: KnowledgeResult, withReply: boolean): string {
  const { observation } = result;
  const why = observation.error
    ? ` (${observation.error})`
    : observation.escalated
      ? ` [escalated: ${observation.reason ?? '?'}]`
      : '';
  const reply = withReply && observation.reply ? `\n        → ${oneLine(observation.reply, 160)}` : '';
  return `    ${result.case.id} (${result.case.lang})${why}: ${oneLine(result.case.text)}${reply}`;
}

function formatKnowledgeSet(set: ScoredSet & { kind: 'knowledge' }, verbose: boolean): string[] {
  const lines: string[] = [];
  const anyErrors = set.results.some((r) => r.outcome === 'error');
  const rows: string[][] = [];
  for (const [kind, byLanguage] of Object.entries(set.score.byKind)) {
    for (const [language, group] of Object.entries(byLanguage))
      rows.push(knowledgeRow(kind, language, group, anyErrors));
  }
  lines.push(
    ...table(
      [
        'kind',
        'lang',
        'n',
        'right',
        'conf. wrong',
        'abstained',
        'passage',
        ...(anyErrors ? ['not judged'] : []),
      ],
      rows,
      (i) => i > 1,
    ),
  );
  const unanswerable = set.score.byKind['unanswerable']?.all;
  if (unanswerable) {
    lines.push(
      `  unanswerable: not answered from the knowledge base ${percent(unanswerable.abstainedRate)} (abstained or escalated)`,
    );
  }
  const wrong = set.results.filter((r) => r.outcome === 'wrong' && r.case.kind === 'answerable');
  const answered = set.results.filter((r) => r.outcome === 'wrong' && r.case.kind === 'unanswerable');
  const abstainedAnswerable = set.results.filter(
    (r) => r.outcome === 'abstained' && r.case.kind === 'answerable',
  );
  const errors = set.results.filter((r) => r.outcome === 'error');
  if (verbose) {
    lines.push(
      `  answerable, confidently wrong (${wrong.length})`,
      ...wrong.map((r) => knowledgeCase(r, true)),
    );
    lines.push(
      `  answerable, abstained (${abstainedAnswerable.length})`,
      ...abstainedAnswerable.map((r) => knowledgeCase(r, false)),
    );
    lines.push(
      `  unanswerable, answered (${answered.length})`,
      ...answered.map((r) => knowledgeCase(r, true)),
    );
    if (errors.length)
      lines.push(`  not judged (${errors.length})`, ...errors.map((r) => knowledgeCase(r, false)));
  } else if (wrong.length + answered.length + abstainedAnswerable.length + errors.length > 0) {
    lines.push(
      set.set.role === 'heldout'
        ? HELD_OUT_UNLISTED
        : '  (--verbose lists the wrong answers and abstentions)',
    );
  }
  return lines;
}

/** Held-out cases are never listed, not even with --verbose or --json: what no one sees, no one tunes on. */
const HELD_OUT_UNLISTED = '  (held-out set: its cases are never listed, so that no one tunes on them)';

const ROLE: Record<string, string> = {
  tuning: 'tuning set',
  heldout: 'held-out set: reported, never tuned on; its targets do not fail the run',
  feedback: "agents' feedback",
  other: 'set',
};

/** The report as text. */
export function formatEvalText(
  run: EvalRun,
  options: { verbose?: boolean; checks?: CheckResult[] } = {},
): string {
  const lines: string[] = [
    `Tandem eval: model ${run.model}, ${run.channel}, ${run.cases} case${run.cases === 1 ? '' : 's'} ` +
      `in ${seconds(run.wallMs)}, ${run.concurrency} at a time`,
    `  per case (webhook → handled): mean ${run.caseMs.mean} ms, median ${run.caseMs.p50} ms, ` +
      `p90 ${run.caseMs.p90} ms, max ${run.caseMs.max} ms; ${seconds(run.wallMs / Math.max(1, run.cases))} of wall time per case`,
  ];
  for (const set of run.sets) {
    const listed = (options.verbose ?? false) && set.set.role !== 'heldout';
    lines.push('', `${set.set.name}  (${set.kind}, ${ROLE[set.set.role]}, ${set.results.length} cases)`);
    lines.push(
      ...(set.kind === 'escalation' ? formatEscalationSet(set, listed) : formatKnowledgeSet(set, listed)),
    );
  }
  if (options.checks) lines.push('', ...formatChecks(options.checks));
  return `${lines.join('\n')}\n`;
}

/** The `--check` verdict as text. */
export function formatChecks(checks: readonly CheckResult[]): string[] {
  if (checks.length === 0) return ['Targets: nothing to check.'];
  const gating = checks.filter((c) => !c.informational);
  const failed = gating.filter((c) => !c.ok);
  const value = (c: CheckResult) =>
    Number.isInteger(c.actual) && Number.isInteger(c.limit) ? String(c.actual) : decimal(c.actual);
  const limit = (c: CheckResult) => (Number.isInteger(c.limit) ? String(c.limit) : decimal(c.limit));
  return [
    `Targets: ${gating.length - failed.length} of ${gating.length} met${failed.length ? '' : ' ✓'}` +
      (gating.length < checks.length ? ' (held-out sets: shown, not counted)' : ''),
    ...checks.map(
      (c) =>
        `  ${c.ok ? '✓' : '✗'} ${c.set}: ${c.target} ${value(c)} (target ${c.comparison} ${limit(c)})` +
        (c.informational ? ' [held-out]' : ''),
    ),
  ];
}

/** The report as JSON: figures per set, the cases that went wrong (never a held-out set's), and the checks. */
export function evalJson(run: EvalRun, checks?: CheckResult[]): unknown {
  return {
    model: run.model,
    channel: run.channel,
    concurrency: run.concurrency,
    cases: run.cases,
    wallMs: run.wallMs,
    caseMs: run.caseMs,
    sets: run.sets.map((set) => {
      const common = {
        name: set.set.name,
        path: set.set.path,
        role: set.set.role,
        kind: set.kind,
        cases: set.results.length,
      };
      if (set.set.role === 'heldout') return { ...common, score: set.score, casesListed: false };
      if (set.kind === 'escalation') {
        const list = (outcome: EscalationResult['outcome']) =>
          set.results
            .filter((r) => r.outcome === outcome)
            .map((r) => ({
              id: r.case.id,
              lang: r.case.lang,
              category: r.case.category,
              text: r.case.text,
              ...(r.observation.reason ? { reason: r.observation.reason } : {}),
              ...(r.observation.error ? { error: r.observation.error } : {}),
              flags: r.observation.inputFlags,
            }));
        return {
          ...common,
          score: set.score,
          misses: list('fn'),
          falseEscalations: list('fp'),
          notJudged: list('error'),
        };
      }
      const list = (kind: string, outcome: KnowledgeResult['outcome']) =>
        set.results
          .filter((r) => r.case.kind === kind && r.outcome === outcome)
          .map((r) => ({
            id: r.case.id,
            lang: r.case.lang,
            text: r.case.text,
            reply: r.observation.reply,
            ...(r.observation.reason ? { reason: r.observation.reason } : {}),
            ...(r.observation.error ? { error: r.observation.error } : {}),
          }));
      return {
        ...common,
        score: set.score,
        confidentlyWrong: list('answerable', 'wrong'),
        abstained: list('answerable', 'abstained'),
        unanswerableAnswered: list('unanswerable', 'wrong'),
        notJudged: [...list('answerable', 'error'), ...list('unanswerable', 'error')],
      };
    }),
    ...(checks ? { checks, ok: targetsMet(checks) } : {}),
  };
}
