/**
 * The twilio-webhook bundle as deployed (the construct's esbuild settings and stubs, the dev stage's model
 * provider), run in a fresh process against DynamoDB Local, fauxqs and a loopback Secrets Manager: it
 * reads its Twilio secret, verifies the signature (403 when it is wrong), stores the message once and
 * enqueues it, as the unbundled handler does. What the bundle leaves out (the event-stream codec, the
 * endpoint-discovery cache) is never reached on that path.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { ReceiveMessageCommand } from '@aws-sdk/client-sqs';
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { build, type Metafile } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { devStage } from '../../lib/config/stages.ts';
import { esbuildBuildOptions } from '../../lib/constructs/tandem-function.ts';
import { handlerEntry } from '../../lib/paths.ts';
import { freshQueues, freshTable } from '../helpers/aws.ts';
import { signedTwilioForm } from '../helpers/twilio-signing.ts';

const run = promisify(execFile);
const dir = mkdtempSync(join(tmpdir(), 'tandem-webhook-bundle-'));
const outfile = join(dir, 'index.mjs');
const publicBaseUrl = 'https://hooks.example.test';
const authToken = 'bundle-test-auth-token';
const secretArn = 'arn:aws:secretsmanager:us-east-1:123456789012:secret:tandem-twilio';
let metafile: Metafile | undefined;
let environment: Record<string, string>;
let table: Awaited<ReturnType<typeof freshTable>>;
let queues: Awaited<ReturnType<typeof freshQueues>>;
let secretsManager: Server;
const secretReads: string[] = [];

beforeAll(async () => {
  ({ metafile } = await build({
    ...esbuildBuildOptions(handlerEntry('twilio-webhook'), outfile, devStage.modelProvider, 'twilio-webhook'),
    metafile: true,
    logLevel: 'error',
  }));
  [table, queues] = await Promise.all([freshTable(), freshQueues()]);
  // Secrets Manager's JSON protocol, GetSecretValue only: the Twilio secret, as the stack creates it.
  secretsManager = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const { SecretId } = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { SecretId: string };
      secretReads.push(SecretId);
      res.setHeader('content-type', 'application/x-amz-json-1.1');
      if (req.headers['x-amz-target'] !== 'secretsmanager.GetSecretValue' || SecretId !== secretArn) {
        res.writeHead(400).end(JSON.stringify({ __type: 'ResourceNotFoundException', message: 'not found' }));
        return;
      }
      const SecretString = JSON.stringify({
        TWILIO_ACCOUNT_SID: `AC${'0'.repeat(32)}`,
        TWILIO_AUTH_TOKEN: authToken,
      });
      res.writeHead(200).end(JSON.stringify({ ARN: SecretId, Name: 'tandem-twilio', SecretString }));
    });
  });
  await new Promise<void>((resolve) => secretsManager.listen(0, '127.0.0.1', resolve));
  environment = {
    PATH: process.env.PATH ?? '',
    AWS_REGION: 'us-east-1',
    AWS_ACCESS_KEY_ID: 'local',
    AWS_SECRET_ACCESS_KEY: 'local',
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
    AWS_ENDPOINT_URL_DYNAMODB: table.endpoint,
    AWS_ENDPOINT_URL_SQS: queues.endpoint,
    AWS_ENDPOINT_URL_SECRETS_MANAGER: `http://127.0.0.1:${(secretsManager.address() as AddressInfo).port}`,
    TABLE_NAME: table.tableName,
    EVENTS_QUEUE_URL: queues.events.url,
    ESCALATIONS_QUEUE_URL: queues.escalations.url,
    PUBLIC_BASE_URL: publicBaseUrl,
    TWILIO_SECRET_ARN: secretArn,
    LOG_LEVEL: 'SILENT',
  };
}, 120_000);

afterAll(async () => {
  rmSync(dir, { recursive: true, force: true });
  await new Promise<void>((resolve) => secretsManager?.close(() => resolve()));
});

/** An API Gateway (HTTP API) event for a Twilio form post to `/twilio/messages`, signed with `token`. */
function twilioEvent(params: Record<string, string>, token: string): object {
  const { body, headers } = signedTwilioForm(`${publicBaseUrl}/twilio/messages`, params, token);
  return {
    version: '2.0',
    routeKey: 'POST /twilio/messages',
    rawPath: '/twilio/messages',
    rawQueryString: '',
    headers,
    requestContext: { http: { method: 'POST' }, domainName: 'abc.execute-api.us-east-1.amazonaws.com' },
    body,
    isBase64Encoded: false,
  };
}

/** Imports the bundle in a fresh process (it reads its configuration at load) and invokes it once per event. */
async function invoke(events: object[]): Promise<{ statusCode: number; body?: string }[]> {
  const script = `const { handler } = await import(${JSON.stringify(pathToFileURL(outfile).href)});
const results = [];
for (const event of ${JSON.stringify(events)}) {
  results.push(await handler(event, { functionName: 'twilio-webhook', awsRequestId: 'r' + results.length, getRemainingTimeInMillis: () => 60000 }));
}
process.stdout.write('\\n' + JSON.stringify(results));`;
  const { stdout } = await run(process.execPath, ['--input-type=module', '-e', script], {
    cwd: tmpdir(),
    env: environment,
  });
  return JSON.parse(stdout.trim().split('\n').pop() ?? '[]') as { statusCode: number; body?: string }[];
}

/** The items stored under a conversation. */
async function conversationItems(conversationId: string): Promise<Record<string, unknown>[]> {
  const { Items } = await table.documentClient.send(
    new QueryCommand({
      TableName: table.tableName,
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': `CONV#${conversationId}` },
    }),
  );
  return Items ?? [];
}

const message = (sid: string) => ({
  MessageSid: sid,
  AccountSid: `AC${'0'.repeat(32)}`,
  From: 'whatsapp:+15551230001',
  To: 'whatsapp:+15550100000',
  Body: 'Where is my order?',
  NumMedia: '0',
});
const conversationId = 'whatsapp|+15551230001|+15550100000';

describe('twilio-webhook bundle', () => {
  it('leaves out the event-stream codec and the endpoint-discovery LRU cache', () => {
    const inputs = Object.keys(metafile?.inputs ?? {});
    expect(inputs.some((input) => input.includes('node_modules/@aws-sdk/client-dynamodb/'))).toBe(true);
    for (const left of ['@smithy/core/dist-es/submodules/event-streams/', 'mnemonist/', 'obliterator/']) {
      expect(
        inputs.filter((input) => input.includes(`node_modules/${left}`)),
        left,
      ).toEqual([]);
    }
  });

  it('reads its Twilio secret, stores a signed message once and enqueues it, and answers empty TwiML to a retry too', async () => {
    const sid = `SM${'a'.repeat(32)}`;
    const event = twilioEvent(message(sid), authToken);
    const results = await invoke([event, event]);
    for (const result of results) {
      expect(result.statusCode).toBe(200);
      expect(result.body).toBe('<?xml version="1.0" encoding="UTF-8"?><Response/>');
    }
    expect(secretReads).toContain(secretArn);
    const items = await conversationItems(conversationId);
    expect(items.filter((item) => item.itemType === 'message')).toEqual([
      expect.objectContaining({ messageId: sid, direction: 'inbound', text: 'Where is my order?' }),
    ]);
    expect(items.filter((item) => item.itemType === 'message-id')).toHaveLength(1);
    const received = await queues.client.send(
      new ReceiveMessageCommand({ QueueUrl: queues.events.url, MaxNumberOfMessages: 10, WaitTimeSeconds: 1 }),
    );
    // The retry publishes again; the FIFO queue's deduplication (id = MessageSid) keeps one.
    expect(received.Messages?.map((queued) => JSON.parse(queued.Body ?? '{}').eventId)).toEqual([sid]);
  });

  it('refuses a request signed with another token with 403 and stores nothing', async () => {
    const sid = `SM${'b'.repeat(32)}`;
    const [result] = await invoke([
      twilioEvent({ ...message(sid), From: 'whatsapp:+15551230002' }, 'forged'),
    ]);
    expect(result?.statusCode).toBe(403);
    expect(await conversationItems('whatsapp|+15551230002|+15550100000')).toEqual([]);
  });
});
