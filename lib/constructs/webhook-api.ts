/**
 * The public HTTP API: three webhook routes, each to its function, on a `$default` stage with
 * throttling and JSON access logs. Callers authenticate by signature inside the functions.
 */
import { Lazy } from 'aws-cdk-lib';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import {
  type CfnStage,
  HttpApi,
  HttpMethod,
  HttpStage,
  LogGroupLogDestination,
} from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { LogGroup } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import type { StageConfig, Throttle, ThrottledRoute } from '../config/stages.ts';
import { acknowledge } from './nag.ts';

/** The public routes, as Twilio and Slack are configured to call them. */
export const routes = {
  twilioMessages: '/twilio/messages',
  twilioStatus: '/twilio/status',
  slackEvents: '/slack/events',
} as const satisfies Record<ThrottledRoute, string>;

/** Properties of a {@link WebhookApi}. */
export interface WebhookApiProps {
  config: StageConfig;
}

/** A route's CloudFormation `RouteSettings` (the stage property is untyped JSON, so its casing is CloudFormation's). */
interface RouteSettings {
  ThrottlingRateLimit: number;
  ThrottlingBurstLimit: number;
}

/** HTTP API with throttled `$default` stage, per-route throttles and access logs. */
export class WebhookApi extends Construct {
  /** The HTTP API. */
  readonly api: HttpApi;
  /** The `$default` stage (throttling, access logs). */
  readonly stage: HttpStage;
  /** `https://<id>.execute-api.<region>.amazonaws.com`, no trailing slash. */
  readonly endpoint: string;
  /** Per-route settings of the stage, keyed by route key (`POST /twilio/messages`). */
  private readonly routeSettings: Record<string, RouteSettings> = {};

  constructor(scope: Construct, id: string, props: WebhookApiProps) {
    super(scope, id);
    const { config } = props;
    this.api = new HttpApi(this, 'Api', {
      apiName: `tandem-${config.stage}`,
      description: 'Tandem webhooks: Twilio messages and status callbacks, Slack events and interactions',
      // The stage is created below so it can carry throttling and access logs.
      createDefaultStage: false,
    });
    const accessLogs = new LogGroup(this, 'AccessLogs', {
      retention: config.logRetention,
      removalPolicy: config.removalPolicy,
    });
    this.stage = new HttpStage(this, 'DefaultStage', {
      httpApi: this.api,
      stageName: '$default',
      autoDeploy: true,
      throttle: config.apiThrottle,
      accessLogSettings: {
        destination: new LogGroupLogDestination(accessLogs),
        // No query string, body or caller headers: nothing a customer wrote or is reaches these logs.
        format: AccessLogFormat.custom(
          JSON.stringify({
            requestId: '$context.requestId',
            routeKey: '$context.routeKey',
            status: '$context.status',
            latencyMs: '$context.responseLatency',
            integrationLatencyMs: '$context.integrationLatency',
            integrationError: '$context.integrationErrorMessage',
            requestTime: '$context.requestTimeEpoch',
          }),
        ),
      },
    });
    // HttpStage has no per-route settings; they go on the CloudFormation stage, filled as routes are added.
    (this.stage.node.defaultChild as CfnStage).routeSettings = Lazy.any({
      produce: () => (Object.keys(this.routeSettings).length > 0 ? this.routeSettings : undefined),
    });
    this.endpoint = this.api.apiEndpoint;
    acknowledge(this.api, {
      id: 'AwsSolutions-APIG4',
      reason:
        'Twilio and Slack cannot send IAM, JWT or Lambda-authorizer credentials; each function verifies the caller’s HMAC signature (X-Twilio-Signature, X-Slack-Signature) before doing anything and answers 403 otherwise.',
    });
  }

  /** Routes `POST path` to `handler` (payload format 2.0), with its own throttle when given. */
  addPostRoute(id: string, path: string, handler: IFunction, throttle?: Throttle): void {
    const added = this.api.addRoutes({
      path,
      methods: [HttpMethod.POST],
      integration: new HttpLambdaIntegration(id, handler),
    });
    if (!throttle) return;
    this.routeSettings[`POST ${path}`] = {
      ThrottlingRateLimit: throttle.rateLimit,
      ThrottlingBurstLimit: throttle.burstLimit,
    };
    // A stage's route settings may only name routes that already exist.
    for (const route of added) this.stage.node.addDependency(route);
  }

  /** The public URL of `path`, from the configured public base URL or the API endpoint. */
  url(path: string, publicBaseUrl?: string): string {
    return `${publicBaseUrl ? publicBaseUrl.replace(/\/$/, '') : this.endpoint}${path}`;
  }
}
