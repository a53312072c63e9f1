/** Test access to the Slack request builders shared with the playground (see local/slack-requests.ts). */
export * from '../../local/slack-requests.ts';
