/**
 * The conversation domain: plain data, no SDKs. Every other layer speaks these types.
 */

/** The customer's messaging channel. */
export type Channel = 'whatsapp' | 'sms';

/** Who owns the conversation: the AI, the queue of agents, or one agent. */
export type Mode = 'ai' | 'queued' | 'agent';

/** Who wrote a message. */
export type Author = 'customer' | 'ai' | 'agent' | 'system';

/** Why a conversation was escalated. */
export type EscalationReason =
  | 'customer_request'
  | 'negative_sentiment'
  | 'sensitive_topic'
  | 'self_harm'
  | 'repeated_failure'
  | 'business_rule'
  | 'abuse'
  | 'out_of_scope'
  | 'attachment'
  | 'budget_exceeded'
  | 'model_unavailable'
  | 'model_request'
  /** The AI proposed an action on the business's systems that an agent must approve (issue 15). */
  | 'approval_needed';

/** Every escalation reason (for schemas and parsers). */
export const ESCALATION_REASONS = [
  'customer_request',
  'negative_sentiment',
  'sensitive_topic',
  'self_harm',
  'repeated_failure',
  'business_rule',
  'abuse',
  'out_of_scope',
  'attachment',
  'budget_exceeded',
  'model_unavailable',
  'model_request',
  'approval_needed',
] as const satisfies readonly EscalationReason[];

/** Escalation urgency. */
export type Priority = 'low' | 'normal' | 'high' | 'urgent';

/** Every way a case can close: an agent's pick when resolving, or `idle` (the sweeper closed it). */
export const OUTCOMES = ['solved', 'not_solved', 'duplicate', 'spam', 'idle'] as const;

/** How an agent (or the system) closed a case. */
export type Outcome = (typeof OUTCOMES)[number];

/** The outcomes an agent can pick when resolving (`idle` is the sweeper's alone). */
export const AGENT_OUTCOMES = [
  'solved',
  'not_solved',
  'duplicate',
  'spam',
] as const satisfies readonly Outcome[];

/** An outcome an agent can pick. */
export type AgentOutcome = (typeof AGENT_OUTCOMES)[number];

/** True when `value` is an outcome an agent can pick (desk input is checked against it). */
export function isAgentOutcome(value: string): value is AgentOutcome {
  return (AGENT_OUTCOMES as readonly string[]).includes(value);
}

/** Identifies a conversation: one customer address talking to one business number on one channel. */
export interface ConversationKey {
  channel: Channel;
  /** The customer's E.164 number, without any `whatsapp:` prefix. */
  customerAddress: string;
  /** The business number the customer wrote to, exactly as Twilio reports it (`whatsapp:` kept). */
  businessAddress: string;
}

/** An agent at the desk: `id` is the desk's own (opaque) agent id. */
export interface Agent {
  id: string;
  name?: string;
}

declare const deskRefBrand: unique symbol;

/**
 * Where something lives at the agents' desk: a case's card and thread, or one message in it (an agent's
 * reply). Opaque: only the desk adapter makes and reads references (`adapters/slack-desk-ref.ts`); the core
 * stores them, compares them for equality and hands them back to the `AgentDesk` port.
 */
export type DeskRef = string & { readonly [deskRefBrand]: true };

/** One conversation's current state. `version` increases with every write (optimistic concurrency). */
export interface Conversation extends ConversationKey {
  id: string;
  mode: Mode;
  version: number;
  /** The open case while mode is `queued` or `agent`. */
  caseId?: string;
  /** The agent who owns the conversation in mode `agent`. */
  owner?: Agent;
  customerName?: string;
  /** ISO time of the customer's last inbound message (the WhatsApp 24-hour window starts here). */
  lastInboundAt?: string;
  openedAt: string;
  updatedAt: string;
  /** Rolling summary of turns older than the prompt window. */
  summary?: string;
  /** One-shot instruction from the agent who handed the conversation back; consumed by the next AI turn. */
  handbackInstruction?: string;
  /** ISO time of the last resolution, if any (for reopen detection). */
  lastResolvedAt?: string;
  /** Model budget counters (OWASP LLM10): calls in the current hour window and tokens overall. */
  usage?: { windowStart: string; calls: number; tokens: number };
  /** Customer messages since the conversation (re)opened, for effort metrics. */
  customerTurns?: number;
  /** When the customer was told that sensitive data (card, SSN, IBAN) was removed from a message. */
  sensitiveDataNoticeAt?: string;
  /** When the owning agent asked, from the desk, for the customer's data to be erased. */
  eraseRequestedAt?: string;
  /**
   * The conversation's language (ISO 639-1, one of `settings.languages.supported`), detected on each
   * customer message; fixed messages are sent in it.
   */
  language?: string;
}

/** An attachment on an inbound message. */
export interface Media {
  url: string;
  contentType: string;
}

/** Delivery status reported by the channel for an outbound message. */
export type DeliveryStatus =
  | 'accepted'
  | 'queued'
  | 'sending'
  | 'sent'
  | 'delivered'
  | 'read'
  | 'failed'
  | 'undelivered'
  | 'received';

/** One message in a conversation, inbound or outbound. */
export interface Message {
  conversationId: string;
  /** Unique id: Twilio's MessageSid for inbound messages, a derived id for outbound ones. */
  messageId: string;
  /** ISO time. Messages are ordered by (`at`, `messageId`). */
  at: string;
  direction: 'inbound' | 'outbound';
  author: Author;
  /** The text as stored: inbound text is kept as received; logs mask it. */
  text: string;
  media?: Media[];
  agent?: Agent;
  /** Provider ids (Twilio SMxxx) of the parts this message was sent as. */
  providerIds?: string[];
  status?: DeliveryStatus;
  errorCode?: string;
  /** Sentiment score of a customer message, -1 (very negative) to 1 (very positive). */
  sentiment?: number;
  /** Knowledge-base passage ids the AI used for this reply. */
  passages?: string[];
  /** Guardrail flags raised on this message. */
  flags?: string[];
  tokens?: { input: number; output: number; cacheRead?: number; cacheWrite?: number };
  /** SMS segments used (outbound). */
  segments?: number;
  /** True when a WhatsApp template was sent instead of the text. */
  template?: boolean;
}

/** The escalation packet: everything an agent needs so the customer never repeats themselves. */
export interface EscalationPacket {
  caseId: string;
  conversationId: string;
  channel: Channel;
  customerAddress: string;
  customerName?: string;
  reason: EscalationReason;
  priority: Priority;
  /** What the customer wants, in one or two sentences. */
  summary: string;
  /** What the AI already tried. */
  tried: string;
  /** Sentiment of recent customer messages, oldest first. */
  sentimentTrend: number[];
  /** The customer's exact last words. */
  lastCustomerMessage: string;
  suggestedNextStep: string;
  /** ISO time the case was opened. */
  openedAt: string;
  /** ISO time the WhatsApp window closes, for WhatsApp conversations. */
  windowClosesAt?: string;
}

/** A case: one escalation's life from queue to resolution. */
export interface Case {
  caseId: string;
  conversationId: string;
  status: 'queued' | 'claimed' | 'resolved';
  version: number;
  packet: EscalationPacket;
  openedAt: string;
  priority: Priority;
  /** Where the case's card and thread live at the desk, once posted. */
  deskRef?: DeskRef;
  /** The time of the last message in the card's transcript: later customer messages are forwarded to the thread. */
  transcriptUntil?: string;
  owner?: Agent;
  claimedAt?: string;
  firstAgentReplyAt?: string;
  resolvedAt?: string;
  outcome?: Outcome;
  /** True when the case was closed by handing the conversation back to the AI (no closing message). */
  handedBack?: boolean;
  /** Agent feedback for escalation quality metrics. */
  escalationNeeded?: boolean;
  summaryAccurate?: boolean;
  /** SLA steps already taken: 1 = reminder, 2 = group mention, and whether the customer was told about the wait. */
  slaStage?: number;
  customerToldWait?: boolean;
  windowWarned?: boolean;
  /** The desk route the card was sent by (`settings.routing`; `default` when no rule matched). */
  route?: string;
  /** Auto-assignment: the agent asked to take the case (mentioned in the thread) until they claim it. */
  assignedTo?: Agent;
  /** When `assignedTo` was assigned (ISO): after the route's `ackMinutes` unclaimed, the next agent gets it. */
  assignedAt?: string;
  /** Agent ids the case was assigned to before (not asked again while others are available). */
  assignedBefore?: string[];
}

/** What Tandem remembers about a customer across conversations and channels. */
export interface CustomerProfile {
  /** E.164 number. */
  customerAddress: string;
  name?: string;
  facts: Record<string, string>;
  /** When each fact was last set (ISO), by key: the oldest is replaced past the limit (maps keep no order). */
  factsUpdatedAt?: Record<string, string>;
  pastCases: { caseId: string; summary: string; outcome?: Outcome; resolvedAt?: string }[];
  optedOut: boolean;
  optedOutAt?: string;
  /** Awaiting a 1-5 satisfaction answer for this case. */
  pendingSurvey?: { caseId: string; askedAt: string };
  /** The language of the customer's latest conversation (ISO 639-1): where a new conversation starts. */
  language?: string;
  version: number;
}

/** A customer message on the conversation-events FIFO queue. MessageGroupId is `conversationId`. */
export type ConversationEvent = {
  type: 'customer_message';
  /** Dedupe id: the MessageSid. */
  eventId: string;
  conversationId: string;
  messageId: string;
  /** The conversation's key, so the worker can open the conversation on a first message. */
  key: ConversationKey;
  /** WhatsApp profile name, when the channel gave one. */
  profileName?: string;
};

/**
 * What an agent's command asks the worker to carry out (the customer-bound part, and the hand-back notice):
 * - `reply`: the owner's thread reply (`reply`, the agent's own message at the desk, gets the pending/✓ reactions);
 * - `suggestion`: the AI's suggested reply the owner chose to send (read from the store when carried out);
 * - `closing`: the closing message (and satisfaction question) after a Resolve;
 * - `handback_notice`: the thread notice that the conversation went back to the AI.
 */
export type DeskTask =
  | { kind: 'reply'; text: string; reply: DeskRef }
  | { kind: 'suggestion'; suggestionId: string }
  | { kind: 'closing'; outcome: Outcome; survey: boolean }
  | { kind: 'handback_notice'; instruction?: string }
  /** A saved reply (`knowledge/replies/`), placeholders already filled when the agent picked it. */
  | { kind: 'saved_reply'; replyId: string; title: string; text: string }
  /** An approved (run it) or denied (tell the customer) action proposal (issue 15). */
  | { kind: 'action'; proposalId: string };

/**
 * An agent's command, recorded on the conversation-events FIFO queue (MessageGroupId = conversation id, so
 * it is carried out in order with the customer's own messages) and carried out by the worker with retries.
 */
export interface DeskCommandEvent {
  type: 'desk_command';
  /** SQS deduplication id: the desk message or action that asked (a Retry click gets its own). */
  eventId: string;
  /** Stable id of the command across retries and Retry clicks: its send-once key and its parked copy. */
  commandId: string;
  conversationId: string;
  caseId: string;
  agent: Agent;
  /** The case's thread, where the command's state is shown. */
  ref: DeskRef;
  task: DeskTask;
}

/** Everything on the conversation-events FIFO queue. */
export type ConversationQueueEvent = ConversationEvent | DeskCommandEvent;

/** A lifecycle record for metrics (first-interaction resolution, speed, effort, sentiment). */
export interface LifecycleEvent {
  conversationId: string;
  at: string;
  type:
    | 'opened'
    | 'customer_message'
    | 'ai_reply'
    | 'escalated'
    | 'claimed'
    | 'released'
    | 'first_agent_reply'
    | 'resolved'
    | 'reopened'
    | 'handed_back'
    | 'satisfaction'
    | 'escalation_feedback'
    // Actions on the business's systems (issue 15): who, when, what in `data`.
    | 'action_proposed'
    | 'action_approved'
    | 'action_edited'
    | 'action_denied'
    | 'action_executed'
    | 'action_failed';
  channel: Channel;
  caseId?: string;
  data?: Record<string, string | number | boolean | null>;
}

/** The prefix Twilio puts on WhatsApp addresses (`whatsapp:+1…`). */
export const WHATSAPP_PREFIX = 'whatsapp:';

/** The address of `number` on `channel`, as the messaging provider writes it: `whatsapp:+1…` or `+1…`. */
export function channelAddress(channel: Channel, number: string): string {
  return channel === 'whatsapp' ? `${WHATSAPP_PREFIX}${number}` : number;
}

/** The number of a channel address (`whatsapp:` dropped; an SMS address is the number). */
export function numberOf(address: string): string {
  return address.startsWith(WHATSAPP_PREFIX) ? address.slice(WHATSAPP_PREFIX.length) : address;
}

/**
 * Builds the deterministic conversation id for a key (safe as an SQS MessageGroupId):
 * `<channel>|<customer's E.164>|<business number without whatsapp:>`.
 */
export function conversationIdOf(key: ConversationKey): string {
  return [key.channel, key.customerAddress, numberOf(key.businessAddress)].join('|');
}

/** The key a conversation id was built from (`conversationIdOf`'s inverse), or `undefined` for any other string. */
export function conversationKeyOf(conversationId: string): ConversationKey | undefined {
  const [channel, customerAddress, business, ...rest] = conversationId.split('|');
  if (rest.length > 0 || !customerAddress || !business) return undefined;
  if (channel !== 'whatsapp' && channel !== 'sms') return undefined;
  return {
    channel,
    customerAddress,
    businessAddress: channelAddress(channel, business),
  };
}
