/**
 * Customers' attachments at the desk: an image (and a voice note) sent in a claimed conversation is fetched
 * from the emulated Twilio with the account's basic auth and uploaded into the case thread through
 * `files.uploadV2` on the emulated Slack; the media URL is never posted.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACTION_IDS } from '../../functions/adapters/slack-blocks.ts';
import { conversationIdOf } from '../../functions/core/model.ts';
import { type SystemHarness, slackText, startSystem } from '../helpers/system.ts';

const ana = { id: 'UANA', username: 'ana' };
// A 1×1 PNG.
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==',
  'base64',
);
let system: SystemHarness;

beforeAll(async () => {
  system = await startSystem();
});

afterAll(async () => {
  await system?.stop();
});

async function claimed(customer: string): Promise<string> {
  await system.driver.customerSays({ from: customer, body: 'Please connect me with an agent' });
  await system.settle();
  const cardTs = system.cardFor(customer)?.ts ?? '';
  expect(cardTs).not.toBe('');
  const conversationId = conversationIdOf({
    channel: 'sms',
    customerAddress: customer,
    businessAddress: '+15550100000',
  });
  const caseId = (await system.store.getConversation(conversationId))?.caseId ?? '';
  await system.driver.agentClicks({
    agent: ana,
    actionId: ACTION_IDS.claim,
    value: caseId,
    messageTs: cardTs,
  });
  return cardTs;
}

function threadText(cardTs: string): string {
  return system.slack
    .thread(system.channel, cardTs)
    .map((message) => slackText(message))
    .join('\n');
}

describe('attachments reach the thread', () => {
  it('an image is fetched with basic auth and uploaded into the thread with files.uploadV2', async () => {
    const customer = '+15557719901';
    const cardTs = await claimed(customer);
    const url = system.twilio.addMedia({ contentType: 'image/png', data: PNG });
    await system.driver.customerSays({
      from: customer,
      body: 'Is this the right size label?',
      media: [{ url, contentType: 'image/png' }],
    });
    await system.settle();

    // Twilio's media was fetched with the account's credentials.
    const fetched = system.twilio.mediaRequests.filter((request) => url.endsWith(request.path));
    expect(fetched).toEqual([{ path: new URL(url).pathname, authorized: true }]);
    // The three steps of files.uploadV2, in Slack's wire format.
    const methods = system.slack.calls.map((call) => call.method);
    expect(methods).toContain('files.getUploadURLExternal');
    expect(methods).toContain('files.completeUploadExternal');
    const file = [...system.slack.files.values()].find((candidate) => candidate.shared?.thread_ts === cardTs);
    expect(file?.mimetype).toBe('image/png');
    expect(Buffer.from(file?.data ?? new Uint8Array())).toEqual(PNG);
    expect(file?.shared?.channel).toBe(system.channel);
    // The thread shows the message, the image as a file, and never the URL.
    const thread = system.slack.thread(system.channel, cardTs);
    expect(thread.some((message) => message.files?.some((shared) => shared.id === file?.id))).toBe(true);
    expect(threadText(cardTs)).toContain('Is this the right size label?');
    expect(threadText(cardTs)).toContain('image/png (attached below)');
    expect(threadText(cardTs)).not.toContain(url);
    expect(threadText(cardTs)).not.toContain('/Media/ME');
  });

  it('a voice note is forwarded into the thread as a file too', async () => {
    const customer = '+15557719902';
    const cardTs = await claimed(customer);
    const url = system.twilio.addMedia({ contentType: 'audio/ogg', data: Buffer.from('OggS fake voice') });
    await system.driver.customerSays({
      from: customer,
      body: '',
      media: [{ url, contentType: 'audio/ogg' }],
    });
    await system.settle();
    const shared = [...system.slack.files.values()].filter((file) => file.shared?.thread_ts === cardTs);
    expect(shared.map((file) => file.mimetype)).toEqual(['audio/ogg']);
    expect(threadText(cardTs)).toContain('voice message');
    expect(threadText(cardTs)).toContain('Customer sent:\n📎 audio/ogg (attached below)');
  });

  it('media that cannot be fetched is said in the thread, and nothing else is posted', async () => {
    const customer = '+15557719903';
    const cardTs = await claimed(customer);
    const gone = `${system.twilio.url}/2010-04-01/Accounts/${system.twilio.accountSid}/Messages/MM${'0'.repeat(32)}/Media/ME${'0'.repeat(32)}`;
    await system.driver.customerSays({
      from: customer,
      body: 'photo attached',
      media: [{ url: gone, contentType: 'image/jpeg' }],
    });
    await system.settle();
    expect(threadText(cardTs)).toContain('could not be fetched');
    expect(threadText(cardTs)).not.toContain(gone);
    expect((await system.deadLetters()).escalations).toBe(0);
  });
});
