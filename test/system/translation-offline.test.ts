/**
 * Translation without a model (the offline responder): the thread says once that translation is not
 * available, and the owner's reply goes out exactly as written.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { ACTION_IDS } from '../../functions/adapters/slack-blocks.ts';
import { conversationIdOf } from '../../functions/core/model.ts';
import { type SystemHarness, slackText, startSystem } from '../helpers/system.ts';

const ana = { id: 'UANA', username: 'ana' };
const customer = '+15557716701';
let system: SystemHarness;

beforeAll(async () => {
  system = await startSystem();
});

afterAll(async () => {
  await system?.stop();
});

it('offline, the thread says translation is not available and the reply goes out as written', async () => {
  await system.driver.customerSays({
    from: customer,
    channel: 'whatsapp',
    body: 'Hola, necesito hablar con un agente, por favor',
  });
  await system.settle();
  const conversationId = conversationIdOf({
    channel: 'whatsapp',
    customerAddress: customer,
    businessAddress: 'whatsapp:+15550100000',
  });
  const conversation = await system.store.getConversation(conversationId);
  expect(conversation?.language).toBe('es');
  const cardTs = system.cardFor(customer)?.ts ?? '';
  await system.driver.agentClicks({
    agent: ana,
    actionId: ACTION_IDS.claim,
    value: conversation?.caseId ?? '',
    messageTs: cardTs,
  });
  await system.driver.customerSays({ from: customer, channel: 'whatsapp', body: '¿Cuándo llega mi pedido?' });
  await system.agentReplies({ agent: ana, threadTs: cardTs, text: 'Hello, how can I help you?' });
  await system.settle();
  expect(system.sentTo(customer).at(-1)?.body).toBe('Hello, how can I help you?');
  const thread = system.slack.thread(system.channel, cardTs).map((message) => slackText(message));
  expect(thread.filter((text) => text.includes('Translation is not available'))).toHaveLength(1);
  expect(thread.join('\n')).toContain('Customer: ¿Cuándo llega mi pedido?');
  expect(thread.join('\n')).not.toContain('🌐 English');
  expect(thread.join('\n')).not.toContain('Sent in Spanish');
});
