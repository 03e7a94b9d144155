// The metrics Ferry records where its facts happen: Velero's names, types, labels and buckets
// (velero pkg/metrics/metrics.go) wherever Ferry has the same fact, so Velero's dashboards and
// alerts work unchanged, and Ferry's own `ferry_*` figures beside them. The services receive the
// interface (or a role subset of it), never a global: a unit test passes a recorder of its own.
import type { Attributes, Meter } from '@opentelemetry/api';

/** How a Backup ended (its terminal phase). */
export type BackupEnd = 'Completed' | 'PartiallyFailed' | 'Failed';
/** How a Restore ended (its terminal phase). */
export type RestoreEnd = 'Completed' | 'PartiallyFailed' | 'Failed';
/** The data-path kinds whose ends are counted. */
export type DataPathKindName = 'DataUpload' | 'DataDownload' | 'PodVolumeBackup' | 'PodVolumeRestore';
/** How a data-path operation ended. */
export type DataPathEnd = 'Completed' | 'Failed' | 'Canceled';
/** The direction of a move. */
export type MoveOperation = 'backup' | 'restore';

/** The end of one data-path operation, as the controller saw it. */
export interface DataPathEnded {
  readonly kind: DataPathKindName;
  /** The node that moved the data ('' when it never reached one). */
  readonly node: string;
  readonly end: DataPathEnd;
  /** PodVolumeBackups only: start to completion, and the labels Velero puts on the latency. */
  readonly podVolume?: { readonly seconds: number; readonly name: string; readonly backupName: string; readonly operation: string };
}

/** Every metric Ferry records. Each call is cheap, synchronous and never throws. */
export interface FerryMetrics {
  /** `velero_backup_attempt_total{schedule}`: a validated Backup starts running. */
  backupAttempted(schedule: string): void;
  /** `velero_backup_validation_failure_total{schedule}`, `velero_backup_last_status{schedule}` = 0. */
  backupValidationFailed(schedule: string): void;
  /**
   * `velero_backup_{success,partial_failure,failure}_total{schedule}`, `velero_backup_last_status`,
   * `velero_backup_last_successful_timestamp` (Completed), and `velero_backup_duration_seconds`
   * when both timestamps are known (whole seconds, as Velero truncates).
   */
  backupEnded(schedule: string, end: BackupEnd, durationSeconds: number | undefined): void;
  /** `velero_backup_items_total{schedule}` and `velero_backup_items_errors{schedule}` (gauges). */
  backupItems(schedule: string, items: { readonly total: number; readonly errors: number }): void;
  /** `velero_backup_total` (gauge): `count()` is read at every scrape until the returned function is called. */
  observeBackupCount(count: () => number): () => void;
  /** `velero_restore_attempt_total{schedule}`: a Restore was validated (whatever the outcome). */
  restoreAttempted(schedule: string): void;
  /** `velero_restore_validation_failed_total{schedule}`. */
  restoreValidationFailed(schedule: string): void;
  /** `velero_restore_{success,partial_failure,failed}_total{schedule}`. */
  restoreEnded(schedule: string, end: RestoreEnd): void;
  /** `velero_restore_total` (gauge): `count()` is read at every scrape until the returned function is called. */
  observeRestoreCount(count: () => number): () => void;
  /** `podVolume_pod_volume_backup_enqueue_count{node}`: a PodVolumeBackup's data path starts. */
  podVolumeBackupStarted(node: string): void;
  /**
   * `podVolume_data_{upload,download}_{success,failure,cancel}_total{node}`; for PodVolumeBackups
   * Completed, `podVolume_pod_volume_backup_dequeue_count{node}` and
   * `podVolume_pod_volume_operation_latency_seconds{node,operation,backupName,pod_volume_backup}`.
   */
  dataPathEnded(ended: DataPathEnded): void;
  /** `ferry_mover_bytes_total{node,operation}`: bytes a mover moved (added as progress reports them). */
  bytesMoved(node: string, operation: MoveOperation, bytes: number): void;
  /** `ferry_mover_throughput_bytes_per_second{node,operation}`: the average rate of one finished move. */
  moveThroughput(node: string, operation: MoveOperation, bytesPerSecond: number): void;
  /** `ferry_exposure_wait_seconds{cause}`: how long an exposure waited, by what it waited for. */
  exposureWait(cause: string, seconds: number): void;
}

/** Velero's buckets of `velero_backup_duration_seconds` and the pod-volume latency: 1 min to 4 h. */
export const veleroDurationBuckets: readonly number[] = [60, 300, 600, 900, 1800, 3600, 7200, 10800, 14400];
/** Buckets of `ferry_exposure_wait_seconds`: 0.5 s to 30 min (a prepare timeout). */
export const exposureWaitBuckets: readonly number[] = [0.5, 1, 2, 5, 10, 30, 60, 120, 300, 600, 1800];
/** Buckets of `ferry_mover_throughput_bytes_per_second`: 64 KiB/s to 4 GiB/s, ×4 each. */
export const throughputBuckets: readonly number[] = Array.from({ length: 9 }, (_, i) => 65_536 * 4 ** i);

const backupEndCounter: Readonly<Record<BackupEnd, string>> = {
  Completed: 'velero_backup_success_total',
  PartiallyFailed: 'velero_backup_partial_failure_total',
  Failed: 'velero_backup_failure_total',
};
const restoreEndCounter: Readonly<Record<RestoreEnd, string>> = {
  Completed: 'velero_restore_success_total',
  PartiallyFailed: 'velero_restore_partial_failure_total',
  Failed: 'velero_restore_failed_total',
};
const dataPathEndWord: Readonly<Record<DataPathEnd, string>> = { Completed: 'success', Failed: 'failure', Canceled: 'cancel' };
const dataPathKindWord: Partial<Readonly<Record<DataPathKindName, string>>> = { DataUpload: 'upload', DataDownload: 'download' };

/** The Velero help texts, by name. */
const help: Readonly<Record<string, string>> = {
  velero_backup_attempt_total: 'Total number of attempted backups',
  velero_backup_success_total: 'Total number of successful backups',
  velero_backup_partial_failure_total: 'Total number of partially failed backups',
  velero_backup_failure_total: 'Total number of failed backups',
  velero_backup_validation_failure_total: 'Total number of validation failed backups',
  velero_restore_attempt_total: 'Total number of attempted restores',
  velero_restore_success_total: 'Total number of successful restores',
  velero_restore_partial_failure_total: 'Total number of partially failed restores',
  velero_restore_failed_total: 'Total number of failed restores',
  velero_restore_validation_failed_total: 'Total number of failed restores failing validations',
};

/** Instruments created on first use and kept (the SDK would hand back the same one anyway). */
class Instruments {
  private readonly counters = new Map<string, { add(value: number, attributes?: Attributes): void }>();
  private readonly gauges = new Map<string, { record(value: number, attributes?: Attributes): void }>();
  private readonly histograms = new Map<string, { record(value: number, attributes?: Attributes): void }>();

  constructor(readonly meter: Meter) {}

  counter(name: string, description = help[name] ?? name): { add(value: number, attributes?: Attributes): void } {
    let counter = this.counters.get(name);
    if (!counter) {
      counter = this.meter.createCounter(name, { description });
      this.counters.set(name, counter);
    }
    return counter;
  }

  /** Velero's `_count` counters: an up-down counter keeps the name (a Prometheus counter would gain `_total`). */
  countNamed(name: string, description: string): { add(value: number, attributes?: Attributes): void } {
    let counter = this.counters.get(name);
    if (!counter) {
      counter = this.meter.createUpDownCounter(name, { description });
      this.counters.set(name, counter);
    }
    return counter;
  }

  gauge(name: string, description: string): { record(value: number, attributes?: Attributes): void } {
    let gauge = this.gauges.get(name);
    if (!gauge) {
      gauge = this.meter.createGauge(name, { description });
      this.gauges.set(name, gauge);
    }
    return gauge;
  }

  histogram(name: string, description: string, buckets: readonly number[]): { record(value: number, attributes?: Attributes): void } {
    let histogram = this.histograms.get(name);
    if (!histogram) {
      histogram = this.meter.createHistogram(name, { description, advice: { explicitBucketBoundaries: [...buckets] } });
      this.histograms.set(name, histogram);
    }
    return histogram;
  }

  observe(name: string, description: string, count: () => number): () => void {
    const gauge = this.meter.createObservableGauge(name, { description });
    const callback = (result: { observe(value: number): void }): void => result.observe(count());
    gauge.addCallback(callback);
    return () => gauge.removeCallback(callback);
  }
}

/** {@link FerryMetrics} over an OpenTelemetry meter (the app's Prometheus-exported one, or a test's). */
export function createFerryMetrics(meter: Meter): FerryMetrics {
  const m = new Instruments(meter);
  const lastStatus = (schedule: string, value: number): void =>
    m.gauge('velero_backup_last_status', 'Last status of the backup. A value of 1 is success, 0 is failure').record(value, { schedule });
  return {
    backupAttempted: (schedule) => m.counter('velero_backup_attempt_total').add(1, { schedule }),
    backupValidationFailed: (schedule) => {
      m.counter('velero_backup_validation_failure_total').add(1, { schedule });
      lastStatus(schedule, 0);
    },
    backupEnded: (schedule, end, durationSeconds) => {
      m.counter(backupEndCounter[end]).add(1, { schedule });
      lastStatus(schedule, end === 'Completed' ? 1 : 0);
      if (end === 'Completed') {
        m.gauge('velero_backup_last_successful_timestamp', 'Last time a backup ran successfully, Unix timestamp in seconds').record(
          Math.floor(Date.now() / 1000),
          { schedule },
        );
      }
      if (durationSeconds !== undefined && durationSeconds >= 0) {
        m.histogram('velero_backup_duration_seconds', 'Time taken to complete backup, in seconds', veleroDurationBuckets).record(
          Math.floor(durationSeconds),
          { schedule },
        );
      }
    },
    backupItems: (schedule, items) => {
      m.gauge('velero_backup_items_total', 'Total number of items backed up').record(items.total, { schedule });
      m.gauge('velero_backup_items_errors', 'Total number of errors encountered during backup').record(items.errors, { schedule });
    },
    observeBackupCount: (count) => m.observe('velero_backup_total', 'Current number of existent backups', count),
    restoreAttempted: (schedule) => m.counter('velero_restore_attempt_total').add(1, { schedule }),
    restoreValidationFailed: (schedule) => m.counter('velero_restore_validation_failed_total').add(1, { schedule }),
    restoreEnded: (schedule, end) => m.counter(restoreEndCounter[end]).add(1, { schedule }),
    observeRestoreCount: (count) => m.observe('velero_restore_total', 'Current number of existent restores', count),
    podVolumeBackupStarted: (node) =>
      m.countNamed('podVolume_pod_volume_backup_enqueue_count', 'Total number of pod_volume_backup objects enqueued').add(1, { node }),
    dataPathEnded: (ended) => recordDataPathEnd(m, ended),
    bytesMoved: (node, operation, bytes) => {
      if (bytes > 0) m.counter('ferry_mover_bytes_total', 'Bytes moved by the mover of a node').add(bytes, { node, operation });
    },
    moveThroughput: (node, operation, bytesPerSecond) =>
      m
        .histogram('ferry_mover_throughput_bytes_per_second', 'Average rate of each finished move, bytes per second', throughputBuckets)
        .record(bytesPerSecond, { node, operation }),
    exposureWait: (cause, seconds) =>
      m
        .histogram('ferry_exposure_wait_seconds', 'Time an exposure waited, by what it waited for', exposureWaitBuckets)
        .record(seconds, { cause }),
  };
}

function recordDataPathEnd(m: Instruments, ended: DataPathEnded): void {
  const word = dataPathKindWord[ended.kind];
  const node = ended.node;
  if (word) {
    const name = `podVolume_data_${word}_${dataPathEndWord[ended.end]}_total`;
    m.counter(name, `Total count of ${dataPathEndWord[ended.end]} data ${word}s`).add(1, { node });
    return;
  }
  if (ended.kind !== 'PodVolumeBackup' || ended.end !== 'Completed' || !ended.podVolume) return;
  const { seconds, name, backupName, operation } = ended.podVolume;
  m.histogram(
    'podVolume_pod_volume_operation_latency_seconds',
    'Time taken to complete pod volume operations, in seconds',
    veleroDurationBuckets,
  ).record(Math.floor(seconds), { node, operation, backupName, pod_volume_backup: name });
  m.gauge(
    'podVolume_pod_volume_operation_latency_seconds_gauge',
    'Gauge metric indicating time taken, in seconds, to perform pod volume operations',
  ).record(Math.floor(seconds), { node, operation, backupName, pod_volume_backup: name });
  m.countNamed('podVolume_pod_volume_backup_dequeue_count', 'Total number of pod_volume_backup objects dequeued').add(1, { node });
}
