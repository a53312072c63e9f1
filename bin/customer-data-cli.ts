/**
 * `npm run erase -- <number>` and `npm run export -- <number>`: a customer's data by phone number.
 *   [--stage <name>]     a deployed table (AWS credentials; table and Slack secret from the stateful stack)
 *   [--endpoint <url> --table <name>]   a DynamoDB endpoint (default: the dev runtime's, see below)
 *   [--data-dir <dir>]   the dev runtime's data dir (default DATA_DIR or .tandem)
 *   [--scan]             also scan the whole table (data written before the customer index existed)
 *   [--out <file>]       export only: write the JSON there instead of stdout
 * Locally, a running `npm run dev` is reached through `<data dir>/dev.json`; otherwise DynamoDB Local is
 * started on the same data dir for the duration of the command. Slack: `SLACK_BOT_TOKEN` (and
 * `SLACK_API_URL`) from the environment, the emulated Slack of a running dev, or the deployed Slack secret
 * with `--stage`; without a token the Slack threads are left as they are, and the command says so.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { userInfo } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { DynamoDBClient as Client, type DynamoDBClient, ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { DynamoDbConversationStore } from '../functions/adapters/dynamodb-conversation-store.ts';
import { SlackAgentDesk } from '../functions/adapters/slack-agent-desk.ts';
import {
  eraseCustomer,
  exportCustomer,
  normalizeCustomerNumber,
} from '../functions/core/use-cases/customer-data.ts';
import { localDynamoClient, startDynamoDbLocal } from '../local/dynamodb-local.ts';
import { freePort } from '../local/ports.ts';
import { DEV_CONNECTION_FILE } from '../local/runtime.ts';

/** Where the command writes and which environment it reads. */
export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  env: Record<string, string | undefined>;
}

const defaultIo: CliIo = {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  env: process.env,
};

/** A table to work on (and the Slack that goes with it). */
export interface Target {
  store: DynamoDbConversationStore;
  slack?: { token: string; apiUrl?: string };
  describe: string;
  close(): Promise<void>;
}

const OPTIONS = {
  stage: { type: 'string' },
  endpoint: { type: 'string' },
  table: { type: 'string' },
  'data-dir': { type: 'string' },
  region: { type: 'string' },
  requester: { type: 'string' },
  scan: { type: 'boolean', default: false },
  out: { type: 'string' },
  help: { type: 'boolean', short: 'h', default: false },
} as const;

/** `npm run erase`; returns the exit code. */
export async function runErase(argv: string[], io: CliIo = defaultIo): Promise<number> {
  return run('erase', argv, io, async (target, customerAddress, values) => {
    if (!target.slack) {
      io.stderr(
        'No Slack token (SLACK_BOT_TOKEN, a running dev, or --stage): Slack threads are NOT erased; rerun with a token to erase them.\n',
      );
    }
    const desk = target.slack
      ? SlackAgentDesk.create({
          token: target.slack.token,
          channel: 'unused',
          ...(target.slack.apiUrl ? { slackApiUrl: target.slack.apiUrl } : {}),
        })
      : undefined;
    const result = await eraseCustomer(
      { customerData: target.store, clock: { now: () => new Date() }, ...(desk ? { desk } : {}) },
      {
        customerAddress,
        requester: values.requester ?? `cli:${safeUser()}`,
        scan: values.scan === true,
      },
    );
    io.stdout(`${JSON.stringify(result.audit, null, 2)}\n`);
    io.stderr(`Erased from ${target.describe}. Audit record ${result.audit.eraseId} written.\n`);
  });
}

/** `npm run export`; returns the exit code. */
export async function runExport(argv: string[], io: CliIo = defaultIo): Promise<number> {
  return run('export', argv, io, async (target, customerAddress, values) => {
    const document = await exportCustomer(
      { customerData: target.store, clock: { now: () => new Date() } },
      { customerAddress, scan: values.scan === true },
    );
    const json = `${JSON.stringify(document, null, 2)}\n`;
    if (values.out) {
      writeFileSync(values.out, json, { mode: 0o600 });
      io.stderr(`Exported from ${target.describe} to ${values.out}.\n`);
    } else {
      io.stdout(json);
    }
  });
}

/** Parsed options. */
export type Values = {
  [K in keyof typeof OPTIONS]?: (typeof OPTIONS)[K]['type'] extends 'boolean' ? boolean : string;
};

async function run(
  name: 'erase' | 'export',
  argv: string[],
  io: CliIo,
  action: (target: Target, customerAddress: string, values: Values) => Promise<void>,
): Promise<number> {
  let parsed: { values: Values; positionals: string[] };
  try {
    parsed = parseArgs({
      args: argv,
      options: OPTIONS,
      allowPositionals: true,
      strict: true,
    }) as typeof parsed;
  } catch (error) {
    io.stderr(`${message(error)}\n`);
    return 2;
  }
  const { values, positionals } = parsed;
  if (values.help || positionals.length !== 1) {
    io.stderr(
      `usage: npm run ${name} -- <+E164 number> [--stage <name> | --endpoint <url> --table <name>] [--scan]${name === 'export' ? ' [--out <file>]' : ''}\n`,
    );
    return values.help ? 0 : 2;
  }
  const customerAddress = normalizeCustomerNumber(positionals[0]!);
  if (!customerAddress) {
    io.stderr('The number must be in E.164 form, e.g. +15551234567.\n');
    return 2;
  }
  let target: Target | undefined;
  try {
    target = await connect(values, io);
    await action(target, customerAddress, values);
    return 0;
  } catch (error) {
    io.stderr(`${name} failed: ${message(error)}\n`);
    return 1;
  } finally {
    await target?.close();
  }
}

/** The table (and Slack) to work on: explicit endpoint, a deployed stage, or the dev runtime's data. */
export async function connect(values: Values, io: CliIo): Promise<Target> {
  const envSlack = io.env.SLACK_BOT_TOKEN
    ? { token: io.env.SLACK_BOT_TOKEN, ...(io.env.SLACK_API_URL ? { apiUrl: io.env.SLACK_API_URL } : {}) }
    : undefined;
  if (values.stage) {
    const region = values.region ?? io.env.AWS_REGION ?? io.env.AWS_DEFAULT_REGION;
    const outputs = stackOutputs(`tandem-${values.stage}-stateful`, region);
    const tableName = values.table ?? outputs.TableName;
    if (!tableName)
      throw new Error(`no TableName output on tandem-${values.stage}-stateful (deploy it first)`);
    const client = new Client(region ? { region } : {});
    const secretArn = outputs.SlackCredentialsSecretArn ?? outputs.CredentialsSecretArn;
    const slack = envSlack ?? (secretArn ? await slackFromSecret(secretArn, region) : undefined);
    return target(client, tableName, `table ${tableName} (stage ${values.stage})`, slack);
  }
  if (values.endpoint) {
    return target(localDynamoClient(values.endpoint), values.table ?? 'tandem', values.endpoint, envSlack);
  }
  const dataDir = resolve(values['data-dir'] ?? io.env.DATA_DIR ?? '.tandem');
  const connectionFile = join(dataDir, DEV_CONNECTION_FILE);
  if (existsSync(connectionFile)) {
    const dev = JSON.parse(readFileSync(connectionFile, 'utf8')) as {
      dynamoEndpoint: string;
      tableName: string;
      slack?: { apiUrl: string; botToken: string };
    };
    const client = localDynamoClient(dev.dynamoEndpoint);
    if (await answers(client)) {
      const slack =
        envSlack ?? (dev.slack ? { token: dev.slack.botToken, apiUrl: dev.slack.apiUrl } : undefined);
      return target(client, values.table ?? dev.tableName, `the running dev (${dev.dynamoEndpoint})`, slack);
    }
    client.destroy();
  }
  if (!existsSync(join(dataDir, 'dynamodb')))
    throw new Error(`no dev data in ${dataDir} (run npm run dev first)`);
  const local = await startDynamoDbLocal({ port: await freePort(), dataDir: join(dataDir, 'dynamodb') });
  const client = localDynamoClient(local.endpoint);
  const started = target(client, values.table ?? 'tandem', `the dev data in ${dataDir}`, envSlack);
  return {
    ...started,
    close: async () => {
      await started.close();
      await local.stop();
    },
  };
}

function target(client: DynamoDBClient, tableName: string, describe: string, slack: Target['slack']): Target {
  const store = new DynamoDbConversationStore(
    DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } }),
    tableName,
  );
  return {
    store,
    describe,
    ...(slack ? { slack } : {}),
    close: async () => client.destroy(),
  };
}

async function answers(client: DynamoDBClient): Promise<boolean> {
  try {
    await client.send(new ListTablesCommand({ Limit: 1 }));
    return true;
  } catch {
    return false;
  }
}

/** The stack's outputs, through the AWS CLI (no CloudFormation SDK in the dependencies). */
function stackOutputs(stackName: string, region: string | undefined): Record<string, string> {
  const out = execFileSync(
    'aws',
    [
      'cloudformation',
      'describe-stacks',
      '--stack-name',
      stackName,
      '--query',
      'Stacks[0].Outputs',
      '--output',
      'json',
      ...(region ? ['--region', region] : []),
    ],
    { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const outputs = (JSON.parse(out) ?? []) as { OutputKey: string; OutputValue: string }[];
  return Object.fromEntries(outputs.map((output) => [output.OutputKey, output.OutputValue]));
}

async function slackFromSecret(secretArn: string, region: string | undefined): Promise<Target['slack']> {
  const { SecretsManagerClient, GetSecretValueCommand } = await import('@aws-sdk/client-secrets-manager');
  const client = new SecretsManagerClient(region ? { region } : {});
  try {
    const result = await client.send(new GetSecretValueCommand({ SecretId: secretArn }));
    const token = (JSON.parse(result.SecretString ?? '{}') as Record<string, string>).SLACK_BOT_TOKEN;
    return token?.startsWith('xox') ? { token } : undefined;
  } finally {
    client.destroy();
  }
}

function safeUser(): string {
  try {
    return userInfo().username;
  } catch {
    return 'unknown';
  }
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
