/**
 * The playground in headless Chromium, on the local runtime with the emulated Twilio and Slack and the
 * offline model: a customer is answered from the knowledge base, asks for a person, an agent claims,
 * replies and resolves, and the satisfaction answer is thanked — all through the page's controls.
 */
import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { type Browser, chromium, type Locator, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { conversationIdOf } from '#core/model.ts';
import { createPlayground, DEFAULT_AGENTS, type Playground } from '#local/playground/server.ts';
import { EMULATED_ENV, type LocalRuntime, type LocalServices, startLocalRuntime } from '#local/runtime.ts';

const CHROMIUM = '/usr/bin/chromium';
const hasChromium = existsSync(CHROMIUM);
const artifacts = join(import.meta.dirname, '..', 'artifacts');

if (!hasChromium) {
  it.skip(`the playground in headless Chromium needs ${CHROMIUM}: apt-get update && apt-get install -y --no-install-recommends chromium`, () => {});
}

describe.runIf(hasChromium)('playground in headless Chromium', () => {
  let runtime: LocalRuntime;
  let playground: Playground;
  let browser: Browser;
  let page: Page;
  const problems: string[] = [];

  const phone = () => page.getByRole('region', { name: 'Customer' });
  const slack = () => page.getByRole('region', { name: /^Slack/ });
  const thread = () => page.getByRole('complementary', { name: 'Thread' });
  const inspector = () => page.getByRole('region', { name: 'Inspector' });
  const phoneBubble = (text: string | RegExp): Locator =>
    phone().locator('.bubble.business', { hasText: text });
  const card = (customerName: string): Locator =>
    slack().locator('.channel-messages > li.card', { hasText: customerName });

  async function say(text: string): Promise<void> {
    await phone().getByRole('textbox', { name: 'Customer message' }).fill(text);
    await phone().getByRole('button', { name: 'Send', exact: true }).click();
  }

  async function shot(name: string): Promise<void> {
    mkdirSync(artifacts, { recursive: true });
    await page.screenshot({ path: join(artifacts, `${name}.png`) });
  }

  beforeAll(async () => {
    playground = createPlayground();
    runtime = await startLocalRuntime({
      port: 0,
      dynamoEndpoint: inject('dynamoEndpoint'),
      sqsEndpoint: inject('sqsEndpoint'),
      resourcePrefix: `pg${randomUUID().slice(0, 8)}`,
      quiet: true,
      sweepIntervalMs: 0,
      env: EMULATED_ENV,
      fallback: playground.handler,
    });
    playground.attach(runtime);
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
    });
    page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
    page.setDefaultTimeout(15_000);
    page.on('console', (message) => {
      if (message.type() === 'error' || message.type() === 'warning')
        problems.push(`${message.type()}: ${message.text()}`);
    });
    page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
  });

  afterAll(async () => {
    await browser?.close();
    playground?.close();
    await runtime?.stop();
  });

  it('serves the page at / and says which services are emulated', async () => {
    await page.goto(runtime.url);
    expect(await page.title()).toBe('Tandem playground');
    await page.getByRole('status').filter({ hasText: 'Live' }).waitFor();
    const services = page.getByRole('list', { name: 'Services' });
    expect(await services.textContent()).toContain('emulated');
    expect(await services.textContent()).toContain('offline responder');
    expect(await services.textContent()).not.toContain('real');
  });

  it('a knowledge-base question typed on the phone is answered on the phone, and the answer is delivered', async () => {
    await say('How much does standard shipping cost?');
    const answer = phoneBubble('$6.95');
    await answer.waitFor();
    // The emulated Twilio posts `sent` then `delivered` status callbacks; the ticks follow.
    await answer.locator('.ticks.delivered').waitFor();
    await inspector().getByText('shipping#', { exact: false }).first().waitFor();
    expect(await inspector().getByTestId('inspector-mode').textContent()).toBe('ai');
  });

  it('"I want to talk to a person" puts an escalation card with a Claim button in the channel', async () => {
    await say('I want to talk to a person');
    await card('Maya').getByRole('button', { name: 'Claim' }).waitFor();
    expect(await card('Maya').getByRole('heading').textContent()).toContain('Customer asked for a person');
    await inspector().getByTestId('inspector-mode').filter({ hasText: 'queued' }).waitFor();
    await shot('playground-escalated');
  });

  it("Claim makes the selected agent the owner, and the agent's thread reply appears on the phone", async () => {
    await slack().getByRole('radio', { name: 'Ben' }).check();
    await card('Maya').getByRole('button', { name: 'Claim' }).click();
    await card('Maya').getByText('Claimed by').waitFor();
    expect(await card('Maya').textContent()).toContain('@Ben');
    await inspector().getByTestId('inspector-mode').filter({ hasText: 'agent' }).waitFor();

    if (!(await thread().isVisible())) await card('Maya').getByRole('button', { name: /repl/ }).click();
    await thread().getByRole('textbox', { name: 'Agent reply' }).fill("Hi Maya, this is Ben. I'm on it.");
    await thread().getByRole('button', { name: 'Send', exact: true }).click();
    await phoneBubble("Hi Maya, this is Ben. I'm on it.").waitFor();
    // The reply reached the customer: ✅ replaces the pending ⏳ on it in the thread.
    await thread().locator('.reaction').filter({ hasText: '✅' }).first().waitFor();
    await shot('playground-claimed');
  });

  it('a photo sent from the phone is uploaded into the case thread and shown there as an image', async () => {
    await phone().getByRole('button', { name: '📷 Send a photo' }).click();
    const image = thread().locator('.shared-files img');
    await image.waitFor();
    await expect
      .poll(() => image.evaluate((img) => (img as unknown as { naturalWidth: number }).naturalWidth))
      .toBe(24);
    expect(await thread().textContent()).toContain('The customer sent a photo (image/png)');
    await shot('playground-photo');
  });

  it('Resolve (Solved) asks the satisfaction question on the phone, and answering 5 shows the thanks', async () => {
    await card('Maya').getByRole('combobox', { name: 'Resolve' }).selectOption({ label: 'Solved' });
    await card('Maya').getByText('Resolved by').waitFor();
    await phoneBubble(/1 \(poor\) to 5/).waitFor();
    await say('5');
    await phoneBubble('Thank you for the feedback!').waitFor();
    await inspector().getByTestId('inspector-mode').filter({ hasText: 'ai' }).waitFor();
    await shot('playground');
  });

  it('hostile text from a customer is shown literally and never runs', async () => {
    const hostile = '<img src=x onerror="window.__pwned=1"><b>bold</b> *not bold* <@UANA>';
    await say(hostile);
    await phone().locator('.bubble.customer', { hasText: hostile }).waitFor();
    await phone().locator('.bubble.business').nth(5).waitFor();
    expect(await page.evaluate(() => (globalThis as { __pwned?: number }).__pwned)).toBeUndefined();
    expect(await page.locator('.bubbles img, .bubbles b').count()).toBe(0);
  });

  it('a claim race between all agents ends with exactly one owner on the card', async () => {
    await page.getByRole('radio', { name: 'SMS' }).check();
    await phone().getByRole('textbox', { name: 'Number' }).fill('+15557770002');
    await phone().getByRole('textbox', { name: 'Number' }).dispatchEvent('change');
    await say('I want to talk to a person');
    const smsCard = slack().locator('.channel-messages > li.card', { hasText: '0002' });
    await smsCard.getByRole('button', { name: 'Claim' }).waitFor();
    const toldBefore = runtime.services.slack.fake?.ephemerals.length ?? 0;
    await smsCard.getByRole('button', { name: 'Race all agents' }).click();
    await smsCard.getByText('Claimed by').waitFor();
    const status = (await smsCard.getByText('Claimed by').textContent()) ?? '';
    const winners = DEFAULT_AGENTS.filter((agent) => status.includes(`@${agent.name}`));
    expect(winners).toHaveLength(1);
    // The two who lost are told so, each in an ephemeral only they see. The card shows the winner as
    // soon as its claim commits; the losers' clicks may still be in flight, so wait for both.
    const losers = DEFAULT_AGENTS.filter((agent) => agent !== winners[0]).map((agent) => agent.id);
    const toldUsers = () =>
      [
        ...new Set((runtime.services.slack.fake?.ephemerals.slice(toldBefore) ?? []).map((e) => e.user)),
      ].sort();
    await expect.poll(toldUsers, { timeout: 15_000 }).toEqual(losers.sort());
  });

  it('Hand back to AI opens the modal for its agent; submitting it returns the conversation to the AI', async () => {
    const smsCard = slack().locator('.channel-messages > li.card', { hasText: '0002' });
    const owner = (await smsCard.locator('.mention').first().textContent())?.replace('@', '') ?? '';
    await slack().getByRole('radio', { name: owner }).check();
    await smsCard.getByRole('button', { name: 'Hand back to AI' }).click();
    const dialog = page.getByRole('dialog', { name: 'Hand back to AI' });
    await dialog.waitFor();
    await dialog
      .getByRole('textbox', { name: /Instruction for the AI/ })
      .fill('Offer the 30-day return policy.');
    await shot('playground-handback');
    await dialog.getByRole('button', { name: 'Hand back' }).click();
    await dialog.waitFor({ state: 'hidden' });
    const id = conversationIdOf({
      channel: 'sms',
      customerAddress: '+15557770002',
      businessAddress: '+15550100000',
    });
    await inspector().getByRole('combobox', { name: 'Conversation' }).selectOption(id);
    await inspector().getByTestId('inspector-mode').filter({ hasText: 'ai' }).waitFor();
  });

  it('logged no console errors or warnings during the whole play', () => {
    expect(problems).toEqual([]);
  });
});

describe.runIf(hasChromium)('playground with real credentials', () => {
  let server: Server;
  let playground: Playground;
  let browser: Browser;
  let url: string;

  beforeAll(async () => {
    // Only the page and its configuration are under test: a stub runtime whose services say "real".
    playground = createPlayground();
    server = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', async () => {
        if (!(await playground.handler(request, response, Buffer.concat(chunks)))) {
          response.writeHead(404).end();
        }
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://localhost:${(server.address() as AddressInfo).port}`;
    const services = {
      dynamoEndpoint: inject('dynamoEndpoint'),
      sqsEndpoint: inject('sqsEndpoint'),
      tableName: `pgreal${randomUUID().slice(0, 8)}`,
      twilio: { mode: 'real', apiUrl: 'https://api.twilio.com', accountSid: 'ACreal', authToken: 'real' },
      slack: {
        mode: 'real',
        apiUrl: 'https://slack.com/api/',
        signingSecret: 'real',
        escalationChannel: 'C0REAL',
      },
      model: 'anthropic',
    } as unknown as LocalServices;
    playground.attach({ url, services });
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
    });
  });

  afterAll(async () => {
    await browser?.close();
    playground?.close();
    server?.closeAllConnections();
    await new Promise((resolve) => server?.close(resolve));
  });

  it('says which services are real and disables the phone and the Slack pane it cannot emulate', async () => {
    const page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
    page.setDefaultTimeout(15_000);
    const problems: string[] = [];
    page.on('pageerror', (error) => problems.push(error.message));
    await page.goto(url);
    await page.getByRole('status').filter({ hasText: 'Live' }).waitFor();
    const services = (await page.getByRole('list', { name: 'Services' }).textContent()) ?? '';
    expect(services).toContain('Anthropic Claude · real');
    expect(services.match(/real/g)?.length).toBe(3);
    expect(await page.getByText('Twilio is real').isVisible()).toBe(true);
    expect(await page.getByText('Slack is real').isVisible()).toBe(true);
    expect(await page.getByRole('textbox', { name: 'Customer message' }).isDisabled()).toBe(true);
    // The thread (and its reply box) is hidden until a thread is opened.
    const reply = page.getByRole('textbox', { name: 'Agent reply', includeHidden: true });
    expect(await reply.isDisabled()).toBe(true);
    await page.close();
    expect(problems).toEqual([]);
  });

  it('refuses to play the customer or an agent, since that would reach real phones and workspaces', async () => {
    const post = (action: string, body: unknown) =>
      fetch(`${url}/playground/api/${action}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    const customer = await post('customer', { channel: 'sms', from: '+15557770009', body: 'hi' });
    expect(customer.status).toBe(409);
    const reply = await post('reply', { agentId: 'UANA', threadTs: '1.000001', text: 'hi' });
    expect(reply.status).toBe(409);
  });
});
