// The RestoreVolumeInfo entries of a restore, as Velero's `RestoreVolumeInfoTracker.Result` makes
// them (internal/volume/volumes_information.go): pod volume restores first, then PVs restored from
// native snapshots, then claims restored from CSI snapshots, then data-moved volumes. Every entry
// carries its method's info object (`pvrInfo`, `nativeSnapshotInfo`, `csiSnapshotInfo`,
// `snapshotDataMovementInfo`) — `velero restore describe --details` crashes on one without it.
import { VolumeInfoMethod, type RestoreVolumeInfo } from '@ferry/api';
import { CsiSnapshotAnnotation, dataMovementUploaderType, defaultVolumeInfoDataMover, quantityValue } from '@ferry/backup';
import type {
  DataDownloadFacts,
  NativeSnapshotRestoreFacts,
  PodVolumeRestoreFacts,
  RestoredClaim,
  RestoreVolumeInfoInputs,
} from './restore-volume-info-inputs';

/** A bound claim and its PV: Velero's `pvcPvInfo`. */
interface ClaimVolume {
  readonly namespace: string;
  readonly claim: string;
  readonly volume: string;
}

/** Velero's `pvcPvMap`: bound claims by PV name (a later claim bound to the same PV wins). */
class ClaimVolumeMap {
  private readonly byVolume = new Map<string, ClaimVolume>();

  constructor(claims: readonly RestoredClaim[]) {
    for (const claim of claims) {
      if (claim.boundVolume)
        this.byVolume.set(claim.boundVolume, { namespace: claim.namespace, claim: claim.name, volume: claim.boundVolume });
    }
  }

  /** Velero's `retrieve`: by PV name when one is given (and only by it), else by claim. */
  retrieve(volume: string | undefined, claim: string | undefined, namespace: string | undefined): ClaimVolume | undefined {
    if (volume) return this.byVolume.get(volume);
    if (!claim || !namespace) return undefined;
    for (const entry of this.byVolume.values()) if (entry.namespace === namespace && entry.claim === claim) return entry;
    return undefined;
  }
}

function podVolumeRestoreInfo(pvr: PodVolumeRestoreFacts, volumes: ClaimVolumeMap): RestoreVolumeInfo | undefined {
  // No entry when the pod cannot be read or the volume is not a claim: the PVR could not fill a PV.
  const claim = pvr.podVolumes?.find((volume) => volume.name === pvr.volume)?.persistentVolumeClaim?.claimName;
  if (!claim) return undefined;
  return {
    pvcName: claim,
    pvcNamespace: pvr.pod.namespace,
    pvName: volumes.retrieve(undefined, claim, pvr.pod.namespace)?.volume,
    restoreMethod: VolumeInfoMethod.PodVolumeRestore,
    snapshotDataMoved: false,
    pvrInfo: {
      snapshotHandle: pvr.snapshotId,
      size: pvr.totalBytes,
      uploaderType: pvr.uploaderType,
      volumeName: pvr.volume,
      podName: pvr.pod.name,
      podNamespace: pvr.pod.namespace,
    },
  };
}

function nativeSnapshotInfo(snapshot: NativeSnapshotRestoreFacts, volumes: ClaimVolumeMap): RestoreVolumeInfo {
  const bound = volumes.retrieve(snapshot.pvName, undefined, undefined);
  return {
    pvcName: bound?.claim,
    pvcNamespace: bound?.namespace,
    pvName: snapshot.pvName,
    restoreMethod: VolumeInfoMethod.NativeSnapshot,
    snapshotDataMoved: false,
    nativeSnapshotInfo: {
      snapshotHandle: snapshot.snapshotHandle,
      volumeType: snapshot.volumeType,
      volumeAZ: snapshot.volumeAZ,
      iops: String(Math.trunc(snapshot.iops ?? 0)),
    },
  };
}

function csiSnapshotInfo(claim: RestoredClaim, volumes: ClaimVolumeMap): RestoreVolumeInfo | undefined {
  const { snapshot } = claim;
  if (!snapshot) return undefined;
  return {
    pvcName: claim.name,
    pvcNamespace: claim.namespace,
    pvName: volumes.retrieve(undefined, claim.name, claim.namespace)?.volume,
    restoreMethod: VolumeInfoMethod.CSISnapshot,
    snapshotDataMoved: false,
    csiSnapshotInfo: {
      snapshotHandle: snapshot.annotations?.[CsiSnapshotAnnotation.SnapshotHandle] ?? '',
      size: quantityValue(snapshot.restoreSize),
      driver: snapshot.annotations?.[CsiSnapshotAnnotation.DriverName] ?? '',
      vscName: snapshot.volumeSnapshotContentName ?? '',
    },
  };
}

function dataDownloadInfo(download: DataDownloadFacts, volumes: ClaimVolumeMap): RestoreVolumeInfo {
  const target = download.targetVolume;
  const bound = volumes.retrieve(target.pv, target.pvc, target.namespace);
  return {
    pvcName: bound ? bound.claim : target.pvc,
    pvcNamespace: bound ? bound.namespace : target.namespace,
    pvName: bound ? bound.volume : target.pv,
    // Always CSISnapshot: the DataDownload came from the CSI plugin; no CSI objects exist on restore.
    restoreMethod: VolumeInfoMethod.CSISnapshot,
    snapshotDataMoved: true,
    snapshotDataMovementInfo: {
      dataMover: download.dataMover || defaultVolumeInfoDataMover,
      uploaderType: dataMovementUploaderType,
      snapshotHandle: download.snapshotId ?? '',
      operationID: download.operationId ?? '',
      size: 0,
    },
  };
}

const present = <T>(value: T | undefined): value is T => value !== undefined;

/**
 * The RestoreVolumeInfo entries of a restore, in Velero's order (input order within a group):
 * - each PodVolumeRestore whose pod volume is a claim: `PodVolumeRestore`, `pvrInfo` from the PVR
 *   (no `nodeName`, no `Phase`, as Velero), the claim's PV when it is bound;
 * - each native snapshot: `NativeSnapshot`, `nativeSnapshotInfo` (`iops` as a decimal string), the
 *   claim bound to the PV when there is one;
 * - each claim restored from a VolumeSnapshot: `CSISnapshot`, `csiSnapshotInfo` (handle and driver
 *   from the snapshot's annotations, `vscName` its source content, size its `restoreSize`);
 * - each DataDownload: `CSISnapshot`, `snapshotDataMoved: true`, `snapshotDataMovementInfo`
 *   (`dataMover` `velero` when empty, `uploaderType` `kopia`, `snapshotHandle` the DD's
 *   snapshotID, `operationID` its async-operation-id label, size 0); claim and PV from the bound
 *   claim of its target, else the target as written in the DataDownload.
 * Claims restored without data give no entry. Encode with `encodeRestoreVolumeInfos`. Pure.
 */
export function restoreVolumeInfos(inputs: RestoreVolumeInfoInputs): RestoreVolumeInfo[] {
  const volumes = new ClaimVolumeMap(inputs.claims);
  return [
    ...inputs.podVolumeRestores.map((pvr) => podVolumeRestoreInfo(pvr, volumes)).filter(present),
    ...inputs.nativeSnapshots.map((snapshot) => nativeSnapshotInfo(snapshot, volumes)),
    ...inputs.claims.map((claim) => csiSnapshotInfo(claim, volumes)).filter(present),
    ...inputs.dataDownloads.map((download) => dataDownloadInfo(download, volumes)),
  ];
}
