import { Metrics } from '@aws-lambda-powertools/metrics';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { withLifecycleMetrics } from '#adapters/lifecycle-metrics.ts';
import type { Conversation, LifecycleEvent } from '#core/model.ts';
import type { ConversationStore } from '#core/ports.ts';
import { metricsNamespace } from '#lib/design.ts';

interface Emf {
  _aws: {
    Timestamp: number;
    CloudWatchMetrics: {
      Namespace: string;
      Dimensions: string[][];
      Metrics: { Name: string; Unit: string }[];
    }[];
  };
  [key: string]: unknown;
}

/** A stand-in for the store port: records what reached it. */
function recordingStore(options: { failRecord?: boolean } = {}) {
  const recorded: LifecycleEvent[] = [];
  const conversation = { id: 'sms|+15550001|+15550000', mode: 'ai' } as Conversation;
  const store = {
    async recordLifecycle(event: LifecycleEvent) {
      if (options.failRecord) throw new Error('table unavailable');
      recorded.push(event);
    },
    async getConversation(id: string) {
      return id === conversation.id ? conversation : undefined;
    },
  } as unknown as ConversationStore;
  return { store, recorded, conversation };
}

const base = {
  conversationId: 'sms|+15550001|+15550000',
  channel: 'sms' as const,
  at: '2025-03-03T10:00:00.000Z',
};

describe('withLifecycleMetrics', () => {
  let lines: string[];
  const savedEnv = { dev: process.env.POWERTOOLS_DEV, disabled: process.env.POWERTOOLS_METRICS_DISABLED };

  beforeEach(() => {
    delete process.env.POWERTOOLS_DEV;
    delete process.env.POWERTOOLS_METRICS_DISABLED;
    lines = [];
    // Powertools writes each EMF record with its own Console on process.stdout.
    vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
      lines.push(String(chunk));
      return true;
    });
  });
  afterEach(() => {
    vi.restoreAllMocks();
    if (savedEnv.dev !== undefined) process.env.POWERTOOLS_DEV = savedEnv.dev;
    if (savedEnv.disabled !== undefined) process.env.POWERTOOLS_METRICS_DISABLED = savedEnv.disabled;
  });

  const emitted = (): Emf[] =>
    lines
      .flatMap((line) => line.split('\n'))
      .filter((line) => line.startsWith('{'))
      .map((line) => JSON.parse(line) as Emf)
      .filter((record) => record._aws !== undefined);

  /** Per metric name: unit, value and every dimension set it was published with (one record each). */
  const byName = (records: Emf[]) => {
    const out: Record<string, { unit: string; value: unknown; dimensions: string[][]; records: Emf[] }> = {};
    for (const record of records) {
      const definition = record._aws.CloudWatchMetrics[0]!;
      expect(definition.Metrics).toHaveLength(1);
      const metric = definition.Metrics[0]!;
      out[metric.Name] ??= { unit: metric.Unit, value: record[metric.Name], dimensions: [], records: [] };
      const entry = out[metric.Name]!;
      entry.dimensions.push(...definition.Dimensions);
      entry.records.push(record);
    }
    return out;
  };

  function setup() {
    const { store, recorded, conversation } = recordingStore();
    const metrics = new Metrics({ namespace: metricsNamespace, serviceName: 'tandem-test' });
    return { decorated: withLifecycleMetrics(store, metrics), recorded, conversation };
  }

  it('passes lifecycle events and every other call through to the store', async () => {
    const { decorated, recorded, conversation } = setup();
    const event: LifecycleEvent = { ...base, type: 'opened' };
    await decorated.recordLifecycle(event);
    expect(recorded).toEqual([event]);
    expect(await decorated.getConversation(conversation.id)).toBe(conversation);
  });

  it('emits an escalation as a Count in namespace Tandem split by channel and by channel and reason', async () => {
    const { decorated } = setup();
    await decorated.recordLifecycle({
      ...base,
      type: 'escalated',
      caseId: 'case-SM1',
      data: { reason: 'customer_request', priority: 'high' },
    });
    const records = emitted();
    expect(records.map((record) => record._aws.CloudWatchMetrics)).toEqual([
      [{ Namespace: 'Tandem', Dimensions: [['channel']], Metrics: [{ Name: 'Escalations', Unit: 'Count' }] }],
      [
        {
          Namespace: 'Tandem',
          Dimensions: [['channel', 'reason']],
          Metrics: [{ Name: 'Escalations', Unit: 'Count' }],
        },
      ],
    ]);
    expect(records[0]).toMatchObject({ channel: 'sms', priority: 'high', Escalations: 1 });
    expect(records[1]).toMatchObject({
      channel: 'sms',
      reason: 'customer_request',
      priority: 'high',
      Escalations: 1,
    });
    const record = records[0]!;
    expect(record).not.toHaveProperty('service');
  });

  it('emits claim, first reply and satisfaction figures with their units', async () => {
    const { decorated } = setup();
    await decorated.recordLifecycle({
      ...base,
      type: 'claimed',
      caseId: 'k',
      data: { waitSeconds: 175, agent: 'U1' },
    });
    await decorated.recordLifecycle({
      ...base,
      type: 'first_agent_reply',
      caseId: 'k',
      data: { secondsSinceEscalation: 235 },
    });
    await decorated.recordLifecycle({ ...base, type: 'satisfaction', caseId: 'k', data: { score: 4 } });
    const metrics = byName(emitted());
    expect(metrics.TimeToClaimSeconds).toMatchObject({
      unit: 'Seconds',
      value: 175,
      dimensions: [['channel']],
    });
    expect(metrics.FirstAgentReplySeconds).toMatchObject({
      unit: 'Seconds',
      value: 235,
      dimensions: [['channel']],
    });
    expect(metrics.Csat).toMatchObject({ unit: 'None', value: 4, dimensions: [['channel']] });
  });

  it('emits an idle resolution as a first-interaction resolution by the AI', async () => {
    const { decorated } = setup();
    await decorated.recordLifecycle({ ...base, type: 'resolved', data: { by: 'idle', outcome: 'idle' } });
    const metrics = byName(emitted());
    expect(metrics.Resolutions).toMatchObject({
      unit: 'Count',
      value: 1,
      dimensions: [['channel'], ['channel', 'resolvedBy']],
    });
    expect(metrics.Resolutions?.records[1]).toMatchObject({ resolvedBy: 'ai', outcome: 'idle' });
    expect(metrics.FirstInteractionResolution).toMatchObject({
      unit: 'Count',
      value: 1,
      dimensions: [['channel']],
    });
    expect(metrics.TimeToResolutionSeconds).toBeUndefined();
  });

  it('emits an agent resolution with its time to resolution split by resolvedBy, and no AI credit', async () => {
    const { decorated } = setup();
    await decorated.recordLifecycle({
      ...base,
      channel: 'whatsapp',
      type: 'resolved',
      caseId: 'k',
      data: {
        by: 'agent',
        outcome: 'solved',
        agent: 'U1',
        secondsToResolution: 1200,
        customerTurns: 3,
        sentimentEnd: 0.4,
      },
    });
    const metrics = byName(emitted());
    expect(metrics.TimeToResolutionSeconds).toMatchObject({
      unit: 'Seconds',
      value: 1200,
      dimensions: [['channel'], ['channel', 'resolvedBy']],
    });
    expect(metrics.TimeToResolutionSeconds?.records[1]).toMatchObject({
      channel: 'whatsapp',
      resolvedBy: 'agent',
    });
    expect(metrics.FirstInteractionResolution?.value).toBe(0);
    expect(metrics.CustomerTurns).toMatchObject({ unit: 'Count', value: 3 });
    expect(metrics.SentimentEnd).toMatchObject({ unit: 'None', value: 0.4 });
  });

  it('marks a hand-back as resolvedBy handed_back', async () => {
    const { decorated } = setup();
    await decorated.recordLifecycle({
      ...base,
      type: 'handed_back',
      caseId: 'k',
      data: { by: 'agent', outcome: 'solved', agent: 'U1', secondsToResolution: 60 },
    });
    expect(byName(emitted()).Resolutions?.records[1]).toMatchObject({ resolvedBy: 'handed_back' });
  });

  it('emits the sentiment of every customer message, and SentimentStart only for the first of a visit', async () => {
    const { decorated } = setup();
    await decorated.recordLifecycle({ ...base, type: 'opened' });
    await decorated.recordLifecycle({
      ...base,
      type: 'customer_message',
      data: { sentiment: -0.5, mode: 'ai', repeatAfterHandoff: false },
    });
    await decorated.recordLifecycle({
      ...base,
      type: 'customer_message',
      data: { sentiment: 0.25, mode: 'agent', repeatAfterHandoff: true },
    });
    const records = emitted();
    const names = records.map((record) => record._aws.CloudWatchMetrics[0]!.Metrics[0]!.Name);
    // Sentiment is published once per dimension set: [channel] and [channel, mode].
    expect(names).toEqual([
      'Conversations',
      'Sentiment',
      'Sentiment',
      'SentimentStart',
      'Sentiment',
      'Sentiment',
      'RepeatsAfterHandoff',
    ]);
    expect(records[2]).toMatchObject({ Sentiment: -0.5, mode: 'ai' });
    expect(records[2]!._aws.CloudWatchMetrics[0]!.Dimensions).toEqual([['channel', 'mode']]);
    expect(records[3]).toMatchObject({ SentimentStart: -0.5 });
    expect(records[5]).toMatchObject({ Sentiment: 0.25, mode: 'agent' });
  });

  it('emits AI replies, reopenings and escalation feedback', async () => {
    const { decorated } = setup();
    await decorated.recordLifecycle({
      ...base,
      type: 'ai_reply',
      data: { passages: 2, inputTokens: 900, fallback: false, secondsSinceCustomer: 3.5 },
    });
    await decorated.recordLifecycle({ ...base, type: 'reopened' });
    await decorated.recordLifecycle({
      ...base,
      type: 'escalation_feedback',
      caseId: 'k',
      data: { question: 'escalation_needed', answer: false, agent: 'U1', reason: 'abuse' },
    });
    const metrics = byName(emitted());
    expect(metrics.AiReplies).toMatchObject({ unit: 'Count', value: 1 });
    expect(metrics.AiReplySeconds).toMatchObject({ unit: 'Seconds', value: 3.5 });
    expect(metrics.Reopened).toMatchObject({ unit: 'Count', value: 1 });
    expect(metrics.EscalationNeeded).toMatchObject({
      value: 0,
      dimensions: [['channel'], ['channel', 'reason']],
    });
  });

  it('emits nothing when the store refuses the event', async () => {
    const { store } = recordingStore({ failRecord: true });
    const decorated = withLifecycleMetrics(
      store,
      new Metrics({ namespace: metricsNamespace, serviceName: 't' }),
    );
    await expect(decorated.recordLifecycle({ ...base, type: 'opened' })).rejects.toThrow('table unavailable');
    expect(emitted()).toEqual([]);
  });

  it("emits a desk command's events once its transaction is committed, and none for a repeated request", async () => {
    const results: ('committed' | 'duplicate')[] = ['duplicate', 'committed'];
    const store = {
      async commitCase() {
        const status = results.shift();
        return status === 'committed' ? { status, late: [] } : { status };
      },
    } as unknown as ConversationStore;
    const decorated = withLifecycleMetrics(
      store,
      new Metrics({ namespace: metricsNamespace, serviceName: 't' }),
    );
    const commit = {
      conversationId: base.conversationId,
      lifecycle: [{ ...base, type: 'claimed' as const, data: { waitSeconds: 30, agent: 'U1' } }],
    };
    expect(await decorated.commitCase(commit)).toEqual({ status: 'duplicate' });
    expect(emitted()).toEqual([]);
    expect(await decorated.commitCase(commit)).toEqual({ status: 'committed', late: [] });
    expect(Object.keys(byName(emitted()))).toEqual(['TimeToClaimSeconds']);
  });

  it('every metric of every event type, each in its own record with its unit and dimensions, from a publisher built once', async () => {
    const { store } = recordingStore();
    const metrics = new Metrics({ namespace: metricsNamespace, serviceName: 'tandem-test' });
    const built = vi.spyOn(metrics, 'singleMetric');
    const decorated = withLifecycleMetrics(store, metrics);
    const events: Omit<LifecycleEvent, keyof typeof base>[] = [
      { type: 'opened' },
      { type: 'customer_message', data: { sentiment: -0.5, mode: 'ai', repeatAfterHandoff: true } },
      { type: 'customer_message', data: { sentiment: 0.5 } },
      { type: 'reopened' },
      { type: 'ai_reply', data: { fallback: true, secondsSinceCustomer: 2 } },
      { type: 'escalated', data: { reason: 'abuse', priority: 'high' } },
      { type: 'escalated', data: {} },
      { type: 'claimed', data: { waitSeconds: 5 } },
      { type: 'released' },
      { type: 'first_agent_reply', data: { secondsSinceEscalation: 9 } },
      {
        type: 'resolved',
        data: {
          by: 'agent',
          outcome: 'solved',
          secondsToResolution: 60,
          customerTurns: 3,
          sentimentEnd: 0.2,
        },
      },
      { type: 'resolved', data: { by: 'idle' } },
      { type: 'handed_back', data: { secondsToResolution: 1 } },
      { type: 'satisfaction', data: { score: 4 } },
      { type: 'escalation_feedback', data: { question: 'escalation_needed', answer: true, reason: 'x' } },
      { type: 'escalation_feedback', data: { question: 'summary_accurate', answer: false } },
    ];
    for (const event of events) await decorated.recordLifecycle({ ...base, ...event } as LifecycleEvent);
    const records = emitted().map((record) => {
      const { Dimensions, Metrics: [metric] = [] } = record._aws.CloudWatchMetrics[0]!;
      expect(Dimensions).toHaveLength(1);
      const dimensions = Dimensions[0]!.map((name) => `${name}=${String(record[name])}`).join(',');
      return `${metric?.Name} ${metric?.Unit} ${dimensions} ${String(record[metric?.Name ?? ''])}`;
    });
    expect(records).toEqual([
      'Conversations Count channel=sms 1',
      'Sentiment None channel=sms -0.5',
      'Sentiment None channel=sms,mode=ai -0.5',
      'SentimentStart None channel=sms -0.5',
      'RepeatsAfterHandoff Count channel=sms 1',
      'Sentiment None channel=sms 0.5',
      'Conversations Count channel=sms 1',
      'Reopened Count channel=sms 1',
      'AiReplies Count channel=sms 1',
      'AiReplySeconds Seconds channel=sms 2',
      'Escalations Count channel=sms 1',
      'Escalations Count channel=sms,reason=abuse 1',
      'Escalations Count channel=sms 1',
      'Escalations Count channel=sms,reason=unknown 1',
      'TimeToClaimSeconds Seconds channel=sms 5',
      'Releases Count channel=sms 1',
      'FirstAgentReplySeconds Seconds channel=sms 9',
      'Resolutions Count channel=sms 1',
      'Resolutions Count channel=sms,resolvedBy=agent 1',
      'FirstInteractionResolution Count channel=sms 0',
      'TimeToResolutionSeconds Seconds channel=sms 60',
      'TimeToResolutionSeconds Seconds channel=sms,resolvedBy=agent 60',
      'CustomerTurns Count channel=sms 3',
      'CustomerTurns Count channel=sms,resolvedBy=agent 3',
      'SentimentEnd None channel=sms 0.2',
      'SentimentEnd None channel=sms,resolvedBy=agent 0.2',
      'Resolutions Count channel=sms 1',
      'Resolutions Count channel=sms,resolvedBy=ai 1',
      'FirstInteractionResolution Count channel=sms 1',
      'Resolutions Count channel=sms 1',
      'Resolutions Count channel=sms,resolvedBy=handed_back 1',
      'FirstInteractionResolution Count channel=sms 0',
      'TimeToResolutionSeconds Seconds channel=sms 1',
      'TimeToResolutionSeconds Seconds channel=sms,resolvedBy=handed_back 1',
      'Csat None channel=sms 4',
      'EscalationNeeded Count channel=sms 1',
      'EscalationNeeded Count channel=sms,reason=x 1',
      'SummaryAccurate Count channel=sms 0',
      'SummaryAccurate Count channel=sms,reason=unknown 0',
    ]);
    expect(built).toHaveBeenCalledTimes(1);
  });

  it('never puts the conversation id (a phone number) into the metric record', async () => {
    const { decorated } = setup();
    await decorated.recordLifecycle({
      ...base,
      type: 'escalated',
      caseId: 'case-SM1',
      data: { reason: 'abuse', priority: 'low' },
    });
    expect(lines.join('')).not.toContain('+15550001');
  });
});
