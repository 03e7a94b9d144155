// Velero's data-path metrics (data_upload_controller.go, data_download_controller.go,
// pod_volume_backup_controller.go) recorded at the one place every status of a DataUpload,
// DataDownload, PodVolumeBackup or PodVolumeRestore is written: the store's `update`. A write that
// moves a resource into a terminal phase ends it once; replays of a result write no new phase.
import { isTerminalPhase, type DataPathPhase } from '@ferry/data-movement';
import type { DataPathEnd, DataPathEnded, FerryMetrics } from '@ferry/telemetry';
import type { DataPathResource } from './data-path-resources';
import type { DataPathStore } from './data-path-store';
import { phaseOf } from './resource-marks';

/** The metrics the data-path controller records (a `ServiceContext`'s `metrics` fits). */
export type DataPathMetrics = Pick<FerryMetrics, 'dataPathEnded' | 'podVolumeBackupStarted'>;

/** One metric fact of a phase change. */
export type DataPathMetricEvent =
  { readonly type: 'podVolumeBackupStarted'; readonly node: string } | { readonly type: 'ended'; readonly ended: DataPathEnded };

/** The node that moves the resource's data: the status's (DU/DD), else the spec's (PVB/PVR). */
function nodeOf(resource: DataPathResource): string {
  const status = resource.status as { node?: string } | undefined;
  const spec = resource.spec as { node?: string } | undefined;
  return status?.node || spec?.node || '';
}

const seconds = (from: string | null | undefined, to: string | null | undefined): number | undefined =>
  from && to ? (Date.parse(to) - Date.parse(from)) / 1000 : undefined;

/** Velero's latency labels of a completed PodVolumeBackup (its `generateOpName` and owning backup). */
function podVolumeLatency(resource: DataPathResource): DataPathEnded['podVolume'] {
  if (resource.kind !== 'PodVolumeBackup') return undefined;
  const took = seconds(resource.status?.startTimestamp, resource.status?.completionTimestamp);
  if (took === undefined) return undefined;
  const name = resource.metadata?.name ?? '';
  const spec = resource.spec;
  const owner = resource.metadata?.ownerReferences?.[0]?.name ?? '';
  return {
    seconds: took,
    name,
    backupName: `${resource.metadata?.namespace ?? ''}/${owner}`,
    operation: `${name}-${spec?.backupStorageLocation ?? ''}-${spec?.pod?.namespace ?? ''}-${spec?.uploaderType ?? ''}-backup`,
  };
}

/**
 * The facts of a resource moving from phase `before` to the stored `after`: a PodVolumeBackup
 * entering InProgress is enqueued (Velero's enqueue count); entering Completed, Failed or
 * Canceled ends an operation, by kind and node (a completed PodVolumeBackup with its latency). Pure.
 */
export function dataPathMetricEvents(before: DataPathPhase, after: DataPathResource): DataPathMetricEvent[] {
  const phase = phaseOf(after);
  if (phase === before) return [];
  const node = nodeOf(after);
  if (after.kind === 'PodVolumeBackup' && phase === 'InProgress') return [{ type: 'podVolumeBackupStarted', node }];
  if (!isTerminalPhase(phase) || isTerminalPhase(before)) return [];
  const podVolume = phase === 'Completed' ? podVolumeLatency(after) : undefined;
  return [{ type: 'ended', ended: { kind: after.kind, node, end: phase as DataPathEnd, ...(podVolume ? { podVolume } : {}) } }];
}

/**
 * `store` whose `update` records the facts of each stored phase change (the phase compared is the
 * one `decide` saw last, after any Conflict re-read). Reads pass through; results and rejections
 * are `store`'s.
 */
export function meteredDataPathStore(store: DataPathStore, metrics: DataPathMetrics): DataPathStore {
  return {
    cached: (ref) => store.cached(ref),
    list: (kind) => store.list(kind),
    read: (ref) => store.read(ref),
    update: async (ref, decide, from) => {
      let before: DataPathPhase | undefined;
      const after = await store.update(
        ref,
        (current) => {
          before = phaseOf(current);
          return decide(current);
        },
        from,
      );
      if (!after || before === undefined) return after;
      for (const event of dataPathMetricEvents(before, after)) {
        if (event.type === 'podVolumeBackupStarted') metrics.podVolumeBackupStarted(event.node);
        else metrics.dataPathEnded(event.ended);
      }
      return after;
    },
  };
}
