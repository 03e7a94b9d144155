// Exposure wait by cause: how long each exposure waited for what. The exposers say what they wait
// for in a sentence naming objects (`backupPVC velero/du-1 to be bound (phase Pending)`); the
// metric label is the fixed cause that sentence is about, so the series stay few.
import type { FerryMetrics } from '@ferry/telemetry';

/** The metrics the exposer records (a `ServiceContext`'s `metrics` fits). */
export type ExposerMetrics = Pick<FerryMetrics, 'exposureWait'>;

/** The causes an exposure waits for, as the `cause` label spells them. */
export const ExposureWaitCause = {
  Snapshot: 'snapshot-ready',
  SnapshotTakeover: 'snapshot-takeover',
  VolumeBinding: 'pvc-bound',
  PodCreated: 'pod-created',
  PodRunning: 'pod-running',
  TargetPvc: 'target-pvc',
  StorageClass: 'storage-class',
  SelectedNode: 'selected-node',
  Other: 'other',
} as const;
/** One of {@link ExposureWaitCause}. */
export type ExposureWaitCause = (typeof ExposureWaitCause)[keyof typeof ExposureWaitCause];

const patterns: readonly [RegExp, ExposureWaitCause][] = [
  [/^the takeover of VolumeSnapshot /, ExposureWaitCause.SnapshotTakeover],
  [/^VolumeSnapshot .* to be ready/, ExposureWaitCause.Snapshot],
  [/^(backupPVC|restorePVC) .* to be bound/, ExposureWaitCause.VolumeBinding],
  [/pod .* to be created$/, ExposureWaitCause.PodCreated],
  [/pod .* to be Running/, ExposureWaitCause.PodRunning],
  [/^target PVC .* to be created$/, ExposureWaitCause.TargetPvc],
  [/^storage class .* to exist$/, ExposureWaitCause.StorageClass],
  [/^a selected node on target PVC /, ExposureWaitCause.SelectedNode],
];

/** The cause of an exposer's `waitingFor` sentence; `other` for one it does not know. Pure. */
export function exposureWaitCause(waitingFor: string): ExposureWaitCause {
  return patterns.find(([pattern]) => pattern.test(waitingFor))?.[1] ?? ExposureWaitCause.Other;
}

/** The waits of one exposure attempt. */
export interface ExposureWaits {
  /** At `nowMs` the exposure waits for `waitingFor` (the time since the last call goes to the previous cause). */
  waiting(waitingFor: string, nowMs: number): void;
  /** The attempt ended at `nowMs`: records the total time of each cause once. Idempotent. */
  finish(nowMs: number): void;
  /** Milliseconds waited so far by cause, the current wait counted up to `nowMs`. Changes nothing. */
  totals(nowMs: number): Readonly<Partial<Record<ExposureWaitCause, number>>>;
}

/** Starts counting the waits of one exposure attempt; records through `metrics` (nothing when absent). */
export function meterExposureWaits(metrics: ExposerMetrics | undefined): ExposureWaits {
  const totals = new Map<ExposureWaitCause, number>();
  let current: { cause: ExposureWaitCause; since: number } | undefined;
  let finished = false;
  const close = (nowMs: number): void => {
    if (!current) return;
    totals.set(current.cause, (totals.get(current.cause) ?? 0) + Math.max(0, nowMs - current.since));
    current = undefined;
  };
  return {
    waiting(waitingFor, nowMs) {
      if (finished) return;
      close(nowMs);
      current = { cause: exposureWaitCause(waitingFor), since: nowMs };
    },
    finish(nowMs) {
      if (finished) return;
      finished = true;
      close(nowMs);
      for (const [cause, ms] of totals) metrics?.exposureWait(cause, ms / 1000);
    },
    totals(nowMs) {
      const sofar = new Map(totals);
      if (current) sofar.set(current.cause, (sofar.get(current.cause) ?? 0) + Math.max(0, nowMs - current.since));
      return Object.fromEntries([...sofar].map(([cause, ms]) => [cause, Math.round(ms)]));
    },
  };
}
