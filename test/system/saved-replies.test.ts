/**
 * Saved replies end to end: the thread shortcut opens the modal, its menu searches the replies, and the
 * chosen reply reaches the customer with its placeholders filled, through the worker's outbound gate.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACTION_IDS } from '../../functions/adapters/slack-blocks.ts';
import { SAVED_REPLY_IDS } from '../../functions/adapters/slack-saved-replies.ts';
import { conversationIdOf } from '../../functions/core/model.ts';
import {
  savedReplySearchPayload,
  savedReplyShortcutPayload,
  savedReplySubmissionPayload,
} from '../../local/slack-saved-reply-requests.ts';
import { type SystemHarness, slackText, startSystem } from '../helpers/system.ts';

const ana = { id: 'UANA', username: 'ana' };
const ben = { id: 'UBEN', username: 'ben' };
const customer = '+15557718801';
let system: SystemHarness;
let cardTs: string;
let caseId: string;

beforeAll(async () => {
  system = await startSystem();
  await system.driver.customerSays({
    from: customer,
    channel: 'whatsapp',
    body: 'Please connect me with an agent about my refund',
    profileName: 'Maria Lopez',
  });
  await system.settle();
  cardTs = system.cardFor(customer)?.ts ?? '';
  const conversationId = conversationIdOf({
    channel: 'whatsapp',
    customerAddress: customer,
    businessAddress: 'whatsapp:+15550100000',
  });
  caseId = (await system.store.getConversation(conversationId))?.caseId ?? '';
  await system.driver.agentClicks({
    agent: ana,
    actionId: ACTION_IDS.claim,
    value: caseId,
    messageTs: cardTs,
  });
});

afterAll(async () => {
  await system?.stop();
});

function threadText(): string {
  return system.slack
    .thread(system.channel, cardTs)
    .map((message) => slackText(message))
    .join('\n');
}

const metadata = () => JSON.stringify({ channel: system.channel, ts: cardTs });

describe('saved replies', () => {
  it('the shortcut on a thread message opens the saved replies modal for that thread', async () => {
    expect(cardTs).not.toBe('');
    const response = await system.driver.slackInteraction(
      savedReplyShortcutPayload({ user: ana, channel: system.channel, ts: cardTs }),
    );
    expect(response.status).toBe(200);
    const view = system.slack.views.at(-1)?.view;
    expect(view?.callback_id).toBe(SAVED_REPLY_IDS.modal);
    expect(JSON.parse(String(view?.private_metadata))).toEqual({ channel: system.channel, ts: cardTs });
  });

  it('typing in the menu searches the saved replies by title, tag and words', async () => {
    const response = await system.driver.slackInteraction(
      savedReplySearchPayload({ user: ana, query: 'refund', privateMetadata: metadata() }),
    );
    expect(response.status).toBe(200);
    const options = (JSON.parse(response.body) as { options: { value: string }[] }).options;
    expect(options.map((option) => option.value)[0]).toBe('refund-on-the-way');
    expect(options.map((option) => option.value)).not.toContain('size-exchange');
  });

  it('a reply needing an order id the customer has not given is refused, and nothing is sent', async () => {
    const before = system.sentTo(customer).length;
    await system.driver.slackInteraction(
      savedReplySubmissionPayload({ user: ana, privateMetadata: metadata(), replyId: 'refund-on-the-way' }),
    );
    await system.settle();
    expect(system.sentTo(customer)).toHaveLength(before);
    expect(system.slack.ephemerals.at(-1)?.text).toContain('needs the order id');
  });

  it('a non-owner cannot send a saved reply', async () => {
    const before = system.sentTo(customer).length;
    await system.driver.slackInteraction(
      savedReplySubmissionPayload({
        user: ben,
        privateMetadata: metadata(),
        replyId: 'thanks-and-close',
      }),
    );
    await system.settle();
    expect(system.sentTo(customer)).toHaveLength(before);
    expect(system.slack.ephemerals.at(-1)).toMatchObject({ user: ben.id });
    expect(system.slack.ephemerals.at(-1)?.text).toContain('only the owner');
  });

  it('the chosen reply reaches the customer with the placeholders filled, and the thread shows it', async () => {
    const response = await system.driver.slackInteraction(
      savedReplySubmissionPayload({
        user: ana,
        privateMetadata: metadata(),
        replyId: 'refund-on-the-way',
        orderId: 'NW-1042',
      }),
    );
    expect(response.status).toBe(200);
    await system.settle();
    const expected =
      'Hi Maria, your refund for order NW-1042 is approved. It reaches your card within 5 to 10 business days. — ana';
    expect(system.sentTo(customer).at(-1)?.body).toBe(expected);
    expect(threadText()).toContain('sent the saved reply');
    expect(threadText()).toContain('your refund for order NW-1042 is approved');
  });
});
