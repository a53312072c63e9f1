/**
 * Alarms to one encrypted SNS topic: DLQ depth, age of the oldest message, function errors and
 * throttles, API 5xx, a crossed global spend ceiling. Each threshold says what a person should look at.
 */
import { Duration, type RemovalPolicy } from 'aws-cdk-lib';
import type { HttpApi } from 'aws-cdk-lib/aws-apigatewayv2';
import {
  Alarm,
  ComparisonOperator,
  type IMetric,
  Metric,
  TreatMissingData,
} from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import { PolicyStatement, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Key } from 'aws-cdk-lib/aws-kms';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { EmailSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { metricsNamespace } from '../design.ts';

/** Properties of {@link Alarms}. */
export interface AlarmsProps {
  /** Stage name, in alarm names and descriptions. */
  stage: string;
  /** Subscribed to the topic when set. */
  email?: string;
  /** Applied to the topic's key. */
  removalPolicy: RemovalPolicy;
}

/** The alarm topic and the alarms that notify it. */
export class Alarms extends Construct {
  /** Encrypted, TLS-only topic every alarm notifies. */
  readonly topic: Topic;
  /** Every alarm created, for the dashboard's status widget. */
  readonly alarms: Alarm[] = [];
  private readonly stage: string;

  constructor(scope: Construct, id: string, props: AlarmsProps) {
    super(scope, id);
    this.stage = props.stage;
    // A customer-managed key: CloudWatch cannot publish to a topic under the AWS-managed SNS key.
    const key = new Key(this, 'TopicKey', {
      description: `Tandem ${props.stage} alarm topic`,
      enableKeyRotation: true,
      removalPolicy: props.removalPolicy,
    });
    key.addToResourcePolicy(
      new PolicyStatement({
        principals: [new ServicePrincipal('cloudwatch.amazonaws.com')],
        actions: ['kms:Decrypt', 'kms:GenerateDataKey*'],
        resources: ['*'],
      }),
    );
    this.topic = new Topic(this, 'Topic', {
      displayName: `Tandem ${props.stage} alarms`,
      masterKey: key,
      enforceSSL: true,
    });
    if (props.email) this.topic.addSubscription(new EmailSubscription(props.email));
  }

  /** Any message in a dead-letter queue: a message failed every retry and needs a person (then a redrive). */
  deadLetters(id: string, dlq: IQueue): Alarm {
    return this.add(
      id,
      dlq.metricApproximateNumberOfMessagesVisible({ period: Duration.minutes(1), statistic: 'Maximum' }),
      {
        threshold: 1,
        evaluationPeriods: 1,
        description: 'Messages in the dead-letter queue: inspect them, fix the cause, then redrive.',
      },
    );
  }

  /** The oldest message waited longer than `seconds` for 3 minutes: the consumer is stuck, failing or too slow. */
  oldestMessage(id: string, queue: IQueue, seconds: number): Alarm {
    return this.add(
      id,
      queue.metricApproximateAgeOfOldestMessage({ period: Duration.minutes(1), statistic: 'Maximum' }),
      {
        threshold: seconds,
        evaluationPeriods: 3,
        description: `The oldest message is over ${seconds} s old: customers are waiting. Check the consumer's errors and throttles.`,
      },
    );
  }

  /** Any failed invocation or throttle of `fn` within 5 minutes. */
  function(id: string, fn: IFunction): Alarm[] {
    return [
      this.add(`${id}Errors`, fn.metricErrors({ period: Duration.minutes(5), statistic: 'Sum' }), {
        threshold: 1,
        evaluationPeriods: 1,
        description:
          'The function failed (unhandled error or timeout). Webhooks answer 5xx; consumers retry.',
      }),
      this.add(`${id}Throttles`, fn.metricThrottles({ period: Duration.minutes(5), statistic: 'Sum' }), {
        threshold: 1,
        evaluationPeriods: 1,
        description:
          'The function was throttled: account concurrency is exhausted or maxConcurrency is too low.',
      }),
    ];
  }

  /** Any 5xx answered by the API within 5 minutes: Twilio or Slack will retry, but something is failing. */
  serverErrors(id: string, api: HttpApi): Alarm {
    return this.add(id, api.metricServerError({ period: Duration.minutes(5), statistic: 'Sum' }), {
      threshold: 1,
      evaluationPeriods: 1,
      description: 'The API answered 5xx: a webhook was not accepted and its sender will retry.',
    });
  }

  /**
   * A global hourly ceiling (model tokens or outbound messages, `settings.ceilings`) was crossed: the AI
   * has stopped answering and every conversation goes to people until the clock hour ends. The metric is
   * emitted by the functions (EMF, `functions/adapters/ceiling-metrics.ts`) with the `service` dimension.
   */
  budgetCeiling(id: string): Alarm {
    const metric = new Metric({
      namespace: metricsNamespace,
      metricName: 'BudgetCeilingCrossed',
      dimensionsMap: { service: 'tandem' },
      // One period per clock hour, like the ceilings: the alarm stays raised for the hour it was crossed in.
      period: Duration.hours(1),
      statistic: 'Sum',
    });
    return this.add(id, metric, {
      threshold: 1,
      evaluationPeriods: 1,
      description:
        'A global hourly ceiling was crossed: the AI stopped answering and people take every conversation until the hour ends. Look for abuse or a loop, or raise settings.ceilings.',
    });
  }

  private add(
    id: string,
    metric: IMetric,
    options: { threshold: number; evaluationPeriods: number; description: string },
  ): Alarm {
    const alarm = new Alarm(this, id, {
      metric,
      threshold: options.threshold,
      evaluationPeriods: options.evaluationPeriods,
      comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      // No data means no traffic, not a failure.
      treatMissingData: TreatMissingData.NOT_BREACHING,
      alarmDescription: `Tandem ${this.stage}: ${options.description}`,
    });
    const action = new SnsAction(this.topic);
    alarm.addAlarmAction(action);
    alarm.addOkAction(action);
    this.alarms.push(alarm);
    return alarm;
  }
}
