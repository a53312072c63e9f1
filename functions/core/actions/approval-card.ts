/**
 * The approval card's text (plain text; the desk adapter escapes it and adds the Approve / Edit / Deny
 * buttons): the action and its arguments, the customer, what the order API says, the AI's reason.
 */
import { maskPhoneNumber } from '../phone-mask.ts';
import type { ActionProposal } from './model.ts';

function show(value: unknown): string {
  if (typeof value === 'number') return Number.isInteger(value) ? String(value) : value.toFixed(2);
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) {
    return value
      .map((item) => {
        const line = item as { name?: unknown; quantity?: unknown; price?: unknown };
        return line && typeof line === 'object' && 'name' in line
          ? `${show(line.quantity ?? 1)}× ${show(line.name)}${line.price !== undefined ? ` (${show(line.price)})` : ''}`
          : show(item);
      })
      .join(', ');
  }
  return JSON.stringify(value);
}

/** The approval card for `proposal`; `heading` says what happened (proposed, edited). */
export function approvalCardText(
  proposal: ActionProposal,
  customer: { address: string; name?: string },
  heading = '🛠️ Approval needed',
): string {
  const args = Object.entries(proposal.input)
    .map(([field, value]) => `• ${field}: ${show(value)}`)
    .join('\n');
  const order = proposal.order
    ? Object.entries(proposal.order)
        .map(([field, value]) => `${field}: ${show(value)}`)
        .join(' · ')
    : 'not looked up';
  return [
    `${heading}: ${proposal.action}`,
    args,
    `Customer: ${customer.name ? `${customer.name} ` : ''}${maskPhoneNumber(customer.address)} (identity checked against the order)`,
    `Order API: ${order}`,
    `AI's reason: ${proposal.reason}`,
    'Approve runs it once; Edit changes the arguments; Deny tells the customer (with your reason, if you give one).',
  ].join('\n');
}

/** One line naming the action and its arguments, for thread notices. */
export function actionLine(proposal: Pick<ActionProposal, 'action' | 'input'>): string {
  const args = Object.entries(proposal.input)
    .filter(([field]) => field !== 'reason')
    .map(([field, value]) => `${field} ${show(value)}`)
    .join(', ');
  return `${proposal.action} (${args})`;
}
