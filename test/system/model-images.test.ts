/**
 * With Claude (its wire-format emulator here), a customer's photo goes to the model as image input with the
 * message it came with; a non-image attachment does not.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { FakeAnthropic } from '../../local/fake-anthropic.ts';
import { startSystemWithClaude } from '../helpers/claude-system.ts';
import type { SystemHarness } from '../helpers/system.ts';

// A 1×1 PNG.
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==',
  'base64',
);
let anthropic: FakeAnthropic;
let system: SystemHarness;

beforeAll(async () => {
  ({ system, anthropic } = await startSystemWithClaude());
});

afterAll(async () => {
  await system?.stop();
});

// biome-ignore lint/suspicious/noExplicitAny: recorded wire JSON.
function lastUserContent(): any {
  return anthropic.requests.at(-1)?.body.messages.at(-1)?.content;
}

it('a photo with a question reaches Claude as an image block before the text of the newest turn', async () => {
  const url = system.twilio.addMedia({ contentType: 'image/png', data: PNG });
  await system.driver.customerSays({
    from: '+15557715501',
    body: 'Is this the right size label for my return?',
    media: [{ url, contentType: 'image/png' }],
  });
  await system.settle();
  const content = lastUserContent();
  expect(Array.isArray(content)).toBe(true);
  expect(content[0]).toEqual({
    type: 'image',
    source: { type: 'base64', media_type: 'image/png', data: PNG.toString('base64') },
  });
  expect(content.at(-1).type).toBe('text');
  expect(content.at(-1).text).toContain('Is this the right size label for my return?');
  expect(system.twilio.mediaRequests.at(-1)?.authorized).toBe(true);
});

it('a PDF is not sent to the model as an image', async () => {
  const url = system.twilio.addMedia({ contentType: 'application/pdf', data: Buffer.from('%PDF-1.4') });
  await system.driver.customerSays({
    from: '+15557715502',
    body: 'Here is my receipt, can you check the price?',
    media: [{ url, contentType: 'application/pdf' }],
  });
  await system.settle();
  expect(typeof lastUserContent()).toBe('string');
});
