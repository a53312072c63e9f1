/**
 * The {@link ConversationStore} on one DynamoDB table (single-table design, keys in `lib/design.ts`).
 * Item types, keys and access patterns are documented in `docs/data-model.md`.
 */
import { createHash } from 'node:crypto';
import {
  BatchGetCommand,
  BatchWriteCommand,
  DeleteCommand,
  type DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
  type QueryCommandInput,
  ScanCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { ActionProposal } from '#core/actions/model.ts';
import { parseDeliveryRef } from '#core/delivery-ref.ts';
import { DELIVERY_STATUS_RANK, deliveryStatusRank, highestStatus } from '#core/delivery-status.ts';
import { ConflictError, NotFoundError, NotOwnerError, ValidationError } from '#core/errors.ts';
import { redactAtRestDeep } from '#core/guardrails/pii-at-rest.ts';
import { lastActivityOf } from '#core/idle.ts';
import type {
  Case,
  Conversation,
  CustomerProfile,
  DeliveryStatus,
  DeskCommandEvent,
  DeskRef,
  LifecycleEvent,
  Message,
} from '#core/model.ts';
import { conversationKeyOf } from '#core/model.ts';
import type {
  CaseCommit,
  CaseCommitResult,
  CaseLoad,
  CaseState,
  Clock,
  ConversationStore,
  CustomerData,
  CustomerDataStore,
  ErasureAudit,
  ErasureCounts,
  HourlyUsage,
  OnceOutcome,
  TurnCommit,
  TurnState,
  TurnStore,
} from '#core/ports.ts';
import {
  appendMessageOnce,
  cancellationItems,
  clean,
  failedIndexes,
  type Item,
  isConditionalFailure,
  isoTime,
  keys,
  messageSortKey,
  TRANSACTION_ATTEMPTS,
  type TransactItems,
  transactWrite,
} from './dynamodb-items.ts';
import { mergeSorted, partitionsOf, shardedPartition } from './dynamodb-shards.ts';
import { usageKeys, usageOf, usageShardKey, usageUpdate } from './dynamodb-usage-ledger.ts';
import { legacyRef, slackDeskRef, upgradeDeskCommand } from './slack-desk-ref.ts';

/** Attributes that exist only for the table's keys, indexes and internal bookkeeping. */
const INTERNAL_ATTRIBUTES = [
  'pk',
  'sk',
  'gsi1pk',
  'gsi1sk',
  'gsi2pk',
  'gsi2sk',
  'expiresAt',
  'itemType',
  'statusRank',
] as const;

/** Provider-id pointers live long enough for Twilio's late callbacks (read receipts can come days later). */
const PROVIDER_POINTER_TTL_SECONDS = 30 * 24 * 3600;
/** A status that arrived before its provider id was recorded waits this long for `recordProviderIds`. */
const PENDING_STATUS_TTL_SECONDS = 24 * 3600;
/** Retention when the caller does not say (the business settings' default). */
export const DEFAULT_RETENTION_DAYS = 90;
/**
 * DynamoDB implementation of the {@link ConversationStore} and {@link CustomerDataStore} ports.
 * Safe by construction: every free-text string it writes passes `redactAtRestDeep` (no card number, SSN
 * or IBAN reaches the table), and every item it writes carries `expiresAt` within the retention.
 */
export class DynamoDbConversationStore implements ConversationStore, CustomerDataStore, TurnStore {
  private readonly clock: Clock;
  private readonly retentionSeconds: number;

  constructor(
    private readonly documentClient: DynamoDBDocumentClient,
    private readonly tableName: string,
    options: { clock?: Clock; retentionDays?: number } = {},
  ) {
    this.clock = options.clock ?? { now: () => new Date() };
    this.retentionSeconds = (options.retentionDays ?? DEFAULT_RETENTION_DAYS) * 24 * 3600;
  }

  // ── Conversations ────────────────────────────────────────────────────────────────────────────

  async getConversation(conversationId: string): Promise<Conversation | undefined> {
    return this.getItem<Conversation>(keys.conversation(conversationId));
  }

  async createConversation(conversation: Conversation): Promise<void> {
    await this.createIndexed(
      { ...conversationItem(conversation), expiresAt: this.expiresAt() },
      keys.customer(conversation.customerAddress, `CONV#${conversation.id}`),
      `conversation ${conversation.id} already exists`,
    );
  }

  async saveConversation(conversation: Conversation): Promise<void> {
    await this.put(
      // Every save (customer activity, agent actions) moves the expiry: kept `retention` after the last contact.
      { ...conversationItem(conversation), expiresAt: this.expiresAt() },
      '#version = :expected',
      { ':expected': conversation.version - 1 },
      `conversation ${conversation.id} is not at version ${conversation.version - 1}`,
    );
  }

  async listIdleConversations(before: string, limit: number): Promise<Conversation[]> {
    const items = await this.queryShards(
      'IDLE',
      (pk) => ({
        IndexName: 'gsi2',
        KeyConditionExpression: 'gsi2pk = :pk AND gsi2sk < :before',
        ExpressionAttributeValues: { ':pk': pk, ':before': isoTime(before, 'before') },
      }),
      limit,
      // The index is eventually consistent: drop entries whose base item has since left mode ai.
      (item) => item['mode'] === 'ai',
    );
    return items.map((item) => strip<Conversation>(item));
  }

  // ── Messages ─────────────────────────────────────────────────────────────────────────────────

  async appendMessage(message: Message): Promise<boolean> {
    return appendMessageOnce(this.documentClient, this.tableName, message, this.expiresAt());
  }

  async getMessage(conversationId: string, messageId: string): Promise<Message | undefined> {
    const pointer = await this.getRaw(keys.messageId(conversationId, messageId));
    if (!pointer) return undefined;
    return this.getItem<Message>(keys.message(conversationId, String(pointer['messageSk'])));
  }

  async annotateMessage(
    conversationId: string,
    messageId: string,
    fields: Pick<Message, 'sentiment' | 'flags'>,
  ): Promise<void> {
    const present = Object.entries(clean(fields)).filter(
      ([name]) => name === 'sentiment' || name === 'flags',
    );
    if (present.length === 0) return;
    const pointer = await this.getRaw(keys.messageId(conversationId, messageId));
    if (!pointer) return;
    try {
      await this.documentClient.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: keys.message(conversationId, String(pointer['messageSk'])),
          // An update of named attributes only, so a concurrent status callback is never overwritten.
          UpdateExpression: `SET ${present.map(([name]) => `#${name} = :${name}`).join(', ')}`,
          ConditionExpression: 'attribute_exists(pk)',
          ExpressionAttributeNames: Object.fromEntries(present.map(([name]) => [`#${name}`, name])),
          ExpressionAttributeValues: Object.fromEntries(present.map(([name, value]) => [`:${name}`, value])),
        }),
      );
    } catch (error) {
      if (!isConditionalFailure(error)) throw error;
    }
  }

  async recentMessages(conversationId: string, limit: number): Promise<Message[]> {
    if (limit <= 0) return [];
    const result = await this.documentClient.send(
      new QueryCommand({
        TableName: this.tableName,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
        ExpressionAttributeValues: { ':pk': `CONV#${conversationId}`, ':prefix': 'MSG#' },
        ScanIndexForward: false,
        Limit: limit,
        ConsistentRead: true,
      }),
    );
    return (result.Items ?? []).map((item) => strip<Message>(item)).reverse();
  }

  async recordProviderIds(message: Message, providerIds: string[]): Promise<Message | undefined> {
    const messageKey = keys.message(message.conversationId, messageSortKey(message));
    const all = [...new Set([...(message.providerIds ?? []), ...providerIds])];
    try {
      await this.documentClient.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: messageKey,
          UpdateExpression: 'SET providerIds = :ids',
          ConditionExpression: 'attribute_exists(pk)',
          ExpressionAttributeValues: { ':ids': all },
        }),
      );
    } catch (error) {
      if (isConditionalFailure(error)) {
        throw new NotFoundError(`message ${message.messageId} not found in ${message.conversationId}`);
      }
      throw error;
    }
    const expiresAt = this.epochSeconds() + Math.min(PROVIDER_POINTER_TTL_SECONDS, this.retentionSeconds);
    // A pointer may already hold a status that arrived before we knew the id; apply the highest one.
    const pending = await Promise.all(
      providerIds.map(async (providerId) => {
        const result = await this.documentClient.send(
          new UpdateCommand({
            TableName: this.tableName,
            Key: keys.provider(providerId),
            UpdateExpression:
              'SET itemType = :itemType, conversationId = :conversationId, messageSk = :messageSk, expiresAt = :expiresAt',
            ExpressionAttributeValues: {
              ':itemType': 'provider-id',
              ':conversationId': message.conversationId,
              ':messageSk': messageKey.sk,
              ':expiresAt': expiresAt,
            },
            ReturnValues: 'ALL_OLD',
          }),
        );
        const old = result.Attributes;
        return old?.['pendingStatus']
          ? { status: old['pendingStatus'] as DeliveryStatus, errorCode: old['pendingErrorCode'] as string }
          : undefined;
      }),
    );
    const highest = highestStatus(pending.filter((entry) => entry !== undefined));
    return highest ? this.applyStatus(messageKey, highest.status, highest.errorCode) : undefined;
  }

  async updateDeliveryStatus(
    providerId: string,
    status: DeliveryStatus,
    errorCode?: string,
    deliveryRef?: string,
  ): Promise<Message | undefined> {
    const rank = deliveryStatusRank(status);
    if (rank === undefined) throw new ValidationError(`unknown delivery status ${status}`);
    const ref = parseDeliveryRef(deliveryRef);
    if (ref) {
      // One write on the message the reference names; only a message not recorded yet (the callback beat
      // the worker's commit) takes the pointer path below, which parks the status for the commit.
      const applied = await this.applyStatus(
        keys.message(ref.conversationId, messageSortKey(ref)),
        status,
        errorCode,
      );
      if (applied) return applied;
    }
    // Two rounds at most: the pointer may gain its message between our read and our pending write.
    for (let round = 0; round < 2; round++) {
      const pointer = await this.getRaw(keys.provider(providerId));
      if (pointer?.['messageSk']) {
        return this.applyStatus(
          keys.message(String(pointer['conversationId']), String(pointer['messageSk'])),
          status,
          errorCode,
        );
      }
      // The callback beat `recordProviderIds`: park the status on the pointer for it to apply.
      try {
        await this.documentClient.send(
          new UpdateCommand({
            TableName: this.tableName,
            Key: keys.provider(providerId),
            UpdateExpression:
              'SET itemType = :itemType, pendingStatus = :status, pendingRank = :rank, expiresAt = :expiresAt' +
              (errorCode ? ', pendingErrorCode = :errorCode' : ''),
            ConditionExpression:
              'attribute_not_exists(messageSk) AND (attribute_not_exists(pendingRank) OR pendingRank < :rank)',
            ExpressionAttributeValues: {
              ':itemType': 'provider-id',
              ':status': status,
              ':rank': rank,
              ':expiresAt': this.epochSeconds() + PENDING_STATUS_TTL_SECONDS,
              ...(errorCode ? { ':errorCode': errorCode } : {}),
            },
          }),
        );
        return undefined;
      } catch (error) {
        if (!isConditionalFailure(error)) throw error;
        // Either a higher status is already parked (nothing to do) or the message was just recorded.
      }
    }
    return undefined;
  }

  // ── Cases ────────────────────────────────────────────────────────────────────────────────────

  async createCase(kase: Case): Promise<void> {
    await this.createIndexed(
      { ...caseItem(kase), expiresAt: this.expiresAt() },
      keys.customer(kase.packet.customerAddress, `CASE#${kase.caseId}`),
      `case ${kase.caseId} already exists`,
    );
  }

  async getCase(caseId: string): Promise<Case | undefined> {
    const item = await this.getRaw(keys.case(caseId));
    return item ? caseFrom(item) : undefined;
  }

  async saveCase(kase: Case): Promise<void> {
    await this.put(
      { ...caseItem(kase), expiresAt: this.expiresAt() },
      '#version = :expected',
      { ':expected': kase.version - 1 },
      `case ${kase.caseId} is not at version ${kase.version - 1}`,
    );
  }

  async getCaseByDeskRef(ref: DeskRef, options: { indexCopy?: boolean } = {}): Promise<Case | undefined> {
    const result = await this.documentClient.send(
      new QueryCommand({
        TableName: this.tableName,
        IndexName: 'gsi1',
        KeyConditionExpression: 'gsi1pk = :pk',
        ExpressionAttributeValues: { ':pk': threadKey(ref) },
        // The index projects ALL: its copy of the case, for a caller that will not write on it.
        ...(options.indexCopy ? {} : { ProjectionExpression: 'caseId' }),
        Limit: 1,
      }),
    );
    const found = result.Items?.[0];
    if (options.indexCopy) return found ? caseFrom(found) : undefined;
    const caseId = found?.['caseId'];
    // The index only finds the case; the item itself is read strongly consistent so that a caller
    // about to write (claim, resolve) starts from the current version.
    return typeof caseId === 'string' ? this.getCase(caseId) : undefined;
  }

  async listOpenCases(limit: number): Promise<Case[]> {
    const items = await this.queryShards(
      'OPEN',
      (pk) => ({
        IndexName: 'gsi2',
        KeyConditionExpression: 'gsi2pk = :pk',
        ExpressionAttributeValues: { ':pk': pk },
      }),
      limit,
      (item) => item['status'] !== 'resolved',
    );
    return items.map(caseFrom);
  }

  // ── Profiles ─────────────────────────────────────────────────────────────────────────────────

  async getProfile(customerAddress: string): Promise<CustomerProfile | undefined> {
    return this.getItem<CustomerProfile>(keys.profile(customerAddress));
  }

  async saveProfile(profile: CustomerProfile): Promise<void> {
    const item = {
      ...redactAtRestDeep(clean(profile)),
      ...keys.profile(profile.customerAddress),
      itemType: 'profile',
      // Profiles are saved on customer activity: kept `retention` after the last contact.
      expiresAt: this.expiresAt(),
    };
    const message = `profile ${profile.customerAddress} is not at version ${profile.version - 1}`;
    if (profile.version <= 1) {
      await this.put(item, 'attribute_not_exists(pk)', undefined, message);
    } else {
      await this.put(item, '#version = :expected', { ':expected': profile.version - 1 }, message);
    }
  }

  // ── One-time keys ────────────────────────────────────────────────────────────────────────────

  async claimOnce(key: string, ttlSeconds: number): Promise<boolean> {
    try {
      await this.documentClient.send(new PutCommand(this.onceClaim(key, ttlSeconds).Put));
      return true;
    } catch (error) {
      if (isConditionalFailure(error)) return false;
      throw error;
    }
  }

  async releaseOnce(key: string, options: { unlessSent?: boolean } = {}): Promise<void> {
    try {
      await this.documentClient.send(
        new DeleteCommand({
          TableName: this.tableName,
          Key: keys.once(key),
          ...(options.unlessSent
            ? {
                ConditionExpression: 'attribute_not_exists(#state) OR #state <> :sent',
                ExpressionAttributeNames: { '#state': 'state' },
                ExpressionAttributeValues: { ':sent': 'sent' },
              }
            : {}),
        }),
      );
    } catch (error) {
      if (!isConditionalFailure(error)) throw error;
    }
  }

  async settleOnce(key: string, outcome: OnceOutcome, ttlSeconds: number): Promise<void> {
    await this.documentClient.send(
      new PutCommand({ TableName: this.tableName, Item: this.settledItem(key, outcome, ttlSeconds) }),
    );
  }

  async getOnce(key: string): Promise<OnceOutcome | { state: 'claimed' } | undefined> {
    const item = await this.getRaw(keys.once(key));
    if (!item || Number(item['expiresAt']) <= this.epochSeconds()) return undefined;
    if (item['state'] === 'sent') {
      return { state: 'sent', providerIds: (item['providerIds'] as string[] | undefined) ?? [] };
    }
    if (item['state'] === 'unknown') return { state: 'unknown', reason: String(item['reason'] ?? '') };
    return { state: 'claimed' };
  }

  // ── Turns: load once, write once ─────────────────────────────────────────────────────────────

  async loadTurn(request: {
    conversationId: string;
    customerAddress: string;
    messageId?: string;
    historyLimit: number;
    usageHour?: string;
  }): Promise<TurnState> {
    const usage = request.usageHour ? usageKeys(request.usageHour) : [];
    // Two requests in parallel: the recent messages, and the conversation, profile and usage items.
    const [history, items] = await Promise.all([
      this.recentMessages(request.conversationId, request.historyLimit),
      this.batchGet([
        keys.conversation(request.conversationId),
        keys.profile(request.customerAddress),
        ...usage,
      ]),
    ]);
    const find = (key: { pk: string; sk: string }) =>
      items.find((item) => item['pk'] === key.pk && item['sk'] === key.sk);
    const conversation = find(keys.conversation(request.conversationId));
    const profile = find(keys.profile(request.customerAddress));
    // The handled message is nearly always among the newest; an older one (a long-delayed redelivery) is
    // read by its id.
    const { messageId } = request;
    const message = messageId
      ? (history.find((item) => item.messageId === messageId) ??
        (await this.getMessage(request.conversationId, messageId)))
      : undefined;
    return {
      ...(conversation ? { conversation: strip<Conversation>(conversation) } : {}),
      ...(profile ? { profile: strip<CustomerProfile>(profile) } : {}),
      ...(message ? { message } : {}),
      history,
      ...(request.usageHour ? { usage: sumOfUsage(usage.map((key) => usageOf(find(key)))) } : {}),
    };
  }

  async commitTurn(commit: TurnCommit): Promise<void> {
    const { conversation, ...rest } = commit;
    const writes = this.commitWrites({
      ...rest,
      usageConversationId: conversation?.next.id ?? '',
      ...(conversation
        ? {
            conversation: {
              next: conversation.next,
              // A save is at version ≥ 2, so a next version of 1 is a creation only when asked.
              version: conversation.create ? 1 : Math.max(2, conversation.next.version),
              create: conversation.create,
            },
          }
        : {}),
    });
    await this.runCommit(writes);
  }

  // ── Desk commands: load once, write once ─────────────────────────────────────────────────────

  async loadCase(request: CaseLoad): Promise<CaseState> {
    const usage = request.usageHour ? usageKeys(request.usageHour) : [];
    // A recorded command knows its conversation (and so the customer): one BatchGet with the case. A desk
    // click knows only the case: its item first, then the rest.
    const known = request.conversationId ? conversationKeyOf(request.conversationId) : undefined;
    const kase = known ? undefined : await this.getCase(request.caseId);
    const conversationId = request.conversationId ?? kase?.conversationId;
    const customerAddress = known?.customerAddress ?? kase?.packet.customerAddress;
    if (!conversationId) return { history: [] };
    const [history, items] = await Promise.all([
      this.recentMessages(conversationId, request.historyLimit),
      this.batchGet([
        ...(known ? [keys.case(request.caseId)] : []),
        keys.conversation(conversationId),
        ...(customerAddress ? [keys.profile(customerAddress)] : []),
        ...usage,
      ]),
    ]);
    const find = (key: { pk: string; sk: string }) =>
      items.find((item) => item['pk'] === key.pk && item['sk'] === key.sk);
    const caseItem = known ? find(keys.case(request.caseId)) : undefined;
    const conversation = find(keys.conversation(conversationId));
    const profile = customerAddress ? find(keys.profile(customerAddress)) : undefined;
    const loaded = kase ?? (caseItem ? caseFrom(caseItem) : undefined);
    return {
      ...(loaded ? { kase: loaded } : {}),
      ...(conversation ? { conversation: strip<Conversation>(conversation) } : {}),
      ...(profile ? { profile: strip<CustomerProfile>(profile) } : {}),
      history,
      ...(request.usageHour ? { usage: sumOfUsage(usage.map((key) => usageOf(find(key)))) } : {}),
    };
  }

  async commitCase(commit: CaseCommit): Promise<CaseCommitResult> {
    const { conversation, usage, kase: _kase, once: _once, conversationId, ...rest } = commit;
    const writes = this.commitWrites({
      ...rest,
      usageConversationId: conversationId,
      ...(conversation
        ? { conversation: { next: conversation, version: conversation.version, create: false } }
        : {}),
      ...(usage ? { usage: { ...usage, tokens: 0 } } : {}),
    });
    if (commit.kase) {
      const kase = commit.kase;
      writes.items.push(this.versioned({ ...caseItem(kase), expiresAt: writes.expiresAt }, kase.version));
      writes.conflictNames.push(`case ${kase.caseId}`);
    }
    let onceIndex: number | undefined;
    if (commit.once) {
      onceIndex = writes.items.length;
      writes.items.push(this.onceClaim(commit.once.key, commit.once.ttlSeconds));
    }
    const late = await this.runCommit(writes, onceIndex);
    return late === 'duplicate' ? { status: 'duplicate' } : { status: 'committed', late };
  }

  async claimSendAsOwner(
    key: string,
    ttlSeconds: number,
    owner: { conversationId: string; caseId: string; agentId: string },
  ): Promise<boolean> {
    try {
      await this.transactWrite([
        {
          ConditionCheck: {
            TableName: this.tableName,
            Key: keys.conversation(owner.conversationId),
            // `ownershipRefusal` (core/conversation-state.ts) as a condition: mode agent, this case, this owner.
            ConditionExpression: '#mode = :agent AND caseId = :caseId AND #owner.id = :agentId',
            ExpressionAttributeNames: { '#mode': 'mode', '#owner': 'owner' },
            ExpressionAttributeValues: {
              ':agent': 'agent',
              ':caseId': owner.caseId,
              ':agentId': owner.agentId,
            },
            // The refusal carries the conversation as the condition saw it: no read to say why.
            ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
          },
        },
        this.onceClaim(key, ttlSeconds),
      ]);
      return true;
    } catch (error) {
      const failed = failedIndexes(error);
      if (failed.includes(0)) {
        // The reason's item is in the low-level form: the document client converts results, not errors.
        const seen = cancellationItems(error)[0];
        throw new NotOwnerError(
          `conversation ${owner.conversationId} is not ${owner.agentId}'s on this case`,
          seen ? strip<Conversation>(unmarshall(seen)) : undefined,
        );
      }
      if (failed.includes(1)) return false;
      throw error;
    }
  }

  // ── Parked desk commands ─────────────────────────────────────────────────────────────────────

  async parkDeskCommand(command: DeskCommandEvent): Promise<void> {
    // In the conversation's partition, so an erase of the customer takes it with the rest.
    await this.documentClient.send(
      new PutCommand({
        TableName: this.tableName,
        Item: {
          command: redactAtRestDeep(clean(command)),
          ...keys.parked(command.conversationId, command.commandId),
          itemType: 'desk-command',
          expiresAt: this.expiresAt(),
        },
      }),
    );
  }

  async getParkedDeskCommand(
    conversationId: string,
    commandId: string,
  ): Promise<DeskCommandEvent | undefined> {
    const item = await this.getRaw(keys.parked(conversationId, commandId));
    const command = item?.['command'] as DeskCommandEvent | undefined;
    return command ? upgradeDeskCommand(command) : undefined;
  }

  // ── Lifecycle ────────────────────────────────────────────────────────────────────────────────

  async recordLifecycle(event: LifecycleEvent): Promise<void> {
    await this.documentClient.send(
      new PutCommand({ TableName: this.tableName, Item: this.lifecycleItem(event) }),
    );
  }

  async listLifecycle(since: string, until: string): Promise<LifecycleEvent[]> {
    const from = isoTime(since, 'since');
    const to = isoTime(until, 'until');
    if (from >= to) return [];
    const days: string[] = [];
    for (let day = new Date(`${from.slice(0, 10)}T00:00:00.000Z`); day.toISOString() < to; ) {
      days.push(day.toISOString().slice(0, 10));
      day = new Date(day.getTime() + 24 * 3600 * 1000);
    }
    const perDay = await Promise.all(
      days.map((day) =>
        this.queryShards(
          `LIFE#${day}`,
          (pk) => ({
            IndexName: 'gsi2',
            // Sort keys are `<at>#…`, so `at` == until sorts after `:until` and is excluded: [since, until).
            KeyConditionExpression: 'gsi2pk = :pk AND gsi2sk BETWEEN :since AND :until',
            ExpressionAttributeValues: { ':pk': pk, ':since': from, ':until': to },
          }),
          Number.POSITIVE_INFINITY,
        ),
      ),
    );
    return perDay.flat().map((item) => strip<LifecycleEvent>(item));
  }

  // ── Customer data: export and erase ──────────────────────────────────────────────────────────

  async loadCustomerData(customerAddress: string, options: { scan?: boolean } = {}): Promise<CustomerData> {
    const conversationIds = new Set<string>();
    const caseIds = new Set<string>();
    for (const item of await this.queryAll({
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': `CUSTOMER#${customerAddress}` },
    })) {
      const sk = String(item['sk']);
      if (sk.startsWith('CONV#')) conversationIds.add(sk.slice('CONV#'.length));
      if (sk.startsWith('CASE#')) caseIds.add(sk.slice('CASE#'.length));
    }
    if (options.scan) {
      // Legacy data written before the customer index: one pass over the whole table.
      let startKey: Record<string, unknown> | undefined;
      do {
        const page = await this.documentClient.send(
          new ScanCommand({
            TableName: this.tableName,
            FilterExpression: 'customerAddress = :address OR packet.customerAddress = :address',
            ExpressionAttributeValues: { ':address': customerAddress },
            ProjectionExpression: 'itemType, id, caseId',
            ...(startKey ? { ExclusiveStartKey: startKey } : {}),
          }),
        );
        for (const item of page.Items ?? []) {
          if (item['itemType'] === 'conversation') conversationIds.add(String(item['id']));
          if (item['itemType'] === 'case') caseIds.add(String(item['caseId']));
        }
        startKey = page.LastEvaluatedKey;
      } while (startKey);
    }
    const profile = await this.getProfile(customerAddress);
    for (const past of profile?.pastCases ?? []) caseIds.add(past.caseId);

    const data: CustomerData = {
      customerAddress,
      ...(profile ? { profile } : {}),
      conversations: [],
      messages: [],
      lifecycle: [],
      cases: [],
      providerIds: [],
    };
    for (const conversationId of [...conversationIds].sort()) {
      const items = await this.queryAll({
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': `CONV#${conversationId}` },
        ConsistentRead: true,
      });
      for (const item of items) {
        if (item['itemType'] === 'conversation') {
          const conversation = strip<Conversation>(item);
          data.conversations.push(conversation);
          if (conversation.caseId) caseIds.add(conversation.caseId);
        } else if (item['itemType'] === 'message') {
          data.messages.push(strip<Message>(item));
        } else if (item['itemType'] === 'action-proposal' && item['proposal']) {
          data.actionProposals = [...(data.actionProposals ?? []), item['proposal'] as ActionProposal];
        } else if (item['itemType'] === 'lifecycle') {
          const event = strip<LifecycleEvent>(item);
          data.lifecycle.push(event);
          if (event.caseId) caseIds.add(event.caseId);
        }
      }
    }
    for (const caseId of [...caseIds].sort()) {
      const kase = await this.getCase(caseId);
      if (kase) data.cases.push(kase);
    }
    for (const providerId of new Set(data.messages.flatMap((message) => message.providerIds ?? []))) {
      if (await this.getRaw(keys.provider(providerId))) data.providerIds.push(providerId);
    }
    return data;
  }

  async eraseCustomerData(data: CustomerData, onceKeys: string[]): Promise<ErasureCounts> {
    const counts: ErasureCounts = {};
    const doomed: Item[] = [];
    const add = (kind: string, key: Item) => {
      doomed.push(key);
      counts[kind] = (counts[kind] ?? 0) + 1;
    };
    // Whole partitions, so that no item of the customer's conversations is left whatever its type.
    for (const conversation of data.conversations) {
      const items = await this.queryAll({
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': `CONV#${conversation.id}` },
        ProjectionExpression: 'pk, sk, itemType',
        ConsistentRead: true,
      });
      for (const item of items) add(String(item['itemType'] ?? 'other'), { pk: item['pk'], sk: item['sk'] });
    }
    for (const kase of data.cases) add('case', keys.case(kase.caseId));
    for (const providerId of data.providerIds) add('provider-id', keys.provider(providerId));
    for (const key of new Set(onceKeys)) add('once-candidate', keys.once(key));
    if (data.profile) add('profile', keys.profile(data.customerAddress));
    const index = await this.queryAll({
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': `CUSTOMER#${data.customerAddress}` },
      ProjectionExpression: 'pk, sk',
    });
    for (const item of index) add('customer-index', { pk: item['pk'], sk: item['sk'] });
    await this.batchDelete(doomed);
    return counts;
  }

  async recordErasure(audit: ErasureAudit): Promise<void> {
    await this.documentClient.send(
      new PutCommand({
        TableName: this.tableName,
        // No TTL and no customer data: the record that an erase happened is what is kept.
        Item: { ...clean(audit), pk: 'AUDIT#erase', sk: `${audit.at}#${audit.eraseId}`, itemType: 'audit' },
      }),
    );
  }

  // ── Internals ────────────────────────────────────────────────────────────────────────────────

  private epochSeconds(): number {
    return Math.floor(this.clock.now().getTime() / 1000);
  }

  /** When an item written now expires: the retention from now (DynamoDB TTL, epoch seconds). */
  private expiresAt(): number {
    return this.epochSeconds() + this.retentionSeconds;
  }

  /** The lifecycle event's item: idempotent key (a digest of the event), with its by-day index entry. */
  private lifecycleItem(event: LifecycleEvent): Item {
    const at = isoTime(event.at, 'at');
    // The sort key ends with a digest of the event, so a retried write of the same event is idempotent
    // while two different events at the same millisecond both survive.
    const digest = createHash('sha256')
      .update(JSON.stringify(clean(event)))
      .digest('hex')
      .slice(0, 16);
    return {
      ...redactAtRestDeep(clean(event)),
      pk: `CONV#${event.conversationId}`,
      sk: `LIFE#${at}#${event.type}#${digest}`,
      itemType: 'lifecycle',
      expiresAt: this.expiresAt(),
      gsi2pk: shardedPartition(`LIFE#${at.slice(0, 10)}`, event.conversationId),
      gsi2sk: `${at}#${event.conversationId}#${digest}`,
    };
  }

  /** The conditional put that claims one-time key `key` (alone, or inside a transaction). */
  private onceClaim(key: string, ttlSeconds: number) {
    const now = this.epochSeconds();
    return {
      Put: {
        TableName: this.tableName,
        Item: {
          ...keys.once(key),
          itemType: 'once',
          // Capped at the retention: a dedupe key (which may name a conversation) never outlives it.
          expiresAt: now + Math.min(Math.max(1, Math.ceil(ttlSeconds)), this.retentionSeconds),
        },
        // TTL deletion lags expiry by up to days, so an expired item still present counts as free.
        ConditionExpression: 'attribute_not_exists(pk) OR expiresAt <= :now',
        ExpressionAttributeValues: { ':now': now },
      },
    };
  }

  /** A send-once key's record of what its effect came to. */
  private settledItem(key: string, outcome: OnceOutcome, ttlSeconds: number): Item {
    return {
      ...clean(outcome),
      ...keys.once(key),
      itemType: 'once',
      expiresAt: this.epochSeconds() + Math.min(Math.max(1, Math.ceil(ttlSeconds)), this.retentionSeconds),
    };
  }

  /** A versioned put: created (must not exist) at version 1, else conditional on `version - 1`. */
  private versioned(item: Item, version: number): TransactItems[number] {
    return version <= 1
      ? { Put: { TableName: this.tableName, Item: item, ConditionExpression: 'attribute_not_exists(pk)' } }
      : {
          Put: {
            TableName: this.tableName,
            Item: item,
            ConditionExpression: '#version = :expected',
            ExpressionAttributeNames: { '#version': 'version' },
            ExpressionAttributeValues: { ':expected': version - 1 },
          },
        };
  }

  /**
   * The transaction items of a turn's or a desk command's commit (`docs/data-model.md`, "Turns"): the
   * conversation, the profile, a new case, the handled message's marks, lifecycle events, sent messages with
   * their message-id items and provider-id pointers, settled send-once keys and the hour's usage.
   */
  private commitWrites(commit: {
    conversation?: { next: Conversation; version: number; create: boolean };
    profile?: CustomerProfile;
    newCase?: Case;
    handled?: TurnCommit['handled'];
    lifecycle: LifecycleEvent[];
    messages?: Message[];
    settled?: TurnCommit['settled'];
    usage?: { hour: string; tokens: number; messages: number };
    usageConversationId: string;
  }): CommitWrites {
    const expiresAt = this.expiresAt();
    const table = this.tableName;
    const writes: CommitWrites = { items: [], pointers: new Map(), conflictNames: [], expiresAt };
    const { items } = writes;
    const versioned = (item: Item, version: number, what: string) => {
      writes.conflictNames.push(what);
      return this.versioned(item, version);
    };
    const indexEntry = (indexKey: Item): TransactItems[number] => ({
      Put: { TableName: table, Item: { ...indexKey, itemType: 'customer-index', expiresAt } },
    });
    if (commit.conversation) {
      const { next, version, create } = commit.conversation;
      items.push(versioned({ ...conversationItem(next), expiresAt }, version, `conversation ${next.id}`));
      if (create) items.push(indexEntry(keys.customer(next.customerAddress, `CONV#${next.id}`)));
    }
    if (commit.profile) {
      const profile = commit.profile;
      items.push(
        versioned(
          {
            ...redactAtRestDeep(clean(profile)),
            ...keys.profile(profile.customerAddress),
            itemType: 'profile',
            expiresAt,
          },
          profile.version,
          `profile ${profile.customerAddress}`,
        ),
      );
    }
    if (commit.newCase) {
      const kase = commit.newCase;
      items.push(versioned({ ...caseItem(kase), expiresAt }, 1, `case ${kase.caseId}`));
      items.push(indexEntry(keys.customer(kase.packet.customerAddress, `CASE#${kase.caseId}`)));
    }
    if (commit.handled) {
      const { message, flags, sentiment } = commit.handled;
      items.push({
        Update: {
          TableName: table,
          Key: keys.message(message.conversationId, messageSortKey(message)),
          // Named attributes only, so nothing else on the message (a status) is overwritten.
          UpdateExpression: `SET flags = :flags${sentiment !== undefined ? ', sentiment = :sentiment' : ''}`,
          ConditionExpression: 'attribute_exists(pk)',
          ExpressionAttributeValues: {
            ':flags': flags,
            ...(sentiment !== undefined ? { ':sentiment': sentiment } : {}),
          },
        },
      });
      writes.conflictNames.push(`message ${message.messageId}`);
    }
    const seen = new Set<string>();
    for (const event of commit.lifecycle) {
      const item = this.lifecycleItem(event);
      const id = `${item['pk']}|${item['sk']}`;
      if (seen.has(id)) continue;
      seen.add(id);
      items.push({ Put: { TableName: table, Item: item } });
    }
    for (const message of commit.messages ?? []) {
      const messageSk = messageSortKey(message);
      items.push({
        Put: {
          TableName: table,
          Item: {
            ...redactAtRestDeep(clean(message)),
            ...keys.message(message.conversationId, messageSk),
            itemType: 'message',
            expiresAt,
            ...(message.status ? { statusRank: DELIVERY_STATUS_RANK[message.status] } : {}),
          },
        },
      });
      items.push({
        Put: {
          TableName: table,
          Item: {
            ...keys.messageId(message.conversationId, message.messageId),
            itemType: 'message-id',
            messageSk,
            expiresAt,
          },
        },
      });
      for (const providerId of message.providerIds ?? []) {
        writes.pointers.set(items.length, message);
        items.push({
          Update: {
            TableName: table,
            Key: keys.provider(providerId),
            UpdateExpression:
              'SET itemType = :itemType, conversationId = :conversationId, messageSk = :messageSk, expiresAt = :expiresAt',
            // A status callback that came first parked its status here: recorded the slow way (`runCommit`).
            ConditionExpression: 'attribute_not_exists(pendingStatus)',
            ExpressionAttributeValues: {
              ':itemType': 'provider-id',
              ':conversationId': message.conversationId,
              ':messageSk': messageSk,
              ':expiresAt':
                this.epochSeconds() + Math.min(PROVIDER_POINTER_TTL_SECONDS, this.retentionSeconds),
            },
          },
        });
      }
    }
    for (const { key, outcome, ttlSeconds } of commit.settled ?? []) {
      items.push({ Put: { TableName: table, Item: this.settledItem(key, outcome, ttlSeconds) } });
    }
    if (commit.usage && (commit.usage.tokens > 0 || commit.usage.messages > 0)) {
      // A shard of the hour's usage per conversation, so concurrent turns do not contend for one item.
      const { hour, tokens, messages } = commit.usage;
      items.push({
        Update: {
          TableName: table,
          Key: usageShardKey(hour, commit.usageConversationId),
          ...usageUpdate(hour, { tokens, messages }),
        },
      });
    }
    return writes;
  }

  /**
   * Runs a commit's transaction. Pointers that hold a status parked by an early callback fail their
   * condition: the commit is repeated without them and they are recorded the slow way, which applies the
   * status (those messages are returned as they now stand). `onceIndex`: the item of a one-time key, whose
   * failed condition means a repeated request (`duplicate`, nothing written). Any other failed condition is
   * a `ConflictError`.
   */
  private async runCommit(writes: CommitWrites, onceIndex?: number): Promise<Message[] | 'duplicate'> {
    const { items, pointers } = writes;
    if (items.length === 0) return [];
    try {
      await this.transactWrite(items);
      return [];
    } catch (error) {
      const failed = failedIndexes(error);
      if (onceIndex !== undefined && failed.includes(onceIndex)) return 'duplicate';
      if (failed.length > 0 && failed.every((index) => pointers.has(index))) {
        await this.transactWrite(items.filter((_, index) => !pointers.has(index)));
        const late: Message[] = [];
        for (const message of new Set(failed.map((index) => pointers.get(index) as Message))) {
          const applied = await this.recordProviderIds(message, message.providerIds ?? []);
          if (applied) late.push(applied);
        }
        return late;
      }
      if (isConditionalFailure(error)) {
        throw new ConflictError(`the state moved on since it was read (${writes.conflictNames.join(', ')})`);
      }
      throw error;
    }
  }

  /** Strongly consistent reads of up to 100 keys in one request (resending what DynamoDB leaves). */
  private async batchGet(itemKeys: Item[]): Promise<Item[]> {
    const found: Item[] = [];
    let pending: Item[] = itemKeys;
    for (let attempt = 0; pending.length > 0; attempt++) {
      if (attempt >= TRANSACTION_ATTEMPTS) throw new Error('DynamoDB kept keys unprocessed');
      if (attempt > 0) await new Promise((resolve) => setTimeout(resolve, 20 * 2 ** attempt));
      const result = await this.documentClient.send(
        new BatchGetCommand({ RequestItems: { [this.tableName]: { Keys: pending, ConsistentRead: true } } }),
      );
      found.push(...(result.Responses?.[this.tableName] ?? []));
      pending = (result.UnprocessedKeys?.[this.tableName]?.Keys ?? []) as Item[];
    }
    return found;
  }

  /** Creates `item` (must not exist) and its customer-index entry in one transaction. */
  private async createIndexed(item: Item, indexKey: Item, conflictMessage: string): Promise<void> {
    try {
      await this.transactWrite([
        { Put: { TableName: this.tableName, Item: item, ConditionExpression: 'attribute_not_exists(pk)' } },
        {
          Put: {
            TableName: this.tableName,
            Item: { ...indexKey, itemType: 'customer-index', expiresAt: item['expiresAt'] },
          },
        },
      ]);
    } catch (error) {
      if (isConditionalFailure(error)) throw new ConflictError(conflictMessage);
      throw error;
    }
  }

  /** Every item of a table query, page by page. */
  private async queryAll(input: Omit<QueryCommandInput, 'TableName'>): Promise<Item[]> {
    const items: Item[] = [];
    let startKey: Record<string, unknown> | undefined;
    do {
      const result = await this.documentClient.send(
        new QueryCommand({
          ...input,
          TableName: this.tableName,
          ...(startKey ? { ExclusiveStartKey: startKey } : {}),
        }),
      );
      items.push(...(result.Items ?? []));
      startKey = result.LastEvaluatedKey;
    } while (startKey);
    return items;
  }

  /** Deletes keys 25 at a time, resending what DynamoDB leaves unprocessed. */
  private async batchDelete(itemKeys: Item[]): Promise<void> {
    for (let start = 0; start < itemKeys.length; start += 25) {
      let requests = itemKeys.slice(start, start + 25).map((key) => ({ DeleteRequest: { Key: key } }));
      for (let attempt = 0; requests.length > 0; attempt++) {
        if (attempt >= TRANSACTION_ATTEMPTS) throw new Error('erase: DynamoDB kept items unprocessed');
        if (attempt > 0) await new Promise((resolve) => setTimeout(resolve, 20 * 2 ** attempt));
        const result = await this.documentClient.send(
          new BatchWriteCommand({ RequestItems: { [this.tableName]: requests } }),
        );
        requests = (result.UnprocessedItems?.[this.tableName] ?? []) as typeof requests;
      }
    }
  }

  private async getRaw(key: Item): Promise<Item | undefined> {
    const result = await this.documentClient.send(
      new GetCommand({ TableName: this.tableName, Key: key, ConsistentRead: true }),
    );
    return result.Item;
  }

  private async getItem<T>(key: Item): Promise<T | undefined> {
    const item = await this.getRaw(key);
    return item ? strip<T>(item) : undefined;
  }

  /** A conditional put; a failed condition becomes {@link ConflictError}. */
  private async put(
    item: Item,
    condition: string,
    values: Record<string, unknown> | undefined,
    conflictMessage: string,
  ): Promise<void> {
    try {
      await this.documentClient.send(
        new PutCommand({
          TableName: this.tableName,
          Item: item,
          ConditionExpression: condition,
          ...(values
            ? { ExpressionAttributeNames: { '#version': 'version' }, ExpressionAttributeValues: values }
            : {}),
        }),
      );
    } catch (error) {
      if (isConditionalFailure(error)) throw new ConflictError(conflictMessage);
      throw error;
    }
  }

  private transactWrite(items: TransactItems): Promise<void> {
    return transactWrite(this.documentClient, items);
  }

  /** Sets a message's status if it ranks above the stored one; returns the message as it now stands. */
  private async applyStatus(
    messageKey: { pk: string; sk: string },
    status: DeliveryStatus,
    errorCode?: string,
  ): Promise<Message | undefined> {
    try {
      const result = await this.documentClient.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: messageKey,
          UpdateExpression: `SET #status = :status, statusRank = :rank${errorCode ? ', errorCode = :errorCode' : ''}`,
          ConditionExpression:
            'attribute_exists(pk) AND (attribute_not_exists(statusRank) OR statusRank < :rank)',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: {
            ':status': status,
            ':rank': DELIVERY_STATUS_RANK[status],
            ...(errorCode ? { ':errorCode': errorCode } : {}),
          },
          ReturnValues: 'ALL_NEW',
        }),
      );
      return result.Attributes ? strip<Message>(result.Attributes) : undefined;
    } catch (error) {
      if (!isConditionalFailure(error)) throw error;
      // Not an advance (or the message is not there): report the message unchanged.
      return this.getItem<Message>(messageKey);
    }
  }

  /**
   * Queries every shard of the shared `gsi2` partition `base` in parallel (each page by page, up to
   * `limit` kept items) and merges them by sort key: the first `limit` of the whole partition, in order.
   */
  private async queryShards(
    base: string,
    input: (partition: string) => Omit<QueryCommandInput, 'TableName'>,
    limit: number,
    keep?: (item: Item) => boolean,
  ): Promise<Item[]> {
    const perShard = await Promise.all(
      partitionsOf(base).map((partition) => this.queryIndex(input(partition), limit, keep)),
    );
    return mergeSorted(perShard, (item) => String(item['gsi2sk']), limit);
  }

  /** Queries an index page by page until `limit` items passing `keep` are collected. */
  private async queryIndex(
    input: Omit<QueryCommandInput, 'TableName'>,
    limit: number,
    keep: (item: Item) => boolean = () => true,
  ): Promise<Item[]> {
    const collected: Item[] = [];
    if (limit <= 0) return collected;
    let startKey: Record<string, unknown> | undefined;
    do {
      const remaining = limit - collected.length;
      const result = await this.documentClient.send(
        new QueryCommand({
          ...input,
          TableName: this.tableName,
          ...(Number.isFinite(remaining) ? { Limit: remaining } : {}),
          ...(startKey ? { ExclusiveStartKey: startKey } : {}),
        }),
      );
      for (const item of result.Items ?? []) if (keep(item)) collected.push(item);
      startKey = result.LastEvaluatedKey;
    } while (startKey && collected.length < limit);
    return collected.slice(0, limit);
  }
}

/**
 * The conversation item, with its sparse `IDLE` index entry (sharded) when it counts as idle-able
 * (`lastActivityOf`, core/idle.ts).
 */
function conversationItem(conversation: Conversation): Item {
  const item: Item = {
    ...redactAtRestDeep(clean(conversation)),
    ...keys.conversation(conversation.id),
    itemType: 'conversation',
  };
  const activity = lastActivityOf(conversation);
  if (activity) {
    item['gsi2pk'] = shardedPartition('IDLE', conversation.id);
    item['gsi2sk'] = `${activity}#${conversation.id}`;
  }
  return item;
}

/** The case item with its thread (GSI1) and open-case (sparse GSI2, sharded by conversation) entries. */
function caseItem(kase: Case): Item {
  const item: Item = { ...redactAtRestDeep(clean(kase)), ...keys.case(kase.caseId), itemType: 'case' };
  if (kase.deskRef) {
    item['gsi1pk'] = threadKey(kase.deskRef);
    item['gsi1sk'] = `CASE#${kase.caseId}`;
  }
  if (kase.status !== 'resolved') {
    item['gsi2pk'] = shardedPartition('OPEN', kase.conversationId);
    item['gsi2sk'] = `${isoTime(kase.openedAt, 'openedAt')}#${kase.caseId}`;
  }
  return item;
}

/** The thread index key of a card (`THREAD#<channel>#<ts>` for Slack, as ever). */
function threadKey(ref: DeskRef): string {
  return `THREAD#${ref}`;
}

/**
 * The case of a stored item. Items written before the desk reference was opaque carry `slack`, a map of the
 * card's channel and ts: read as the reference the Slack desk gives (the next save writes `deskRef`).
 */
function caseFrom(item: Item): Case {
  const { slack, ...rest } = strip<Case & { slack?: unknown }>(item);
  const legacy = legacyRef(slack);
  return legacy && !rest.deskRef ? { ...rest, deskRef: slackDeskRef(legacy.channel, legacy.ts) } : rest;
}

/** The items of a commit's transaction and what `runCommit` needs to know about them. */
interface CommitWrites {
  items: TransactItems;
  /** Items that record provider-id pointers, by index, with their message. */
  pointers: Map<number, Message>;
  /** What the versioned items are, for the conflict's message. */
  conflictNames: string[];
  expiresAt: number;
}

/** The hour's usage: the sum of its counter items. */
function sumOfUsage(parts: HourlyUsage[]): HourlyUsage {
  return parts.reduce(
    (sum, part) => ({ tokens: sum.tokens + part.tokens, messages: sum.messages + part.messages }),
    {
      tokens: 0,
      messages: 0,
    },
  );
}

/** Removes key and bookkeeping attributes, leaving the domain object. */
function strip<T>(item: Item): T {
  const copy: Item = { ...item };
  for (const name of INTERNAL_ATTRIBUTES) delete copy[name];
  return copy as T;
}
