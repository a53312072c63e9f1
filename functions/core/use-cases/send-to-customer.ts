/**
 * sendToCustomer — the one gate every outbound message passes (AI replies, agent replies, system notices).
 * 1. Opt-out: a customer whose profile says opted out gets nothing (`refused: opted_out`).
 * 2. Outbox: claim `outbox#<idempotencyKey>` (7 days); a second claim means the message already went
 *    (`duplicate`), so a redelivered queue event never sends twice.
 * 3. WhatsApp outside the 24-hour window: send the configured approved template (in the conversation's
 *    language when one is configured for it) instead of the text (`template: true`); inside it, or on SMS, send the text split at sentence boundaries (≤ 1,600 chars).
 * 4. Record the outbound message (segments, template, provider ids, status `queued`) so delivery
 *    callbacks can find it.
 * 5. Count the messages sent (one per part) in the hourly usage ledger, for the global outbound ceiling.
 *    The gate itself never refuses on the ceiling: agents and system notices still go out (people are
 *    the fallback); only the AI stops (see the worker).
 * Channel errors: 21610 marks the profile opted out; 63016 falls back to the template once; a bad number or
 * another rejection is recorded on the message (status `failed`); transient failures release the outbox
 * key and are rethrown so the queue retries.
 *
 * The send-once (outbox) key: claimed before the provider call, settled `sent` with the provider's ids as
 * soon as the provider accepted the message (before anything else is written), released only on a failure
 * that surely did not send (the provider answered with an error, or could not be reached at all).
 * - Crash (process killed) after the claim and before the settle: nobody knows whether the message went.
 *   A redelivery finds the key still `claimed`; by default that counts as `duplicate` (a rare lost AI
 *   message over a double send). With `uncertain: 'report'` (agent replies) it is `uncertain`, so the
 *   agent is told and can choose to send again.
 * - A failure after the request went out (timeout, connection reset: `ChannelError.maybeSent`): by default
 *   the key is released and the error rethrown (the queue retry resends: the customer may get it twice);
 *   with `uncertain: 'report'` the key is settled `unknown` and the outcome is `uncertain`, never resent
 *   on its own.
 * - Split bodies claim one key per part, so a retry never resends parts that already went (their provider
 *   ids are then missing from the recorded message).
 * - A store failure after a successful send keeps the keys settled: the message went out but may be
 *   missing from the transcript, and it is not resent.
 */
import type { BusinessSettings } from '../../shared/business-settings.ts';
import { deliveryRefOf } from '../delivery-ref.ts';
import { ChannelError, ConflictError, ValidationError } from '../errors.ts';
import { splitMessage } from '../message-split.ts';
import {
  type Agent,
  type Conversation,
  type CustomerProfile,
  channelAddress,
  type Message,
} from '../model.ts';
import type {
  Clock,
  CustomerChannel,
  MessageLog,
  OnceKeys,
  OnceOutcome,
  Profiles,
  UsageLedger,
} from '../ports.ts';
import { countSegments } from '../sms-segments.ts';
import { whatsappWindow } from '../whatsapp-window.ts';
import { recordSpend } from './spend.ts';

/** How long an outbox key blocks a resend. */
export const OUTBOX_TTL_SECONDS = 7 * 24 * 60 * 60;

/** Ports the gate needs. */
export interface SendToCustomerDeps {
  store: Profiles & OnceKeys & MessageLog;
  channel: CustomerChannel;
  clock: Clock;
  settings: BusinessSettings;
  /** Hourly usage for the global outbound ceiling; without it sends are not counted. */
  ledger?: UsageLedger;
}

/** One outbound message request. */
export interface SendToCustomerInput {
  conversation: Conversation;
  text: string;
  author: 'ai' | 'agent' | 'system';
  /** Stable per intended message (e.g. queue event id + purpose): the outbox key. */
  idempotencyKey: string;
  agent?: Agent;
  /** Extra fields recorded on the message (passages, flags, tokens…). Core fields win. */
  extra?: Partial<Message>;
  /**
   * What to do when the message may or may not have gone (see the module comment): `resend` (retry through
   * the queue, at the risk of a double) or `report` (outcome `uncertain`, nothing resent). @default 'resend'
   */
  uncertain?: 'resend' | 'report';
}

/** What happened to an outbound message. */
export type SendOutcome =
  | {
      status: 'sent';
      message: Message;
      /** True when the WhatsApp reopen template was sent instead of the text. */
      template: boolean;
      /** SMS segments billed (all parts); for WhatsApp, the number of messages sent. */
      segments: number;
      /** Messages sent (more than 1 when the body was split). */
      parts: number;
    }
  /** Sent before under the same key (`providerIds` when the send-once record kept them). */
  | { status: 'duplicate'; providerIds?: string[] }
  /** It may or may not have reached the customer (only with `uncertain: 'report'`). */
  | { status: 'uncertain'; reason: string }
  | {
      status: 'refused';
      reason: 'opted_out' | 'invalid_number' | 'rejected';
      /** The recorded (failed) message, for invalid numbers and rejections. */
      message?: Message;
    };

/**
 * What a delivery through the gate came to, before anything but the send-once claim is written: the caller
 * records it (the worker in its turn transaction, {@link sendToCustomer} on its own).
 */
export type Delivery =
  /** `message` is the outbound message to record (status `queued`, provider ids); `settle` says it went. */
  | (Extract<SendOutcome, { status: 'sent' }> & {
      settle: { key: string; outcome: OnceOutcome; ttlSeconds: number };
    })
  | { status: 'duplicate'; providerIds?: string[] }
  | { status: 'uncertain'; reason: string }
  /** The provider says the customer opted out: the profile must say so too. */
  | { status: 'refused'; reason: 'opted_out'; markOptedOut?: boolean }
  /** A bad number or another rejection: `message` (status `failed`) is to be recorded. */
  | { status: 'refused'; reason: 'invalid_number' | 'rejected'; message: Message };

/** Sends one message to the customer through the outbound gate, and records it. */
export async function sendToCustomer(
  deps: SendToCustomerDeps,
  input: SendToCustomerInput,
): Promise<SendOutcome> {
  const { store } = deps;
  const profile = input.text.trim() ? await store.getProfile(input.conversation.customerAddress) : undefined;
  const delivery = await deliver(deps, input, profile);
  switch (delivery.status) {
    case 'sent': {
      const { message, settle } = delivery;
      const providerIds = message.providerIds ?? [];
      // Settled first: from here on a redelivery knows the message went, whatever else fails.
      await store.settleOnce(settle.key, settle.outcome, settle.ttlSeconds);
      await recordSpend(deps, { messages: providerIds.length });
      await store.appendMessage(message);
      // A fast status callback may have come first (it waited on the provider-id pointer): it is applied here.
      const late = providerIds.length > 0 ? await store.recordProviderIds(message, providerIds) : undefined;
      return {
        status: 'sent',
        message: late?.status
          ? { ...message, status: late.status, ...(late.errorCode ? { errorCode: late.errorCode } : {}) }
          : message,
        template: delivery.template,
        segments: delivery.segments,
        parts: delivery.parts,
      };
    }
    case 'refused':
      return recordRefusal(deps, input.conversation, delivery);
    default:
      return delivery;
  }
}

/**
 * Records a refused delivery: the provider's opt-out on the profile, or the failed message (a bad number,
 * another rejection) in the transcript.
 */
export async function recordRefusal(
  deps: { store: Profiles & MessageLog; clock: Clock },
  conversation: Conversation,
  delivery: Extract<Delivery, { status: 'refused' }>,
): Promise<Extract<SendOutcome, { status: 'refused' }>> {
  if (delivery.reason === 'opted_out') {
    if (delivery.markOptedOut) {
      await markOptedOut(deps.store, conversation.customerAddress, deps.clock.now().toISOString());
    }
    return { status: 'refused', reason: 'opted_out' };
  }
  await deps.store.appendMessage(delivery.message);
  return delivery;
}

/**
 * The gate without the records: opt-out (from `profile`), the send-once claim, the window, the provider
 * call. What went out (or failed) is returned for the caller to write; only the claim, its release on a
 * failure that surely sent nothing, and an `unknown` settle (with `uncertain: 'report'`) are written here.
 */
export async function deliver(
  deps: { store: OnceKeys; channel: CustomerChannel; clock: Clock; settings: BusinessSettings },
  input: SendToCustomerInput,
  profile: CustomerProfile | undefined,
): Promise<Delivery> {
  const { store, clock } = deps;
  const { conversation } = input;
  if (!input.text.trim()) throw new ValidationError('cannot send an empty message to a customer');
  if (profile?.optedOut) return { status: 'refused', reason: 'opted_out' };

  const outboxKey = outboxKeyOf(input.idempotencyKey);
  const report = input.uncertain === 'report';
  if (!(await store.claimOnce(outboxKey, OUTBOX_TTL_SECONDS))) {
    if (!report) return { status: 'duplicate' };
    const previous = await store.getOnce(outboxKey);
    if (previous?.state === 'unknown') return { status: 'uncertain', reason: previous.reason };
    if (previous?.state === 'claimed') {
      return { status: 'uncertain', reason: 'an earlier attempt was interrupted while sending' };
    }
    return {
      status: 'duplicate',
      ...(previous?.state === 'sent' ? { providerIds: previous.providerIds } : {}),
    };
  }

  const whatsapp = conversation.channel === 'whatsapp';
  const messageId = outboundMessageId(input.idempotencyKey);
  const at = clock.now().toISOString();
  const address = {
    from: conversation.businessAddress,
    to: channelAddress(conversation.channel, conversation.customerAddress),
    deliveryRef: deliveryRefOf({ conversationId: conversation.id, messageId, at }),
  };
  const base: Message = {
    ...input.extra,
    conversationId: conversation.id,
    messageId,
    at,
    direction: 'outbound',
    author: input.author,
    text: input.text,
    ...(input.agent ? { agent: input.agent } : {}),
  };

  let result: { providerIds: string[]; template: boolean; segments: number };
  try {
    const windowOpen = !whatsapp || whatsappWindow(conversation.lastInboundAt, clock.now()).open;
    try {
      result = windowOpen
        ? await sendText(deps, outboxKey, address, input.text, whatsapp)
        : await sendTemplate(deps, address, conversation, profile);
    } catch (error) {
      // 63016: Twilio knows the window is closed even if our clock thought otherwise. Template, once.
      if (!(error instanceof ChannelError && error.kind === 'window_closed' && whatsapp && windowOpen)) {
        throw error;
      }
      result = await sendTemplate(deps, address, conversation, profile);
    }
  } catch (error) {
    if (report && error instanceof ChannelError && error.maybeSent) {
      const reason = 'the messaging provider did not answer, so it may have reached the customer';
      await store.settleOnce(outboxKey, { state: 'unknown', reason }, OUTBOX_TTL_SECONDS);
      return { status: 'uncertain', reason };
    }
    if (!(error instanceof ChannelError) || error.kind === 'transient') {
      // The queue retry must be able to send again.
      await store.releaseOnce(outboxKey);
      throw error;
    }
    if (error.kind === 'opted_out') return { status: 'refused', reason: 'opted_out', markOptedOut: true };
    return {
      status: 'refused',
      reason: error.kind === 'invalid_number' ? 'invalid_number' : 'rejected',
      message: {
        ...base,
        status: 'failed',
        ...(error.providerCode !== undefined ? { errorCode: String(error.providerCode) } : {}),
      },
    };
  }

  return {
    status: 'sent',
    message: {
      ...base,
      status: 'queued',
      template: result.template,
      providerIds: result.providerIds,
      ...(!whatsapp ? { segments: result.segments } : {}),
    },
    template: result.template,
    segments: result.segments,
    parts: result.providerIds.length,
    settle: {
      key: outboxKey,
      outcome: { state: 'sent', providerIds: result.providerIds },
      ttlSeconds: OUTBOX_TTL_SECONDS,
    },
  };
}

/** The send-once key of an idempotency key. */
export function outboxKeyOf(idempotencyKey: string): string {
  return `outbox#${idempotencyKey}`;
}

/** The stable id of the outbound message for an idempotency key. */
export function outboundMessageId(idempotencyKey: string): string {
  return `out-${fnv1a64(idempotencyKey)}`;
}

type Address = { from: string; to: string; deliveryRef?: string };

async function sendText(
  deps: { store: OnceKeys; channel: CustomerChannel },
  outboxKey: string,
  address: Address & { deliveryRef: string },
  text: string,
  whatsapp: boolean,
): Promise<{ providerIds: string[]; template: boolean; segments: number }> {
  const parts = splitMessage(text);
  const providerIds: string[] = [];
  let segments = 0;
  for (const [index, body] of parts.entries()) {
    segments += whatsapp ? 1 : countSegments(body).segments;
    // Each part of a split body gets its own key, so a retry after a failure on part n skips parts < n.
    const partKey = parts.length > 1 ? `${outboxKey}#${index}` : undefined;
    if (partKey && !(await deps.store.claimOnce(partKey, OUTBOX_TTL_SECONDS))) continue;
    try {
      const { providerId } = await deps.channel.sendText({ ...address, body });
      providerIds.push(providerId);
    } catch (error) {
      if (partKey && isRetryable(error)) await deps.store.releaseOnce(partKey);
      throw error;
    }
  }
  return { providerIds, template: false, segments };
}

async function sendTemplate(
  deps: Pick<SendToCustomerDeps, 'channel' | 'settings'>,
  address: Address,
  conversation: Conversation,
  profile: CustomerProfile | undefined,
): Promise<{ providerIds: string[]; template: boolean; segments: number }> {
  // WhatsApp approves a template per language: the conversation's, else the default one.
  const { whatsapp } = deps.settings;
  const { contentSid, variables } =
    (conversation.language ? whatsapp.reopenTemplates[conversation.language] : undefined) ??
    whatsapp.reopenTemplate;
  const fill = {
    name: conversation.customerName ?? profile?.name ?? 'there',
    brand: deps.settings.brand,
  };
  const filled = Object.fromEntries(
    Object.entries(variables).map(([key, value]) => [
      key,
      value.replaceAll('{{name}}', fill.name).replaceAll('{{brand}}', fill.brand),
    ]),
  );
  const { providerId } = await deps.channel.sendTemplate({ ...address, contentSid, variables: filled });
  return { providerIds: [providerId], template: true, segments: 1 };
}

function isRetryable(error: unknown): boolean {
  return !(error instanceof ChannelError) || (error.kind === 'transient' && !error.maybeSent);
}

async function markOptedOut(store: Profiles, customerAddress: string, at: string): Promise<void> {
  // Two writers may race (a STOP webhook and this send); re-read and retry on a version conflict.
  for (let attempt = 0; ; attempt++) {
    const current = await store.getProfile(customerAddress);
    if (current?.optedOut) return;
    const next: CustomerProfile = current
      ? { ...current, optedOut: true, optedOutAt: at, version: current.version + 1 }
      : { customerAddress, facts: {}, pastCases: [], optedOut: true, optedOutAt: at, version: 1 };
    try {
      await store.saveProfile(next);
      return;
    } catch (error) {
      if (attempt >= 2 || !(error instanceof ConflictError)) throw error;
    }
  }
}

/** FNV-1a 64-bit as 16 hex digits: a stable, dependency-free id derivation (not a security hash). */
function fnv1a64(text: string): string {
  let hash = 0xcbf29ce484222325n;
  for (const byte of new TextEncoder().encode(text)) {
    hash ^= BigInt(byte);
    hash = (hash * 0x100000001b3n) & 0xffffffffffffffffn;
  }
  return hash.toString(16).padStart(16, '0');
}
