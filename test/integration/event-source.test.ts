import { createHash } from 'node:crypto';
import {
  BatchProcessor,
  EventType,
  processPartialResponse,
  SqsFifoPartialProcessorAsync,
} from '@aws-lambda-powertools/batch';
import {
  DeleteMessageCommand,
  GetQueueAttributesCommand,
  ReceiveMessageCommand,
  SendMessageCommand,
  type SQSClient,
} from '@aws-sdk/client-sqs';
import type { SQSEvent, SQSRecord } from 'aws-lambda';
import { afterEach, describe, expect, it } from 'vitest';
import type { QueueDesign } from '#lib/design.ts';
import {
  deletableRecords,
  type EventSource,
  type SqsHandler,
  startEventSource,
} from '#local/event-source.ts';
import { freshQueue } from '../helpers/aws.ts';

/** Short visibility timeouts keep redelivery quick. */
function design(overrides: Partial<QueueDesign>): QueueDesign {
  return {
    name: 'poller',
    fifo: false,
    visibilityTimeoutSeconds: 1,
    maxReceiveCount: 5,
    batchSize: 10,
    consumerTimeoutSeconds: 1,
    ...overrides,
  };
}

const sources: EventSource[] = [];
afterEach(async () => {
  await Promise.all(sources.splice(0).map((source) => source.stop()));
});

function poll(options: Parameters<typeof startEventSource>[0]): EventSource {
  const source = startEventSource({ waitTimeSeconds: 1, ...options });
  sources.push(source);
  return source;
}

async function send(client: SQSClient, queueUrl: string, body: string, groupId?: string): Promise<void> {
  await client.send(
    new SendMessageCommand({
      QueueUrl: queueUrl,
      MessageBody: body,
      MessageGroupId: groupId,
      MessageDeduplicationId: groupId ? body : undefined,
    }),
  );
}

async function messagesLeft(client: SQSClient, queueUrl: string): Promise<number> {
  const { Attributes } = await client.send(
    new GetQueueAttributesCommand({
      QueueUrl: queueUrl,
      AttributeNames: ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible'],
    }),
  );
  return (
    Number(Attributes?.ApproximateNumberOfMessages) +
    Number(Attributes?.ApproximateNumberOfMessagesNotVisible)
  );
}

/** A promise with its resolver, to wait for the handler to reach a point. */
function signal(): { promise: Promise<void>; resolve: () => void } {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => {
    resolve = r;
  });
  return { promise, resolve };
}

describe('startEventSource', () => {
  it('builds the SQSEvent Lambda would send, with system and message attributes', async () => {
    const { client, pair } = await freshQueue(design({ fifo: true }));
    const events: SQSEvent[] = [];
    const seen = signal();
    const source = poll({
      client,
      queueUrl: pair.url,
      batchSize: 10,
      fifo: true,
      handler: async (event) => {
        events.push(event);
        seen.resolve();
      },
    });
    await client.send(
      new SendMessageCommand({
        QueueUrl: pair.url,
        MessageBody: '{"hello":"world"}',
        MessageGroupId: 'conv-1',
        MessageDeduplicationId: 'evt-1',
        MessageAttributes: { kind: { DataType: 'String', StringValue: 'customer_message' } },
      }),
    );
    await seen.promise;
    await source.idle();

    const { Attributes } = await client.send(
      new GetQueueAttributesCommand({ QueueUrl: pair.url, AttributeNames: ['QueueArn'] }),
    );
    const record = events[0]!.Records[0]!;
    expect(record).toMatchObject({
      body: '{"hello":"world"}',
      md5OfBody: createHash('md5').update('{"hello":"world"}').digest('hex'),
      eventSource: 'aws:sqs',
      eventSourceARN: Attributes?.QueueArn,
      awsRegion: 'us-east-1',
      attributes: {
        ApproximateReceiveCount: '1',
        MessageGroupId: 'conv-1',
        MessageDeduplicationId: 'evt-1',
      },
      messageAttributes: {
        kind: {
          dataType: 'String',
          stringValue: 'customer_message',
          stringListValues: [],
          binaryListValues: [],
        },
      },
    });
    expect(record.messageId).toEqual(expect.any(String));
    expect(record.receiptHandle).toEqual(expect.any(String));
    expect(record.attributes.SentTimestamp).toMatch(/^\d{13}$/);
    expect(record.attributes.SequenceNumber).toMatch(/^\d+$/);
    // A handler that returns nothing succeeded: the message is deleted.
    expect(await messagesLeft(client, pair.url)).toBe(0);
  });

  it('a partially failed batch redelivers only the failed records', async () => {
    const { client, pair } = await freshQueue(design({}));
    const attempts: { body: string; receiveCount: string }[] = [];
    const done = signal();
    const processor = new BatchProcessor(EventType.SQS);
    const handler: SqsHandler = (event, context) =>
      processPartialResponse(
        event,
        async (record: SQSRecord) => {
          attempts.push({ body: record.body, receiveCount: record.attributes.ApproximateReceiveCount });
          if (record.body === 'b' && record.attributes.ApproximateReceiveCount === '1') {
            throw new Error('transient');
          }
          if (record.body === 'b') done.resolve();
        },
        processor,
        { context },
      );
    for (const body of ['a', 'b', 'c']) await send(client, pair.url, body);
    const source = poll({ client, queueUrl: pair.url, batchSize: 10, fifo: false, handler });
    await done.promise;
    await source.idle();

    const count = (body: string) => attempts.filter((attempt) => attempt.body === body).length;
    expect(count('a')).toBe(1);
    expect(count('c')).toBe(1);
    expect(attempts.filter((attempt) => attempt.body === 'b').map((a) => a.receiveCount)).toEqual(['1', '2']);
    expect(await messagesLeft(client, pair.url)).toBe(0);
  });

  it('when the handler throws, the whole batch is delivered again', async () => {
    const { client, pair } = await freshQueue(design({}));
    const bodies: string[] = [];
    let invocations = 0;
    const done = signal();
    for (const body of ['x', 'y']) await send(client, pair.url, body);
    const source = poll({
      client,
      queueUrl: pair.url,
      batchSize: 10,
      fifo: false,
      handler: async (event) => {
        invocations++;
        bodies.push(...event.Records.map((record) => record.body));
        if (invocations === 1) throw new Error('function crashed');
        if (bodies.length >= 4) done.resolve();
      },
    });
    await done.promise;
    await source.idle();
    expect(bodies.sort()).toEqual(['x', 'x', 'y', 'y']);
    expect(await messagesLeft(client, pair.url)).toBe(0);
  });

  it('a record failing maxReceiveCount times lands in the DLQ and the others are processed', async () => {
    const { client, pair } = await freshQueue(design({ maxReceiveCount: 2 }));
    const attempts: string[] = [];
    const processor = new BatchProcessor(EventType.SQS);
    const handler: SqsHandler = (event, context) =>
      processPartialResponse(
        event,
        async (record: SQSRecord) => {
          attempts.push(record.body);
          if (record.body === 'poison') throw new Error('always fails');
        },
        processor,
        { context, throwOnFullBatchFailure: false },
      );
    await send(client, pair.url, 'poison');
    await send(client, pair.url, 'fine');
    poll({ client, queueUrl: pair.url, batchSize: 10, fifo: false, handler });

    let dead: string | undefined;
    for (let i = 0; i < 30 && !dead; i++) {
      const { Messages } = await client.send(
        new ReceiveMessageCommand({ QueueUrl: pair.dlqUrl, WaitTimeSeconds: 1, MaxNumberOfMessages: 1 }),
      );
      if (Messages?.[0]) {
        dead = Messages[0].Body;
        await client.send(
          new DeleteMessageCommand({ QueueUrl: pair.dlqUrl, ReceiptHandle: Messages[0].ReceiptHandle }),
        );
      }
    }
    expect(dead).toBe('poison');
    expect(attempts.filter((body) => body === 'poison')).toHaveLength(2);
    expect(attempts.filter((body) => body === 'fine')).toHaveLength(1);
    expect(await messagesLeft(client, pair.url)).toBe(0);
  });

  it('FIFO order holds per message group when a record fails and is retried', async () => {
    const { client, pair } = await freshQueue(design({ fifo: true }));
    const processed: string[] = [];
    const attempts: string[] = [];
    const done = signal();
    const processor = new SqsFifoPartialProcessorAsync();
    const handler: SqsHandler = (event, context) =>
      processPartialResponse(
        event,
        async (record: SQSRecord) => {
          attempts.push(record.body);
          if (record.body === 'a2' && record.attributes.ApproximateReceiveCount === '1') {
            throw new Error('transient');
          }
          processed.push(record.body);
          if (processed.length === 7) done.resolve();
        },
        processor,
        { context, skipGroupOnError: true, throwOnFullBatchFailure: false },
      );
    for (let i = 1; i <= 4; i++) {
      await send(client, pair.url, `a${i}`, 'group-a');
      if (i <= 3) await send(client, pair.url, `b${i}`, 'group-b');
    }
    const source = poll({ client, queueUrl: pair.url, batchSize: 10, fifo: true, handler });
    await done.promise;
    await source.idle();

    expect(processed.filter((body) => body.startsWith('a'))).toEqual(['a1', 'a2', 'a3', 'a4']);
    expect(processed.filter((body) => body.startsWith('b'))).toEqual(['b1', 'b2', 'b3']);
    // a3 was not attempted before a2 succeeded.
    const a = attempts.filter((body) => body.startsWith('a'));
    expect(a.indexOf('a3')).toBeGreaterThan(a.lastIndexOf('a2'));
    expect(a.filter((body) => body === 'a2')).toHaveLength(2);
    expect(await messagesLeft(client, pair.url)).toBe(0);
  });
});

/** Counts handler invocations running at once, and the most seen. */
function concurrencyMeter() {
  let active = 0;
  const meter = {
    max: 0,
    get active() {
      return active;
    },
    enter() {
      active += 1;
      meter.max = Math.max(meter.max, active);
    },
    leave() {
      active -= 1;
    },
  };
  return meter;
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe("startEventSource at Lambda's parallelism", () => {
  it('runs batches of different message groups at the same time, up to the concurrency', async () => {
    // A visibility timeout longer than the handler's wait, so no record is delivered twice.
    const { client, pair } = await freshQueue(design({ fifo: true, visibilityTimeoutSeconds: 10 }));
    for (const group of ['g1', 'g2', 'g3', 'g4', 'g5']) await send(client, pair.url, `${group}-1`, group);
    const meter = concurrencyMeter();
    let handled = 0;
    const source = poll({
      client,
      queueUrl: pair.url,
      batchSize: 1,
      fifo: true,
      concurrency: 4,
      handler: async () => {
        meter.enter();
        // Holds the invocation until four run at once (or long enough to show they never do).
        for (let waited = 0; meter.active < 4 && waited < 1500; waited += 20) await pause(20);
        await pause(50);
        meter.leave();
        handled += 1;
      },
    });
    await source.idle();
    expect(handled).toBe(5);
    // Four groups overlapped, and never more than the concurrency.
    expect(meter.max).toBe(4);
    expect(await messagesLeft(client, pair.url)).toBe(0);
  });

  it('keeps order within each message group while groups run concurrently', async () => {
    const { client, pair } = await freshQueue(design({ fifo: true }));
    const groups = ['a', 'b', 'c', 'd'];
    for (let i = 1; i <= 5; i++)
      for (const group of groups) await send(client, pair.url, `${group}${i}`, group);
    const meter = concurrencyMeter();
    const processed: string[] = [];
    const activeGroups = new Set<string>();
    const overlapsWithinGroup: string[] = [];
    const source = poll({
      client,
      queueUrl: pair.url,
      batchSize: 2,
      fifo: true,
      concurrency: 8,
      handler: async (event) => {
        meter.enter();
        const mine = [...new Set(event.Records.map((record) => record.attributes.MessageGroupId!))];
        for (const group of mine) {
          if (activeGroups.has(group)) overlapsWithinGroup.push(group);
          activeGroups.add(group);
        }
        for (const record of event.Records) {
          await pause(5 + Math.floor(Math.random() * 25));
          processed.push(record.body);
        }
        for (const group of mine) activeGroups.delete(group);
        meter.leave();
      },
    });
    await source.idle();
    for (const group of groups) {
      expect(processed.filter((body) => body.startsWith(group))).toEqual(
        [1, 2, 3, 4, 5].map((i) => `${group}${i}`),
      );
    }
    expect(overlapsWithinGroup).toEqual([]);
    expect(meter.max).toBeGreaterThan(1);
    expect(await messagesLeft(client, pair.url)).toBe(0);
  });

  it('a failing group holds back only itself: the other groups finish while it waits for its retry', async () => {
    const { client, pair } = await freshQueue(design({ fifo: true }));
    for (let i = 1; i <= 3; i++) await send(client, pair.url, `a${i}`, 'group-a');
    for (let i = 1; i <= 4; i++) await send(client, pair.url, `b${i}`, 'group-b');
    const attempts: string[] = [];
    const processed: { body: string; at: number }[] = [];
    let firstFailureAt = 0;
    const done = signal();
    const handler: SqsHandler = (event, context) =>
      processPartialResponse(
        event,
        async (record: SQSRecord) => {
          attempts.push(record.body);
          if (record.body === 'a1' && record.attributes.ApproximateReceiveCount === '1') {
            // A slow failure: a poller running one batch at a time could do nothing else meanwhile.
            await pause(600);
            firstFailureAt = performance.now();
            throw new Error('transient');
          }
          processed.push({ body: record.body, at: performance.now() });
          if (processed.length === 7) done.resolve();
        },
        // One processor per invocation: it holds the batch's state.
        new SqsFifoPartialProcessorAsync(),
        { context, skipGroupOnError: true, throwOnFullBatchFailure: false },
      );
    const source = poll({ client, queueUrl: pair.url, batchSize: 1, fifo: true, concurrency: 4, handler });
    await done.promise;
    await source.idle();

    const bodies = (prefix: string) => processed.filter((p) => p.body.startsWith(prefix)).map((p) => p.body);
    expect(bodies('a')).toEqual(['a1', 'a2', 'a3']);
    expect(bodies('b')).toEqual(['b1', 'b2', 'b3', 'b4']);
    // Group b was done before group a's first attempt had even failed.
    const lastB = Math.max(...processed.filter((p) => p.body.startsWith('b')).map((p) => p.at));
    expect(lastB).toBeLessThan(firstFailureAt);
    // a2 was not attempted before a1 succeeded on its second receive.
    const a = attempts.filter((body) => body.startsWith('a'));
    expect(a).toEqual(['a1', 'a1', 'a2', 'a3']);
    expect(await messagesLeft(client, pair.url)).toBe(0);
  });

  it('a FIFO batch slower than the visibility timeout keeps its record: not delivered again meanwhile, not dead-lettered', async () => {
    const { client, pair } = await freshQueue(design({ fifo: true, maxReceiveCount: 2 }));
    await send(client, pair.url, 'a1', 'group-a');
    await send(client, pair.url, 'a2', 'group-a');
    const handled: string[] = [];
    const source = poll({
      client,
      queueUrl: pair.url,
      batchSize: 1,
      fifo: true,
      concurrency: 4,
      handler: async (event) => {
        const record = event.Records[0]!;
        // Outlasts the 1 s visibility timeout twice over (as in AWS, where visibility ≥ 6× the function
        // timeout, a record does not reappear while its invocation may still run).
        if (record.body === 'a1') await pause(2500);
        handled.push(`${record.body}@${record.attributes.ApproximateReceiveCount}`);
      },
    });
    for (let waited = 0; !handled.includes('a2@1') && waited < 10_000; waited += 100) await pause(100);
    await source.idle();
    expect(handled).toEqual(['a1@1', 'a2@1']);
    expect(await messagesLeft(client, pair.url)).toBe(0);
    expect(await messagesLeft(client, pair.dlqUrl)).toBe(0);
  });

  it('stop() waits for every batch in flight', async () => {
    const { client, pair } = await freshQueue(design({ fifo: true }));
    for (const group of ['g1', 'g2', 'g3']) await send(client, pair.url, group, group);
    const started = signal();
    let running = 0;
    let finished = 0;
    const source = startEventSource({
      client,
      queueUrl: pair.url,
      batchSize: 1,
      fifo: true,
      concurrency: 3,
      waitTimeSeconds: 1,
      handler: async () => {
        running += 1;
        if (running === 3) started.resolve();
        await pause(300);
        finished += 1;
      },
    });
    await started.promise;
    await source.stop();
    expect(finished).toBe(3);
  });
});

describe('startEventSource when SQS fails', () => {
  it('backs off after failed receives (no hot loop), reports the streak once, and loses nothing', async () => {
    const { client, pair } = await freshQueue(design({}));
    for (const body of ['a', 'b', 'c']) await send(client, pair.url, body);
    let receives = 0;
    const failUntil = Date.now() + 1500;
    const errors: unknown[] = [];
    const recovered: number[] = [];
    const handled: string[] = [];
    const source = poll({
      client,
      queueUrl: pair.url,
      batchSize: 10,
      fifo: false,
      handler: async (event) => {
        for (const record of event.Records) handled.push(record.body);
      },
      beforeReceive: () => {
        receives += 1;
        if (Date.now() < failUntil) throw new Error('connect ECONNREFUSED');
      },
      errorBackoffMs: { min: 100, max: 800 },
      onError: (error) => errors.push(error),
      onRecover: (failures) => recovered.push(failures),
    });
    await new Promise((resolve) => setTimeout(resolve, 1500));
    // 100, 200, 400, 800 ms pauses: about five attempts in 1.5 s, not thousands.
    expect(receives).toBeLessThanOrEqual(6);
    await source.idle();
    expect(errors).toHaveLength(1);
    expect(recovered).toHaveLength(1);
    expect(recovered[0]).toBeGreaterThanOrEqual(3);
    expect(handled.sort()).toEqual(['a', 'b', 'c']);
    expect(await messagesLeft(client, pair.url)).toBe(0);
  });
});

describe('deletableRecords', () => {
  const record = (messageId: string, group?: string): SQSRecord =>
    ({ messageId, attributes: group ? { MessageGroupId: group } : {} }) as unknown as SQSRecord;

  it('on a FIFO queue keeps the later records of a failed group even if the handler did not report them', () => {
    const batch = [record('a1', 'A'), record('a2', 'A'), record('b1', 'B'), record('a3', 'A')];
    const deletable = deletableRecords(batch, { batchItemFailures: [{ itemIdentifier: 'a2' }] }, true);
    expect(deletable.map((r) => r.messageId)).toEqual(['a1', 'b1']);
  });

  it('on a standard queue keeps only the reported failures', () => {
    const batch = [record('m1'), record('m2'), record('m3')];
    const deletable = deletableRecords(batch, { batchItemFailures: [{ itemIdentifier: 'm2' }] }, false);
    expect(deletable.map((r) => r.messageId)).toEqual(['m1', 'm3']);
  });

  it('a failure naming a message not in the batch fails the whole batch, as Lambda does', () => {
    const batch = [record('m1'), record('m2')];
    expect(deletableRecords(batch, { batchItemFailures: [{ itemIdentifier: 'zzz' }] }, false)).toEqual([]);
    expect(deletableRecords(batch, { batchItemFailures: [{ itemIdentifier: '' }] }, false)).toEqual([]);
  });

  it('a response without batchItemFailures means every record succeeded', () => {
    const batch = [record('m1'), record('m2')];
    expect(deletableRecords(batch, undefined, false)).toHaveLength(2);
    expect(deletableRecords(batch, { batchItemFailures: [] }, true)).toHaveLength(2);
  });
});
