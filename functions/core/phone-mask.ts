/**
 * How a customer's phone number appears wherever a person or a log sees it without needing it (Slack
 * cards, log lines): the first two characters and the last four, `+15551234567` → `+1•••••4567`.
 */

import { WHATSAPP_PREFIX } from './model.ts';

/**
 * Masks a phone number: `+15551234567` → `+1•••••4567`; a number of 6 characters or fewer is hidden whole
 * (`•••`). A `whatsapp:` prefix is dropped, or kept with `keepChannelPrefix` (log lines name the channel).
 */
export function maskPhoneNumber(address: string, options: { keepChannelPrefix?: boolean } = {}): string {
  const whatsapp = address.startsWith(WHATSAPP_PREFIX);
  const number = whatsapp ? address.slice(WHATSAPP_PREFIX.length) : address;
  const prefix = whatsapp && options.keepChannelPrefix ? WHATSAPP_PREFIX : '';
  if (number.length <= 6) return `${prefix}•••`;
  return `${prefix}${number.slice(0, 2)}•••••${number.slice(-4)}`;
}
