/**
 * Structured logging (Powertools Logger). Message bodies and phone numbers never reach the logs
 * unmasked: use `maskAddress` and `maskText` for anything a customer wrote or is.
 */
import { Logger } from '@aws-lambda-powertools/logger';
import { redactPii } from '../core/guardrails/pii.ts';
import { conversationIdOf, conversationKeyOf } from '../core/model.ts';
import { maskPhoneNumber } from '../core/phone-mask.ts';

/**
 * Last line of defence: every string in every log line (error messages from providers included, which can
 * quote a phone number) goes through the PII redactor.
 */
export function redactLogValue(_key: string, value: unknown): unknown {
  return typeof value === 'string' && /\d{4}|@/.test(value) ? redactPii(value).text : value;
}

/** The one logger; handlers add Lambda context with `injectLambdaContext`. */
export const logger = new Logger({
  serviceName: 'tandem',
  logLevel: (process.env.LOG_LEVEL as 'INFO' | undefined) ?? (process.env.VITEST ? 'SILENT' : 'INFO'),
  jsonReplacerFn: redactLogValue,
});

/** `+15551234567` → `+1•••••4567`; keeps the `whatsapp:` prefix. */
export function maskAddress(address: string | undefined): string {
  return address ? maskPhoneNumber(address, { keepChannelPrefix: true }) : '';
}

/**
 * A conversation id (`whatsapp|+15551234567|+15550100000`) with the customer's number masked
 * (`whatsapp|+1•••••4567|+15550100000`): log lines name the conversation without exposing the customer.
 */
export function maskConversationId(conversationId: string | undefined): string {
  if (!conversationId) return '';
  const key = conversationKeyOf(conversationId);
  // Not a conversation id: masked whole (first two and last four characters).
  if (!key) return maskAddress(conversationId);
  return conversationIdOf({ ...key, customerAddress: maskAddress(key.customerAddress) });
}

/** A message body reduced to its length: bodies are never logged. */
export function maskText(text: string | undefined): string {
  return text === undefined ? '' : `[${text.length} chars]`;
}
