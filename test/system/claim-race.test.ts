/**
 * Ten agents click Claim on the same card at once: exactly one owner, one card update, nine polite refusals.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { ACTION_IDS } from '../../functions/adapters/slack-blocks.ts';
import { conversationIdOf } from '../../functions/core/model.ts';
import { type SystemHarness, startSystem } from '../helpers/system.ts';

let system: SystemHarness;

beforeAll(async () => {
  system = await startSystem();
});

afterAll(async () => {
  await system?.stop();
});

it('10 concurrent signed Claim clicks give exactly one owner and one card update', async () => {
  const customer = '+15557774001';
  await system.driver.customerSays({ from: customer, body: 'Can I talk to a real person please' });
  await system.settle();
  const conversationId = conversationIdOf({
    channel: 'sms',
    customerAddress: customer,
    businessAddress: '+15550100000',
  });
  const caseId = (await system.store.getConversation(conversationId))?.caseId ?? '';
  const cardTs = system.cardFor(customer)?.ts ?? '';
  expect(cardTs).not.toBe('');
  const updatesBefore = system.slack.calls.filter(
    (call) => call.method === 'chat.update' && call.args.ts === cardTs,
  ).length;
  const ephemeralsBefore = system.slack.ephemerals.length;

  const agents = Array.from({ length: 10 }, (_, i) => ({ id: `UAGENT${i}`, username: `agent${i}` }));
  const responses = await Promise.all(
    agents.map((agent) =>
      system.driver.agentClicks({ agent, actionId: ACTION_IDS.claim, value: caseId, messageTs: cardTs }),
    ),
  );
  expect(responses.every((response) => response.status === 200)).toBe(true);

  const conversation = await system.store.getConversation(conversationId);
  const kase = await system.store.getCase(caseId);
  expect(conversation?.mode).toBe('agent');
  const owner = conversation?.owner?.id;
  expect(agents.map((agent) => agent.id)).toContain(owner);
  expect(kase?.owner?.id).toBe(owner);
  expect(kase?.status).toBe('claimed');

  const updates = system.slack.calls.filter(
    (call) => call.method === 'chat.update' && call.args.ts === cardTs,
  );
  expect(updates.length - updatesBefore).toBe(1);
  const refusals = system.slack.ephemerals.slice(ephemeralsBefore);
  expect(refusals).toHaveLength(9);
  expect(new Set(refusals.map((ephemeral) => ephemeral.user))).toEqual(
    new Set(agents.map((agent) => agent.id).filter((id) => id !== owner)),
  );
  const ownerName = agents.find((agent) => agent.id === owner)?.username;
  for (const refusal of refusals)
    expect(JSON.stringify(refusal)).toContain(`Already claimed by @${ownerName}`);
});
