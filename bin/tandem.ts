/**
 * The CDK app: `--context stage=<dev|prod>` (default dev) → stage config → stacks, with the cdk-nag
 * AwsSolutions checks on every synth.
 */
import { App } from 'aws-cdk-lib';
import { stageConfig } from '../lib/config/stages.ts';
import { enableNag } from '../lib/constructs/nag.ts';
import { addTandem } from '../lib/tandem-app.ts';

const app = new App();
addTandem(app, stageConfig(app.node.tryGetContext('stage') ?? 'dev'));
enableNag(app);
app.synth();
