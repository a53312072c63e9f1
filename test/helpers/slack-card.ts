/**
 * Where a case's card is in Slack, read from its opaque desk reference the way the Slack desk reads it.
 */
import { type SlackMessageRef, slackMessageOf } from '../../functions/adapters/slack-desk-ref.ts';
import type { Case } from '../../functions/core/model.ts';

/** The card's channel and ts, or `undefined` when the case has none (yet). */
export function slackCardOf(kase: Pick<Case, 'deskRef'> | undefined): SlackMessageRef | undefined {
  return kase?.deskRef ? slackMessageOf(kase.deskRef) : undefined;
}
