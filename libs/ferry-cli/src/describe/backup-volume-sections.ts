// `Backup Volumes:` of Velero's backup describer: Velero-native snapshots and CSI snapshots from
// the backup's volume info (or the legacy files of an older backup), pod volume backups from the
// PodVolumeBackup objects. An entry without
// its method's info object prints empty values where Velero's CLI would crash. Pure.
import type { BackupVolumeInfo, PodVolumeBackup } from '@ferry/api';
import type { Describer } from './describer';
import type { Fetched } from './fetched-document';
import { podVolumeGroup, podVolumeLines, type PodVolumeFacts } from './shared-sections';

function describeNativeSnapshots(d: Describer, details: boolean, infos: readonly BackupVolumeInfo[]): void {
  if (infos.length === 0) {
    d.print('\tVelero-Native Snapshots: <none included>\n');
    return;
  }
  d.line('\tVelero-Native Snapshots:');
  for (const info of infos) {
    if (!details) {
      d.print(`\t\t${info.pvName ?? ''}: specify --details for more information\n`);
      continue;
    }
    const native = info.nativeSnapshotInfo;
    d.print(`\t\t${info.pvName ?? ''}:\n`);
    d.print(`\t\t\tSnapshot ID:\t${native?.snapshotHandle ?? ''}\n`);
    d.print(`\t\t\tType:\t${native?.volumeType ?? ''}\n`);
    d.print(`\t\t\tAvailability Zone:\t${native?.volumeAZ ?? ''}\n`);
    d.print(`\t\t\tIOPS:\t${native?.iops ?? ''}\n`);
    d.print(`\t\t\tResult:\t${info.result ?? ''}\n`);
  }
}

function describeLocalSnapshot(d: Describer, details: boolean, info: BackupVolumeInfo): void {
  if (!info.preserveLocalSnapshot) return;
  if (!details) {
    d.print('\t\t\tSnapshot: included, specify --details for more information\n');
    return;
  }
  const csi = info.csiSnapshotInfo;
  d.print('\t\t\tSnapshot:\n');
  if (!info.snapshotDataMoved && csi?.operationID) d.print(`\t\t\t\tOperation ID: ${csi.operationID}\n`);
  d.print(`\t\t\t\tSnapshot Content Name: ${csi?.vscName ?? ''}\n`);
  d.print(`\t\t\t\tStorage Snapshot ID: ${csi?.snapshotHandle ?? ''}\n`);
  d.print(`\t\t\t\tSnapshot Size (bytes): ${csi?.size ?? 0}\n`);
  d.print(`\t\t\t\tCSI Driver: ${csi?.driver ?? ''}\n`);
  d.print(`\t\t\t\tResult: ${info.result ?? ''}\n`);
}

function describeDataMovement(d: Describer, details: boolean, info: BackupVolumeInfo): void {
  if (!info.snapshotDataMoved) return;
  if (!details) {
    d.print('\t\t\tData Movement: included, specify --details for more information\n');
    return;
  }
  const moved = info.snapshotDataMovementInfo;
  d.print('\t\t\tData Movement:\n');
  d.print(`\t\t\t\tOperation ID: ${moved?.operationID ?? ''}\n`);
  d.print(`\t\t\t\tData Mover: ${moved?.dataMover || 'velero'}\n`);
  d.print(`\t\t\t\tUploader Type: ${moved?.uploaderType ?? ''}\n`);
  d.print(`\t\t\t\tMoved data Size (bytes): ${moved?.size ?? 0}\n`);
  if ((moved?.incrementalSize ?? 0) > 0) d.print(`\t\t\t\tIncremental data Size (bytes): ${moved?.incrementalSize ?? 0}\n`);
  d.print(`\t\t\t\tResult: ${info.result ?? ''}\n`);
}

function describeCsiSnapshots(d: Describer, details: boolean, infos: readonly BackupVolumeInfo[], legacy: boolean): void {
  if (infos.length === 0) {
    d.print(legacy ? '\tCSI Snapshots: <none included or not detectable>\n' : '\tCSI Snapshots: <none included>\n');
    return;
  }
  d.line('\tCSI Snapshots:');
  for (const info of infos) {
    d.print(`\t\t${info.pvcNamespace ?? ''}/${info.pvcName ?? ''}:\n`);
    describeLocalSnapshot(d, details, info);
    describeDataMovement(d, details, info);
  }
}

const backupPhaseOrder = ['Completed', 'Failed', 'Canceled', 'In Progress', 'Canceling', 'Prepared', 'Accepted', 'New'];

/** What the pod-volume section needs of a PodVolumeBackup. */
export function podVolumeBackupFacts(pvb: PodVolumeBackup): PodVolumeFacts {
  return {
    podNamespace: pvb.spec?.pod?.namespace ?? '',
    podName: pvb.spec?.pod?.name ?? '',
    volume: pvb.spec?.volume ?? '',
    phase: pvb.status?.phase,
    totalBytes: pvb.status?.progress?.totalBytes ?? 0,
    bytesDone: pvb.status?.progress?.bytesDone ?? 0,
    incrementalBytes: pvb.status?.incrementalBytes ?? 0,
  };
}

/** One phase group of PodVolumeBackups (`In Progress` for InProgress, `New` for none). */
export interface PodVolumeBackupGroup {
  readonly group: string;
  readonly volumes: readonly PodVolumeFacts[];
}

/** Velero's `groupByPhase` walked in its order: the non-empty groups, each keeping the objects' order. */
export function podVolumeBackupGroups(pvbs: readonly PodVolumeBackup[]): PodVolumeBackupGroup[] {
  const facts = pvbs.map(podVolumeBackupFacts);
  return backupPhaseOrder
    .map((group) => ({ group, volumes: facts.filter((fact) => podVolumeGroup(fact.phase) === group) }))
    .filter(({ volumes }) => volumes.length > 0);
}

function describePodVolumeBackups(d: Describer, details: boolean, pvbs: readonly PodVolumeBackup[]): void {
  if (pvbs.length === 0) {
    d.print('\tPod Volume Backups: <none included>\n');
    return;
  }
  const uploaderType = pvbs[0]?.spec?.uploaderType ?? '';
  d.print(
    details
      ? `\tPod Volume Backups - ${uploaderType}:\n`
      : `\tPod Volume Backups - ${uploaderType} (specify --details for more information):\n`,
  );
  for (const { group, volumes } of podVolumeBackupGroups(pvbs)) {
    if (!details) {
      d.print(`\t\t${group}:\t${volumes.length}\n`);
      continue;
    }
    d.print(`\t\t${group}:\n`);
    for (const line of podVolumeLines(volumes, group)) d.print(`\t\t\t${line}\n`);
  }
}

/** The legacy sources of a backup without volume info, each already concluded or failed. */
export interface LegacyVolumeSources {
  readonly native: Fetched<BackupVolumeInfo[]>;
  readonly csi: Fetched<BackupVolumeInfo[]>;
}

const noLegacyVolumes: LegacyVolumeSources = { native: { state: 'ok', value: [] }, csi: { state: 'ok', value: [] } };

/** The snapshots a backup's describe lists, or which of its sources failed and why. */
export type BackupSnapshotVolumes =
  | {
      readonly state: 'ok';
      readonly native: readonly BackupVolumeInfo[];
      readonly csi: readonly BackupVolumeInfo[];
      /** Concluded from the legacy files (the volume info was not found). */
      readonly legacy: boolean;
    }
  | { readonly state: 'error'; readonly source: 'volume-info' | 'native' | 'csi'; readonly message: string };

const failureMessage = (fetched: Fetched<unknown>): string => (fetched.state === 'error' ? fetched.message : 'file not found');

/**
 * Velero's choice of snapshot sources: the volume info, or — on its 404 — the legacy native and
 * CSI sources; native snapshots are the `NativeSnapshot` entries, CSI ones the `CSISnapshot` entries.
 */
export function backupSnapshotVolumes(
  volumeInfos: Fetched<BackupVolumeInfo[]>,
  legacySources: LegacyVolumeSources | undefined,
): BackupSnapshotVolumes {
  if (volumeInfos.state === 'error') return { state: 'error', source: 'volume-info', message: volumeInfos.message };
  const legacy = volumeInfos.state === 'not-found';
  const sources = legacySources ?? noLegacyVolumes;
  if (legacy && sources.native.state !== 'ok') return { state: 'error', source: 'native', message: failureMessage(sources.native) };
  if (legacy && sources.csi.state !== 'ok') return { state: 'error', source: 'csi', message: failureMessage(sources.csi) };
  const infos =
    volumeInfos.state === 'ok'
      ? volumeInfos.value
      : [...(sources.native.state === 'ok' ? sources.native.value : []), ...(sources.csi.state === 'ok' ? sources.csi.value : [])];
  return {
    state: 'ok',
    native: infos.filter((info) => info.backupMethod === 'NativeSnapshot'),
    csi: infos.filter((info) => info.backupMethod === 'CSISnapshot'),
    legacy,
  };
}

const sourceFailure = {
  'volume-info': 'error getting backup volume info',
  native: 'error concluding native snapshot info',
  csi: 'error concluding CSI snapshot info',
} as const;

/** Velero's wording of a failed snapshot source (`error concluding CSI snapshot info: …`). */
export const snapshotSourceFailure = (failed: { readonly source: keyof typeof sourceFailure; readonly message: string }): string =>
  `${sourceFailure[failed.source]}: ${failed.message}`;

/**
 * Prints `Backup Volumes:` from the volume info, or — on its 404 — from the legacy sources
 * (Velero's "not detectable" wording for CSI snapshots then).
 */
export function describeBackupVolumes(
  d: Describer,
  details: boolean,
  volumeInfos: Fetched<BackupVolumeInfo[]>,
  legacySources: LegacyVolumeSources | undefined,
  pvbs: readonly PodVolumeBackup[],
): void {
  d.line('Backup Volumes:');
  const volumes = backupSnapshotVolumes(volumeInfos, legacySources);
  if (volumes.state === 'error') {
    d.print(`\t<${snapshotSourceFailure(volumes)}>\n`);
    return;
  }
  describeNativeSnapshots(d, details, volumes.native);
  d.line();
  describeCsiSnapshots(d, details, volumes.csi, volumes.legacy);
  d.line();
  describePodVolumeBackups(d, details, pvbs);
}
