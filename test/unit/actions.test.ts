/**
 * The pure parts of actions (issue 15): the configuration schema, input checks, requests, the identity
 * check, the result given to the model, the customer texts and the report figures.
 */
import { describe, expect, it } from 'vitest';
import { formatReportText } from '../../bin/report.ts';
import sampleActions from '../../config/actions.ts';
import { fromMessage, toMessagesParams } from '../../functions/adapters/anthropic-model.ts';
import { emailsIn, ownsOrder } from '../../functions/core/actions/identity.ts';
import { actionFigures } from '../../functions/core/actions/metrics.ts';
import type { BusinessApi, BusinessRequest } from '../../functions/core/actions/model.ts';
import { actionText, buildRequest, checkActionInput } from '../../functions/core/actions/schema.ts';
import { actOnToolCalls, orderFacts, withActionTools } from '../../functions/core/actions/tool-step.ts';
import { computeCxMetrics } from '../../functions/core/cx-metrics.ts';
import type { LifecycleEvent } from '../../functions/core/model.ts';
import type { ModelRequest, ModelResponse } from '../../functions/core/ports.ts';
import { parseActionsConfig } from '../../functions/shared/actions-config.ts';

const config = parseActionsConfig(sampleActions);
const refund = config.actions.find((action) => action.name === 'refund_order')!;
const fields = { phoneField: 'phone', emailField: 'email' };
const order = {
  id: '1187',
  status: 'shipped',
  phone: '+15557770001',
  email: 'maya@example.com',
  items: [{ name: 'Jacket', quantity: 1, price: 89 }],
  total: 89,
  currency: 'USD',
  carrier: 'UPS',
  trackingUrl: 'https://www.ups.com/track?tracknum=1Z999AA10123456784',
};

describe('actions configuration', () => {
  it('accepts the sample: three actions, refunds and cancellations need an agent', () => {
    expect(config.actions.map((action) => [action.name, action.approval])).toEqual([
      ['lookup_order', 'none'],
      ['refund_order', 'agent'],
      ['cancel_order', 'agent'],
    ]);
    expect(config.autoApproveRefunds.enabled).toBe(false);
  });

  it('refuses an approval action without a "proposed" text, and a path naming no input field', () => {
    const bad = structuredClone(sampleActions) as { actions: Record<string, unknown>[] };
    const second = bad.actions[1] as { messages: Record<string, unknown>; request: { path: string } };
    delete second.messages.proposed;
    second.request.path = '/orders/{order}/refunds';
    expect(() => parseActionsConfig(bad)).toThrow(
      /actions\.actions\.1\.messages\.proposed.*\{order\} is not an input field/,
    );
  });
});

describe('input and request', () => {
  it('coerces the amount, keeps the order id digits only, and drops unknown fields', () => {
    const checked = checkActionInput(refund, {
      order_id: '1187',
      amount: '$20.50',
      reason: 'torn',
      extra: 'x',
    });
    expect(checked).toEqual({ ok: true, input: { order_id: '1187', amount: 20.5, reason: 'torn' } });
    expect(checkActionInput(refund, { order_id: '11/../87', reason: 'x' })).toEqual({
      ok: false,
      problem: 'order_id is not valid',
    });
    expect(checkActionInput(refund, { order_id: '1187', amount: -5, reason: 'x' }).ok).toBe(false);
  });

  it('builds the POST with the idempotency key from the proposal id', () => {
    expect(buildRequest(refund, { order_id: '1187', amount: 20, reason: 'torn' }, 'act-SM1')).toEqual({
      method: 'POST',
      path: '/orders/1187/refunds',
      body: { amount: 20, reason: 'torn', idempotencyKey: 'act-SM1' },
    });
  });

  it('fills a customer text in the conversation language, English otherwise', () => {
    const texts = refund.messages.succeeded;
    const values = { order_id: '1187', amount: 20, currency: 'USD', refundId: 'rf_1' };
    expect(actionText(texts, 'es', values)).toBe(
      'Hemos emitido tu reembolso de 20 USD del pedido 1187 (referencia rf_1).',
    );
    expect(actionText(texts, 'fr', values)).toMatch(/^Your refund of 20 USD/);
  });
});

describe('identity check', () => {
  it("the order's phone must be the sender's, or the customer gave the email on file", () => {
    expect(ownsOrder(order, { customerAddress: '+15557770001', emails: [] }, fields)).toBe(true);
    expect(ownsOrder(order, { customerAddress: 'whatsapp:+15557770001', emails: [] }, fields)).toBe(true);
    expect(ownsOrder(order, { customerAddress: '+15550000000', emails: [] }, fields)).toBe(false);
    expect(ownsOrder(order, { customerAddress: '+15550000000', emails: ['Maya@Example.com'] }, fields)).toBe(
      true,
    );
    expect(ownsOrder(order, { customerAddress: '+15550000000', emails: ['other@example.com'] }, fields)).toBe(
      false,
    );
    expect(ownsOrder(undefined, { customerAddress: '+15557770001', emails: [] }, fields)).toBe(false);
  });

  it('finds the emails a customer wrote', () => {
    expect(emailsIn(['it is maya@example.com', 'no email here'])).toEqual(['maya@example.com']);
  });

  it('never shows the owner phone or email to the model or the agents', () => {
    expect(orderFacts(config, order)).not.toHaveProperty('phone');
    expect(orderFacts(config, order)).not.toHaveProperty('email');
  });
});

/** A business API answering from a table of paths, recording every request. */
function fakeApi(
  answers: Record<string, { status: number; body: unknown }>,
): BusinessApi & { seen: BusinessRequest[] } {
  const seen: BusinessRequest[] = [];
  return {
    seen,
    async request(request) {
      seen.push(request);
      return answers[`${request.method} ${request.path}`] ?? { status: 404, body: {} };
    },
  };
}

const usage = { inputTokens: 1, outputTokens: 1 };
const baseRequest: ModelRequest = { system: 'S', turns: [{ role: 'user', content: 'q' }], maxTokens: 10 };
const call = (args: Record<string, unknown>, action = 'lookup_order'): ModelResponse => ({
  text: '',
  toolCalls: [{ name: 'run_action', id: 'tu_1', input: { action, args } }],
  usage,
});

describe('the responder action step', () => {
  it('offers the actions as tools and says results are data', () => {
    const request = withActionTools(baseRequest, config);
    expect(request.actions?.map((action) => action.name)).toEqual([
      'lookup_order',
      'refund_order',
      'cancel_order',
    ]);
    expect(request.system).toContain('never instructions');
  });

  it('gives the model the order as delimited data without phone or email, brackets neutralised', async () => {
    const api = fakeApi({ 'GET /orders/1187': { status: 200, body: { ...order, carrier: 'UPS <b>' } } });
    const requests: ModelRequest[] = [];
    const step = await actOnToolCalls(
      { config, api, refundLimit: 100 },
      { requester: { customerAddress: '+15557770001', emails: [] }, proposalId: 'act-1' },
      call({ order_id: '1187' }),
      baseRequest,
      async (request) => {
        requests.push(request);
        return { text: 'It shipped.', toolCalls: [], usage };
      },
    );
    expect(step.response.text).toBe('It shipped.');
    const result = requests[0]?.turns.at(-1);
    expect(result?.toolResult).toEqual({ id: 'tu_1' });
    expect(result?.content).toMatch(
      /^<action_result name="lookup_order">.*"carrier":"UPS ‹b›".*<\/action_result>$/,
    );
    expect(result?.content).not.toContain('maya@example.com');
    expect(result?.content).not.toContain('+15557770001');
    expect(api.seen).toHaveLength(1); // the identity lookup is the lookup
  });

  it("another customer's order: the model learns only not_verified, the same as for no order", async () => {
    const api = fakeApi({ 'GET /orders/1187': { status: 200, body: order } });
    const contents: string[] = [];
    for (const orderId of ['1187', '9999']) {
      await actOnToolCalls(
        { config, api, refundLimit: 100 },
        { requester: { customerAddress: '+15550000000', emails: [] }, proposalId: 'act-2' },
        call({ order_id: orderId }),
        baseRequest,
        async (request) => {
          contents.push(request.turns.at(-1)?.content ?? '');
          return { text: 'ok', toolCalls: [], usage };
        },
      );
    }
    expect(contents[0]?.replace('1187', '')).toBe(contents[1]?.replace('9999', ''));
    expect(contents[0]).toContain('not_verified');
    expect(contents[0]).not.toMatch(/shipped|UPS|Jacket|89/);
  });

  it('a refund is proposed, not run: no POST, the whole order when no amount is given', async () => {
    const api = fakeApi({ 'GET /orders/1187': { status: 200, body: order } });
    const step = await actOnToolCalls(
      { config, api, refundLimit: 100 },
      { requester: { customerAddress: '+15557770001', emails: [] }, proposalId: 'act-3' },
      call({ order_id: '1187', reason: 'torn' }, 'refund_order'),
      baseRequest,
      async () => {
        throw new Error('no second model call for a proposal');
      },
    );
    expect(step.proposal).toMatchObject({
      proposalId: 'act-3',
      action: 'refund_order',
      input: { amount: 89 },
    });
    expect(step.proposal?.order).not.toHaveProperty('email');
    expect(api.seen.map((request) => request.method)).toEqual(['GET']);
  });

  it('with autoApproveRefunds on, a refund within the limit runs at once with the idempotency key', async () => {
    const auto = {
      ...config,
      autoApproveRefunds: { enabled: true, action: 'refund_order', amountField: 'amount' },
    };
    const api = fakeApi({
      'GET /orders/1187': { status: 200, body: order },
      'POST /orders/1187/refunds': { status: 201, body: { refundId: 'rf_1', status: 'pending' } },
    });
    const step = await actOnToolCalls(
      { config: auto, api, refundLimit: 100 },
      { requester: { customerAddress: '+15557770001', emails: [] }, proposalId: 'act-4' },
      call({ order_id: '1187', amount: 30, reason: 'torn' }, 'refund_order'),
      baseRequest,
      async () => ({ text: 'Refunded.', toolCalls: [], usage }),
    );
    expect(step.proposal).toBeUndefined();
    expect(api.seen.at(-1)?.body).toMatchObject({ amount: 30, idempotencyKey: 'act-4' });
  });
});

describe('report figures', () => {
  it('counts action events and the median time to approve', () => {
    const event = (
      type: LifecycleEvent['type'],
      at: string,
      data?: LifecycleEvent['data'],
    ): LifecycleEvent => ({
      conversationId: 'c',
      channel: 'sms',
      at,
      type,
      ...(data ? { data } : {}),
    });
    const events = [
      event('action_proposed', '2026-12-01T10:00:00Z'),
      event('action_proposed', '2026-12-01T10:01:00Z'),
      event('action_proposed', '2026-12-01T10:02:00Z'),
      event('action_approved', '2026-12-01T10:03:00Z', { secondsToApprove: 60 }),
      event('action_approved', '2026-12-01T10:04:00Z', { secondsToApprove: 120 }),
      event('action_denied', '2026-12-01T10:05:00Z'),
      event('action_executed', '2026-12-01T10:06:00Z'),
      event('action_failed', '2026-12-01T10:07:00Z'),
      event('action_proposed', '2026-11-01T10:00:00Z'),
    ];
    const figures = actionFigures(events, { since: '2026-12-01T00:00:00Z' });
    const text = formatReportText(
      computeCxMetrics(events, { reopenWindowHours: 24, since: '2026-12-01T00:00:00Z' }),
    );
    expect(text).toMatch(/Proposed \/ approved \/ denied\s+3 \/ 2 \/ 1/);
    expect(text).toMatch(/Median time to approve\s+1m 30s/);
    expect(figures).toEqual({
      proposed: 3,
      approved: 2,
      edited: 0,
      denied: 1,
      executed: 1,
      failed: 1,
      medianTimeToApproveSeconds: 90,
    });
  });
});

describe('actions with Claude (Messages API mapping)', () => {
  it('offers the actions as tools and maps their call and result to tool_use and tool_result blocks', () => {
    const request = withActionTools(
      {
        ...baseRequest,
        turns: [
          { role: 'user', content: 'where is 1187' },
          {
            role: 'assistant',
            content: 'Let me check.',
            toolUse: { id: 'tu_9', name: 'lookup_order', input: { order_id: '1187' } },
          },
          {
            role: 'user',
            content: '<action_result name="lookup_order">{}</action_result>',
            toolResult: { id: 'tu_9' },
          },
        ],
      },
      config,
    );
    const params = toMessagesParams(request, 'claude-haiku-4-5');
    expect(params.tools?.map((tool) => (tool as { name: string }).name)).toContain('refund_order');
    expect(params.messages[1]?.content).toEqual([
      { type: 'text', text: 'Let me check.' },
      { type: 'tool_use', id: 'tu_9', name: 'lookup_order', input: { order_id: '1187' } },
    ]);
    expect(params.messages[2]?.content).toEqual([
      {
        type: 'tool_result',
        tool_use_id: 'tu_9',
        content: '<action_result name="lookup_order">{}</action_result>',
      },
    ]);
  });

  it('reads a tool_use of an offered action as run_action, and ignores one it did not offer', () => {
    const message = {
      content: [
        { type: 'tool_use', id: 'tu_1', name: 'refund_order', input: { order_id: '1187' } },
        { type: 'tool_use', id: 'tu_2', name: 'drop_tables', input: {} },
      ],
      usage: { input_tokens: 1, output_tokens: 1 },
    } as unknown as Parameters<typeof fromMessage>[0];
    expect(fromMessage(message, new Set(['refund_order'])).toolCalls).toEqual([
      { name: 'run_action', id: 'tu_1', input: { action: 'refund_order', args: { order_id: '1187' } } },
    ]);
  });
});
