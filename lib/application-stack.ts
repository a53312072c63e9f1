/**
 * The application stack: the HTTP API, the six functions with their triggers and exact permissions,
 * the sweeper's schedule, alarms and the dashboard. Stateless: it can be destroyed and redeployed
 * without touching a conversation.
 */
import { CfnOutput, Duration, Stack, type StackProps } from 'aws-cdk-lib';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { Rule, Schedule } from 'aws-cdk-lib/aws-events';
import { LambdaFunction } from 'aws-cdk-lib/aws-events-targets';
import type { ISecret } from 'aws-cdk-lib/aws-secretsmanager';
import type { Construct } from 'constructs';
import type { StageConfig } from './config/stages.ts';
import { Alarms } from './constructs/alarms.ts';
import type { DurableQueue } from './constructs/durable-queue.ts';
import { OperationsDashboard } from './constructs/operations-dashboard.ts';
import { type TableGrant, TandemFunction, type TandemFunctionProps } from './constructs/tandem-function.ts';
import { routes, WebhookApi } from './constructs/webhook-api.ts';
import { tableDesign } from './design.ts';
import type { HandlerName } from './paths.ts';
import type { Provider } from './stateful-stack.ts';

/** Properties of the {@link ApplicationStack}: the stage and the stateful resources it uses. */
export interface ApplicationStackProps extends StackProps {
  config: StageConfig;
  table: ITable;
  conversationEvents: DurableQueue;
  escalations: DurableQueue;
  /** One credentials secret per provider. */
  secrets: Record<Provider, ISecret>;
}

/** What each function may do with a queue: send to it, consume it, or only know its URL. */
type QueueUse = 'send' | 'consume' | 'reference';

/** One function's shape and access; the infra tests assert the resulting IAM actions independently. */
interface FunctionSpec {
  description: string;
  timeout: Duration;
  memorySize?: number;
  events: QueueUse;
  escalations: QueueUse;
  withKnowledge?: boolean;
  invokesModel?: boolean;
}

/**
 * Least privilege, in one place: the secrets each function may read and what it may do with the table,
 * read off the store methods its use cases call (functions/adapters/dynamodb-conversation-store.ts).
 * Store method → action: get*, getMessage, annotateMessage, updateDeliveryStatus → GetItem;
 * create*, save*, appendMessage (a transaction of Puts), claimOnce, recordLifecycle → PutItem;
 * annotateMessage, recordProviderIds, updateDeliveryStatus → UpdateItem; releaseOnce → DeleteItem;
 * recentMessages, closingFigures → Query on the table; getCaseByThread → gsi1;
 * listOpenCases, listIdleConversations, listLifecycle → gsi2; loadTurn (a turn's and a card's view: conversation,
 * profile, the hour's usage items) and the usage ledger's reads → BatchGetItem; commitTurn (a transaction of
 * Puts and Updates) → PutItem, UpdateItem. Adjust here when a use case changes;
 * test/infra/iam.test.ts writes the intended sets out on its own and must be updated with it.
 */
const access: Record<HandlerName, { secrets: Provider[]; table: TableGrant }> = {
  // verify → appendMessage (transaction of two conditional Puts) → enqueue. Nothing else.
  'twilio-webhook': {
    secrets: ['twilio'],
    table: { items: ['PutItem'], query: [] },
  },
  // updateDeliveryStatus (Get/Update), getConversation, getCase, updateProfile on opt-out (Get/Put);
  // a failed agent message is posted to the Slack thread.
  'twilio-status': {
    secrets: ['twilio', 'slack'],
    table: { items: ['GetItem', 'PutItem', 'UpdateItem'], query: [] },
  },
  // Desk actions: getCaseByThread (gsi1), the case + conversation transaction (Puts), profile and
  // lifecycle Puts, case view and closing figures (recentMessages), event dedupe (claimOnce/releaseOnce),
  // send-once and parked-command reads for Retry. Messages to customers are recorded on the events queue
  // and sent by the worker: no Twilio secret, no UpdateItem.
  // The card's "Erase customer data": Query of the customer's partitions, BatchWriteItem deletes.
  // The App Home (issue 16): listOpenCases and listLifecycle (gsi2), the Away/Available toggle (UpdateItem).
  'slack-events': {
    secrets: ['slack'],
    table: {
      items: ['GetItem', 'BatchGetItem', 'PutItem', 'UpdateItem', 'DeleteItem', 'BatchWriteItem'],
      query: ['table', 'gsi1', 'gsi2'],
    },
  },
  // Everything a turn does: conversation, messages, annotations, profile, escalation, replies; and the
  // agents' desk commands (send-once keys settled with Puts, parked commands). Customer turns never call
  // Slack (thread posts are jobs for the notifier); desk commands do, for their reactions and "Not sent"
  // notices. No index: it only reads its own conversation's partition. The business API secret: the
  // actions it runs (config/actions.ts; proposals are Puts in the conversation's partition).
  'conversation-worker': {
    secrets: ['twilio', 'slack', 'anthropic', 'businessApi'],
    table: { items: ['GetItem', 'BatchGetItem', 'PutItem', 'UpdateItem', 'DeleteItem'], query: ['table'] },
  },
  // Card posting and thread jobs: claimOnce/releaseOnce, getCase/saveCase (the card's ts, a conditional
  // Put), case view and thread catch-up (conversation, profile, messages). Twilio: customers' attachments
  // are fetched from their media URLs (basic auth) and uploaded into the thread. Anthropic: customer messages
  // are translated for the desk. Auto-assignment (issue 16): the agents' open cases (listOpenCases, gsi2)
  // and their availability (GetItem); App Homes after it (gsi2).
  'escalation-notifier': {
    secrets: ['slack', 'twilio', 'anthropic'],
    table: { items: ['GetItem', 'BatchGetItem', 'PutItem', 'DeleteItem'], query: ['table', 'gsi2'] },
  },
  // listOpenCases / listIdleConversations (gsi2), auto-resolve (updates, closingFigures), customer notices.
  'sla-sweeper': {
    secrets: ['slack', 'twilio'],
    table: {
      items: ['GetItem', 'BatchGetItem', 'PutItem', 'UpdateItem', 'DeleteItem'],
      query: ['table', 'gsi2'],
    },
  },
};

/** Alarm when the oldest message waits this long (seconds). */
const oldestMessageAlarmSeconds = { conversationEvents: 120, escalations: 300 };

/** The stack. */
export class ApplicationStack extends Stack {
  /** The webhook API. */
  readonly webhookApi: WebhookApi;
  /** The six functions by handler name. */
  readonly functions: Record<HandlerName, TandemFunction>;
  /** Alarms and their topic. */
  readonly alarms: Alarms;

  constructor(scope: Construct, id: string, props: ApplicationStackProps) {
    super(scope, id, props);
    const { config, table, conversationEvents, escalations, secrets } = props;

    this.webhookApi = new WebhookApi(this, 'Webhooks', { config });
    const publicBaseUrl = config.publicBaseUrl ?? this.webhookApi.endpoint;

    // Both queue URLs are part of every function's environment contract (functions/shared/env.ts);
    // only the functions that send get sqs:SendMessage.
    const specs: Record<HandlerName, FunctionSpec> = {
      'twilio-webhook': {
        description: 'POST /twilio/messages: verify, dedupe, save, enqueue, 200 empty TwiML',
        timeout: Duration.seconds(10),
        events: 'send',
        escalations: 'reference',
      },
      'twilio-status': {
        description: 'POST /twilio/status: record delivery status, surface failures in the Slack thread',
        timeout: Duration.seconds(10),
        events: 'reference',
        escalations: 'reference',
      },
      'slack-events': {
        description: 'POST /slack/events: Claim, Release, Resolve, Hand back; records agent replies',
        timeout: Duration.seconds(10),
        events: 'send',
        escalations: 'reference',
        // For the saved replies (knowledge/replies/*.md) agents send from a thread.
        withKnowledge: true,
      },
      'conversation-worker': {
        description:
          'conversation-events.fifo consumer: guardrails, model, replies, escalation, desk commands',
        timeout: Duration.seconds(conversationEvents.design.consumerTimeoutSeconds),
        // Model calls and knowledge search are CPU-bound between awaits; more memory is more CPU on Lambda.
        memorySize: 1024,
        events: 'consume',
        escalations: 'send',
        withKnowledge: true,
        invokesModel: true,
      },
      'escalation-notifier': {
        description:
          'escalations consumer: posts escalation cards and thread posts to Slack, paced and retried',
        timeout: Duration.seconds(escalations.design.consumerTimeoutSeconds),
        events: 'reference',
        escalations: 'consume',
        // Translates customer messages for the desk (issue 16).
        invokesModel: true,
      },
      'sla-sweeper': {
        description: 'Every minute: unclaimed escalations, closing WhatsApp windows, idle conversations',
        timeout: Duration.seconds(60),
        events: 'reference',
        escalations: 'reference',
      },
    };

    const make = (name: HandlerName, spec: FunctionSpec): TandemFunction => {
      const props: TandemFunctionProps = {
        handler: name,
        description: spec.description,
        config,
        timeout: spec.timeout,
        withKnowledge: spec.withKnowledge ?? false,
        environment: {
          PUBLIC_BASE_URL: publicBaseUrl,
          SLACK_ESCALATION_CHANNEL: config.slackEscalationChannel,
          MODEL_PROVIDER: config.modelProvider,
          // The business API the actions call (issue 15), for the worker only; none: no actions.
          ...(name === 'conversation-worker' && config.businessApiUrl
            ? { BUSINESS_API_URL: config.businessApiUrl }
            : {}),
        },
      };
      if (spec.memorySize) props.memorySize = spec.memorySize;
      const unknown = access[name].table.query.filter(
        (target) => target !== 'table' && !tableDesign.indexes.some((index) => index.name === target),
      );
      if (unknown.length > 0) throw new Error(`${name}: no such index: ${unknown.join(', ')}`);
      const fn = new TandemFunction(this, pascal(name), props).bindTable(table, access[name].table);
      for (const provider of access[name].secrets) fn.bindSecret(provider, secrets[provider]);
      fn.bindQueue(
        conversationEvents.queue,
        'EVENTS_QUEUE_URL',
        spec.events === 'send' ? 'send' : 'reference',
      );
      fn.bindQueue(
        escalations.queue,
        'ESCALATIONS_QUEUE_URL',
        spec.escalations === 'send' ? 'send' : 'reference',
      );
      if (spec.invokesModel && config.modelProvider === 'bedrock') {
        if (!config.bedrock)
          throw new Error(`stage ${config.stage}: modelProvider bedrock needs bedrock model ids`);
        fn.allowBedrock(config.bedrock);
      }
      return fn;
    };
    const functions = Object.fromEntries(
      Object.entries(specs).map(([name, spec]) => [name, make(name as HandlerName, spec)]),
    ) as Record<HandlerName, TandemFunction>;
    this.functions = functions;

    // Queue consumers: FIFO batches without a batching window (FIFO has none); partial batch responses.
    functions['conversation-worker'].consume(conversationEvents.queue, conversationEvents.design, {
      maxConcurrency: config.workerMaxConcurrency,
    });
    functions['escalation-notifier'].consume(escalations.queue, escalations.design, {
      maxConcurrency: config.notifierMaxConcurrency,
    });
    // The notifier defers a failed desk job with backoff (ChangeMessageVisibility) until Slack is back.
    const deskRetry = escalations.design.retry;
    if (deskRetry) {
      functions['escalation-notifier']
        .allowBackoff(escalations.queue)
        .addEnvironment('DESK_RETRY_BASE_SECONDS', String(deskRetry.baseSeconds))
        .addEnvironment('DESK_RETRY_MAX_SECONDS', String(deskRetry.maxSeconds));
    }

    // Routes.
    this.webhookApi.addPostRoute(
      'TwilioMessages',
      routes.twilioMessages,
      functions['twilio-webhook'].function,
      config.routeThrottles.twilioMessages,
    );
    this.webhookApi.addPostRoute(
      'TwilioStatus',
      routes.twilioStatus,
      functions['twilio-status'].function,
      config.routeThrottles.twilioStatus,
    );
    this.webhookApi.addPostRoute(
      'SlackEvents',
      routes.slackEvents,
      functions['slack-events'].function,
      config.routeThrottles.slackEvents,
    );

    // The sweep is idempotent and runs again a minute later, so a failed run is not retried.
    new Rule(this, 'SlaSweepSchedule', {
      description: 'Runs the SLA sweeper every minute',
      schedule: Schedule.rate(Duration.minutes(1)),
      targets: [
        new LambdaFunction(functions['sla-sweeper'].function, {
          retryAttempts: 0,
          maxEventAge: Duration.minutes(1),
        }),
      ],
    });

    // Alarms.
    this.alarms = new Alarms(this, 'Alarms', {
      stage: config.stage,
      removalPolicy: config.removalPolicy,
      ...(config.alarmEmail ? { email: config.alarmEmail } : {}),
    });
    this.alarms.deadLetters('ConversationEventsDlqDepth', conversationEvents.deadLetterQueue);
    this.alarms.deadLetters('EscalationsDlqDepth', escalations.deadLetterQueue);
    this.alarms.oldestMessage(
      'ConversationEventsOldestMessage',
      conversationEvents.queue,
      oldestMessageAlarmSeconds.conversationEvents,
    );
    this.alarms.oldestMessage(
      'EscalationsOldestMessage',
      escalations.queue,
      oldestMessageAlarmSeconds.escalations,
    );
    for (const [name, fn] of Object.entries(functions)) this.alarms.function(pascal(name), fn.function);
    this.alarms.serverErrors('Api5xx', this.webhookApi.api);
    this.alarms.budgetCeiling('BudgetCeilingCrossed');

    new OperationsDashboard(this, 'Dashboard', {
      stage: config.stage,
      api: this.webhookApi.api,
      functions: Object.fromEntries(Object.entries(functions).map(([name, fn]) => [name, fn.function])),
      queues: {
        'conversation-events': conversationEvents.queue,
        'conversation-events DLQ': conversationEvents.deadLetterQueue,
        escalations: escalations.queue,
        'escalations DLQ': escalations.deadLetterQueue,
      },
      alarms: this.alarms.alarms,
    });

    new CfnOutput(this, 'TwilioWebhookUrl', {
      description: 'Twilio: "A message comes in" webhook (HTTP POST) of the SMS number and WhatsApp sender',
      value: this.webhookApi.url(routes.twilioMessages, config.publicBaseUrl),
    });
    new CfnOutput(this, 'TwilioStatusUrl', {
      description: 'Twilio: status callback URL of the number / Messaging Service',
      value: this.webhookApi.url(routes.twilioStatus, config.publicBaseUrl),
    });
    new CfnOutput(this, 'SlackRequestUrl', {
      description: 'Slack app: Event Subscriptions and Interactivity request URL',
      value: this.webhookApi.url(routes.slackEvents, config.publicBaseUrl),
    });
  }
}

/** `twilio-webhook` → `TwilioWebhook`. */
function pascal(name: string): string {
  return name.replace(/(^|-)([a-z])/g, (_, __, letter: string) => letter.toUpperCase());
}
