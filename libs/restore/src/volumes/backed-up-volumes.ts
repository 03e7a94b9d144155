// How a backed-up PersistentVolume's data was kept, as Velero's restore decides it (pkg/restore/
// restore.go restoreItem, PV branch): from the backup's volume info (`<b>-volumeinfo.json.gz`)
// when it has the PV; else (backups older than the volume info), from the PodVolumeBackups
// (claim named by the `velero.io/pvc-name` annotation) and the claims with a CSI snapshot or a
// DataUpload in the backup. A PV whose data comes back through a pod volume restore, a CSI snapshot
// or a data mover is re-provisioned dynamically, never created. Pure.
import type { BackupVolumeInfo, PodVolumeBackup } from '@ferry/api';
import { nestedValue, type ItemJson } from '../items/item-json';

/** Velero's backup methods of a volume. */
export type VolumeBackupMethod = 'NativeSnapshot' | 'PodVolumeBackup' | 'CSISnapshot';

/** The PodVolumeBackup annotation naming the backed-up claim. */
export const podVolumeBackupClaimAnnotation = 'velero.io/pvc-name';

/** What the backup says about its volumes. */
export interface BackedUpVolumesInput {
  /** The backup's volume info, undefined when it has none (Velero before 1.13). */
  readonly volumeInfos: readonly BackupVolumeInfo[] | undefined;
  readonly podVolumeBackups: readonly PodVolumeBackup[];
  /** `<namespace>/<claim>` of every claim with a CSI VolumeSnapshot or a DataUpload in the backup. */
  readonly snapshotClaims: ReadonlySet<string>;
}

/** The decision per backed-up PV. */
export interface BackedUpVolumes {
  /** The method that kept `volume`'s data (a backed-up PV item), undefined when its data was not kept. */
  methodOf(volume: ItemJson): VolumeBackupMethod | undefined;
}

const methods: readonly string[] = ['NativeSnapshot', 'PodVolumeBackup', 'CSISnapshot'];

/** The decisions for one backup. Pure. */
export function backedUpVolumesOf(input: BackedUpVolumesInput): BackedUpVolumes {
  const byVolume = new Map<string, VolumeBackupMethod | undefined>();
  for (const info of input.volumeInfos ?? []) {
    const method = methods.includes(info.backupMethod ?? '') ? (info.backupMethod as VolumeBackupMethod) : undefined;
    if (info.pvName) byVolume.set(info.pvName, method);
  }
  const podVolumeClaims = new Set(
    input.podVolumeBackups.map(
      (backup) => `${backup.spec?.pod?.namespace ?? ''}/${backup.metadata?.annotations?.[podVolumeBackupClaimAnnotation] ?? ''}`,
    ),
  );
  return {
    methodOf(volume) {
      const name = String(nestedValue(volume, 'metadata', 'name') ?? '');
      if (byVolume.has(name)) return byVolume.get(name);
      const claimRef = `${String(nestedValue(volume, 'spec', 'claimRef', 'namespace') ?? '')}/${String(nestedValue(volume, 'spec', 'claimRef', 'name') ?? '')}`;
      if (podVolumeClaims.has(claimRef)) return 'PodVolumeBackup';
      return input.snapshotClaims.has(claimRef) ? 'CSISnapshot' : undefined;
    },
  };
}
