/**
 * Signed-interaction payloads for the saved replies (tests and the playground): the message shortcut on a
 * thread message, the modal menu's search (`block_suggestion`) and the modal's submission.
 */
import { randomUUID } from 'node:crypto';
import { SAVED_REPLY_IDS } from '../functions/adapters/slack-saved-replies.ts';

const TEAM = 'TTANDEM';

/** The fields every interaction payload of our app and workspace carries, for `user`. */
function envelope(type: string, user: { id: string; username?: string }): Record<string, unknown> {
  return {
    type,
    api_app_id: 'ATANDEM',
    token: 'legacy-verification-token',
    team: { id: TEAM, domain: 'tandem' },
    user: { id: user.id, username: user.username, name: user.username ?? user.id, team_id: TEAM },
  };
}

/** A `message_action` payload: the "Send a saved reply" shortcut on message `ts` of thread `threadTs`. */
export function savedReplyShortcutPayload(input: {
  user: { id: string; username?: string };
  channel: string;
  ts: string;
  threadTs?: string;
}): Record<string, unknown> {
  return {
    ...envelope('message_action', input.user),
    callback_id: SAVED_REPLY_IDS.shortcut,
    channel: { id: input.channel, name: 'escalations' },
    trigger_id: `${Date.now()}.${randomUUID().slice(0, 8)}`,
    action_ts: `${Date.now() / 1000}`,
    message_ts: input.ts,
    message: {
      type: 'message',
      ts: input.ts,
      text: 'message',
      ...(input.threadTs ? { thread_ts: input.threadTs } : {}),
    },
    response_url: 'https://hooks.slack.invalid/actions/T/1/x',
  };
}

/** A `block_suggestion` payload: the agent typed `query` in the saved replies menu of `view`. */
export function savedReplySearchPayload(input: {
  user: { id: string; username?: string };
  query: string;
  privateMetadata: string;
}): Record<string, unknown> {
  return {
    ...envelope('block_suggestion', input.user),
    action_id: SAVED_REPLY_IDS.pickAction,
    block_id: SAVED_REPLY_IDS.pickBlock,
    value: input.query,
    container: { type: 'view', view_id: 'VSEARCH' },
    view: {
      id: 'VSEARCH',
      type: 'modal',
      callback_id: SAVED_REPLY_IDS.modal,
      private_metadata: input.privateMetadata,
      state: { values: {} },
    },
  };
}

/** A `view_submission` of the saved replies modal: `replyId` chosen, `orderId` typed (or not). */
export function savedReplySubmissionPayload(input: {
  user: { id: string; username?: string };
  privateMetadata: string;
  replyId: string;
  orderId?: string;
  viewId?: string;
}): Record<string, unknown> {
  return {
    ...envelope('view_submission', input.user),
    trigger_id: `${Date.now()}.view`,
    view: {
      id: input.viewId ?? `V${randomUUID().replace(/-/g, '').slice(0, 10).toUpperCase()}`,
      team_id: TEAM,
      type: 'modal',
      callback_id: SAVED_REPLY_IDS.modal,
      private_metadata: input.privateMetadata,
      blocks: [],
      state: {
        values: {
          [SAVED_REPLY_IDS.pickBlock]: {
            [SAVED_REPLY_IDS.pickAction]: {
              type: 'external_select',
              selected_option: { text: { type: 'plain_text', text: input.replyId }, value: input.replyId },
            },
          },
          [SAVED_REPLY_IDS.orderBlock]: {
            [SAVED_REPLY_IDS.orderAction]: { type: 'plain_text_input', value: input.orderId ?? null },
          },
        },
      },
      hash: 'hash',
      title: { type: 'plain_text', text: 'Saved replies' },
      app_id: 'ATANDEM',
      bot_id: 'BBOT',
    },
  };
}
