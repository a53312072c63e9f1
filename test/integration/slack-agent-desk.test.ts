import { WebClient } from '@slack/web-api';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { SlackAgentDesk } from '#adapters/slack-agent-desk.ts';
import { ACTION_IDS, decodeActionValue } from '#adapters/slack-blocks.ts';
import { slackDeskRef, slackMessageOf } from '#adapters/slack-desk-ref.ts';
import type { Case } from '#core/model.ts';
import type { CaseView } from '#core/ports.ts';
import { type FakeSlack, startFakeSlack } from '#local/fake-slack.ts';

const TOKEN = 'xoxb-test-token';
const CHANNEL = 'CESCALATE';

let slack: FakeSlack;
let desk: SlackAgentDesk;

beforeAll(async () => {
  slack = await startFakeSlack({ botToken: TOKEN, signingSecret: 'unused' });
  desk = SlackAgentDesk.create({
    token: TOKEN,
    slackApiUrl: slack.url,
    channel: CHANNEL,
    retryConfig: { retries: 2, minTimeout: 10, maxTimeout: 50 },
  });
});
afterAll(async () => {
  await slack.stop();
});
beforeEach(() => {
  slack.reset();
});

function view(status: Case['status'] = 'queued', extra: Partial<Case> = {}): CaseView {
  const packet = {
    caseId: 'case_1',
    conversationId: 'sms|+15551231234|+15550000000',
    channel: 'sms' as const,
    customerAddress: '+15551231234',
    customerName: 'Jane',
    reason: 'customer_request' as const,
    priority: 'normal' as const,
    summary: 'Wants to change the delivery address.',
    tried: 'Asked for the order number.',
    sentimentTrend: [0, -0.2],
    lastCustomerMessage: 'Can I talk to a person? <!channel>',
    suggestedNextStep: 'Update the address.',
    openedAt: '2025-01-02T10:00:00.000Z',
  };
  return {
    kase: {
      caseId: 'case_1',
      conversationId: packet.conversationId,
      status,
      version: 1,
      packet,
      openedAt: packet.openedAt,
      priority: 'normal',
      ...extra,
    },
    transcript: [
      { author: 'customer', text: 'Where is my order?', at: '2025-01-02T09:58:00.000Z' },
      { author: 'ai', text: 'Could you share the order number?', at: '2025-01-02T09:58:02.000Z' },
      { author: 'customer', text: 'Can I talk to a person? <!channel>', at: '2025-01-02T09:59:00.000Z' },
    ],
  };
}

describe('SlackAgentDesk against the Slack Web API fake', () => {
  it('posts the card in the channel and the transcript in its thread', async () => {
    const posted = await desk.postCase(view());
    const ref = slackMessageOf(posted);
    expect(ref.channel).toBe(CHANNEL);
    expect(desk.channelOf(posted)).toBe(CHANNEL);
    const card = slack.messages.get(ref.ts)!;
    expect(card.thread_ts ?? card.ts).toBe(ref.ts);
    expect(JSON.stringify(card.blocks)).toContain(ACTION_IDS.claim);
    const thread = slack.thread(CHANNEL, ref.ts);
    expect(thread).toHaveLength(2);
    const transcript = JSON.stringify(thread[1]!.blocks);
    expect(thread[1]!.thread_ts).toBe(ref.ts);
    expect(transcript).toContain('Where is my order?');
    expect(transcript).toContain('&lt;!channel&gt;');
    expect(transcript).not.toContain('<!channel>');
  });

  it('updates the card in place when the case is claimed', async () => {
    const posted = await desk.postCase(view());
    const ref = slackMessageOf(posted);
    await desk.updateCase(posted, view('claimed', { owner: { id: 'UAGENT1', name: 'ana' } }));
    const card = slack.messages.get(ref.ts)!;
    expect(JSON.stringify(card.blocks)).toContain('Claimed by <@UAGENT1>');
    expect(JSON.stringify(card.blocks)).toContain(ACTION_IDS.release);
    expect(slack.calls.filter((call) => call.method === 'chat.update')).toHaveLength(1);
  });

  it('posts in the thread with a mention prefix and buttons', async () => {
    const posted = await desk.postCase(view());
    const ref = slackMessageOf(posted);
    await desk.postInThread(posted, 'Unclaimed for 15 minutes', {
      mention: '<!subteam^S0AGENTS>',
      actions: [{ kind: 'claim', caseId: 'case_1' }],
    });
    const last = slack.thread(CHANNEL, ref.ts).at(-1)!;
    expect(last.text).toBe('<!subteam^S0AGENTS> Unclaimed for 15 minutes');
    expect(last.thread_ts).toBe(ref.ts);
    const button = (
      last.blocks as { type: string; elements?: { action_id: string; value: string }[] }[]
    ).find((block) => block.type === 'actions')!.elements![0]!;
    expect(button.action_id).toBe(ACTION_IDS.claim);
    expect(decodeActionValue(button.value)?.caseId).toBe('case_1');
  });

  it('posts an ephemeral in the thread only for the named user', async () => {
    const posted = await desk.postCase(view());
    const ref = slackMessageOf(posted);
    await desk.postEphemeral(posted, 'UOTHER', 'Already claimed by ana', { inThread: true });
    await desk.postEphemeral(posted, 'UOTHER2', 'Not in a thread');
    expect(slack.ephemerals).toHaveLength(2);
    expect(slack.ephemerals[0]).toMatchObject({
      channel: CHANNEL,
      user: 'UOTHER',
      thread_ts: ref.ts,
      text: 'Already claimed by ana',
    });
    expect(slack.ephemerals[1]!.thread_ts).toBeUndefined();
  });

  it('adds a reaction, and a second identical reaction is not an error', async () => {
    const posted = await desk.postCase(view());
    const ref = slackMessageOf(posted);
    await desk.addReaction(posted, 'white_check_mark');
    await desk.addReaction(posted, 'white_check_mark');
    expect(slack.messages.get(ref.ts)!.reactions).toEqual([{ name: 'white_check_mark', users: ['UBOT'] }]);
    const calls = slack.calls.filter((call) => call.method === 'reactions.add');
    expect(calls.map((call) => call.error)).toEqual([undefined, 'already_reacted']);
  });

  it('other Slack errors are thrown', async () => {
    await expect(desk.addReaction(slackDeskRef(CHANNEL, '1.000001'), 'eyes')).rejects.toThrow(
      /message_not_found/,
    );
  });

  it('a 429 with Retry-After is retried by the SDK and the card is posted once', async () => {
    slack.rateLimitNext('chat.postMessage', 1);
    const posted = await desk.postCase(view());
    const ref = slackMessageOf(posted);
    const posts = slack.calls.filter((call) => call.method === 'chat.postMessage');
    expect(posts[0]!.status).toBe(429);
    expect(posts[1]!.ok).toBe(true);
    expect(posts[1]!.at - posts[0]!.at).toBeGreaterThanOrEqual(1000);
    const cards = [...slack.messages.values()].filter(
      (message) => !message.thread_ts || message.ts === ref.ts,
    );
    expect(cards).toHaveLength(1);
  });

  it('a card Slack refuses fails postCase, so the caller retries', async () => {
    slack.failNext('chat.postMessage', 'channel_not_found');
    await expect(desk.postCase(view())).rejects.toThrow(/channel_not_found/);
    expect(slack.messages.size).toBe(0);
  });

  it('a transcript Slack refuses is logged and the card ref is still returned (a retry would post a second card)', async () => {
    const warnings: string[] = [];
    const logged = new SlackAgentDesk({
      client: new WebClient(TOKEN, { slackApiUrl: slack.url, retryConfig: { retries: 0 } }),
      channel: CHANNEL,
      logger: { warn: (message) => warnings.push(message) },
    });
    slack.failNext('chat.postMessage', 'msg_too_long', 1);
    const posted = await logged.postCase(view());
    const ref = slackMessageOf(posted);
    expect(slack.messages.has(ref.ts)).toBe(true);
    expect(slack.thread(CHANNEL, ref.ts)).toHaveLength(1);
    expect(warnings).toEqual(['transcript not posted in the case thread']);
  });

  it('a wrong token is refused by the fake with invalid_auth', async () => {
    const wrong = SlackAgentDesk.create({ token: 'xoxb-wrong', slackApiUrl: slack.url, channel: CHANNEL });
    await expect(wrong.postCase(view())).rejects.toThrow(/invalid_auth/);
    expect(slack.messages.size).toBe(0);
  });
});

describe('eraseThread', () => {
  it('replaces the card and every bot message of the thread with [erased], leaving people’s messages', async () => {
    const posted = await desk.postCase(view());
    const ref = slackMessageOf(posted);
    await desk.postInThread(posted, 'Customer: my order 123 is late');
    const human = slack.postAsUser({
      channel: ref.channel,
      user: 'UAGENT',
      text: 'on it',
      thread_ts: ref.ts,
    });
    const other = await desk.postCase(view());

    const erased = await desk.eraseThread(posted);

    const thread = slack.thread(ref.channel, ref.ts);
    const bots = thread.filter((message) => message.user === slack.botUserId);
    expect(erased).toBe(bots.length);
    expect(bots.length).toBeGreaterThanOrEqual(3); // card, transcript, forwarded message
    for (const message of bots) {
      expect(message.text).toBe('[erased]');
      expect(JSON.stringify(message.blocks ?? [])).not.toContain('Jane');
    }
    expect(slack.messages.get(human.ts)?.text).toBe('on it');
    expect(slack.messages.get(slackMessageOf(other).ts)?.text).not.toBe('[erased]');
    expect(await desk.eraseThread(posted)).toBe(0);
  });

  it('a thread that no longer exists in Slack has nothing to erase', async () => {
    expect(await desk.eraseThread(slackDeskRef(CHANNEL, '1700000000.999999'))).toBe(0);
  });
});

describe('SlackAgentDesk for a queue consumer (rateLimit)', () => {
  const paced = () =>
    SlackAgentDesk.create({
      token: TOKEN,
      slackApiUrl: slack.url,
      channel: CHANNEL,
      retryConfig: { retries: 0 },
      rateLimit: { perSecond: 1, burst: 1, maxWaitMs: 1500 },
    });

  it('a short Retry-After is waited out and the card is posted once', async () => {
    slack.rateLimitNext('chat.postMessage', 1);
    const posted = await paced().postCase(view());
    const ref = slackMessageOf(posted);
    expect(slack.thread(CHANNEL, ref.ts)[0]?.metadata?.event_payload.case_id).toBe('case_1');
    const cards = [...slack.messages.values()].filter((message) => message.metadata);
    expect(cards).toHaveLength(1);
  });

  it('a long Retry-After becomes RetryLaterError, with nothing posted', async () => {
    slack.rateLimitNext('chat.postMessage', 30);
    await expect(paced().postCase(view())).rejects.toMatchObject({
      name: 'RetryLaterError',
      afterSeconds: 30,
    });
    expect(slack.messages.size).toBe(0);
  });

  it('findCase finds a card posted earlier by its metadata, and nothing for another case', async () => {
    const since = new Date(Date.now() - 1000).toISOString();
    const posted = await paced().postCase(view());
    expect(await paced().findCase('case_1', since)).toBe(posted);
    expect(await paced().findCase('case_2', since)).toBeUndefined();
  });
});
