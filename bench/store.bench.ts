/**
 * Latency of the main `DynamoDbConversationStore` operations against an in-memory DynamoDB Local.
 * Figures are local round trips (loopback HTTP + DynamoDB Local), useful for comparing changes to the
 * adapter, not as a prediction of DynamoDB in AWS.
 */
import { performance } from 'node:perf_hooks';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { DynamoDbConversationStore } from '#adapters/dynamodb-conversation-store.ts';
import { slackDeskRef } from '#adapters/slack-desk-ref.ts';
import { claim, escalate } from '#core/conversation-state.ts';
import { type Case, type Conversation, conversationIdOf, type Message } from '#core/model.ts';
import { createTable, localDynamoClient, startDynamoDbLocal } from '#local/dynamodb-local.ts';
import { freePort } from '#local/ports.ts';

const N = 500;
const WARM_UP = 50;

/** Runs the store benchmark and returns p50/p99 milliseconds per operation. */
export default async function storeBench(): Promise<Record<string, number | string>> {
  const dynamo = await startDynamoDbLocal({ port: await freePort() });
  const client = localDynamoClient(dynamo.endpoint);
  try {
    const tableName = 'tandem-bench';
    await createTable(client, tableName);
    const store = new DynamoDbConversationStore(DynamoDBDocumentClient.from(client), tableName);

    const key = {
      channel: 'whatsapp' as const,
      customerAddress: '+15550100',
      businessAddress: 'whatsapp:+1444',
    };
    let conversation: Conversation = {
      ...key,
      id: conversationIdOf(key),
      mode: 'ai',
      version: 1,
      openedAt: '2026-01-05T10:00:00.000Z',
      updatedAt: '2026-01-05T10:00:00.000Z',
      lastInboundAt: '2026-01-05T10:00:00.000Z',
    };
    await store.createConversation(conversation);
    const kase: Case = {
      caseId: 'case-bench',
      conversationId: conversation.id,
      status: 'queued',
      version: 1,
      openedAt: '2026-01-05T10:00:00.000Z',
      priority: 'normal',
      deskRef: slackDeskRef('CBENCH', '1767600000.000100'),
      packet: {
        caseId: 'case-bench',
        conversationId: conversation.id,
        channel: 'whatsapp',
        customerAddress: key.customerAddress,
        reason: 'customer_request',
        priority: 'normal',
        summary: 'Wants a refund for order 1234',
        tried: 'Explained the refund policy',
        sentimentTrend: [0, -0.3],
        lastCustomerMessage: 'Can I talk to a person?',
        suggestedNextStep: 'Offer a refund',
        openedAt: '2026-01-05T10:00:00.000Z',
      },
    };
    await store.createCase(kase);

    let sequence = 0;
    const nextSequence = () => {
      sequence += 1;
      return sequence;
    };
    const message = (): Message => {
      nextSequence();
      return {
        conversationId: conversation.id,
        messageId: `SM${String(sequence).padStart(32, '0')}`,
        at: new Date(Date.parse('2026-01-05T10:00:00.000Z') + sequence * 1000).toISOString(),
        direction: sequence % 2 ? 'inbound' : 'outbound',
        author: sequence % 2 ? 'customer' : 'ai',
        text: 'Hello, I would like to know where my order is. It was due yesterday.',
      };
    };
    // Every save is a real transition so the version condition passes each time.
    const transition = () => {
      const now = new Date();
      conversation =
        conversation.mode === 'ai'
          ? escalate(conversation, 'case-bench', now)
          : conversation.mode === 'queued'
            ? claim(conversation, { id: 'UBENCH' }, now)
            : {
                ...conversation,
                mode: 'ai',
                owner: undefined,
                caseId: undefined,
                version: conversation.version + 1,
              };
      return conversation;
    };

    const operations: Record<string, () => Promise<unknown>> = {
      getConversation: () => store.getConversation(conversation.id),
      saveConversation: () => store.saveConversation(transition()),
      appendMessage: () => store.appendMessage(message()),
      'recentMessages(20)': () => store.recentMessages(conversation.id, 20),
      claimOnce: () => store.claimOnce(`bench:${nextSequence()}`, 3600),
      getCaseByDeskRef: () => store.getCaseByDeskRef(slackDeskRef('CBENCH', '1767600000.000100')),
    };

    const figures: Record<string, number | string> = { iterations: N, warmUp: WARM_UP };
    for (const [name, run] of Object.entries(operations)) {
      for (let i = 0; i < WARM_UP; i++) await run();
      const samples: number[] = [];
      for (let i = 0; i < N; i++) {
        const start = performance.now();
        await run();
        samples.push(performance.now() - start);
      }
      samples.sort((a, b) => a - b);
      figures[`${name}.p50Ms`] = percentile(samples, 0.5);
      figures[`${name}.p99Ms`] = percentile(samples, 0.99);
    }
    return figures;
  } finally {
    client.destroy();
    await dynamo.stop();
  }
}

/** Nearest-rank percentile of sorted samples. */
function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)] ?? Number.NaN;
}
