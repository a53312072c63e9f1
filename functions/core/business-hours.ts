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

/**
 * When people are next back, as a phrase for customers ("today at 09:00", "tomorrow at 09:00",
 * "on Monday at 09:00"); undefined if the week has no opening hours at all.
 */
export function nextOpening(hours: Hours, at: Date): string | undefined {
  const { day, minutes } = localTime(at, hours.timeZone);
  for (let offset = 0; offset < 8; offset++) {
    const weekday = (day + offset) % 7;
    const slot = hours.week[weekday];
    if (!slot) continue;
    if (offset === 0 && minutes >= toMinutes(slot.open)) continue;
    const when = offset === 0 ? 'today' : offset === 1 ? 'tomorrow' : `on ${longWeekday(weekday)}`;
    return `${when} at ${slot.open}`;
  }
  return undefined;
}

function longWeekday(day: number): string {
  return ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'][day] ?? '';
}
