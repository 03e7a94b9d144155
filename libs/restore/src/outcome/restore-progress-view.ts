// What Ferry's HTTP API answers about one Restore's progress (`GET /v1/restores/{ns}/{name}/progress`):
// the counters, the rate and ETA while this process runs it (from its rate window), and once the
// run is over the whole-run average from the Restore's timestamps. Pure.
import { RestorePhase, type Restore } from '@ferry/api';
import type { RestoreProgressSample, RestoreRateEstimate } from './restore-rate';

/** The progress answer. Rate and ETA are left out while there is no honest value. */
export interface RestoreProgressView {
  readonly totalItems: number;
  readonly itemsRestored: number;
  /** Items per second: over the recent window while running here, else the whole run's average once it ended. */
  readonly itemsPerSecond?: number;
  /** Seconds until every known item is restored; 0 once they are. */
  readonly etaSeconds?: number;
  /** `status.phase`; an empty phase is Velero's New. */
  readonly phase: string;
}

/** The running restore's window in this process: its newest sample and its estimate now. */
export interface LiveRestoreRate {
  readonly latest: RestoreProgressSample;
  readonly estimate: RestoreRateEstimate;
}

const seconds = (iso: string | null | undefined): number | undefined => {
  const ms = iso ? Date.parse(iso) : Number.NaN;
  return Number.isNaN(ms) ? undefined : ms / 1000;
};

/**
 * The view of `restore`: while it is InProgress and `live` (its run in this process) has a sample,
 * the counters of that sample (fresher than the status, patched once a second) and its estimate;
 * otherwise the status counters, the average rate between `startTimestamp` and
 * `completionTimestamp` when both are set, and an ETA of 0 once every known item is restored.
 */
export function restoreProgressView(restore: Restore, live: LiveRestoreRate | undefined): RestoreProgressView {
  const phase = restore.status?.phase || RestorePhase.New;
  if (live && phase === RestorePhase.InProgress) {
    const { totalItems, itemsRestored } = live.latest;
    return { totalItems, itemsRestored, ...live.estimate, phase };
  }
  const totalItems = restore.status?.progress?.totalItems ?? 0;
  const itemsRestored = restore.status?.progress?.itemsRestored ?? 0;
  const start = seconds(restore.status?.startTimestamp);
  const end = seconds(restore.status?.completionTimestamp);
  const average =
    start !== undefined && end !== undefined && end > start ? Math.round((itemsRestored / (end - start)) * 10) / 10 : undefined;
  return {
    totalItems,
    itemsRestored,
    ...(average === undefined ? {} : { itemsPerSecond: average }),
    ...(totalItems > 0 && itemsRestored >= totalItems ? { etaSeconds: 0 } : {}),
    phase,
  };
}
