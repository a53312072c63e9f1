/**
 * escalateConversation — hands a conversation from the AI to the agents' queue.
 * 1. ai → queued with a case id derived from the triggering message (so a retry finds the same case).
 * 2. Create the case with the escalation packet (summary, what was tried, sentiment trend, last words).
 * 3. Publish the packet on the escalations queue (the notifier posts the Slack card).
 * 4. Tell the customer what happens next (business-hours aware, in the conversation's language), through the
 *    outbound gate.
 * Every step is idempotent, so a redelivered event resumes where a failed attempt stopped.
 */
import type { BusinessSettings } from '../../shared/business-settings.ts';
import { isOpen, nextOpening } from '../business-hours.ts';
import { escalate } from '../conversation-state.ts';
import { messagesFor, servedLanguage } from '../customer-messages.ts';
import { ConflictError } from '../errors.ts';
import type { Case, Conversation, EscalationPacket, EscalationReason, Priority } from '../model.ts';
import type { Clock, ConversationStore, CustomerChannel, EscalationQueue, UsageLedger } from '../ports.ts';
import { whatsappWindow } from '../whatsapp-window.ts';
import { record, updateConversation } from './conversations.ts';
import { sendToCustomer } from './send-to-customer.ts';

/** The case id for an escalation triggered by `messageId`. */
export function caseIdFor(messageId: string): string {
  return `case-${messageId}`;
}

/** What the worker knows when it escalates. */
export interface EscalationRequest {
  conversation: Conversation;
  triggeringMessageId: string;
  reason: EscalationReason;
  priority: Priority;
  summary: string;
  tried: string;
  lastCustomerMessage: string;
  sentimentTrend: number[];
  suggestedNextStep?: string;
  /** What to tell the customer; default: the configured escalation message. */
  customerReply?: string;
}

/** Escalates (or resumes an escalation of) a conversation; returns the case. */
export async function escalateConversation(
  deps: {
    store: ConversationStore;
    escalations: EscalationQueue;
    channel: CustomerChannel;
    clock: Clock;
    settings: BusinessSettings;
    ledger?: UsageLedger;
  },
  request: EscalationRequest,
): Promise<Case> {
  const caseId = caseIdFor(request.triggeringMessageId);
  const now = deps.clock.now();
  const conversation = await updateConversation(deps, request.conversation.id, (current) => {
    if (current.caseId === caseId) return undefined; // resumed after a partial failure
    if (current.mode !== 'ai') return undefined; // already with people
    return escalate(current, caseId, now);
  });

  const packet: EscalationPacket = {
    caseId,
    conversationId: conversation.id,
    channel: conversation.channel,
    customerAddress: conversation.customerAddress,
    ...(conversation.customerName ? { customerName: conversation.customerName } : {}),
    reason: request.reason,
    priority: request.priority,
    summary: request.summary,
    tried: request.tried,
    sentimentTrend: request.sentimentTrend,
    lastCustomerMessage: request.lastCustomerMessage,
    suggestedNextStep: request.suggestedNextStep ?? suggestNextStep(request.reason),
    openedAt: now.toISOString(),
    ...(conversation.channel === 'whatsapp'
      ? { windowClosesAt: whatsappWindow(conversation.lastInboundAt, now).closesAt }
      : {}),
  };

  if (conversation.caseId !== caseId) {
    // Someone else escalated first (e.g. a concurrent path); that case stands.
    const existing = conversation.caseId ? await deps.store.getCase(conversation.caseId) : undefined;
    if (existing) return existing;
  }

  const kase: Case = {
    caseId,
    conversationId: conversation.id,
    status: 'queued',
    version: 1,
    packet,
    openedAt: packet.openedAt,
    priority: request.priority,
  };
  let stored = kase;
  try {
    await deps.store.createCase(kase);
    await record(deps, conversation, 'escalated', {
      caseId,
      data: { reason: request.reason, priority: request.priority },
    });
  } catch (error) {
    if (!(error instanceof ConflictError)) throw error;
    stored = (await deps.store.getCase(caseId)) ?? kase;
  }

  await deps.escalations.publish(stored.packet);

  const reply = request.customerReply ?? escalationNotice(deps.settings, conversation.language, now);
  await sendToCustomer(deps, {
    conversation,
    text: reply,
    author: 'system',
    idempotencyKey: `escalated#${caseId}`,
  });
  return stored;
}

/** What the customer is told when people take over, in `language`: business-hours aware. */
export function escalationNotice(
  settings: BusinessSettings,
  language: string | undefined,
  now: Date,
): string {
  const messages = messagesFor(settings, language);
  if (isOpen(settings.hours, now)) return messages.escalated;
  const reopens = nextOpening(settings.hours, now, {
    today: messages.reopensToday,
    tomorrow: messages.reopensTomorrow,
    on: messages.reopensOn,
    locale: servedLanguage(settings, language),
  });
  return messages.escalatedAfterHours.replace('{{reopens}}', reopens ?? messages.reopensSoon);
}

function suggestNextStep(reason: EscalationReason): string {
  switch (reason) {
    case 'self_harm':
      return 'Reach out with care now; share crisis resources and stay with the customer.';
    case 'customer_request':
      return 'Introduce yourself and pick up from the summary; do not ask the customer to repeat.';
    case 'negative_sentiment':
    case 'abuse':
      return 'Acknowledge the frustration first, then address the issue.';
    case 'model_unavailable':
      return 'The AI could not answer; answer the last message directly.';
    case 'business_rule':
      return 'Handle the request per policy (cancellation or refund above the AI limit).';
    case 'sensitive_topic':
      return 'Handle with care; involve a specialist if needed.';
    default:
      return 'Review the transcript and answer the last message.';
  }
}
