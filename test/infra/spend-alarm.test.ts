/**
 * The alarm on a crossed global spend ceiling watches exactly the series the functions emit: the
 * namespace, metric name and `service` dimension of `withCeilingMetrics` in every function.
 */
import { expect, it } from 'vitest';
import { CEILING_METRIC } from '../../functions/adapters/ceiling-metrics.ts';
import { devStage } from '../../lib/config/stages.ts';
import { metricsNamespace } from '../../lib/design.ts';
import { handlerNames } from '../../lib/paths.ts';
import { logicalId, resourcesOf, synth } from './synth.ts';

it('alarms, to the alarm topic, on any crossed ceiling within the clock hour, on the series the functions emit', () => {
  const { application, stacks } = synth(devStage);
  const matching = Object.values(resourcesOf(application, 'AWS::CloudWatch::Alarm')).filter(
    (alarm) => alarm.Properties?.MetricName === CEILING_METRIC,
  );
  expect(matching).toHaveLength(1);
  const functions = resourcesOf(application, 'AWS::Lambda::Function');
  const services = new Set(
    handlerNames.map((name) => {
      const props = functions[logicalId(stacks.application.functions[name].function)]?.Properties;
      const environment = props?.Environment as { Variables?: Record<string, unknown> } | undefined;
      return environment?.Variables?.POWERTOOLS_SERVICE_NAME;
    }),
  );
  // Powertools adds the service name as the one default dimension of every metric it emits.
  expect([...services]).toHaveLength(1);
  expect(matching[0]?.Properties).toMatchObject({
    Namespace: metricsNamespace,
    Dimensions: [{ Name: 'service', Value: [...services][0] }],
    Statistic: 'Sum',
    Period: 3600,
    Threshold: 1,
    ComparisonOperator: 'GreaterThanOrEqualToThreshold',
    AlarmActions: [{ Ref: logicalId(stacks.application.alarms.topic) }],
  });
});
