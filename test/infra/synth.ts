/**
 * Synthesizes Tandem's stacks for the infra tests without bundling (so no handler file is needed)
 * and without the built-in CloudFormation schema validation (slow, and covered by `cdk synth`).
 */
import { App, type CfnElement, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import type { IConstruct } from 'constructs';
import { devStage, type StageConfig } from '../../lib/config/stages.ts';
import { addTandem, type TandemStacks } from '../../lib/tandem-app.ts';

/** A synthesized stage. */
export interface Synthesized {
  app: App;
  stacks: TandemStacks;
  stateful: Template;
  application: Template;
}

/** A CloudFormation resource as it appears in a template. */
export interface CfnResource {
  Type: string;
  Properties?: Record<string, unknown>;
  DependsOn?: string[];
  DeletionPolicy?: string;
  UpdateReplacePolicy?: string;
}

const cache = new Map<StageConfig, Synthesized>();

/** Synthesizes `config` once per test file (bundling skipped). */
export function synth(config: StageConfig = devStage): Synthesized {
  const hit = cache.get(config);
  if (hit) return hit;
  const app = new App({ context: { 'aws:cdk:bundling-stacks': [] }, builtinCloudFormationValidation: false });
  const stacks = addTandem(app, config);
  const result = {
    app,
    stacks,
    stateful: Template.fromStack(stacks.stateful),
    application: Template.fromStack(stacks.application),
  };
  cache.set(config, result);
  return result;
}

/** The logical id of a construct's CloudFormation resource (its default child for L2s). */
export function logicalId(construct: IConstruct): string {
  const element = (construct.node.defaultChild ?? construct) as CfnElement;
  return Stack.of(construct).getLogicalId(element);
}

/** The template's resources of one type, by logical id. */
export function resourcesOf(template: Template, type: string): Record<string, CfnResource> {
  return template.findResources(type) as Record<string, CfnResource>;
}
