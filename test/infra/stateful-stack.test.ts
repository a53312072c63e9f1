import { Match } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { devStage, prodStage } from '../../lib/config/stages.ts';
import { conversationEventsQueue, escalationsQueue, tableDesign } from '../../lib/design.ts';
import { credentialKeys, credentialPlaceholder } from '../../lib/stateful-stack.ts';
import { logicalId, resourcesOf, synth } from './synth.ts';

describe('stateful stack', () => {
  it('creates one on-demand table with the design keys, PITR, TTL, encryption and both GSIs', () => {
    const { stateful } = synth(devStage);
    stateful.resourceCountIs('AWS::DynamoDB::Table', 1);
    stateful.hasResourceProperties('AWS::DynamoDB::Table', {
      BillingMode: 'PAY_PER_REQUEST',
      KeySchema: [
        { AttributeName: tableDesign.partitionKey, KeyType: 'HASH' },
        { AttributeName: tableDesign.sortKey, KeyType: 'RANGE' },
      ],
      PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
      TimeToLiveSpecification: { AttributeName: tableDesign.ttlAttribute, Enabled: true },
      SSESpecification: { SSEEnabled: true },
      GlobalSecondaryIndexes: tableDesign.indexes.map((index) => ({
        IndexName: index.name,
        KeySchema: [
          { AttributeName: index.partitionKey, KeyType: 'HASH' },
          { AttributeName: index.sortKey, KeyType: 'RANGE' },
        ],
        Projection: { ProjectionType: 'ALL' },
      })),
    });
  });

  it('retains and deletion-protects the table, queues and secret in prod', () => {
    const { stateful } = synth(prodStage);
    stateful.hasResource('AWS::DynamoDB::Table', {
      DeletionPolicy: 'Retain',
      UpdateReplacePolicy: 'Retain',
      Properties: Match.objectLike({ DeletionProtectionEnabled: true }),
    });
    for (const type of ['AWS::SQS::Queue', 'AWS::SecretsManager::Secret']) {
      for (const resource of Object.values(resourcesOf(stateful, type))) {
        expect(resource.DeletionPolicy).toBe('Retain');
      }
    }
    expect(synth(prodStage).stacks.stateful.terminationProtection).toBe(true);
  });

  it('lets dev be torn down: no deletion protection and DESTROY', () => {
    const { stateful } = synth(devStage);
    const [table] = Object.values(resourcesOf(stateful, 'AWS::DynamoDB::Table'));
    expect(table?.DeletionPolicy).toBe('Delete');
    expect(table?.Properties?.DeletionProtectionEnabled).toBe(false);
  });

  it.each([
    [
      'conversation-events',
      conversationEventsQueue,
      'tandem-dev-conversation-events.fifo',
      'tandem-dev-conversation-events-dlq.fifo',
    ],
    ['escalations', escalationsQueue, 'tandem-dev-escalations', 'tandem-dev-escalations-dlq'],
  ] as const)(
    '%s has encrypted TLS-only queues and redrives to its DLQ after maxReceiveCount',
    (_, design, name, dlq) => {
      const { stateful, stacks } = synth(devStage);
      const durable = design.fifo ? stacks.stateful.conversationEvents : stacks.stateful.escalations;
      const fifo = design.fifo ? { FifoQueue: true } : {};
      stateful.hasResourceProperties('AWS::SQS::Queue', {
        QueueName: dlq,
        SqsManagedSseEnabled: true,
        MessageRetentionPeriod: 14 * 24 * 3600,
        ...fifo,
      });
      stateful.hasResourceProperties('AWS::SQS::Queue', {
        QueueName: name,
        SqsManagedSseEnabled: true,
        VisibilityTimeout: design.visibilityTimeoutSeconds,
        RedrivePolicy: {
          deadLetterTargetArn: { 'Fn::GetAtt': [logicalId(durable.deadLetterQueue), 'Arn'] },
          maxReceiveCount: design.maxReceiveCount,
        },
        ...fifo,
      });
      // enforceSSL: a queue policy denies any request without TLS.
      stateful.hasResourceProperties('AWS::SQS::QueuePolicy', {
        Queues: [{ Ref: logicalId(durable.queue) }],
        PolicyDocument: {
          Statement: Match.arrayWith([
            Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
          ]),
        },
      });
    },
  );

  it('makes conversation-events FIFO with producer-supplied dedupe ids and per-group throughput', () => {
    synth(devStage).stateful.hasResourceProperties('AWS::SQS::Queue', {
      QueueName: 'tandem-dev-conversation-events.fifo',
      FifoQueue: true,
      ContentBasedDeduplication: false,
      DeduplicationScope: 'messageGroup',
      FifoThroughputLimit: 'perMessageGroupId',
    });
  });

  it('creates one secret per provider, each holding only its own keys as placeholders, never a value', () => {
    const { stateful, stacks } = synth(devStage);
    stateful.resourceCountIs('AWS::SecretsManager::Secret', 4);
    const expected = {
      twilio: ['TWILIO_ACCOUNT_SID', 'TWILIO_AUTH_TOKEN'],
      slack: ['SLACK_BOT_TOKEN', 'SLACK_SIGNING_SECRET'],
      anthropic: ['ANTHROPIC_API_KEY'],
      businessApi: ['BUSINESS_API_TOKEN'],
    };
    const secrets = resourcesOf(stateful, 'AWS::SecretsManager::Secret');
    const seen: string[] = [];
    for (const [provider, keys] of Object.entries(expected)) {
      const secret = secrets[logicalId(stacks.stateful.secrets[provider as keyof typeof expected])];
      expect(secret?.Properties?.SecretString, provider).toBeUndefined();
      const generate = secret?.Properties?.GenerateSecretString as { SecretStringTemplate: string };
      const template = JSON.parse(generate.SecretStringTemplate) as Record<string, string>;
      expect(Object.keys(template).sort(), provider).toEqual(keys);
      expect(new Set(Object.values(template)), provider).toEqual(new Set([credentialPlaceholder]));
      seen.push(...keys);
    }
    // Together they cover every key the functions read, each exactly once.
    expect(seen.sort()).toEqual([...credentialKeys].sort());
  });

  it('outputs each secret ARN for put-secret-value', () => {
    const { stateful } = synth(devStage);
    for (const name of ['Twilio', 'Slack', 'Anthropic', 'BusinessApi']) {
      stateful.hasOutput(`${name}CredentialsSecretArn`, { Value: { Ref: Match.stringLikeRegexp(name) } });
    }
  });
});
