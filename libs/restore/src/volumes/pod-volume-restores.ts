// fs-backup volumes on restore (velero pkg/podvolume/restorer.go and util.go): the backup's
// PodVolumeBackups of a restored pod — matched by the pod's backed-up namespace and name, with a
// snapshot ID, not of a projected or downward API volume — become one PodVolumeRestore per volume
// into the created pod. Pure.
import type { PodVolumeBackup, PodVolumeRestore, Restore } from '@ferry/api';
import { asObject, nestedValue, type ItemJson } from '../items/item-json';
import { restoreOwnedMetadata, restoreUploaderSettings } from './data-movement-restore';

/** The label of a PodVolumeRestore naming its pod's UID. */
export const podUidLabel = 'velero.io/pod-uid';
/** The label of a PodVolumeRestore naming its claim's UID (for debugging, as in Velero). */
export const pvcUidLabel = 'velero.io/pvc-uid';

/** What one volume of a pod is restored from. */
export interface PodVolumeSource {
  readonly volume: string;
  readonly snapshotId: string;
  readonly snapshotSize: number;
  /** `restic` when the backup did not say (Velero's `getUploaderTypeOrDefault`). */
  readonly uploaderType: string;
}

function nonRestorableSource(volume: string, pod: ItemJson): boolean {
  const volumes = nestedValue(pod, 'spec', 'volumes');
  const entry = Array.isArray(volumes) ? volumes.map(asObject).find((candidate) => candidate?.['name'] === volume) : undefined;
  return entry?.['projected'] !== undefined || entry?.['downwardAPI'] !== undefined;
}

/** Velero's `getVolumeBackupInfoForPod`: the volumes of `pod` (backed up in `sourceNamespace`) to restore. Pure. */
export function podVolumeSources(backups: readonly PodVolumeBackup[], pod: ItemJson, sourceNamespace: string): PodVolumeSource[] {
  const podName = nestedValue(pod, 'metadata', 'name');
  const byVolume = new Map<string, PodVolumeSource>();
  for (const backup of backups) {
    if (backup.spec?.pod?.name !== podName || backup.spec?.pod?.namespace !== sourceNamespace) continue;
    const snapshotId = backup.status?.snapshotID ?? '';
    const volume = backup.spec?.volume ?? '';
    if (snapshotId === '' || nonRestorableSource(volume, pod)) continue;
    byVolume.set(volume, {
      volume,
      snapshotId,
      snapshotSize: backup.status?.progress?.totalBytes ?? 0,
      uploaderType: backup.spec?.uploaderType || 'restic',
    });
  }
  return [...byVolume.values()];
}

/** What a PodVolumeRestore is built from. */
export interface PodVolumeRestoreRequest {
  readonly restore: Restore;
  /** The created pod (its UID is the restore's target). */
  readonly pod: ItemJson;
  readonly source: PodVolumeSource;
  readonly storageLocation: string;
  readonly sourceNamespace: string;
  /** The UID of the volume's claim, when it is claim-backed. */
  readonly claimUid?: string | undefined;
}

/** Velero's `newPodVolumeRestore`. Pure. */
export function podVolumeRestoreFor(request: PodVolumeRestoreRequest): PodVolumeRestore {
  const { restore, pod, source } = request;
  const podUid = String(nestedValue(pod, 'metadata', 'uid') ?? '');
  const settings = restoreUploaderSettings(restore);
  return {
    apiVersion: 'velero.io/v1',
    kind: 'PodVolumeRestore',
    metadata: restoreOwnedMetadata(restore, { [podUidLabel]: podUid, ...(request.claimUid ? { [pvcUidLabel]: request.claimUid } : {}) }),
    spec: {
      pod: {
        kind: 'Pod',
        namespace: String(nestedValue(pod, 'metadata', 'namespace') ?? ''),
        name: String(nestedValue(pod, 'metadata', 'name') ?? ''),
        uid: podUid,
      },
      volume: source.volume,
      snapshotID: source.snapshotId,
      ...(source.snapshotSize ? { snapshotSize: source.snapshotSize } : {}),
      backupStorageLocation: request.storageLocation,
      repoIdentifier: '',
      uploaderType: source.uploaderType,
      sourceNamespace: request.sourceNamespace,
      ...(settings ? { uploaderSettings: settings } : {}),
    },
  } as PodVolumeRestore;
}
