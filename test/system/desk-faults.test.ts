/**
 * Fault case: Twilio fails while an agent replies. The reply is delivered once after recovery, or the
 * thread says it was not sent and offers Retry. Consumers receive with a 1-second visibility timeout, so a
 * failed desk command comes back at once instead of after the queue's three minutes.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACTION_IDS } from '../../functions/adapters/slack-blocks.ts';
import { conversationIdOf } from '../../functions/core/model.ts';
import { type SystemHarness, slackText, startSystem } from '../helpers/system.ts';

const ana = { id: 'UANA', username: 'ana' };
const ben = { id: 'UBEN', username: 'ben' };
let system: SystemHarness;

beforeAll(async () => {
  system = await startSystem({}, { consumerVisibilityTimeoutSeconds: 1 });
});

afterAll(async () => {
  await system?.stop();
});

async function claimed(customer: string): Promise<{ caseId: string; cardTs: string }> {
  await system.driver.customerSays({ from: customer, body: 'Please connect me with an agent' });
  await system.settle();
  const conversationId = conversationIdOf({
    channel: 'sms',
    customerAddress: customer,
    businessAddress: '+15550100000',
  });
  const caseId = (await system.store.getConversation(conversationId))?.caseId ?? '';
  const cardTs = system.cardFor(customer)?.ts ?? '';
  await system.driver.agentClicks({
    agent: ana,
    actionId: ACTION_IDS.claim,
    value: caseId,
    messageTs: cardTs,
  });
  return { caseId, cardTs };
}

const thread = (cardTs: string) => system.slack.thread(system.channel, cardTs);
const reactions = (ts: string) => system.slack.messages.get(ts)?.reactions.map((r) => r.name) ?? [];

describe('Twilio fails while an agent replies', () => {
  it('a short outage: "Retrying" once in the thread, then the reply is delivered exactly once, ✓', async () => {
    const customer = '+15557778001';
    const { cardTs } = await claimed(customer);
    const before = system.sentTo(customer).length;
    // Twice the channel's own three attempts: the first delivery and the first redelivery fail.
    system.twilio.failNext(503, 503, 6);
    const { ts } = await system.agentReplies({
      agent: ana,
      threadTs: cardTs,
      text: 'Your refund is approved',
    });
    await system.settle();
    expect(
      system
        .sentTo(customer)
        .slice(before)
        .map((m) => m.body),
    ).toEqual(['Your refund is approved']);
    const retrying = thread(cardTs).filter((m) => m.text?.includes('Retrying:'));
    expect(retrying).toHaveLength(1);
    expect(retrying[0]?.text).toContain('HTTP 503');
    expect(reactions(ts)).toEqual(['white_check_mark']);
    expect(thread(cardTs).some((m) => m.text?.includes('Not sent'))).toBe(false);
  });

  it('a long outage: "Not sent" with Retry after the last attempt; the owner\'s Retry delivers it once', async () => {
    const customer = '+15557778002';
    const { cardTs } = await claimed(customer);
    const before = system.sentTo(customer).length;
    // Three attempts per delivery, five deliveries: every attempt of the command fails.
    system.twilio.failNext(503, 503, 3 * 5);
    const { ts } = await system.agentReplies({ agent: ana, threadTs: cardTs, text: 'Tracking: 1Z999' });
    await expect
      .poll(() => thread(cardTs).some((m) => m.text?.includes('Not sent:')), {
        timeout: 20_000,
        interval: 200,
      })
      .toBe(true);
    await system.settle();
    expect(system.sentTo(customer).slice(before)).toEqual([]);
    expect(thread(cardTs).filter((m) => m.text?.includes('Retrying:'))).toHaveLength(1);
    expect(reactions(ts)).toEqual(['x']);
    const notSent = thread(cardTs).find((m) => m.text?.includes('Not sent:'));
    expect(slackText(notSent)).toContain('retries ran out');
    const value = (notSent?.blocks as { elements?: { action_id?: string; value?: string }[] }[] | undefined)
      ?.flatMap((block) => block.elements ?? [])
      .find((element) => element.action_id === ACTION_IDS.retryCommand)?.value;
    expect(value).toBeDefined();

    // Twilio is back (the scripted failures are used up).
    await system.driver.agentClicks({
      agent: ben,
      actionId: ACTION_IDS.retryCommand,
      value: value ?? '',
      messageTs: notSent?.ts ?? '',
      threadTs: cardTs,
    });
    expect(system.slack.ephemerals.at(-1)).toMatchObject({
      user: 'UBEN',
      text: 'Only @ana can retry this message.',
    });
    await system.driver.agentClicks({
      agent: ana,
      actionId: ACTION_IDS.retryCommand,
      value: value ?? '',
      messageTs: notSent?.ts ?? '',
      threadTs: cardTs,
    });
    await system.settle();
    expect(
      system
        .sentTo(customer)
        .slice(before)
        .map((m) => m.body),
    ).toEqual(['Tracking: 1Z999']);
    expect(reactions(ts)).toEqual(['white_check_mark']);
    // A second click on the same Retry button finds it sent: nothing more goes.
    await system.driver.agentClicks({
      agent: ana,
      actionId: ACTION_IDS.retryCommand,
      value: value ?? '',
      messageTs: notSent?.ts ?? '',
      threadTs: cardTs,
    });
    await system.settle();
    expect(system.sentTo(customer).slice(before)).toHaveLength(1);
  });
});
