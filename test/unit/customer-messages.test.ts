import { describe, expect, it } from 'vitest';
import { languageLabel, messagesFor, servedLanguage } from '#core/customer-messages.ts';
import { escalationNotice } from '#core/use-cases/escalate-conversation.ts';
import { parseBusinessSettings } from '#shared/business-settings.ts';
import businessSettings from '../../config/business.ts';

const settings = parseBusinessSettings(businessSettings);

describe('messagesFor', () => {
  it('gives the default language the texts of messages, and Spanish its translation', () => {
    expect(messagesFor(settings, 'en')).toBe(settings.messages);
    expect(messagesFor(settings, undefined)).toBe(settings.messages);
    const spanish = messagesFor(settings, 'es');
    expect(spanish.closing).toBe(
      'Gracias por escribir a Northwind Outfitters. Aquí estamos si necesitas algo más.',
    );
    expect(spanish.satisfactionQuestion).toMatch(/del 1 \(mal\) al 5/);
  });

  it('every Spanish text differs from the English one: nothing falls back silently in the sample', () => {
    const english = messagesFor(settings, 'en');
    const spanish = messagesFor(settings, 'es');
    for (const key of Object.keys(english) as (keyof typeof english)[]) {
      expect(spanish[key], key).toBeDefined();
      expect(spanish[key], key).not.toBe(english[key]);
    }
  });

  it('a language that is not served (unknown, or removed since it was stored) gets the default texts', () => {
    expect(messagesFor(settings, 'fr')).toBe(settings.messages);
    const englishOnly = parseBusinessSettings({
      ...businessSettings,
      languages: { default: 'en', supported: ['en'] },
      translations: {},
    });
    expect(messagesFor(englishOnly, 'es')).toBe(englishOnly.messages);
  });

  it('fills a text a translation lacks from the default language (settings built without the start-up check)', () => {
    const partial = {
      ...settings,
      translations: { es: { closing: 'Gracias.' } },
    } as typeof settings;
    expect(messagesFor(partial, 'es').closing).toBe('Gracias.');
    expect(messagesFor(partial, 'es').help).toBe(settings.messages.help);
  });
});

describe('servedLanguage and languageLabel', () => {
  it('picks the first served candidate, else the default', () => {
    expect(servedLanguage(settings, undefined, 'es')).toBe('es');
    expect(servedLanguage(settings, 'fr', 'es')).toBe('es');
    expect(servedLanguage(settings, 'fr')).toBe('en');
    expect(servedLanguage(settings)).toBe('en');
  });

  it('names a language in English with its code', () => {
    expect(languageLabel('es')).toBe('Spanish (es)');
    expect(languageLabel('en')).toBe('English (en)');
  });
});

describe('the escalation notice in the conversation language', () => {
  it('during opening hours says a person is coming, in Spanish', () => {
    // Monday 2026-01-05 15:00 UTC = 10:00 in New York: open.
    const notice = escalationNotice(settings, 'es', new Date('2026-01-05T15:00:00Z'));
    expect(notice).toBe(messagesFor(settings, 'es').escalated);
    expect(notice).toMatch(/^Te voy a pasar con alguien de nuestro equipo/);
  });

  it('after hours says when people are back, phrased in Spanish with the weekday in Spanish', () => {
    // Sunday 10:00 in New York (closed): back tomorrow.
    expect(escalationNotice(settings, 'es', new Date('2026-01-04T15:00:00Z'))).toContain(
      'volvemos mañana a las 09:00;',
    );
    // Saturday 15:00 in New York (closed at 14:00; closed Sunday): back Monday.
    expect(escalationNotice(settings, 'es', new Date('2026-01-10T20:00:00Z'))).toContain(
      'volvemos el lunes a las 09:00;',
    );
    expect(escalationNotice(settings, 'en', new Date('2026-01-10T20:00:00Z'))).toContain(
      'back on Monday at 09:00;',
    );
  });

  it('with no opening hours at all, says people are back soon', () => {
    const closed = parseBusinessSettings({
      ...businessSettings,
      hours: { ...businessSettings.hours, week: [null, null, null, null, null, null, null] },
    });
    expect(escalationNotice(closed, 'es', new Date('2026-01-05T15:00:00Z'))).toContain('volvemos pronto;');
  });
});
