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

describe('language settings', () => {
  const { translations: _, languages: __, ...oneLanguage } = businessSettings;

  it('a business with one language configures only messages: English is the default and only language', () => {
    const settings = parseBusinessSettings(oneLanguage);
    expect(settings.languages).toEqual({ default: 'en', supported: ['en'], desk: 'en' });
    expect(settings.translations).toEqual({});
    expect(settings.messages.reopensOn).toBe('on {{day}} at {{time}}');
  });

  it('the sample serves English and Spanish with a complete Spanish translation', () => {
    const settings = parseBusinessSettings(businessSettings);
    expect(settings.languages.supported).toEqual(['en', 'es']);
    expect(Object.keys(settings.translations.es ?? {}).sort()).toEqual(Object.keys(settings.messages).sort());
  });

  it('a supported language missing a text stops start-up naming the language and the texts', () => {
    const { closing: _closing, waitNotice: _wait, ...incomplete } = businessSettings.translations.es;
    expect(() => parseBusinessSettings({ ...businessSettings, translations: { es: incomplete } })).toThrow(
      /translations\.es: missing waitNotice, closing/,
    );
    expect(() =>
      parseBusinessSettings({ ...businessSettings, languages: { default: 'en', supported: ['en', 'pt'] } }),
    ).toThrow(/translations\.pt: missing help, escalated/);
  });

  it('a text defaulted in messages (sensitiveDataRemoved) is required in each translation too', () => {
    const { sensitiveDataRemoved: _removed, ...messages } = businessSettings.messages;
    const { sensitiveDataRemoved: _translated, ...spanish } = businessSettings.translations.es;
    expect(() =>
      parseBusinessSettings({ ...businessSettings, messages, translations: { es: spanish } }),
    ).toThrow(/translations\.es: missing sensitiveDataRemoved/);
  });

  it('refuses unknown codes, a default that is not served, stray translations and misspelled keys', () => {
    const bad = (changes: Record<string, unknown>) => () =>
      parseBusinessSettings({ ...businessSettings, ...changes });
    expect(bad({ languages: { default: 'en', supported: ['en', 'spanish'] } })).toThrow(
      /languages\.supported\.1: expected a two-letter ISO 639-1 code/,
    );
    expect(bad({ languages: { default: 'en', supported: ['en', 'zz'] } })).toThrow(/unknown language code/);
    expect(bad({ languages: { default: 'fr', supported: ['en', 'es'] } })).toThrow(
      /languages\.supported: must include the default language \(fr\)/,
    );
    expect(
      bad({ translations: { ...businessSettings.translations, fr: businessSettings.translations.es } }),
    ).toThrow(/translations\.fr: fr is not in languages\.supported/);
    expect(bad({ translations: { es: { ...businessSettings.translations.es, closin: 'Adiós' } } })).toThrow(
      /translations\.es.*closin/,
    );
    expect(
      bad({
        whatsapp: {
          ...businessSettings.whatsapp,
          reopenTemplates: { fr: businessSettings.whatsapp.reopenTemplate },
        },
      }),
    ).toThrow(/whatsapp\.reopenTemplates\.fr: fr is not in languages\.supported/);
  });
});
