/**
 * Escalation: the decision that hands a conversation from the AI to the agents' queue. Pure; the worker
 * commits its outcome in the turn's transaction and publishes the packet after it.
 * 1. ai → queued with a case id derived from the triggering message (so a retry finds the same case).
 * 2. The case, with the escalation packet (summary, what was tried, sentiment trend, last words).
 * 3. The `escalated` lifecycle event.
 * 4. What the customer is told (business-hours aware, in the conversation's language), through the
 *    outbound gate (send-once key `escalated#<case>`).
 */
import type { BusinessSettings } from '../../shared/business-settings.ts';
import { isOpen, nextOpening } from '../business-hours.ts';
import { escalate } from '../conversation-state.ts';
import { messagesFor, servedLanguage } from '../customer-messages.ts';
import type {
  Case,
  Conversation,
  EscalationPacket,
  EscalationReason,
  LifecycleEvent,
  Priority,
} from '../model.ts';
import { whatsappWindow } from '../whatsapp-window.ts';

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

/** An escalation decided: the conversation's next state, the new case, its event and the customer notice. */
export interface EscalationPlan {
  conversation: Conversation;
  kase: Case;
  event: LifecycleEvent;
  notice: { idempotencyKey: string; text: string };
}

/** Plans the escalation of a conversation in mode `ai` (its state machine refuses any other mode). */
export function planEscalation(
  settings: BusinessSettings,
  request: EscalationRequest,
  now: Date,
): EscalationPlan {
  const caseId = caseIdFor(request.triggeringMessageId);
  const conversation = escalate(request.conversation, caseId, now);
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
  return {
    conversation,
    kase: {
      caseId,
      conversationId: conversation.id,
      status: 'queued',
      version: 1,
      packet,
      openedAt: packet.openedAt,
      priority: request.priority,
    },
    event: {
      conversationId: conversation.id,
      channel: conversation.channel,
      at: packet.openedAt,
      type: 'escalated',
      caseId,
      data: { reason: request.reason, priority: request.priority },
    },
    notice: {
      idempotencyKey: `escalated#${caseId}`,
      text: request.customerReply ?? escalationNotice(settings, conversation.language, now),
    },
  };
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
