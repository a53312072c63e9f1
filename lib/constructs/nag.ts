/**
 * cdk-nag wiring. cdk-nag 3 runs as a CDK validation plugin (it replaced the v2 Aspect), and a
 * suppression is a CDK acknowledgment that must carry a reason.
 */
import { type Acknowledgment, type App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import type { IConstruct } from 'constructs';

/** Runs the AwsSolutions pack on every synth of `app`; an unacknowledged error fails the synth. */
export function enableNag(app: App): void {
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app, { verbose: true }));
}

/** Acknowledges (suppresses) cdk-nag findings on `scope` and everything below it, each with its reason. */
export function acknowledge(scope: IConstruct, ...acknowledgments: Acknowledgment[]): void {
  for (const acknowledgment of acknowledgments) {
    if (acknowledgment.reason.trim().length < 20) {
      throw new Error(`acknowledgment of ${acknowledgment.id} needs a real reason`);
    }
  }
  Validations.of(scope).acknowledge(...acknowledgments);
}
