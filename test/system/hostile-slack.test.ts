/**
 * Hostile input at the Slack door, on the local runtime, driven only with signed or unsigned HTTP:
 * unsigned garbage and stale or future-dated requests are 401s and the process stays healthy; a Claim by a
 * user of another organisation (Slack Connect) is refused and changes nothing; the owner's reply in another
 * channel carrying the card's thread_ts never reaches the customer.
 * (The agent allowlist is not configurable through the runtime's env; it is covered in
 * test/integration/desk-actions.test.ts.)
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACTION_IDS } from '../../functions/adapters/slack-blocks.ts';
import { conversationIdOf } from '../../functions/core/model.ts';
import { signSlackRequest } from '../../local/slack-requests.ts';
import { type SystemHarness, startSystem } from '../helpers/system.ts';

const ana = { id: 'UANA', username: 'ana' };
const outsider = { id: 'UEXT', username: 'mallory', teamId: 'TEXTERNAL' };
let system: SystemHarness;
let secret: string;

beforeAll(async () => {
  system = await startSystem();
  secret = system.runtime.services.slack.signingSecret ?? '';
});

afterAll(async () => {
  await system?.stop();
});

const conversationOf = (customer: string) =>
  conversationIdOf({ channel: 'sms', customerAddress: customer, businessAddress: '+15550100000' });

async function escalated(customer: string): Promise<{ caseId: string; cardTs: string }> {
  await system.driver.customerSays({ from: customer, body: 'Please connect me with an agent' });
  await system.settle();
  const caseId = (await system.store.getConversation(conversationOf(customer)))?.caseId ?? '';
  const cardTs = system.cardFor(customer)?.ts ?? '';
  expect(caseId).not.toBe('');
  expect(cardTs).not.toBe('');
  return { caseId, cardTs };
}

async function health(): Promise<number> {
  return (await fetch(`${system.runtime.url}/health`)).status;
}

describe('the /slack/events door', () => {
  const now = () => Math.floor(Date.now() / 1000);
  const body = JSON.stringify({ type: 'event_callback', team_id: 'TTANDEM', event: { type: 'message' } });

  it.each([
    [
      'unsigned garbage',
      () => ({ raw: '\u0000{{{not json', headers: { 'content-type': 'application/json' } }),
    ],
    ['an unsigned empty body', () => ({ raw: '', headers: {} })],
    [
      'a stale timestamp',
      () => ({
        raw: body,
        headers: { 'content-type': 'application/json', ...signSlackRequest(body, secret, now() - 3600) },
      }),
    ],
    [
      'a timestamp ten minutes in the future',
      () => ({
        raw: body,
        headers: { 'content-type': 'application/json', ...signSlackRequest(body, secret, now() + 600) },
      }),
    ],
    [
      'a non-numeric timestamp',
      () => ({
        raw: body,
        headers: { 'content-type': 'application/json', ...signSlackRequest(body, secret, 'soon') },
      }),
    ],
  ])('%s gets 401, and /health is still 200', async (_name, request) => {
    const { raw, headers } = request();
    const response = await system.driver.post('/slack/events', raw, headers as Record<string, string>);
    expect(response.status).toBe(401);
    expect(await health()).toBe(200);
  });
});

describe('who may act', () => {
  it('a Claim from a user of another team is refused with an ephemeral and nothing changes', async () => {
    const customer = '+15557778001';
    const { caseId, cardTs } = await escalated(customer);
    const before = await system.store.getConversation(conversationOf(customer));
    const response = await system.driver.agentClicks({
      agent: outsider,
      actionId: ACTION_IDS.claim,
      value: caseId,
      messageTs: cardTs,
    });
    expect(response.status).toBe(200);
    const after = await system.store.getConversation(conversationOf(customer));
    expect(after?.mode).toBe('queued');
    expect(after?.owner).toBeUndefined();
    expect(after?.version).toBe(before?.version);
    expect((await system.store.getCase(caseId))?.status).toBe('queued');
    expect(
      system.slack.ephemerals.some(
        (e) => e.user === 'UEXT' && /can act on this conversation/.test(e.text ?? ''),
      ),
    ).toBe(true);
  });

  it("the owner's reply in another channel carrying the card's thread_ts is not relayed to the customer", async () => {
    const customer = '+15557778002';
    const { caseId, cardTs } = await escalated(customer);
    await system.driver.agentClicks({
      agent: ana,
      actionId: ACTION_IDS.claim,
      value: caseId,
      messageTs: cardTs,
    });
    expect((await system.store.getConversation(conversationOf(customer)))?.owner?.id).toBe('UANA');
    const sentBefore = system.sentTo(customer).length;
    const response = await system.driver.agentReplies({
      agent: ana,
      channel: 'COTHERCHANNEL',
      threadTs: cardTs,
      text: 'Your refund is approved',
    });
    expect(response.status).toBe(200);
    await system.settle();
    expect(system.sentTo(customer).slice(sentBefore)).toEqual([]);
    expect(system.slack.ephemerals.some((e) => e.user === 'UANA' && e.channel === 'COTHERCHANNEL')).toBe(
      true,
    );
  });
});
