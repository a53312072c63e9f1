/** The emulated Slack's fault injection: outages and the per-channel rate limit. */
import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import { type FakeSlack, startFakeSlack } from '../../local/fake-slack.ts';

let slack: FakeSlack;
beforeAll(async () => {
  slack = await startFakeSlack({ botToken: 'xoxb-t', signingSecret: 's' });
});
afterAll(() => slack.stop());
beforeEach(() => slack.reset());

const post = (channel = 'C1') =>
  fetch(`${slack.url}chat.postMessage`, {
    method: 'POST',
    headers: { authorization: 'Bearer xoxb-t', 'content-type': 'application/json' },
    body: JSON.stringify({ channel, text: 'hi' }),
  });

it('an outage answers 503 for its duration, then Slack answers again', async () => {
  slack.failNext({ status: 503, forMs: 300 });
  expect((await post()).status).toBe(503);
  expect((await post()).status).toBe(503);
  expect(slack.messages.size).toBe(0);
  await new Promise((resolve) => setTimeout(resolve, 350));
  expect((await post()).status).toBe(200);
  expect(slack.messages.size).toBe(1);
});

it('an outage of a count of calls, limited to some methods', async () => {
  slack.failNext({ status: 500, count: 1, methods: ['chat.postMessage'] });
  expect((await post()).status).toBe(500);
  expect((await post()).status).toBe(200);
});

it('the channel rate limit answers 429 with Retry-After past one post per second per channel', async () => {
  slack.rateLimit({ perSecond: 1, retryAfterSeconds: 2 });
  expect((await post('C1')).status).toBe(200);
  const limited = await post('C1');
  expect(limited.status).toBe(429);
  expect(limited.headers.get('retry-after')).toBe('2');
  expect((await post('C2')).status).toBe(200);
  slack.rateLimit(false);
  expect((await post('C1')).status).toBe(200);
});
