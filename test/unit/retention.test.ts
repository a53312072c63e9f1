import { describe, expect, it } from 'vitest';
import { parseBusinessSettings } from '#shared/business-settings.ts';
import { DEFAULT_RETENTION_DAYS, retentionDaysOf } from '#shared/retention.ts';
import businessSettings from '../../config/business.ts';

/** The webhook reads `retention.days` alone; it must agree with the whole settings' parse on every input. */
describe('retentionDaysOf', () => {
  const withRetention = (retention: unknown) => ({ ...businessSettings, retention }) as never;

  it('reads the sample settings as the settings schema does', () => {
    expect(retentionDaysOf(businessSettings)).toBe(parseBusinessSettings(businessSettings).retention.days);
  });

  it.each([1, 30, 365, 3650])('accepts %d days, as the schema does', (days) => {
    const settings = withRetention({ days });
    expect(retentionDaysOf(settings)).toBe(days);
    expect(parseBusinessSettings(settings).retention.days).toBe(days);
  });

  it.each([
    ['no retention', undefined],
    ['no days', {}],
  ])('defaults to the schema default with %s', (_, retention) => {
    const settings = withRetention(retention);
    expect(retentionDaysOf(settings)).toBe(DEFAULT_RETENTION_DAYS);
    expect(parseBusinessSettings(settings).retention.days).toBe(DEFAULT_RETENTION_DAYS);
  });

  it.each([0, -5, 1.5, '90', null, Number.NaN])('refuses %s days, as the schema does', (days) => {
    const settings = withRetention({ days });
    expect(() => retentionDaysOf(settings)).toThrow(/retention\.days/);
    expect(() => parseBusinessSettings(settings)).toThrow();
  });
});
