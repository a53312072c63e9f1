/**
 * `npm run dlq` against fauxqs: list, show, redrive (idempotent: an interrupted redrive rerun delivers each
 * message once), purge, and the command line.
 */
import { ReceiveMessageCommand, SendMessageCommand, type SQSClient } from '@aws-sdk/client-sqs';
import { beforeEach, describe, expect, it } from 'vitest';
import { runDlq } from '../../bin/dlq-cli.ts';
import { type DlqTarget, depth, list, redrive, show } from '../../bin/dlq-commands.ts';
import { freshQueues } from '../helpers/aws.ts';

let queues: Awaited<ReturnType<typeof freshQueues>>;
let events: DlqTarget;
let escalations: DlqTarget;

beforeEach(async () => {
  queues = await freshQueues();
  events = { name: 'events', url: queues.events.dlqUrl, sourceUrl: queues.events.url, fifo: true };
  escalations = {
    name: 'escalations',
    url: queues.escalations.dlqUrl,
    sourceUrl: queues.escalations.url,
    fifo: false,
  };
});

async function deadLetter(client: SQSClient, target: DlqTarget, body: string, group?: string): Promise<void> {
  await client.send(
    new SendMessageCommand({
      QueueUrl: target.url,
      MessageBody: body,
      ...(target.fifo ? { MessageGroupId: group ?? 'g', MessageDeduplicationId: `dedupe-${body}` } : {}),
    }),
  );
}

async function drainSource(client: SQSClient, url: string): Promise<string[]> {
  const bodies: string[] = [];
  for (;;) {
    const { Messages = [] } = await client.send(
      new ReceiveMessageCommand({
        QueueUrl: url,
        MaxNumberOfMessages: 10,
        WaitTimeSeconds: 0,
        VisibilityTimeout: 30,
      }),
    );
    if (Messages.length === 0) return bodies;
    bodies.push(...Messages.map((message) => message.Body ?? ''));
  }
}

const io = () => {
  const out: string[] = [];
  const err: string[] = [];
  return {
    out,
    err,
    io: { stdout: (t: string) => void out.push(t), stderr: (t: string) => void err.push(t), env: {} },
  };
};

describe('dlq commands', () => {
  it('list shows each message once with its group, and show finds one by id', async () => {
    await deadLetter(queues.client, events, '{"eventId":"e1"}', 'conv-1');
    await deadLetter(queues.client, events, '{"eventId":"e2"}', 'conv-2');
    const messages = await list(queues.client, events, 0);
    expect(messages.map((message) => message.body).sort()).toEqual(['{"eventId":"e1"}', '{"eventId":"e2"}']);
    expect(messages.map((message) => message.groupId).sort()).toEqual(['conv-1', 'conv-2']);
    const one = await show(queues.client, events, messages[0]!.id);
    expect(one?.body).toBe(messages[0]!.body);
  });

  it('redrive moves every message back, keeping the FIFO group and deduplication id', async () => {
    await deadLetter(queues.client, events, 'a', 'conv-1');
    await deadLetter(queues.client, escalations, 'card');
    expect(await redrive(queues.client, events, { minAgeMs: 0 })).toMatchObject({ tooRecent: [] });
    expect((await redrive(queues.client, escalations)).moved).toHaveLength(1);
    expect(await depth(queues.client, events)).toBe(0);
    expect(await depth(queues.client, escalations)).toBe(0);
    const { Messages = [] } = await queues.client.send(
      new ReceiveMessageCommand({ QueueUrl: events.sourceUrl, MessageSystemAttributeNames: ['All'] }),
    );
    expect(Messages[0]?.Attributes?.MessageGroupId).toBe('conv-1');
    expect(Messages[0]?.Attributes?.MessageDeduplicationId).toBe('dedupe-a');
    expect(await drainSource(queues.client, escalations.sourceUrl)).toEqual(['card']);
  });

  it('a redrive interrupted between send and delete, then rerun, delivers the message once', async () => {
    await deadLetter(queues.client, events, 'once', 'conv-1');
    await expect(
      redrive(queues.client, events, {
        minAgeMs: 0,
        holdSeconds: 1,
        afterSend: () => {
          throw new Error('interrupted');
        },
      }),
    ).rejects.toThrow('interrupted');
    await new Promise((resolve) => setTimeout(resolve, 1200));
    expect((await redrive(queues.client, events, { minAgeMs: 0 })).moved).toHaveLength(1);
    expect(await depth(queues.client, events)).toBe(0);
    // Sent twice with the same deduplication id: the queue holds it once.
    expect(await drainSource(queues.client, events.sourceUrl)).toEqual(['once']);
  });

  it('FIFO messages younger than the deduplication window stay in the DLQ', async () => {
    await deadLetter(queues.client, events, 'young', 'conv-1');
    const result = await redrive(queues.client, events, { holdSeconds: 0 });
    expect(result.moved).toHaveLength(0);
    expect(result.tooRecent).toHaveLength(1);
  });
});

describe('npm run dlq', () => {
  it('lists, refuses a purge without --yes, and purges with it', async () => {
    await deadLetter(queues.client, escalations, 'stuck-card');
    const connection = { client: queues.client, targets: [events, escalations], describe: 'test' };
    const listed = io();
    expect(await runDlq(['list'], listed.io, connection)).toBe(0);
    expect(listed.out.join('')).toContain('escalations DLQ (test): 1 message(s)');
    expect(listed.out.join('')).toContain('stuck-card');
    const refused = io();
    expect(await runDlq(['purge', '--queue', 'escalations'], refused.io, connection)).toBe(2);
    expect(refused.err.join('')).toContain('--yes');
    expect(await runDlq(['purge', '--queue', 'escalations', '--yes'], io().io, connection)).toBe(0);
    expect(await depth(queues.client, escalations)).toBe(0);
  });

  it('rejects an unknown command or queue with the usage', async () => {
    const bad = io();
    expect(await runDlq(['drop'], bad.io)).toBe(2);
    expect(bad.err.join('')).toContain('usage: npm run dlq');
    expect(await runDlq(['list', '--queue', 'nope'], io().io)).toBe(2);
  });
});
