/**
 * The business settings' retention (`retention.days`), readable on its own: the Twilio webhook needs this
 * one setting, and parsing every setting would put the whole settings schema into its bundle. The settings
 * schema (business-settings.ts) uses the same default and the same rule, and every other function parses
 * the settings whole at cold start.
 */

/** Days messages, cases and events are kept when the settings do not say. */
export const DEFAULT_RETENTION_DAYS = 90;

/** `retention.days` of the raw business settings, checked as the settings schema checks it. */
export function retentionDaysOf(settings: { retention?: { days?: unknown } }): number {
  const given = settings.retention?.days;
  const days = given === undefined ? DEFAULT_RETENTION_DAYS : given;
  if (typeof days !== 'number' || !Number.isInteger(days) || days <= 0) {
    throw new Error(
      `invalid business settings: retention.days: expected a positive whole number of days, got ${JSON.stringify(days)}`,
    );
  }
  return days;
}
