/**
 * Per-provider credentials with the real Secrets Manager client against a loopback stand-in that speaks
 * its JSON protocol (GetSecretValue only): only the secrets a function has an ARN for are read, once
 * each, and each secret yields only its own provider's keys.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { credentialKeys, providerKeys, readCredentials } from '#shared/credentials.ts';
import { parseEnv } from '#shared/env.ts';

const base = {
  TABLE_NAME: 't',
  EVENTS_QUEUE_URL: 'http://localhost/q1',
  ESCALATIONS_QUEUE_URL: 'http://localhost/q2',
};

const arn = (name: string) => `arn:aws:secretsmanager:us-east-1:123456789012:secret:${name}`;

const secrets: Record<string, string> = {
  [arn('twilio')]: JSON.stringify({
    TWILIO_ACCOUNT_SID: 'AC-from-twilio-secret',
    TWILIO_AUTH_TOKEN: ' token-from-twilio-secret ',
    // A key of another provider in the wrong secret is ignored.
    SLACK_BOT_TOKEN: 'xoxb-misplaced',
  }),
  [arn('slack')]: JSON.stringify({
    SLACK_BOT_TOKEN: 'xoxb-from-slack-secret',
    SLACK_SIGNING_SECRET: 'REPLACE_ME',
  }),
  [arn('anthropic')]: JSON.stringify({ ANTHROPIC_API_KEY: 'sk-ant-from-anthropic-secret' }),
  [arn('legacy')]: JSON.stringify(
    Object.fromEntries(credentialKeys.map((key) => [key, `${key.toLowerCase()}-from-legacy`])),
  ),
};

let server: Server;
const requested: string[] = [];
const saved: Record<string, string | undefined> = {};

beforeAll(async () => {
  server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const target = req.headers['x-amz-target'];
      const { SecretId } = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { SecretId: string };
      requested.push(SecretId);
      const secret = secrets[SecretId];
      res.setHeader('content-type', 'application/x-amz-json-1.1');
      if (target !== 'secretsmanager.GetSecretValue' || secret === undefined) {
        res.writeHead(400).end(JSON.stringify({ __type: 'ResourceNotFoundException', message: 'not found' }));
        return;
      }
      res.writeHead(200).end(JSON.stringify({ ARN: SecretId, Name: SecretId, SecretString: secret }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const overrides = {
    AWS_ENDPOINT_URL_SECRETS_MANAGER: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    AWS_ACCESS_KEY_ID: 'local',
    AWS_SECRET_ACCESS_KEY: 'local',
    AWS_REGION: 'us-east-1',
  };
  for (const [name, value] of Object.entries(overrides)) {
    saved[name] = process.env[name];
    process.env[name] = value;
  }
});

afterAll(async () => {
  for (const [name, value] of Object.entries(saved)) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

describe('readCredentials', () => {
  it('reads only the secrets it has ARNs for, each for its own provider keys only', async () => {
    requested.length = 0;
    const credentials = await readCredentials(
      parseEnv({ ...base, TWILIO_SECRET_ARN: arn('twilio'), SLACK_SECRET_ARN: arn('slack') }),
    );
    expect(requested.sort()).toEqual([arn('slack'), arn('twilio')]);
    expect(credentials).toEqual({
      TWILIO_ACCOUNT_SID: 'AC-from-twilio-secret',
      TWILIO_AUTH_TOKEN: 'token-from-twilio-secret',
      // From the Slack secret, not the misplaced copy in the Twilio secret; the placeholder counts as unset.
      SLACK_BOT_TOKEN: 'xoxb-from-slack-secret',
    });
  });

  it('a function with only the Anthropic ARN gets only the Anthropic key', async () => {
    requested.length = 0;
    const credentials = await readCredentials(parseEnv({ ...base, ANTHROPIC_SECRET_ARN: arn('anthropic') }));
    expect(requested).toEqual([arn('anthropic')]);
    expect(credentials).toEqual({ ANTHROPIC_API_KEY: 'sk-ant-from-anthropic-secret' });
  });

  it('a legacy single SECRET_ARN still works, and fills only the providers without their own secret', async () => {
    requested.length = 0;
    const legacyOnly = await readCredentials(parseEnv({ ...base, SECRET_ARN: arn('legacy') }));
    expect(requested).toEqual([arn('legacy')]);
    expect(Object.keys(legacyOnly).sort()).toEqual([...credentialKeys].sort());

    const mixed = await readCredentials(
      parseEnv({ ...base, SECRET_ARN: arn('legacy'), TWILIO_SECRET_ARN: arn('twilio') }),
    );
    expect(mixed.TWILIO_AUTH_TOKEN).toBe('token-from-twilio-secret');
    expect(mixed.SLACK_BOT_TOKEN).toBe('slack_bot_token-from-legacy');
  });

  it('ignores credentials in the environment once secrets are configured, and uses them without', async () => {
    const environment = { ...base, TWILIO_AUTH_TOKEN: 'env-token', ANTHROPIC_API_KEY: 'env-key' };
    expect(await readCredentials(parseEnv(environment))).toEqual({
      TWILIO_AUTH_TOKEN: 'env-token',
      ANTHROPIC_API_KEY: 'env-key',
    });
    requested.length = 0;
    const fromSecret = await readCredentials(parseEnv({ ...environment, SLACK_SECRET_ARN: arn('slack') }));
    expect(fromSecret).toEqual({ SLACK_BOT_TOKEN: 'xoxb-from-slack-secret' });
  });

  it('an unreadable secret stops start-up (the error names no secret value)', async () => {
    await expect(readCredentials(parseEnv({ ...base, TWILIO_SECRET_ARN: arn('missing') }))).rejects.toThrow(
      /not found/,
    );
  });

  it('every key belongs to exactly one provider', () => {
    const all = Object.values(providerKeys).flat();
    expect(new Set(all).size).toBe(all.length);
    expect([...all].sort()).toEqual([...credentialKeys].sort());
  });
});
