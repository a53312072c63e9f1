/**
 * Runs labelled cases through the real pipeline on the local runtime: each case is a signed Twilio
 * webhook from a fresh customer number (so no case sees another's history); the runner waits until the
 * worker has handled the message, then reads the outcome where a customer and an agent would see it —
 * the reply at the emulated Twilio, the card at the emulated Slack (the case's card reference in the
 * store) — and the conversation's mode and the message flags in the store.
 *
 * The deployment's hourly ceilings (`settings.ceilings`, a guard on production spend) count every case
 * of a run as one busy hour: a few hundred cases cross the token ceiling even with the offline model,
 * whose token counts are estimates. The runner clears the hour's usage counter before each case, so
 * the figures measure the triggers and the model, not the spend guard.
 */
import { randomInt } from 'node:crypto';
import { DeleteCommand, DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { DynamoDbConversationStore } from '#adapters/dynamodb-conversation-store.ts';
import { usageKeys } from '#adapters/dynamodb-usage-ledger.ts';
import { hourOf } from '#core/guardrails/budget.ts';
import { type Channel, channelAddress, conversationIdOf, numberOf } from '#core/model.ts';
import type { ConversationStore } from '#core/ports.ts';
import type { BusinessSettings } from '#shared/business-settings.ts';
import { LocalDriver, newMessageSid } from '../driver.ts';
import { localDynamoClient } from '../dynamodb-local.ts';
import type { FakeTwilio } from '../fake-twilio.ts';
import { type LocalRuntime, startLocalRuntime } from '../runtime.ts';
import {
  abstentionTexts,
  classifyEscalation,
  classifyKnowledge,
  type EscalationResult,
  type KnowledgeResult,
  type Observation,
} from './classify.ts';
import { type ScoredSet, scoreEscalation, scoreKnowledge } from './score.ts';
import type { EvalSet } from './sets.ts';

/** What the runner needs of a running system. */
export interface EvalSystem {
  driver: LocalDriver;
  store: Pick<ConversationStore, 'getMessage' | 'getConversation' | 'getCase' | 'recentMessages'>;
  /** The emulated Twilio: what customers received. */
  twilio: Pick<FakeTwilio, 'messages' | 'onMessage'>;
  /** Which model answers, for the report (`offline`, `anthropic claude-haiku-4-5`…). */
  model: string;
  /** Clears this hour's usage counter of the deployment's ceilings (see the module comment). */
  resetCeilings(): Promise<void>;
  /** Releases the store's client (the runtime itself is stopped by whoever started it). */
  close(): Promise<void>;
}

/** The business number the cases write to. */
export const EVAL_BUSINESS_NUMBER = '+15550100000';

/** Environment that keeps Twilio and Slack emulated (the runner reads them) whatever the shell has. */
export const EVAL_ENV: Record<string, string> = {
  TWILIO_ACCOUNT_SID: '',
  TWILIO_AUTH_TOKEN: '',
  SLACK_BOT_TOKEN: '',
  SLACK_SIGNING_SECRET: '',
  // Handler logs (JSON on stdout) would drown the report.
  LOG_LEVEL: 'ERROR',
  POWERTOOLS_DEV: '',
};

/**
 * Starts the local runtime for an evaluation: in memory, emulated Twilio and Slack, no SLA sweep. The
 * model is chosen as `npm run dev` chooses it (`MODEL_PROVIDER`, else Claude with `ANTHROPIC_API_KEY`,
 * else offline); `offline` forces the offline responder.
 */
export async function startEvalRuntime(
  options: { offline?: boolean; log?: (line: string) => void } = {},
): Promise<LocalRuntime> {
  return startLocalRuntime({
    port: 0,
    inMemory: true,
    sweepIntervalMs: 0,
    ...(options.log ? { log: options.log } : { quiet: true }),
    env: { ...EVAL_ENV, ...(options.offline ? { ANTHROPIC_API_KEY: '', MODEL_PROVIDER: 'offline' } : {}) },
  });
}

/** The runner's view of a running local runtime (it must have the emulated Twilio). */
export function evalSystemFor(runtime: LocalRuntime, settings: BusinessSettings): EvalSystem {
  const { twilio, slack } = runtime.services;
  if (!twilio.fake || !twilio.accountSid || !twilio.authToken) {
    throw new Error(
      'the evaluation needs the emulated Twilio (unset TWILIO_ACCOUNT_SID / TWILIO_AUTH_TOKEN)',
    );
  }
  const client = localDynamoClient(runtime.services.dynamoEndpoint);
  const documents = DynamoDBDocumentClient.from(client);
  const tableName = runtime.services.tableName;
  const store = new DynamoDbConversationStore(documents, tableName);
  const driver = new LocalDriver({
    baseUrl: runtime.url,
    // The runtime checks signatures over PUBLIC_BASE_URL, which it set in this process.
    publicBaseUrl: process.env.PUBLIC_BASE_URL ?? runtime.url,
    twilio: { accountSid: twilio.accountSid, authToken: twilio.authToken },
    slack: { signingSecret: slack.signingSecret ?? '', channel: slack.escalationChannel },
  });
  const model =
    runtime.services.model === 'offline' ? 'offline' : `${runtime.services.model} ${settings.model.id}`;
  const resetCeilings = async () => {
    // Every counter item of the hour: the ledger's own and the turns' shards (dynamodb-usage-ledger.ts).
    await Promise.all(
      usageKeys(hourOf(new Date())).map((key) =>
        documents.send(new DeleteCommand({ TableName: tableName, Key: key })),
      ),
    );
  };
  return { driver, store, twilio: twilio.fake, model, resetCeilings, close: async () => client.destroy() };
}

/** Options of a run. */
export interface RunOptions {
  /** Cases in flight at once. @default 8 */
  concurrency?: number;
  /** @default 'sms' */
  channel?: Channel;
  /** How long one case may take from webhook to handled. @default 60000 */
  timeoutMs?: number;
  /**
   * How long to wait for an escalation's card after the message was handled. @default 0: the card is
   * not judged (the escalation is: the conversation's mode), and the notifier paces posts to Slack's
   * one-per-second-per-channel limit, so waiting for each card would pace the whole run.
   */
  cardTimeoutMs?: number;
  /** Called after each case. */
  onProgress?: (done: number, total: number) => void;
}

/** A run over one or more sets. */
export interface EvalRun {
  model: string;
  channel: Channel;
  concurrency: number;
  /** Cases run (all sets). */
  cases: number;
  /** Wall-clock time of the run. */
  wallMs: number;
  /** Webhook → handled, per case. */
  caseMs: { mean: number; p50: number; p90: number; max: number };
  sets: ScoredSet[];
}

// Fresh customers: +1 555 followed by 7 digits, counting up from a random start, unique within a process.
let nextNumber = randomInt(1_000_000, 8_000_000);

/** A customer number no earlier case of this process used. */
export function freshCustomerNumber(): string {
  nextNumber = nextNumber >= 9_999_999 ? 1_000_000 : nextNumber + 1;
  return `+1555${String(nextNumber).padStart(7, '0')}`;
}

/**
 * Reads until `done` or the deadline. Between reads it sleeps `pause` ms, cut short by `nudge` (a reply
 * reached the emulated Twilio: the handling is about to end), after which it reads again quickly.
 */
async function waitFor<T>(
  read: () => Promise<T>,
  done: (value: T) => boolean,
  deadline: number,
  nudges?: { subscribe(wake: () => void): () => void },
): Promise<T> {
  let wake: (() => void) | undefined;
  let nudged = false;
  const unsubscribe = nudges?.subscribe(() => {
    nudged = true;
    wake?.();
  });
  try {
    let quick = 25;
    for (;;) {
      const value = await read();
      if (done(value) || Date.now() >= deadline) return value;
      // Slow reads until nudged (they load DynamoDB Local that the pipeline is using), then quick ones.
      const pause = nudged || !nudges ? quick : 300;
      if (nudged || !nudges) quick = Math.min(250, Math.round(quick * 1.5));
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, Math.min(pause, Math.max(0, deadline - Date.now())));
        wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      wake = undefined;
    }
  } finally {
    unsubscribe?.();
  }
}

function failed(error: string, ms: number): Observation {
  return { escalated: false, inputFlags: [], replyFlags: [], passages: [], reply: '', ms, error };
}

/** Sends one message as a new customer and observes what the pipeline did with it. */
export async function observeCase(
  system: EvalSystem,
  text: string,
  options: RunOptions = {},
): Promise<Observation> {
  const channel = options.channel ?? 'sms';
  const customer = freshCustomerNumber();
  const business = EVAL_BUSINESS_NUMBER;
  const conversationId = conversationIdOf({
    channel,
    customerAddress: customer,
    businessAddress: channelAddress(channel, business),
  });
  const messageSid = newMessageSid();
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  const deadline = Date.now() + (options.timeoutMs ?? 60_000);
  try {
    await system.resetCeilings();
    const response = await system.driver.customerSays({
      from: customer,
      to: business,
      channel,
      body: text,
      messageSid,
    });
    if (response.status !== 200) return failed(`the webhook answered ${response.status}`, elapsed());
    const message = await waitFor(
      () => system.store.getMessage(conversationId, messageSid),
      (stored) => stored?.flags?.includes('processed') === true,
      deadline,
      {
        subscribe: (wake) =>
          system.twilio.onMessage((sent) => {
            if (numberOf(sent.to) === customer) wake();
          }),
      },
    );
    if (!message?.flags?.includes('processed')) {
      return failed(`not handled within ${Math.round((options.timeoutMs ?? 60_000) / 1000)} s`, elapsed());
    }
    const ms = elapsed();
    const conversation = await system.store.getConversation(conversationId);
    const escalated = conversation !== undefined && conversation.mode !== 'ai';
    let reason: string | undefined;
    let card: boolean | undefined;
    if (escalated && conversation?.caseId) {
      const caseId = conversation.caseId;
      const kase = await waitFor(
        () => system.store.getCase(caseId),
        (stored) => stored?.deskRef !== undefined,
        Date.now() + (options.cardTimeoutMs ?? 0),
      );
      reason = kase?.packet.reason;
      card = kase?.deskRef !== undefined;
    }
    const replies = (await system.store.recentMessages(conversationId, 20)).filter(
      (item) => item.direction === 'outbound' && item.author === 'ai' && !item.flags?.includes('suggestion'),
    );
    const reply = system.twilio.messages
      .filter((sent) => numberOf(sent.to) === customer)
      .map((sent) => sent.body ?? '')
      .join(' ');
    return {
      escalated,
      ...(reason ? { reason } : {}),
      ...(card !== undefined ? { card } : {}),
      inputFlags: (message.flags ?? []).filter((flag) => flag !== 'processed'),
      replyFlags: [...new Set(replies.flatMap((item) => item.flags ?? []))],
      passages: [...new Set(replies.flatMap((item) => item.passages ?? []))],
      reply,
      ms,
    };
  } catch (error) {
    return failed(error instanceof Error ? error.message : String(error), elapsed());
  }
}

async function mapLimit<T, R>(
  items: readonly T[],
  limit: number,
  run: (item: T) => Promise<R>,
): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await run(items[index] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
  return results;
}

function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length, Math.max(1, Math.ceil((p / 100) * sorted.length))) - 1] ?? 0;
}

/** Runs every case of `sets` (all sets' cases share the concurrency), judges and scores each set. */
export async function runEval(
  system: EvalSystem,
  sets: readonly EvalSet[],
  settings: BusinessSettings,
  options: RunOptions = {},
): Promise<EvalRun> {
  const concurrency = Math.max(1, options.concurrency ?? 8);
  const work = sets.flatMap((set, setIndex) => set.cases.map((item) => ({ setIndex, text: item.text })));
  const started = performance.now();
  let done = 0;
  const observations = await mapLimit(work, concurrency, async (item) => {
    const observation = await observeCase(system, item.text, options);
    options.onProgress?.(++done, work.length);
    return observation;
  });
  const wallMs = Math.round(performance.now() - started);

  const notSure = abstentionTexts(settings);
  let offset = 0;
  const scored: ScoredSet[] = sets.map((set) => {
    const observed = observations.slice(offset, offset + set.cases.length);
    offset += set.cases.length;
    const info = { name: set.name, path: set.path, role: set.role };
    if (set.kind === 'escalation') {
      const results: EscalationResult[] = set.cases.map((item, index) =>
        classifyEscalation(item, observed[index] as Observation),
      );
      return { kind: 'escalation', set: info, results, score: scoreEscalation(results) };
    }
    const results: KnowledgeResult[] = set.cases.map((item, index) =>
      classifyKnowledge(item, observed[index] as Observation, notSure),
    );
    return { kind: 'knowledge', set: info, results, score: scoreKnowledge(results) };
  });

  const times = observations.map((observation) => observation.ms).sort((a, b) => a - b);
  return {
    model: system.model,
    channel: options.channel ?? 'sms',
    concurrency,
    cases: work.length,
    wallMs,
    caseMs: {
      mean: times.length ? Math.round(times.reduce((sum, ms) => sum + ms, 0) / times.length) : 0,
      p50: percentile(times, 50),
      p90: percentile(times, 90),
      max: times.at(-1) ?? 0,
    },
    sets: scored,
  };
}
