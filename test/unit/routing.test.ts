import { describe, expect, it } from 'vitest';
import {
  channelSla,
  chooseRoute,
  type DeskRouting,
  deskRouting,
  type RouteFacts,
  routingChannels,
} from '#core/routing.ts';
import { parseBusinessSettings } from '#shared/business-settings.ts';
import { deskRoutingSchema, parseDeskRoutingJson } from '#shared/desk-routing-settings.ts';
import businessSettings from '../../config/business.ts';

const routing: DeskRouting = deskRouting(
  deskRoutingSchema.parse({
    routes: [
      { name: 'vip', match: { facts: { tier: 'VIP' } }, channel: 'CVIP' },
      { name: 'safety', match: { reasons: ['self_harm', 'abuse'] }, channel: 'CSAFE', agentGroup: 'SSAFE' },
      { name: 'spanish', match: { languages: ['es'] }, channel: 'CES' },
      { name: 'urgent-sms', match: { priorities: ['urgent'], channels: ['sms'] }, channel: 'CURG' },
      { name: 'night', match: { hours: 'closed' }, channel: 'CNIGHT' },
    ],
    channels: { CES: { escalateMinutes: 30, mentionGroup: '<!subteam^SES>' } },
  }),
  'CDEFAULT',
);

const base: RouteFacts = {
  reason: 'customer_request',
  priority: 'normal',
  channel: 'whatsapp',
  language: 'en',
  facts: {},
  open: true,
};

describe('chooseRoute: the first matching rule wins, else the default channel', () => {
  const cases: [string, Partial<RouteFacts>, string, string][] = [
    ['nothing special → default', {}, 'default', 'CDEFAULT'],
    ['a VIP fact (any case) → vip', { facts: { tier: 'vip' } }, 'vip', 'CVIP'],
    ['another fact value → not vip', { facts: { tier: 'gold' } }, 'default', 'CDEFAULT'],
    ['self-harm → safety', { reason: 'self_harm' }, 'safety', 'CSAFE'],
    ['a Spanish conversation → spanish', { language: 'es' }, 'spanish', 'CES'],
    ['unknown language → not spanish', { language: undefined }, 'default', 'CDEFAULT'],
    ['Spanish self-harm → safety (earlier rule)', { language: 'es', reason: 'self_harm' }, 'safety', 'CSAFE'],
    ['VIP in Spanish → vip (first rule)', { language: 'es', facts: { tier: 'VIP' } }, 'vip', 'CVIP'],
    ['urgent SMS → urgent-sms', { priority: 'urgent', channel: 'sms' }, 'urgent-sms', 'CURG'],
    ['urgent WhatsApp → not urgent-sms', { priority: 'urgent' }, 'default', 'CDEFAULT'],
    ['closed hours → night', { open: false }, 'night', 'CNIGHT'],
  ];
  it.each(cases)('%s', (_, facts, name, channel) => {
    const route = chooseRoute(routing, { ...base, ...facts });
    expect(route.name).toBe(name);
    expect(route.channel).toBe(channel);
  });

  it('a route carries its agent group', () => {
    expect(chooseRoute(routing, { ...base, reason: 'abuse' }).agentGroup).toBe('SSAFE');
  });
});

describe('per-channel SLA and desk channels', () => {
  const sla = { reminderMinutes: 5, escalateMinutes: 15, idleResolveMinutes: 60 };
  it('a channel with its own minutes and group uses them; others the business SLA', () => {
    expect(channelSla(routing, sla, 'CES')).toEqual({
      reminderMinutes: 5,
      escalateMinutes: 30,
      mentionGroup: '<!subteam^SES>',
    });
    expect(channelSla(routing, sla, 'CVIP')).toEqual({ reminderMinutes: 5, escalateMinutes: 15 });
  });
  it('desk actions count in the default channel and every route channel', () => {
    expect(routingChannels(routing)).toEqual(['CDEFAULT', 'CVIP', 'CSAFE', 'CES', 'CURG', 'CNIGHT']);
  });
});

describe('routing settings are checked at cold start with clear errors', () => {
  const settingsWith = (routingValue: unknown) => () =>
    parseBusinessSettings({ ...businessSettings, routing: routingValue });

  it('the sample settings have no routes: every card goes to the default channel', () => {
    expect(parseBusinessSettings(businessSettings).routing.routes).toEqual([]);
  });
  it('a channel that is not a Slack channel id is named', () => {
    expect(settingsWith({ routes: [{ name: 'x', channel: '#support' }] })).toThrow(
      /routing\.routes\.0\.channel: expected a Slack channel id/,
    );
  });
  it('an unknown reason is named', () => {
    expect(settingsWith({ routes: [{ name: 'x', channel: 'CX', match: { reasons: ['angry'] } }] })).toThrow(
      /routing\.routes\.0\.match\.reasons\.0/,
    );
  });
  it('auto-assign without an agent group is refused', () => {
    expect(settingsWith({ routes: [{ name: 'x', channel: 'CX', autoAssign: {} }] })).toThrow(
      /routing\.routes\.0\.autoAssign: autoAssign needs agentGroup/,
    );
  });
  it('two routes with one name are refused', () => {
    expect(
      settingsWith({
        routes: [
          { name: 'x', channel: 'CX' },
          { name: 'x', channel: 'CY' },
        ],
      }),
    ).toThrow(/duplicate route x/);
  });
  it('an unknown key in a match is refused (a typo never matches everything)', () => {
    expect(settingsWith({ routes: [{ name: 'x', channel: 'CX', match: { language: ['es'] } }] })).toThrow(
      /routing\.routes\.0\.match/,
    );
  });
  it('DESK_ROUTING must be JSON of the same schema', () => {
    expect(() => parseDeskRoutingJson('{routes')).toThrow(/DESK_ROUTING is not valid JSON/);
    expect(() => parseDeskRoutingJson('{"routes":[{"name":"x","channel":"nope"}]}')).toThrow(
      /DESK_ROUTING: routing\.routes\.0\.channel/,
    );
    expect(
      parseDeskRoutingJson('{"routes":[{"name":"es","channel":"CES","match":{"languages":["es"]}}]}'),
    ).toEqual({
      routes: [{ name: 'es', channel: 'CES', match: { languages: ['es'] } }],
      channels: {},
    });
  });
});
