// `status.backupVolumes` of Velero's structured backup describer (describeBackupVolumesInSF):
// native snapshots by PV name, CSI snapshots by `namespace/claim` (local snapshot and data
// movement), pod volume backups by phase, with Velero's keys (`uploderType` spelt as Velero spells
// it). An entry without its method's info object gives empty values where Velero's CLI would crash. Pure.
import type { BackupVolumeInfo, PodVolumeBackup } from '@ferry/api';
import type { GoJsonObject, GoJsonValue } from '../format/go-json';
import { podVolumeBackupGroups, snapshotSourceFailure, type BackupSnapshotVolumes } from './backup-volume-sections';
import { podVolumeGroups } from './shared-sections';

const detailsHint = 'specify --details for more information';
const includedHint = `included, ${detailsHint}`;

/** `nativeSnapshots`: `<none included>`, else each PV's snapshot (its details with `--details`). */
export function structuredNativeSnapshots(details: boolean, infos: readonly BackupVolumeInfo[]): GoJsonValue {
  if (infos.length === 0) return '<none included>';
  return Object.fromEntries(
    infos.map((info): [string, GoJsonValue] => {
      const native = info.nativeSnapshotInfo;
      const described: GoJsonValue = details
        ? {
            snapshotID: native?.snapshotHandle ?? '',
            type: native?.volumeType ?? '',
            availabilityZone: native?.volumeAZ ?? '',
            IOPS: native?.iops ?? '',
            result: info.result ?? '',
          }
        : detailsHint;
      return [info.pvName ?? '', described];
    }),
  );
}

function localSnapshot(details: boolean, info: BackupVolumeInfo): GoJsonValue {
  if (!details) return includedHint;
  const csi = info.csiSnapshotInfo;
  return {
    ...(info.snapshotDataMoved ? {} : { operationID: csi?.operationID ?? '' }),
    snapshotContentName: csi?.vscName ?? '',
    storageSnapshotID: csi?.snapshotHandle ?? '',
    'snapshotSize(bytes)': csi?.size ?? 0,
    csiDriver: csi?.driver ?? '',
    result: info.result ?? '',
  };
}

function dataMovement(details: boolean, info: BackupVolumeInfo): GoJsonValue {
  if (!details) return includedHint;
  const moved = info.snapshotDataMovementInfo;
  const size = moved?.size ?? 0;
  const incrementalSize = moved?.incrementalSize ?? 0;
  return {
    operationID: moved?.operationID ?? '',
    dataMover: moved?.dataMover || 'velero',
    uploaderType: moved?.uploaderType ?? '',
    result: info.result ?? '',
    ...(size > 0 || incrementalSize > 0 ? { size, incrementalSize } : {}),
  };
}

/** `csiSnapshots`: `<none included>` (legacy: `… or not detectable`), else each claim's snapshot and data movement. */
export function structuredCsiSnapshots(details: boolean, infos: readonly BackupVolumeInfo[], legacy: boolean): GoJsonValue {
  if (infos.length === 0) return legacy ? '<none included or not detectable>' : '<none included>';
  return Object.fromEntries(
    infos.map((info): [string, GoJsonValue] => [
      `${info.pvcNamespace ?? ''}/${info.pvcName ?? ''}`,
      {
        ...(info.preserveLocalSnapshot ? { snapshot: localSnapshot(details, info) } : {}),
        ...(info.snapshotDataMoved ? { dataMovement: dataMovement(details, info) } : {}),
      },
    ]),
  );
}

/**
 * `podVolumeBackups`: `<none included>`, else the first object's uploader type and, per phase
 * group, the count or (with `--details`) `{"ns/pod": "vol (size: …), vol"}` per pod — pods and
 * volumes in the order of the objects, unlike the text describer, which sorts them.
 */
export function structuredPodVolumeBackups(details: boolean, pvbs: readonly PodVolumeBackup[]): GoJsonValue {
  if (pvbs.length === 0) return '<none included>';
  const groups = podVolumeBackupGroups(pvbs).map(({ group, volumes }): [string, GoJsonValue] => [
    group,
    details
      ? podVolumeGroups(volumes, group).map(({ pod, volumes: labels }) => Object.fromEntries([[pod, labels.join(', ')]]))
      : volumes.length,
  ]);
  return { uploderType: pvbs[0]?.spec?.uploaderType ?? '', podVolumeBackupsDetails: Object.fromEntries(groups) };
}

/** Velero's key of each failed snapshot source. */
const failureKey = {
  'volume-info': 'errorGetBackupVolumeInfo',
  native: 'errorConcludeNativeSnapshot',
  csi: 'errorConcludeCSISnapshot',
} as const;

/**
 * `backupVolumes`: the snapshots and pod volume backups, or the key of the failed source with
 * Velero's message (Velero builds that key but then drops the whole map; Ferry keeps it, so the
 * failure shows). `caWarning` is the location CA failure, under `warningGettingBSLCACert`.
 */
export function structuredBackupVolumes(
  details: boolean,
  volumes: BackupSnapshotVolumes,
  pvbs: readonly PodVolumeBackup[],
  caWarning: string | undefined,
): GoJsonObject {
  const warning: GoJsonObject = caWarning ? { warningGettingBSLCACert: caWarning } : {};
  if (volumes.state === 'error') return { ...warning, [failureKey[volumes.source]]: snapshotSourceFailure(volumes) };
  return {
    ...warning,
    nativeSnapshots: structuredNativeSnapshots(details, volumes.native),
    csiSnapshots: structuredCsiSnapshots(details, volumes.csi, volumes.legacy),
    podVolumeBackups: structuredPodVolumeBackups(details, pvbs),
  };
}
