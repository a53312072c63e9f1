/**
 * The playground's view of the emulators: customer messages it sent, customer-bound messages the fake
 * Twilio accepted (with their delivery status), and the fake Slack channel (messages, updates, reactions,
 * ephemerals, opened modals). Changes are pushed to subscribers (the page's event stream) as small events;
 * `snapshot()` gives a newly connected page everything so far.
 */
import type { FakeOrdersApi, OrdersApiCall } from '../fake-orders-api.ts';
import type { FakeSlack, FakeSlackEphemeral, FakeSlackMessage } from '../fake-slack.ts';
import type { FakeTwilio, FakeTwilioMessage } from '../fake-twilio.ts';

/** A message the playground's customer sent (a signed webhook to `/twilio/messages`). */
export interface InboundRecord {
  id: string;
  conversationId: string;
  channel: 'whatsapp' | 'sms';
  /** The customer's E.164 number. */
  from: string;
  name?: string;
  body: string;
  at: string;
  /** `sending` until Tandem answered the webhook; `accepted` on 200, `rejected` otherwise. */
  state: 'sending' | 'accepted' | 'rejected';
  httpStatus?: number;
}

/** A customer-bound message the fake Twilio accepted, with its latest delivery status. */
export interface OutboundRecord {
  sid: string;
  /** As Twilio got it (`whatsapp:+1…` or `+1…`). */
  to: string;
  from: string;
  body?: string;
  contentSid?: string;
  contentVariables?: string;
  at: string;
  status: string;
  errorCode?: string;
}

/** A modal the fake Slack opened, with the agent whose click opened it. */
export interface ViewRecord {
  id: string;
  /** The agent who clicked (Slack opens a modal for the user of the trigger). */
  user?: string;
  view: Record<string, unknown>;
  open: boolean;
}

/** One change pushed to the page. */
export type PlaygroundEvent =
  | { type: 'inbound'; message: InboundRecord }
  | { type: 'outbound'; message: OutboundRecord }
  | { type: 'slack.message'; message: FakeSlackMessage }
  | { type: 'slack.ephemeral'; ephemeral: FakeSlackEphemeral }
  | { type: 'slack.view'; view: ViewRecord }
  /** A call the AI's actions made to the emulated orders API (issue 15). */
  | { type: 'orders.call'; call: OrdersApiCall };

/** Everything the page needs when it connects. */
export interface FeedSnapshot {
  inbound: InboundRecord[];
  outbound: OutboundRecord[];
  slack: { messages: FakeSlackMessage[]; ephemerals: FakeSlackEphemeral[]; views: ViewRecord[] };
  /** Calls to the emulated orders API, oldest first. */
  orders: OrdersApiCall[];
}

/** Statuses after which Twilio posts nothing more for a message. */
const FINAL_STATUSES = new Set(['delivered', 'read', 'failed', 'undelivered']);

/** Watches the emulators and fans their changes out to subscribers. */
export class PlaygroundFeed {
  private readonly listeners = new Set<(event: PlaygroundEvent) => void>();
  private readonly inbound: InboundRecord[] = [];
  private readonly outbound = new Map<string, OutboundRecord>();
  /** Last JSON seen per Slack message ts, to tell new and changed messages from unchanged ones. */
  private readonly seenMessages = new Map<string, string>();
  private seenEphemerals = 0;
  private seenCallbacks = 0;
  private readonly views: ViewRecord[] = [];
  private readonly unsubscribes: (() => void)[] = [];
  private timer: NodeJS.Timeout | undefined;
  /** The agent whose click is being sent: a modal opened meanwhile is theirs. */
  currentClicker: string | undefined;

  constructor(
    private readonly twilio: FakeTwilio | undefined,
    private readonly slack: FakeSlack | undefined,
    private readonly orders?: FakeOrdersApi,
  ) {
    if (orders)
      this.unsubscribes.push(orders.onCall((call) => this.emit({ type: 'orders.call', call: { ...call } })));
    if (twilio) {
      for (const message of twilio.messages) this.addOutbound(message);
      this.unsubscribes.push(twilio.onMessage((message) => this.addOutbound(message)));
      // The fake Twilio records status callbacks without announcing them; they are few and local.
      this.timer = setInterval(() => this.syncStatuses(), 100);
      this.timer.unref();
    }
    if (slack) {
      this.syncSlack();
      this.unsubscribes.push(slack.onCall(() => this.syncSlack()));
    }
  }

  /** Receives every future change; returns an unsubscribe function. */
  subscribe(listener: (event: PlaygroundEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Everything recorded so far. */
  snapshot(): FeedSnapshot {
    this.syncStatuses();
    this.syncSlack();
    return {
      inbound: [...this.inbound],
      outbound: [...this.outbound.values()],
      slack: {
        messages: this.slack ? [...this.slack.messages.values()] : [],
        ephemerals: this.slack ? [...this.slack.ephemerals] : [],
        views: this.views.filter((view) => view.open),
      },
      orders: this.orders ? [...this.orders.calls] : [],
    };
  }

  /** Records (or updates) a customer message and announces it. */
  putInbound(record: InboundRecord): void {
    const index = this.inbound.findIndex((existing) => existing.id === record.id);
    if (index === -1) this.inbound.push(record);
    else this.inbound[index] = record;
    this.emit({ type: 'inbound', message: { ...record } });
  }

  /** Conversation ids the playground's customers have written in, oldest first. */
  conversations(): string[] {
    return [...new Set(this.inbound.map((record) => record.conversationId))];
  }

  /** A modal by id. */
  view(id: string): ViewRecord | undefined {
    return this.views.find((view) => view.id === id);
  }

  /** Marks a modal closed (submitted or cancelled) and announces it. */
  closeView(id: string): void {
    const view = this.view(id);
    if (!view?.open) return;
    view.open = false;
    this.emit({ type: 'slack.view', view: { ...view } });
  }

  /** Compares the fake Slack's model with what was announced and announces the differences. */
  syncSlack(): void {
    const slack = this.slack;
    if (!slack) return;
    for (const message of slack.messages.values()) {
      const json = JSON.stringify(message);
      if (this.seenMessages.get(message.ts) === json) continue;
      this.seenMessages.set(message.ts, json);
      this.emit({ type: 'slack.message', message: JSON.parse(json) as FakeSlackMessage });
    }
    while (this.seenEphemerals < slack.ephemerals.length) {
      const ephemeral = slack.ephemerals[this.seenEphemerals++]!;
      this.emit({ type: 'slack.ephemeral', ephemeral: { ...ephemeral } });
    }
    while (this.views.length < slack.views.length) {
      const opened = slack.views[this.views.length]!;
      const record: ViewRecord = {
        id: opened.id,
        ...(this.currentClicker ? { user: this.currentClicker } : {}),
        view: opened.view,
        open: true,
      };
      this.views.push(record);
      this.emit({ type: 'slack.view', view: { ...record } });
    }
  }

  /** Stops watching the emulators and forgets subscribers. */
  close(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    for (const unsubscribe of this.unsubscribes.splice(0)) unsubscribe();
    this.listeners.clear();
  }

  private addOutbound(message: FakeTwilioMessage): void {
    const record: OutboundRecord = {
      sid: message.sid,
      to: message.to,
      from: message.from,
      ...(message.body !== undefined ? { body: message.body } : {}),
      ...(message.contentSid ? { contentSid: message.contentSid } : {}),
      ...(message.contentVariables !== undefined ? { contentVariables: message.contentVariables } : {}),
      at: message.at,
      status: 'queued',
    };
    this.outbound.set(record.sid, record);
    this.emit({ type: 'outbound', message: { ...record } });
  }

  private syncStatuses(): void {
    const callbacks = this.twilio?.callbacks;
    if (!callbacks) return;
    // The fake's reset() empties its arrays; start over rather than skip what comes next.
    if (callbacks.length < this.seenCallbacks) this.seenCallbacks = 0;
    while (this.seenCallbacks < callbacks.length) {
      const { params } = callbacks[this.seenCallbacks++]!;
      const record = params.MessageSid ? this.outbound.get(params.MessageSid) : undefined;
      const status = params.MessageStatus;
      if (!record || !status) continue;
      // Callbacks can arrive out of order; a final status is never replaced by an earlier one.
      if (FINAL_STATUSES.has(record.status) && !FINAL_STATUSES.has(status)) continue;
      record.status = status;
      if (params.ErrorCode) record.errorCode = params.ErrorCode;
      this.emit({ type: 'outbound', message: { ...record } });
    }
  }

  private emit(event: PlaygroundEvent): void {
    for (const listener of this.listeners) {
      try {
        listener(event);
      } catch {
        // A broken subscriber (a closed stream) must not stop the others.
      }
    }
  }
}
