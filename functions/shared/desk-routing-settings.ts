/**
 * The desk's routing settings (issue 16): ordered rules that send each escalation to a Slack channel (and
 * optionally an agent group, with auto-assignment), a default channel, and per-channel SLA and mention
 * group. Part of the business settings (`routing`); `DESK_ROUTING` (JSON, same schema) replaces it per stage,
 * since Slack channel ids differ between workspaces. Checked once at cold start.
 */
import * as z from 'zod/mini';
import { ESCALATION_REASONS } from '../core/model.ts';
import './zod-english.ts';

const slackChannelId = z.string().check(z.regex(/^[CG][A-Z0-9]+$/, 'expected a Slack channel id (C…)'));
const userGroupId = z.string().check(z.regex(/^S[A-Z0-9]+$/, 'expected a Slack user group id (S…)'));
const languageCode = z
  .string()
  .check(z.regex(/^[a-z]{2}$/, 'expected a two-letter ISO 639-1 code such as en or es'));
/** An optional list of at least one item. */
const someOf = <T extends z.ZodMiniType>(item: T) => z.optional(z.array(item).check(z.minLength(1)));
const positiveInt = () => z.number().check(z.int(), z.positive());

/** What a route matches; every given condition must hold (an empty match matches every escalation). */
const routeMatchSchema = z.strictObject({
  reasons: someOf(z.enum(ESCALATION_REASONS)),
  priorities: someOf(z.enum(['low', 'normal', 'high', 'urgent'])),
  /** The conversation's language (ISO 639-1). */
  languages: someOf(languageCode),
  channels: someOf(z.enum(['whatsapp', 'sms'])),
  /** Customer facts that must all be present with these values (case-insensitive), e.g. `{ tier: 'vip' }`. */
  facts: z.optional(z.record(z.string().check(z.minLength(1)), z.string().check(z.minLength(1)))),
  /** Only during (`open`) or outside (`closed`) business hours. */
  hours: z.optional(z.enum(['open', 'closed'])),
});

/** Auto-assignment of a route's cases to the available agent of its group with the fewest open cases. */
const autoAssignSchema = z.strictObject({
  /** Open cases (claimed or assigned) an agent may hold; at capacity they get no more. */
  capacity: z._default(positiveInt(), 3),
  /** Minutes the assigned agent has to claim before the case goes to the next agent. */
  ackMinutes: z._default(positiveInt(), 5),
});

const routeSchema = z
  .strictObject({
    /** A short name (shown on the App Home and recorded on the case). */
    name: z
      .string()
      .check(z.regex(/^[a-z0-9][a-z0-9_-]{0,39}$/, 'expected a short lowercase name (a-z, 0-9, _ or -)')),
    match: z._default(routeMatchSchema, {}),
    /** Where the card goes. */
    channel: slackChannelId,
    /** The agents of this route (mentioned on a new card; the pool auto-assign picks from). */
    agentGroup: z.optional(userGroupId),
    autoAssign: z.optional(autoAssignSchema),
  })
  .check(
    z.refine((route) => !route.autoAssign || route.agentGroup, {
      message: 'autoAssign needs agentGroup (the agents it assigns to)',
      path: ['autoAssign'],
    }),
  );

/** Per desk channel: its own SLA minutes and mention group (else `sla`'s). */
const deskChannelSchema = z.strictObject({
  reminderMinutes: z.optional(positiveInt()),
  escalateMinutes: z.optional(positiveInt()),
  /** Mentioned on the SLA's second step, e.g. `<!subteam^S123>`. */
  mentionGroup: z.optional(z.string().check(z.minLength(1))),
});

/** Schema of `routing`. */
export const deskRoutingSchema = z
  .strictObject({
    /** Cards no route matches go here. @default SLACK_ESCALATION_CHANNEL (its first channel) */
    defaultChannel: z.optional(slackChannelId),
    /** Ordered: the first route whose `match` holds wins. */
    routes: z._default(z.array(routeSchema), []),
    /** SLA and mention group per channel id. */
    channels: z._default(z.record(slackChannelId, deskChannelSchema), {}),
  })
  .check(
    z.superRefine((routing, ctx) => {
      const seen = new Set<string>();
      routing.routes.forEach((route, index) => {
        if (seen.has(route.name)) {
          ctx.addIssue({
            code: 'custom',
            path: ['routes', index, 'name'],
            message: `duplicate route ${route.name}`,
          });
        }
        seen.add(route.name);
      });
    }),
  );

/** Validated routing settings. */
export type DeskRoutingSettings = z.infer<typeof deskRoutingSchema>;

/** The default `routing`: every card to the default channel. */
export const NO_ROUTING: DeskRoutingSettings = { routes: [], channels: {} };

/** Parses `DESK_ROUTING` (JSON), naming each bad field; throws a start-up error. */
export function parseDeskRoutingJson(raw: string): DeskRoutingSettings {
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    throw new Error('invalid configuration: DESK_ROUTING is not valid JSON');
  }
  const result = deskRoutingSchema.safeParse(value);
  if (!result.success) {
    const problems = result.error.issues.map((issue) => `routing.${issue.path.join('.')}: ${issue.message}`);
    throw new Error(`invalid configuration: DESK_ROUTING: ${problems.join('; ')}`);
  }
  return result.data;
}
