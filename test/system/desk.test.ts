/**
 * The agents' desk end to end: release, hand back with an instruction, delivery failures in the thread,
 * SLA reminders and mentions, idle auto-resolution, unknown threads, bad signatures and Slack retries.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACTION_IDS, HANDBACK_MODAL } from '../../functions/adapters/slack-blocks.ts';
import { conversationIdOf } from '../../functions/core/model.ts';
import { newSlackTs } from '../../local/driver.ts';
import { messageEventBody } from '../../local/slack-requests.ts';
import { type SystemHarness, slackText, startSystem } from '../helpers/system.ts';

const ana = { id: 'UANA', username: 'ana' };
let system: SystemHarness;

beforeAll(async () => {
  system = await startSystem();
});

afterAll(async () => {
  await system?.stop();
});

function conversationOf(customer: string): string {
  return conversationIdOf({ channel: 'sms', customerAddress: customer, businessAddress: '+15550100000' });
}

async function escalated(customer: string): Promise<{ caseId: string; cardTs: string }> {
  await system.driver.customerSays({ from: customer, body: 'Please connect me with an agent' });
  await system.settle();
  const caseId = (await system.store.getConversation(conversationOf(customer)))?.caseId ?? '';
  const cardTs = system.cardFor(customer)?.ts ?? '';
  expect(cardTs).not.toBe('');
  return { caseId, cardTs };
}

function threadText(cardTs: string): string {
  return system.slack
    .thread(system.channel, cardTs)
    .map((message) => slackText(message))
    .join('\n');
}

describe('ownership', () => {
  it('Release puts the conversation back in the queue and the card offers Claim again', async () => {
    const customer = '+15557776001';
    const { caseId, cardTs } = await escalated(customer);
    await system.driver.agentClicks({
      agent: ana,
      actionId: ACTION_IDS.claim,
      value: caseId,
      messageTs: cardTs,
    });
    await system.driver.agentClicks({
      agent: ana,
      actionId: ACTION_IDS.release,
      value: caseId,
      messageTs: cardTs,
    });
    const conversation = await system.store.getConversation(conversationOf(customer));
    expect(conversation?.mode).toBe('queued');
    expect(conversation?.owner).toBeUndefined();
    expect((await system.store.getCase(caseId))?.status).toBe('queued');
    expect(slackText(system.slack.messages.get(cardTs))).toContain(ACTION_IDS.claim);
    expect(threadText(cardTs)).toContain('released this conversation');
  });

  it('Hand back to AI keeps the instruction for the next AI turn, which consumes it', async () => {
    const customer = '+15557776002';
    const { caseId, cardTs } = await escalated(customer);
    await system.driver.agentClicks({
      agent: ana,
      actionId: ACTION_IDS.claim,
      value: caseId,
      messageTs: cardTs,
    });
    await system.driver.agentClicks({
      agent: ana,
      actionId: ACTION_IDS.handBack,
      value: caseId,
      messageTs: cardTs,
    });
    const opened = system.slack.views.at(-1) as { view?: { private_metadata?: string } } | undefined;
    expect(opened?.view?.private_metadata).toContain(caseId);
    await system.driver.agentSubmits({
      agent: ana,
      callbackId: HANDBACK_MODAL.callbackId,
      privateMetadata: opened?.view?.private_metadata ?? '',
      values: {
        [HANDBACK_MODAL.blockId]: {
          [HANDBACK_MODAL.actionId]: { type: 'plain_text_input', value: 'Offer free express shipping' },
        },
      },
    });
    const handedBack = await system.store.getConversation(conversationOf(customer));
    expect(handedBack?.mode).toBe('ai');
    expect(handedBack?.handbackInstruction).toBe('Offer free express shipping');
    // The thread notice is a durable desk command: the worker posts it.
    await system.settle();
    expect(threadText(cardTs)).toContain('Offer free express shipping');

    const before = system.sentTo(customer).length;
    await system.driver.customerSays({ from: customer, body: 'How much does express shipping cost?' });
    await system.settle();
    expect(system.sentTo(customer)).toHaveLength(before + 1);
    expect(
      (await system.store.getConversation(conversationOf(customer)))?.handbackInstruction,
    ).toBeUndefined();
  });
});

describe('delivery failures', () => {
  it("an agent message that Twilio reports undelivered is flagged in the case's thread", async () => {
    const customer = '+15557776003';
    const { caseId, cardTs } = await escalated(customer);
    await system.driver.agentClicks({
      agent: ana,
      actionId: ACTION_IDS.claim,
      value: caseId,
      messageTs: cardTs,
    });
    system.twilio.failDeliveryNext(30003, 'undelivered');
    await system.agentReplies({ agent: ana, threadTs: cardTs, text: 'Your replacement ships today' });
    await expect.poll(() => threadText(cardTs), { timeout: 5000 }).toContain('Delivery failed (error 30003)');
    const outbound = (await system.store.recentMessages(conversationOf(customer), 10)).filter(
      (m) => m.author === 'agent',
    );
    expect(outbound.at(-1)?.status).toBe('undelivered');
  });
});

describe('reply states in the thread', () => {
  const reactionCalls = (ts: string) =>
    system.slack.calls
      .filter((call) => call.ok && call.method.startsWith('reactions.') && call.args.timestamp === ts)
      .map((call) => `${call.method === 'reactions.add' ? '+' : '-'}${String(call.args.name)}`);

  it("the owner's reply shows ⏳ as soon as Slack is answered, then ✓ replaces it once Twilio accepted it", async () => {
    const customer = '+15557776008';
    const { caseId, cardTs } = await escalated(customer);
    await system.driver.agentClicks({
      agent: ana,
      actionId: ACTION_IDS.claim,
      value: caseId,
      messageTs: cardTs,
    });
    const before = system.sentTo(customer).length;
    const { status, ts } = await system.agentReplies({ agent: ana, threadTs: cardTs, text: 'On it!' });
    expect(status).toBe(200);
    expect(reactionCalls(ts)[0]).toBe('+hourglass_flowing_sand');
    await system.settle();
    expect(
      system
        .sentTo(customer)
        .slice(before)
        .map((m) => m.body),
    ).toEqual(['On it!']);
    expect(reactionCalls(ts)).toEqual([
      '+hourglass_flowing_sand',
      '+white_check_mark',
      '-hourglass_flowing_sand',
    ]);
    expect(system.slack.messages.get(ts)?.reactions.map((r) => r.name)).toEqual(['white_check_mark']);
  });

  it('a reply to an unsubscribed customer says "Not sent" with a Retry button that only the owner may use', async () => {
    const customer = '+15557776009';
    const { caseId, cardTs } = await escalated(customer);
    await system.driver.agentClicks({
      agent: ana,
      actionId: ACTION_IDS.claim,
      value: caseId,
      messageTs: cardTs,
    });
    system.twilio.failNext(21610);
    const { ts } = await system.agentReplies({ agent: ana, threadTs: cardTs, text: 'Are you there?' });
    await system.settle();
    const notSent = system.slack
      .thread(system.channel, cardTs)
      .find((message) => message.text?.includes('Not sent: the customer has opted out'));
    expect(notSent).toBeDefined();
    expect(system.slack.messages.get(ts)?.reactions.map((r) => r.name)).toEqual(['x']);
    const retry = (notSent?.blocks as { elements?: { action_id?: string; value?: string }[] }[] | undefined)
      ?.flatMap((block) => block.elements ?? [])
      .find((element) => element.action_id === ACTION_IDS.retryCommand);
    expect(retry?.value).toBeDefined();

    await system.driver.agentClicks({
      agent: { id: 'UBEN', username: 'ben' },
      actionId: ACTION_IDS.retryCommand,
      value: retry?.value ?? '',
      messageTs: notSent?.ts ?? '',
      threadTs: cardTs,
    });
    expect(system.slack.ephemerals.at(-1)).toMatchObject({
      user: 'UBEN',
      text: 'Only @ana can retry this message.',
    });
    const requests = system.twilio.requests.length;
    await system.driver.agentClicks({
      agent: ana,
      actionId: ACTION_IDS.retryCommand,
      value: retry?.value ?? '',
      messageTs: notSent?.ts ?? '',
      threadTs: cardTs,
    });
    await system.settle();
    // Carried out again: the customer is still unsubscribed (the profile says so), so nothing reaches Twilio.
    expect(system.twilio.requests.length).toBe(requests);
    expect(system.sentTo(customer).map((m) => m.body)).not.toContain('Are you there?');
  });
});

describe('SLA sweeper', () => {
  it('reminds after the reminder time, then mentions and bumps priority and tells the customer once', async () => {
    const customer = '+15557776004';
    const { caseId, cardTs } = await escalated(customer);
    const age = async (minutes: number) => {
      const kase = await system.store.getCase(caseId);
      await system.store.saveCase({
        ...kase!,
        version: kase!.version + 1,
        openedAt: new Date(Date.now() - minutes * 60_000).toISOString(),
      });
    };
    await system.runtime.sweep();
    expect(threadText(cardTs)).not.toContain('Reminder');

    await age(6);
    await system.runtime.sweep();
    expect(threadText(cardTs)).toContain('Reminder');
    const sentBefore = system.sentTo(customer).length;

    await age(16);
    await system.runtime.sweep();
    await system.runtime.sweep();
    const kase = await system.store.getCase(caseId);
    expect(kase?.slaStage).toBe(2);
    expect(kase?.priority).toBe('high');
    expect(threadText(cardTs)).toContain('priority raised to high');
    expect(threadText(cardTs).match(/Reminder/g)).toHaveLength(1);
    expect(system.sentTo(customer)).toHaveLength(sentBefore + 1);
    expect(system.sentTo(customer).at(-1)?.body).toMatch(/patience/);
  });

  it('resolves AI conversations that went idle, once', async () => {
    const customer = '+15557776005';
    await system.driver.customerSays({ from: customer, body: 'Do you ship to Australia?' });
    await system.settle();
    const conversation = await system.store.getConversation(conversationOf(customer));
    const longAgo = new Date(Date.now() - 2 * 24 * 3_600_000).toISOString();
    await system.store.saveConversation({
      ...conversation!,
      version: conversation!.version + 1,
      updatedAt: longAgo,
      lastInboundAt: longAgo,
    });
    await system.runtime.sweep();
    await system.runtime.sweep();
    const resolved = await system.store.getConversation(conversationOf(customer));
    expect(resolved?.lastResolvedAt).toBeDefined();
    const events = await system.store.listLifecycle(
      new Date(Date.now() - 3_600_000).toISOString(),
      new Date(Date.now() + 3_600_000).toISOString(),
    );
    const resolutions = events.filter(
      (e) => e.conversationId === conversationOf(customer) && e.type === 'resolved',
    );
    expect(resolutions).toHaveLength(1);
    expect(resolutions[0]?.data?.by).toBe('idle');
  });
});

describe('bad Slack input', () => {
  it('a reply in a thread Tandem does not know gets a polite ephemeral and sends nothing', async () => {
    const before = system.twilio.messages.length;
    const root = system.slack.postAsUser({ channel: system.channel, user: ana.id, text: 'lunch?' });
    await system.agentReplies({ agent: ana, threadTs: root.ts, text: 'anyone?' });
    expect(system.twilio.messages).toHaveLength(before);
    expect(JSON.stringify(system.slack.ephemerals.at(-1))).toContain(
      "isn't linked to an open Tandem conversation",
    );
  });

  it('a bad signature is a 401 and changes nothing', async () => {
    const customer = '+15557776006';
    const { caseId, cardTs } = await escalated(customer);
    const body = JSON.stringify({
      type: 'block_actions',
      actions: [{ action_id: ACTION_IDS.claim, value: caseId }],
    });
    const response = await system.driver.post(
      '/slack/events',
      new URLSearchParams({ payload: body }).toString(),
      {
        'content-type': 'application/x-www-form-urlencoded',
        'x-slack-signature': 'v0=0000',
        'x-slack-request-timestamp': String(Math.floor(Date.now() / 1000)),
      },
    );
    expect(response.status).toBe(401);
    expect((await system.store.getConversation(conversationOf(customer)))?.mode).toBe('queued');
    expect(slackText(system.slack.messages.get(cardTs))).not.toContain('Claimed by');
  });

  it('a Slack retry of the same event is handled once', async () => {
    const customer = '+15557776007';
    const { caseId, cardTs } = await escalated(customer);
    await system.driver.agentClicks({
      agent: ana,
      actionId: ACTION_IDS.claim,
      value: caseId,
      messageTs: cardTs,
    });
    const ts = newSlackTs();
    system.slack.postAsUser({
      channel: system.channel,
      user: ana.id,
      text: 'One moment please',
      thread_ts: cardTs,
    });
    const event = messageEventBody({
      channel: system.channel,
      user: ana.id,
      text: 'One moment please',
      ts,
      threadTs: cardTs,
    });
    const before = system.sentTo(customer).length;
    await system.driver.slackEvent(event);
    await system.driver.slackEvent(event, {
      'x-slack-retry-num': '1',
      'x-slack-retry-reason': 'http_timeout',
    });
    await system.settle();
    expect(system.sentTo(customer)).toHaveLength(before + 1);
  });
});
