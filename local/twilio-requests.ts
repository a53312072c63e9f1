/** Signed Twilio webhook requests (tests, playground), made with the twilio SDK's own signature function. */
import { getExpectedTwilioSignature } from 'twilio/lib/webhooks/webhooks.js';

/** A form body and headers (with `X-Twilio-Signature`) as Twilio would post `params` to `url`. */
export function signedTwilioForm(
  url: string,
  params: Record<string, string>,
  authToken: string,
): { body: string; headers: Record<string, string> } {
  return {
    body: new URLSearchParams(params).toString(),
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      'x-twilio-signature': getExpectedTwilioSignature(authToken, url, params),
    },
  };
}
