/**
 * Bundle size and cold start of the Slack events edge (`functions/adapters/slack-app.ts`, Bolt +
 * AwsLambdaReceiver + web-api): esbuild (node, esm, minify, node22) as CDK's NodejsFunction would build
 * it, then fresh `node` processes, each importing the bundle once (median reported), and each also
 * building the app and handling one signed thread-reply event (commands are no-ops, no network).
 *
 * A second, "trimmed" bundle stubs the parts of Bolt a Lambda behind `AwsLambdaReceiver` never runs
 * (Socket Mode with undici, Express with body-parser/iconv-lite, OAuth): Bolt's index and App require
 * them at load time. The figures show what aliasing them to a stub in the CDK bundling would save; the
 * child still builds the app and answers a signed event, so the trimmed bundle is known to work.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build, type Plugin } from 'esbuild';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const RUNS = 10;

// Bolt and web-api are CommonJS and `require` node builtins at run time; an ESM bundle needs a real
// `require` for that (CDK's NodejsFunction ESM recipe does the same).
const REQUIRE_BANNER =
  "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);";

/** The child: import, then build the app and answer one signed event, timing both. */
function childScript(href: string): string {
  return `
const t0 = performance.now();
const { createSlackApp } = await import(${JSON.stringify(href)});
const imported = performance.now() - t0;
const { createHmac } = await import('node:crypto');
const noop = async () => {};
const commands = { claim: noop, release: noop, resolve: noop, handBack: noop, threadReply: noop, sendSuggestion: noop, feedback: noop };
const t1 = performance.now();
const { handler } = createSlackApp({ signingSecret: 's', botToken: 'xoxb-x', slackApiUrl: 'http://127.0.0.1:9/api/', commands, dedupe: async () => true, botUserId: 'UBOT', botId: 'BBOT' });
const body = JSON.stringify({ type: 'event_callback', team_id: 'T1', event_id: 'Ev1', event: { type: 'message', channel: 'C1', user: 'U1', text: 'hi', ts: '2.000001', thread_ts: '1.000001' } });
const ts = Math.floor(Date.now() / 1000);
const signature = 'v0=' + createHmac('sha256', 's').update('v0:' + ts + ':' + body).digest('hex');
const response = await handler({ version: '2.0', routeKey: 'POST /slack/events', rawPath: '/slack/events', rawQueryString: '', headers: { 'content-type': 'application/json', 'x-slack-signature': signature, 'x-slack-request-timestamp': String(ts) }, requestContext: {}, body, isBase64Encoded: false }, {});
if (response.statusCode !== 200) throw new Error('status ' + response.statusCode);
const firstEvent = performance.now() - t1;
process.stdout.write(JSON.stringify({ imported, firstEvent }));
`;
}

/** Packages only the receivers Tandem does not use need, replaced by a module of empty classes. */
const UNUSED_IN_LAMBDA = /^(@slack\/socket-mode|@slack\/oauth|express|raw-body|jsonwebtoken)$/;
const stubUnused: Plugin = {
  name: 'stub-unused-receivers',
  setup(builder) {
    builder.onResolve({ filter: UNUSED_IN_LAMBDA }, (args) => ({ path: args.path, namespace: 'stub' }));
    builder.onLoad({ filter: /.*/, namespace: 'stub' }, () => ({
      contents:
        "module.exports = new Proxy({}, { get: (_t, key) => (key === '__esModule' ? false : class {}) });",
      loader: 'js',
    }));
  },
};

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return ((sorted[(sorted.length - 1) >> 1] ?? 0) + (sorted[sorted.length >> 1] ?? 0)) / 2;
}

function round(value: number): number {
  return Math.round(value * 10) / 10;
}

/** Bundles the Slack app (optionally trimmed) and measures it in fresh processes. */
async function measure(label: string, plugins: Plugin[]): Promise<Record<string, number>> {
  const dir = mkdtempSync(join(tmpdir(), 'tandem-bench-'));
  try {
    const outfile = join(dir, 'slack-app.mjs');
    await build({
      entryPoints: [join(root, 'functions/adapters/slack-app.ts')],
      outfile,
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node22',
      minify: true,
      banner: { js: REQUIRE_BANNER },
      logLevel: 'silent',
      plugins,
    });
    const sizeKb = statSync(outfile).size / 1024;
    const script = childScript(pathToFileURL(outfile).href);
    const imports: number[] = [];
    const firstEvents: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const run = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' });
      if (run.status !== 0) throw new Error(`${label} bundle failed to run: ${run.stderr}`);
      const figures = JSON.parse(run.stdout) as { imported: number; firstEvent: number };
      imports.push(figures.imported);
      firstEvents.push(figures.firstEvent);
    }
    return {
      [`${label} bundle KB`]: round(sizeKb),
      [`${label} cold import ms (median of ${RUNS})`]: round(median(imports)),
      [`${label} create + first signed event ms (median of ${RUNS})`]: round(median(firstEvents)),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Figures for `npm run bench`. */
export default async function slackEventsBundle(): Promise<Record<string, number | string>> {
  return {
    ...(await measure('slack-app', [])),
    ...(await measure('slack-app trimmed', [stubUnused])),
  };
}
