/**
 * CloudWatch metrics for the customer-experience dashboard, emitted as each lifecycle event is recorded.
 *
 * A decorator around the {@link ConversationStore}: every call passes through unchanged, and after a
 * `recordLifecycle` (or a turn's `commitTurn`, a desk command's `commitCase`) succeeds the event is also written as Embedded Metric Format through Powertools.
 * Figures that need a whole visit (first-interaction resolution with its reopen window, precision over
 * time) are exact only in `npm run report`; see docs/metrics.md.
 */
import { type Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import type { LifecycleEvent } from '#core/model.ts';
import type { CaseCommit, CaseCommitResult, ConversationStore, TurnCommit } from '#core/ports.ts';

type Unit = (typeof MetricUnit)[keyof typeof MetricUnit];

/** One metric to emit: name, unit, value and the extra dimension sets it is also split by. */
export interface CxMetric {
  name: string;
  unit: Unit;
  value: number;
  /** Extra dimensions, each emitted as its own set next to `{ channel }` (e.g. `{ resolvedBy: 'ai' }`). */
  splits?: Record<string, string>[];
  /** Searchable context in the log record; never a dimension (no ids or phone numbers). */
  metadata?: Record<string, string | number | boolean>;
}

/** Options of {@link withLifecycleMetrics}. */
export interface LifecycleMetricsOptions {
  /** Called when emitting fails; metrics are best effort and never fail the use case. @default console.warn */
  onError?: (error: unknown) => void;
}

// Conversations whose visit just started in this process, so their next customer message is the first
// of the visit (`opened` and that message are recorded by the same worker invocation). Bounded.
const PENDING_START_LIMIT = 1000;

/**
 * Wraps `store` so that lifecycle events also become CloudWatch metrics.
 * `metrics` must have namespace `metricsNamespace` (lib/design.ts). These metrics are published at once (one EMF
 * record per metric and dimension set), not flushed at the end of the invocation, because their `channel` dimension
 * differs between the conversations of one SQS batch. Their publisher is built once, here (the wiring wraps the
 * store at module scope), not per record: a Metrics instance reads its environment and makes its own Console.
 */
export function withLifecycleMetrics<T extends ConversationStore>(
  store: T,
  metrics: Metrics,
  options: LifecycleMetricsOptions = {},
): T {
  const onError =
    options.onError ?? ((error: unknown) => console.warn('lifecycle metrics not emitted', error));
  const publisher = metrics.singleMetric();
  // Without Powertools' default `service` dimension, so `[channel]` matches the dashboard exactly.
  publisher.clearDefaultDimensions();
  const pendingStart = new Set<string>();
  const emitFor = (event: LifecycleEvent): void => {
    try {
      let first = false;
      if (event.type === 'opened' || event.type === 'reopened') {
        if (pendingStart.size >= PENDING_START_LIMIT) pendingStart.clear();
        pendingStart.add(event.conversationId);
      } else if (event.type === 'customer_message') {
        first = pendingStart.delete(event.conversationId);
      }
      for (const metric of cxMetricsOf(event, { firstOfVisit: first }))
        emit(publisher, event.channel, metric);
    } catch (error) {
      // A record that failed half-way leaves nothing (dimensions, metadata) to the next one.
      publisher.clearMetrics();
      publisher.clearDimensions();
      publisher.clearMetadata();
      onError(error);
    }
  };
  const recordLifecycle = async (event: LifecycleEvent): Promise<void> => {
    await store.recordLifecycle(event);
    emitFor(event);
  };
  // A turn's events are written in its one transaction: emitted once it is committed.
  const commitTurn = async (commit: TurnCommit): Promise<void> => {
    await store.commitTurn(commit);
    for (const event of commit.lifecycle) emitFor(event);
  };
  // So are a desk command's (unless the request was a repeat, which wrote nothing).
  const commitCase = async (commit: CaseCommit): Promise<CaseCommitResult> => {
    const result = await store.commitCase(commit);
    if (result.status === 'committed') for (const event of commit.lifecycle) emitFor(event);
    return result;
  };
  // A proxy keeps every other method (and any the port gains later) a plain pass-through.
  return new Proxy(store, {
    get(target, property) {
      if (property === 'recordLifecycle') return recordLifecycle;
      if (property === 'commitTurn') return commitTurn;
      if (property === 'commitCase') return commitCase;
      const value = Reflect.get(target, property, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

/** The metrics one lifecycle event yields; `firstOfVisit` marks the first customer message of a visit. */
export function cxMetricsOf(event: LifecycleEvent, context: { firstOfVisit?: boolean } = {}): CxMetric[] {
  const data = event.data ?? {};
  const num = (key: string): number | undefined => (typeof data[key] === 'number' ? data[key] : undefined);
  const str = (key: string): string | undefined => (typeof data[key] === 'string' ? data[key] : undefined);
  const out: CxMetric[] = [];
  const add = (metric: CxMetric | false | undefined): void => {
    if (metric) out.push(metric);
  };
  switch (event.type) {
    case 'opened':
      add({ name: 'Conversations', unit: MetricUnit.Count, value: 1 });
      break;
    case 'reopened':
      add({ name: 'Conversations', unit: MetricUnit.Count, value: 1 });
      add({ name: 'Reopened', unit: MetricUnit.Count, value: 1 });
      break;
    case 'customer_message': {
      const sentiment = num('sentiment');
      const mode = str('mode');
      const splits = mode ? [{ mode }] : [];
      add(
        sentiment !== undefined && { name: 'Sentiment', unit: MetricUnit.NoUnit, value: sentiment, splits },
      );
      add(
        sentiment !== undefined &&
          context.firstOfVisit && { name: 'SentimentStart', unit: MetricUnit.NoUnit, value: sentiment },
      );
      add(
        data.repeatAfterHandoff === true && { name: 'RepeatsAfterHandoff', unit: MetricUnit.Count, value: 1 },
      );
      break;
    }
    case 'ai_reply': {
      const fallback = data.fallback === true;
      add({ name: 'AiReplies', unit: MetricUnit.Count, value: 1, metadata: { fallback } });
      const seconds = num('secondsSinceCustomer');
      add(seconds !== undefined && { name: 'AiReplySeconds', unit: MetricUnit.Seconds, value: seconds });
      break;
    }
    case 'escalated': {
      const reason = str('reason') ?? 'unknown';
      const priority = str('priority');
      add({
        name: 'Escalations',
        unit: MetricUnit.Count,
        value: 1,
        splits: [{ reason }],
        ...(priority ? { metadata: { priority } } : {}),
      });
      break;
    }
    case 'claimed': {
      const wait = num('waitSeconds');
      add(wait !== undefined && { name: 'TimeToClaimSeconds', unit: MetricUnit.Seconds, value: wait });
      break;
    }
    case 'released':
      add({ name: 'Releases', unit: MetricUnit.Count, value: 1 });
      break;
    case 'first_agent_reply': {
      const seconds = num('secondsSinceEscalation');
      add(
        seconds !== undefined && { name: 'FirstAgentReplySeconds', unit: MetricUnit.Seconds, value: seconds },
      );
      break;
    }
    case 'resolved':
    case 'handed_back': {
      const resolvedBy = event.type === 'handed_back' ? 'handed_back' : data.by === 'idle' ? 'ai' : 'agent';
      const splits = [{ resolvedBy }];
      const outcome = str('outcome');
      add({
        name: 'Resolutions',
        unit: MetricUnit.Count,
        value: 1,
        splits,
        ...(outcome ? { metadata: { outcome } } : {}),
      });
      // 1 for a resolution by the AI alone (an idle visit never escalated), 0 otherwise: Sum counts them,
      // Average is the share of resolutions. A later reopening cannot be subtracted here (see Reopened).
      add({ name: 'FirstInteractionResolution', unit: MetricUnit.Count, value: resolvedBy === 'ai' ? 1 : 0 });
      const seconds = num('secondsToResolution');
      add(
        seconds !== undefined && {
          name: 'TimeToResolutionSeconds',
          unit: MetricUnit.Seconds,
          value: seconds,
          splits,
        },
      );
      const turns = num('customerTurns');
      add(turns !== undefined && { name: 'CustomerTurns', unit: MetricUnit.Count, value: turns, splits });
      const sentimentEnd = num('sentimentEnd');
      add(
        sentimentEnd !== undefined && {
          name: 'SentimentEnd',
          unit: MetricUnit.NoUnit,
          value: sentimentEnd,
          splits,
        },
      );
      break;
    }
    case 'satisfaction': {
      const score = num('score');
      add(score !== undefined && { name: 'Csat', unit: MetricUnit.NoUnit, value: score });
      break;
    }
    case 'escalation_feedback': {
      const reason = str('reason') ?? 'unknown';
      const name = data.question === 'escalation_needed' ? 'EscalationNeeded' : 'SummaryAccurate';
      if (typeof data.answer === 'boolean') {
        add({ name, unit: MetricUnit.Count, value: data.answer ? 1 : 0, splits: [{ reason }] });
      }
      break;
    }
  }
  return out;
}

/**
 * Publishes one metric as one EMF record per dimension set: `[channel]`, then `[channel, …split]`.
 * Separate records because Powertools warns when one record's dimension sets share a key. `publisher` is a
 * single-metric instance without default dimensions: each `addMetric` publishes the record and clears its
 * dimensions and metadata for the next (synchronously, so two events' records never interleave).
 */
function emit(publisher: Metrics, channel: string, metric: CxMetric): void {
  for (const dimensions of [{ channel }, ...(metric.splits ?? []).map((split) => ({ channel, ...split }))]) {
    for (const [name, value] of Object.entries(dimensions)) publisher.addDimension(name, value);
    for (const [key, value] of Object.entries(metric.metadata ?? {}))
      publisher.addMetadata(key, String(value));
    publisher.addMetric(metric.name, metric.unit, metric.value);
  }
}
