/**
 * Actions on the business's systems (issue 15), end to end on the local runtime, driven only by signed
 * Twilio webhooks and signed Slack interactions; the sample orders API is the loopback emulator.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACTION_IDS, ACTION_MODALS, encodeActionValue } from '../../functions/adapters/slack-blocks.ts';
import { conversationIdOf } from '../../functions/core/model.ts';
import type { FakeOrdersApi } from '../../local/fake-orders-api.ts';
import type { FakeSlackMessage } from '../../local/fake-slack.ts';
import { type SystemHarness, slackText, startSystem, waitFor } from '../helpers/system.ts';

const ana = { id: 'UANA', username: 'ana' };
const ben = { id: 'UBEN', username: 'ben' };
let system: SystemHarness;
let orders: FakeOrdersApi;

beforeAll(async () => {
  system = await startSystem();
  const fake = system.runtime.services.orders.fake;
  if (!fake) throw new Error('the emulated orders API is not running');
  orders = fake;
});

afterAll(async () => {
  await system?.stop();
});

function order(id: string, phone: string, extra: Partial<Parameters<FakeOrdersApi['addOrder']>[0]> = {}) {
  orders.addOrder({
    id,
    status: 'shipped',
    phone,
    email: `owner${id}@example.com`,
    items: [{ name: 'Trailhead rain jacket', quantity: 1, price: 89 }],
    total: 89,
    currency: 'USD',
    carrier: 'UPS',
    trackingUrl: `https://www.ups.com/track?tracknum=1Z999AA1${id}`,
    placedAt: '2026-11-24T15:02:00Z',
    ...extra,
  });
}

function callsTo(path: string, method = 'POST') {
  return orders.calls.filter((call) => call.path === path && call.method === method);
}

/** An agent clicks a button of the approval card. */
function clickOnCard(
  agent: { id: string; username: string },
  actionId: string,
  target: { card: FakeSlackMessage; caseId: string; proposalId: string },
  channel?: string,
) {
  const { card, caseId, proposalId } = target;
  return system.driver.agentClicks({
    agent,
    actionId,
    value: encodeActionValue({ caseId, proposalId }),
    messageTs: card.ts,
    ...(card.thread_ts ? { threadTs: card.thread_ts } : {}),
    ...(channel ? { channel } : {}),
  });
}

/** An agent saves the Edit modal of the approval card with one field changed. */
function submitEdit(
  target: { card: FakeSlackMessage; caseId: string; proposalId: string },
  field: string,
  value: string,
) {
  const { card, caseId, proposalId } = target;
  return system.driver.agentSubmits({
    agent: ana,
    callbackId: ACTION_MODALS.edit.callbackId,
    privateMetadata: JSON.stringify({
      caseId,
      proposalId,
      channel: system.channel,
      ts: card.thread_ts ?? card.ts,
    }),
    values: { [`${ACTION_MODALS.edit.blockPrefix}${field}`]: { value: { type: 'plain_text_input', value } } },
  });
}

function lastTextTo(customer: string): string {
  return system.sentTo(customer).at(-1)?.body ?? '';
}

/** The approval card in the thread of the customer's case (waits for it). */
async function approvalCard(
  customer: string,
): Promise<{ card: FakeSlackMessage; caseId: string; proposalId: string }> {
  let found: FakeSlackMessage | undefined;
  await waitFor(() => {
    const root = system.cardFor(customer);
    found = root
      ? system.slack
          .thread(system.channel, root.ts)
          .find((message) => slackText(message).includes(ACTION_IDS.approveAction))
      : undefined;
    return found !== undefined;
  }, 20_000);
  const conversation = await system.store.getConversation(
    conversationIdOf({ channel: 'sms', customerAddress: customer, businessAddress: '+15550100000' }),
  );
  const caseId = conversation?.caseId ?? '';
  const proposalId = /"proposalId\\?":\\?"([^"\\]+)/.exec(JSON.stringify(found?.blocks))?.[1] ?? '';
  return { card: found as FakeSlackMessage, caseId, proposalId };
}

describe('read actions', () => {
  it('"where is my order 1187?" is answered with its status and carrier from the orders API', async () => {
    const customer = '+15557778101';
    order('81187', customer);
    await system.driver.customerSays({ from: customer, body: 'where is my order 81187?' });
    await system.settle();
    const reply = lastTextTo(customer);
    expect(reply).toContain('81187');
    expect(reply).toContain('has shipped');
    expect(reply).toContain('UPS');
    expect(reply).toContain('https://www.ups.com/track?tracknum=1Z999AA181187');
    const lookups = callsTo('/orders/81187', 'GET');
    expect(lookups.length).toBeGreaterThanOrEqual(1);
    expect(lookups.every((call) => call.authorized)).toBe(true);
  });

  it('answers the same question in Spanish', async () => {
    const customer = '+15557778102';
    order('81188', customer);
    await system.driver.customerSays({ from: customer, body: '¿dónde está mi pedido 81188?' });
    await system.settle();
    expect(lastTextTo(customer)).toMatch(/Tu pedido 81188 ha sido enviado con UPS/);
  });

  it("another customer's order number is never described, and the AI asks for the email on file", async () => {
    const owner = '+15557778103';
    const stranger = '+15557778104';
    order('81189', owner, { items: [{ name: 'Secret velvet cape', quantity: 1, price: 230 }], total: 230 });
    await system.driver.customerSays({ from: stranger, body: 'where is my order 81189?' });
    await system.settle();
    const reply = lastTextTo(stranger);
    expect(reply).toMatch(/couldn't find an order with that number/);
    for (const secret of ['shipped', 'UPS', 'ups.com', 'velvet', '230', 'owner81189']) {
      expect(reply).not.toContain(secret);
    }
    // With the email on file, the same customer gets the answer.
    await system.driver.customerSays({ from: stranger, body: 'I ordered with owner81189@example.com' });
    await system.settle();
    expect(lastTextTo(stranger)).toContain('Your order 81189 has shipped with UPS');
  });
});

describe('write actions need a person', () => {
  it('a refund request posts an approval card, and two concurrent Approve clicks make exactly one refund call', async () => {
    const customer = '+15557778105';
    order('81190', customer);
    await system.driver.customerSays({
      from: customer,
      body: 'I want a refund for order 81190, the jacket arrived torn',
    });
    await system.settle();
    expect(lastTextTo(customer)).toMatch(/asked our team to approve a refund of 89 USD for order 81190/);
    const target = await approvalCard(customer);
    const { card, proposalId } = target;
    const text = slackText(card);
    expect(text).toContain('refund_order');
    expect(text).toContain('81190');
    expect(text).toContain('Order API: id: 81190 · status: shipped');
    expect(text).not.toContain('owner81190@example.com');
    expect(callsTo('/orders/81190/refunds')).toHaveLength(0);

    const clicks = await Promise.all(
      [ana, ben].map((agent) => clickOnCard(agent, ACTION_IDS.approveAction, target)),
    );
    expect(clicks.map((click) => click.status)).toEqual([200, 200]);
    await system.settle();
    await waitFor(
      () => /refund of 89 USD for order 81190 has been issued/.test(lastTextTo(customer)),
      10_000,
    );
    const refunds = callsTo('/orders/81190/refunds');
    expect(refunds).toHaveLength(1);
    // One approval: one "approved" notice in the thread, and the other agent is told who approved.
    const thread = system.slack
      .thread(system.channel, card.thread_ts ?? card.ts)
      .map((message) => slackText(message));
    expect(thread.filter((text) => text.includes('approved refund_order'))).toHaveLength(1);
    expect(
      system.slack.ephemerals.filter((message) => JSON.stringify(message).includes('Already approved by')),
    ).toHaveLength(1);
    expect(refunds[0]?.body).toMatchObject({ amount: 89, idempotencyKey: proposalId });
    const proposal = await system.store.getConversation(
      conversationIdOf({ channel: 'sms', customerAddress: customer, businessAddress: '+15550100000' }),
    );
    expect(proposal?.mode).toBe('queued');
  });

  it('Deny makes no call, and the customer is told with the reason', async () => {
    const customer = '+15557778106';
    order('81191', customer);
    await system.driver.customerSays({ from: customer, body: 'please refund my order #81191' });
    await system.settle();
    const target = await approvalCard(customer);
    const { card, caseId, proposalId } = target;
    await clickOnCard(ana, ACTION_IDS.denyAction, target);
    await system.driver.agentSubmits({
      agent: ana,
      callbackId: ACTION_MODALS.deny.callbackId,
      privateMetadata: JSON.stringify({
        caseId,
        proposalId,
        channel: system.channel,
        ts: card.thread_ts ?? card.ts,
      }),
      values: {
        [ACTION_MODALS.deny.blockId]: {
          [ACTION_MODALS.deny.actionId]: { type: 'plain_text_input', value: 'It was used for a season.' },
        },
      },
    });
    await system.settle();
    await waitFor(
      () => /can't refund order 81191\. It was used for a season\./.test(lastTextTo(customer)),
      10_000,
    );
    expect(callsTo('/orders/81191/refunds')).toHaveLength(0);
  });

  it('Edit changes the amount (never the order) before the approval; an Approve from outside the desk channel runs nothing', async () => {
    const customer = '+15557778107';
    order('81192', customer);
    await system.driver.customerSays({ from: customer, body: 'refund order 81192 please, wrong size' });
    await system.settle();
    const target = await approvalCard(customer);
    // Only agents act: an Approve from outside the desk channel is refused and runs nothing.
    await clickOnCard(ben, ACTION_IDS.approveAction, target, 'COUTSIDE');
    await system.settle();
    expect(callsTo('/orders/81192/refunds')).toHaveLength(0);
    // The order itself cannot be swapped for another (its owner was checked against this customer).
    await submitEdit(target, 'order_id', '81189');
    expect(
      system.slack.ephemerals.some((message) => (message.text ?? '').includes('cannot be changed')),
    ).toBe(true);
    await submitEdit(target, 'amount', '20');
    await clickOnCard(ana, ACTION_IDS.approveAction, target);
    await system.settle();
    await waitFor(() => callsTo('/orders/81192/refunds').length === 1, 10_000);
    expect(callsTo('/orders/81192/refunds')[0]?.body).toMatchObject({ amount: 20 });
  });

  it('a refusal by the orders API is recorded as failed, the customer is told, and the thread says so', async () => {
    const customer = '+15557778108';
    order('81193', customer);
    await system.driver.customerSays({
      from: customer,
      body: 'I want a refund for order 81193, wrong colour',
    });
    await system.settle();
    const target = await approvalCard(customer);
    orders.failNextWrites(422);
    await clickOnCard(ana, ACTION_IDS.approveAction, target);
    await system.settle();
    await waitFor(() => /couldn't issue the refund for order 81193/.test(lastTextTo(customer)), 10_000);
    expect(callsTo('/orders/81193/refunds').map((call) => call.status)).toEqual([422]);
    const thread = system.slack
      .thread(system.channel, target.card.thread_ts ?? target.card.ts)
      .map((message) => slackText(message))
      .join('\n');
    expect(thread).toContain(
      'refund_order (order_id 81193, amount 89) failed: the business API answered HTTP 422',
    );
  });
});
