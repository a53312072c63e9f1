/**
 * The actions schema: what the AI may do on the business's own systems (`config/actions.ts`), checked
 * once at cold start. Each action has a name and a description for the model, an input schema, the HTTP
 * request against the business API (`BUSINESS_API_URL`), whether a person must approve it, and what the
 * customer is told when it is proposed, succeeds, fails or is denied, per language.
 */
import * as z from 'zod/mini';
import './zod-english.ts';

const name = z.string().check(z.regex(/^[a-z][a-z0-9_]{1,63}$/, 'expected a snake_case name'));
const text = z.string().check(z.minLength(1));
/** A customer text per language (`en` required); `{{field}}` placeholders are filled from the input and result. */
const localized = z
  .record(z.string().check(z.regex(/^[a-z]{2}$/)), text)
  .check(z.refine((value) => typeof value.en === 'string', 'an `en` text is required'));
/** A path starting with `/`. */
const path = (message?: string) => z.string().check(z.regex(/^\//, message));

/** One input field of an action. */
const fieldSchema = z.object({
  type: z.enum(['string', 'number']),
  description: text,
  /** @default true */
  required: z._default(z.boolean(), true),
  /** Strings: the pattern the value must match (anchored). Numbers: see `min`. */
  pattern: z.optional(z.string()),
  /** Numbers: the smallest accepted value (exclusive of 0 when 0 is given: amounts). */
  min: z.optional(z.number()),
  maxLength: z._default(z.number().check(z.int(), z.positive()), 200),
});

/** The HTTP request an action makes. `{field}` in the path is the URL-encoded input field. */
const requestSchema = z.object({
  method: z.enum(['GET', 'POST']),
  path: path('expected a path starting with /'),
  /** Input fields sent as the JSON body (POST). */
  body: z._default(z.array(z.string()), []),
  /** Adds `idempotencyKey` (the proposal id) to the JSON body, so a retry or a second click never repeats it. */
  idempotencyKey: z._default(z.boolean(), false),
});

/** One action the AI may call. */
export const actionSchema = z.object({
  name,
  description: text,
  input: z.record(z.string().check(z.regex(/^[a-z][a-z0-9_]*$/)), fieldSchema),
  request: requestSchema,
  /** `agent`: a person approves it in the Slack thread first. */
  approval: z.enum(['none', 'agent']),
  /** The input field holding an order id: the customer's identity is checked against that order first. */
  orderField: z.optional(z.string()),
  /** Fields of the API's answer the model may see (the rest, e.g. phone and email, never reach it). */
  resultFields: z._default(z.array(z.string()), []),
  messages: z.object({
    /** Told to the customer when a person must approve first. */
    proposed: z.optional(localized),
    succeeded: localized,
    failed: localized,
    /** Told to the customer when an agent denies it; `{{reason}}` is the agent's reason (may be empty). */
    denied: z.optional(localized),
  }),
});

/** The whole actions file. */
export const actionsConfigSchema = z
  .object({
    /** Actions on; without a business API URL the worker offers none. @default true */
    enabled: z._default(z.boolean(), true),
    /** How an order's owner is checked: the lookup request and the fields holding the owner's phone and email. */
    identity: z.object({
      lookup: z.object({ method: z.literal('GET'), path: path() }),
      phoneField: z.string().check(z.minLength(1)),
      emailField: z.string().check(z.minLength(1)),
    }),
    /**
     * Refunds at or below `escalation.refundLimit` run without approval (the action named here, its
     * `amount` input). The sample keeps approval on.
     */
    autoApproveRefunds: z._default(
      z.object({ enabled: z.boolean(), action: z.string(), amountField: z._default(z.string(), 'amount') }),
      { enabled: false, action: 'refund_order', amountField: 'amount' },
    ),
    actions: z.array(actionSchema).check(z.maxLength(20)),
  })
  .check(
    z.superRefine((config, ctx) => {
      const names = new Set<string>();
      for (const [index, action] of config.actions.entries()) {
        if (names.has(action.name)) {
          ctx.addIssue({
            code: 'custom',
            path: ['actions', index, 'name'],
            message: 'duplicate action name',
          });
        }
        names.add(action.name);
        if (action.approval === 'agent' && !action.messages.proposed) {
          ctx.addIssue({
            code: 'custom',
            path: ['actions', index, 'messages', 'proposed'],
            message: 'an action that needs approval must say what the customer is told meanwhile',
          });
        }
        for (const placeholder of action.request.path.match(/\{([a-z0-9_]+)\}/g) ?? []) {
          const field = placeholder.slice(1, -1);
          if (!action.input[field]) {
            ctx.addIssue({
              code: 'custom',
              path: ['actions', index, 'request', 'path'],
              message: `{${field}} is not an input field`,
            });
          }
        }
        for (const field of action.request.body) {
          if (!action.input[field]) {
            ctx.addIssue({
              code: 'custom',
              path: ['actions', index, 'request', 'body'],
              message: `${field} is not an input field`,
            });
          }
        }
        if (action.orderField && !action.input[action.orderField]) {
          ctx.addIssue({
            code: 'custom',
            path: ['actions', index, 'orderField'],
            message: `${action.orderField} is not an input field`,
          });
        }
      }
    }),
  );

/** The validated actions configuration. */
export type ActionsConfig = z.infer<typeof actionsConfigSchema>;
/** One validated action declaration. */
export type ActionDeclaration = z.infer<typeof actionSchema>;
/** One validated input field. */
export type ActionField = z.infer<typeof fieldSchema>;

/** Parses the actions file; a bad value stops start-up with a message naming it. */
export function parseActionsConfig(source: unknown): ActionsConfig {
  const result = actionsConfigSchema.safeParse(source);
  if (!result.success) {
    const problems = result.error.issues.map((issue) => `actions.${issue.path.join('.')}: ${issue.message}`);
    throw new Error(`invalid configuration: ${problems.join('; ')}`);
  }
  return result.data;
}
