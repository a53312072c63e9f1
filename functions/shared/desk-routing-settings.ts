/**
 * The desk's routing settings (issue 16): ordered rules that send each escalation to a Slack channel (and
 * optionally an agent group, with auto-assignment), a default channel, and per-channel SLA and mention
 * group. Part of the business settings (`routing`); `DESK_ROUTING` (JSON, same schema) replaces it per stage,
 * since Slack channel ids differ between workspaces. Checked once at cold start.
 */
import * as z from 'zod';
import { ESCALATION_REASONS } from '../core/model.ts';

const slackChannelId = z.string().regex(/^[CG][A-Z0-9]+$/, 'expected a Slack channel id (C…)');
const userGroupId = z.string().regex(/^S[A-Z0-9]+$/, 'expected a Slack user group id (S…)');
const languageCode = z.string().regex(/^[a-z]{2}$/, 'expected a two-letter ISO 639-1 code such as en or es');

/** What a route matches; every given condition must hold (an empty match matches every escalation). */
const routeMatchSchema = z.strictObject({
  reasons: z.array(z.enum(ESCALATION_REASONS)).min(1).optional(),
  priorities: z
    .array(z.enum(['low', 'normal', 'high', 'urgent']))
    .min(1)
    .optional(),
  /** The conversation's language (ISO 639-1). */
  languages: z.array(languageCode).min(1).optional(),
  channels: z
    .array(z.enum(['whatsapp', 'sms']))
    .min(1)
    .optional(),
  /** Customer facts that must all be present with these values (case-insensitive), e.g. `{ tier: 'vip' }`. */
  facts: z.record(z.string().min(1), z.string().min(1)).optional(),
  /** Only during (`open`) or outside (`closed`) business hours. */
  hours: z.enum(['open', 'closed']).optional(),
});

/** Auto-assignment of a route's cases to the available agent of its group with the fewest open cases. */
const autoAssignSchema = z.strictObject({
  /** Open cases (claimed or assigned) an agent may hold; at capacity they get no more. */
  capacity: z.number().int().positive().default(3),
  /** Minutes the assigned agent has to claim before the case goes to the next agent. */
  ackMinutes: z.number().int().positive().default(5),
});

const routeSchema = z
  .strictObject({
    /** A short name (shown on the App Home and recorded on the case). */
    name: z
      .string()
      .regex(/^[a-z0-9][a-z0-9_-]{0,39}$/, 'expected a short lowercase name (a-z, 0-9, _ or -)'),
    match: routeMatchSchema.default({}),
    /** Where the card goes. */
    channel: slackChannelId,
    /** The agents of this route (mentioned on a new card; the pool auto-assign picks from). */
    agentGroup: userGroupId.optional(),
    autoAssign: autoAssignSchema.optional(),
  })
  .refine((route) => !route.autoAssign || route.agentGroup, {
    message: 'autoAssign needs agentGroup (the agents it assigns to)',
    path: ['autoAssign'],
  });

/** Per desk channel: its own SLA minutes and mention group (else `sla`'s). */
const deskChannelSchema = z.strictObject({
  reminderMinutes: z.number().int().positive().optional(),
  escalateMinutes: z.number().int().positive().optional(),
  /** Mentioned on the SLA's second step, e.g. `<!subteam^S123>`. */
  mentionGroup: z.string().min(1).optional(),
});

/** Schema of `routing`. */
export const deskRoutingSchema = z
  .strictObject({
    /** Cards no route matches go here. @default SLACK_ESCALATION_CHANNEL (its first channel) */
    defaultChannel: slackChannelId.optional(),
    /** Ordered: the first route whose `match` holds wins. */
    routes: z.array(routeSchema).default([]),
    /** SLA and mention group per channel id. */
    channels: z.record(slackChannelId, deskChannelSchema).default({}),
  })
  .superRefine((routing, ctx) => {
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
  });

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
