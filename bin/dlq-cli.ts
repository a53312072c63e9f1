/**
 * `npm run dlq`: argument parsing and where the queues are (see `bin/dlq-commands.ts` for the commands).
 *   --queue events|escalations|all   @default all
 *   --stage <name>                   the deployed queues (AWS credentials; names from lib/design.ts)
 *   --data-dir <dir>                 the dev runtime's data dir (default DATA_DIR or .tandem)
 *   --yes                            purge without asking
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { GetQueueUrlCommand, SQSClient } from '@aws-sdk/client-sqs';
import { stageConfig } from '../lib/config/stages.ts';
import {
  conversationEventsQueue,
  dlqName,
  escalationsQueue,
  type QueueDesign,
  queueName,
} from '../lib/design.ts';
import { DEV_CONNECTION_FILE } from '../local/runtime.ts';
import { localSqsClient } from '../local/sqs-local.ts';
import { type DlqTarget, depth, list, purge, redrive, show } from './dlq-commands.ts';

/** Where the command writes and which environment it reads. */
export interface DlqIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  env: Record<string, string | undefined>;
}

const defaultIo: DlqIo = {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  env: process.env,
};

const USAGE =
  'usage: npm run dlq -- list | show <id> | redrive | purge [--queue events|escalations|all] [--stage <name>] [--yes]\n';

const designs: Record<string, QueueDesign> = {
  events: conversationEventsQueue,
  escalations: escalationsQueue,
};

/** The client and DLQs to work on. */
export interface DlqConnection {
  client: SQSClient;
  targets: DlqTarget[];
  describe: string;
}

/** Runs the command; returns the exit code. `connection` is for tests (else dev runtime or `--stage`). */
export async function runDlq(
  argv: string[],
  io: DlqIo = defaultIo,
  connection?: DlqConnection,
): Promise<number> {
  let parsed: ReturnType<typeof parseOptions>;
  try {
    parsed = parseOptions(argv);
  } catch (error) {
    io.stderr(`${message(error)}\n${USAGE}`);
    return 2;
  }
  const { values, positionals } = parsed;
  const [command, id] = positionals;
  const queue = values.queue ?? 'all';
  if (values.help || !command || !['list', 'show', 'redrive', 'purge'].includes(command)) {
    io.stderr(USAGE);
    return values.help ? 0 : 2;
  }
  if (!['events', 'escalations', 'all'].includes(queue)) {
    io.stderr(`--queue must be events, escalations or all\n${USAGE}`);
    return 2;
  }
  if (command === 'show' && !id) {
    io.stderr(USAGE);
    return 2;
  }
  if (command === 'purge' && !values.yes) {
    io.stderr('purge deletes every message of the dead-letter queue for good: rerun with --yes\n');
    return 2;
  }
  let opened: DlqConnection | undefined;
  try {
    opened = connection ?? (await connect(values, io));
    const targets = opened.targets.filter((target) => queue === 'all' || target.name === queue);
    for (const target of targets) {
      if (command === 'list') {
        // Depth first: listing holds the messages invisible for a moment.
        const count = await depth(opened.client, target);
        const messages = await list(opened.client, target);
        io.stdout(`${target.name} DLQ (${opened.describe}): ${count} message(s)\n`);
        for (const item of messages) {
          const group = item.groupId ? `  group ${item.groupId}` : '';
          io.stdout(
            `  ${item.id}  sent ${item.sentAt}  receives ${item.receiveCount}${group}  ${excerpt(item.body)}\n`,
          );
        }
      } else if (command === 'show') {
        const item = await show(opened.client, target, id!);
        if (item) io.stdout(`${JSON.stringify({ queue: target.name, ...item }, null, 2)}\n`);
      } else if (command === 'redrive') {
        const result = await redrive(opened.client, target);
        io.stdout(`${target.name}: ${result.moved.length} message(s) sent back to the queue\n`);
        if (result.tooRecent.length > 0) {
          io.stdout(
            `${target.name}: ${result.tooRecent.length} message(s) first sent under 5 minutes ago left in the DLQ (SQS would drop them as duplicates); redrive again later\n`,
          );
        }
      } else {
        await purge(opened.client, target);
        io.stdout(`${target.name} DLQ purged\n`);
      }
    }
    return 0;
  } catch (error) {
    io.stderr(`dlq ${command} failed: ${message(error)}\n`);
    return 1;
  } finally {
    if (!connection) opened?.client.destroy();
  }
}

function parseOptions(argv: string[]) {
  return parseArgs({
    args: argv,
    options: {
      queue: { type: 'string' },
      stage: { type: 'string' },
      region: { type: 'string' },
      'data-dir': { type: 'string' },
      yes: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
    allowPositionals: true,
    strict: true,
  });
}

type Values = ReturnType<typeof parseOptions>['values'];

/** The deployed queues of `--stage`, else the running dev runtime's. */
async function connect(values: Values, io: DlqIo): Promise<DlqConnection> {
  if (values.stage) {
    const config = stageConfig(values.stage);
    const region = values.region ?? io.env.AWS_REGION ?? io.env.AWS_DEFAULT_REGION;
    const client = new SQSClient(region ? { region } : {});
    const url = async (name: string) =>
      (await client.send(new GetQueueUrlCommand({ QueueName: name }))).QueueUrl ?? '';
    const targets: DlqTarget[] = [];
    for (const [name, design] of Object.entries(designs)) {
      targets.push({
        name,
        url: await url(dlqName(design, config.prefix)),
        sourceUrl: await url(queueName(design, config.prefix)),
        fifo: design.fifo,
      });
    }
    return { client, targets, describe: `stage ${values.stage}` };
  }
  const file = join(resolve(values['data-dir'] ?? io.env.DATA_DIR ?? '.tandem'), DEV_CONNECTION_FILE);
  if (!existsSync(file))
    throw new Error('no running dev runtime (start npm run dev, or pass --stage <name>)');
  const dev = JSON.parse(readFileSync(file, 'utf8')) as {
    sqs?: { endpoint: string; queues: Record<string, { url: string; dlqUrl: string; fifo: boolean }> };
  };
  if (!dev.sqs) throw new Error(`${file} names no SQS endpoint (restart npm run dev)`);
  return {
    client: localSqsClient(dev.sqs.endpoint),
    targets: Object.entries(dev.sqs.queues).map(([name, queue]) => ({
      name,
      url: queue.dlqUrl,
      sourceUrl: queue.url,
      fifo: queue.fifo,
    })),
    describe: `the running dev (${dev.sqs.endpoint})`,
  };
}

function excerpt(body: string): string {
  const flat = body.replace(/\s+/g, ' ');
  return flat.length > 100 ? `${flat.slice(0, 100)}…` : flat;
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
