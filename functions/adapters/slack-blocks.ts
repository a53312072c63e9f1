/**
 * Block Kit rendering of the agents' desk: the escalation card, the transcript posted in its thread,
 * thread-message buttons and the hand-back modal. Pure functions, no I/O: the Slack desk and the Slack
 * app both use them, and unit tests check them without a network.
 *
 * Every piece of text that comes from a customer, the model or an agent is escaped for Slack mrkdwn
 * (`&`, `<`, `>`), so hostile text can neither ping `@channel` nor forge a link.
 */
import type {
  ActionsBlock,
  Button,
  KnownBlock,
  ModalView,
  PlainTextOption,
  SectionBlock,
} from '@slack/types';
import { languageLabel, languageName } from '#core/customer-messages.ts';
import {
  AGENT_OUTCOMES,
  type Case,
  type Channel,
  type CustomerProfile,
  type EscalationReason,
  type Outcome,
  type Priority,
} from '#core/model.ts';
import { maskPhoneNumber } from '#core/phone-mask.ts';
import type { CaseView, DeskAction, DeskRef } from '#core/ports.ts';
import { slackMessageOf } from './slack-desk-ref.ts';

/** Slack's Block Kit limits this renderer respects. */
export const SLACK_LIMITS = {
  blocksPerMessage: 50,
  sectionText: 3000,
  fieldsPerSection: 10,
  fieldText: 2000,
  contextText: 3000,
  headerText: 150,
  buttonText: 75,
  buttonValue: 2000,
  optionValue: 150,
  /** Top-level `text` of chat.postMessage; Slack truncates beyond it. */
  messageText: 40_000,
} as const;

/** action_id of every interactive element Tandem renders. */
export const ACTION_IDS = {
  claim: 'tandem_claim',
  release: 'tandem_release',
  resolve: 'tandem_resolve',
  handBack: 'tandem_handback',
  sendSuggestion: 'tandem_send_suggestion',
  feedbackNeededYes: 'tandem_feedback_needed_yes',
  feedbackNeededNo: 'tandem_feedback_needed_no',
  feedbackAccurateYes: 'tandem_feedback_accurate_yes',
  feedbackAccurateNo: 'tandem_feedback_accurate_no',
  eraseCustomer: 'tandem_erase_customer',
  retryCommand: 'tandem_retry_command',
  // Actions on the business's systems (issue 15).
  approveAction: 'tandem_approve_action',
  editAction: 'tandem_edit_action',
  denyAction: 'tandem_deny_action',
} as const;

/** What each feedback button answers (`DeskCommands.feedback`). */
export const FEEDBACK_ACTIONS: Record<
  string,
  { question: 'escalation_needed' | 'summary_accurate'; answer: boolean }
> = {
  [ACTION_IDS.feedbackNeededYes]: { question: 'escalation_needed', answer: true },
  [ACTION_IDS.feedbackNeededNo]: { question: 'escalation_needed', answer: false },
  [ACTION_IDS.feedbackAccurateYes]: { question: 'summary_accurate', answer: true },
  [ACTION_IDS.feedbackAccurateNo]: { question: 'summary_accurate', answer: false },
};

/** callback_id of the hand-back modal, and the block/action ids of its instruction input. */
export const HANDBACK_MODAL = {
  callbackId: 'tandem_handback_modal',
  blockId: 'instruction',
  actionId: 'instruction',
} as const;

/** A rendered Slack message: fallback text (notifications, screen readers) plus blocks. */
export interface SlackMessage {
  text: string;
  blocks: KnownBlock[];
}

/** What an interactive element's `value` carries. */
export interface ActionValue {
  caseId: string;
  suggestionId?: string;
  outcome?: Outcome;
  /** The thread root, when the element lives in a message whose thread Slack does not report (ephemerals). */
  thread?: string;
  /** The desk command a Retry button carries out again. */
  commandId?: string;
  /** The action proposal an Approve / Edit / Deny button decides (issue 15). */
  proposalId?: string;
}

/** Escapes Slack mrkdwn control characters so the text renders literally (no mentions, no links). */
export function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/**
 * Shortens already-escaped mrkdwn to `max` characters with an ellipsis, never cutting an `&amp;`-style
 * entity or a surrogate pair in half.
 */
export function truncateMrkdwn(text: string, max: number): string {
  if (text.length <= max) return text;
  let cut = text.slice(0, Math.max(0, max - 1));
  const amp = cut.lastIndexOf('&');
  if (amp !== -1 && amp >= cut.length - 5 && !cut.slice(amp).includes(';')) cut = cut.slice(0, amp);
  const last = cut.charCodeAt(cut.length - 1);
  if (last >= 0xd800 && last <= 0xdbff) cut = cut.slice(0, -1);
  return `${cut}…`;
}

/** Plain text (no mrkdwn parsing) shortened to `max` characters. */
export function truncatePlain(text: string, max: number): string {
  if (text.length <= max) return text;
  let cut = text.slice(0, Math.max(0, max - 1));
  const last = cut.charCodeAt(cut.length - 1);
  if (last >= 0xd800 && last <= 0xdbff) cut = cut.slice(0, -1);
  return `${cut}…`;
}

/** Encodes an element value: the bare caseId when that is all, JSON otherwise. */
export function encodeActionValue(value: ActionValue): string {
  const extra =
    value.suggestionId !== undefined ||
    value.outcome !== undefined ||
    value.thread !== undefined ||
    value.commandId !== undefined ||
    value.proposalId !== undefined;
  return extra ? JSON.stringify(value) : value.caseId;
}

/** Decodes what `encodeActionValue` produced (a bare caseId is accepted too). */
export function decodeActionValue(raw: string | undefined): ActionValue | undefined {
  if (!raw) return undefined;
  if (!raw.startsWith('{')) return { caseId: raw };
  try {
    const parsed = JSON.parse(raw) as Partial<ActionValue>;
    return typeof parsed.caseId === 'string' ? (parsed as ActionValue) : undefined;
  } catch {
    return undefined;
  }
}

const PRIORITY_EMOJI: Record<Priority, string> = { urgent: '🔴', high: '🟠', normal: '🟡', low: '⚪' };
const PRIORITY_LABEL: Record<Priority, string> = {
  urgent: 'Urgent',
  high: 'High',
  normal: 'Normal',
  low: 'Low',
};
const CHANNEL_LABEL: Record<Channel, string> = { whatsapp: 'WhatsApp', sms: 'SMS' };

/** Human wording of each escalation reason. */
export const REASON_LABEL: Record<EscalationReason, string> = {
  customer_request: 'Customer asked for a person',
  negative_sentiment: 'Customer is upset',
  sensitive_topic: 'Sensitive topic',
  self_harm: 'Possible self-harm: handle with care',
  repeated_failure: 'The AI could not help',
  business_rule: 'Business rule',
  abuse: 'Abusive messages',
  out_of_scope: 'Out of scope for the AI',
  attachment: 'Customer sent an attachment',
  budget_exceeded: 'AI budget exceeded',
  model_unavailable: 'AI unavailable',
  model_request: 'The AI asked for a person',
  approval_needed: 'An action needs approval',
};

/** Human wording of each outcome. */
export const OUTCOME_LABEL: Record<Outcome, string> = {
  solved: 'Solved',
  not_solved: 'Not solved',
  duplicate: 'Duplicate',
  spam: 'Spam',
  idle: 'Closed automatically (idle)',
};

/** `<@U123>` for a well-formed Slack user id, the escaped name or id otherwise. */
export function mentionAgent(agent: { id: string; name?: string }): string {
  if (/^[UW][A-Z0-9]{2,}$/.test(agent.id)) return `<@${agent.id}>`;
  return escapeMrkdwn(agent.name ?? agent.id);
}

/**
 * Turns a `mention` option into Slack syntax: a user (`U…`/`W…`), a user group (`S…`), `here`/`channel`,
 * or an already-formed `<@U…>` / `<!subteam^S…>` / `<!here>`. Anything else is escaped and shown literally.
 */
export function formatMention(mention: string): string {
  const value = mention.trim();
  if (/^<(@[UW][A-Z0-9]+|!subteam\^S[A-Z0-9]+(\|[^<>]*)?|!here|!channel|!everyone)>$/.test(value))
    return value;
  if (/^@?[UW][A-Z0-9]{2,}$/.test(value)) return `<@${value.replace(/^@/, '')}>`;
  if (/^S[A-Z0-9]{2,}$/.test(value)) return `<!subteam^${value}>`;
  if (/^@?(here|channel)$/.test(value)) return `<!${value.replace(/^@/, '')}>`;
  return escapeMrkdwn(value);
}

/** Slack date formatting: shown in each reader's own time zone, with the ISO time as fallback. */
function slackDate(iso: string): string {
  const seconds = Math.floor(Date.parse(iso) / 1000);
  if (!Number.isFinite(seconds)) return escapeMrkdwn(iso);
  return `<!date^${seconds}^{date_short_pretty} {time}|${escapeMrkdwn(iso)}>`;
}

function sentimentEmoji(score: number): string {
  if (score <= -0.6) return '😠';
  if (score <= -0.2) return '🙁';
  if (score < 0.2) return '😐';
  return '🙂';
}

/** Sentiment trend as emoji, oldest first, with a direction: `😐 → 🙁 → 😠 ↘ worsening`. */
export function renderSentimentTrend(trend: number[]): string {
  if (trend.length === 0) return 'no data';
  const recent = trend.slice(-6);
  const faces = recent.map(sentimentEmoji).join(' → ');
  const first = recent[0] ?? 0;
  const last = recent[recent.length - 1] ?? 0;
  const delta = last - first;
  const direction =
    recent.length < 2 ? '' : delta > 0.15 ? ' ↗ improving' : delta < -0.15 ? ' ↘ worsening' : ' → steady';
  return `${faces}${direction}`;
}

/** Time left in the WhatsApp 24-hour window, in words. */
export function renderWindow(minutesLeft: number): string {
  if (minutesLeft <= 0) return '⛔ The WhatsApp 24-hour window is closed: replies go out as a template.';
  const hours = Math.floor(minutesLeft / 60);
  const minutes = Math.floor(minutesLeft % 60);
  const left = hours > 0 ? `${hours} h ${minutes} min` : `${minutes} min`;
  const icon = minutesLeft <= 60 ? '⚠️' : '⏳';
  return `${icon} ${left} left in the WhatsApp 24-hour window`;
}

function section(text: string, blockId?: string): SectionBlock {
  return {
    type: 'section',
    ...(blockId ? { block_id: blockId } : {}),
    text: { type: 'mrkdwn', text: truncateMrkdwn(text, SLACK_LIMITS.sectionText) },
  };
}

function context(text: string, blockId?: string): KnownBlock {
  return {
    type: 'context',
    ...(blockId ? { block_id: blockId } : {}),
    elements: [{ type: 'mrkdwn', text: truncateMrkdwn(text, SLACK_LIMITS.contextText) }],
  };
}

function button(
  text: string,
  actionId: string,
  value: string,
  style?: 'primary' | 'danger',
  confirm?: Button['confirm'],
): Button {
  return {
    type: 'button',
    text: { type: 'plain_text', text: truncatePlain(text, SLACK_LIMITS.buttonText), emoji: true },
    action_id: actionId,
    value: value.slice(0, SLACK_LIMITS.buttonValue),
    ...(style ? { style } : {}),
    ...(confirm ? { confirm } : {}),
  };
}

/** "Erase customer data", behind a confirmation dialog (only the owner's click is carried out). */
function eraseButton(caseId: string): Button {
  return button('🗑️ Erase customer data', ACTION_IDS.eraseCustomer, encodeActionValue({ caseId }), 'danger', {
    title: { type: 'plain_text', text: 'Erase customer data?' },
    text: {
      type: 'mrkdwn',
      text: 'Deletes everything Tandem holds about this customer (conversations, messages, cases, profile) and replaces this thread with "[erased]". This cannot be undone.',
    },
    confirm: { type: 'plain_text', text: 'Erase' },
    deny: { type: 'plain_text', text: 'Cancel' },
    style: 'danger',
  });
}

/** Quotes escaped text as a Slack blockquote, line by line. */
function quote(text: string): string {
  return escapeMrkdwn(text)
    .split('\n')
    .map((line) => `>${line}`)
    .join('\n');
}

function customerLine(kase: Case, profile?: CustomerProfile): string {
  const name = kase.packet.customerName ?? profile?.name;
  const number = maskPhoneNumber(kase.packet.customerAddress);
  return name ? `${escapeMrkdwn(name)} (${number})` : number;
}

/** The notification text of a card (also what screen readers and mobile previews show). */
export function caseFallbackText(view: CaseView): string {
  const { kase } = view;
  const status =
    kase.status === 'queued'
      ? 'New escalation'
      : kase.status === 'claimed'
        ? 'Escalation claimed'
        : 'Escalation resolved';
  const text = `${PRIORITY_EMOJI[kase.priority]} ${status} (${PRIORITY_LABEL[kase.priority]}): ${
    REASON_LABEL[kase.packet.reason] ?? kase.packet.reason
  } · ${customerLine(kase, view.profile)} on ${CHANNEL_LABEL[kase.packet.channel]}`;
  return truncateMrkdwn(text, SLACK_LIMITS.messageText);
}

function profileBlocks(profile: CustomerProfile | undefined): KnownBlock[] {
  if (!profile) return [];
  const blocks: KnownBlock[] = [];
  const facts = Object.entries(profile.facts);
  if (facts.length > 0) {
    const lines = facts
      .slice(0, 15)
      .map(([key, value]) => `• *${escapeMrkdwn(key)}*: ${escapeMrkdwn(value)}`)
      .join('\n');
    blocks.push(section(`*Remembered about this customer*\n${lines}`, 'profile_facts'));
  }
  if (profile.pastCases.length > 0) {
    const lines = profile.pastCases
      .slice(-5)
      .reverse()
      .map((past) => {
        const outcome = past.outcome ? ` — ${OUTCOME_LABEL[past.outcome] ?? past.outcome}` : '';
        const when = past.resolvedAt ? ` (${slackDate(past.resolvedAt)})` : '';
        return `• ${escapeMrkdwn(past.summary)}${outcome}${when}`;
      })
      .join('\n');
    blocks.push(section(`*Past cases*\n${lines}`, 'profile_cases'));
  }
  return blocks;
}

function statusBlocks(kase: Case): KnownBlock[] {
  const caseId = kase.caseId;
  if (kase.status === 'queued') {
    const wait = kase.slaStage ? ` · ⏰ waiting past the SLA (step ${kase.slaStage})` : '';
    return [
      context(`🕒 Waiting for an agent${wait}`, 'status'),
      {
        type: 'actions',
        block_id: 'queued_actions',
        elements: [button('🙋 Claim', ACTION_IDS.claim, encodeActionValue({ caseId }), 'primary')],
      },
    ];
  }
  if (kase.status === 'claimed') {
    const owner = kase.owner ? mentionAgent(kase.owner) : 'an agent';
    const since = kase.claimedAt ? ` · since ${slackDate(kase.claimedAt)}` : '';
    const options: PlainTextOption[] = AGENT_OUTCOMES.map((outcome) => ({
      text: { type: 'plain_text', text: OUTCOME_LABEL[outcome] },
      value: encodeActionValue({ caseId, outcome }).slice(0, SLACK_LIMITS.optionValue),
    }));
    return [
      context(`👤 Claimed by ${owner}${since}`, 'status'),
      {
        type: 'actions',
        block_id: 'claimed_actions',
        elements: [
          button('↩️ Release', ACTION_IDS.release, encodeActionValue({ caseId })),
          {
            type: 'static_select',
            action_id: ACTION_IDS.resolve,
            placeholder: { type: 'plain_text', text: '✅ Resolve…' },
            options,
          },
          button('🤖 Hand back to AI', ACTION_IDS.handBack, encodeActionValue({ caseId })),
          eraseButton(caseId),
        ],
      },
    ];
  }
  const outcome = kase.outcome ? (OUTCOME_LABEL[kase.outcome] ?? kase.outcome) : 'Resolved';
  const by = kase.owner ? ` by ${mentionAgent(kase.owner)}` : '';
  const when = kase.resolvedAt ? ` · ${slackDate(kase.resolvedAt)}` : '';
  const blocks: KnownBlock[] = [section(`✅ *Resolved${by}*: ${escapeMrkdwn(outcome)}${when}`, 'status')];
  if (!kase.owner) return blocks;
  blocks.push(
    ...feedbackBlocks(
      caseId,
      'needed',
      'Was this escalation needed?',
      kase.escalationNeeded,
      ACTION_IDS.feedbackNeededYes,
      ACTION_IDS.feedbackNeededNo,
    ),
    ...feedbackBlocks(
      caseId,
      'accurate',
      'Was the summary accurate?',
      kase.summaryAccurate,
      ACTION_IDS.feedbackAccurateYes,
      ACTION_IDS.feedbackAccurateNo,
    ),
  );
  return blocks;
}

function feedbackBlocks(
  caseId: string,
  key: string,
  question: string,
  answer: boolean | undefined,
  yes: string,
  no: string,
): KnownBlock[] {
  if (answer !== undefined) return [context(`${question} *${answer ? 'Yes' : 'No'}*`, `feedback_${key}`)];
  const value = encodeActionValue({ caseId });
  return [
    section(`*${question}*`, `feedback_${key}_question`),
    {
      type: 'actions',
      block_id: `feedback_${key}`,
      elements: [button('Yes', yes, value), button('No', no, value)],
    },
  ];
}

/** How the card is rendered for this desk. */
export interface CardOptions {
  /** The agents' language: a customer in another one is pointed out. @default 'en' */
  deskLanguage?: string;
}

/** The customer's language, e.g. `Spanish (es)`, with a hint when it is not the desk's. */
export function renderLanguage(language: string, deskLanguage = 'en'): string {
  const label = escapeMrkdwn(languageLabel(language));
  return language === deskLanguage ? label : `🌐 ${label} · reply in ${escapeMrkdwn(languageName(language))}`;
}

/**
 * The escalation card: header (priority, reason), customer, channel, language, summary, what was tried,
 * sentiment, suggested next step, last message verbatim, profile, WhatsApp window, and the actions of the
 * case's status.
 */
export function renderCaseCard(view: CaseView, options: CardOptions = {}): SlackMessage {
  const { kase, profile } = view;
  const packet = kase.packet;
  const reason = REASON_LABEL[packet.reason] ?? packet.reason;
  const blocks: KnownBlock[] = [
    {
      type: 'header',
      block_id: 'title',
      text: {
        type: 'plain_text',
        text: truncatePlain(
          `${PRIORITY_EMOJI[kase.priority]} ${PRIORITY_LABEL[kase.priority]} · ${reason}`,
          150,
        ),
        emoji: true,
      },
    },
    {
      type: 'section',
      block_id: 'customer',
      fields: [
        {
          type: 'mrkdwn',
          text: truncateMrkdwn(`*Customer*\n${customerLine(kase, profile)}`, SLACK_LIMITS.fieldText),
        },
        { type: 'mrkdwn', text: `*Channel*\n${CHANNEL_LABEL[packet.channel]}` },
        ...(view.language
          ? [
              {
                type: 'mrkdwn' as const,
                text: `*Language*\n${renderLanguage(view.language, options.deskLanguage)}`,
              },
            ]
          : []),
        { type: 'mrkdwn', text: `*Opened*\n${slackDate(kase.openedAt)}` },
        {
          type: 'mrkdwn',
          text: truncateMrkdwn(`*Case*\n\`${escapeMrkdwn(kase.caseId)}\``, SLACK_LIMITS.fieldText),
        },
      ],
    },
    section(`*What they want*\n${escapeMrkdwn(packet.summary)}`, 'summary'),
    section(`*Already tried*\n${escapeMrkdwn(packet.tried || '—')}`, 'tried'),
    {
      type: 'section',
      block_id: 'assessment',
      fields: [
        { type: 'mrkdwn', text: `*Sentiment*\n${renderSentimentTrend(packet.sentimentTrend)}` },
        {
          type: 'mrkdwn',
          text: truncateMrkdwn(
            `*Suggested next step*\n${escapeMrkdwn(packet.suggestedNextStep || '—')}`,
            SLACK_LIMITS.fieldText,
          ),
        },
      ],
    },
    section(`*Last message*\n${quote(packet.lastCustomerMessage)}`, 'last_message'),
    ...profileBlocks(profile),
  ];
  if (packet.channel === 'whatsapp' && view.windowMinutesLeft !== undefined && kase.status !== 'resolved') {
    blocks.push(context(renderWindow(view.windowMinutesLeft), 'window'));
  }
  blocks.push({ type: 'divider' }, ...statusBlocks(kase));
  return { text: caseFallbackText(view), blocks: capBlocks(blocks) };
}

/** Keeps a message within 50 blocks, dropping middle (informational) blocks before the status/actions. */
function capBlocks(blocks: KnownBlock[]): KnownBlock[] {
  const max = SLACK_LIMITS.blocksPerMessage;
  if (blocks.length <= max) return blocks;
  const divider = blocks.findIndex((block) => block.type === 'divider');
  const tail = divider === -1 ? [] : blocks.slice(divider);
  return [...blocks.slice(0, max - tail.length), ...tail].slice(0, max);
}

const AUTHOR_LABEL: Record<string, string> = {
  customer: '🧑 *Customer*',
  ai: '🤖 *AI*',
  agent: '👤 *Agent*',
  system: '⚙️ *System*',
};

/**
 * A media attachment in the transcript: its type only. Media URLs are never posted (they carry the account's
 * media and, once fetched, the file itself is uploaded into the thread).
 */
function mediaLink(media: { url: string; contentType: string }): string {
  return `📎 ${escapeMrkdwn(media.contentType || 'attachment')} (attached in the thread)`;
}

/**
 * The redacted transcript for the card's thread, oldest first, packed into sections of at most 3000
 * characters and messages of at most 50 blocks. Returns one Slack message per chunk (none when empty).
 */
export function renderTranscript(transcript: CaseView['transcript']): SlackMessage[] {
  if (transcript.length === 0) return [];
  const entries = transcript.map((message) => {
    const label = AUTHOR_LABEL[message.author] ?? escapeMrkdwn(message.author);
    const media = (message.media ?? []).map(mediaLink);
    const body = [escapeMrkdwn(message.text), ...media].filter((line) => line.length > 0).join('\n');
    return truncateMrkdwn(`${label} · ${slackDate(message.at)}\n${body}`, SLACK_LIMITS.sectionText);
  });
  const sections: string[] = [];
  let current = '';
  for (const entry of entries) {
    if (current && current.length + 2 + entry.length > SLACK_LIMITS.sectionText) {
      sections.push(current);
      current = entry;
    } else {
      current = current ? `${current}\n\n${entry}` : entry;
    }
  }
  if (current) sections.push(current);
  const perMessage = SLACK_LIMITS.blocksPerMessage - 1;
  const messages: SlackMessage[] = [];
  for (let start = 0; start < sections.length; start += perMessage) {
    const part = sections.slice(start, start + perMessage);
    const index = messages.length + 1;
    const total = Math.ceil(sections.length / perMessage);
    const title =
      total > 1 ? `📜 Transcript (redacted), part ${index} of ${total}` : '📜 Transcript (redacted)';
    messages.push({ text: title, blocks: [context(title), ...part.map((text) => section(text))] });
  }
  return messages;
}

/** The thread `ts` a button carries (ephemerals come back without their message). */
function threadTs(ref: DeskRef | undefined): string | undefined {
  return ref ? slackMessageOf(ref).ts : undefined;
}

/** Buttons for the desk actions attached to a thread message or an ephemeral. */
export function renderDeskActions(actions: DeskAction[], ref?: DeskRef): ActionsBlock | undefined {
  if (actions.length === 0) return undefined;
  const elements = actions.slice(0, 25).flatMap((action): Button[] | Button => {
    if (action.kind === 'action_decision') return renderActionDecisionButtons(action, ref);
    if (action.kind === 'claim') {
      return button(
        '🙋 Claim',
        ACTION_IDS.claim,
        encodeActionValue({ caseId: action.caseId, thread: threadTs(ref) }),
        'primary',
      );
    }
    if (action.kind === 'retry') {
      return button(
        '🔁 Retry',
        ACTION_IDS.retryCommand,
        encodeActionValue({ caseId: action.caseId, commandId: action.commandId, thread: threadTs(ref) }),
        'primary',
      );
    }
    return button(
      '📨 Send this reply',
      ACTION_IDS.sendSuggestion,
      encodeActionValue({ caseId: action.caseId, suggestionId: action.suggestionId, thread: threadTs(ref) }),
      'primary',
    );
  });
  return { type: 'actions', block_id: 'desk_actions', elements };
}

/**
 * A thread message or ephemeral: plain `text` (escaped), an optional mention prefix (not escaped, validated
 * by `formatMention`) and optional buttons. Blocks are present only when there are buttons.
 */
export function renderDeskMessage(
  text: string,
  options: { actions?: DeskAction[]; mention?: string; ref?: DeskRef } = {},
): { text: string; blocks?: KnownBlock[] } {
  const prefix = options.mention ? `${formatMention(options.mention)} ` : '';
  const body = `${prefix}${escapeMrkdwn(text)}`;
  const actions = renderDeskActions(options.actions ?? [], options.ref);
  if (!actions) return { text: truncateMrkdwn(body, SLACK_LIMITS.messageText) };
  return {
    text: truncateMrkdwn(body, SLACK_LIMITS.messageText),
    blocks: [section(body), actions],
  };
}

/** The hand-back modal: an optional instruction the AI sees on its next turn. */
export function renderHandBackModal(metadata: { caseId: string; channel: string; ts: string }): ModalView {
  return {
    type: 'modal',
    callback_id: HANDBACK_MODAL.callbackId,
    private_metadata: JSON.stringify(metadata),
    title: { type: 'plain_text', text: 'Hand back to AI' },
    submit: { type: 'plain_text', text: 'Hand back' },
    close: { type: 'plain_text', text: 'Cancel' },
    blocks: [
      {
        type: 'section',
        text: {
          type: 'mrkdwn',
          text: 'The AI takes over this conversation again. Tell it what it should know, so it neither repeats itself nor stays silent.',
        },
      },
      {
        type: 'input',
        block_id: HANDBACK_MODAL.blockId,
        optional: true,
        label: { type: 'plain_text', text: 'Instruction for the AI' },
        hint: { type: 'plain_text', text: 'e.g. "Refund approved; confirm the new delivery date."' },
        element: {
          type: 'plain_text_input',
          action_id: HANDBACK_MODAL.actionId,
          multiline: true,
          max_length: 1000,
        },
      },
    ],
  };
}

// ── Actions on the business's systems (issue 15): the approval card's buttons and the Edit / Deny modals ──

/** callback_id and input ids of the Edit and Deny modals of an action proposal. */
export const ACTION_MODALS = {
  edit: { callbackId: 'tandem_action_edit_modal', blockPrefix: 'field_', actionId: 'value' },
  deny: { callbackId: 'tandem_action_deny_modal', blockId: 'deny_reason', actionId: 'reason' },
} as const;

/** Approve, Edit and Deny for one proposal. */
function renderActionDecisionButtons(
  action: { caseId: string; proposalId: string },
  ref?: DeskRef,
): Button[] {
  const value = encodeActionValue({
    caseId: action.caseId,
    proposalId: action.proposalId,
    thread: threadTs(ref),
  });
  return [
    button('✅ Approve', ACTION_IDS.approveAction, value, 'primary'),
    button('✏️ Edit', ACTION_IDS.editAction, value),
    button('🚫 Deny', ACTION_IDS.denyAction, value, 'danger'),
  ];
}

/** What the Edit and Deny modals carry back in `private_metadata`. */
export interface ActionModalMetadata {
  caseId: string;
  proposalId: string;
  channel: string;
  ts: string;
}

/** The Edit modal: one input per editable field, prefilled with the proposal's current values. */
export function renderActionEditModal(
  metadata: ActionModalMetadata,
  action: string,
  fields: { name: string; label: string; value: string }[],
): ModalView {
  return {
    type: 'modal',
    callback_id: ACTION_MODALS.edit.callbackId,
    private_metadata: JSON.stringify(metadata),
    title: { type: 'plain_text', text: 'Edit the action' },
    submit: { type: 'plain_text', text: 'Save' },
    close: { type: 'plain_text', text: 'Cancel' },
    blocks: [
      section(`Change the arguments of *${escapeMrkdwn(action)}*, then Approve it in the thread.`),
      ...fields.map(
        (field): KnownBlock => ({
          type: 'input',
          block_id: `${ACTION_MODALS.edit.blockPrefix}${field.name}`,
          label: { type: 'plain_text', text: truncatePlain(field.label, 150) },
          element: {
            type: 'plain_text_input',
            action_id: ACTION_MODALS.edit.actionId,
            initial_value: truncatePlain(field.value, 3000),
            max_length: 500,
          },
        }),
      ),
    ],
  };
}

/** The Deny modal: an optional reason, told to the customer. */
export function renderActionDenyModal(metadata: ActionModalMetadata, action: string): ModalView {
  return {
    type: 'modal',
    callback_id: ACTION_MODALS.deny.callbackId,
    private_metadata: JSON.stringify(metadata),
    title: { type: 'plain_text', text: 'Deny the action' },
    submit: { type: 'plain_text', text: 'Deny' },
    close: { type: 'plain_text', text: 'Cancel' },
    blocks: [
      section(`The customer is told that *${escapeMrkdwn(action)}* will not be done.`),
      {
        type: 'input',
        block_id: ACTION_MODALS.deny.blockId,
        optional: true,
        label: { type: 'plain_text', text: 'Reason for the customer (optional)' },
        element: {
          type: 'plain_text_input',
          action_id: ACTION_MODALS.deny.actionId,
          multiline: true,
          max_length: 300,
        },
      },
    ],
  };
}
