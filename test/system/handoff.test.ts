/**
 * The whole handoff on the local runtime, driven only by signed webhooks: AI answers, a person is
 * requested, the card appears, an agent claims and replies, notes stay internal, the case is resolved,
 * the satisfaction answer is recorded and the AI answers again.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACTION_IDS, encodeActionValue } from '../../functions/adapters/slack-blocks.ts';
import { conversationIdOf } from '../../functions/core/model.ts';
import { slackCardOf } from '../helpers/slack-card.ts';
import { type SystemHarness, slackText, startSystem } from '../helpers/system.ts';

const customer = '+15557770001';
const business = '+15550100000';
const ana = { id: 'UANA', username: 'ana' };
const ben = { id: 'UBEN', username: 'ben' };
const conversationId = conversationIdOf({
  channel: 'sms',
  customerAddress: customer,
  businessAddress: business,
});

let system: SystemHarness;

beforeAll(async () => {
  system = await startSystem();
});

afterAll(async () => {
  await system?.stop();
});

describe('handoff from AI to a person and back', () => {
  let cardTs = '';
  let caseId = '';

  it('answers a knowledge-base question from the knowledge base', async () => {
    const response = await system.driver.customerSays({
      from: customer,
      to: business,
      body: 'How much does standard shipping cost?',
    });
    expect(response.status).toBe(200);
    expect(response.contentType).toContain('text/xml');
    expect(response.body).toContain('<Response/>');
    await system.settle();
    const replies = system.sentTo(customer);
    expect(replies).toHaveLength(1);
    expect(replies[0]?.body).toContain('$6.95');
    expect((await system.store.getConversation(conversationId))?.mode).toBe('ai');
  });

  it('"I want to talk to a person" queues the conversation, posts a card and tells the customer', async () => {
    await system.driver.customerSays({ from: customer, to: business, body: 'I want to talk to a person' });
    await system.settle();
    const conversation = await system.store.getConversation(conversationId);
    expect(conversation?.mode).toBe('queued');
    caseId = conversation?.caseId ?? '';
    const kase = await system.store.getCase(caseId);
    expect(kase?.packet.reason).toBe('customer_request');
    expect(kase?.packet.lastCustomerMessage).toBe('I want to talk to a person');
    const card = system.cardFor(customer);
    expect(card).toBeDefined();
    cardTs = card?.ts ?? '';
    expect(slackCardOf(kase)).toEqual({ channel: system.channel, ts: cardTs });
    expect(slackText(card)).toContain(ACTION_IDS.claim);
    const told = system.sentTo(customer).at(-1)?.body ?? '';
    expect(told.length).toBeGreaterThan(0);
    expect(told).not.toContain('$6.95');
  });

  it('a reply in the unclaimed thread is not sent and its author is offered Claim', async () => {
    const before = system.sentTo(customer).length;
    await system.agentReplies({ agent: ben, threadTs: cardTs, text: 'Hello there' });
    await system.settle();
    expect(system.sentTo(customer)).toHaveLength(before);
    const ephemeral = system.slack.ephemerals.at(-1);
    expect(ephemeral?.user).toBe(ben.id);
    expect(JSON.stringify(ephemeral)).toContain(ACTION_IDS.claim);
  });

  it('Claim makes the clicking agent the owner and the card says so', async () => {
    const response = await system.driver.agentClicks({
      agent: ana,
      actionId: ACTION_IDS.claim,
      value: caseId,
      messageTs: cardTs,
    });
    expect(response.status).toBe(200);
    const conversation = await system.store.getConversation(conversationId);
    expect(conversation?.mode).toBe('agent');
    expect(conversation?.owner?.id).toBe(ana.id);
    expect(slackText(system.slack.messages.get(cardTs))).toContain('Claimed by');
    expect(slackText(system.slack.messages.get(cardTs))).toContain(ACTION_IDS.resolve);
  });

  it("the owner's thread reply reaches the customer and gets a reaction", async () => {
    const { ts: replyTs } = await system.agentReplies({
      agent: ana,
      threadTs: cardTs,
      text: 'Hi, this is Ana. How can I help?',
    });
    // Recorded at once (⏳), sent by the worker (✓ replaces ⏳).
    await system.settle();
    const sent = system.sentTo(customer).at(-1);
    expect(sent?.body).toBe('Hi, this is Ana. How can I help?');
    const reactions = system.slack.calls
      .filter((call) => call.method === 'reactions.add' && call.args.timestamp === replyTs)
      .map((call) => call.args.name);
    expect(reactions).toEqual(['hourglass_flowing_sand', 'white_check_mark']);
    expect(system.slack.messages.get(replyTs)?.reactions.map((r) => r.name)).toEqual(['white_check_mark']);
  });

  it("the customer's answer appears in the thread and the owner gets a suggested reply", async () => {
    await system.driver.customerSays({
      from: customer,
      to: business,
      body: 'My parcel shows delivered but I cannot find it',
    });
    await system.settle();
    const thread = system.slack
      .thread(system.channel, cardTs)
      .map((message) => slackText(message))
      .join('\n');
    expect(thread).toContain('My parcel shows delivered but I cannot find it');
    expect(thread).toContain(ACTION_IDS.sendSuggestion);
    // The AI never writes to the customer while a person owns the conversation.
    expect(system.sentTo(customer).at(-1)?.body).toBe('Hi, this is Ana. How can I help?');
  });

  it('the owner can send the suggested reply with one click', async () => {
    const suggestion = system.slack
      .thread(system.channel, cardTs)
      .flatMap(
        (message) => (message.blocks ?? []) as { elements?: { action_id?: string; value?: string }[] }[],
      )
      .flatMap((block) => block.elements ?? [])
      .find((element) => element.action_id === ACTION_IDS.sendSuggestion);
    expect(suggestion?.value).toBeDefined();
    const stored = (await system.store.recentMessages(conversationId, 20)).find((m) =>
      m.flags?.includes('suggestion'),
    );
    expect(stored?.text).toBeTruthy();
    await system.driver.agentClicks({
      agent: ana,
      actionId: ACTION_IDS.sendSuggestion,
      value: suggestion?.value ?? '',
      messageTs: cardTs,
    });
    await system.settle();
    expect(system.sentTo(customer).at(-1)?.body).toBe(stored?.text);
  });

  it("a note: reply stays internal, and another agent's reply is kept as a note with an ephemeral", async () => {
    const before = system.sentTo(customer).length;
    await system.agentReplies({ agent: ana, threadTs: cardTs, text: 'note: checking with the warehouse' });
    await system.agentReplies({ agent: ben, threadTs: cardTs, text: 'I can take this one' });
    await system.settle();
    expect(system.sentTo(customer)).toHaveLength(before);
    const ephemeral = system.slack.ephemerals.at(-1);
    expect(ephemeral?.user).toBe(ben.id);
    expect(JSON.stringify(ephemeral)).toContain('internal note');
  });

  it('Resolve closes the case, asks for satisfaction, and the answer is recorded', async () => {
    await system.driver.agentClicks({
      agent: ana,
      actionId: ACTION_IDS.resolve,
      selectedValue: encodeActionValue({ caseId, outcome: 'solved' }),
      messageTs: cardTs,
    });
    const conversation = await system.store.getConversation(conversationId);
    expect(conversation?.mode).toBe('ai');
    expect((await system.store.getCase(caseId))?.outcome).toBe('solved');
    await system.settle();
    expect(system.sentTo(customer).at(-1)?.body).toMatch(/1 \(poor\) to 5/);
    expect(slackText(system.slack.messages.get(cardTs))).toContain(ACTION_IDS.feedbackNeededYes);

    await system.driver.customerSays({ from: customer, to: business, body: '5' });
    await system.settle();
    const events = await system.store.listLifecycle(
      new Date(Date.now() - 3_600_000).toISOString(),
      new Date(Date.now() + 3_600_000).toISOString(),
    );
    const satisfaction = events.find(
      (event) => event.type === 'satisfaction' && event.conversationId === conversationId,
    );
    expect(satisfaction?.data?.score).toBe(5);
    expect(satisfaction?.caseId).toBe(caseId);
  });

  it('the agent answers the two escalation-quality questions', async () => {
    await system.driver.agentClicks({
      agent: ana,
      actionId: ACTION_IDS.feedbackNeededYes,
      value: caseId,
      messageTs: cardTs,
    });
    await system.driver.agentClicks({
      agent: ana,
      actionId: ACTION_IDS.feedbackAccurateNo,
      value: caseId,
      messageTs: cardTs,
    });
    const kase = await system.store.getCase(caseId);
    expect(kase?.escalationNeeded).toBe(true);
    expect(kase?.summaryAccurate).toBe(false);
  });

  it('the next customer message is answered by the AI again', async () => {
    const before = system.sentTo(customer).length;
    await system.driver.customerSays({ from: customer, to: business, body: 'What are your delivery times?' });
    await system.settle();
    const replies = system.sentTo(customer);
    expect(replies).toHaveLength(before + 1);
    expect(replies.at(-1)?.body).toMatch(/business day/);
    const aiReply = (await system.store.recentMessages(conversationId, 5))
      .filter((m) => m.author === 'ai')
      .at(-1);
    expect(aiReply?.passages).toContain('shipping#delivery-times');
  });
});
