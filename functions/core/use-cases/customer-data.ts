/**
 * eraseCustomer and exportCustomer — the GDPR-style requests a business receives, by phone number.
 * Export: everything the table holds about the customer. Erase: the bot's messages in the customer's
 * Slack threads become "[erased]" first (the case items hold the thread refs, so they are deleted after),
 * then every item of the customer is deleted, then an audit record with no personal data is written.
 * Both are safe to rerun: a half-done erase finishes on the next run.
 */
import type { ActionProposal } from '../actions/model.ts';
import type { Case, CustomerProfile, DeskRef } from '../model.ts';
import type {
  AgentDesk,
  Clock,
  CustomerData,
  CustomerDataStore,
  ErasureAudit,
  ErasureCounts,
  IdGenerator,
} from '../ports.ts';
import { outboundMessageId } from './send-to-customer.ts';

/** An E.164 number (`+` then 8 to 15 digits). */
export const E164 = /^\+[1-9]\d{7,14}$/;

/** Normalizes what an operator types (`+1 (555) 123-4567`, `whatsapp:+1555…`) to E.164, or undefined. */
export function normalizeCustomerNumber(input: string): string | undefined {
  const compact = input
    .trim()
    .replace(/^(?:whatsapp|sms):/i, '')
    .replace(/[\s().-]/g, '');
  return E164.test(compact) ? compact : undefined;
}

/** Everything held about the customer, as one JSON-ready document. */
export interface CustomerExport {
  customerAddress: string;
  exportedAt: string;
  profile: CustomerProfile | null;
  conversations: CustomerData['conversations'];
  messages: CustomerData['messages'];
  lifecycle: CustomerData['lifecycle'];
  cases: Case[];
  providerIds: string[];
  /** The AI's proposed actions on the customer's orders and what agents decided. */
  actionProposals: ActionProposal[];
}

/** Collects everything held about `customerAddress`. */
export async function exportCustomer(
  deps: { customerData: CustomerDataStore; clock: Clock },
  input: { customerAddress: string; scan?: boolean },
): Promise<CustomerExport> {
  const data = await deps.customerData.loadCustomerData(input.customerAddress, { scan: input.scan });
  return {
    customerAddress: data.customerAddress,
    exportedAt: deps.clock.now().toISOString(),
    profile: data.profile ?? null,
    conversations: data.conversations,
    messages: data.messages,
    lifecycle: data.lifecycle,
    cases: data.cases,
    providerIds: data.providerIds,
    actionProposals: data.actionProposals ?? [],
  };
}

/** What an erase did. */
export interface ErasureResult {
  audit: ErasureAudit;
  /** False when no desk was given (e.g. no Slack token): the threads were not touched. */
  deskErased: boolean;
}

/** Erases every item of `customerAddress` and the bot's messages in their desk threads. */
export async function eraseCustomer(
  deps: { customerData: CustomerDataStore; desk?: AgentDesk; clock: Clock; ids?: IdGenerator },
  input: { customerAddress: string; requester: string; scan?: boolean },
): Promise<ErasureResult> {
  const data = await deps.customerData.loadCustomerData(input.customerAddress, { scan: input.scan });
  const threads = deskThreads(data.cases);
  let deskThreadsErased = 0;
  if (deps.desk) {
    for (const ref of threads) {
      await deps.desk.eraseThread(ref);
      deskThreadsErased++;
    }
  }
  const counts: ErasureCounts = await deps.customerData.eraseCustomerData(data, customerOnceKeys(data));
  const audit: ErasureAudit = {
    eraseId: deps.ids?.next('erase') ?? `erase-${globalThis.crypto.randomUUID()}`,
    at: deps.clock.now().toISOString(),
    requester: input.requester,
    counts,
    deskThreads: deskThreadsErased,
  };
  await deps.customerData.recordErasure(audit);
  return { audit, deskErased: deps.desk !== undefined };
}

/** The desk threads (card refs) of the customer's cases, each once. */
function deskThreads(cases: Case[]): DeskRef[] {
  return [...new Set(cases.flatMap((kase) => (kase.deskRef ? [kase.deskRef] : [])))];
}

/**
 * The one-time keys (`claimOnce`) that belong to the customer and can be derived from their messages and
 * cases. Keys that cannot be derived hold no personal data and expire on their own (docs/data-model.md):
 * `slack-event#<event id>`, `slack-action#<action ts><user>`, `slack-view#<view id><user>` (1 hour) and
 * `outbox#agent#<reply desk ref>` (desk ids only; at most 7 days, capped by the retention).
 */
export function customerOnceKeys(data: CustomerData): string[] {
  const keys: string[] = [];
  const messageIds = new Set(data.messages.map((message) => message.messageId));
  const partsOf = new Map(
    data.messages.map((message) => [message.messageId, message.providerIds?.length ?? 0]),
  );
  /** An outbox key, plus one per part when its message was sent split. */
  const outbox = (idempotencyKey: string) => {
    const key = `outbox#${idempotencyKey}`;
    keys.push(key);
    const id = outboundMessageId(idempotencyKey);
    const parts = messageIds.has(id) ? (partsOf.get(id) ?? 0) : 0;
    if (parts > 1) for (let index = 0; index < parts; index++) keys.push(`${key}#${index}`);
  };
  for (const conversation of data.conversations) outbox(`sensitive#${conversation.id}`);
  for (const message of data.messages) {
    keys.push(`forwarded#${message.conversationId}#${message.messageId}`);
    if (message.author !== 'customer') continue;
    // Issue 16: the translation of a message the card showed, and each attachment uploaded to the thread.
    keys.push(`translated#${message.conversationId}#${message.messageId}`);
    for (let index = 0; index < (message.media?.length ?? 0); index++) {
      keys.push(`forwarded-media#${message.conversationId}#${message.messageId}#${index}`);
    }
    for (const purpose of ['reply', 'help', 'survey']) outbox(`${purpose}#${message.messageId}`);
    outbox(`agent#suggestion-${message.messageId}`);
    // Thread posts the notifier made for this message (desk jobs: suggestion, opt-out/in note).
    for (const post of [
      `suggestion-${message.messageId}`,
      `opt-out#${message.messageId}`,
      `opt-in#${message.messageId}`,
    ])
      keys.push(`thread-post#${post}`);
  }
  for (const kase of data.cases) {
    keys.push(`card#${kase.caseId}`, `card-attempt#${kase.caseId}`, `thread#${kase.caseId}`);
    for (const purpose of ['escalated', 'closing', 'wait']) outbox(`${purpose}#${kase.caseId}`);
  }
  return keys;
}
