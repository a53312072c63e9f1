/**
 * Drives a running Tandem over HTTP exactly as Twilio and Slack would: signed webhooks, signed Slack
 * events and interactions. Shared by the system tests and the playground.
 */
import { randomBytes } from 'node:crypto';
import { channelAddress } from '#core/model.ts';
import {
  blockActionPayload,
  messageEventBody,
  signSlackRequest,
  viewSubmissionPayload,
} from './slack-requests.ts';
import { signedTwilioForm } from './twilio-requests.ts';

/** Where Tandem listens and the secrets it checks signatures with. */
export interface DriverOptions {
  /** Base URL of the running API (`http://localhost:3000`). */
  baseUrl: string;
  /** The URL Tandem believes Twilio calls (`PUBLIC_BASE_URL`); default `baseUrl`. */
  publicBaseUrl?: string;
  twilio: { accountSid: string; authToken: string };
  slack: { signingSecret: string; channel: string };
}

/** An HTTP answer. */
export interface DriverResponse {
  status: number;
  body: string;
  contentType: string | null;
}

/** A customer message as Twilio would deliver it. */
export interface CustomerMessage {
  /** The customer's E.164 number. */
  from: string;
  /** The business number written to; default `+15550100000`. */
  to?: string;
  channel?: 'sms' | 'whatsapp';
  body: string;
  profileName?: string;
  messageSid?: string;
  media?: { url: string; contentType: string }[];
}

/** An agent in the Slack workspace. */
export interface DriverAgent {
  id: string;
  username?: string;
  /** The user's own team when it is not the installing workspace (Slack Connect: another organisation). */
  teamId?: string;
}

/** A fresh Twilio-style MessageSid. */
export function newMessageSid(): string {
  return `SM${randomBytes(16).toString('hex')}`;
}

/** A Slack-style message ts. */
export function newSlackTs(): string {
  const now = Date.now();
  return `${Math.floor(now / 1000)}.${String((now % 1000) * 1000 + Math.floor(Math.random() * 1000)).padStart(6, '0')}`;
}

/** What `driverFor` needs of a running local runtime. */
export interface DrivableRuntime {
  url: string;
  services: {
    twilio: { accountSid?: string; authToken?: string };
    slack: { signingSecret?: string; escalationChannel: string };
  };
}

/** A driver signing with the credentials a local runtime uses (the emulators' when no real ones are set). */
export function driverFor(runtime: DrivableRuntime): LocalDriver {
  const { twilio, slack } = runtime.services;
  return new LocalDriver({
    baseUrl: runtime.url,
    twilio: { accountSid: twilio.accountSid ?? '', authToken: twilio.authToken ?? '' },
    slack: { signingSecret: slack.signingSecret ?? '', channel: slack.escalationChannel },
  });
}

/** Sends signed requests to a running Tandem. */
export class LocalDriver {
  constructor(private readonly options: DriverOptions) {}

  /** Builds the Twilio form parameters for a customer message. */
  twilioParams(message: CustomerMessage): Record<string, string> {
    const channel = message.channel ?? 'sms';
    const params: Record<string, string> = {
      MessageSid: message.messageSid ?? newMessageSid(),
      SmsMessageSid: message.messageSid ?? '',
      AccountSid: this.options.twilio.accountSid,
      From: channelAddress(channel, message.from),
      To: channelAddress(channel, message.to ?? '+15550100000'),
      Body: message.body,
      NumMedia: String(message.media?.length ?? 0),
      NumSegments: '1',
      ApiVersion: '2010-04-01',
    };
    if (!params.SmsMessageSid) params.SmsMessageSid = params.MessageSid as string;
    if (message.profileName) params.ProfileName = message.profileName;
    message.media?.forEach((item, index) => {
      params[`MediaUrl${index}`] = item.url;
      params[`MediaContentType${index}`] = item.contentType;
    });
    return params;
  }

  /** Posts a signed inbound message to `/twilio/messages`. */
  customerSays(message: CustomerMessage): Promise<DriverResponse> {
    return this.postTwilio('/twilio/messages', this.twilioParams(message));
  }

  /** Posts signed Twilio form `params` to `path` (signature over the public URL). */
  postTwilio(
    path: string,
    params: Record<string, string>,
    authToken = this.options.twilio.authToken,
  ): Promise<DriverResponse> {
    const publicUrl = `${trimSlash(this.options.publicBaseUrl ?? this.options.baseUrl)}${path}`;
    const { body, headers } = signedTwilioForm(publicUrl, params, authToken);
    return this.post(path, body, headers);
  }

  /** Posts a signed Events API body to `/slack/events`. */
  slackEvent(body: Record<string, unknown>, headers: Record<string, string> = {}): Promise<DriverResponse> {
    const raw = JSON.stringify(body);
    return this.post('/slack/events', raw, {
      'content-type': 'application/json',
      ...signSlackRequest(raw, this.options.slack.signingSecret),
      ...headers,
    });
  }

  /** Posts a signed interaction payload (`payload=` form) to `/slack/events`. */
  slackInteraction(payload: Record<string, unknown>): Promise<DriverResponse> {
    const raw = new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
    return this.post('/slack/events', raw, {
      'content-type': 'application/x-www-form-urlencoded',
      ...signSlackRequest(raw, this.options.slack.signingSecret),
    });
  }

  /** An agent writes in a thread (`threadTs` = the card's ts). */
  agentReplies(input: {
    agent: DriverAgent;
    threadTs: string;
    text: string;
    ts?: string;
    /** Another channel than the escalation channel. */
    channel?: string;
  }): Promise<DriverResponse> {
    return this.slackEvent(
      messageEventBody({
        channel: input.channel ?? this.options.slack.channel,
        ...(input.agent.teamId ? { userTeamId: input.agent.teamId } : {}),
        user: input.agent.id,
        text: input.text,
        ts: input.ts ?? newSlackTs(),
        threadTs: input.threadTs,
      }),
    );
  }

  /** An agent clicks a button on a message (`messageTs`), optionally in a thread. */
  agentClicks(input: {
    agent: DriverAgent;
    actionId: string;
    value?: string;
    selectedValue?: string;
    messageTs: string;
    threadTs?: string;
    /** Another channel than the escalation channel. */
    channel?: string;
  }): Promise<DriverResponse> {
    return this.slackInteraction(
      blockActionPayload({
        ...(input.agent.teamId ? { userTeamId: input.agent.teamId } : {}),
        actionId: input.actionId,
        ...(input.value !== undefined ? { value: input.value } : {}),
        ...(input.selectedValue !== undefined ? { selectedValue: input.selectedValue } : {}),
        user: { id: input.agent.id, ...(input.agent.username ? { username: input.agent.username } : {}) },
        channel: input.channel ?? this.options.slack.channel,
        message: { ts: input.messageTs, ...(input.threadTs ? { threadTs: input.threadTs } : {}) },
      }),
    );
  }

  /** An agent submits a modal. */
  agentSubmits(input: {
    agent: DriverAgent;
    callbackId: string;
    privateMetadata: string;
    values: Record<string, Record<string, { type: string; value?: string | null }>>;
  }): Promise<DriverResponse> {
    return this.slackInteraction(
      viewSubmissionPayload({
        callbackId: input.callbackId,
        privateMetadata: input.privateMetadata,
        values: input.values,
        user: { id: input.agent.id, ...(input.agent.username ? { username: input.agent.username } : {}) },
      }),
    );
  }

  /** A raw POST (for hostile-input tests). */
  async post(path: string, body: string, headers: Record<string, string>): Promise<DriverResponse> {
    const response = await fetch(`${trimSlash(this.options.baseUrl)}${path}`, {
      method: 'POST',
      body,
      headers,
    });
    return {
      status: response.status,
      body: await response.text(),
      contentType: response.headers.get('content-type'),
    };
  }
}

function trimSlash(url: string): string {
  return url.endsWith('/') ? url.slice(0, -1) : url;
}
