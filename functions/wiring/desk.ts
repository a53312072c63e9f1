/**
 * Composition root: the agents' desk (Slack).
 */
import { SlackAgentDesk } from '../adapters/slack-agent-desk.ts';
import { SlackUserGroups } from '../adapters/slack-user-groups.ts';
import { routingChannels } from '../core/routing.ts';
import { env, requireCredential } from './base.ts';
import { envDeskChannels, routing } from './routing.ts';
import { settings } from './settings.ts';

/**
 * The desk channel(s): `SLACK_ESCALATION_CHANNEL`, a channel id or a comma-separated list, and every channel
 * of the desk routing. Cards are posted in the first (or their route's); desk actions count in any of them.
 */
export const deskChannels: readonly string[] = [
  ...new Set([...envDeskChannels, ...routingChannels(routing)]),
];

/** The Slack side, posting to the escalation channel. */
export const desk = SlackAgentDesk.create({
  token: requireCredential('SLACK_BOT_TOKEN'),
  slackApiUrl: env.SLACK_API_URL,
  channel: deskChannels[0] ?? env.SLACK_ESCALATION_CHANNEL,
  deskLanguage: settings.languages.desk,
});

/** Who is in the agent allowlist's Slack user group (cached a few minutes). */
export const agentDirectory = new SlackUserGroups({
  token: requireCredential('SLACK_BOT_TOKEN'),
  slackApiUrl: env.SLACK_API_URL,
});

/**
 * The escalation notifier's desk: posts paced per channel (about one per second, as Slack allows), a short
 * `Retry-After` waited out, a longer one deferred on the queue (`RetryLaterError`) instead of in the Lambda.
 */
export const queuedDesk = SlackAgentDesk.create({
  token: requireCredential('SLACK_BOT_TOKEN'),
  slackApiUrl: env.SLACK_API_URL,
  channel: deskChannels[0] ?? env.SLACK_ESCALATION_CHANNEL,
  deskLanguage: settings.languages.desk,
  rateLimit: { perSecond: 1, burst: 3, maxWaitMs: env.DESK_MAX_WAIT_MS },
});
