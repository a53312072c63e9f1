/**
 * The customer's language through the use cases, with real adapters (DynamoDB Local, fauxqs, the Twilio and
 * Slack emulators, the offline model): the worker detects it and keeps it on the conversation and the
 * profile; the escalation notice, the card, the desk's closing and survey, the survey thanks and the
 * sweeper's wait notice all follow it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import businessSettings from '../../config/business.ts';
import { DynamoDbConversationStore } from '../../functions/adapters/dynamodb-conversation-store.ts';
import { loadKnowledge } from '../../functions/adapters/knowledge-loader.ts';
import { OfflineModel } from '../../functions/adapters/offline-model.ts';
import { SlackAgentDesk } from '../../functions/adapters/slack-agent-desk.ts';
import { slackMessageOf } from '../../functions/adapters/slack-desk-ref.ts';
import { SqsEscalationQueue } from '../../functions/adapters/sqs-escalation-queue.ts';
import { TwilioCustomerChannel } from '../../functions/adapters/twilio-customer-channel.ts';
import { messagesFor } from '../../functions/core/customer-messages.ts';
import { makeCanary } from '../../functions/core/guardrails/output.ts';
import type { Channel, ConversationEvent, DeskRef } from '../../functions/core/model.ts';
import type { Clock } from '../../functions/core/ports.ts';
import { carryOutDeskCommand } from '../../functions/core/use-cases/carry-out-desk-command.ts';
import { createDeskCommands } from '../../functions/core/use-cases/desk-actions.ts';
import {
  handleCustomerMessage,
  type WorkerDeps,
} from '../../functions/core/use-cases/handle-customer-message.ts';
import { notifyEscalation } from '../../functions/core/use-cases/notify-escalation.ts';
import { receiveCustomerMessage } from '../../functions/core/use-cases/receive-customer-message.ts';
import { sweepSla } from '../../functions/core/use-cases/sweep-sla.ts';
import { parseBusinessSettings } from '../../functions/shared/business-settings.ts';
import { type FakeSlack, startFakeSlack } from '../../local/fake-slack.ts';
import { type FakeTwilio, startFakeTwilio } from '../../local/fake-twilio.ts';
import { freshQueues, freshTable } from '../helpers/aws.ts';

const DESK = 'C0LANG';
const ANA = { id: 'UANA', name: 'ana' };
const BUSINESS = '+15550100000';
const settings = parseBusinessSettings(businessSettings);
const spanish = messagesFor(settings, 'es');
// Monday 2026-01-05 15:00 UTC = 10:00 in New York: open. Sunday the 4th: closed all day.
const MONDAY = new Date('2026-01-05T15:00:00Z');
const SUNDAY = new Date('2026-01-04T15:00:00Z');

let twilio: FakeTwilio;
let slack: FakeSlack;
let deps: WorkerDeps & { store: DynamoDbConversationStore; desk: SlackAgentDesk };
let sid = 0;

beforeAll(async () => {
  const table = await freshTable();
  const queues = await freshQueues();
  twilio = await startFakeTwilio({ accountSid: `AC${'1'.repeat(32)}`, authToken: 'token' });
  slack = await startFakeSlack({ botToken: 'xoxb-test', signingSecret: 'secret' });
  const knowledge = loadKnowledge('knowledge');
  deps = {
    store: new DynamoDbConversationStore(table.documentClient, table.tableName),
    escalations: new SqsEscalationQueue(queues.client, queues.escalations.url),
    channel: new TwilioCustomerChannel({
      accountSid: twilio.accountSid,
      authToken: twilio.authToken,
      apiUrl: twilio.url,
      maxAttempts: 1,
      baseDelayMs: 1,
    }),
    desk: SlackAgentDesk.create({
      token: 'xoxb-test',
      slackApiUrl: slack.url,
      channel: DESK,
      deskLanguage: settings.languages.desk,
    }),
    model: new OfflineModel(knowledge),
    knowledge,
    settings,
    clock: { now: () => MONDAY },
    canary: makeCanary('language-test'),
  };
});

afterAll(async () => {
  await twilio?.stop();
  await slack?.stop();
});

/** A customer message, stored and handled by the worker at `now`. */
async function customerSays(
  from: string,
  body: string,
  options: { now?: Date; channel?: Channel } = {},
): Promise<{ event: ConversationEvent; outcome: string }> {
  const clock: Clock = { now: () => options.now ?? MONDAY };
  const channel = options.channel ?? 'sms';
  const events: ConversationEvent[] = [];
  sid++;
  await receiveCustomerMessage(
    {
      store: deps.store,
      events: { publish: async (event) => void events.push(event as ConversationEvent) },
      clock,
    },
    {
      messageSid: `SM${String(sid).padStart(32, '0')}`,
      channel,
      customerAddress: from,
      businessAddress: channel === 'whatsapp' ? `whatsapp:${BUSINESS}` : BUSINESS,
      body,
      media: [],
    },
  );
  const event = events[0];
  if (!event) throw new Error('no event published');
  return { event, outcome: await handleCustomerMessage({ ...deps, clock }, event) };
}

const bodiesTo = (number: string) =>
  twilio.messages.filter((message) => message.to.replace(/^whatsapp:/, '') === number).map((m) => m.body);

describe('the worker keeps the conversation language', () => {
  it('a Spanish customer asking for a person is told in Spanish; conversation and profile remember Spanish', async () => {
    const from = '+15557779001';
    const { event, outcome } = await customerSays(from, 'Hola, quiero hablar con una persona, por favor');
    expect(outcome).toBe('escalated');
    expect(bodiesTo(from)).toEqual([spanish.escalated]);
    expect((await deps.store.getConversation(event.conversationId))?.language).toBe('es');
    expect((await deps.store.getProfile(from))?.language).toBe('es');
  });

  it('after hours the Spanish notice says when people are back, in Spanish', async () => {
    const from = '+15557779002';
    const { outcome } = await customerSays(from, 'Necesito hablar con un agente, mi pedido llegó roto', {
      now: SUNDAY,
    });
    expect(outcome).toBe('escalated');
    const told = bodiesTo(from).at(-1) ?? '';
    expect(told).toContain('estamos cerrados y volvemos mañana a las 09:00;');
  });

  it('an English customer still gets the English notice, and costs no profile write', async () => {
    const from = '+15557779003';
    const { event } = await customerSays(from, 'I want to talk to a person');
    expect(bodiesTo(from)).toEqual([settings.messages.escalated]);
    expect((await deps.store.getConversation(event.conversationId))?.language).toBe('en');
    // The default language is what an absent profile language means: nothing to write.
    expect(await deps.store.getProfile(from)).toBeUndefined();
  });

  it('a keyword keeps the language, and a new conversation on another channel starts in the profile language', async () => {
    const from = '+15557779004';
    const first = await customerSays(from, '¿Hacen envíos a Canadá? Necesito saber cuánto cuesta');
    expect((await deps.store.getConversation(first.event.conversationId))?.language).toBe('es');
    // HELP is a carrier keyword, not a sign the customer switched to English.
    await customerSays(from, 'HELP');
    expect(bodiesTo(from).at(-1)).toBe(spanish.help);
    const whatsapp = await customerSays(from, 'HELP', { channel: 'whatsapp' });
    expect(whatsapp.outcome).toBe('help');
    expect((await deps.store.getConversation(whatsapp.event.conversationId))?.language).toBe('es');
    expect(bodiesTo(from).at(-1)).toBe(spanish.help);
  });

  it('a clear message in another served language switches the conversation and the profile', async () => {
    const from = '+15557779005';
    const first = await customerSays(from, 'Where is my order? It has not arrived yet');
    expect((await deps.store.getConversation(first.event.conversationId))?.language).toBe('en');
    await customerSays(from, 'Perdón, prefiero escribir en español. ¿Dónde está mi pedido?');
    expect((await deps.store.getConversation(first.event.conversationId))?.language).toBe('es');
    expect((await deps.store.getProfile(from))?.language).toBe('es');
  });
});

describe('the desk and the sweeper use the conversation language', () => {
  const desk = () =>
    createDeskCommands({
      store: deps.store,
      desk: deps.desk,
      // The worker's part, inline: each recorded desk command is carried out at once.
      events: {
        publish: async (event) => {
          if (event.type === 'desk_command') await carryOutDeskCommand(deps, event, { last: true });
        },
      },
      clock: { now: () => new Date() },
      settings,
      access: { channels: [DESK] },
    });

  /** A Spanish customer's escalation with its card posted; returns the case id and card ref. */
  async function spanishCase(from: string): Promise<{ caseId: string; ref: DeskRef }> {
    const { event } = await customerSays(from, 'Quiero hablar con una persona sobre mi devolución');
    const caseId = (await deps.store.getConversation(event.conversationId))?.caseId ?? '';
    const kase = await deps.store.getCase(caseId);
    if (!kase) throw new Error('no case');
    await notifyEscalation(deps, kase.packet);
    const ref = (await deps.store.getCase(caseId))?.deskRef;
    if (!ref) throw new Error('no card');
    return { caseId, ref };
  }

  it('the card says the customer writes in Spanish', async () => {
    const { ref } = await spanishCase('+15557779101');
    const card = JSON.stringify(slack.messages.get(slackMessageOf(ref).ts)?.blocks ?? []);
    expect(card).toContain('*Language*\\n🌐 Spanish (es) · reply in Spanish');
  });

  it('resolving sends the closing message and the survey in Spanish, and the answer is thanked in Spanish', async () => {
    const from = '+15557779102';
    const { caseId, ref } = await spanishCase(from);
    await desk().claim({ caseId, agent: ANA, ref });
    await desk().resolve({ caseId, agent: ANA, outcome: 'solved', ref });
    expect(bodiesTo(from).at(-1)).toBe(`${spanish.closing} ${spanish.satisfactionQuestion}`);
    const { outcome } = await customerSays(from, '5');
    expect(outcome).toBe('survey_answer');
    expect(bodiesTo(from).at(-1)).toBe(spanish.satisfactionThanks);
  });

  it('the wait notice for an unclaimed Spanish case is in Spanish', async () => {
    const from = '+15557779103';
    await spanishCase(from);
    const later = new Date(MONDAY.getTime() + (settings.sla.escalateMinutes + 1) * 60_000);
    await sweepSla({ ...deps, clock: { now: () => later } });
    expect(bodiesTo(from).at(-1)).toBe(spanish.waitNotice);
  });
});
