/**
 * Saved replies at the Slack desk: the "Send a saved reply" message shortcut on any message of a case thread
 * opens a modal whose menu searches the saved replies as the agent types (`block_suggestion`), with an
 * optional order id; submitting it calls `send`, which records the reply like any agent reply.
 * Registered on the Bolt app by `createSlackApp` when it is given saved replies.
 */
import type { App, BlockSuggestion, MessageShortcut, ViewSubmitAction } from '@slack/bolt';
import type { ModalView, Option } from '@slack/web-api';
import type { Agent } from '#core/model.ts';
import type { DeskRef } from '#core/ports.ts';
import { placeholdersIn, type SavedReply, searchSavedReplies } from '#core/saved-replies.ts';
import { legacyRef, slackDeskRef, slackMessageOf } from './slack-desk-ref.ts';

/** The ids Slack knows the saved replies by (the shortcut's callback id is in the app manifest). */
export const SAVED_REPLY_IDS = {
  shortcut: 'tandem_saved_reply',
  modal: 'tandem_saved_reply_modal',
  pickBlock: 'saved_reply',
  pickAction: 'tandem_saved_reply_pick',
  orderBlock: 'order_id',
  orderAction: 'order_id',
} as const;

/** Most options a Slack menu shows. */
const MAX_OPTIONS = 100;

/** What the modal submitted, for the use case. */
export interface SavedReplySubmission {
  ref: DeskRef;
  replyId: string;
  agent: Agent;
  orderId?: string;
  submissionId: string;
}

/** What `registerSavedReplies` needs. */
export interface SavedReplySlackOptions {
  replies: readonly SavedReply[];
  /** Records the chosen reply (the `sendSavedReply` use case). */
  send(submission: SavedReplySubmission): Promise<unknown>;
  /** One-time keys, so a repeated submission is handled once. */
  dedupe(key: string): Promise<boolean>;
  onError(what: string, error: unknown): void;
}

/** The modal: a searchable menu of saved replies and an optional order id. */
export function renderSavedReplyModal(
  thread: DeskRef,
  options: { needsOrderId: boolean } = { needsOrderId: true },
): ModalView {
  return {
    type: 'modal',
    callback_id: SAVED_REPLY_IDS.modal,
    private_metadata: JSON.stringify(slackMessageOf(thread)),
    title: { type: 'plain_text', text: 'Saved replies' },
    submit: { type: 'plain_text', text: 'Send' },
    close: { type: 'plain_text', text: 'Cancel' },
    blocks: [
      {
        type: 'input',
        block_id: SAVED_REPLY_IDS.pickBlock,
        label: { type: 'plain_text', text: 'Reply' },
        element: {
          type: 'external_select',
          action_id: SAVED_REPLY_IDS.pickAction,
          placeholder: { type: 'plain_text', text: 'Search by title, tag or words' },
          min_query_length: 0,
        },
      },
      ...(options.needsOrderId
        ? [
            {
              type: 'input' as const,
              block_id: SAVED_REPLY_IDS.orderBlock,
              optional: true,
              label: { type: 'plain_text' as const, text: 'Order id' },
              hint: {
                type: 'plain_text' as const,
                text: "Fills {{order_id}} when the customer's details don't hold one.",
              },
              element: {
                type: 'plain_text_input' as const,
                action_id: SAVED_REPLY_IDS.orderAction,
                max_length: 40,
              },
            },
          ]
        : []),
      {
        type: 'context',
        elements: [
          {
            type: 'mrkdwn',
            text: 'The customer gets the reply with their name, the order id and your name filled in. It goes out like any reply of yours, translated when the customer writes in another language.',
          },
        ],
      },
    ],
  };
}

/** The menu's options for `query`: title as the label, the start of the text as the description. */
export function savedReplyOptions(replies: readonly SavedReply[], query: string): Option[] {
  return searchSavedReplies(replies, query, MAX_OPTIONS).map((reply) => ({
    text: { type: 'plain_text', text: clip(reply.title, 75) },
    value: reply.id,
    description: { type: 'plain_text', text: clip(reply.text.replace(/\s+/g, ' '), 75) },
  }));
}

function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

/** Registers the shortcut, the menu's search and the modal's submission on `app`. */
export function registerSavedReplies(app: App, options: SavedReplySlackOptions): void {
  const needsOrderId = options.replies.some((reply) => placeholdersIn(reply.text).includes('order_id'));

  app.shortcut<MessageShortcut>(SAVED_REPLY_IDS.shortcut, async ({ ack, shortcut, client }) => {
    await ack();
    const message = shortcut.message as { ts: string; thread_ts?: string };
    const thread = slackDeskRef(shortcut.channel.id, message.thread_ts ?? message.ts);
    try {
      await client.views.open({
        trigger_id: shortcut.trigger_id,
        view: renderSavedReplyModal(thread, { needsOrderId }),
      });
    } catch (error) {
      options.onError('saved replies modal', error);
    }
  });

  app.options<'block_suggestion'>({ action_id: SAVED_REPLY_IDS.pickAction }, async ({ ack, payload }) => {
    const query = (payload as BlockSuggestion).value ?? '';
    await ack({ options: savedReplyOptions(options.replies, query) });
  });

  app.view<ViewSubmitAction>(SAVED_REPLY_IDS.modal, async ({ ack, body, view }) => {
    await ack();
    if (!(await options.dedupe(`slack-view#${view.id}${body.user.id}`))) return;
    const thread = parseThread(view.private_metadata);
    const values = view.state.values;
    const replyId = values[SAVED_REPLY_IDS.pickBlock]?.[SAVED_REPLY_IDS.pickAction]?.selected_option?.value;
    if (!thread || !replyId) {
      options.onError('saved reply submission', new Error('no thread or no reply chosen'));
      return;
    }
    const orderId = values[SAVED_REPLY_IDS.orderBlock]?.[SAVED_REPLY_IDS.orderAction]?.value?.trim();
    const name = body.user.name;
    try {
      await options.send({
        ref: thread,
        replyId,
        agent: name ? { id: body.user.id, name } : { id: body.user.id },
        ...(orderId ? { orderId } : {}),
        submissionId: view.id,
      });
    } catch (error) {
      options.onError('saved reply', error);
    }
  });
}

function parseThread(raw: string): DeskRef | undefined {
  try {
    const parsed = JSON.parse(raw) as Record<string, unknown>;
    const thread = legacyRef(parsed);
    if (thread) return slackDeskRef(thread.channel, thread.ts);
  } catch {
    // Not ours.
  }
  return undefined;
}
