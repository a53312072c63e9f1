/**
 * The desk commands with real adapters (DynamoDB Local, the Slack and Twilio emulators): owner checks are
 * decided inside the conditional write, so a Release or Claim that lands between a command's read and its
 * write leads to a refusal; the agent allowlist (user ids, a user group read from Slack) gates every
 * command; feedback is accepted only from the resolver.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import businessSettings from '../../config/business.ts';
import { DynamoDbConversationStore } from '../../functions/adapters/dynamodb-conversation-store.ts';
import { SlackAgentDesk } from '../../functions/adapters/slack-agent-desk.ts';
import { SlackUserGroups } from '../../functions/adapters/slack-user-groups.ts';
import { TwilioCustomerChannel } from '../../functions/adapters/twilio-customer-channel.ts';
import { claim, release } from '../../functions/core/conversation-state.ts';
import type { DeskCommands } from '../../functions/core/desk-commands.ts';
import type { Agent, Case, Conversation } from '../../functions/core/model.ts';
import type { ConversationStore } from '../../functions/core/ports.ts';
import { updateConversation } from '../../functions/core/use-cases/conversations.ts';
import { createDeskCommands } from '../../functions/core/use-cases/desk-actions.ts';
import { parseBusinessSettings } from '../../functions/shared/business-settings.ts';
import { type FakeSlack, startFakeSlack } from '../../local/fake-slack.ts';
import { type FakeTwilio, startFakeTwilio } from '../../local/fake-twilio.ts';
import { freshTable } from '../helpers/aws.ts';

const DESK = 'CDESK';
const ANA: Agent = { id: 'UANA', name: 'ana' };
const BOB: Agent = { id: 'UBOB', name: 'bob' };
const clock = { now: () => new Date() };
const settings = parseBusinessSettings(businessSettings);

let slack: FakeSlack;
let twilio: FakeTwilio;
let realStore: DynamoDbConversationStore;
/** Runs once, just before the command's first conditional conversation write (the race window). */
let beforeNextSave: (() => Promise<void>) | undefined;

/** The real store; `beforeNextSave` lets a test land a concurrent change between read and write. */
function racingStore(store: DynamoDbConversationStore): ConversationStore {
  return new Proxy(store, {
    get(target, property, receiver) {
      if (property === 'saveConversation') {
        return async (conversation: Conversation) => {
          const race = beforeNextSave;
          beforeNextSave = undefined;
          if (race) await race();
          return target.saveConversation(conversation);
        };
      }
      const value = Reflect.get(target, property, receiver);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

function commands(access?: Parameters<typeof createDeskCommands>[0]['access']): DeskCommands {
  return createDeskCommands({
    store: racingStore(realStore),
    desk: SlackAgentDesk.create({ token: 'xoxb-test', slackApiUrl: slack.url, channel: DESK }),
    channel: new TwilioCustomerChannel({
      accountSid: twilio.accountSid,
      authToken: twilio.authToken,
      apiUrl: twilio.url,
      maxAttempts: 1,
      baseDelayMs: 1,
    }),
    clock,
    settings,
    access: access ?? { channels: [DESK] },
    directory: new SlackUserGroups({
      token: 'xoxb-test',
      slackApiUrl: slack.url,
      retryConfig: { retries: 0 },
    }),
  });
}

/** A case in the desk channel, owned by `owner` (or queued), with a real card in the emulated Slack. */
async function openCase(
  owner: Agent | undefined,
): Promise<{ kase: Case; ref: { channel: string; ts: string } }> {
  const number = `+1555${Math.floor(1_000_000 + Math.random() * 8_999_999)}`;
  const now = clock.now().toISOString();
  const caseId = `case_${randomUUID().slice(0, 8)}`;
  const conversationId = `sms|${number}|+15550100000`;
  const card = slack.postAsUser({ channel: DESK, user: 'UBOT', text: 'card' });
  const ref = { channel: DESK, ts: card.ts };
  await realStore.createConversation({
    id: conversationId,
    channel: 'sms',
    customerAddress: number,
    businessAddress: '+15550100000',
    mode: owner ? 'agent' : 'queued',
    caseId,
    ...(owner ? { owner } : {}),
    version: 1,
    openedAt: now,
    updatedAt: now,
    lastInboundAt: now,
  });
  const kase: Case = {
    caseId,
    conversationId,
    status: owner ? 'claimed' : 'queued',
    version: 1,
    openedAt: now,
    priority: 'normal',
    slack: ref,
    ...(owner ? { owner } : {}),
    packet: {
      caseId,
      conversationId,
      channel: 'sms',
      customerAddress: number,
      reason: 'customer_request',
      priority: 'normal',
      summary: 'wants a refund',
      tried: 'explained the policy',
      sentimentTrend: [],
      lastCustomerMessage: 'a person please',
      suggestedNextStep: 'refund',
      openedAt: now,
    },
  };
  await realStore.createCase(kase);
  return { kase, ref };
}

/** Another agent's Release then Claim, landing between the command's read and its write. */
const releaseThenBobClaims = (conversationId: string) => async () => {
  await updateConversation({ store: realStore, clock }, conversationId, (current) =>
    release(current, clock.now()),
  );
  await updateConversation({ store: realStore, clock }, conversationId, (current) =>
    claim(current, BOB, clock.now()),
  );
};

const sentTo = (number: string) => twilio.messages.filter((message) => message.to === number);
const ephemeralsFor = (user: string) => slack.ephemerals.filter((e) => e.user === user).map((e) => e.text);

beforeAll(async () => {
  const table = await freshTable();
  realStore = new DynamoDbConversationStore(table.documentClient, table.tableName);
  slack = await startFakeSlack({ botToken: 'xoxb-test', signingSecret: 'secret' });
  twilio = await startFakeTwilio({ accountSid: `AC${'1'.repeat(32)}`, authToken: 'token' });
});
afterAll(async () => {
  await slack?.stop();
  await twilio?.stop();
});
beforeEach(() => {
  beforeNextSave = undefined;
});

describe('owner checks inside the conditional write', () => {
  it("the owner's thread reply is not sent when a Release and another Claim land before its write", async () => {
    const { kase, ref } = await openCase(ANA);
    beforeNextSave = releaseThenBobClaims(kase.conversationId);
    await commands().threadReply({ ref, messageTs: '1.000100', agent: ANA, text: 'Refund is on its way' });
    expect(sentTo(kase.packet.customerAddress)).toEqual([]);
    expect(ephemeralsFor('UANA').at(-1)).toMatch(/Kept as an internal note: @bob owns this conversation/);
    expect((await realStore.getConversation(kase.conversationId))?.owner?.id).toBe('UBOB');
  });

  it('without the race, the same reply reaches the customer', async () => {
    const { kase, ref } = await openCase(ANA);
    const reply = slack.postAsUser({ channel: DESK, user: 'UANA', text: 'x', thread_ts: ref.ts });
    await commands().threadReply({ ref, messageTs: reply.ts, agent: ANA, text: 'Refund is on its way' });
    expect(sentTo(kase.packet.customerAddress)).toHaveLength(1);
  });

  it('Resolve by the previous owner is refused when the case changed hands before the write', async () => {
    const { kase, ref } = await openCase(ANA);
    beforeNextSave = releaseThenBobClaims(kase.conversationId);
    await commands().resolve({ caseId: kase.caseId, agent: ANA, outcome: 'solved', ref });
    const conversation = await realStore.getConversation(kase.conversationId);
    expect(conversation?.mode).toBe('agent');
    expect(conversation?.owner?.id).toBe('UBOB');
    expect((await realStore.getCase(kase.caseId))?.status).not.toBe('resolved');
    expect(ephemeralsFor('UANA').at(-1)).toBe('Only @bob can resolve this conversation.');
  });

  it('Hand back by the previous owner is refused when the case changed hands before the write', async () => {
    const { kase, ref } = await openCase(ANA);
    beforeNextSave = releaseThenBobClaims(kase.conversationId);
    await commands().handBack({ caseId: kase.caseId, agent: ANA, instruction: 'offer 10%', ref });
    const conversation = await realStore.getConversation(kase.conversationId);
    expect(conversation?.mode).toBe('agent');
    expect(conversation?.handbackInstruction).toBeUndefined();
    expect(ephemeralsFor('UANA').at(-1)).toBe('Only @bob can hand this conversation back.');
  });

  it('Release by the previous owner is refused when the case changed hands before the write', async () => {
    const { kase, ref } = await openCase(ANA);
    beforeNextSave = releaseThenBobClaims(kase.conversationId);
    await commands().release({ caseId: kase.caseId, agent: ANA, ref });
    expect((await realStore.getConversation(kase.conversationId))?.owner?.id).toBe('UBOB');
    expect(ephemeralsFor('UANA').at(-1)).toBe('Only @bob can release this conversation.');
  });

  it('Send suggestion by the previous owner is refused when the case changed hands before the write', async () => {
    const { kase, ref } = await openCase(ANA);
    await realStore.appendMessage({
      conversationId: kase.conversationId,
      messageId: 'sug_1',
      at: clock.now().toISOString(),
      direction: 'outbound',
      author: 'ai',
      text: 'Your refund is approved.',
    } as Parameters<ConversationStore['appendMessage']>[0]);
    beforeNextSave = releaseThenBobClaims(kase.conversationId);
    await commands().sendSuggestion({ caseId: kase.caseId, suggestionId: 'sug_1', agent: ANA, ref });
    expect(sentTo(kase.packet.customerAddress)).toEqual([]);
    expect(ephemeralsFor('UANA').at(-1)).toBe('Only the owner can send the suggested reply.');
  });

  it('an unclaimed case resolved by an agent is recorded as theirs, and only they answer the feedback', async () => {
    const { kase, ref } = await openCase(undefined);
    const desk = commands();
    await desk.resolve({ caseId: kase.caseId, agent: BOB, outcome: 'not_solved', ref });
    const resolved = await realStore.getCase(kase.caseId);
    expect(resolved).toMatchObject({ status: 'resolved', owner: { id: 'UBOB' } });

    await desk.feedback({
      caseId: kase.caseId,
      agent: ANA,
      question: 'summary_accurate',
      answer: false,
      ref,
    });
    expect((await realStore.getCase(kase.caseId))?.summaryAccurate).toBeUndefined();
    expect(ephemeralsFor('UANA').at(-1)).toBe(
      'Only @bob, who resolved this case, can answer these questions.',
    );

    await desk.feedback({ caseId: kase.caseId, agent: BOB, question: 'summary_accurate', answer: true, ref });
    expect((await realStore.getCase(kase.caseId))?.summaryAccurate).toBe(true);
  });
});

describe('who may act at the desk', () => {
  it('with an allowlist, a listed agent can claim and an unlisted one is refused and changes nothing', async () => {
    const access = { channels: [DESK], agents: { userIds: ['UANA'] } };
    const { kase, ref } = await openCase(undefined);
    await commands(access).claim({ caseId: kase.caseId, agent: BOB, ref });
    expect((await realStore.getConversation(kase.conversationId))?.mode).toBe('queued');
    expect(ephemeralsFor('UBOB').at(-1)).toMatch(/Only .* desk agents can do this/);
    await commands(access).claim({ caseId: kase.caseId, agent: ANA, ref });
    expect((await realStore.getConversation(kase.conversationId))?.owner?.id).toBe('UANA');
  });

  it('members of the allowlisted Slack user group may act; others may not', async () => {
    slack.setUserGroup('SAGENTS', ['UBOB']);
    const access = { channels: [DESK], agents: { userIds: [], userGroup: 'SAGENTS' } };
    const { kase, ref } = await openCase(undefined);
    await commands(access).claim({ caseId: kase.caseId, agent: ANA, ref });
    expect((await realStore.getConversation(kase.conversationId))?.mode).toBe('queued');
    await commands(access).claim({ caseId: kase.caseId, agent: BOB, ref });
    expect((await realStore.getConversation(kase.conversationId))?.owner?.id).toBe('UBOB');
    expect(slack.calls.some((call) => call.method === 'usergroups.users.list')).toBe(true);
  });

  it('an unlisted owner cannot reply to the customer', async () => {
    const { kase, ref } = await openCase(BOB);
    await commands({ channels: [DESK], agents: { userIds: ['UANA'] } }).threadReply({
      ref,
      messageTs: '1.000300',
      agent: BOB,
      text: 'hello',
    });
    expect(sentTo(kase.packet.customerAddress)).toEqual([]);
  });

  it('a Claim from a button outside the desk channel is refused', async () => {
    const { kase } = await openCase(undefined);
    await commands().claim({ caseId: kase.caseId, agent: ANA, ref: { channel: 'COTHER', ts: '1.1' } });
    expect((await realStore.getConversation(kase.conversationId))?.mode).toBe('queued');
    expect(ephemeralsFor('UANA').at(-1)).toMatch(/only in the escalation channel/);
  });

  it("the owner's reply in another channel carrying the card's thread_ts is not relayed, and they are told", async () => {
    const { kase, ref } = await openCase(ANA);
    await commands().threadReply({
      ref: { channel: 'COTHER', ts: ref.ts },
      messageTs: '1.000400',
      agent: ANA,
      text: 'hello from elsewhere',
    });
    expect(sentTo(kase.packet.customerAddress)).toEqual([]);
    expect(ephemeralsFor('UANA').at(-1)).toMatch(/Not sent: replies to the customer go in the case thread/);
  });
});
