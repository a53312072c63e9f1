/**
 * The identity check before any action on an order: the order's phone must be the sender's number, or the
 * customer must have given the email on file. Anything else (no order, another customer's order, an
 * answer without those fields) is `not_verified`, and the order is never described.
 */

/** Who is asking: the sender's number (E.164) and the emails they wrote in this conversation. */
export interface Requester {
  customerAddress: string;
  emails: readonly string[];
}

/** Digits only, so `+1 (555) 000-1187` and `+15550001187` compare equal. */
function digits(phone: string): string {
  return phone.replace(/\D/g, '');
}

/** True when `order` belongs to `requester` by phone or by email on file. */
export function ownsOrder(
  order: unknown,
  requester: Requester,
  fields: { phoneField: string; emailField: string },
): boolean {
  if (!order || typeof order !== 'object') return false;
  const record = order as Record<string, unknown>;
  const phone = record[fields.phoneField];
  if (typeof phone === 'string' && digits(phone).length >= 7) {
    if (digits(phone) === digits(requester.customerAddress)) return true;
  }
  const email = record[fields.emailField];
  if (typeof email === 'string' && email.includes('@')) {
    const onFile = email.trim().toLowerCase();
    return requester.emails.some((given) => given.trim().toLowerCase() === onFile);
  }
  return false;
}

const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/g;

/** The email addresses in the customer's own messages (raw text: the prompt only ever sees them redacted). */
export function emailsIn(texts: readonly string[]): string[] {
  return [...new Set(texts.flatMap((text) => text.match(EMAIL) ?? []))];
}
