/**
 * The playground's desk panel on the local runtime: it shows the routes in force and the App Home of the
 * chosen agent, opened and toggled through signed Slack requests (no browser: the page's API).
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, expect, inject, it } from 'vitest';
import { driverFor } from '#local/driver.ts';
import { createPlayground, type Playground } from '#local/playground/server.ts';
import { EMULATED_ENV, type LocalRuntime, startLocalRuntime } from '#local/runtime.ts';

const routing = {
  routes: [
    {
      name: 'whatsapp-team',
      match: { channels: ['whatsapp'] },
      channel: 'CTEAM',
      agentGroup: 'STEAM',
      autoAssign: { capacity: 3, ackMinutes: 5 },
    },
  ],
};

let playground: Playground;
let runtime: LocalRuntime;

beforeAll(async () => {
  playground = createPlayground();
  runtime = await startLocalRuntime({
    port: 0,
    dynamoEndpoint: inject('dynamoEndpoint'),
    sqsEndpoint: inject('sqsEndpoint'),
    resourcePrefix: `pgd${randomUUID().slice(0, 8)}`,
    quiet: true,
    sweepIntervalMs: 0,
    env: { ...EMULATED_ENV, DESK_ROUTING: JSON.stringify(routing) },
    fallback: playground.handler,
  });
  playground.attach(runtime);
  runtime.services.slack.fake?.setUserGroup('STEAM', ['UANA']);
});

afterAll(async () => {
  playground?.close();
  await runtime?.stop();
});

const api = async (path: string, body?: unknown) => {
  const response = await fetch(`${runtime.url}/playground/api/${path}`, {
    method: body ? 'POST' : 'GET',
    ...(body ? { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) } : {}),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
};

it('shows the routes in force, the default channel last', async () => {
  const { status, body } = await api('desk');
  expect(status).toBe(200);
  expect(body.defaultChannel).toBe(runtime.services.slack.escalationChannel);
  expect(body.routes).toMatchObject([{ name: 'whatsapp-team', channel: 'CTEAM', agentGroup: 'STEAM' }]);
  expect((await fetch(`${runtime.url}/playground/desk.js`)).status).toBe(200);
});

it("shows the chosen agent's App Home with their assigned case, and the Away toggle changes it", async () => {
  await driverFor(runtime).customerSays({
    from: '+15557783001',
    channel: 'whatsapp',
    body: 'I want to talk to a person',
  });
  await runtime.drain({ timeoutMs: 20_000 });
  const home = await api('home', { agentId: 'UANA' });
  expect(home.status).toBe(200);
  const text = JSON.stringify(home.body.view);
  expect(text).toContain('*Your open cases* (1)');
  expect(text).toContain('assigned to you');

  const away = await api('availability', { agentId: 'UANA', away: true });
  expect(JSON.stringify(away.body.view)).toContain('You are away');
  expect((await api('home', { agentId: 'UNOBODY' })).status).toBe(400);
});
