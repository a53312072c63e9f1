/**
 * System-test harness: one local runtime per test file (on the run's DynamoDB Local and fauxqs),
 * a signed-request driver, the emulators, and the real store to look at state.
 */
import { randomUUID } from 'node:crypto';
import { GetQueueAttributesCommand } from '@aws-sdk/client-sqs';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { inject } from 'vitest';
import { DynamoDbConversationStore } from '../../functions/adapters/dynamodb-conversation-store.ts';
import { driverFor, type LocalDriver } from '../../local/driver.ts';
import { localDynamoClient } from '../../local/dynamodb-local.ts';
import type { FakeSlack, FakeSlackMessage } from '../../local/fake-slack.ts';
import type { FakeTwilio } from '../../local/fake-twilio.ts';
import {
  EMULATED_ENV,
  type LocalRuntime,
  type LocalRuntimeOptions,
  startLocalRuntime,
} from '../../local/runtime.ts';
import { localSqsClient } from '../../local/sqs-local.ts';

/** Everything a system test touches. */
export interface SystemHarness {
  runtime: LocalRuntime;
  driver: LocalDriver;
  twilio: FakeTwilio;
  slack: FakeSlack;
  store: DynamoDbConversationStore;
  channel: string;
  /** An agent writes in a thread: the message appears in the emulated Slack, then its signed event is sent. */
  agentReplies(input: {
    agent: { id: string };
    threadTs: string;
    text: string;
  }): Promise<{ status: number; ts: string }>;
  /** Waits until every queue is empty and no batch is in flight. */
  settle(): Promise<void>;
  /** Messages the fake Twilio accepted for `to` (E.164, with or without `whatsapp:`). */
  sentTo(to: string): { body?: string; contentSid?: string; to: string }[];
  /** Messages in each dead-letter queue (visible or not). */
  deadLetters(): Promise<{ events: number; escalations: number }>;
  /** The escalation card (root message with a Claim/Resolve card) for a customer number. */
  cardFor(customer: string): FakeSlackMessage | undefined;
  stop(): Promise<void>;
}

/** Starts the local runtime with emulated Twilio and Slack and the offline model (`options`: fault tests). */
export async function startSystem(
  env: Record<string, string> = {},
  options: Pick<
    LocalRuntimeOptions,
    'queues' | 'dynamoProxy' | 'pollerBackoffMs' | 'consumerVisibilityTimeoutSeconds' | 'functionThreads'
  > = {},
): Promise<SystemHarness> {
  const runtime = await startLocalRuntime({
    ...options,
    port: 0,
    dynamoEndpoint: inject('dynamoEndpoint'),
    sqsEndpoint: inject('sqsEndpoint'),
    resourcePrefix: `sys${randomUUID().slice(0, 8)}`,
    quiet: true,
    sweepIntervalMs: 0,
    env: { ...EMULATED_ENV, ...env },
  });
  const { twilio, slack } = runtime.services;
  if (!twilio.fake || !slack.fake || !twilio.accountSid || !twilio.authToken || !slack.signingSecret) {
    await runtime.stop();
    throw new Error('system tests need the emulated Twilio and Slack');
  }
  const driver = driverFor(runtime);
  const store = new DynamoDbConversationStore(
    DynamoDBDocumentClient.from(localDynamoClient(runtime.services.dynamoEndpoint)),
    runtime.services.tableName,
  );
  const fakeTwilio = twilio.fake;
  const fakeSlack = slack.fake;
  const channel = slack.escalationChannel;
  return {
    runtime,
    driver,
    twilio: fakeTwilio,
    slack: fakeSlack,
    store,
    channel,
    agentReplies: async ({ agent, threadTs, text }) => {
      const posted = fakeSlack.postAsUser({ channel, user: agent.id, text, thread_ts: threadTs });
      const response = await driver.agentReplies({ agent, threadTs, text, ts: posted.ts });
      return { status: response.status, ts: posted.ts };
    },
    settle: () => runtime.drain({ timeoutMs: 20_000 }),
    sentTo: (to) => fakeTwilio.messages.filter((message) => message.to.replace(/^whatsapp:/, '') === to),
    cardFor: (customer) =>
      [...fakeSlack.messages.values()].find(
        (message) =>
          message.channel === channel &&
          (!message.thread_ts || message.thread_ts === message.ts) &&
          // The masked number ("+1•••••6004"), not the bare digits: a case id or time may hold those.
          JSON.stringify(message.blocks ?? []).includes(`•${customer.slice(-4)}`),
      ),
    deadLetters: async () => {
      const sqs = localSqsClient(runtime.services.sqsEndpoint);
      try {
        const depth = async (url: string) => {
          const { Attributes } = await sqs.send(
            new GetQueueAttributesCommand({
              QueueUrl: url,
              AttributeNames: ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible'],
            }),
          );
          return (
            Number(Attributes?.ApproximateNumberOfMessages ?? 0) +
            Number(Attributes?.ApproximateNumberOfMessagesNotVisible ?? 0)
          );
        };
        const { events, escalations } = runtime.services.queues;
        return { events: await depth(events.dlqUrl), escalations: await depth(escalations.dlqUrl) };
      } finally {
        sqs.destroy();
      }
    },
    stop: () => runtime.stop(),
  };
}

/** Polls `check` every 50 ms until it returns true; throws after `timeoutMs`. */
export async function waitFor(check: () => boolean | Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** All text in a Slack message's blocks and fallback text. */
export function slackText(message: FakeSlackMessage | undefined): string {
  return message ? `${message.text ?? ''} ${JSON.stringify(message.blocks ?? [])}` : '';
}
