import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { type LocalRuntime, startLocalRuntime } from '#local/runtime.ts';

/** Environment without third-party credentials, so every service is emulated. */
const noCredentials = {
  TWILIO_ACCOUNT_SID: '',
  TWILIO_AUTH_TOKEN: '',
  SLACK_BOT_TOKEN: '',
  SLACK_SIGNING_SECRET: '',
  ANTHROPIC_API_KEY: '',
  MODEL_PROVIDER: '',
};

/** Processes whose command line mentions `text` (other than this check itself). */
function processesMentioning(text: string): string[] {
  try {
    return execFileSync('pgrep', ['-f', '-a', text], { encoding: 'utf8' })
      .split('\n')
      .filter((line) => line.trim() && !line.includes('pgrep'));
  } catch {
    return []; // pgrep exits 1 when nothing matches
  }
}

function exited(child: ChildProcess): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) {
      resolve({ code: child.exitCode, signal: child.signalCode });
      return;
    }
    child.once('exit', (code, signal) => resolve({ code, signal }));
  });
}

describe('npm run dev (bin/dev.ts)', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'tandem-dev-'));

  afterAll(() => {
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('starts everything, answers /health, and on SIGTERM exits 0 leaving no Java process behind', async () => {
    // --reset must wipe whatever was there.
    mkdirSync(dataDir, { recursive: true });
    writeFileSync(join(dataDir, 'stale-marker'), 'old');

    // tsx directly (as `npm run dev` runs it): npx would report its own death by signal, not our exit code.
    const child = spawn(join('node_modules', '.bin', 'tsx'), ['bin/dev.ts', '--reset'], {
      cwd: process.cwd(),
      env: { ...process.env, ...noCredentials, PORT: '0', DATA_DIR: dataDir },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.stderr!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    const exit = exited(child);

    try {
      // The banner names the URL once everything is up.
      const url = await new Promise<string>((resolve, reject) => {
        const check = () => {
          const match = output.match(/running at (http:\/\/localhost:\d+)/);
          if (match) resolve(match[1]!);
        };
        child.stdout!.on('data', check);
        void exit.then(({ code }) => reject(new Error(`dev exited early (${code}):\n${output}`)));
      });
      expect(existsSync(join(dataDir, 'stale-marker'))).toBe(false);
      expect(processesMentioning(dataDir).some((line) => line.includes('java'))).toBe(true);

      const response = await fetch(`${url}/health`);
      const health = (await response.json()) as {
        status: string;
        components: Record<string, unknown> & { handlers: Record<string, string> };
      };
      expect(health.components).toMatchObject({
        dynamodb: 'up',
        sqs: 'up',
        twilio: 'emulated',
        slack: 'emulated',
        model: 'offline',
      });
      const allReady = Object.values(health.components.handlers).every((state) => state !== 'failed');
      expect(response.status).toBe(allReady ? 200 : 503);
      expect(health.status).toBe(allReady ? 'ok' : 'degraded');
      expect(output).toContain('POST');
      expect(output).toContain('/twilio/messages');
      expect(output).toMatch(/twilio\s+emulated/);
    } finally {
      child.kill('SIGTERM');
    }

    const { code, signal } = await exit;
    expect({ code, signal }).toEqual({ code: 0, signal: null });
    // Give the OS a moment to reap; then no process may still use the data directory.
    for (let i = 0; i < 20 && processesMentioning(dataDir).length > 0; i++) {
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    expect(processesMentioning(dataDir)).toEqual([]);
    // DynamoDB Local persisted its data under DATA_DIR.
    expect(existsSync(join(dataDir, 'dynamodb', 'shared-local-instance.db'))).toBe(true);
  }, 120_000);
});

describe('startLocalRuntime on running DynamoDB Local and fauxqs', () => {
  let runtime: LocalRuntime;

  beforeAll(async () => {
    runtime = await startLocalRuntime({
      port: 0,
      dynamoEndpoint: inject('dynamoEndpoint'),
      sqsEndpoint: inject('sqsEndpoint'),
      resourcePrefix: `rt${Date.now().toString(36)}`,
      env: noCredentials,
      quiet: true,
      sweepIntervalMs: 0,
    });
  });

  afterAll(async () => {
    await runtime?.stop();
  });

  it('emulates Twilio and Slack without credentials and exports the handler environment', () => {
    const { services } = runtime;
    expect(services.twilio.mode).toBe('emulated');
    expect(services.twilio.fake?.url).toBe(services.twilio.apiUrl);
    expect(services.slack.mode).toBe('emulated');
    expect(services.slack.apiUrl).toMatch(/\/api\/$/);
    expect(services.model).toBe('offline');
    expect(process.env).toMatchObject({
      TABLE_NAME: services.tableName,
      EVENTS_QUEUE_URL: services.queues.events.url,
      ESCALATIONS_QUEUE_URL: services.queues.escalations.url,
      AWS_ENDPOINT_URL_DYNAMODB: services.dynamoEndpoint,
      AWS_ENDPOINT_URL_SQS: services.sqsEndpoint,
      PUBLIC_BASE_URL: runtime.url,
      TWILIO_API_URL: services.twilio.apiUrl,
      TWILIO_ACCOUNT_SID: services.twilio.accountSid,
      SLACK_API_URL: services.slack.apiUrl,
      SLACK_BOT_TOKEN: services.slack.botToken,
      SLACK_ESCALATION_CHANNEL: 'C0TANDEM',
      MODEL_PROVIDER: 'offline',
    });
    // The queue URLs must pass the env schema's URL check.
    expect(() => new URL(services.queues.events.url)).not.toThrow();
  });

  it('reports every component on /health and 404s unknown routes', async () => {
    const response = await fetch(`${runtime.url}/health`);
    const health = (await response.json()) as { components: Record<string, unknown> };
    expect(health.components).toMatchObject({
      dynamodb: 'up',
      sqs: 'up',
      twilio: 'emulated',
      slack: 'emulated',
    });
    expect(Object.keys(health.components.handlers as object).sort()).toEqual(
      [
        'conversation-worker',
        'escalation-notifier',
        'sla-sweeper',
        'slack-events',
        'twilio-status',
        'twilio-webhook',
      ].sort(),
    );
    const missing = await fetch(`${runtime.url}/nowhere`, { method: 'POST' });
    expect(missing.status).toBe(404);
  });

  it('drain resolves once the queues are empty', async () => {
    await expect(runtime.drain({ timeoutMs: 10_000 })).resolves.toBeUndefined();
  });
});
