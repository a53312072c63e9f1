/** Test access to the Twilio request signer shared with the playground (see local/twilio-requests.ts). */
export * from '../../local/twilio-requests.ts';
