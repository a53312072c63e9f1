/**
 * The business's fixed customer-facing texts in a conversation's language. `settings.messages` holds the
 * default language; `settings.translations[code]` the others, complete (checked at start-up). Every
 * fixed text sent to a customer is read through `messagesFor`.
 */
import type { BusinessSettings } from '../shared/business-settings.ts';
import type { LanguageCode } from './language.ts';

/** Every fixed text Tandem sends to customers, in one language. */
export type CustomerMessages = BusinessSettings['messages'];

const merged = new WeakMap<BusinessSettings, Map<LanguageCode, CustomerMessages>>();

/**
 * The texts for `language`: its translation over the default language's texts. A language that is not
 * served (unknown, or removed from the settings since it was stored) gets the default language.
 */
export function messagesFor(
  settings: BusinessSettings,
  language: LanguageCode | undefined,
): CustomerMessages {
  const served = servedLanguage(settings, language);
  if (served === settings.languages.default) return settings.messages;
  let cache = merged.get(settings);
  if (!cache) {
    cache = new Map();
    merged.set(settings, cache);
  }
  let messages = cache.get(served);
  if (!messages) {
    const translation = Object.fromEntries(
      Object.entries(settings.translations[served] ?? {}).filter(([, value]) => value !== undefined),
    );
    messages = { ...settings.messages, ...translation };
    cache.set(served, messages);
  }
  return messages;
}

/** The first of `candidates` the business serves, else the default language. */
export function servedLanguage(
  settings: BusinessSettings,
  ...candidates: (LanguageCode | undefined)[]
): LanguageCode {
  return (
    candidates.find((code) => code !== undefined && settings.languages.supported.includes(code)) ??
    settings.languages.default
  );
}

/** Language names already looked up: building an `Intl.DisplayNames` is costly, and turns ask on every message. */
const languageNames = new Map<LanguageCode, string>();

/** A language's English name (`Spanish`), or the code itself when Intl does not know it. */
export function languageName(code: LanguageCode): string {
  let name = languageNames.get(code);
  if (name === undefined) {
    try {
      name = new Intl.DisplayNames(['en'], { type: 'language', fallback: 'none' }).of(code) ?? code;
    } catch {
      name = code;
    }
    languageNames.set(code, name);
  }
  return name;
}

/** A language's English name with its code, for agents and the model: `Spanish (es)`. */
export function languageLabel(code: LanguageCode): string {
  const name = languageName(code);
  return name === code ? code : `${name} (${code})`;
}
