/**
 * `npm run eval`: the labelled sets of `test/fixtures/eval/` through the real pipeline — the local
 * runtime (DynamoDB Local, fauxqs, emulated Twilio and Slack), one signed Twilio webhook per case from a
 * fresh customer — and how often it escalates rightly and answers rightly.
 *   npm run eval -- [--set <name|path>]… [--json] [--verbose] [--concurrency 8]
 *                   [--check default|<targets.json>] [--offline] [--channel sms|whatsapp]
 * Default sets: every `{escalation,knowledge}.{tuning,heldout}.json` present, each reported apart.
 * The model is the one `npm run dev` would use (Claude with ANTHROPIC_API_KEY, else offline; `--offline`
 * forces the offline responder). `--check` exits 1 when a set misses a target; a held-out set's targets
 * are shown but never fail the run, and its cases are never listed (`--verbose`, `--json`). Targets: `local/eval/score.ts`; a JSON file may override any of them.
 *
 *   npm run eval -- --from-feedback [--out test/fixtures/eval/feedback.json] [--since DATE]
 *                   [--stage <name> | --endpoint <url> --table <name> | --data-dir <dir>] [--region <r>]
 * exports the escalations agents judged in Slack as labelled cases, merged into `--out` without
 * duplicates. The table is found as `npm run export` finds it (a running dev, the dev data, or a stage).
 */
import { readFileSync, realpathSync } from 'node:fs';
import { join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import businessSettings from '../config/business.ts';
import { loadKnowledge } from '../functions/adapters/knowledge-loader.ts';
import type { Channel } from '../functions/core/model.ts';
import { parseBusinessSettings } from '../functions/shared/business-settings.ts';
import { collectFeedbackCases, mergeIntoFile } from '../local/eval/feedback.ts';
import { evalJson, formatEvalText } from '../local/eval/format.ts';
import { evalSystemFor, runEval, startEvalRuntime } from '../local/eval/run.ts';
import {
  type CheckResult,
  checkTargets,
  DEFAULT_TARGETS,
  type Targets,
  targetsMet,
  targetsSchema,
} from '../local/eval/score.ts';
import {
  defaultSetPaths,
  EVAL_DIR,
  type EvalSet,
  loadSet,
  resolveSetPath,
  unknownPassages,
} from '../local/eval/sets.ts';
import type { LocalRuntime } from '../local/runtime.ts';
import { connect } from './customer-data-cli.ts';

const USAGE = `usage: npm run eval -- [--set <name|path>]… [--json] [--verbose] [--concurrency <n>]
                       [--check default|<targets.json>] [--offline] [--channel sms|whatsapp]
       npm run eval -- --from-feedback [--out <file>] [--since <date>]
                       [--stage <name> | --endpoint <url> --table <name> | --data-dir <dir>] [--region <r>]`;

/** Where the command writes, and how it starts the runtime (tests pass one that is already running). */
export interface EvalIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** A progress line that replaces the previous one; absent: no progress. */
  progress?: (line: string) => void;
  env: Record<string, string | undefined>;
  startRuntime: (options: { offline: boolean }) => Promise<{ runtime: LocalRuntime; stop(): Promise<void> }>;
}

const defaultIo: EvalIo = {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  ...(process.stderr.isTTY ? { progress: (line: string) => process.stderr.write(`\r${line}\x1b[K`) } : {}),
  env: process.env,
  startRuntime: async ({ offline }) => {
    const runtime = await startEvalRuntime({ offline });
    // Ctrl-C stops DynamoDB Local's Java process too.
    const interrupted = (signal: NodeJS.Signals) => {
      process.stderr.write(`\n${signal}: stopping…\n`);
      void runtime.stop().finally(() => process.exit(130));
    };
    process.once('SIGINT', interrupted);
    process.once('SIGTERM', interrupted);
    return {
      runtime,
      stop: async () => {
        process.off('SIGINT', interrupted);
        process.off('SIGTERM', interrupted);
        await runtime.stop();
      },
    };
  },
};

const OPTIONS = {
  set: { type: 'string', multiple: true },
  json: { type: 'boolean', default: false },
  verbose: { type: 'boolean', short: 'v', default: false },
  concurrency: { type: 'string', default: '8' },
  check: { type: 'string' },
  offline: { type: 'boolean', default: false },
  channel: { type: 'string', default: 'sms' },
  'from-feedback': { type: 'boolean', default: false },
  out: { type: 'string' },
  since: { type: 'string' },
  stage: { type: 'string' },
  endpoint: { type: 'string' },
  table: { type: 'string' },
  'data-dir': { type: 'string' },
  region: { type: 'string' },
  help: { type: 'boolean', short: 'h', default: false },
} as const;

/** The targets of `--check`: `default` (built in) or a JSON file giving any of them. */
export function loadTargets(value: string): Targets {
  if (['default', 'builtin', 'built-in'].includes(value)) return DEFAULT_TARGETS;
  const parsed = targetsSchema.safeParse(JSON.parse(readFileSync(value, 'utf8')));
  if (!parsed.success) {
    throw new Error(
      `${value}: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`,
    );
  }
  return parsed.data;
}

/** Runs the command; returns the exit code (0, 1 when `--check` fails, 2 for bad usage). */
export async function main(argv: string[], io: EvalIo = defaultIo): Promise<number> {
  const parse = (args: string[]) =>
    parseArgs({ args, options: OPTIONS, strict: true, allowPositionals: false });
  let values: ReturnType<typeof parse>['values'];
  try {
    values = parse(argv).values;
  } catch (error) {
    io.stderr(`${message(error)}\n${USAGE}\n`);
    return 2;
  }
  if (values.help) {
    io.stdout(`${USAGE}\n`);
    return 0;
  }
  const settings = parseBusinessSettings(businessSettings);
  if (values['from-feedback']) return fromFeedback(values, io, settings.retention.days);

  const concurrency = Number(values.concurrency);
  const channel = values.channel as Channel;
  if (!Number.isInteger(concurrency) || concurrency < 1) {
    io.stderr(`--concurrency must be a positive integer, got ${values.concurrency}\n`);
    return 2;
  }
  if (channel !== 'sms' && channel !== 'whatsapp') {
    io.stderr(`--channel must be sms or whatsapp, got ${values.channel}\n`);
    return 2;
  }
  let sets: EvalSet[];
  let targets: Targets | undefined;
  try {
    const paths = values.set?.length ? values.set.map((arg) => resolveSetPath(arg)) : defaultSetPaths();
    if (paths.length === 0) {
      io.stderr(`no tuning or held-out sets in ${relative(process.cwd(), EVAL_DIR)}; name one with --set\n`);
      return 2;
    }
    sets = paths.map(loadSet);
    targets = values.check === undefined ? undefined : loadTargets(values.check);
  } catch (error) {
    io.stderr(`${message(error)}\n`);
    return 2;
  }
  const knowledge = loadKnowledge(io.env.KNOWLEDGE_DIR ?? join(import.meta.dirname, '..', 'knowledge'));
  const passageIds = new Set(knowledge.passages.map((passage) => passage.id));
  for (const problem of sets.flatMap((set) => unknownPassages(set, passageIds)))
    io.stderr(`warning: ${problem}\n`);

  const { runtime, stop } = await io.startRuntime({ offline: values.offline });
  const system = evalSystemFor(runtime, settings);
  let run: Awaited<ReturnType<typeof runEval>>;
  try {
    io.progress?.(`eval: model ${system.model}, starting…`);
    run = await runEval(system, sets, settings, {
      concurrency,
      channel,
      ...(io.progress
        ? { onProgress: (done: number, total: number) => io.progress?.(`eval: ${done}/${total} cases`) }
        : {}),
    });
    io.progress?.('');
    if (io.progress) io.stderr('\r');
  } finally {
    await system.close();
    await stop();
  }
  const checks: CheckResult[] | undefined = targets
    ? run.sets.flatMap((set) => checkTargets(set, targets))
    : undefined;
  if (values.json) io.stdout(`${JSON.stringify(evalJson(run, checks), null, 2)}\n`);
  else io.stdout(formatEvalText(run, { verbose: values.verbose, ...(checks ? { checks } : {}) }));
  return checks && !targetsMet(checks) ? 1 : 0;
}

async function fromFeedback(
  values: Record<string, string | boolean | string[] | undefined>,
  io: EvalIo,
  retentionDays: number,
): Promise<number> {
  const text = (name: string) => (typeof values[name] === 'string' ? (values[name] as string) : undefined);
  const now = Date.now();
  const since = text('since') ? Date.parse(text('since') as string) : now - (retentionDays + 1) * 86_400_000;
  if (Number.isNaN(since)) {
    io.stderr(`--since must be an ISO date, got ${text('since')}\n`);
    return 2;
  }
  const out = text('out') ?? join(EVAL_DIR, 'feedback.json');
  let target: Awaited<ReturnType<typeof connect>> | undefined;
  try {
    target = await connect(
      {
        ...(text('stage') ? { stage: text('stage') } : {}),
        ...(text('endpoint') ? { endpoint: text('endpoint') } : {}),
        ...(text('table') ? { table: text('table') } : {}),
        ...(text('data-dir') ? { 'data-dir': text('data-dir') } : {}),
        ...(text('region') ? { region: text('region') } : {}),
      },
      { stdout: io.stdout, stderr: io.stderr, env: io.env },
    );
    const cases = await collectFeedbackCases(target.store, {
      since: new Date(since).toISOString(),
      until: new Date(now + 86_400_000).toISOString(),
    });
    const merged = mergeIntoFile(out, cases);
    const needed = cases.filter((item) => item.escalate).length;
    io.stderr(
      `${cases.length} judged escalation(s) in ${target.describe} (${needed} needed, ${cases.length - needed} not needed); ` +
        `${merged.added} added to ${out}, ${merged.present} already there; ${merged.cases.length} cases in the file.\n`,
    );
    return 0;
  } catch (error) {
    io.stderr(`eval --from-feedback failed: ${message(error)}\n`);
    return 1;
  } finally {
    await target?.close();
  }
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

// Runs only as a script, so tests can import `main`.
if (process.argv[1] && import.meta.url === pathToFileURL(realpathSync(process.argv[1])).href) {
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (error: unknown) => {
      console.error(`eval: ${message(error)}`);
      process.exit(1);
    },
  );
}
