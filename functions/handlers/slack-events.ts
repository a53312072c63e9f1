/**
 * λ slack-events — `POST /slack/events`: the adapter verifies the signature and the workspace, drops retries
 * and bot echoes, refuses users of other organisations, acknowledges, and turns each agent action into a
 * desk command (which applies the desk channel and agent allowlist policy). What reaches the customer is
 * recorded on conversation-events.fifo and sent by the worker: this function holds no Twilio credentials.
 */
import { boltLogger, createSlackApp } from '../adapters/slack-app.ts';
import { DESK_REQUEST_TTL_SECONDS } from '../core/desk-commands.ts';
import { openAgentHome, setAgentAway, withHomeRefresh } from '../core/use-cases/agent-home.ts';
import { createActionDeskCommands } from '../core/use-cases/decide-action.ts';
import { createDeskCommands } from '../core/use-cases/desk-actions.ts';
import { sendSavedReply } from '../core/use-cases/send-saved-reply.ts';
import { logger } from '../shared/logging.ts';
import { actionsConfig, proposals } from '../wiring/actions.ts';
import { clock, env, requireCredential } from '../wiring/base.ts';
import { agentDirectory, desk, deskChannels } from '../wiring/desk.ts';
import { events } from '../wiring/queues.ts';
import { savedReplies } from '../wiring/replies.ts';
import { homeDeps } from '../wiring/routing.ts';
import { settings } from '../wiring/settings.ts';
import { customerData, store } from '../wiring/store.ts';

const slack = createSlackApp({
  signingSecret: requireCredential('SLACK_SIGNING_SECRET'),
  botToken: requireCredential('SLACK_BOT_TOKEN'),
  slackApiUrl: env.SLACK_API_URL,
  commands: withHomeRefresh(
    createDeskCommands({
      store,
      desk,
      events,
      clock,
      settings,
      customerData,
      access: { channels: deskChannels, agents: settings.desk.agents },
      directory: agentDirectory,
    }),
    homeDeps,
    (error) => logger.warn('App Home not refreshed', { error: error as Error }),
  ),
  home: {
    opened: async (userId) => {
      await openAgentHome(homeDeps, userId);
    },
    setAway: (userId, away) => setAgentAway(homeDeps, userId, away),
  },
  // Approve / Edit / Deny on the AI's proposed actions (issue 15).
  actionCommands: createActionDeskCommands({
    store,
    desk,
    events,
    clock,
    settings,
    actions: { config: actionsConfig, proposals },
    access: { channels: deskChannels, agents: settings.desk.agents },
    directory: agentDirectory,
  }),
  dedupe: (key) => store.claimOnce(key, DESK_REQUEST_TTL_SECONDS),
  forget: (key) => store.releaseOnce(key),
  ...(env.SLACK_TEAM_ID ? { teamId: env.SLACK_TEAM_ID } : {}),
  ...(env.SLACK_ENTERPRISE_ID ? { enterpriseId: env.SLACK_ENTERPRISE_ID } : {}),
  brand: settings.brand,
  deskChannels,
  logger: boltLogger(logger),
  savedReplies: {
    replies: savedReplies,
    send: (request) =>
      sendSavedReply(
        {
          store,
          desk,
          events,
          replies: savedReplies,
          access: { channels: deskChannels, agents: settings.desk.agents },
          directory: agentDirectory,
          brand: settings.brand,
        },
        request,
      ),
  },
});

/** Lambda entry point. */
export const handler = slack.handler;
