/**
 * Composition root: the customer channel (Twilio REST API over fetch; no twilio SDK in the bundles).
 */
import { TwilioCustomerChannel } from '../adapters/twilio-customer-channel.ts';
import { env, requireCredential } from './base.ts';

/** Messages to customers, with delivery callbacks to `/twilio/status`. */
export const channel = new TwilioCustomerChannel({
  accountSid: requireCredential('TWILIO_ACCOUNT_SID'),
  authToken: requireCredential('TWILIO_AUTH_TOKEN'),
  apiUrl: env.TWILIO_API_URL,
  ...(env.PUBLIC_BASE_URL
    ? { statusCallbackUrl: new URL('twilio/status', withSlash(env.PUBLIC_BASE_URL)).href }
    : {}),
});

function withSlash(url: string): string {
  return url.endsWith('/') ? url : `${url}/`;
}
