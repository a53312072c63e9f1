/**
 * The slack-events bundle, built with the construct's esbuild settings, leaves out the Bolt receivers
 * Tandem never runs in Lambda (Express, Socket Mode, OAuth) and still verifies and answers signed requests.
 */
import { spawnSync } from 'node:child_process';
import { createHmac } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build, type Metafile } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { esbuildBuildOptions } from '../../lib/constructs/tandem-function.ts';
import { handlerEntry } from '../../lib/paths.ts';

const dir = mkdtempSync(join(tmpdir(), 'tandem-slack-bundle-'));
const outfile = join(dir, 'index.mjs');
const signingSecret = 'bundle-test-signing-secret';
let metafile: Metafile | undefined;

beforeAll(async () => {
  ({ metafile } = await build({
    ...esbuildBuildOptions(handlerEntry('slack-events'), outfile),
    metafile: true,
    logLevel: 'error',
  }));
}, 120_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/**
 * Imports the bundle in a fresh process (the handler reads its environment at load) and posts `body`
 * signed as Slack signs it (`v0:<timestamp>:<body>`, HMAC-SHA256) with `secret`.
 */
function post(body: string, secret: string): { statusCode: number; body?: string } {
  const timestamp = String(Math.floor(Date.now() / 1000));
  const signature = `v0=${createHmac('sha256', secret).update(`v0:${timestamp}:${body}`).digest('hex')}`;
  const event = {
    version: '2.0',
    routeKey: 'POST /slack/events',
    rawPath: '/slack/events',
    rawQueryString: '',
    headers: {
      'content-type': 'application/json',
      'x-slack-signature': signature,
      'x-slack-request-timestamp': timestamp,
    },
    requestContext: { http: { method: 'POST' } },
    body,
    isBase64Encoded: false,
  };
  const script = `const { handler } = await import(${JSON.stringify(pathToFileURL(outfile).href)});
const result = await handler(${JSON.stringify(event)}, { functionName: 'test', getRemainingTimeInMillis: () => 3000 });
process.stdout.write('\\n' + JSON.stringify(result));`;
  const run = spawnSync(process.execPath, ['--input-type=module', '-e', script], {
    encoding: 'utf8',
    cwd: tmpdir(),
    env: {
      PATH: process.env.PATH ?? '',
      AWS_REGION: 'us-east-1',
      AWS_ACCESS_KEY_ID: 'test',
      AWS_SECRET_ACCESS_KEY: 'test',
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
      // Loopback endpoints on a closed port: a url_verification touches neither DynamoDB nor Slack.
      AWS_ENDPOINT_URL_DYNAMODB: 'http://127.0.0.1:9',
      TABLE_NAME: 'tandem-test',
      EVENTS_QUEUE_URL: 'http://127.0.0.1:9/000000000000/events.fifo',
      ESCALATIONS_QUEUE_URL: 'http://127.0.0.1:9/000000000000/escalations',
      SLACK_API_URL: 'http://127.0.0.1:9/api/',
      TWILIO_API_URL: 'http://127.0.0.1:9',
      TWILIO_ACCOUNT_SID: `AC${'0'.repeat(32)}`,
      TWILIO_AUTH_TOKEN: 'test-token',
      SLACK_BOT_TOKEN: 'xoxb-test',
      SLACK_SIGNING_SECRET: signingSecret,
      MODEL_PROVIDER: 'offline',
      LOG_LEVEL: 'SILENT',
    },
  });
  if (run.status !== 0) throw new Error(run.stderr);
  return JSON.parse(run.stdout.trim().split('\n').pop() ?? '{}') as { statusCode: number; body?: string };
}

describe('slack-events bundle', () => {
  it('contains none of Express, Socket Mode, OAuth, raw-body or Twilio (the worker sends to customers)', () => {
    const inputs = Object.keys(metafile?.inputs ?? {});
    expect(inputs.length).toBeGreaterThan(0);
    for (const name of ['express', '@slack/socket-mode', '@slack/oauth', 'raw-body', 'undici', 'twilio']) {
      expect(
        inputs.filter((input) => input.includes(`node_modules/${name}/`)),
        name,
      ).toEqual([]);
    }
  });

  it('answers a signed url_verification with its challenge', () => {
    const body = JSON.stringify({ type: 'url_verification', token: 't', challenge: 'bundled-challenge' });
    const result = post(body, signingSecret);
    expect(result.statusCode).toBe(200);
    expect(result.body).toContain('bundled-challenge');
  });

  it('rejects a request signed with another secret with 401', () => {
    const body = JSON.stringify({ type: 'url_verification', token: 't', challenge: 'forged' });
    const result = post(body, 'not-the-signing-secret');
    expect(result.statusCode).toBe(401);
    expect(result.body ?? '').not.toContain('forged');
  });
});
