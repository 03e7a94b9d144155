// The collector's field mapping, once: from the objects the restore service reads (PVCs and pods
// as JSON, DataDownloads, PodVolumeRestores, VolumeSnapshots) to the plain facts of
// `RestoreVolumeInfoInputs`, reading exactly the fields Velero's tracker reads. Pure.
import { VeleroLabel, type DataDownload, type PodVolumeRestore, type VolumeSnapshot } from '@ferry/api';
import { asObject, nestedValue, type ItemJson } from '../items/item-json';
import type { DataDownloadFacts, PodVolumeRestoreFacts, RestoredPodVolume, RestoredVolumeSnapshot } from './restore-volume-info-inputs';

const text = (value: unknown): string | undefined => (typeof value === 'string' && value !== '' ? value : undefined);

/**
 * The VolumeSnapshot a restored claim was provisioned from: `spec.dataSource.name` when its kind is
 * `VolumeSnapshot` (Velero checks the kind only), else undefined. Pure.
 */
export function claimSnapshotName(claim: ItemJson): string | undefined {
  return nestedValue(claim, 'spec', 'dataSource', 'kind') === 'VolumeSnapshot'
    ? text(nestedValue(claim, 'spec', 'dataSource', 'name'))
    : undefined;
}

/**
 * The PV a restored claim is bound to: `spec.volumeName` when `status.phase` is `Bound`, else
 * undefined (Velero maps only bound claims; the collector also drops it when the PV cannot be read). Pure.
 */
export function claimBoundVolume(claim: ItemJson): string | undefined {
  return nestedValue(claim, 'status', 'phase') === 'Bound' ? text(nestedValue(claim, 'spec', 'volumeName')) : undefined;
}

/** The facts of a VolumeSnapshot a claim was restored from. Pure. */
export function restoredVolumeSnapshot(snapshot: VolumeSnapshot): RestoredVolumeSnapshot {
  return {
    annotations: snapshot.metadata?.annotations ?? undefined,
    volumeSnapshotContentName: snapshot.spec.source.volumeSnapshotContentName,
    restoreSize: snapshot.status?.restoreSize,
  };
}

/** A pod's `spec.volumes` as {@link RestoredPodVolume}s (entries without a name left out). Pure. */
export function restoredPodVolumes(pod: ItemJson): RestoredPodVolume[] {
  const volumes = nestedValue(pod, 'spec', 'volumes');
  if (!Array.isArray(volumes)) return [];
  return volumes.flatMap((volume: unknown) => {
    const name = text(asObject(volume)?.['name']);
    if (!name) return [];
    const claimName = text(nestedValue(volume, 'persistentVolumeClaim', 'claimName'));
    return [claimName ? { name, persistentVolumeClaim: { claimName } } : { name }];
  });
}

/** The facts of an ended PodVolumeRestore; `pod` is the restored pod as read, undefined when it could not be. Pure. */
export function podVolumeRestoreFacts(pvr: PodVolumeRestore, pod: ItemJson | undefined): PodVolumeRestoreFacts {
  return {
    pod: { namespace: pvr.spec?.pod.namespace ?? '', name: pvr.spec?.pod.name ?? '' },
    volume: pvr.spec?.volume ?? '',
    uploaderType: pvr.spec?.uploaderType ?? '',
    snapshotId: pvr.spec?.snapshotID,
    totalBytes: pvr.status?.progress?.totalBytes,
    podVolumes: pod ? restoredPodVolumes(pod) : undefined,
  };
}

/** The facts of a DataDownload of the restore (its operation ID from the `velero.io/async-operation-id` label). Pure. */
export function dataDownloadFacts(download: DataDownload): DataDownloadFacts {
  const target = download.spec?.targetVolume;
  return {
    targetVolume: { namespace: target?.namespace ?? '', pvc: target?.pvc ?? '', pv: target?.pv },
    snapshotId: download.spec?.snapshotID,
    dataMover: download.spec?.datamover,
    operationId: download.metadata?.labels?.[VeleroLabel.AsyncOperationId],
  };
}
