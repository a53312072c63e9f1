import { App, Stack, Validations } from 'aws-cdk-lib';
import { Queue } from 'aws-cdk-lib/aws-sqs';
import { AwsSolutionsChecks } from 'cdk-nag';
import { describe, expect, it } from 'vitest';
import { devStage, prodStage, type StageConfig } from '../../lib/config/stages.ts';
import { enableNag } from '../../lib/constructs/nag.ts';
import { synth } from './synth.ts';

const bedrockStage: StageConfig = {
  ...devStage,
  modelProvider: 'bedrock',
  bedrock: {
    inferenceProfileId: 'us.anthropic.claude-haiku-4-5-20251001-v1:0',
    foundationModelId: 'anthropic.claude-haiku-4-5-20251001-v1:0',
  },
};

describe('cdk-nag AwsSolutions', () => {
  it.each([
    ['dev', devStage],
    ['prod', prodStage],
    ['dev with Bedrock', bedrockStage],
  ] as const)('finds no unacknowledged error or warning in %s', (_, config) => {
    const { app } = synth(config);
    const report = new AwsSolutionsChecks().validateScope(app);
    const findings = report.violations.map(
      (violation) =>
        `${violation.severity} ${violation.ruleName} at ${violation.violatingResources.map((r) => r.constructPath).join(', ')}`,
    );
    expect(findings).toEqual([]);
  });

  it('acknowledges every suppressed rule with a written reason', () => {
    const { app } = synth(bedrockStage);
    const acknowledgments: [string, string][] = [];
    for (const construct of app.node.findAll()) {
      for (const entry of construct.node.metadata) {
        if (entry.type !== Validations.ACKNOWLEDGED_RULES_METADATA_KEY) continue;
        for (const [id, reason] of Object.entries(entry.data as Record<string, unknown>)) {
          acknowledgments.push([id, typeof reason === 'string' ? reason : JSON.stringify(reason)]);
        }
      }
    }
    expect(acknowledgments.length).toBeGreaterThan(0);
    for (const [id, reason] of acknowledgments) {
      expect(id).toMatch(/AwsSolutions-/);
      expect(reason.length, id).toBeGreaterThanOrEqual(40);
    }
  });

  it('fails the synth of an app with enableNag when a finding is not acknowledged', () => {
    const app = new App({ builtinCloudFormationValidation: false });
    const stack = new Stack(app, 'nag-probe');
    new Queue(stack, 'NoDlqNoTls');
    enableNag(app);
    expect(() => app.synth()).toThrow(/AwsSolutions-SQS3/);
  });
});
