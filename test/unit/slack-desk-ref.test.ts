import { describe, expect, it } from 'vitest';
import {
  slackChannelOf,
  slackDeskRef,
  slackMessageOf,
  upgradeDeskCommand,
} from '../../functions/adapters/slack-desk-ref.ts';
import type { DeskCommandEvent, DeskRef } from '../../functions/core/model.ts';
import { replyCommandId } from '../../functions/core/use-cases/desk-actions.ts';

describe('the Slack desk reference', () => {
  it('reads back the channel and ts it was made of', () => {
    const ref = slackDeskRef('C0DESK', '1700000000.000100');
    expect(slackMessageOf(ref)).toEqual({ channel: 'C0DESK', ts: '1700000000.000100' });
    expect(slackChannelOf(ref)).toBe('C0DESK');
  });

  it('keeps the keys written before it was opaque: a reply command id is still agent#<channel>#<ts>', () => {
    expect(replyCommandId(slackDeskRef('C0DESK', '1700000000.000200'))).toBe(
      'agent#C0DESK#1700000000.000200',
    );
  });

  it('a string it did not make is refused, not misread', () => {
    expect(() => slackMessageOf('C0DESK' as DeskRef)).toThrow(/not a Slack desk reference/);
    expect(() => slackMessageOf('#1.0' as DeskRef)).toThrow(/not a Slack desk reference/);
  });
});

describe('upgradeDeskCommand', () => {
  const base = {
    type: 'desk_command',
    eventId: 'e1',
    commandId: 'agent#C0DESK#1.5',
    conversationId: 'sms|+15550000000|+15550100000',
    caseId: 'case_1',
    agent: { id: 'UANA' },
  } as const;

  it('a reply recorded by the earlier version (ref map, replyTs) is read with desk references', () => {
    const old = {
      ...base,
      ref: { channel: 'C0DESK', ts: '1.0' },
      task: { kind: 'reply', text: 'On its way', replyTs: '1.5' },
    } as unknown as DeskCommandEvent;
    expect(upgradeDeskCommand(old)).toEqual({
      ...base,
      ref: slackDeskRef('C0DESK', '1.0'),
      task: { kind: 'reply', text: 'On its way', reply: slackDeskRef('C0DESK', '1.5') },
    });
  });

  it('other tasks keep their fields; a command in the new form is returned as it is', () => {
    const old = {
      ...base,
      ref: { channel: 'C0DESK', ts: '1.0' },
      task: { kind: 'closing', outcome: 'solved', survey: true },
    } as unknown as DeskCommandEvent;
    const upgraded = upgradeDeskCommand(old);
    expect(upgraded).toEqual({ ...old, ref: slackDeskRef('C0DESK', '1.0') });
    expect(upgradeDeskCommand(upgraded)).toBe(upgraded);
  });
});
