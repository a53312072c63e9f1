/**
 * Block Kit of the agents' App Home tab (issue 16): their open cases with SLA timers, the queue of their
 * channels by priority, resolved today, CSAT over 7 days and the Away/Available toggle. Customer-shaped
 * text (the case summary) is escaped and cut; a Home tab holds at most 100 blocks.
 */
import type { HomeView, KnownBlock, SectionBlock } from '@slack/types';
import type { AgentHomeView, HomeCase } from '#core/ports.ts';
import { escapeMrkdwn, truncateMrkdwn } from './slack-blocks.ts';
import { slackChannelOf } from './slack-desk-ref.ts';

/** The toggle's action id (its value says what the agent chose: `away` or `available`). */
export const HOME_ACTION_IDS = { availability: 'tandem_home_availability' } as const;

/** Most blocks a Home tab view may hold. */
export const HOME_MAX_BLOCKS = 100;

const PRIORITY_ICON: Record<HomeCase['priority'], string> = {
  urgent: ':red_circle:',
  high: ':large_orange_circle:',
  normal: ':large_blue_circle:',
  low: ':white_circle:',
};

/** A `home` view for `views.publish`. */
export function renderAgentHome(view: AgentHomeView, brand = 'Tandem'): HomeView {
  if (view.notice) {
    return {
      type: 'home',
      blocks: [
        { type: 'header', text: { type: 'plain_text', text: `${brand} desk`, emoji: true } },
        { type: 'section', text: { type: 'mrkdwn', text: escapeMrkdwn(view.notice) } },
      ],
    };
  }
  const blocks: KnownBlock[] = [
    { type: 'header', text: { type: 'plain_text', text: `${brand} desk`, emoji: true } },
    {
      type: 'section',
      text: {
        type: 'mrkdwn',
        text: view.away
          ? ':zzz: *You are away*: no cases are assigned to you.'
          : ':large_green_circle: *You are available* for new cases.',
      },
      accessory: {
        type: 'button',
        action_id: HOME_ACTION_IDS.availability,
        text: { type: 'plain_text', text: view.away ? 'Set available' : 'Set away' },
        value: view.away ? 'available' : 'away',
        ...(view.away ? { style: 'primary' as const } : {}),
      },
    },
    {
      type: 'context',
      elements: [
        {
          type: 'mrkdwn',
          text: `Resolved today: *${view.resolvedToday}* · CSAT (7 days): *${
            view.csat.average === null ? 'n/a' : `${view.csat.average}/5`
          }* from ${view.csat.answers} answer${view.csat.answers === 1 ? '' : 's'}`,
        },
      ],
    },
    { type: 'divider' },
    { type: 'section', text: { type: 'mrkdwn', text: `*Your open cases* (${view.mine.length})` } },
    ...(view.mine.length ? view.mine.map(caseBlock) : [note('None right now.')]),
    { type: 'divider' },
    { type: 'section', text: { type: 'mrkdwn', text: `*Queue of your channels* (${view.queue.length})` } },
    ...(view.queue.length ? view.queue.map(caseBlock) : [note('Nobody is waiting.')]),
    {
      type: 'context',
      elements: [
        {
          type: 'mrkdwn',
          text: `Updated <!date^${Math.floor(Date.parse(view.at) / 1000)}^{time}|${view.at}>`,
        },
      ],
    },
  ];
  return { type: 'home', blocks: blocks.slice(0, HOME_MAX_BLOCKS) };
}

function note(text: string): KnownBlock {
  return { type: 'context', elements: [{ type: 'mrkdwn', text }] };
}

function caseBlock(item: HomeCase): SectionBlock {
  const where = item.ref ? ` in <#${slackChannelOf(item.ref)}>` : '';
  const sla =
    item.slaMinutesLeft === undefined
      ? ''
      : item.slaMinutesLeft >= 0
        ? ` · SLA ${item.slaMinutesLeft} min left`
        : ` · :warning: SLA overdue by ${-item.slaMinutesLeft} min`;
  const state = item.status === 'claimed' ? 'claimed' : item.assignedToMe ? 'assigned to you' : 'waiting';
  const summary = truncateMrkdwn(escapeMrkdwn(item.summary), 200);
  return {
    type: 'section',
    text: {
      type: 'mrkdwn',
      text: `${PRIORITY_ICON[item.priority]} *${item.priority}* · ${state}${where} · waited ${item.waitedMinutes} min${sla}\n${summary}`,
    },
  };
}
