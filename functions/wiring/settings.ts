/**
 * Composition root: the business settings, validated whole once per cold start.
 */
import businessSettings from '../../config/business.ts';
import { parseBusinessSettings } from '../shared/business-settings.ts';

/** The validated business settings. */
export const settings = parseBusinessSettings(businessSettings);
