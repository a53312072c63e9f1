import { describe, expect, it } from 'vitest';
import { isOpen, nextOpening } from '#core/business-hours.ts';

const hours = {
  timeZone: 'America/New_York',
  week: [
    null,
    { open: '09:00', close: '18:00' },
    { open: '09:00', close: '18:00' },
    { open: '09:00', close: '18:00' },
    { open: '09:00', close: '18:00' },
    { open: '09:00', close: '18:00' },
    null,
  ] as const,
};

describe('business hours', () => {
  it('is open on a weekday afternoon in the business time zone', () => {
    // Monday 2026-01-05 15:00 UTC = 10:00 in New York
    expect(isOpen({ ...hours, week: [...hours.week] }, new Date('2026-01-05T15:00:00Z'))).toBe(true);
  });

  it('is closed before opening and says people are back today', () => {
    // Monday 12:00 UTC = 07:00 New York
    const at = new Date('2026-01-05T12:00:00Z');
    expect(isOpen({ ...hours, week: [...hours.week] }, at)).toBe(false);
    expect(nextOpening({ ...hours, week: [...hours.week] }, at)).toBe('today at 09:00');
  });

  it('on Friday evening says people are back on Monday', () => {
    // Friday 2026-01-09 23:30 UTC = 18:30 New York
    const at = new Date('2026-01-09T23:30:00Z');
    expect(isOpen({ ...hours, week: [...hours.week] }, at)).toBe(false);
    expect(nextOpening({ ...hours, week: [...hours.week] }, at)).toBe('on Monday at 09:00');
  });

  it('phrases the opening in another language, weekday name included', () => {
    const spanish = {
      today: 'hoy a las {{time}}',
      tomorrow: 'mañana a las {{time}}',
      on: 'el {{day}} a las {{time}}',
      locale: 'es',
    };
    expect(nextOpening({ ...hours, week: [...hours.week] }, new Date('2026-01-05T12:00:00Z'), spanish)).toBe(
      'hoy a las 09:00',
    );
    // Monday 19:00 New York: back Tuesday.
    expect(nextOpening({ ...hours, week: [...hours.week] }, new Date('2026-01-06T00:00:00Z'), spanish)).toBe(
      'mañana a las 09:00',
    );
    expect(nextOpening({ ...hours, week: [...hours.week] }, new Date('2026-01-09T23:30:00Z'), spanish)).toBe(
      'el lunes a las 09:00',
    );
  });
});
