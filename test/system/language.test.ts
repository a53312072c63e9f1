/**
 * A Spanish-speaking customer end to end on the local runtime, driven only by signed webhooks: they ask
 * for a person and are told in Spanish, the card tells the agents the customer writes in Spanish, and when
 * the agent resolves, the closing message, the survey and its thanks arrive in Spanish.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import businessSettings from '../../config/business.ts';
import { ACTION_IDS, encodeActionValue } from '../../functions/adapters/slack-blocks.ts';
import { messagesFor } from '../../functions/core/customer-messages.ts';
import { conversationIdOf } from '../../functions/core/model.ts';
import { parseBusinessSettings } from '../../functions/shared/business-settings.ts';
import { type SystemHarness, slackText, startSystem } from '../helpers/system.ts';

const customer = '+15557770301';
const business = '+15550100000';
const ana = { id: 'UANA', username: 'ana' };
const conversationId = conversationIdOf({
  channel: 'sms',
  customerAddress: customer,
  businessAddress: business,
});
const spanish = messagesFor(parseBusinessSettings(businessSettings), 'es');

let system: SystemHarness;

beforeAll(async () => {
  system = await startSystem();
});

afterAll(async () => {
  await system?.stop();
});

describe('a customer who writes in Spanish', () => {
  let cardTs = '';
  let caseId = '';

  it('asks for a person and is told, in Spanish, what happens next', async () => {
    const response = await system.driver.customerSays({
      from: customer,
      to: business,
      body: 'Hola, quiero hablar con una persona, por favor',
    });
    expect(response.status).toBe(200);
    await system.settle();
    const conversation = await system.store.getConversation(conversationId);
    expect(conversation?.mode).toBe('queued');
    expect(conversation?.language).toBe('es');
    caseId = conversation?.caseId ?? '';
    const told = system.sentTo(customer).map((message) => message.body);
    expect(told).toHaveLength(1);
    // Open or closed right now, depending on the wall clock: either way in Spanish.
    const afterHours = spanish.escalatedAfterHours.slice(
      0,
      spanish.escalatedAfterHours.indexOf('{{reopens}}'),
    );
    expect(told[0] === spanish.escalated || told[0]?.startsWith(afterHours)).toBe(true);
  });

  it('the escalation card tells the agents the customer writes in Spanish', () => {
    const card = system.cardFor(customer);
    expect(card).toBeDefined();
    cardTs = card?.ts ?? '';
    expect(slackText(card)).toContain('Spanish (es)');
    expect(slackText(card)).toContain('reply in Spanish');
  });

  it('the agent claims and resolves: the closing message and the survey arrive in Spanish', async () => {
    await system.driver.agentClicks({
      agent: ana,
      actionId: ACTION_IDS.claim,
      value: caseId,
      messageTs: cardTs,
    });
    const { ts } = await system.agentReplies({
      agent: ana,
      threadTs: cardTs,
      text: 'Hola, soy Ana. ¿En qué te ayudo?',
    });
    expect(ts).toBeTruthy();
    await system.driver.agentClicks({
      agent: ana,
      actionId: ACTION_IDS.resolve,
      selectedValue: encodeActionValue({ caseId, outcome: 'solved' }),
      messageTs: cardTs,
    });
    await system.settle();
    expect((await system.store.getCase(caseId))?.outcome).toBe('solved');
    expect(system.sentTo(customer).at(-1)?.body).toBe(`${spanish.closing} ${spanish.satisfactionQuestion}`);
  });

  it('the survey answer is thanked in Spanish', async () => {
    await system.driver.customerSays({ from: customer, to: business, body: '5' });
    await system.settle();
    expect(system.sentTo(customer).at(-1)?.body).toBe(spanish.satisfactionThanks);
    expect((await system.store.getConversation(conversationId))?.language).toBe('es');
  });
});
