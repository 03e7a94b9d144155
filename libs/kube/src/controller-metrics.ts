// The figures of every controller loop as metrics, under controller-runtime's names so the
// dashboards people keep for Kubernetes controllers read Ferry's too: queue depth, reconcile
// latency and reconcile outcomes, labelled by controller. Recorded through `@opentelemetry/api`
// only: the app's provider (libs/telemetry `startMetrics`) exports them; without one they are no-ops.
import { metrics, type Meter, type ObservableCallback } from '@opentelemetry/api';
import type { WorkQueueStats } from './work-queue';

/** How one reconcile ended, as controller-runtime's `result` label spells it. */
export type ReconcileResult = 'success' | 'error' | 'requeue_after';

/** Buckets of `controller_runtime_reconcile_time_seconds` (controller-runtime's, 5 ms to 60 s). */
export const reconcileTimeBuckets: readonly number[] = [
  0.005, 0.01, 0.025, 0.05, 0.1, 0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5, 0.6, 0.7, 0.8, 0.9, 1, 1.25, 1.5, 1.75, 2, 2.5, 3, 3.5, 4, 4.5,
  5, 6, 7, 8, 9, 10, 15, 20, 25, 30, 40, 50, 60,
];

/** The instruments of one controller. */
export interface ControllerInstruments {
  /** `controller_runtime_reconcile_time_seconds` and `controller_runtime_reconcile_total{result}` (+ `_errors_total`). */
  reconciled(seconds: number, result: ReconcileResult): void;
  /** Starts reporting `workqueue_depth{name}` from `stats` at each collection. */
  observeQueue(stats: () => WorkQueueStats): void;
  /** Stops reporting the queue (a stopped controller leaves no stale series behind). */
  stop(): void;
}

/** The meter controllers record on by default: the global provider's, looked up when the controller is built. */
export function defaultControllerMeter(): Meter {
  return metrics.getMeter('@ferry/kube');
}

/** The instruments of the controller `name` on `meter`. Never throws. */
export function createControllerInstruments(name: string, meter: Meter): ControllerInstruments {
  const time = meter.createHistogram('controller_runtime_reconcile_time_seconds', {
    description: 'Length of time per reconciliation per controller',
    advice: { explicitBucketBoundaries: [...reconcileTimeBuckets] },
  });
  const total = meter.createCounter('controller_runtime_reconcile_total', {
    description: 'Total number of reconciliations per controller',
  });
  const errors = meter.createCounter('controller_runtime_reconcile_errors_total', {
    description: 'Total number of reconciliation errors per controller',
  });
  const depth = meter.createObservableGauge('workqueue_depth', { description: 'Current depth of workqueue' });
  let callback: ObservableCallback | undefined;
  return {
    reconciled(seconds, result) {
      time.record(seconds, { controller: name });
      total.add(1, { controller: name, result });
      if (result === 'error') errors.add(1, { controller: name });
    },
    observeQueue(stats) {
      if (callback) return;
      callback = (result) => result.observe(stats().depth, { name });
      depth.addCallback(callback);
    },
    stop() {
      if (callback) depth.removeCallback(callback);
      callback = undefined;
    },
  };
}
