/**
 * Renders the Block Kit subset Tandem posts (header, section text and fields, context, divider, actions
 * with buttons and static_select, input in modals) and Slack mrkdwn (bold, italic, code, strike, quotes,
 * dates, mentions, links) into DOM nodes. Everything is built with text nodes: no innerHTML.
 */
import { h } from './dom.js';

const EMOJI_PREFIX =
  /^((?:\p{Extended_Pictographic}|\p{Regional_Indicator})(?:\u{FE0F}|\u{200D}|\p{Extended_Pictographic})*)\s*/u;

/** Splits a leading emoji off a label, so a button's accessible name is its words ("🙋 Claim" → "Claim"). */
export function splitEmoji(text) {
  const match = EMOJI_PREFIX.exec(text);
  if (!match) return { emoji: '', label: text };
  return { emoji: match[1], label: text.slice(match[0].length) };
}

/** A label whose leading emoji is decorative (hidden from assistive technology). */
export function emojiLabel(text) {
  const { emoji, label } = splitEmoji(text);
  return [emoji ? h('span', { class: 'emoji', 'aria-hidden': 'true', text: emoji }) : null, label];
}

const REACTIONS = {
  white_check_mark: '✅',
  heavy_check_mark: '✔️',
  eyes: '👀',
  warning: '⚠️',
  x: '❌',
  hourglass: '⏳',
  hourglass_flowing_sand: '⏳',
  '+1': '👍',
  thumbsup: '👍',
  robot_face: '🤖',
  rotating_light: '🚨',
  envelope: '✉️',
  bell: '🔔',
};

/** The emoji of a Slack reaction name, or `:name:`. */
export function reactionEmoji(name) {
  return REACTIONS[name] ?? `:${name}:`;
}

function decodeEntities(text) {
  return text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}

function slackDate(seconds, format, fallback) {
  const date = new Date(Number(seconds) * 1000);
  if (Number.isNaN(date.getTime())) return fallback;
  const time = date.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
  const today = new Date();
  const yesterday = new Date(today.getTime() - 86_400_000);
  const day =
    date.toDateString() === today.toDateString()
      ? 'Today'
      : date.toDateString() === yesterday.toDateString()
        ? 'Yesterday'
        : date.toLocaleDateString([], { month: 'short', day: 'numeric' });
  return format
    .replace(/\{date_short_pretty\}|\{date_pretty\}|\{date_short\}|\{date\}|\{date_num\}/g, day)
    .replace(/\{time\}|\{time_secs\}/g, time);
}

/** One `<…>` control sequence: a date, a mention, a special mention or a link. */
function control(inner, ctx) {
  const [target, label] = splitOnce(inner, '|');
  if (target.startsWith('!date^')) {
    const [, seconds, format] = target.split('^');
    return h('time', {
      class: 'date',
      text: slackDate(seconds, format ?? '{date_short_pretty}', label ?? ''),
    });
  }
  if (target.startsWith('@')) {
    return h('span', { class: 'mention', text: `@${ctx.userName(target.slice(1))}` });
  }
  if (target.startsWith('!subteam^')) return h('span', { class: 'mention', text: `@${label ?? 'team'}` });
  if (target.startsWith('!')) return h('span', { class: 'mention', text: `@${target.slice(1)}` });
  if (target.startsWith('#')) return h('span', { class: 'mention', text: `#${label ?? target.slice(1)}` });
  const url = decodeEntities(target);
  const text = decodeEntities(label ?? target);
  if (/^https?:\/\//i.test(url)) {
    return h('a', { href: url, target: '_blank', rel: 'noopener noreferrer', text });
  }
  return document.createTextNode(text);
}

function splitOnce(text, separator) {
  const index = text.indexOf(separator);
  return index === -1 ? [text, undefined] : [text.slice(0, index), text.slice(index + 1)];
}

const INLINE =
  /<([^<>\n]+)>|(?<![\p{L}\p{N}])\*(\S(?:[^*\n]*\S)?)\*(?![\p{L}\p{N}])|(?<![\p{L}\p{N}])_(\S(?:[^_\n]*\S)?)_(?![\p{L}\p{N}])|`([^`\n]+)`|(?<![\p{L}\p{N}])~(\S(?:[^~\n]*\S)?)~(?![\p{L}\p{N}])/gu;

function inline(raw, ctx) {
  const nodes = [];
  let last = 0;
  for (const match of raw.matchAll(INLINE)) {
    if (match.index > last) nodes.push(decodeEntities(raw.slice(last, match.index)));
    const [, ctrl, bold, italic, code, strike] = match;
    if (ctrl !== undefined) nodes.push(control(ctrl, ctx));
    else if (bold !== undefined) nodes.push(h('strong', {}, inline(bold, ctx)));
    else if (italic !== undefined) nodes.push(h('em', {}, inline(italic, ctx)));
    else if (code !== undefined) nodes.push(h('code', { text: decodeEntities(code) }));
    else if (strike !== undefined) nodes.push(h('s', {}, inline(strike, ctx)));
    last = match.index + match[0].length;
  }
  if (last < raw.length) nodes.push(decodeEntities(raw.slice(last)));
  return nodes;
}

/** Slack mrkdwn (already escaped by the sender: `&lt;` is a literal `<`) as DOM nodes. */
export function mrkdwn(raw, ctx) {
  const container = h('div', { class: 'mrkdwn' });
  const lines = String(raw ?? '').split('\n');
  let quote;
  for (const [index, line] of lines.entries()) {
    if (line.startsWith('>') || line.startsWith('&gt;')) {
      const body = line.startsWith('>') ? line.slice(1) : line.slice(4);
      if (!quote) {
        quote = h('blockquote');
        container.append(quote);
      } else {
        quote.append(h('br'));
      }
      quote.append(...inline(body, ctx).map(toNode));
      continue;
    }
    quote = undefined;
    container.append(...inline(line, ctx).map(toNode));
    if (index < lines.length - 1 && !lines[index + 1].startsWith('>')) container.append(h('br'));
  }
  return container;
}

function toNode(part) {
  return part instanceof Node ? part : document.createTextNode(part);
}

/** A text object (`plain_text` or `mrkdwn`). */
export function textObject(object, ctx) {
  if (!object) return null;
  if (object.type === 'mrkdwn') return mrkdwn(object.text, ctx);
  return h('span', { class: 'plain' }, emojiLabel(String(object.text ?? '')));
}

function button(element, ctx) {
  const text = String(element.text?.text ?? 'Button');
  return h(
    'button',
    {
      type: 'button',
      class: `block-button ${element.style ?? 'default'}`,
      'data-action-id': element.action_id,
      onclick: (event) => ctx.onAction({ element, value: element.value }, event.currentTarget),
    },
    emojiLabel(text),
  );
}

function select(element, ctx) {
  const placeholder = String(element.placeholder?.text ?? 'Choose…');
  const name = splitEmoji(placeholder).label.replace(/…$/, '').trim();
  const control = h(
    'select',
    {
      class: 'block-select',
      'aria-label': name,
      'data-action-id': element.action_id,
      onchange: (event) => {
        const chosen = event.currentTarget.value;
        if (chosen) ctx.onAction({ element, selectedValue: chosen }, event.currentTarget);
      },
    },
    h('option', { value: '', disabled: true, selected: true, text: placeholder }),
    (element.options ?? []).map((option) =>
      h('option', { value: option.value, text: String(option.text?.text ?? option.value) }),
    ),
  );
  return control;
}

function element(el, ctx) {
  if (el.type === 'button') return button(el, ctx);
  if (el.type === 'static_select') return select(el, ctx);
  if (el.type === 'mrkdwn' || el.type === 'plain_text') return textObject(el, ctx);
  if (el.type === 'image') return h('span', { class: 'image', text: el.alt_text ?? '' });
  return null;
}

/** One block. */
export function block(b, ctx) {
  switch (b.type) {
    case 'header':
      return h('div', { class: 'block header', role: 'heading', 'aria-level': '3' }, textObject(b.text, ctx));
    case 'section':
      return h(
        'div',
        { class: 'block section' },
        b.text ? textObject(b.text, ctx) : null,
        b.fields
          ? h(
              'div',
              { class: 'fields' },
              b.fields.map((field) => h('div', { class: 'field' }, textObject(field, ctx))),
            )
          : null,
        b.accessory ? h('div', { class: 'accessory' }, element(b.accessory, ctx)) : null,
      );
    case 'context':
      return h(
        'div',
        { class: 'block context' },
        (b.elements ?? []).map((el) => element(el, ctx)),
      );
    case 'divider':
      return h('hr', { class: 'block divider' });
    case 'actions':
      return h(
        'div',
        { class: 'block actions', role: 'group' },
        (b.elements ?? []).map((el) => element(el, ctx)),
      );
    case 'input': {
      const id = `input-${b.block_id}-${b.element?.action_id}`;
      const multiline = b.element?.multiline;
      return h(
        'div',
        { class: 'block input' },
        h(
          'label',
          { for: id },
          String(b.label?.text ?? ''),
          b.optional ? h('span', { class: 'optional', text: ' (optional)' }) : null,
        ),
        h(multiline ? 'textarea' : 'input', {
          id,
          name: id,
          rows: multiline ? '4' : undefined,
          maxlength: b.element?.max_length ? String(b.element.max_length) : undefined,
          'data-block-id': b.block_id,
          'data-action-id': b.element?.action_id,
        }),
        b.hint ? h('div', { class: 'hint', text: String(b.hint.text ?? '') }) : null,
      );
    }
    default:
      return null;
  }
}

/** All blocks of a message or view. */
export function blocks(list, ctx) {
  return h(
    'div',
    { class: 'blocks' },
    (list ?? []).map((b) => block(b, ctx)),
  );
}
