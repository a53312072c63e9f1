/**
 * λ slack-events — `POST /slack/events`: Bolt verifies the signature, drops retries and bot echoes,
 * acknowledges, and turns each agent action into a desk command.
 */
import { createSlackApp } from '../adapters/slack-app.ts';
import { createDeskCommands } from '../core/use-cases/desk-actions.ts';
import { clock, customerData, env, requireCredential, settings, store } from '../wiring/base.ts';
import { channel } from '../wiring/channel.ts';
import { desk } from '../wiring/desk.ts';
import { ledger } from '../wiring/ledger.ts';

const slack = createSlackApp({
  signingSecret: requireCredential('SLACK_SIGNING_SECRET'),
  botToken: requireCredential('SLACK_BOT_TOKEN'),
  slackApiUrl: env.SLACK_API_URL,
  commands: createDeskCommands({ store, desk, channel, clock, settings, ledger, customerData }),
  dedupe: (key) => store.claimOnce(key, 3600),
});

/** Lambda entry point. */
export const handler = slack.handler;
