/**
 * The playground page: a phone (the customer), a Slack-like channel (the agents) and an inspector,
 * kept live by the server's event stream. The page holds no secret: it tells the server what the
 * customer or an agent did, and the server sends the signed requests Twilio and Slack would.
 */
import { blocks, emojiLabel, mrkdwn, reactionEmoji } from './blocks.js';
import { clock, h, initials, replace } from './dom.js';

const state = {
  config: null,
  /** Customer messages by id. */
  inbound: new Map(),
  /** Customer-bound messages by Twilio sid. */
  outbound: new Map(),
  /** Slack messages by ts. */
  slack: new Map(),
  ephemerals: [],
  /** Modals by view id. */
  views: new Map(),
  conversations: [],
  /** Calls to the emulated orders API (the AI's actions). */
  orders: [],
  agentId: '',
  threadTs: '',
  inspected: '',
  phone: { channel: 'whatsapp', number: '+15557770001', name: 'Maya' },
};

const $ = (selector) => document.querySelector(selector);
const ui = {
  modes: $('#modes'),
  connection: $('#connection'),
  phone: $('#phone'),
  phoneTitle: $('#phone-contact'),
  phoneSubtitle: $('#phone-subtitle'),
  bubbles: $('#bubbles'),
  composer: $('#composer'),
  message: $('#customer-message'),
  number: $('#customer-number'),
  name: $('#customer-name'),
  nameField: $('#customer-name-field'),
  phoneNotice: $('#phone-notice'),
  suggestions: $('#suggestions'),
  agents: $('#agents'),
  channelName: $('#channel-name'),
  channel: $('#channel-messages'),
  slackNotice: $('#slack-notice'),
  thread: $('#thread'),
  threadRoot: $('#thread-root'),
  threadMessages: $('#thread-messages'),
  threadComposer: $('#thread-composer'),
  threadAs: $('#thread-as'),
  reply: $('#agent-reply'),
  closeThread: $('#close-thread'),
  inspector: $('#inspector-body'),
  conversationPicker: $('#conversation-picker'),
  modal: $('#modal'),
  toast: $('#toast'),
};

const AGENT_COLORS = ['#e01e5a', '#2eb67d', '#ecb22e', '#36c5f0', '#7c3aed', '#f97316'];

// ─── server calls ────────────────────────────────────────────────────────────────────────────────

async function post(action, body) {
  const response = await fetch(`/playground/api/${action}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  const answer = await response.json().catch(() => ({}));
  if (!response.ok) throw new Error(answer.error ?? `${action} failed (${response.status})`);
  return answer;
}

let toastTimer;
function toast(text) {
  ui.toast.textContent = text;
  ui.toast.hidden = false;
  clearTimeout(toastTimer);
  toastTimer = setTimeout(() => {
    ui.toast.hidden = true;
  }, 6000);
}

/** Runs `work` with `control` disabled, reporting failures (and non-200 answers from Tandem). */
async function act(control, work) {
  if (control) control.disabled = true;
  try {
    const answer = await work();
    if (answer && typeof answer.status === 'number' && answer.status !== 200) {
      toast(`Tandem answered HTTP ${answer.status}`);
    }
    return answer;
  } catch (error) {
    toast(error.message);
    return undefined;
  } finally {
    if (control?.isConnected) control.disabled = false;
  }
}

// ─── names and helpers ───────────────────────────────────────────────────────────────────────────

function agent(id) {
  return state.config?.agents.find((candidate) => candidate.id === id);
}

function userName(id) {
  if (id === 'UBOT') return 'Tandem';
  return agent(id)?.name ?? id;
}

function agentColor(id) {
  const index = state.config?.agents.findIndex((candidate) => candidate.id === id) ?? -1;
  return index === -1 ? '#64748b' : AGENT_COLORS[index % AGENT_COLORS.length];
}

function tsTime(ts) {
  return clock(new Date(Number(ts) * 1000).toISOString());
}

function conversationIdOf(channel, number) {
  return `${channel}|${number}|${state.config?.businessNumber ?? ''}`;
}

function describeConversation(id) {
  const [channel, number] = id.split('|');
  const name = [...state.inbound.values()].find(
    (message) => message.conversationId === id && message.name,
  )?.name;
  return `${channel === 'whatsapp' ? 'WhatsApp' : 'SMS'} · ${number}${name ? ` (${name})` : ''}`;
}

// ─── header ──────────────────────────────────────────────────────────────────────────────────────

function renderModes() {
  const { modes } = state.config;
  const model = {
    offline: 'offline responder',
    anthropic: 'Anthropic Claude',
    bedrock: 'Claude on Bedrock',
  };
  const service = { emulated: 'emulated', real: 'real', missing: 'unavailable' };
  const items = [
    ['Twilio', modes.twilio, service[modes.twilio] ?? modes.twilio],
    ['Slack', modes.slack, service[modes.slack] ?? modes.slack],
    ['AI', modes.model === 'offline' ? 'emulated' : 'real', model[modes.model] ?? modes.model],
  ];
  replace(
    ui.modes,
    items.map(([label, kind, text]) =>
      h(
        'li',
        { class: `mode ${kind}`, title: kind === 'real' ? `${label} is the real service` : '' },
        h('span', { class: 'mode-label', text: label }),
        h('span', {
          class: 'mode-value',
          text: kind === 'real' && text !== 'real' ? `${text} · real` : text,
        }),
      ),
    ),
  );
}

function setConnection(live) {
  ui.connection.className = `connection ${live ? 'live' : 'down'}`;
  ui.connection.textContent = live ? 'Live' : 'Reconnecting…';
}

// ─── phone ───────────────────────────────────────────────────────────────────────────────────────

function phoneAddress() {
  // Before the configuration arrives there are no messages to match, so no address is needed.
  if (state.phone.channel !== 'whatsapp') return state.phone.number;
  return state.config ? `${state.config.ids.whatsappPrefix}${state.phone.number}` : undefined;
}

const STATUS_TICKS = {
  queued: ['🕓', 'queued'],
  accepted: ['🕓', 'queued'],
  sending: ['🕓', 'sending'],
  sent: ['✓', 'sent'],
  delivered: ['✓✓', 'delivered'],
  read: ['✓✓', 'read'],
  failed: ['⚠', 'failed'],
  undelivered: ['⚠', 'undelivered'],
};

function ticks(status, errorCode) {
  const [mark, label] = STATUS_TICKS[status] ?? ['', status];
  const text = errorCode ? `${label} (error ${errorCode})` : label;
  return h(
    'span',
    { class: `ticks ${status}`, title: `Delivery status: ${text}` },
    h('span', { 'aria-hidden': 'true', text: mark }),
    h('span', { class: 'visually-hidden', text: text }),
    status === 'failed' || status === 'undelivered'
      ? h('span', { class: 'tick-label', text: ` ${text}` })
      : null,
  );
}

function templateText(message) {
  let variables = [];
  try {
    variables = Object.values(JSON.parse(message.contentVariables ?? '{}'));
  } catch {
    variables = [];
  }
  return `Template message${variables.length ? `: ${variables.join(' · ')}` : ''}`;
}

function renderPhone() {
  const { channel, number } = state.phone;
  const address = phoneAddress();
  const id = conversationIdOf(channel, number);
  const items = [
    ...[...state.inbound.values()]
      .filter((message) => message.conversationId === id)
      .map((message) => ({ at: message.at, kind: 'customer', message })),
    ...[...state.outbound.values()]
      .filter((message) => message.to === address)
      .map((message) => ({ at: message.at, kind: 'business', message })),
  ].sort((a, b) => a.at.localeCompare(b.at));

  ui.phone.dataset.channel = channel;
  ui.phoneTitle.textContent = state.config?.brand ?? 'Business';
  ui.phoneSubtitle.textContent = `${channel === 'whatsapp' ? 'WhatsApp' : 'SMS'} · ${state.config?.businessNumber ?? ''}`;
  ui.nameField.hidden = channel !== 'whatsapp';

  if (items.length === 0) {
    replace(
      ui.bubbles,
      h('li', { class: 'empty-phone' }, 'No messages yet. Write below, or try a suggestion.'),
    );
    return;
  }
  replace(
    ui.bubbles,
    items.map(({ kind, message }) => {
      if (kind === 'customer') {
        const status =
          message.state === 'accepted' ? 'delivered' : message.state === 'rejected' ? 'failed' : 'sending';
        return h(
          'li',
          { class: 'bubble customer', 'data-state': message.state },
          h('span', { class: 'visually-hidden', text: 'Customer: ' }),
          h('span', { class: 'bubble-text', text: message.body }),
          h(
            'span',
            { class: 'bubble-meta' },
            clock(message.at),
            ' ',
            ticks(status, message.state === 'rejected' ? `HTTP ${message.httpStatus}` : undefined),
          ),
        );
      }
      return h(
        'li',
        { class: `bubble business${message.contentSid ? ' template' : ''}`, 'data-sid': message.sid },
        h('span', { class: 'visually-hidden', text: `${state.config?.brand ?? 'Business'}: ` }),
        h('span', { class: 'bubble-text', text: message.body ?? templateText(message) }),
        h('span', { class: 'bubble-meta' }, clock(message.at), ' ', ticks(message.status, message.errorCode)),
      );
    }),
  );
  ui.bubbles.scrollTop = ui.bubbles.scrollHeight;
}

function readPhoneSettings() {
  const channel = document.querySelector('input[name="channel"]:checked')?.value ?? 'whatsapp';
  state.phone = { channel, number: ui.number.value.trim(), name: ui.name.value.trim() };
  renderPhone();
  const id = conversationIdOf(state.phone.channel, state.phone.number);
  if (state.conversations.includes(id)) inspect(id);
}

async function sendAsCustomer(body, control) {
  const text = body.trim();
  if (!text) return;
  readPhoneSettings();
  const answer = await act(control, () =>
    post('customer', {
      channel: state.phone.channel,
      from: state.phone.number,
      ...(state.phone.channel === 'whatsapp' && state.phone.name ? { name: state.phone.name } : {}),
      body: text,
    }),
  );
  if (answer?.conversationId) inspect(answer.conversationId);
  return answer;
}

ui.composer.addEventListener('submit', async (event) => {
  event.preventDefault();
  const text = ui.message.value;
  if (!text.trim()) return;
  ui.message.value = '';
  await sendAsCustomer(text, event.submitter);
  ui.message.focus();
});
for (const input of document.querySelectorAll('#customer-setup input')) {
  input.addEventListener('change', readPhoneSettings);
}
ui.number.addEventListener('input', () => {
  ui.number.setCustomValidity(
    /^\+[1-9]\d{6,14}$/.test(ui.number.value.trim()) ? '' : 'Use E.164, like +15557770001',
  );
});
for (const chip of ui.suggestions.querySelectorAll('button:not(#send-photo)')) {
  chip.addEventListener('click', () => sendAsCustomer(chip.dataset.text ?? chip.textContent, chip));
}
// The customer sends a photo (a sample image served by the emulated Twilio), captioned with the composer text.
document.querySelector('#send-photo')?.addEventListener('click', async (event) => {
  readPhoneSettings();
  const caption = ui.message.value.trim();
  ui.message.value = '';
  const answer = await act(event.currentTarget, () =>
    post('photo', {
      channel: state.phone.channel,
      from: state.phone.number,
      ...(state.phone.channel === 'whatsapp' && state.phone.name ? { name: state.phone.name } : {}),
      body: caption,
    }),
  );
  if (answer?.conversationId) inspect(answer.conversationId);
});

// ─── Slack ───────────────────────────────────────────────────────────────────────────────────────

function renderAgents() {
  replace(
    ui.agents,
    state.config.agents.map((candidate) =>
      h(
        'label',
        { class: 'agent-choice' },
        h('input', {
          type: 'radio',
          name: 'agent',
          value: candidate.id,
          checked: candidate.id === state.agentId,
          onchange: () => {
            state.agentId = candidate.id;
            renderSlack();
            renderModal();
          },
        }),
        h('span', {
          class: 'avatar small',
          style: { '--avatar': agentColor(candidate.id) },
          'aria-hidden': 'true',
          text: initials(candidate.name),
        }),
        h('span', { text: candidate.name }),
      ),
    ),
  );
}

function isRoot(message) {
  return !message.thread_ts || message.thread_ts === message.ts;
}

/** What a click on a block element sends, and where the answer shows. */
function blockContext(message, options = {}) {
  return {
    userName,
    onAction: ({ element, value, selectedValue }, control) =>
      act(control, () =>
        post('click', {
          agentId: state.agentId,
          actionId: element.action_id,
          ...(value !== undefined ? { value } : {}),
          ...(selectedValue !== undefined ? { selectedValue } : {}),
          messageTs: options.ephemeral ? message.message_ts : message.ts,
          ...(message.thread_ts ? { threadTs: message.thread_ts } : {}),
          ...(options.ephemeral ? { ephemeral: true } : {}),
        }),
      ),
  };
}

function author(userId, isBot) {
  return h(
    'div',
    { class: 'author' },
    h('span', { class: 'author-name', text: isBot ? 'Tandem' : userName(userId) }),
    isBot ? h('span', { class: 'app-badge', text: 'APP' }) : null,
  );
}

function avatar(userId, isBot) {
  return h('span', {
    class: `avatar${isBot ? ' bot' : ''}`,
    style: isBot ? undefined : { '--avatar': agentColor(userId) },
    'aria-hidden': 'true',
    text: isBot ? 'T' : initials(userName(userId)),
  });
}

function messageBody(message, ctx) {
  if (message.blocks?.length) return blocks(message.blocks, ctx);
  // Bots post escaped mrkdwn; a person's text is shown exactly as typed.
  if (message.bot_id) return mrkdwn(message.text ?? '', ctx);
  return h('div', { class: 'plain-text', text: message.text ?? '' });
}

/** Files shared with a message (files.uploadV2): images inline, other files as downloads. */
function sharedFiles(message) {
  if (!message.files?.length) return null;
  return h(
    'div',
    { class: 'shared-files' },
    message.files.map((file) => {
      const src = `/playground/api/file?id=${encodeURIComponent(file.id)}`;
      const image = /^image\/(png|jpeg|gif|webp)$/.test(file.mimetype ?? '');
      return image
        ? h(
            'a',
            { class: 'shared-file', href: src, target: '_blank', rel: 'noopener' },
            h('img', { src, alt: file.title ?? file.name ?? 'image' }),
          )
        : h('a', {
            class: 'shared-file download',
            href: src,
            text: `📎 ${file.title ?? file.name} (${file.mimetype})`,
          });
    }),
  );
}

function reactions(message) {
  if (!message.reactions?.length) return null;
  return h(
    'div',
    { class: 'reactions' },
    message.reactions.map((reaction) =>
      h(
        'span',
        {
          class: 'reaction',
          title: `${reaction.users.map(userName).join(', ')} reacted with :${reaction.name}:`,
        },
        h('span', { 'aria-hidden': 'true', text: reactionEmoji(reaction.name) }),
        h('span', { class: 'visually-hidden', text: `${reaction.name} reaction` }),
        ` ${reaction.users.length}`,
      ),
    ),
  );
}

function hasClaim(message) {
  return claimValue(message) !== undefined;
}

function claimValue(message) {
  for (const block of message.blocks ?? []) {
    for (const element of block.elements ?? []) {
      if (element.action_id === state.config?.ids.claim) return element.value;
    }
  }
  return undefined;
}

function slackMessage(message, { inThread = false } = {}) {
  const isBot = Boolean(message.bot_id);
  const footer = [];
  if (!inThread && isRoot(message)) {
    const replies = message.reply_count ?? 0;
    const open = state.threadTs === message.ts;
    footer.push(
      h(
        'button',
        {
          type: 'button',
          class: `thread-link${open ? ' open' : ''}`,
          'aria-expanded': open ? 'true' : 'false',
          onclick: () => openThread(message.ts),
        },
        replies > 0 ? `${replies} ${replies === 1 ? 'reply' : 'replies'}` : 'Reply in thread',
      ),
    );
    if (hasClaim(message) && state.config.agents.length > 1) {
      footer.push(
        h(
          'button',
          {
            type: 'button',
            class: 'race',
            title: 'Every agent clicks Claim at the same moment: exactly one becomes the owner',
            onclick: (event) =>
              act(event.currentTarget, () =>
                post('race', { messageTs: message.ts, value: claimValue(message) }),
              ),
          },
          emojiLabel('⚡ Race all agents'),
        ),
      );
    }
  }
  return h(
    'li',
    {
      class: `message${message.blocks?.length ? ' card' : ''}${state.threadTs === message.ts && !inThread ? ' selected' : ''}`,
      'data-ts': message.ts,
    },
    avatar(message.user, isBot),
    h(
      'div',
      { class: 'message-main' },
      h(
        'div',
        { class: 'message-head' },
        author(message.user, isBot),
        h('time', { class: 'message-time', text: tsTime(message.ts) }),
        message.edited ? h('span', { class: 'edited', text: '(edited)' }) : null,
      ),
      messageBody(message, blockContext(message)),
      sharedFiles(message),
      reactions(message),
      footer.length ? h('div', { class: 'message-footer' }, footer) : null,
    ),
  );
}

function ephemeralMessage(ephemeral) {
  return h(
    'li',
    { class: 'message ephemeral', 'data-ts': ephemeral.message_ts },
    avatar('UBOT', true),
    h(
      'div',
      { class: 'message-main' },
      h(
        'div',
        { class: 'message-head' },
        author('UBOT', true),
        h('time', { class: 'message-time', text: tsTime(ephemeral.message_ts) }),
      ),
      h(
        'div',
        { class: 'only-you' },
        h('span', { 'aria-hidden': 'true', text: '👁 ' }),
        'Only visible to you',
      ),
      messageBody({ ...ephemeral, bot_id: 'BBOT' }, blockContext(ephemeral, { ephemeral: true })),
    ),
  );
}

function mine(ephemeral) {
  return ephemeral.user === state.agentId;
}

function keepScroll(list, render) {
  const atBottom = list.scrollHeight - list.scrollTop - list.clientHeight < 40;
  render();
  if (atBottom) list.scrollTop = list.scrollHeight;
}

function renderChannel() {
  const roots = [...state.slack.values()].filter(isRoot);
  const ephemerals = state.ephemerals.filter((ephemeral) => mine(ephemeral) && !ephemeral.thread_ts);
  const items = [
    ...roots.map((message) => ({ ts: message.ts, node: () => slackMessage(message) })),
    ...ephemerals.map((ephemeral) => ({ ts: ephemeral.message_ts, node: () => ephemeralMessage(ephemeral) })),
  ].sort((a, b) => Number(a.ts) - Number(b.ts));
  keepScroll(ui.channel, () => {
    if (items.length === 0) {
      replace(
        ui.channel,
        h(
          'li',
          { class: 'empty-channel' },
          h('strong', { text: 'No escalations yet.' }),
          h('br'),
          'Ask the AI for a person on the phone ("I want to talk to a person") and a card appears here.',
        ),
      );
      return;
    }
    replace(
      ui.channel,
      items.map((item) => item.node()),
    );
  });
}

function rootSummary(root) {
  // The card itself stays in the channel; the thread only names it.
  const summary = (root.blocks ?? []).filter((b) => b.type === 'header');
  return h(
    'div',
    { class: 'thread-root-card' },
    summary.length
      ? blocks(summary, { userName, onAction: () => {} })
      : mrkdwn(root.text ?? '', { userName }),
  );
}

function renderThread() {
  const root = state.slack.get(state.threadTs);
  ui.thread.hidden = !root;
  if (!root) return;
  replace(ui.threadRoot, rootSummary(root));
  const replies = [...state.slack.values()].filter(
    (message) => message.thread_ts === root.ts && message.ts !== root.ts,
  );
  const ephemerals = state.ephemerals.filter(
    (ephemeral) => mine(ephemeral) && ephemeral.thread_ts === root.ts,
  );
  const items = [
    ...replies.map((message) => ({ ts: message.ts, node: () => slackMessage(message, { inThread: true }) })),
    ...ephemerals.map((ephemeral) => ({ ts: ephemeral.message_ts, node: () => ephemeralMessage(ephemeral) })),
  ].sort((a, b) => Number(a.ts) - Number(b.ts));
  keepScroll(ui.threadMessages, () => {
    replace(
      ui.threadMessages,
      items.length
        ? items.map((item) => item.node())
        : h('li', { class: 'empty-thread', text: 'No replies yet.' }),
    );
  });
  ui.threadAs.textContent = `Replying as ${userName(state.agentId)}`;
}

function renderSlack() {
  renderChannel();
  renderThread();
}

async function openThread(ts) {
  state.threadTs = ts;
  renderSlack();
  ui.threadMessages.scrollTop = ui.threadMessages.scrollHeight;
  try {
    const response = await fetch(`/playground/api/inspect?thread=${encodeURIComponent(ts)}`);
    const answer = await response.json();
    if (answer.conversationId) inspect(answer.conversationId);
  } catch {
    // The inspector keeps its current conversation.
  }
}

ui.closeThread.addEventListener('click', () => {
  state.threadTs = '';
  renderSlack();
});

ui.threadComposer.addEventListener('submit', async (event) => {
  event.preventDefault();
  const text = ui.reply.value.trim();
  if (!text || !state.threadTs) return;
  // Cleared at once, as Slack does; the text comes back if the reply could not be sent.
  ui.reply.value = '';
  const answer = await act(event.submitter, () =>
    post('reply', { agentId: state.agentId, threadTs: state.threadTs, text }),
  );
  if (!answer && !ui.reply.value) ui.reply.value = text;
  ui.reply.focus();
});
ui.reply.addEventListener('keydown', (event) => {
  if (event.key === 'Enter' && !event.shiftKey) {
    event.preventDefault();
    ui.threadComposer.requestSubmit();
  }
});

// ─── modal (hand back to the AI) ─────────────────────────────────────────────────────────────────

let shownView = '';

function renderModal() {
  const open = [...state.views.values()].find(
    (view) => view.open && (!view.user || view.user === state.agentId),
  );
  if (!open) {
    shownView = '';
    if (ui.modal.open) ui.modal.close();
    return;
  }
  if (shownView === open.id && ui.modal.open) return;
  shownView = open.id;
  const view = open.view;
  const titleId = `modal-title-${open.id}`;
  const form = h(
    'form',
    {
      class: 'modal-form',
      method: 'dialog',
      onsubmit: async (event) => {
        event.preventDefault();
        const values = {};
        for (const field of form.querySelectorAll('[data-block-id]')) {
          values[field.dataset.blockId] ??= {};
          values[field.dataset.blockId][field.dataset.actionId] = field.value;
        }
        await act(event.submitter, () => post('submit', { agentId: state.agentId, viewId: open.id, values }));
      },
    },
    h('h2', { id: titleId, class: 'modal-title', text: String(view.title?.text ?? 'Dialog') }),
    blocks(view.blocks ?? [], { userName, onAction: () => {} }),
    h(
      'div',
      { class: 'modal-actions' },
      h('button', {
        type: 'button',
        class: 'secondary',
        text: String(view.close?.text ?? 'Cancel'),
        onclick: (event) => act(event.currentTarget, () => post('dismiss', { viewId: open.id })),
      }),
      h('button', { type: 'submit', class: 'primary', text: String(view.submit?.text ?? 'Submit') }),
    ),
  );
  ui.modal.setAttribute('aria-labelledby', titleId);
  replace(ui.modal, form);
  if (!ui.modal.open) ui.modal.showModal();
  form.querySelector('textarea, input')?.focus();
}

ui.modal.addEventListener('cancel', (event) => {
  event.preventDefault();
  if (shownView) act(null, () => post('dismiss', { viewId: shownView }));
});

// ─── inspector ───────────────────────────────────────────────────────────────────────────────────

let inspectTimer;
let inspectSeq = 0;

function inspect(conversationId) {
  if (conversationId) state.inspected = conversationId;
  clearTimeout(inspectTimer);
  inspectTimer = setTimeout(loadInspector, 150);
}

function renderConversationPicker() {
  const ids = state.conversations;
  replace(
    ui.conversationPicker,
    ids.length === 0 ? h('option', { value: '', text: 'No conversation yet' }) : null,
    ids.map((id) =>
      h('option', { value: id, selected: id === state.inspected, text: describeConversation(id) }),
    ),
  );
  ui.conversationPicker.disabled = ids.length === 0;
}

ui.conversationPicker.addEventListener('change', () => inspect(ui.conversationPicker.value));

async function loadInspector() {
  renderConversationPicker();
  const id = state.inspected;
  if (!id) return;
  const seq = ++inspectSeq;
  let data;
  try {
    const response = await fetch(`/playground/api/inspect?conversation=${encodeURIComponent(id)}`);
    data = await response.json();
    if (!response.ok) throw new Error(data.error ?? `HTTP ${response.status}`);
  } catch (error) {
    if (seq === inspectSeq)
      replace(ui.inspector, h('p', { class: 'muted', text: `Could not load: ${error.message}` }));
    return;
  }
  if (seq !== inspectSeq) return;
  renderInspector(data);
}

function sentimentFace(score) {
  if (score <= -0.6) return '😠';
  if (score <= -0.2) return '🙁';
  if (score < 0.2) return '😐';
  return '🙂';
}

function fact(term, ...definition) {
  return [h('dt', { text: term }), h('dd', {}, ...definition)];
}

const AUTHOR = { customer: 'Customer', ai: 'AI', agent: 'Agent', system: 'System' };

function renderInspector(data) {
  const conversation = data.conversation;
  if (!conversation) {
    replace(ui.inspector, h('p', { class: 'muted', text: 'Waiting for Tandem to open this conversation…' }));
    return;
  }
  const kase = data.case;
  const usage = conversation.usage;
  const totals = (data.messages ?? []).reduce(
    (sum, message) => ({
      input: sum.input + (message.tokens?.input ?? 0),
      output: sum.output + (message.tokens?.output ?? 0),
    }),
    { input: 0, output: 0 },
  );
  const summary = h(
    'dl',
    { class: 'facts' },
    fact(
      'Mode',
      h('span', {
        class: `mode-badge ${conversation.mode}`,
        'data-testid': 'inspector-mode',
        text: conversation.mode,
      }),
    ),
    fact(
      'Owner',
      conversation.owner
        ? (agent(conversation.owner.id)?.name ?? conversation.owner.name ?? conversation.owner.id)
        : '—',
    ),
    fact(
      'Case',
      kase
        ? h(
            'span',
            {},
            h('code', { text: kase.caseId.slice(0, 8) }),
            ` ${kase.status}`,
            kase.outcome ? ` · ${kase.outcome}` : '',
          )
        : '—',
    ),
    kase ? fact('Reason', `${kase.packet.reason.replaceAll('_', ' ')} · ${kase.priority}`) : null,
    fact(
      'Tokens',
      `${totals.input} in · ${totals.output} out${usage ? ` · ${usage.calls} call${usage.calls === 1 ? '' : 's'} this hour` : ''}`,
    ),
  );
  const turns = (data.messages ?? []).map((message) => {
    const chips = [];
    if (typeof message.sentiment === 'number') {
      chips.push(
        h(
          'span',
          { class: 'chip sentiment', title: 'Sentiment, −1 to 1' },
          h('span', { 'aria-hidden': 'true', text: `${sentimentFace(message.sentiment)} ` }),
          `sentiment ${message.sentiment.toFixed(2)}`,
        ),
      );
    }
    // `processed` is bookkeeping (the worker's once-only marker), not something a guardrail saw.
    for (const flag of (message.flags ?? []).filter((name) => name !== 'processed')) {
      const kind = flag.startsWith('escalation:') ? ' escalation' : '';
      chips.push(h('span', { class: `chip flag${kind}`, title: 'Guardrail flag', text: flag }));
    }
    for (const passage of message.passages ?? [])
      chips.push(h('span', { class: 'chip passage', title: 'Knowledge-base passage used', text: passage }));
    if (message.tokens) {
      const cache = message.tokens.cacheRead ? ` · ${message.tokens.cacheRead} cached` : '';
      chips.push(
        h('span', {
          class: 'chip tokens',
          text: `${message.tokens.input} in · ${message.tokens.output} out${cache}`,
        }),
      );
    }
    if (message.template) chips.push(h('span', { class: 'chip', text: 'template' }));
    if (message.direction === 'outbound' && message.status) {
      chips.push(h('span', { class: `chip status ${message.status}`, text: message.status }));
    }
    const who =
      message.author === 'agent' && message.agent
        ? `Agent ${agent(message.agent.id)?.name ?? message.agent.name ?? message.agent.id}`
        : AUTHOR[message.author];
    return h(
      'li',
      { class: `turn ${message.author}` },
      h(
        'div',
        { class: 'turn-head' },
        h('span', { class: 'turn-author', text: who }),
        h('time', { text: clock(message.at) }),
      ),
      h('div', { class: 'turn-text', text: message.text }),
      chips.length ? h('div', { class: 'chips' }, chips) : null,
    );
  });
  const facts = Object.entries(data.profile?.facts ?? {});
  replace(
    ui.inspector,
    summary,
    h('h3', { class: 'inspector-heading', text: 'Turns' }),
    turns.length ? h('ol', { class: 'turns' }, turns) : h('p', { class: 'muted', text: 'No messages yet.' }),
    facts.length
      ? [
          h('h3', { class: 'inspector-heading', text: 'Remembered' }),
          h(
            'dl',
            { class: 'facts' },
            facts.map(([key, value]) => fact(key, value)),
          ),
        ]
      : null,
  );
}

// ─── live stream ─────────────────────────────────────────────────────────────────────────────────

function applyConfig(config) {
  state.config = config;
  document.body.dataset.homeAvailabilityAction = config.ids.homeAvailability; // read by desk.js
  if (!config.agents.some((candidate) => candidate.id === state.agentId))
    state.agentId = config.agents[0]?.id ?? '';
  renderModes();
  renderAgents();
  ui.channelName.textContent = 'escalations';
  ui.channelName.title = `Channel ${config.channel}`;
  ui.phoneNotice.hidden = config.phoneEnabled;
  ui.phoneNotice.textContent = config.phoneEnabled
    ? ''
    : 'Twilio credentials are set, so Twilio is real: the playground does not text real phones. Write to your Twilio number from a phone; the inspector shows the conversation.';
  for (const control of document.querySelectorAll('#composer input, #composer button, #suggestions button')) {
    control.disabled = !config.phoneEnabled;
  }
  ui.slackNotice.hidden = config.slackEnabled;
  ui.slackNotice.textContent = config.slackEnabled
    ? ''
    : `Slack credentials are set, so Slack is real: escalation cards go to channel ${config.channel} in your workspace. Claim and reply there.`;
  for (const control of document.querySelectorAll('#thread-composer textarea, #thread-composer button')) {
    control.disabled = !config.slackEnabled;
  }
}

/** The orders API calls, newest first: method, path, status and the JSON body sent. */
function renderOrders() {
  const list = document.querySelector('#orders-calls');
  if (!list) return;
  replace(
    list,
    ...[...state.orders]
      .reverse()
      .map((call) =>
        h(
          'li',
          { class: `orders-call ${call.status >= 400 ? 'failed' : 'ok'}` },
          h('span', { class: 'orders-time' }, clock(call.at)),
          h('code', {}, `${call.method} ${call.path}`),
          h('span', { class: 'orders-status' }, ` → ${call.status}`),
          call.body ? h('pre', { class: 'orders-body' }, JSON.stringify(call.body)) : null,
        ),
      ),
  );
}

function addConversation(id) {
  if (!state.conversations.includes(id)) state.conversations.push(id);
}

function handle(event) {
  switch (event.type) {
    case 'hello': {
      applyConfig(event.config);
      state.inbound = new Map(event.inbound.map((message) => [message.id, message]));
      state.outbound = new Map(event.outbound.map((message) => [message.sid, message]));
      state.slack = new Map(event.slack.messages.map((message) => [message.ts, message]));
      state.ephemerals = event.slack.ephemerals;
      state.views = new Map(event.slack.views.map((view) => [view.id, view]));
      state.conversations = [...event.conversations];
      state.orders = event.orders ?? [];
      renderOrders();
      if (!state.inspected) {
        const phoneId = conversationIdOf(state.phone.channel, state.phone.number);
        state.inspected = state.conversations.includes(phoneId)
          ? phoneId
          : (state.conversations.at(-1) ?? '');
      }
      renderPhone();
      renderSlack();
      renderModal();
      inspect();
      return;
    }
    case 'inbound':
      state.inbound.set(event.message.id, event.message);
      addConversation(event.message.conversationId);
      renderPhone();
      break;
    case 'outbound':
      state.outbound.set(event.message.sid, event.message);
      renderPhone();
      break;
    case 'slack.message': {
      const isNew = !state.slack.has(event.message.ts);
      state.slack.set(event.message.ts, event.message);
      // The first card opens its thread, so the transcript is in view without a click.
      if (isNew && !state.threadTs && isRoot(event.message) && event.message.blocks?.length) {
        openThread(event.message.ts);
        return;
      }
      renderSlack();
      break;
    }
    case 'slack.ephemeral':
      state.ephemerals.push(event.ephemeral);
      renderSlack();
      break;
    case 'slack.view':
      state.views.set(event.view.id, event.view);
      renderModal();
      break;
    case 'orders.call':
      state.orders.push(event.call);
      renderOrders();
      return;
    default:
      return;
  }
  inspect();
}

function connect() {
  const source = new EventSource('/playground/api/events');
  source.addEventListener('open', () => setConnection(true));
  source.addEventListener('error', () => setConnection(false));
  source.addEventListener('message', (message) => {
    setConnection(true);
    handle(JSON.parse(message.data));
  });
}

readPhoneSettings();
connect();
