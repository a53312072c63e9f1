import { Match } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { devStage, prodStage } from '../../lib/config/stages.ts';
import { cxMetrics } from '../../lib/constructs/operations-dashboard.ts';
import { conversationEventsQueue, escalationsQueue, retryDelaySeconds } from '../../lib/design.ts';
import { handlerNames } from '../../lib/paths.ts';
import { logicalId, resourcesOf, synth } from './synth.ts';

const functionsOf = () => resourcesOf(synth(devStage).application, 'AWS::Lambda::Function');
const envOf = (props: Record<string, unknown> | undefined) =>
  ((props?.Environment as { Variables?: Record<string, unknown> } | undefined)?.Variables ?? {}) as Record<
    string,
    unknown
  >;

describe('application stack: functions', () => {
  it('has exactly the six handler functions', () => {
    expect(Object.keys(functionsOf())).toHaveLength(handlerNames.length);
  });

  it('runs every function on arm64 with nodejs22.x, tracing and its own log group', () => {
    for (const [id, fn] of Object.entries(functionsOf())) {
      expect(fn.Properties?.Architectures, id).toEqual(['arm64']);
      expect(fn.Properties?.Runtime, id).toBe('nodejs22.x');
      expect(fn.Properties?.Handler, id).toBe('index.handler');
      expect(fn.Properties?.TracingConfig, id).toEqual({ Mode: 'Active' });
      expect(fn.Properties?.LoggingConfig, id).toEqual({ LogGroup: { Ref: expect.any(String) } });
    }
  });

  it('gives every log group the stage retention (dev 14 days, prod 90 days)', () => {
    for (const [config, days] of [
      [devStage, 14],
      [prodStage, 90],
    ] as const) {
      const groups = resourcesOf(synth(config).application, 'AWS::Logs::LogGroup');
      // Six function log groups and the API access log group.
      expect(Object.keys(groups)).toHaveLength(handlerNames.length + 1);
      for (const group of Object.values(groups)) expect(group.Properties?.RetentionInDays).toBe(days);
    }
  });

  it('sets the environment contract on every function', () => {
    for (const [id, fn] of Object.entries(functionsOf())) {
      const env = envOf(fn.Properties);
      for (const name of [
        'TABLE_NAME',
        'EVENTS_QUEUE_URL',
        'ESCALATIONS_QUEUE_URL',
        'PUBLIC_BASE_URL',
        'SLACK_ESCALATION_CHANNEL',
        'MODEL_PROVIDER',
      ]) {
        expect(env[name], `${id} ${name}`).toBeDefined();
      }
      expect(env.SLACK_ESCALATION_CHANNEL).toBe(devStage.slackEscalationChannel);
      expect(env.PUBLIC_BASE_URL).toEqual({
        'Fn::GetAtt': [expect.stringMatching(/^WebhooksApi/), 'ApiEndpoint'],
      });
    }
  });

  it('puts no secret in any environment variable: credential-like names only as *_ARN, no credential-like values', () => {
    const suspiciousName = /TOKEN|SECRET|KEY|PASSWORD/;
    const suspiciousValue = /^(AC[0-9a-f]{32}|[0-9a-f]{32}|xox[abpr]-|sk-ant-|REPLACE_ME$)/;
    for (const [id, fn] of Object.entries(functionsOf())) {
      for (const [name, value] of Object.entries(envOf(fn.Properties))) {
        if (suspiciousName.test(name)) expect(name, id).toMatch(/_ARN$/);
        if (typeof value === 'string') expect(value, `${id} ${name}`).not.toMatch(suspiciousValue);
      }
    }
  });

  it('gives each function the ARNs of only the secrets it reads, and never the legacy single SECRET_ARN', () => {
    const { stacks } = synth(devStage);
    const functions = functionsOf();
    const expected: Record<(typeof handlerNames)[number], string[]> = {
      'twilio-webhook': ['TWILIO_SECRET_ARN'],
      'twilio-status': ['SLACK_SECRET_ARN', 'TWILIO_SECRET_ARN'],
      'slack-events': ['SLACK_SECRET_ARN'],
      'conversation-worker': [
        'ANTHROPIC_SECRET_ARN',
        'BUSINESS_API_SECRET_ARN',
        'SLACK_SECRET_ARN',
        'TWILIO_SECRET_ARN',
      ],
      'escalation-notifier': ['ANTHROPIC_SECRET_ARN', 'SLACK_SECRET_ARN', 'TWILIO_SECRET_ARN'],
      'sla-sweeper': ['SLACK_SECRET_ARN', 'TWILIO_SECRET_ARN'],
    };
    const secretOf = {
      TWILIO_SECRET_ARN: stacks.stateful.secrets.twilio,
      SLACK_SECRET_ARN: stacks.stateful.secrets.slack,
      ANTHROPIC_SECRET_ARN: stacks.stateful.secrets.anthropic,
      BUSINESS_API_SECRET_ARN: stacks.stateful.secrets.businessApi,
    } as const;
    for (const name of handlerNames) {
      const env = envOf(functions[logicalId(stacks.application.functions[name].function)]?.Properties);
      const arns = Object.keys(env).filter((key) => key.endsWith('SECRET_ARN'));
      expect(arns.sort(), name).toEqual(expected[name]);
      for (const key of arns) {
        expect(JSON.stringify(env[key]), `${name} ${key}`).toContain(
          logicalId(secretOf[key as keyof typeof secretOf]),
        );
      }
    }
  });

  it('ships the knowledge base only with the worker and the Slack events function (saved replies) and points KNOWLEDGE_DIR at it', () => {
    const { stacks } = synth(devStage);
    const functions = functionsOf();
    for (const name of handlerNames) {
      const env = envOf(functions[logicalId(stacks.application.functions[name].function)]?.Properties);
      expect(env.KNOWLEDGE_DIR, name).toBe(
        name === 'conversation-worker' || name === 'slack-events' ? '/var/task/knowledge' : undefined,
      );
    }
  });
});

describe('application stack: desk jobs are retried until Slack is back', () => {
  it('the notifier backs off with the design retry policy, long enough to outlast a Slack outage', () => {
    const { stacks } = synth(devStage);
    const env = envOf(
      functionsOf()[logicalId(stacks.application.functions['escalation-notifier'].function)]?.Properties,
    );
    expect(escalationsQueue.retry).toBeDefined();
    expect(env.DESK_RETRY_BASE_SECONDS).toBe(String(escalationsQueue.retry?.baseSeconds));
    expect(env.DESK_RETRY_MAX_SECONDS).toBe(String(escalationsQueue.retry?.maxSeconds));
    // Every receive but the last is followed by a backoff: over an hour before the DLQ and its alarm.
    let total = 0;
    for (let receive = 1; receive < escalationsQueue.maxReceiveCount; receive++)
      total += retryDelaySeconds(escalationsQueue, receive) ?? 0;
    expect(total).toBeGreaterThan(3600);
  });
});

describe('application stack: queue consumers', () => {
  it.each([
    ['conversation-worker', conversationEventsQueue],
    ['escalation-notifier', escalationsQueue],
  ] as const)(
    '%s consumes its queue with ReportBatchItemFailures and the design batch settings',
    (name, design) => {
      const { application, stacks } = synth(devStage);
      const fn = stacks.application.functions[name].function;
      const queue = design.fifo
        ? stacks.stateful.conversationEvents.queue
        : stacks.stateful.escalations.queue;
      const mappings = Object.values(resourcesOf(application, 'AWS::Lambda::EventSourceMapping')).filter(
        (mapping) =>
          JSON.stringify(mapping.Properties?.FunctionName) === JSON.stringify({ Ref: logicalId(fn) }),
      );
      expect(mappings).toHaveLength(1);
      const props = mappings[0]?.Properties ?? {};
      expect(props.FunctionResponseTypes).toEqual(['ReportBatchItemFailures']);
      expect(props.BatchSize).toBe(design.batchSize);
      expect(JSON.stringify(props.EventSourceArn)).toContain(logicalId(queue));
      expect(props.ScalingConfig).toEqual({ MaximumConcurrency: expect.any(Number) });
      if (design.fifo) {
        expect(props.BatchSize as number).toBeLessThanOrEqual(10);
        expect(props.MaximumBatchingWindowInSeconds).toBeUndefined();
      } else {
        expect(props.MaximumBatchingWindowInSeconds).toBe(design.batchingWindowSeconds);
      }
    },
  );

  it.each([
    ['conversation-worker', conversationEventsQueue],
    ['escalation-notifier', escalationsQueue],
  ] as const)("gives %s's queue a visibility timeout of at least 6x the function timeout", (name, design) => {
    const { stateful, application, stacks } = synth(devStage);
    const fn =
      application.findResources('AWS::Lambda::Function')[
        logicalId(stacks.application.functions[name].function)
      ];
    const queue = design.fifo ? stacks.stateful.conversationEvents.queue : stacks.stateful.escalations.queue;
    const visibility =
      stateful.findResources('AWS::SQS::Queue')[logicalId(queue)]?.Properties.VisibilityTimeout;
    expect(fn?.Properties.Timeout).toBe(design.consumerTimeoutSeconds);
    expect(visibility).toBeGreaterThanOrEqual(6 * fn?.Properties.Timeout);
  });

  it('runs the SLA sweeper every minute without retries', () => {
    const { application, stacks } = synth(devStage);
    application.hasResourceProperties('AWS::Events::Rule', {
      ScheduleExpression: 'rate(1 minute)',
      State: 'ENABLED',
      Targets: [
        Match.objectLike({
          Arn: { 'Fn::GetAtt': [logicalId(stacks.application.functions['sla-sweeper'].function), 'Arn'] },
          RetryPolicy: { MaximumRetryAttempts: 0, MaximumEventAgeInSeconds: 60 },
        }),
      ],
    });
  });
});

describe('application stack: HTTP API', () => {
  it('routes the three webhook paths to their functions', () => {
    const { application, stacks } = synth(devStage);
    const integrations = application.findResources('AWS::ApiGatewayV2::Integration');
    const routes = Object.values(application.findResources('AWS::ApiGatewayV2::Route'));
    const targets = Object.fromEntries(
      routes.map((route) => {
        const integrationId = String(route.Properties.Target['Fn::Join'][1][1].Ref);
        return [route.Properties.RouteKey, integrations[integrationId]?.Properties.IntegrationUri];
      }),
    );
    const arnOf = (name: 'twilio-webhook' | 'twilio-status' | 'slack-events') => ({
      'Fn::GetAtt': [logicalId(stacks.application.functions[name].function), 'Arn'],
    });
    expect(targets).toEqual({
      'POST /twilio/messages': arnOf('twilio-webhook'),
      'POST /twilio/status': arnOf('twilio-status'),
      'POST /slack/events': arnOf('slack-events'),
    });
  });

  it('throttles the $default stage and writes access logs', () => {
    synth(devStage).application.hasResourceProperties('AWS::ApiGatewayV2::Stage', {
      StageName: '$default',
      AutoDeploy: true,
      DefaultRouteSettings: {
        ThrottlingRateLimit: devStage.apiThrottle.rateLimit,
        ThrottlingBurstLimit: devStage.apiThrottle.burstLimit,
      },
      AccessLogSettings: { DestinationArn: Match.anyValue(), Format: Match.stringLikeRegexp('requestId') },
    });
  });

  it.each([
    ['dev', devStage],
    ['prod', prodStage],
  ] as const)('gives each webhook route its own throttle (%s)', (_, config) => {
    const { application } = synth(config);
    const [stage] = Object.values(resourcesOf(application, 'AWS::ApiGatewayV2::Stage'));
    expect(stage?.Properties?.RouteSettings).toEqual({
      'POST /twilio/messages': {
        ThrottlingRateLimit: config.routeThrottles.twilioMessages.rateLimit,
        ThrottlingBurstLimit: config.routeThrottles.twilioMessages.burstLimit,
      },
      'POST /twilio/status': {
        ThrottlingRateLimit: config.routeThrottles.twilioStatus.rateLimit,
        ThrottlingBurstLimit: config.routeThrottles.twilioStatus.burstLimit,
      },
      'POST /slack/events': {
        ThrottlingRateLimit: config.routeThrottles.slackEvents.rateLimit,
        ThrottlingBurstLimit: config.routeThrottles.slackEvents.burstLimit,
      },
    });
    // Customer traffic gets more room than the stage default; the Slack route, agents only, less.
    expect(config.routeThrottles.twilioMessages.rateLimit).toBeGreaterThan(config.apiThrottle.rateLimit);
    expect(config.routeThrottles.twilioStatus.rateLimit).toBeGreaterThan(
      config.routeThrottles.twilioMessages.rateLimit,
    );
    expect(config.routeThrottles.slackEvents.rateLimit).toBeLessThan(config.apiThrottle.rateLimit);
    // Route settings may only name existing routes: the stage is created after all three.
    const routeIds = Object.keys(application.findResources('AWS::ApiGatewayV2::Route'));
    expect(routeIds).toHaveLength(3);
    for (const id of routeIds) expect(stage?.DependsOn, id).toContain(id);
  });

  it('outputs the Twilio webhook, Twilio status and Slack request URLs', () => {
    const { application } = synth(devStage);
    for (const [name, path] of [
      ['TwilioWebhookUrl', '/twilio/messages'],
      ['TwilioStatusUrl', '/twilio/status'],
      ['SlackRequestUrl', '/slack/events'],
    ] as const) {
      application.hasOutput(name, {
        Value: {
          'Fn::Join': ['', [{ 'Fn::GetAtt': [Match.stringLikeRegexp('^WebhooksApi'), 'ApiEndpoint'] }, path]],
        },
      });
    }
  });
});

describe('application stack: alarms and dashboard', () => {
  const alarms = () => Object.values(resourcesOf(synth(devStage).application, 'AWS::CloudWatch::Alarm'));
  const topicRef = () => ({ Ref: logicalId(synth(devStage).stacks.application.alarms.topic) });

  it('alarms on any message in either DLQ', () => {
    const { stacks } = synth(devStage);
    for (const dlq of [
      stacks.stateful.conversationEvents.deadLetterQueue,
      stacks.stateful.escalations.deadLetterQueue,
    ]) {
      const matching = alarms().filter(
        (alarm) =>
          alarm.Properties?.MetricName === 'ApproximateNumberOfMessagesVisible' &&
          JSON.stringify(alarm.Properties?.Dimensions).includes(logicalId(dlq)),
      );
      expect(matching).toHaveLength(1);
      expect(matching[0]?.Properties).toMatchObject({
        Threshold: 1,
        ComparisonOperator: 'GreaterThanOrEqualToThreshold',
        AlarmActions: [topicRef()],
      });
    }
  });

  it('alarms on the age of the oldest message of both queues', () => {
    const { stacks } = synth(devStage);
    for (const queue of [stacks.stateful.conversationEvents.queue, stacks.stateful.escalations.queue]) {
      const matching = alarms().filter(
        (alarm) =>
          alarm.Properties?.MetricName === 'ApproximateAgeOfOldestMessage' &&
          JSON.stringify(alarm.Properties?.Dimensions).includes(logicalId(queue)),
      );
      expect(matching, logicalId(queue)).toHaveLength(1);
      expect(matching[0]?.Properties?.AlarmActions).toEqual([topicRef()]);
    }
  });

  it('alarms on errors and throttles of every function', () => {
    const { stacks } = synth(devStage);
    for (const name of handlerNames) {
      const ref = JSON.stringify({ Ref: logicalId(stacks.application.functions[name].function) });
      for (const metric of ['Errors', 'Throttles']) {
        const matching = alarms().filter(
          (alarm) =>
            alarm.Properties?.Namespace === 'AWS/Lambda' &&
            alarm.Properties?.MetricName === metric &&
            JSON.stringify(alarm.Properties?.Dimensions).includes(ref),
        );
        expect(matching, `${name} ${metric}`).toHaveLength(1);
      }
    }
  });

  it('alarms on API 5xx', () => {
    const api5xx = alarms().filter(
      (alarm) => alarm.Properties?.Namespace === 'AWS/ApiGateway' && alarm.Properties?.MetricName === '5xx',
    );
    expect(api5xx).toHaveLength(1);
  });

  it('sends every alarm to one KMS-encrypted, TLS-only topic', () => {
    const { application } = synth(devStage);
    for (const alarm of alarms()) expect(alarm.Properties?.AlarmActions).toEqual([topicRef()]);
    application.resourceCountIs('AWS::SNS::Topic', 1);
    application.hasResourceProperties('AWS::SNS::Topic', { KmsMasterKeyId: Match.anyValue() });
    application.hasResourceProperties('AWS::SNS::TopicPolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
        ]),
      },
    });
    application.hasResourceProperties('AWS::KMS::Key', { EnableKeyRotation: true });
  });

  it('has a dashboard with the operational figures and every CX metric by channel', () => {
    const { application } = synth(devStage);
    const dashboards = Object.values(resourcesOf(application, 'AWS::CloudWatch::Dashboard'));
    expect(dashboards).toHaveLength(1);
    const body = JSON.stringify(dashboards[0]?.Properties?.DashboardBody);
    for (const figure of [
      'Invocations',
      'Errors',
      'Throttles',
      'Duration',
      'ApproximateNumberOfMessagesVisible',
      'ApproximateAgeOfOldestMessage',
      '4xx',
      '5xx',
      'Latency',
    ]) {
      expect(body, figure).toContain(`\\"${figure}\\"`);
    }
    for (const metric of cxMetrics) {
      expect(body, metric.name).toContain(`[\\"Tandem\\",\\"${metric.name}\\",\\"channel\\",\\"whatsapp\\"`);
      expect(body, metric.name).toContain(`[\\"Tandem\\",\\"${metric.name}\\",\\"channel\\",\\"sms\\"`);
    }
  });
});

describe('actions on the business API (issue 15)', () => {
  it('gives BUSINESS_API_URL to the conversation worker only, and only when the stage sets it', () => {
    const url = 'https://orders.example.com/v1';
    const urlOf = (config: typeof devStage, name: (typeof handlerNames)[number]) => {
      const synthesized = synth(config);
      const functions = resourcesOf(synthesized.application, 'AWS::Lambda::Function');
      return envOf(functions[logicalId(synthesized.stacks.application.functions[name].function)]?.Properties)
        .BUSINESS_API_URL;
    };
    const withApi = { ...devStage, businessApiUrl: url };
    for (const name of handlerNames) {
      expect(urlOf(withApi, name), name).toBe(name === 'conversation-worker' ? url : undefined);
    }
    expect(urlOf(devStage, 'conversation-worker')).toBeUndefined();
  });
});
