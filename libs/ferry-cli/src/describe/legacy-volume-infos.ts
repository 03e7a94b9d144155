// What Velero's backup describer concludes when a backup has no volume info (made before Velero
// 1.13): native snapshots from `<b>-volumesnapshots.json.gz`, CSI snapshots from the
// VolumeSnapshot and VolumeSnapshotContent lists (retrieveNativeSnapshotLegacy,
// retrieveCSISnapshotLegacy). Pure.
import type { BackupVolumeInfo, VolumeSnapshot, VolumeSnapshotContent } from '@ferry/api';

/** An entry of `<b>-volumesnapshots.json.gz` (Velero's `volume.Snapshot`). */
export interface NativeVolumeSnapshot {
  readonly spec?: {
    readonly persistentVolumeName?: string;
    readonly volumeType?: string;
    readonly volumeAZ?: string;
    readonly volumeIOPS?: number | null;
  };
  readonly status?: { readonly providerSnapshotID?: string };
}

/** The volume infos of legacy native snapshots: PV name, snapshot ID, type, zone and IOPS. */
export function legacyNativeVolumeInfos(snapshots: readonly NativeVolumeSnapshot[]): BackupVolumeInfo[] {
  return snapshots.map((snapshot) => ({
    pvName: snapshot.spec?.persistentVolumeName ?? '',
    backupMethod: 'NativeSnapshot',
    snapshotDataMoved: false,
    preserveLocalSnapshot: false,
    skipped: false,
    nativeSnapshotInfo: {
      snapshotHandle: snapshot.status?.providerSnapshotID ?? '',
      volumeType: snapshot.spec?.volumeType ?? '',
      volumeAZ: snapshot.spec?.volumeAZ ?? '',
      iops: snapshot.spec?.volumeIOPS === undefined || snapshot.spec.volumeIOPS === null ? '' : String(snapshot.spec.volumeIOPS),
    },
  }));
}

/** The volume infos of legacy CSI snapshots: one per content, its claim found through the snapshot bound to it. */
export function legacyCsiVolumeInfos(snapshots: readonly VolumeSnapshot[], contents: readonly VolumeSnapshotContent[]): BackupVolumeInfo[] {
  return contents.map((content) => {
    const snapshot = snapshots.find(
      (vs) => vs.status?.boundVolumeSnapshotContentName === content.metadata?.name && vs.spec?.source?.persistentVolumeClaimName,
    );
    return {
      pvcName: snapshot?.spec?.source?.persistentVolumeClaimName ?? '<PVC name not found>',
      ...(snapshot ? { pvcNamespace: snapshot.metadata?.namespace ?? '' } : {}),
      backupMethod: 'CSISnapshot',
      snapshotDataMoved: false,
      preserveLocalSnapshot: true,
      skipped: false,
      csiSnapshotInfo: {
        vscName: content.metadata?.name ?? '',
        driver: content.spec?.driver ?? '',
        snapshotHandle: content.status?.snapshotHandle ?? '',
        size: content.status?.restoreSize ?? 0,
      },
    };
  });
}
