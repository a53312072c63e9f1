/**
 * The stateful stack: the table, the queues and the credentials secret. It changes rarely and
 * is retained and deletion-protected in prod, so a bad application deploy can never take data with it.
 */
import { CfnOutput, Stack, type StackProps } from 'aws-cdk-lib';
import { AttributeType, BillingMode, Table, TableEncryption } from 'aws-cdk-lib/aws-dynamodb';
import { Secret } from 'aws-cdk-lib/aws-secretsmanager';
import type { Construct } from 'constructs';
import { credentialKeys, credentialPlaceholder } from '../functions/shared/credentials.ts';
import type { StageConfig } from './config/stages.ts';
import { DurableQueue } from './constructs/durable-queue.ts';
import { acknowledge } from './constructs/nag.ts';
import { conversationEventsQueue, escalationsQueue, tableDesign } from './design.ts';

/** The secret's keys and placeholder: one definition, shared with the functions that read it. */
export { credentialKeys, credentialPlaceholder } from '../functions/shared/credentials.ts';

/** Properties of the {@link StatefulStack}. */
export interface StatefulStackProps extends StackProps {
  /** The stage being deployed. */
  config: StageConfig;
}

/** Table, queues and secret; exported to the application stack through its public fields. */
export class StatefulStack extends Stack {
  /** The single table (lib/design.ts). */
  readonly table: Table;
  /** conversation-events.fifo and its DLQ. */
  readonly conversationEvents: DurableQueue;
  /** escalations and its DLQ. */
  readonly escalations: DurableQueue;
  /** Twilio, Slack and Anthropic credentials as one JSON secret. */
  readonly credentials: Secret;

  constructor(scope: Construct, id: string, props: StatefulStackProps) {
    super(scope, id, props);
    const { config } = props;

    this.table = new Table(this, 'Table', {
      partitionKey: { name: tableDesign.partitionKey, type: AttributeType.STRING },
      sortKey: { name: tableDesign.sortKey, type: AttributeType.STRING },
      billingMode: BillingMode.PAY_PER_REQUEST,
      timeToLiveAttribute: tableDesign.ttlAttribute,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      encryption: TableEncryption.AWS_MANAGED,
      deletionProtection: config.protectData,
      removalPolicy: config.removalPolicy,
    });
    for (const index of tableDesign.indexes) {
      this.table.addGlobalSecondaryIndex({
        indexName: index.name,
        partitionKey: { name: index.partitionKey, type: AttributeType.STRING },
        sortKey: { name: index.sortKey, type: AttributeType.STRING },
      });
    }

    this.conversationEvents = new DurableQueue(this, 'ConversationEvents', {
      design: conversationEventsQueue,
      prefix: config.prefix,
      removalPolicy: config.removalPolicy,
    });
    this.escalations = new DurableQueue(this, 'Escalations', {
      design: escalationsQueue,
      prefix: config.prefix,
      removalPolicy: config.removalPolicy,
    });

    this.credentials = new Secret(this, 'Credentials', {
      description: `Tandem ${config.stage}: Twilio, Slack and Anthropic credentials (JSON). Fill with put-secret-value.`,
      // Only the structure is created here: every key holds a placeholder the functions treat as unset.
      // CloudFormation needs one generated key to create a JSON secret; it is unused and disappears
      // when the operator writes the real value.
      generateSecretString: {
        secretStringTemplate: JSON.stringify(
          Object.fromEntries(credentialKeys.map((key) => [key, credentialPlaceholder])),
        ),
        generateStringKey: 'placeholder',
        excludePunctuation: true,
      },
      removalPolicy: config.removalPolicy,
    });
    acknowledge(this.credentials, {
      id: 'AwsSolutions-SMG4',
      reason:
        'Third-party API credentials (Twilio, Slack, Anthropic) are issued and rotated in those providers’ consoles; there is no Lambda that could rotate them. Rotate there, then put-secret-value (docs/deploy.md).',
    });
    // `npm run erase` / `npm run export -- --stage <name>` find the table here.
    new CfnOutput(this, 'TableName', { value: this.table.tableName });
    new CfnOutput(this, 'CredentialsSecretArn', {
      description:
        'Fill with: aws secretsmanager put-secret-value --secret-id <this> --secret-string file://…',
      value: this.credentials.secretArn,
    });
  }
}
