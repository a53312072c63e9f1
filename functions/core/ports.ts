/**
 * Ports: what the core needs from the outside world, as interfaces owned by the core.
 * Adapters in `functions/adapters/` implement them; use cases receive them as arguments.
 */
import type { ActionProposal } from './actions/model.ts';
import type {
  Agent,
  Case,
  Conversation,
  ConversationQueueEvent,
  CustomerProfile,
  DeliveryStatus,
  DeskCommandEvent,
  DeskRef,
  EscalationPacket,
  LifecycleEvent,
  Media,
  Message,
} from './model.ts';

/*
 * Durable state, split by role: each use case asks for the roles it uses (`Conversations & Cases`, …).
 * Conditional writes throw `ConflictError` when the expected version does not match. One DynamoDB adapter
 * implements them all (`adapters/dynamodb-conversation-store.ts`); `ConversationStore` is their union.
 */

/** Conversations by id, and the idle ones for the sweeper. */
export interface Conversations {
  getConversation(conversationId: string): Promise<Conversation | undefined>;
  /** Creates the conversation; `ConflictError` if it already exists. */
  createConversation(conversation: Conversation): Promise<void>;
  /** Writes `conversation` if the stored version is `conversation.version - 1`; else `ConflictError`. */
  saveConversation(conversation: Conversation): Promise<void>;
  /** Conversations in mode `ai` whose last activity is before `before` and not yet resolved since. */
  listIdleConversations(before: string, limit: number): Promise<Conversation[]>;
}

/** A conversation's messages and their delivery status. */
export interface MessageLog {
  /**
   * Appends a message unless one with the same `messageId` exists in the conversation.
   * Returns `false` for a duplicate (nothing written). Safe under concurrency.
   */
  appendMessage(message: Message): Promise<boolean>;
  getMessage(conversationId: string, messageId: string): Promise<Message | undefined>;
  /** Sets analysis fields (sentiment, flags) on a stored message; no-op if the message is absent. */
  annotateMessage(
    conversationId: string,
    messageId: string,
    fields: Pick<Message, 'sentiment' | 'flags'>,
  ): Promise<void>;
  /** The last `limit` messages, oldest first. */
  recentMessages(conversationId: string, limit: number): Promise<Message[]>;
  /**
   * Updates an outbound message's delivery status by the provider id (Twilio MessageSid of a part), or,
   * given the delivery reference the callback carried, directly on the message it names.
   */
  updateDeliveryStatus(
    providerId: string,
    status: DeliveryStatus,
    errorCode?: string,
    deliveryRef?: string,
  ): Promise<Message | undefined>;
  /**
   * Records the provider ids of a sent outbound message so status callbacks can find it. A status that
   * arrived before the ids were known is applied now; the message is then returned as it stands.
   */
  recordProviderIds(message: Message, providerIds: string[]): Promise<Message | undefined>;
}

/** Escalation cases and their place at the desk. */
export interface Cases {
  /** Creates a case; `ConflictError` if it exists. */
  createCase(kase: Case): Promise<void>;
  getCase(caseId: string): Promise<Case | undefined>;
  /** Writes `kase` if the stored version is `kase.version - 1`; else `ConflictError`. */
  saveCase(kase: Case): Promise<void>;
  /**
   * The case whose card (and thread) is at `ref`, read strongly; with `indexCopy`, the index's copy (one
   * request, eventually consistent: usually well under a second behind), for a caller that does not write
   * on it.
   */
  getCaseByDeskRef(ref: DeskRef, options?: { indexCopy?: boolean }): Promise<Case | undefined>;
  /** Cases not yet resolved, oldest first. */
  listOpenCases(limit: number): Promise<Case[]>;
}

/** What is remembered about a customer. */
export interface Profiles {
  getProfile(customerAddress: string): Promise<CustomerProfile | undefined>;
  /** Writes the profile if the stored version is `profile.version - 1` (or absent when version is 1). */
  saveProfile(profile: CustomerProfile): Promise<void>;
}

/** One-time keys: dedupe, leases and the send-once records of the outbox. */
export interface OnceKeys {
  /**
   * Claims a one-time key (dedupe of webhook retries, Slack event ids, outbox entries).
   * Returns `true` the first time, `false` afterwards until the key expires after `ttlSeconds`.
   */
  claimOnce(key: string, ttlSeconds: number): Promise<boolean>;
  /**
   * Releases a key claimed by `claimOnce` (when the effect it guarded failed and must be retried).
   * `unlessSent`: only when the key does not record a send (`settleOnce` with `sent`).
   */
  releaseOnce(key: string, options?: { unlessSent?: boolean }): Promise<void>;
  /** Records what the effect a claimed key guards came to (the send-once record of an outbound message). */
  settleOnce(key: string, outcome: OnceOutcome, ttlSeconds: number): Promise<void>;
  /** A claimed key and what it came to (`claimed` while the effect is under way or was interrupted). */
  getOnce(key: string): Promise<OnceOutcome | { state: 'claimed' } | undefined>;
}

/** Desk commands kept for their Retry button. */
export interface ParkedDeskCommands {
  /** Keeps a desk command that was not carried out, for its Retry button (in its conversation's partition). */
  parkDeskCommand(command: DeskCommandEvent): Promise<void>;
  getParkedDeskCommand(conversationId: string, commandId: string): Promise<DeskCommandEvent | undefined>;
}

/** The lifecycle events metrics are computed from. */
export interface LifecycleLog {
  /** Appends a lifecycle event for metrics. */
  recordLifecycle(event: LifecycleEvent): Promise<void>;
  /** Lifecycle events with `at` in [since, until), for reports. */
  listLifecycle(since: string, until: string): Promise<LifecycleEvent[]>;
}

/** Every role of the store together (the adapter, the composition root, tests). */
export interface ConversationStore
  extends Conversations,
    MessageLog,
    Cases,
    Profiles,
    OnceKeys,
    ParkedDeskCommands,
    LifecycleLog,
    TurnStore,
    DeskStore {}

/** What a customer turn reads, in one round trip (see {@link TurnStore}). */
export interface TurnState {
  conversation?: Conversation;
  profile?: CustomerProfile;
  /** The message the turn is about (`undefined` when it is not stored, or not among the recent ones). */
  message?: Message;
  /** The conversation's last messages, oldest first (suggestions included). */
  history: Message[];
  /** This hour's deployment-wide usage, when asked for (the global ceilings). */
  usage?: HourlyUsage;
}

/** What a customer turn writes, in one transaction (see {@link TurnStore}). */
export interface TurnCommit {
  /** The conversation's next state: created (must not exist) or saved at `version - 1`. */
  conversation?: { next: Conversation; create: boolean };
  /** The handled message's analysis and marks (flags replace the stored ones; `sentiment` when known). */
  handled?: {
    message: Pick<Message, 'conversationId' | 'messageId' | 'at'>;
    flags: string[];
    sentiment?: number;
  };
  /** The profile's next state, saved at `version - 1` (created when its version is 1). */
  profile?: CustomerProfile;
  /** A case the turn opened (must not exist). */
  newCase?: Case;
  lifecycle: LifecycleEvent[];
  /** Messages the turn adds (outbound replies and notices as sent or failed, suggestions): idempotent puts. */
  messages: Message[];
  /** Send-once keys the turn's sends settled. */
  settled: { key: string; outcome: OnceOutcome; ttlSeconds: number }[];
  /** Added to the hour's usage (the global ceilings). */
  usage?: { hour: string; tokens: number; messages: number };
}

/**
 * A customer turn's state, read once and written once: the conversation-worker loads the conversation,
 * profile, recent messages and the hour's usage in one round trip, decides, and commits everything in one
 * transaction. `commitTurn` throws `ConflictError` when the conversation, profile or case moved on since
 * the load (a desk action, the sweeper): the caller loads again and decides again.
 */
export interface TurnStore {
  loadTurn(request: {
    conversationId: string;
    customerAddress: string;
    /** The handled message (absent: only the conversation, profile and history are wanted). */
    messageId?: string;
    historyLimit: number;
    usageHour?: string;
  }): Promise<TurnState>;
  commitTurn(commit: TurnCommit): Promise<void>;
}

/** What a desk command asks {@link DeskStore.loadCase} for. */
export interface CaseLoad {
  caseId: string;
  /** Known (a recorded desk command): everything is read in one BatchGet with the case. */
  conversationId?: string;
  /** The conversation's last messages wanted (the card's transcript); 0 for none. */
  historyLimit: number;
  usageHour?: string;
}

/** What a desk command reads, in one round trip (two when only the case id is known; see {@link DeskStore}). */
export interface CaseState {
  kase?: Case;
  conversation?: Conversation;
  profile?: CustomerProfile;
  /** The conversation's last messages, oldest first (empty unless asked for). */
  history: Message[];
  /** This hour's deployment-wide usage, when asked for (the global ceilings). */
  usage?: HourlyUsage;
}

/**
 * What a desk command writes, in one transaction (see {@link DeskStore}): as a turn's commit (the profile,
 * lifecycle events, sent messages, settled send-once keys), plus the case.
 */
export interface CaseCommit
  extends Pick<TurnCommit, 'profile' | 'lifecycle'>,
    Partial<Pick<TurnCommit, 'messages' | 'settled'>> {
  /** The conversation the commit is about (its partition holds the messages and lifecycle events). */
  conversationId: string;
  /** The case's next state, saved at `version - 1`. */
  kase?: Case;
  /** The conversation's next state, saved at `version - 1`. */
  conversation?: Conversation;
  /** Outbound messages (parts) added to the hour's usage (the global ceilings). */
  usage?: { hour: string; messages: number };
  /**
   * The desk request's one-time key (a Slack action), claimed in the same transaction: when it is already
   * taken the request was handled before, nothing is written and the result is `duplicate`.
   */
  once?: { key: string; ttlSeconds: number };
}

/** What {@link DeskStore.commitCase} did. */
export type CaseCommitResult =
  /** Written. `late`: sent messages whose delivery status came before the commit, as they now stand. */
  | { status: 'committed'; late: Message[] }
  /** The `once` key was taken: a repeated request, nothing written. */
  | { status: 'duplicate' };

/**
 * A desk command's state, read once and written once: the case with its conversation, profile, recent
 * messages (for the card) and the hour's usage (for a send), then everything the command changes in one
 * transaction. `commitCase` throws `ConflictError` when the case, the conversation or the profile moved on
 * since the load: the caller loads and decides again. An owner check decided on the loaded state is
 * therefore enforced by the write (the versions it is conditional on).
 */
export interface DeskStore {
  loadCase(request: CaseLoad): Promise<CaseState>;
  commitCase(commit: CaseCommit): Promise<CaseCommitResult>;
  /**
   * Claims a send-once key (as `claimOnce`) only while `owner.agentId` owns the conversation on case
   * `owner.caseId` (mode `agent`): an agent's send checks ownership inside the write right before the
   * provider call. `false`: the key is taken; `NotOwnerError` (a `ConflictError`, with the conversation as
   * the condition saw it): the conversation is not theirs (any more).
   */
  claimSendAsOwner(
    key: string,
    ttlSeconds: number,
    owner: { conversationId: string; caseId: string; agentId: string },
  ): Promise<boolean>;
}

/** What a send-once key's effect came to: sent (with the provider's ids), or unknown (it may have gone). */
export type OnceOutcome = { state: 'sent'; providerIds: string[] } | { state: 'unknown'; reason: string };

/** Everything held about one customer (by E.164 number): what an export writes and an erase deletes. */
export interface CustomerData {
  customerAddress: string;
  profile?: CustomerProfile;
  conversations: Conversation[];
  /** Messages of those conversations (suggestions included), oldest first per conversation. */
  messages: Message[];
  lifecycle: LifecycleEvent[];
  cases: Case[];
  /** Provider-id pointers (Twilio SIDs of the customer's outbound messages) that exist. */
  providerIds: string[];
  /** Actions the AI proposed in those conversations (issue 15), with who approved, edited or denied them. */
  actionProposals?: ActionProposal[];
}

/** What an erase removed, by item kind (no personal data). */
export type ErasureCounts = Record<string, number>;

/** An audit record of an erase: when, who asked, what was removed; never the customer's number. */
export interface ErasureAudit {
  eraseId: string;
  at: string;
  /** `cli:<operator>` or `desk:<agent id>`. */
  requester: string;
  counts: ErasureCounts;
  /** Desk threads whose bot messages were replaced by "[erased]". */
  deskThreads: number;
}

/** Finding, exporting and erasing every item of one customer (GDPR-style requests). */
export interface CustomerDataStore {
  /**
   * Every item of the customer, found through the customer index (`CUSTOMER#<e164>`) and the keys it
   * leads to; `scan` also scans the whole table (data written before the index existed).
   */
  loadCustomerData(customerAddress: string, options?: { scan?: boolean }): Promise<CustomerData>;
  /** Deletes every item of `data` plus the one-time keys `onceKeys` (a missing item is fine). */
  eraseCustomerData(data: CustomerData, onceKeys: string[]): Promise<ErasureCounts>;
  /** Writes the erase's audit record (kept; it holds no personal data). */
  recordErasure(audit: ErasureAudit): Promise<void>;
}

/** The FIFO queue of conversation events and desk commands (MessageGroupId = conversation id). */
export interface EventQueue {
  publish(event: ConversationQueueEvent): Promise<void>;
}

/** The standard queue of escalation packets for the Slack notifier. */
export interface EscalationQueue {
  /** A case's card to post (the escalation notifier posts it once). */
  publish(packet: EscalationPacket): Promise<void>;
  /**
   * A post in a case's thread: the notifier does it, so Slack being slow or down never holds up a turn.
   * `delaySeconds` holds it on the queue that long first (an approval card waiting for its case's card).
   */
  publishThreadJob(job: ThreadJob, options?: { delaySeconds?: number }): Promise<void>;
}

/** One unit of the escalation notifier's work: a case's card, or a post in its thread. */
export type DeskJob = { kind: 'card'; packet: EscalationPacket } | ThreadJob;

/**
 * A post in a case's Slack thread, carried by the escalations queue and done by the notifier.
 * First the case's customer messages not yet in the thread, up to `upTo`, are forwarded in order; then
 * `post` is posted once (its `key` dedupes redeliveries).
 */
export interface ThreadJob {
  kind: 'thread';
  caseId: string;
  conversationId: string;
  /** Forward customer messages stored at or before this time (ISO) that are not in the thread yet. */
  upTo?: string;
  /** Then post this text (with buttons), once per `key`. */
  post?: { key: string; text: string; actions?: DeskAction[] };
}

/** A text message to a customer, already through the outbound gate. */
export interface ChannelText {
  /** The business number to send from (`whatsapp:` prefix kept for WhatsApp). */
  from: string;
  /** The customer's address (`whatsapp:+1…` for WhatsApp, `+1…` for SMS). */
  to: string;
  body: string;
  /** Which stored message delivery callbacks are about (`core/delivery-ref.ts`): handed back with them. */
  deliveryRef?: string;
}

/** An approved WhatsApp template message (used outside the 24-hour window). */
export interface ChannelTemplate {
  from: string;
  to: string;
  contentSid: string;
  variables: Record<string, string>;
  /** As for {@link ChannelText}. */
  deliveryRef?: string;
}

/**
 * Messages to customers. Implementations retry transient failures themselves and throw
 * `ChannelError` with a kind (`opted_out`, `window_closed`, `invalid_number`, `transient`, `rejected`).
 */
export interface CustomerChannel {
  sendText(message: ChannelText): Promise<{ providerId: string }>;
  sendTemplate(message: ChannelTemplate): Promise<{ providerId: string }>;
}

export type { DeskRef };

/** What an escalation card shows. The desk adapter renders it (Block Kit for Slack). */
export interface CaseView {
  kase: Case;
  profile?: CustomerProfile;
  /** Redacted transcript, oldest first. */
  transcript: Pick<Message, 'author' | 'text' | 'at' | 'media'>[];
  /** Minutes left in the WhatsApp window, when relevant. */
  windowMinutesLeft?: number;
  /** The conversation's language (ISO 639-1), when known. */
  language?: string;
}

/** Buttons the desk can attach to a thread message. */
export type DeskAction =
  | { kind: 'claim'; caseId: string }
  | { kind: 'send_suggestion'; caseId: string; suggestionId: string }
  /** Carries out a desk command that was not sent again (owner only). */
  | { kind: 'retry'; caseId: string; commandId: string }
  /** Approve / Edit / Deny of an action the AI proposed (issue 15). */
  | { kind: 'action_decision'; caseId: string; proposalId: string };

/** The agents' side (Slack). Nothing in the core knows it is Slack. */
export interface AgentDesk {
  /**
   * The desk channel `ref` is in: the channel ids of `settings.routing` and the desk access policy, which
   * are per channel. Synchronous: it reads the reference, never the desk.
   */
  channelOf(ref: DeskRef): string;
  /**
   * The references in `channels` a person could mistake for `ref` (on Slack: the same thread `ts` in another
   * channel), so that a reply aimed at a case from the wrong place is answered instead of ignored.
   */
  lookalikes(ref: DeskRef, channels: readonly string[]): DeskRef[];
  /** Posts a new card (in `channel`, the route's, else the desk's default); returns where it lives. */
  postCase(view: CaseView, options?: { channel?: string }): Promise<DeskRef>;
  /**
   * The card of `caseId` if it is already at the desk (posted at or after `since`, ISO): used after an
   * attempt that may have posted it without recording it. Optional: a desk without it cannot look.
   */
  findCase?(caseId: string, since: string, options?: { channel?: string }): Promise<DeskRef | undefined>;
  /** Re-renders the card in place (claimed, resolved, feedback asked/answered). */
  updateCase(ref: DeskRef, view: CaseView): Promise<void>;
  /** Posts in the case's thread; `mention` names a user group to notify. */
  postInThread(
    ref: DeskRef,
    text: string,
    options?: { actions?: DeskAction[]; mention?: string },
  ): Promise<void>;
  /** A message only `agentId` sees, in `ref`'s channel (in its thread with `inThread`). */
  postEphemeral(
    ref: DeskRef,
    agentId: string,
    text: string,
    options?: { actions?: DeskAction[]; inThread?: boolean },
  ): Promise<void>;
  /** Reacts to the message at `message` (e.g. ✓ when an agent's reply was delivered). */
  addReaction(message: DeskRef, name: string): Promise<void>;
  /** Takes the bot's reaction off a message (the pending mark once a reply is sent); none there is fine. */
  removeReaction(message: DeskRef, name: string): Promise<void>;
  /** Replaces the bot's own messages in the case's card and thread with "[erased]"; returns how many. */
  eraseThread(ref: DeskRef): Promise<number>;
  /**
   * Uploads a file into the case's thread (an image or document a customer sent), with an optional comment.
   * Optional: a desk without it gets a note that the attachment cannot be shown.
   */
  uploadFile?(ref: DeskRef, file: MediaFile, options?: { comment?: string }): Promise<void>;
}

/** An attachment a customer sent, fetched from the messaging provider. */
export interface MediaFile {
  data: Uint8Array;
  contentType: string;
  /** A file name for the desk (`image-1.jpg`); never the provider's URL. */
  filename: string;
}

/**
 * Fetches a customer's attachment (Twilio media URLs need the account's credentials). Throws
 * `MediaUnavailableError` when the media cannot be had (gone, too large, not the provider's URL); other errors
 * are transient.
 */
export interface MediaFetcher {
  fetch(media: Media, options: { filename: string; maxBytes: number }): Promise<MediaFile>;
}

/**
 * What a translation asks a model for: built by `core/translation.ts`; the text to translate is data, delimited
 * in `user` with its angle brackets neutralised, and `system` holds only our instructions.
 */
export interface TranslationRequest {
  system: string;
  user: string;
  maxTokens: number;
}

/** Translation with the configured model (Claude or Bedrock). Throws `ModelUnavailableError` when it cannot. */
export interface Translator {
  translate(request: TranslationRequest): Promise<string>;
}

/**
 * Who belongs to a user group at the desk (a Slack user group). Implementations cache the membership for a
 * few minutes; they throw when it cannot be read.
 */
export interface AgentDirectory {
  groupMembers(groupId: string): Promise<ReadonlySet<string>>;
}

/** Whether an agent is at their desk (Slack presence). Throws when it cannot be read. */
export interface AgentPresence {
  isActive(agentId: string): Promise<boolean>;
}

/** An agent's own availability, set from the App Home (Away / Available). */
export interface AgentAvailability {
  agentId: string;
  away: boolean;
  /** When it was last set (ISO). */
  updatedAt: string;
  /** When they last opened their App Home (ISO): only such agents' homes are re-published on changes. */
  homeOpenedAt?: string;
}

/** Agents' availability (a new item kind; the conversation store's items are untouched). */
export interface AgentAvailabilityStore {
  /** The availability of each of `agentIds` that has one (others have never set it: available). */
  getAvailability(agentIds: readonly string[]): Promise<Map<string, AgentAvailability>>;
  setAway(agentId: string, away: boolean, at: string): Promise<void>;
  /** Records that `agentId` opened their App Home at `at` (their home is kept up to date from then on). */
  markHomeOpened(agentId: string, at: string): Promise<void>;
}

/** What an agent's home (the Slack App Home tab) shows. The adapter renders it. */
export interface AgentHomeView {
  agentId: string;
  away: boolean;
  /** Their open cases (claimed, or assigned to them), with minutes waited and the channel's SLA. */
  mine: HomeCase[];
  /** Unclaimed cases in their channels, by priority (most urgent first), then oldest first. */
  queue: HomeCase[];
  /** Cases they resolved today (the business's time zone). */
  resolvedToday: number;
  /** Their satisfaction answers over the last 7 days: the mean (1-5) and how many. */
  csat: { average: number | null; answers: number };
  /** When the view was built (ISO). */
  at: string;
  /** Shown instead of cases (e.g. to someone outside the agent allowlist). */
  notice?: string;
}

/** One case as the App Home lists it. */
export interface HomeCase {
  caseId: string;
  priority: Case['priority'];
  status: Case['status'];
  summary: string;
  route?: string;
  /** Where the card lives (a link to it). */
  ref?: DeskRef;
  /** Minutes since it was opened. */
  waitedMinutes: number;
  /** Minutes left before the channel's SLA escalates it (negative: overdue); for unclaimed cases. */
  slaMinutesLeft?: number;
  assignedToMe?: boolean;
}

/** Publishes an agent's App Home. */
export interface AgentHome {
  publish(view: AgentHomeView): Promise<void>;
}

/** A tool call the model asked for. */
export type ToolCall =
  | {
      name: 'escalate_to_human';
      input: { reason_code: string; priority: 'low' | 'normal' | 'high' | 'urgent'; summary: string };
    }
  | { name: 'remember_customer_fact'; input: { key: string; value: string } }
  /** An action of `config/actions.ts` (issue 15); `id` pairs it with its result turn (Messages API tool_use id). */
  | { name: 'run_action'; id?: string; input: { action: string; args: Record<string, unknown> } };

/** An action offered to the model as a tool (its declaration's name, description and input schema). */
export interface ActionToolSpec {
  name: string;
  description: string;
  /** JSON schema of the input. */
  inputSchema: Record<string, unknown>;
}

/** One turn of the prompt. */
export interface ModelTurn {
  role: 'user' | 'assistant';
  content: string;
  /** An assistant turn that called an action: the call (a tool_use block for the Messages API). */
  toolUse?: { id: string; name: string; input: Record<string, unknown> };
  /** A user turn carrying an action's result (a tool_result block): `content` is the delimited data. */
  toolResult?: { id: string };
}

/**
 * What the responder asks a model for. Trust boundary: `system`, `reference` and `correction` hold
 * only the business's own text; everything a customer can shape (name, remembered facts, past cases, the
 * rolling summary, the hand-back note, the messages) is inside `turns`, on the user side, wrapped in
 * the tags the system prompt names and with angle brackets neutralised (see `core/prompt.ts`).
 */
export interface ModelRequest {
  /** Stable prefix (persona, policies, tool rules, canary, knowledge base): cacheable, never customer text. */
  system: string;
  /**
   * Knowledge-base passages retrieved for this turn (or the note that none matched), when the
   * knowledge base is too large for `system`: business text that varies per turn, so it is sent
   * after the cached prefix, uncached (see `core/knowledge-selection.ts`).
   */
  reference?: string;
  /**
   * Turns, oldest first, starting with the user; the last one holds the customer's new message.
   * The first user turn opens with the `<customer_data>` block.
   */
  turns: ModelTurn[];
  maxTokens: number;
  /** Extra instruction (ours) for a regeneration after an output guardrail refused the first answer. */
  correction?: string;
  /** The fact keys `remember_customer_fact` accepts (`settings.customerFacts.allowedKeys`), for the tool schema. */
  factKeys?: string[];
  /** Actions the model may call as tools (`config/actions.ts`), when the deployment has a business API. */
  actions?: ActionToolSpec[];
  /**
   * Images the customer sent with the newest message, for a model that `acceptsImages`: they go with the last
   * user turn (customer data, like the text), within `core/model-images.ts`'s limits.
   */
  images?: ModelImage[];
}

/** An image for the model (a customer's photo), in a type the Messages API takes. */
export interface ModelImage {
  mediaType: 'image/jpeg' | 'image/png' | 'image/gif' | 'image/webp';
  data: Uint8Array;
}

/** What a model answered. */
export interface ModelResponse {
  text: string;
  toolCalls: ToolCall[];
  usage: { inputTokens: number; outputTokens: number; cacheReadTokens?: number; cacheWriteTokens?: number };
  /** Knowledge-base passage ids the answer used, when the model can tell. */
  passages?: string[];
  /** The model's judgment of the customer's last message, -1..1, when it gives one. */
  sentiment?: number;
  /** The reply asks the customer a clarifying question instead of answering (an abstention). */
  clarifying?: boolean;
  /** The reply admits not knowing and offers a person (an abstention; two in a row escalate). */
  dontKnow?: boolean;
}

/** A language model. Throws `ModelUnavailableError` when it cannot answer after its retries. */
export interface LanguageModel {
  readonly name: string;
  /** True when the model can look at `ModelRequest.images` (Claude); the offline responder cannot. */
  readonly acceptsImages?: boolean;
  respond(request: ModelRequest): Promise<ModelResponse>;
}

/** What one clock hour (UTC) used, all conversations of the deployment together. */
export interface HourlyUsage {
  /** Model tokens: input, output, cache reads and cache writes. */
  tokens: number;
  /** Outbound messages (parts) that went to customers. */
  messages: number;
}

/**
 * Deployment-wide usage per clock hour, for the global ceilings. `hour` is `yyyy-mm-ddThh` (UTC, see
 * `hourOf`). `add` is atomic and returns the hour's totals after the addition.
 */
export interface UsageLedger {
  current(hour: string): Promise<HourlyUsage>;
  add(hour: string, amounts: Partial<HourlyUsage>): Promise<HourlyUsage>;
  /**
   * An addition written elsewhere (inside a worker's turn transaction) took the hour to about `after`:
   * lets a decorator react as it does to `add` (the ceiling alarm). Optional.
   */
  counted?(hour: string, after: HourlyUsage, amounts: Partial<HourlyUsage>): void;
}

/** Time, injectable for tests. */
export interface Clock {
  now(): Date;
}

/** Ids, injectable for tests. */
export interface IdGenerator {
  next(prefix: string): string;
}

/** Re-exported for adapters that need an agent type. */
export type { Agent };
