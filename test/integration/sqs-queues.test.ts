import {
  DeleteMessageCommand,
  GetQueueAttributesCommand,
  type Message,
  ReceiveMessageCommand,
  type SQSClient,
} from '@aws-sdk/client-sqs';
import { beforeAll, describe, expect, it } from 'vitest';
import { SqsEscalationQueue } from '#adapters/sqs-escalation-queue.ts';
import { SqsEventQueue } from '#adapters/sqs-event-queue.ts';
import type { ConversationEvent, EscalationPacket } from '#core/model.ts';
import type { QueuePair } from '#local/sqs-local.ts';
import { freshQueues } from '../helpers/aws.ts';

let client: SQSClient;
let events: QueuePair;
let escalations: QueuePair;

beforeAll(async () => {
  ({ client, events, escalations } = await freshQueues());
});

async function receiveOne(queueUrl: string): Promise<Message | undefined> {
  const received = await client.send(
    new ReceiveMessageCommand({
      QueueUrl: queueUrl,
      // One at a time: a second message received but not deleted would stay invisible.
      MaxNumberOfMessages: 1,
      WaitTimeSeconds: 0,
      MessageSystemAttributeNames: ['All'],
    }),
  );
  return received.Messages?.[0];
}

async function take(queueUrl: string): Promise<Message | undefined> {
  const message = await receiveOne(queueUrl);
  if (message) {
    await client.send(new DeleteMessageCommand({ QueueUrl: queueUrl, ReceiptHandle: message.ReceiptHandle }));
  }
  return message;
}

async function visibleCount(queueUrl: string): Promise<number> {
  const attributes = await client.send(
    new GetQueueAttributesCommand({ QueueUrl: queueUrl, AttributeNames: ['ApproximateNumberOfMessages'] }),
  );
  return Number(attributes.Attributes?.ApproximateNumberOfMessages);
}

function customerMessage(conversationId: string, eventId: string): ConversationEvent {
  const [channel, customerAddress, businessAddress] = conversationId.split('|') as ['sms', string, string];
  return {
    type: 'customer_message',
    eventId,
    conversationId,
    messageId: eventId,
    key: { channel, customerAddress, businessAddress },
  };
}

describe('SqsEventQueue', () => {
  it('a second publish of the same eventId is dropped by the FIFO queue', async () => {
    const queue = new SqsEventQueue(client, events.url);
    const event = customerMessage('sms|+15550001|+15559999', 'SM0000000000000000000000000000dup1');
    await queue.publish(event);
    await queue.publish(event);
    await queue.publish(customerMessage('sms|+15550001|+15559999', 'SM0000000000000000000000000000dup2'));

    expect(await visibleCount(events.url)).toBe(2);
    const first = await take(events.url);
    const second = await take(events.url);
    expect(JSON.parse(first!.Body!)).toEqual(event);
    expect(first!.Attributes?.MessageGroupId).toBe('sms|+15550001|+15559999');
    expect(first!.Attributes?.MessageDeduplicationId).toBe(event.eventId);
    expect(JSON.parse(second!.Body!).eventId).toBe('SM0000000000000000000000000000dup2');
    expect(await take(events.url)).toBeUndefined();
  });

  it('an eventId longer than 128 characters or with spaces is hashed, and still deduplicates', async () => {
    const queue = new SqsEventQueue(client, events.url);
    const long = customerMessage('sms|+15550002|+15559999', `handback-${'x'.repeat(200)}`);
    const spaced = customerMessage('sms|+15550003|+15559999', 'event with spaces');
    await queue.publish(long);
    await queue.publish(long);
    await queue.publish(spaced);
    await queue.publish(spaced);

    const received = [await take(events.url), await take(events.url)];
    expect(await take(events.url)).toBeUndefined();
    const dedupeIds = received.map((message) => message!.Attributes?.MessageDeduplicationId);
    for (const id of dedupeIds) expect(id).toMatch(/^[0-9a-f]{64}$/);
    expect(received.map((message) => JSON.parse(message!.Body!).eventId).sort()).toEqual(
      [long.eventId, spaced.eventId].sort(),
    );
  });

  it('events of one conversation are received in the order they were published', async () => {
    const queue = new SqsEventQueue(client, events.url);
    const a = 'sms|+15550010|+15559999';
    const b = 'sms|+15550011|+15559999';
    for (let i = 1; i <= 4; i++) {
      await queue.publish(customerMessage(a, `SMa${i}`));
      await queue.publish(customerMessage(b, `SMb${i}`));
    }
    const seen: Record<string, string[]> = { [a]: [], [b]: [] };
    for (let i = 0; i < 8; i++) {
      const message = await take(events.url);
      const event = JSON.parse(message!.Body!) as ConversationEvent;
      seen[event.conversationId]!.push(event.eventId);
    }
    expect(seen[a]).toEqual(['SMa1', 'SMa2', 'SMa3', 'SMa4']);
    expect(seen[b]).toEqual(['SMb1', 'SMb2', 'SMb3', 'SMb4']);
  });
});

describe('SqsEscalationQueue', () => {
  it('a published packet is received back intact as the JSON body', async () => {
    const packet: EscalationPacket = {
      caseId: 'case-1',
      conversationId: 'whatsapp|+15550020|+15559999',
      channel: 'whatsapp',
      customerAddress: '+15550020',
      customerName: 'Ada',
      reason: 'customer_request',
      priority: 'high',
      summary: 'Wants a refund for order 1234.',
      tried: 'Explained the refund policy.',
      sentimentTrend: [0.1, -0.4, -0.7],
      lastCustomerMessage: 'I want to talk to a person — now. 😤',
      suggestedNextStep: 'Offer a refund.',
      openedAt: '2025-01-01T10:00:00.000Z',
      windowClosesAt: '2025-01-02T09:59:00.000Z',
    };
    await new SqsEscalationQueue(client, escalations.url).publish(packet);
    const message = await take(escalations.url);
    expect(JSON.parse(message!.Body!)).toEqual(packet);
  });
});
