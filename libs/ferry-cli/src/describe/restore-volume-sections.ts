// The volume sections of Velero's restore describer: `<uploader> Restores` from the
// PodVolumeRestores and `CSI Snapshot Restores` from the restore's volume info (non-moved first).
// Missing info objects print empty values where Velero's CLI would crash. Pure.
import type { PodVolumeRestore, RestoreVolumeInfo } from '@ferry/api';
import type { Describer } from './describer';
import { podVolumeGroup, podVolumeLines, type PodVolumeFacts } from './shared-sections';

const restorePhaseOrder = ['Completed', 'Canceled', 'Failed', 'In Progress', 'Prepared', 'Accepted', 'New'];

function podVolumeRestoreFacts(pvr: PodVolumeRestore): PodVolumeFacts {
  return {
    podNamespace: pvr.spec?.pod?.namespace ?? '',
    podName: pvr.spec?.pod?.name ?? '',
    volume: pvr.spec?.volume ?? '',
    phase: pvr.status?.phase,
    totalBytes: pvr.status?.progress?.totalBytes ?? 0,
    bytesDone: pvr.status?.progress?.bytesDone ?? 0,
    incrementalBytes: 0,
  };
}

/** `<uploaderType> Restores`: counts per phase, or with `details` the volumes per pod. */
export function describePodVolumeRestores(d: Describer, pvrs: readonly PodVolumeRestore[], details: boolean): void {
  const uploaderType = pvrs[0]?.spec?.uploaderType ?? '';
  d.print(details ? `${uploaderType} Restores:\n` : `${uploaderType} Restores (specify --details for more information):\n`);
  const facts = pvrs.map(podVolumeRestoreFacts);
  for (const group of restorePhaseOrder) {
    const inGroup = facts.filter((fact) => podVolumeGroup(fact.phase) === group);
    if (inGroup.length === 0) continue;
    if (!details) {
      d.print(`\t${group}:\t${inGroup.length}\n`);
      continue;
    }
    d.print(`\t${group}:\n`);
    for (const line of podVolumeLines(inGroup, group)) d.print(`\t\t${line}\n`);
  }
}

/** `CSI Snapshot Restores:` of the CSISnapshot entries, snapshot restores before data movements. */
export function describeCsiSnapshotRestores(d: Describer, infos: readonly RestoreVolumeInfo[], details: boolean): void {
  d.line();
  const csi = infos.filter((info) => info.restoreMethod === 'CSISnapshot');
  const ordered = [...csi.filter((info) => !info.snapshotDataMoved), ...csi.filter((info) => info.snapshotDataMoved)];
  if (ordered.length === 0) {
    d.print('CSI Snapshot Restores: <none included>\n');
    return;
  }
  d.print('CSI Snapshot Restores:\n');
  for (const info of ordered) {
    d.print(`\t${info.pvcNamespace ?? ''}/${info.pvcName ?? ''}:\n`);
    if (!info.snapshotDataMoved) {
      if (!details) {
        d.print('\t\tSnapshot: specify --details for more information\n');
        continue;
      }
      d.print('\t\tSnapshot:\n');
      d.print(`\t\t\tSnapshot Content Name: ${info.csiSnapshotInfo?.vscName ?? ''}\n`);
      d.print(`\t\t\tStorage Snapshot ID: ${info.csiSnapshotInfo?.snapshotHandle ?? ''}\n`);
      d.print(`\t\t\tCSI Driver: ${info.csiSnapshotInfo?.driver ?? ''}\n`);
      continue;
    }
    if (!details) {
      d.print('\t\tData Movement: specify --details for more information\n');
      continue;
    }
    d.print('\t\tData Movement:\n');
    d.print(`\t\t\tOperation ID: ${info.snapshotDataMovementInfo?.operationID ?? ''}\n`);
    d.print(`\t\t\tData Mover: ${info.snapshotDataMovementInfo?.dataMover ?? ''}\n`);
    d.print(`\t\t\tUploader Type: ${info.snapshotDataMovementInfo?.uploaderType ?? ''}\n`);
  }
}
