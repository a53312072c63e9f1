/**
 * Business hours in the business's time zone (pure; uses the built-in Intl time-zone data).
 */
import type { BusinessSettings } from '../shared/business-settings.ts';

type Hours = BusinessSettings['hours'];

const weekdays = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

/** Weekday (0 = Sunday) and minutes after midnight of `at` in `timeZone`. */
function localTime(at: Date, timeZone: string): { day: number; minutes: number } {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    weekday: 'short',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(at);
  const get = (type: string) => parts.find((part) => part.type === type)?.value ?? '';
  return { day: weekdays.indexOf(get('weekday')), minutes: Number(get('hour')) * 60 + Number(get('minute')) };
}

function toMinutes(hhmm: string): number {
  const [h, m] = hhmm.split(':').map(Number);
  return (h ?? 0) * 60 + (m ?? 0);
}

/** True when people are at work at `at`. */
export function isOpen(hours: Hours, at: Date): boolean {
  const { day, minutes } = localTime(at, hours.timeZone);
  const today = hours.week[day];
  return !!today && minutes >= toMinutes(today.open) && minutes < toMinutes(today.close);
}

/** How `nextOpening` words an opening: `{{time}}` is HH:MM, `{{day}}` the weekday's name in `locale`. */
export interface OpeningPhrases {
  today: string;
  tomorrow: string;
  on: string;
  /** BCP 47 locale for the weekday's name, e.g. `es`. */
  locale: string;
}

const ENGLISH: OpeningPhrases = {
  today: 'today at {{time}}',
  tomorrow: 'tomorrow at {{time}}',
  on: 'on {{day}} at {{time}}',
  locale: 'en',
};

/**
 * When people are next back, as a phrase for customers ("today at 09:00", "tomorrow at 09:00",
 * "on Monday at 09:00", or the same in `phrases`); undefined if the week has no opening hours at all.
 */
export function nextOpening(hours: Hours, at: Date, phrases: OpeningPhrases = ENGLISH): string | undefined {
  const { day, minutes } = localTime(at, hours.timeZone);
  for (let offset = 0; offset < 8; offset++) {
    const weekday = (day + offset) % 7;
    const slot = hours.week[weekday];
    if (!slot) continue;
    if (offset === 0 && minutes >= toMinutes(slot.open)) continue;
    const phrase = offset === 0 ? phrases.today : offset === 1 ? phrases.tomorrow : phrases.on;
    return phrase
      .replaceAll('{{day}}', weekdayName(weekday, phrases.locale))
      .replaceAll('{{time}}', slot.open);
  }
  return undefined;
}

/** The weekday's name (0 = Sunday) in `locale`, from Intl: 4 January 1970 was a Sunday. */
function weekdayName(day: number, locale: string): string {
  const date = new Date(Date.UTC(1970, 0, 4 + day, 12));
  try {
    return new Intl.DateTimeFormat(locale, { weekday: 'long', timeZone: 'UTC' }).format(date);
  } catch {
    return new Intl.DateTimeFormat('en', { weekday: 'long', timeZone: 'UTC' }).format(date);
  }
}
