/**
 * Each function's role holds exactly the intended actions on exactly the intended resources.
 * The expectations are written out here, independently of how the stack computes them.
 */
import { describe, expect, it } from 'vitest';
import { devStage, type StageConfig } from '../../lib/config/stages.ts';
import type { HandlerName } from '../../lib/paths.ts';
import { logicalId, resourcesOf, type Synthesized, synth } from './synth.ts';

const bedrockStage: StageConfig = {
  ...devStage,
  modelProvider: 'bedrock',
  bedrock: {
    inferenceProfileId: 'us.anthropic.claude-haiku-4-5-20251001-v1:0',
    foundationModelId: 'anthropic.claude-haiku-4-5-20251001-v1:0',
  },
};

const always = [
  'logs:CreateLogStream own-logs',
  'logs:PutLogEvents own-logs',
  'xray:PutTraceSegments *',
  'xray:PutTelemetryRecords *',
];
const consume = (queue: string) => [
  `sqs:ReceiveMessage ${queue}`,
  `sqs:DeleteMessage ${queue}`,
  `sqs:GetQueueAttributes ${queue}`,
];
const items = (...actions: string[]) => actions.map((action) => `dynamodb:${action} table`);
const query = (...targets: string[]) =>
  targets.map((target) => `dynamodb:Query ${target === 'table' ? 'table' : `table/index/${target}`}`);
const secrets = (...providers: string[]) =>
  providers.map((provider) => `secretsmanager:GetSecretValue ${provider}-secret`);

/** Intended permissions per function (beyond `always`), read off each handler's code paths. */
const intended: Record<HandlerName, string[]> = {
  // Verify, store the message (a transaction of two Puts), enqueue: no reads, no Slack, no model.
  'twilio-webhook': [...secrets('twilio'), ...items('PutItem'), 'sqs:SendMessage events-queue'],
  // Status updates, opt-out on the profile, failures posted to the Slack thread. Never deletes.
  'twilio-status': [...secrets('twilio', 'slack'), ...items('GetItem', 'PutItem', 'UpdateItem')],
  // Desk actions find cases by thread (gsi1) and record what goes to customers on the events queue (the
  // worker sends it: no Twilio); the card's erase deletes in batches.
  'slack-events': [
    ...secrets('slack'),
    // BatchGetItem: the card view (conversation, profile) in one round trip.
    ...items('GetItem', 'BatchGetItem', 'PutItem', 'UpdateItem', 'DeleteItem', 'BatchWriteItem'),
    ...query('table', 'gsi1', 'gsi2'),
    'sqs:SendMessage events-queue',
  ],
  // The turn: its own conversation's partition only, no index. Slack only for the agents' desk commands
  // (reactions, "Not sent"); a customer turn's thread posts are queued desk jobs.
  'conversation-worker': [
    ...secrets('twilio', 'slack', 'anthropic', 'businessApi'),
    // BatchGetItem: the turn's load (conversation, profile, the hour's usage); its commit is one transaction.
    ...items('GetItem', 'BatchGetItem', 'PutItem', 'UpdateItem', 'DeleteItem'),
    ...query('table'),
    ...consume('events-queue'),
    'sqs:SendMessage escalations-queue',
  ],
  // Posts cards to Slack: never talks to customers, never updates in place. Fetches customers' attachments
  // from Twilio (basic auth) and translates customer messages for the desk (Anthropic).
  'escalation-notifier': [
    ...secrets('anthropic', 'slack', 'twilio'),
    ...items('GetItem', 'BatchGetItem', 'PutItem', 'DeleteItem'),
    ...query('table', 'gsi2'),
    ...consume('escalations-queue'),
    // Backoff of a failed desk job (retried until Slack is back).
    'sqs:ChangeMessageVisibility escalations-queue',
  ],
  // Lists open cases and idle conversations (gsi2); notices to customers and threads.
  'sla-sweeper': [
    ...secrets('slack', 'twilio'),
    // BatchGetItem: card views and the usage ledger's hour (its counter items).
    ...items('GetItem', 'BatchGetItem', 'PutItem', 'UpdateItem', 'DeleteItem'),
    ...query('table', 'gsi2'),
  ],
};

/** Every `action resource` pair granted to the function's role, resources named by what they are. */
function grantsOf(synthesized: Synthesized, name: HandlerName): string[] {
  const { stacks, application } = synthesized;
  const fn = stacks.application.functions[name];
  const roleId = logicalId(fn.role);
  const names: [string, string][] = [
    [logicalId(stacks.stateful.table), 'table'],
    [logicalId(stacks.stateful.conversationEvents.queue), 'events-queue'],
    [logicalId(stacks.stateful.conversationEvents.deadLetterQueue), 'events-dlq'],
    [logicalId(stacks.stateful.escalations.queue), 'escalations-queue'],
    [logicalId(stacks.stateful.escalations.deadLetterQueue), 'escalations-dlq'],
    ...Object.entries(stacks.stateful.secrets).map(
      ([provider, secret]) => [logicalId(secret), `${provider}-secret`] as [string, string],
    ),
    [logicalId(fn.logGroup), 'own-logs'],
  ];
  const describe = (resource: unknown): string => {
    if (resource === '*') return '*';
    const text = JSON.stringify(resource);
    const known = names.find(([id]) => text.includes(id));
    const suffix = text.match(/"(\/index\/[^"]+)"/)?.[1] ?? '';
    if (known) return `${known[1]}${suffix}`;
    if (text.includes('inference-profile/'))
      return `inference-profile/${text.match(/inference-profile\/([^"]+)/)?.[1]}`;
    if (text.includes('foundation-model/'))
      return `foundation-model/${text.match(/foundation-model\/([^"]+)/)?.[1]}`;
    return text;
  };
  const grants: string[] = [];
  const role = application.findResources('AWS::IAM::Role')[roleId];
  expect(role?.Properties.ManagedPolicyArns, `${name} has no managed policies`).toBeUndefined();
  expect(role?.Properties.Policies, `${name} has no inline role policies`).toBeUndefined();
  for (const policy of Object.values(resourcesOf(application, 'AWS::IAM::Policy'))) {
    const roles = JSON.stringify(policy.Properties?.Roles);
    if (!roles.includes(`"${roleId}"`)) continue;
    const document = policy.Properties?.PolicyDocument as {
      Statement: { Effect: string; Action: string | string[]; Resource: unknown; Condition?: unknown }[];
    };
    for (const statement of document.Statement) {
      expect(statement.Effect).toBe('Allow');
      expect(statement.Condition).toBeUndefined();
      const actions = ([] as string[]).concat(statement.Action);
      const resources = ([] as unknown[]).concat(statement.Resource);
      for (const action of actions)
        for (const resource of resources) grants.push(`${action} ${describe(resource)}`);
    }
  }
  return grants.sort();
}

describe('IAM: each function gets exactly the actions it needs', () => {
  it.each(Object.keys(intended) as HandlerName[])('%s', (name) => {
    expect(grantsOf(synth(devStage), name)).toEqual([...always, ...intended[name]].sort());
  });

  it('grants bedrock:InvokeModel to the worker and the notifier (translation) only, and only when the stage uses Bedrock', () => {
    const synthesized = synth(bedrockStage);
    const bedrock = [
      'bedrock:InvokeModel inference-profile/us.anthropic.claude-haiku-4-5-20251001-v1:0',
      'bedrock:InvokeModel foundation-model/anthropic.claude-haiku-4-5-20251001-v1:0',
    ];
    for (const name of Object.keys(intended) as HandlerName[]) {
      const extra = name === 'conversation-worker' || name === 'escalation-notifier' ? bedrock : [];
      expect(grantsOf(synthesized, name), name).toEqual([...always, ...intended[name], ...extra].sort());
    }
    const anthropic = synth(devStage);
    expect(grantsOf(anthropic, 'conversation-worker').some((grant) => grant.startsWith('bedrock:'))).toBe(
      false,
    );
  });

  it('no function but the worker may read the business API secret (its actions), and none but the worker and the notifier the Anthropic one', () => {
    const synthesized = synth(devStage);
    for (const name of Object.keys(intended) as HandlerName[]) {
      const grants = grantsOf(synthesized, name);
      if (name !== 'conversation-worker') {
        expect(grants, name).not.toContain('secretsmanager:GetSecretValue businessApi-secret');
      }
      if (name !== 'conversation-worker' && name !== 'escalation-notifier') {
        expect(grants, name).not.toContain('secretsmanager:GetSecretValue anthropic-secret');
      }
    }
  });

  it('creates no IAM role besides the six function roles', () => {
    const { application, stacks } = synth(devStage);
    const functionRoles = new Set(
      Object.values(stacks.application.functions).map((fn) => logicalId(fn.role)),
    );
    const others = Object.keys(application.findResources('AWS::IAM::Role')).filter(
      (id) => !functionRoles.has(id),
    );
    expect(others).toEqual([]);
  });
});
