/**
 * The CloudWatch dashboard: operational figures (API, functions, queues) on top, the customer
 * experience metrics the functions emit in namespace `Tandem` below.
 */
import { Duration } from 'aws-cdk-lib';
import type { HttpApi } from 'aws-cdk-lib/aws-apigatewayv2';
import {
  type Alarm,
  AlarmStatusWidget,
  Dashboard,
  GraphWidget,
  type IWidget,
  Metric,
  TextWidget,
} from 'aws-cdk-lib/aws-cloudwatch';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { metricsNamespace } from '../design.ts';

/** The channels the CX metrics are split by (dimension `channel`). */
export const cxChannels = ['whatsapp', 'sms'] as const;

/** The CX metrics the metrics helper emits, with the statistics worth charting. */
export const cxMetrics = [
  { name: 'FirstInteractionResolution', statistics: ['Sum'], title: 'Resolved by the AI alone' },
  { name: 'Escalations', statistics: ['Sum'], title: 'Escalations to a person' },
  { name: 'TimeToClaimSeconds', statistics: ['p50', 'p90'], title: 'Time to claim (s)' },
  { name: 'TimeToResolutionSeconds', statistics: ['p50', 'p90'], title: 'Time to resolution (s)' },
  { name: 'CustomerTurns', statistics: ['Average'], title: 'Customer turns per conversation' },
  { name: 'SentimentStart', statistics: ['Average'], title: 'Sentiment at start' },
  { name: 'SentimentEnd', statistics: ['Average'], title: 'Sentiment at end' },
  { name: 'Csat', statistics: ['Average'], title: 'CSAT' },
] as const;

/** Properties of an {@link OperationsDashboard}. */
export interface OperationsDashboardProps {
  stage: string;
  api: HttpApi;
  /** Functions by display name. */
  functions: Record<string, IFunction>;
  /** Queues (and DLQs) by display name. */
  queues: Record<string, IQueue>;
  /** Shown as one status widget. */
  alarms: Alarm[];
}

/** One dashboard per stage. */
export class OperationsDashboard extends Construct {
  /** The dashboard. */
  readonly dashboard: Dashboard;

  constructor(scope: Construct, id: string, props: OperationsDashboardProps) {
    super(scope, id);
    const period = Duration.minutes(5);
    const fns = Object.entries(props.functions);
    const queues = Object.entries(props.queues);
    const perFunction = (title: string, metric: (fn: IFunction) => Metric): GraphWidget =>
      new GraphWidget({
        title,
        width: 6,
        left: fns.map(([name, fn]) => metric(fn).with({ label: name, period })),
      });
    const rows: IWidget[][] = [
      [new TextWidget({ markdown: `# Tandem ${props.stage}: operations`, width: 24, height: 1 })],
      [new AlarmStatusWidget({ title: 'Alarms', alarms: props.alarms, width: 24, height: 3 })],
      [
        new GraphWidget({
          title: 'API requests and errors',
          width: 8,
          left: [
            props.api.metricCount({ period, label: 'requests' }),
            props.api.metricClientError({ period, label: '4xx' }),
            props.api.metricServerError({ period, label: '5xx' }),
          ],
        }),
        new GraphWidget({
          title: 'API latency (ms)',
          width: 8,
          left: [
            props.api.metricLatency({ period, statistic: 'p50', label: 'latency p50' }),
            props.api.metricLatency({ period, statistic: 'p99', label: 'latency p99' }),
            props.api.metricIntegrationLatency({ period, statistic: 'p99', label: 'integration p99' }),
          ],
        }),
      ],
      [
        perFunction('Invocations', (fn) => fn.metricInvocations({ statistic: 'Sum' })),
        perFunction('Errors', (fn) => fn.metricErrors({ statistic: 'Sum' })),
        perFunction('Throttles', (fn) => fn.metricThrottles({ statistic: 'Sum' })),
        perFunction('Duration p99 (ms)', (fn) => fn.metricDuration({ statistic: 'p99' })),
      ],
      [
        new GraphWidget({
          title: 'Queue depth (visible messages)',
          width: 12,
          left: queues.map(([name, queue]) =>
            queue.metricApproximateNumberOfMessagesVisible({
              period: Duration.minutes(1),
              statistic: 'Maximum',
              label: name,
            }),
          ),
        }),
        new GraphWidget({
          title: 'Age of oldest message (s)',
          width: 12,
          left: queues.map(([name, queue]) =>
            queue.metricApproximateAgeOfOldestMessage({
              period: Duration.minutes(1),
              statistic: 'Maximum',
              label: name,
            }),
          ),
        }),
      ],
      [
        new TextWidget({
          markdown: '# Customer experience (namespace `Tandem`, by channel)',
          width: 24,
          height: 1,
        }),
      ],
      cxMetrics.map(
        (cx) =>
          new GraphWidget({
            title: cx.title,
            width: 6,
            left: cx.statistics.flatMap((statistic) =>
              cxChannels.map(
                (channel) =>
                  new Metric({
                    namespace: metricsNamespace,
                    metricName: cx.name,
                    dimensionsMap: { channel },
                    statistic,
                    period: Duration.hours(1),
                    label: `${channel} ${statistic}`,
                  }),
              ),
            ),
          }),
      ),
    ];
    this.dashboard = new Dashboard(this, 'Dashboard', {
      dashboardName: `tandem-${props.stage}`,
      widgets: rows,
    });
  }
}
