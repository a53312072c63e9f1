/**
 * Data at rest on the live path: a card number a customer types is stored nowhere (full table scan), the
 * customer is told once; an erase (from the card by the owner, or with the CLI) leaves nothing of the
 * customer in the table but a no-PII audit record, and the emulated Slack shows "[erased]".
 */
import { DynamoDBDocumentClient, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { runErase } from '../../bin/customer-data-cli.ts';
import { ACTION_IDS } from '../../functions/adapters/slack-blocks.ts';
import { conversationIdOf } from '../../functions/core/model.ts';
import { localDynamoClient } from '../../local/dynamodb-local.ts';
import { type SystemHarness, startSystem } from '../helpers/system.ts';

let system: SystemHarness;
const ana = { id: 'UANA', username: 'ana' };
const bo = { id: 'UBO', username: 'bo' };

beforeAll(async () => {
  system = await startSystem();
});
afterAll(async () => {
  await system?.stop();
});

function conversationOf(customer: string): string {
  return conversationIdOf({ channel: 'sms', customerAddress: customer, businessAddress: '+15550100000' });
}

/** Every item of the table, as one JSON string. */
async function tableDump(): Promise<{ items: Record<string, unknown>[]; json: string }> {
  const client = DynamoDBDocumentClient.from(localDynamoClient(system.runtime.services.dynamoEndpoint));
  const items: Record<string, unknown>[] = [];
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await client.send(
      new ScanCommand({
        TableName: system.runtime.services.tableName,
        ...(startKey ? { ExclusiveStartKey: startKey } : {}),
      }),
    );
    items.push(...(page.Items ?? []));
    startKey = page.LastEvaluatedKey;
  } while (startKey);
  return { items, json: JSON.stringify(items) };
}

/** True when `json` holds the number in any form (E.164, national digits, spaced or dashed). */
function holdsNumber(json: string, customer: string): boolean {
  const national = customer.slice(-10);
  const loose = new RegExp(national.split('').join('[\\s().-]*'));
  return json.includes(customer.slice(1)) || loose.test(json);
}

async function escalatedWithCard(
  customer: string,
  name = 'Jane',
): Promise<{ caseId: string; cardTs: string }> {
  await system.driver.customerSays({ from: customer, body: `Hi, my name is ${name} and my order is late` });
  await system.driver.customerSays({ from: customer, body: 'Please connect me with an agent' });
  await system.settle();
  const caseId = (await system.store.getConversation(conversationOf(customer)))?.caseId ?? '';
  const cardTs = system.cardFor(customer)?.ts ?? '';
  expect(cardTs).not.toBe('');
  await system.driver.agentClicks({
    agent: ana,
    actionId: ACTION_IDS.claim,
    value: caseId,
    messageTs: cardTs,
  });
  return { caseId, cardTs };
}

function threadIsErased(cardTs: string): boolean {
  const bots = system.slack
    .thread(system.channel, cardTs)
    .filter((message) => message.user === system.slack.botUserId);
  return bots.length > 0 && bots.every((message) => message.text === '[erased]');
}

it('a card number is stored nowhere, agents see its last four digits, and the customer is told once', async () => {
  const customer = '+15557778001';
  await system.driver.customerSays({
    from: customer,
    body: 'My card 4111 1111 1111 1111 was charged twice for order 55120',
  });
  await system.settle();
  await system.driver.customerSays({ from: customer, body: 'Also this one: 4539-5787-6362-1486' });
  await system.settle();

  const { json } = await tableDump();
  for (const digits of [
    '4111111111111111',
    '4111 1111 1111 1111',
    '4539578763621486',
    '4539-5787-6362-1486',
  ]) {
    expect(json).not.toContain(digits);
  }
  const texts = (await system.store.recentMessages(conversationOf(customer), 20)).map(
    (message) => message.text,
  );
  expect(texts).toContain('My card [card ending 1111] was charged twice for order 55120');
  expect(texts).toContain('Also this one: [card ending 1486]');
  const notices = system
    .sentTo(customer)
    .filter((message) => message.body?.includes("please don't send card numbers"));
  expect(notices).toHaveLength(1);
});

it('an agent who does not own the conversation cannot erase it: nothing changes', async () => {
  const customer = '+15557778002';
  const { caseId, cardTs } = await escalatedWithCard(customer);
  await system.driver.agentClicks({
    agent: bo,
    actionId: ACTION_IDS.eraseCustomer,
    value: caseId,
    messageTs: cardTs,
  });
  expect(await system.store.getConversation(conversationOf(customer))).toBeDefined();
  expect(threadIsErased(cardTs)).toBe(false);
  expect(system.slack.ephemerals.at(-1)?.text).toContain('Only the agent who owns this conversation');
});

it('the owner erases from the card: nothing of the customer is left but a no-PII audit, Slack shows [erased]', async () => {
  const customer = '+15557778003';
  const { caseId, cardTs } = await escalatedWithCard(customer, 'Zephyrine');
  expect(holdsNumber((await tableDump()).json, customer)).toBe(true);

  await system.driver.agentClicks({
    agent: ana,
    actionId: ACTION_IDS.eraseCustomer,
    value: caseId,
    messageTs: cardTs,
  });

  const { items, json } = await tableDump();
  expect(holdsNumber(json, customer)).toBe(false);
  expect(json).not.toContain('Zephyrine');
  expect(json).not.toContain(caseId);
  const audits = items.filter((item) => item['pk'] === 'AUDIT#erase');
  expect(audits.some((item) => item['requester'] === `desk:${ana.id}`)).toBe(true);
  expect(threadIsErased(cardTs)).toBe(true);
  expect(JSON.stringify(system.slack.thread(system.channel, cardTs))).not.toContain('Zephyrine');
});

it('npm run erase removes a customer from the table and their Slack thread', async () => {
  const customer = '+15557778004';
  const { cardTs } = await escalatedWithCard(customer);
  const out: string[] = [];
  const err: string[] = [];
  const code = await runErase(
    [
      `+1 (${customer.slice(2, 5)}) ${customer.slice(5, 8)}-${customer.slice(8)}`,
      '--endpoint',
      system.runtime.services.dynamoEndpoint,
      '--table',
      system.runtime.services.tableName,
      '--requester',
      'cli:test',
    ],
    {
      stdout: (text) => out.push(text),
      stderr: (text) => err.push(text),
      env: { SLACK_BOT_TOKEN: system.runtime.services.slack.botToken, SLACK_API_URL: system.slack.url },
    },
  );
  expect(err.join('')).not.toContain('failed');
  expect(code).toBe(0);
  const audit = JSON.parse(out.join('')) as { requester: string; deskThreads: number };
  expect(audit).toMatchObject({ requester: 'cli:test', deskThreads: 1 });
  expect(JSON.stringify(audit)).not.toContain(customer.slice(-4));
  expect(holdsNumber((await tableDump()).json, customer)).toBe(false);
  expect(threadIsErased(cardTs)).toBe(true);
});

it('npm run erase refuses a number that is not E.164 and changes nothing', async () => {
  const err: string[] = [];
  const code = await runErase(['12345', '--endpoint', system.runtime.services.dynamoEndpoint], {
    stdout: () => {},
    stderr: (text) => err.push(text),
    env: {},
  });
  expect(code).toBe(2);
  expect(err.join('')).toContain('E.164');
});
