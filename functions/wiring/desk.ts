/**
 * Composition root: the agents' desk (Slack).
 */
import { SlackAgentDesk } from '../adapters/slack-agent-desk.ts';
import { env, requireCredential } from './base.ts';

/** The Slack side, posting to the escalation channel. */
export const desk = SlackAgentDesk.create({
  token: requireCredential('SLACK_BOT_TOKEN'),
  slackApiUrl: env.SLACK_API_URL,
  channel: env.SLACK_ESCALATION_CHANNEL,
});
