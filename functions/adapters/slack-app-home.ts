/**
 * The {@link AgentHome} port on Slack: `views.publish` of the agent's Home tab (no extra scope; the app's
 * Home tab must be enabled and `app_home_opened` subscribed). Tier 4 (100+ per minute): Tandem publishes
 * once per change for the agents involved, never on a timer.
 */
import { type RetryOptions, WebClient } from '@slack/web-api';
import type { AgentHome, AgentHomeView } from '#core/ports.ts';
import { SLACK_RETRY_CONFIG } from './slack-agent-desk.ts';
import { renderAgentHome } from './slack-home-blocks.ts';

/** Publishes App Home views. */
export class SlackAppHome implements AgentHome {
  private readonly client: WebClient;
  private readonly brand: string;

  constructor(options: { token: string; slackApiUrl?: string; brand?: string; retryConfig?: RetryOptions }) {
    this.client = new WebClient(options.token, {
      ...(options.slackApiUrl ? { slackApiUrl: options.slackApiUrl } : {}),
      retryConfig: options.retryConfig ?? SLACK_RETRY_CONFIG,
      rejectRateLimitedCalls: false,
      timeout: 5000,
    });
    this.brand = options.brand ?? 'Tandem';
  }

  async publish(view: AgentHomeView): Promise<void> {
    await this.client.views.publish({ user_id: view.agentId, view: renderAgentHome(view, this.brand) });
  }
}
