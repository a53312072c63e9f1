/**
 * The business settings schema: brand, persona, hours, SLA, escalation rules, languages and customer
 * messages, templates, model.
 * The values live in `config/business.ts` (commented sample); they are checked once at cold start.
 */

import * as z from 'zod/mini';
import { deskRoutingSchema, NO_ROUTING } from './desk-routing-settings.ts';
import { isKnownLanguageCode, isTimeZone } from './intl-names.ts';
import { DEFAULT_RETENTION_DAYS } from './retention.ts';
import './zod-english.ts';

/**
 * Default relevance floor of retrieved passages. On the generated knowledge base's tuning split
 * (`bench/knowledge.bench.ts`), answerable questions' best hits scored 35 or more, and off-topic
 * questions matching only a common word 7 or less; 8 is the lowest floor that drops the latter.
 */
const MIN_SCORE_DEFAULT = 8;

const hhmm = z.string().check(z.regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'expected HH:MM'));
const day = z.nullable(z.object({ open: hhmm, close: hhmm }));

const languageCode = z
  .string()
  .check(
    z.regex(/^[a-z]{2}$/, 'expected a two-letter ISO 639-1 code such as en or es'),
    z.refine(isKnownLanguageCode, 'unknown language code'),
  );

const text = z.string().check(z.minLength(1));
/** A positive whole number, `fallback` when absent. */
const count = (fallback: number) => z._default(z.number().check(z.int(), z.positive()), fallback);
/** A list of non-empty strings, empty when absent. */
const texts = () => z._default(z.array(z.string().check(z.minLength(1))), []);

/** The customer-facing texts, all required (the shape of a complete translation). */
const customerMessagesShape = {
  help: text,
  escalated: text,
  /** `{{reopens}}` becomes when people are back, phrased with `reopensToday` / `reopensTomorrow` / `reopensOn`. */
  escalatedAfterHours: text,
  waitNotice: text,
  closing: text,
  /** Absent: no satisfaction survey after a resolution. */
  satisfactionQuestion: z.optional(text),
  satisfactionThanks: text,
  attachmentUnsupported: text,
  modelUnavailable: text,
  selfHarmSafety: text,
  abuseBoundary: text,
  injectionRefusal: text,
  fallback: text,
  /** Sent once per conversation after a card number, SSN or IBAN was removed from a customer message. */
  sensitiveDataRemoved: text,
  /** `{{reopens}}` when people are back later today; `{{time}}` is the opening time (HH:MM). */
  reopensToday: text,
  /** `{{reopens}}` when people are back tomorrow. */
  reopensTomorrow: text,
  /** `{{reopens}}` on a later day; `{{day}}` is the weekday's name in the message's language. */
  reopensOn: text,
  /** `{{reopens}}` when no opening hours are configured at all. */
  reopensSoon: text,
};
const customerMessagesSchema = z.object({
  ...customerMessagesShape,
  sensitiveDataRemoved: z._default(
    text,
    "For your safety, please don't send card numbers, social security numbers or bank account numbers here. I've removed it from this chat.",
  ),
  reopensToday: z._default(text, 'today at {{time}}'),
  reopensTomorrow: z._default(text, 'tomorrow at {{time}}'),
  reopensOn: z._default(text, 'on {{day}} at {{time}}'),
  reopensSoon: z._default(text, 'soon'),
});
const whatsappTemplate = z.object({
  contentSid: z.string().check(z.regex(/^HX[0-9a-fA-F]{32}$/, 'expected a Twilio Content SID (HX…)')),
  /** Template variables; `{{name}}` and `{{brand}}` are filled in. */
  variables: z._default(z.record(z.string(), z.string()), {}),
});

/** A translation: any of the texts (completeness is checked against `messages`); unknown keys are refused. */
const translationSchema = z.partial(z.strictObject(customerMessagesShape));

/** The settings' fields; `businessSettingsSchema` adds the checks across fields. */
const settingsFields = z.object({
  brand: z.string().check(z.minLength(1)),
  /** How the AI speaks: a few sentences, in the business's voice. */
  persona: z.string().check(z.minLength(1)),
  /** Policies the AI must follow, one per line. */
  policies: texts(),
  hours: z.object({
    /** IANA time zone, e.g. `America/New_York`. */
    timeZone: z
      .string()
      .check(z.minLength(1), z.refine(isTimeZone, 'expected an IANA time zone such as America/New_York')),
    /** Opening hours per weekday (0 = Sunday); `null` = closed. */
    week: z.tuple([day, day, day, day, day, day, day]),
  }),
  sla: z.object({
    /** Minutes unclaimed before a reminder in the thread. */
    reminderMinutes: count(5),
    /** Minutes unclaimed before the user group is mentioned and priority bumped. */
    escalateMinutes: count(15),
    /** Slack user group mentioned on the second step, e.g. `<!subteam^S123>`. */
    mentionGroup: z.optional(z.string().check(z.minLength(1))),
    /** Minutes without activity after which an AI conversation is resolved automatically. */
    idleResolveMinutes: count(60 * 24),
  }),
  escalation: z.object({
    /** Intents that always go to a person. */
    alwaysEscalateIntents: z._default(z.array(z.enum(['cancellation', 'refund'])), ['cancellation']),
    /** Refunds above this amount go to a person. */
    refundLimit: z._default(z.number().check(z.nonnegative()), 100),
    /** Escalate when a message's sentiment is at or below this score (-1..1). */
    negativeSentimentThreshold: z._default(z.number().check(z.minimum(-1), z.maximum(0)), -0.5),
    /** Offer a person when the customer sends an attachment. */
    escalateOnAttachment: z._default(z.boolean(), true),
    /**
     * Escalations by the input guardrails for these reasons still get the AI's answer when the knowledge
     * base covers the question ("what time can I call you?", "how do I cancel an order?"): the customer
     * reads it while a person is brought in (never a refund over the limit). Safety, medical, legal, fraud,
     * self-harm, abuse and injection hand-overs never carry one.
     */
    answerAlongside: z._default(z.array(z.enum(['customer_request', 'business_rule'])), [
      'customer_request',
      'business_rule',
    ]),
  }),
  /** Thread replies starting with this prefix stay internal. */
  notePrefix: z._default(z.string().check(z.minLength(1)), 'note:'),
  /** Who may act at the desk (Slack). Without `agents`, every member of the installing workspace may. */
  desk: z._default(
    z.object({
      /**
       * Optional agent allowlist: Slack user ids (`U…`/`W…`) and/or one user group id (`S…`) whose members
       * may claim, resolve, reply and send. Others get an ephemeral saying so.
       */
      agents: z.optional(
        z.object({
          userIds: z._default(
            z.array(z.string().check(z.regex(/^[UW][A-Z0-9]+$/, 'expected a Slack user id (U…)'))),
            [],
          ),
          userGroup: z.optional(
            z.string().check(z.regex(/^S[A-Z0-9]+$/, 'expected a Slack user group id (S…)')),
          ),
        }),
      ),
    }),
    {},
  ),
  /** Desk routing: which Slack channel (and agent group) gets each escalation (`desk-routing-settings.ts`). */
  routing: z._default(deskRoutingSchema, NO_ROUTING),
  /** What Tandem may remember about a customer (`remember_customer_fact`). */
  customerFacts: z._default(
    z.object({
      /** The only fact keys the AI may store (snake_case). */
      allowedKeys: z._default(
        z.array(z.string().check(z.regex(/^[a-z][a-z0-9_]{0,39}$/, 'expected a snake_case key'))),
        ['preferred_name', 'language', 'clothing_size', 'preferred_contact_time'],
      ),
      /** Facts kept per customer; storing one more replaces the oldest. */
      maxFacts: count(8),
      /** Longest fact value, in characters. */
      maxValueChars: count(80),
    }),
    {
      allowedKeys: ['preferred_name', 'language', 'clothing_size', 'preferred_contact_time'],
      maxFacts: 8,
      maxValueChars: 80,
    },
  ),
  /** How long Tandem keeps what it stores. */
  retention: z._default(
    z.object({
      /**
       * Days after which messages, cases, lifecycle events and dedupe keys expire (DynamoDB TTL), and
       * profiles and conversations this long after the customer's last contact.
       */
      days: count(DEFAULT_RETENTION_DAYS),
    }),
    { days: DEFAULT_RETENTION_DAYS },
  ),
  /**
   * Global ceilings per deployment and per clock hour (UTC). Crossing one stops the AI: conversations
   * escalate with reason `budget_exceeded`, and the `BudgetCeilingCrossed` metric raises an alarm.
   */
  ceilings: z._default(
    z.object({
      /** Model tokens (input + output + cache reads and writes) per hour, all conversations together. */
      modelTokensPerHour: count(2_000_000),
      /** Outbound messages (AI, agents, system) per hour, all conversations together. */
      outboundMessagesPerHour: count(5_000),
    }),
    { modelTokensPerHour: 2_000_000, outboundMessagesPerHour: 5_000 },
  ),
  /**
   * The languages Tandem serves. Each customer message is checked against `supported` (the conversation
   * keeps its language when a message is too short to tell); new customers start in `default`.
   */
  languages: z._default(
    z.object({
      /** The language of `messages`, and of customers whose language is not known yet. */
      default: z._default(languageCode, 'en'),
      /** Every language customers are answered in; must include `default`. */
      supported: z._default(z.array(languageCode).check(z.minLength(1)), ['en']),
      /** The agents' language: what the AI writes for the desk (escalation summaries) is in it. */
      desk: z._default(languageCode, 'en'),
    }),
    { default: 'en', supported: ['en'], desk: 'en' },
  ),
  /** Every fixed text sent to customers, in the default language (`languages.default`). */
  messages: customerMessagesSchema,
  /**
   * The same texts in each other supported language, keyed by language code. A language in
   * `languages.supported` must have every text `messages` has (checked at start-up).
   */
  translations: z._default(z.record(languageCode, translationSchema), {}),
  whatsapp: z.object({
    /** Approved template sent outside the 24-hour window (in the default language). */
    reopenTemplate: whatsappTemplate,
    /**
     * The approved template in other supported languages, by language code (WhatsApp approves one
     * template per language). A language without one gets `reopenTemplate`.
     */
    reopenTemplates: z._default(z.record(languageCode, whatsappTemplate), {}),
  }),
  guardrails: z.object({
    maxInputChars: count(2000),
    maxReplyChars: count(1200),
    allowedLinkHosts: texts(),
    forbiddenPhrases: texts(),
    modelCallsPerHour: count(30),
    tokensPerConversation: count(200_000),
    /** Longest profile name (WhatsApp ProfileName) used; longer names are cut to this. */
    maxProfileNameChars: count(60),
  }),
  model: z.object({
    /** Anthropic model id (or Bedrock model id with provider bedrock). */
    id: z._default(z.string().check(z.minLength(1)), 'claude-haiku-4-5'),
    maxTokens: count(400),
    timeoutMs: count(10_000),
    /** Turns kept verbatim in the prompt; older ones are summarized. */
    recentTurns: count(8),
  }),
  /**
   * How much of the knowledge base goes into a prompt. A knowledge base within `promptTokenBudget`
   * is rendered whole into the cached system prefix; a larger one is searched per customer message,
   * and only the best passages (at most `topK`, within the same budget) go into the prompt.
   */
  knowledge: z._default(
    z.object({
      /** Knowledge tokens a prompt may carry (estimated as characters / 4). */
      promptTokenBudget: count(6000),
      /** Passages retrieved per customer message when the knowledge base is over the budget. */
      topK: z._default(z.number().check(z.int(), z.minimum(1), z.maximum(20)), 5),
      /**
       * Least search score (minisearch BM25, see `core/knowledge.ts`) for a passage to count as
       * relevant; when none reaches it, the prompt says no reference matched.
       */
      minScore: z._default(z.number().check(z.nonnegative()), MIN_SCORE_DEFAULT),
    }),
    { promptTokenBudget: 6000, topK: 5, minScore: MIN_SCORE_DEFAULT },
  ),
  metrics: z.object({
    /** A customer coming back within this many hours reopens an AI resolution. */
    reopenWindowHours: z._default(z.number().check(z.positive()), 24),
  }),
});

/** Schema of the business settings file. */
export const businessSettingsSchema = settingsFields.check(z.superRefine(checkLanguages));

/**
 * Languages and translations agree: the default is served, translations exist only for served languages,
 * and each served language has every text the default has. A missing text is an error, not a silent
 * fallback, so a customer never gets one message of a conversation in another language.
 */
function checkLanguages(
  settings: {
    languages: { default: string; supported: string[] };
    messages: Record<string, string | undefined>;
    translations: Record<string, Record<string, string | undefined>>;
    whatsapp: { reopenTemplates: Record<string, unknown> };
  },
  ctx: z.core.$RefinementCtx,
): void {
  const { languages, messages, translations } = settings;
  if (!languages.supported.includes(languages.default)) {
    ctx.addIssue({
      code: 'custom',
      path: ['languages', 'supported'],
      message: `must include the default language (${languages.default})`,
    });
  }
  for (const language of Object.keys(translations)) {
    if (language === languages.default || !languages.supported.includes(language)) {
      ctx.addIssue({
        code: 'custom',
        path: ['translations', language],
        message: `${language} is ${language === languages.default ? 'the default language: its texts are in messages' : 'not in languages.supported'}`,
      });
    }
  }
  for (const language of Object.keys(settings.whatsapp.reopenTemplates)) {
    if (!languages.supported.includes(language)) {
      ctx.addIssue({
        code: 'custom',
        path: ['whatsapp', 'reopenTemplates', language],
        message: `${language} is not in languages.supported`,
      });
    }
  }
  for (const language of languages.supported) {
    if (language === languages.default) continue;
    const translation = translations[language] ?? {};
    const missing = Object.keys(messages).filter(
      (key) => messages[key] !== undefined && translation[key] === undefined,
    );
    if (missing.length) {
      ctx.addIssue({
        code: 'custom',
        path: ['translations', language],
        message: `missing ${missing.join(', ')} (every supported language needs every text of messages)`,
      });
    }
  }
}

/** Validated business settings. */
export type BusinessSettings = z.infer<typeof businessSettingsSchema>;

/** Validates raw settings, naming each bad field. */
export function parseBusinessSettings(raw: unknown): BusinessSettings {
  const result = businessSettingsSchema.safeParse(raw);
  if (!result.success) {
    const problems = result.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
    throw new Error(`invalid business settings: ${problems.join('; ')}`);
  }
  return result.data;
}
