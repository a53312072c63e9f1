/**
 * Composition root: fetching customers' attachments from Twilio (media URLs need the account's credentials),
 * for the notifier to upload them into the case threads. Without Twilio credentials there is no fetcher, and
 * the thread names an attachment without showing it.
 */
import { TwilioMediaFetcher } from '../adapters/twilio-media-fetcher.ts';
import type { MediaFetcher } from '../core/ports.ts';
import { credentials, env } from './base.ts';

/** Twilio media with basic auth, on the configured API origin only. */
export const mediaFetcher: MediaFetcher | undefined =
  credentials.TWILIO_ACCOUNT_SID && credentials.TWILIO_AUTH_TOKEN
    ? new TwilioMediaFetcher({
        accountSid: credentials.TWILIO_ACCOUNT_SID,
        authToken: credentials.TWILIO_AUTH_TOKEN,
        apiUrl: env.TWILIO_API_URL,
      })
    : undefined;
