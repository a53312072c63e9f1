/**
 * `npm run report`: customer-experience figures for a period, from the lifecycle events in the table.
 *   npm run report -- [--since 2025-03-01] [--until 2025-03-31] [--json | --html report.html]
 *                     [--data-dir .tandem] [--endpoint http://127.0.0.1:8000] [--table tandem] [--region eu-west-1]
 * Where the data is:
 *   - default: the local runtime's data (DynamoDB Local started here on `$DATA_DIR/dynamodb`, default
 *     `.tandem`, table `tandem`), the same files `npm run dev` writes;
 *   - `--endpoint URL`: a running DynamoDB Local (table `--table`, default `tandem`);
 *   - `--table NAME` alone: the table in AWS, with the default credential chain and `--region`.
 * `--since`/`--until` take an ISO date or date-time (a date alone for `--until` includes that day);
 * default: the last 30 days. Definitions: docs/metrics.md.
 */
import { realpathSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { DynamoDBClient, ResourceNotFoundException } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import businessSettings from '../config/business.ts';
import { DynamoDbConversationStore } from '../functions/adapters/dynamodb-conversation-store.ts';
import { type CxReport, computeCxMetrics, type Percentiles } from '../functions/core/cx-metrics.ts';
import type { ConversationStore } from '../functions/core/ports.ts';
import { parseBusinessSettings } from '../functions/shared/business-settings.ts';
import { type DynamoDbLocal, localDynamoClient, startDynamoDbLocal } from '../local/dynamodb-local.ts';
import { freePort } from '../local/ports.ts';
import { decimal, duration, percent, renderReportHtml } from '../local/report-html.ts';

/** The table the local runtime creates (its default resource prefix). */
export const LOCAL_TABLE = 'tandem';

/**
 * Reads the lifecycle events for [since, until) — plus the reopen window after `until`, so a visit
 * near the end still learns whether the customer came back — and computes the report.
 */
export async function buildReport(options: {
  store: Pick<ConversationStore, 'listLifecycle'>;
  since: string;
  until: string;
  reopenWindowHours: number;
}): Promise<CxReport> {
  const { store, since, until, reopenWindowHours } = options;
  const readUntil = new Date(Date.parse(until) + reopenWindowHours * 3_600_000).toISOString();
  const events = await store.listLifecycle(since, readUntil);
  return computeCxMetrics(events, { reopenWindowHours, since, until });
}

/** Parses `--since`/`--until` values: an ISO date (UTC midnight; `--until` moves to the next day) or date-time. */
export function parsePeriod(
  input: { since?: string; until?: string },
  now: Date = new Date(),
): { since: string; until: string } {
  const parse = (value: string, name: string, endOfDay: boolean): string => {
    const dateOnly = /^\d{4}-\d{2}-\d{2}$/.test(value);
    const ms = Date.parse(dateOnly ? `${value}T00:00:00.000Z` : value);
    if (Number.isNaN(ms)) throw new Error(`--${name} must be an ISO date or date-time, got "${value}"`);
    return new Date(dateOnly && endOfDay ? ms + 86_400_000 : ms).toISOString();
  };
  const until = input.until ? parse(input.until, 'until', true) : now.toISOString();
  const since = input.since
    ? parse(input.since, 'since', false)
    : new Date(Date.parse(until) - 30 * 86_400_000).toISOString();
  if (since >= until) throw new Error(`--since (${since}) must be before --until (${until})`);
  return { since, until };
}

/** The report as a plain-text table for the terminal. */
export function formatReportText(report: CxReport): string {
  const lines: string[] = [];
  const row = (label: string, value: string) => lines.push(`  ${label.padEnd(40)} ${value}`);
  const head = (title: string) => lines.push('', title);
  lines.push(
    `Tandem CX report: conversations started ${report.period.since ?? '…'} to ${report.period.until ?? '…'} (exclusive)`,
    `reopen window ${report.period.reopenWindowHours} h; definitions in docs/metrics.md`,
  );
  head('Volume');
  row('Conversations', String(report.conversations));
  row('Customers', String(report.customers));
  row('Resolved / open', `${report.resolvedConversations} / ${report.openConversations}`);
  row('Reopened within the window', String(report.reopenedConversations));
  head('Resolution and escalation');
  row(
    'First-interaction resolution',
    `${percent(report.firstInteractionResolutionRate)} (${report.firstInteractionResolutions})`,
  );
  row('Escalation rate', `${percent(report.escalationRate)} (${report.escalatedConversations})`);
  row(
    'Escalations needed (precision)',
    `${percent(report.escalationPrecision)} of ${report.escalationFeedbackResponses} answers`,
  );
  row(
    'Summaries accurate',
    `${percent(report.summaryAccuracy)} of ${report.summaryFeedbackResponses} answers`,
  );
  const reasons = Object.entries(report.escalationsByReason).sort((a, b) => b[1] - a[1]);
  for (const [reason, count] of reasons) {
    const precision = report.escalationPrecisionByReason[reason];
    row(`  ${reason}`, `${count}${precision === undefined ? '' : `, needed ${percent(precision)}`}`);
  }
  head('Speed                                      p50        p90        n');
  const speed = (label: string, p: Percentiles) =>
    row(label, `${duration(p.p50).padEnd(10)} ${duration(p.p90).padEnd(10)} ${p.count}`);
  speed('First AI reply', report.speed.firstAiReplySeconds);
  speed('Time to claim', report.speed.timeToClaimSeconds);
  speed('First human reply', report.speed.firstHumanReplySeconds);
  speed('Time to resolution (by an agent)', report.speed.timeToResolutionSeconds);
  head('Effort');
  row('Customer turns to resolution', decimal(report.averageCustomerTurnsToResolution));
  row('Handoffs per conversation', decimal(report.averageHandoffsPerConversation));
  row('Customer repeated after a handoff', percent(report.repeatAfterHandoffRate));
  head('Sentiment (-1..1) and satisfaction (1..5)');
  row(
    'Sentiment at start / end',
    `${decimal(report.averageSentimentStart)} / ${decimal(report.averageSentimentEnd)}`,
  );
  const t = report.sentimentByTouchpoint;
  row('Sentiment with AI / queued / agent', `${decimal(t.ai)} / ${decimal(t.queued)} / ${decimal(t.agent)}`);
  row('CSAT', `${decimal(report.averageCsat)} (${report.csatResponses} answers)`);
  row(
    'CSAT by resolver: agent / h.back / AI',
    `${decimal(report.csatByResolver.agent)} / ${decimal(report.csatByResolver.handed_back)} / ${decimal(report.csatByResolver.ai)}`,
  );
  head('Actions on the business systems');
  const acts = report.actions;
  row('Proposed / approved / denied', `${acts.proposed} / ${acts.approved} / ${acts.denied}`);
  row('Executed / failed / edited', `${acts.executed} / ${acts.failed} / ${acts.edited}`);
  row('Median time to approve', duration(acts.medianTimeToApproveSeconds));
  if (report.daily.some((day) => day.conversations > 0)) {
    head('Per day                                    conv.  FIR    escalated');
    for (const day of report.daily) {
      if (day.conversations === 0) continue;
      row(
        day.date,
        `${String(day.conversations).padEnd(6)} ${percent(day.firstInteractionResolutionRate).padEnd(6)} ${percent(day.escalationRate)}`,
      );
    }
  }
  return `${lines.join('\n')}\n`;
}

const USAGE = `usage: npm run report -- [--since DATE] [--until DATE] [--json | --html FILE]
                         [--data-dir DIR] [--endpoint URL] [--table NAME] [--region REGION]
                         [--reopen-window-hours N]`;

async function main(argv: string[]): Promise<number> {
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  const { values } = parseArgs({
    args: argv,
    options: {
      since: { type: 'string' },
      until: { type: 'string' },
      json: { type: 'boolean', default: false },
      html: { type: 'string' },
      'data-dir': { type: 'string' },
      endpoint: { type: 'string' },
      table: { type: 'string' },
      region: { type: 'string' },
      'reopen-window-hours': { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
    strict: true,
  });
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  const period = parsePeriod({
    ...(values.since ? { since: values.since } : {}),
    ...(values.until ? { until: values.until } : {}),
  });
  const reopenWindowHours = values['reopen-window-hours']
    ? Number(values['reopen-window-hours'])
    : parseBusinessSettings(businessSettings).metrics.reopenWindowHours;
  if (!(reopenWindowHours > 0)) throw new Error('--reopen-window-hours must be a positive number');

  const aws = values.table !== undefined && values.endpoint === undefined && values['data-dir'] === undefined;
  const tableName = values.table ?? LOCAL_TABLE;
  let local: DynamoDbLocal | undefined;
  let client: DynamoDBClient;
  let where: string;
  if (aws) {
    client = new DynamoDBClient(values.region ? { region: values.region } : {});
    where = `table ${tableName} in AWS`;
  } else if (values.endpoint) {
    client = localDynamoClient(values.endpoint);
    where = `table ${tableName} at ${values.endpoint}`;
  } else {
    const dataDir = resolve(values['data-dir'] ?? process.env.DATA_DIR ?? '.tandem');
    local = await startDynamoDbLocal({ port: await freePort(), dataDir: join(dataDir, 'dynamodb') });
    client = localDynamoClient(local.endpoint);
    where = `table ${tableName} in ${join(dataDir, 'dynamodb')}`;
  }
  try {
    const documentClient = DynamoDBDocumentClient.from(client, {
      marshallOptions: { removeUndefinedValues: true },
    });
    const store = new DynamoDbConversationStore(documentClient, tableName);
    let report: CxReport;
    try {
      report = await buildReport({ store, ...period, reopenWindowHours });
    } catch (error) {
      if (error instanceof ResourceNotFoundException) {
        throw new Error(`no ${where}${aws ? '' : ' (run `npm run dev` first, or pass --endpoint/--table)'}`);
      }
      throw error;
    }
    if (values.html) {
      writeFileSync(values.html, renderReportHtml(report));
      console.error(`wrote ${values.html}`);
    }
    if (values.json) process.stdout.write(`${JSON.stringify(report)}\n`);
    else if (!values.html) process.stdout.write(formatReportText(report));
    return 0;
  } finally {
    client.destroy();
    await local?.stop();
  }
}

// Runs only as a script, so tests can import buildReport and the formatters.
if (process.argv[1] && import.meta.url === pathToFileURL(realpathSync(process.argv[1])).href) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (error: unknown) => {
      console.error(`report: ${error instanceof Error ? error.message : String(error)}`);
      const code = (error as { code?: unknown }).code;
      if (typeof code === 'string' && code.startsWith('ERR_PARSE_ARGS')) console.error(USAGE);
      process.exit(1);
    },
  );
}
