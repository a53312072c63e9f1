/**
 * The `BudgetCeilingCrossed` CloudWatch metric (EMF through Powertools), raised when an addition to the
 * hourly usage ledger takes a global ceiling from below to at-or-over. The alarm on it tells the operator
 * that the AI has stopped and people are answering everything until the hour ends.
 *
 * A decorator around the {@link UsageLedger}: the core only counts; which addition crossed a ceiling is
 * decided by `crossedCeilings`, and emitting it is wiring's business.
 */
import { type Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import { crossedCeilings } from '#core/guardrails/budget.ts';
import type { HourlyUsage, UsageLedger } from '#core/ports.ts';
import type { BusinessSettings } from '#shared/business-settings.ts';

/** Name of the metric the ceiling alarm watches (namespace `metricsNamespace` of lib/design.ts, dimension `service`). */
export const CEILING_METRIC = 'BudgetCeilingCrossed';

/** Options of {@link withCeilingMetrics}. */
export interface CeilingMetricsOptions {
  /** Called when the ledger or the metric fails; the ledger error is rethrown. @default console.warn */
  onError?: (message: string, error: unknown) => void;
}

/**
 * Wraps `ledger` so that the addition that crosses a ceiling also publishes {@link CEILING_METRIC}, with
 * only the default `service` dimension (`tandem` in every function), the one series the alarm watches.
 */
export function withCeilingMetrics(
  ledger: UsageLedger,
  metrics: Metrics,
  settings: BusinessSettings,
  options: CeilingMetricsOptions = {},
): UsageLedger {
  const onError = options.onError ?? ((message, error) => console.warn(message, error));
  // Built once with the ledger (module scope in the wiring), not per metric; each `addMetric` publishes one
  // record and clears its metadata for the next.
  const publisher = metrics.singleMetric();
  const emitCrossings = (hour: string, after: HourlyUsage, amounts: Partial<HourlyUsage>) => {
    try {
      for (const ceiling of crossedCeilings(after, amounts, settings)) {
        publisher.addMetadata('ceiling', ceiling);
        publisher.addMetadata('hour', hour);
        publisher.addMetric(CEILING_METRIC, MetricUnit.Count, 1);
      }
    } catch (error) {
      publisher.clearMetadata();
      onError('ceiling metric not emitted', error);
    }
  };
  return {
    current: (hour) => ledger.current(hour),
    add: async (hour, amounts) => {
      let after: HourlyUsage;
      try {
        after = await ledger.add(hour, amounts);
      } catch (error) {
        onError('usage ledger not updated', error);
        throw error;
      }
      emitCrossings(hour, after, amounts);
      return after;
    },
    counted: (hour, after, amounts) => emitCrossings(hour, after, amounts),
  };
}
