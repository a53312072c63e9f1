/** Builds Tandem's stacks for one stage into an app; used by `bin/tandem.ts` and the infra tests. */
import { type App, Tags } from 'aws-cdk-lib';
import { ApplicationStack } from './application-stack.ts';
import type { StageConfig } from './config/stages.ts';
import { StatefulStack } from './stateful-stack.ts';

/** The stacks of one stage. */
export interface TandemStacks {
  stateful: StatefulStack;
  application: ApplicationStack;
}

/** Adds the stateful and application stacks of `config.stage` to `app`. */
export function addTandem(app: App, config: StageConfig): TandemStacks {
  const env = config.env ? { env: config.env } : {};
  const stateful = new StatefulStack(app, `tandem-${config.stage}-stateful`, {
    description: `Tandem ${config.stage}: table, queues, credentials secrets`,
    terminationProtection: config.protectData,
    config,
    ...env,
  });
  const application = new ApplicationStack(app, `tandem-${config.stage}-application`, {
    description: `Tandem ${config.stage}: HTTP API, functions, schedule, alarms, dashboard`,
    config,
    table: stateful.table,
    conversationEvents: stateful.conversationEvents,
    escalations: stateful.escalations,
    secrets: stateful.secrets,
    ...env,
  });
  Tags.of(app).add('project', 'tandem');
  Tags.of(app).add('stage', config.stage);
  return { stateful, application };
}
