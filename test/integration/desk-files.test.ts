/**
 * Attachments between the adapters and the emulators: `TwilioMediaFetcher` against the emulated Twilio
 * (basic auth, origin check, size cap), and `SlackAgentDesk.uploadFile` with the real `@slack/web-api`
 * `files.uploadV2` against the emulated Slack (getUploadURLExternal, the upload, completeUploadExternal).
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SlackAgentDesk } from '../../functions/adapters/slack-agent-desk.ts';
import { slackDeskRef } from '../../functions/adapters/slack-desk-ref.ts';
import { SAVED_REPLY_IDS } from '../../functions/adapters/slack-saved-replies.ts';
import { TwilioMediaFetcher } from '../../functions/adapters/twilio-media-fetcher.ts';
import { MediaUnavailableError } from '../../functions/core/errors.ts';
import { type FakeSlack, startFakeSlack } from '../../local/fake-slack.ts';
import { type FakeTwilio, startFakeTwilio } from '../../local/fake-twilio.ts';

const ACCOUNT = { accountSid: `AC${'1'.repeat(32)}`, authToken: 'f'.repeat(32) };
const JPEG = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3, 4, 0xff, 0xd9]);
let twilio: FakeTwilio;
let slack: FakeSlack;

beforeAll(async () => {
  twilio = await startFakeTwilio(ACCOUNT);
  slack = await startFakeSlack({ botToken: 'xoxb-test', signingSecret: 'secret' });
});

afterAll(async () => {
  await twilio?.stop();
  await slack?.stop();
});

describe('TwilioMediaFetcher', () => {
  it('fetches a media URL with the account basic auth, with its content type and our file name', async () => {
    const fetcher = new TwilioMediaFetcher({ ...ACCOUNT, apiUrl: twilio.url });
    const url = twilio.addMedia({ contentType: 'image/jpeg', data: JPEG });
    const file = await fetcher.fetch(
      { url, contentType: 'image/jpeg' },
      { filename: 'image-1.jpg', maxBytes: 1000 },
    );
    expect(Buffer.from(file.data)).toEqual(JPEG);
    expect(file).toMatchObject({ contentType: 'image/jpeg', filename: 'image-1.jpg' });
    expect(twilio.mediaRequests.at(-1)?.authorized).toBe(true);
  });

  it('refuses a URL off the Twilio API origin without requesting it, and media over the size cap', async () => {
    const fetcher = new TwilioMediaFetcher({ ...ACCOUNT, apiUrl: twilio.url });
    const before = twilio.mediaRequests.length;
    await expect(
      fetcher.fetch(
        { url: 'http://127.0.0.1:1/2010-04-01/Accounts/x/Media/ME1', contentType: 'image/jpeg' },
        {
          filename: 'a.jpg',
          maxBytes: 1000,
        },
      ),
    ).rejects.toBeInstanceOf(MediaUnavailableError);
    expect(twilio.mediaRequests).toHaveLength(before);
    const url = twilio.addMedia({ contentType: 'image/jpeg', data: JPEG });
    await expect(
      fetcher.fetch({ url, contentType: 'image/jpeg' }, { filename: 'a.jpg', maxBytes: 4 }),
    ).rejects.toThrow(/too large/);
  });

  it('wrong credentials are a transient error (not "gone"), and a missing media is gone', async () => {
    const wrong = new TwilioMediaFetcher({ ...ACCOUNT, authToken: '0'.repeat(32), apiUrl: twilio.url });
    const url = twilio.addMedia({ contentType: 'image/jpeg', data: JPEG });
    const error = await wrong
      .fetch({ url, contentType: 'image/jpeg' }, { filename: 'a.jpg', maxBytes: 1000 })
      .catch((e) => e);
    expect(error).toBeInstanceOf(Error);
    expect(error).not.toBeInstanceOf(MediaUnavailableError);
    const fetcher = new TwilioMediaFetcher({ ...ACCOUNT, apiUrl: twilio.url });
    const missing = url.replace(/ME[0-9a-f]{32}$/, `ME${'0'.repeat(32)}`);
    await expect(
      fetcher.fetch({ url: missing, contentType: 'image/jpeg' }, { filename: 'a.jpg', maxBytes: 1000 }),
    ).rejects.toBeInstanceOf(MediaUnavailableError);
  });
});

describe('SlackAgentDesk.uploadFile', () => {
  it('uploads into the thread with files.uploadV2 in the Slack wire format', async () => {
    const desk = SlackAgentDesk.create({ token: 'xoxb-test', channel: 'C1', slackApiUrl: slack.url });
    const root = slack.postAsUser({ channel: 'C1', user: 'UX', text: 'card' });
    await desk.uploadFile(
      slackDeskRef('C1', root.ts),
      { data: JPEG, contentType: 'image/jpeg', filename: 'image-1.jpg' },
      {
        comment: '📎 The customer sent a photo (image/jpeg).',
      },
    );
    const methods = slack.calls.map((call) => call.method);
    expect(methods).toEqual(['files.getUploadURLExternal', 'files.completeUploadExternal']);
    expect(slack.calls[0]?.args).toMatchObject({ filename: 'image-1.jpg', length: String(JPEG.length) });
    const file = [...slack.files.values()][0];
    expect(file).toMatchObject({
      name: 'image-1.jpg',
      mimetype: 'image/jpeg',
      shared: { channel: 'C1', thread_ts: root.ts },
    });
    expect(Buffer.from(file?.data ?? [])).toEqual(JPEG);
    const [, shared] = slack.thread('C1', root.ts);
    expect(shared?.text).toBe('📎 The customer sent a photo (image/jpeg).');
    expect(shared?.files?.[0]).toMatchObject({ id: file?.id, mimetype: 'image/jpeg', size: JPEG.length });
  });

  it('completing an upload whose bytes never arrived is refused, as Slack does', async () => {
    const answer = await fetch(`${slack.url}files.getUploadURLExternal`, {
      method: 'POST',
      headers: { authorization: 'Bearer xoxb-test', 'content-type': 'application/x-www-form-urlencoded' },
      body: 'filename=a.png&length=3',
    }).then((response) => response.json() as Promise<{ file_id: string }>);
    const completed = await fetch(`${slack.url}files.completeUploadExternal`, {
      method: 'POST',
      headers: { authorization: 'Bearer xoxb-test', 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        files: JSON.stringify([{ id: answer.file_id }]),
        channel_id: 'C1',
      }).toString(),
    }).then((response) => response.json());
    expect(completed).toEqual({ ok: false, error: 'file_upload_not_complete' });
  });
});

describe('Slack app manifest', () => {
  it('has the scopes, shortcut and options URL the media and saved replies need', () => {
    const manifest = readFileSync('slack/manifest.yaml', 'utf8');
    expect(manifest).toMatch(/^\s+- files:write$/m);
    expect(manifest).toMatch(/^\s+- commands$/m);
    expect(manifest).toContain(`callback_id: ${SAVED_REPLY_IDS.shortcut}`);
    expect(manifest).toContain('message_menu_options_url: https://YOUR_API/slack/events');
  });
});
