/**
 * Pure parts of an action call: checking the model's (or an agent's) input against the declaration, the
 * HTTP request it makes, the customer texts with their placeholders filled, and what of the API's answer
 * the model may see.
 */
import type { ActionDeclaration, ActionsConfig } from '#shared/actions-config.ts';
import type { ActionInput, BusinessRequest } from './model.ts';

/** The input checked against the declaration, or why it is refused (for the model or the agent). */
export type InputCheck = { ok: true; input: ActionInput } | { ok: false; problem: string };

/** Checks and normalises `raw` against `declaration.input` (unknown fields dropped, numbers coerced). */
export function checkActionInput(declaration: ActionDeclaration, raw: Record<string, unknown>): InputCheck {
  const input: ActionInput = {};
  for (const [field, spec] of Object.entries(declaration.input)) {
    const value = raw[field];
    const absent = value === undefined || value === null || (typeof value === 'string' && !value.trim());
    if (absent) {
      if (spec.required) return { ok: false, problem: `${field} is required` };
      continue;
    }
    if (spec.type === 'number') {
      const number = typeof value === 'number' ? value : Number(String(value).replace(/[^\d.-]/g, ''));
      if (!Number.isFinite(number)) return { ok: false, problem: `${field} must be a number` };
      if (spec.min !== undefined && number <= spec.min) {
        return { ok: false, problem: `${field} must be more than ${spec.min}` };
      }
      input[field] = Math.round(number * 100) / 100;
      continue;
    }
    const text = String(value).trim().slice(0, spec.maxLength);
    if (spec.pattern && !new RegExp(`^(?:${spec.pattern})$`).test(text)) {
      return { ok: false, problem: `${field} is not valid` };
    }
    input[field] = text;
  }
  return { ok: true, input };
}

/** The HTTP request of an action; `idempotencyKey` is added to the body when the declaration asks for it. */
export function buildRequest(
  declaration: Pick<ActionDeclaration, 'request'>,
  input: ActionInput,
  idempotencyKey?: string,
): BusinessRequest {
  const path = declaration.request.path.replace(/\{([a-z0-9_]+)\}/g, (_, field: string) =>
    encodeURIComponent(String(input[field] ?? '')),
  );
  if (declaration.request.method === 'GET') return { method: 'GET', path };
  const body: Record<string, unknown> = {};
  for (const field of declaration.request.body) if (input[field] !== undefined) body[field] = input[field];
  if (declaration.request.idempotencyKey && idempotencyKey) body.idempotencyKey = idempotencyKey;
  return { method: 'POST', path, body };
}

/** The lookup request of the identity check for an order id. */
export function identityRequest(config: ActionsConfig, orderId: string): BusinessRequest {
  return buildRequest(
    { request: { ...config.identity.lookup, body: [], idempotencyKey: false } },
    {
      order_id: orderId,
    },
  );
}

/** Only the listed fields of an API answer (the owner's phone and email never reach the model or the card). */
export function pickFields(body: unknown, fields: readonly string[]): Record<string, unknown> {
  if (!body || typeof body !== 'object') return {};
  const source = body as Record<string, unknown>;
  const picked: Record<string, unknown> = {};
  for (const field of fields) if (source[field] !== undefined) picked[field] = source[field];
  return picked;
}

/** Flat string/number values of an answer, for message placeholders. */
export function flatValues(record: Record<string, unknown>): Record<string, string | number> {
  const flat: Record<string, string | number> = {};
  for (const [key, value] of Object.entries(record)) {
    if (typeof value === 'string' || typeof value === 'number') flat[key] = value;
  }
  return flat;
}

/**
 * A customer text of the action in `language` (else English), `{{field}}` filled from `values`; a
 * placeholder without a value becomes empty and the spacing is tidied.
 */
export function actionText(
  texts: Record<string, string> | undefined,
  language: string | undefined,
  values: Record<string, string | number | undefined>,
): string {
  if (!texts) return '';
  const template = (language && texts[language]) || texts.en || '';
  return template
    .replace(/\{\{([a-zA-Z0-9_]+)\}\}/g, (_, key: string) => {
      const value = values[key];
      return typeof value === 'number' ? value.toFixed(Number.isInteger(value) ? 0 : 2) : (value ?? '');
    })
    .replace(/\s+([.,])/g, '$1')
    .replace(/\s{2,}/g, ' ')
    .trim();
}
