import { describe, expect, it } from 'vitest';
import { parseBusinessSettings } from '#shared/business-settings.ts';
import { ConfigError, parseEnv } from '#shared/env.ts';
import businessSettings from '../../config/business.ts';

const minimal = {
  TABLE_NAME: 'tandem',
  EVENTS_QUEUE_URL: 'http://sqs.us-east-1.localhost:4566/000000000000/conversation-events.fifo',
  ESCALATIONS_QUEUE_URL: 'http://sqs.us-east-1.localhost:4566/000000000000/escalations',
};

describe('environment contract', () => {
  it('fills the documented defaults for third-party API bases', () => {
    const env = parseEnv(minimal);
    expect(env.TWILIO_API_URL).toBe('https://api.twilio.com');
    expect(env.SLACK_API_URL).toBe('https://slack.com/api/');
    expect(env.ANTHROPIC_BASE_URL).toBeUndefined();
  });

  it('treats empty credentials as absent', () => {
    expect(parseEnv({ ...minimal, TWILIO_AUTH_TOKEN: '' }).TWILIO_AUTH_TOKEN).toBeUndefined();
  });

  it('stops with a message naming every missing or bad setting', () => {
    const { TABLE_NAME: _, ...withoutTable } = minimal;
    expect(() => parseEnv({ ...withoutTable, SLACK_API_URL: 'not a url' })).toThrow(ConfigError);
    expect(() => parseEnv({ ...withoutTable, SLACK_API_URL: 'not a url' })).toThrow(
      /TABLE_NAME.*SLACK_API_URL/,
    );
    expect(() => parseEnv({ ...minimal, MODEL_PROVIDER: 'gpt' })).toThrow(/MODEL_PROVIDER/);
  });
});

describe('business settings', () => {
  it('the commented sample that npm run dev uses is valid', () => {
    const settings = parseBusinessSettings(businessSettings);
    expect(settings.brand).toBe('Northwind Outfitters');
    expect(settings.notePrefix).toBe('note:');
    expect(settings.hours.week).toHaveLength(7);
  });

  it('knowledge settings default to a 6,000-token prompt budget, the top 5 passages and a relevance floor', () => {
    const { knowledge: _, ...withoutKnowledge } = businessSettings as Record<string, unknown>;
    expect(parseBusinessSettings(withoutKnowledge).knowledge).toEqual({
      promptTokenBudget: 6000,
      topK: 5,
      minScore: 8,
    });
    expect(() => parseBusinessSettings({ ...businessSettings, knowledge: { promptTokenBudget: 0 } })).toThrow(
      /knowledge\.promptTokenBudget/,
    );
    expect(() => parseBusinessSettings({ ...businessSettings, knowledge: { topK: 50 } })).toThrow(
      /knowledge\.topK/,
    );
  });

  it('a bad value stops start-up naming the field', () => {
    expect(() =>
      parseBusinessSettings({ ...businessSettings, hours: { ...businessSettings.hours, timeZone: '' } }),
    ).toThrow(/hours\.timeZone/);
    expect(() =>
      parseBusinessSettings({
        ...businessSettings,
        hours: { ...businessSettings.hours, timeZone: 'Mars/Olympus' },
      }),
    ).toThrow(/IANA time zone/);
    expect(() =>
      parseBusinessSettings({
        ...businessSettings,
        whatsapp: { reopenTemplate: { contentSid: 'not-a-sid', variables: {} } },
      }),
    ).toThrow(/whatsapp\.reopenTemplate\.contentSid/);
  });
});
