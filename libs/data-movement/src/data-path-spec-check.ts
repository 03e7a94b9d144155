// Semantic checks of a data-path resource's spec beyond what the CRD schema admits (the API
// server already rejects wrong types): the fields the controller needs, named by path. Pure.
import type { DataDownload, DataUpload, PodVolumeBackup, PodVolumeRestore } from '@ferry/api';
import { parseDuration } from '@ferry/kube-values';

/** One problem: the field's path and what is wrong with it. */
export interface SpecProblem {
  readonly path: string;
  readonly problem: string;
}

const required = (value: string | undefined | null, path: string): SpecProblem[] =>
  value && value.trim() ? [] : [{ path, problem: 'is required' }];

// Velero reads operationTimeout as a metav1.Duration: a Go duration. Empty means the default.
const duration = (value: string | undefined | null, path: string): SpecProblem[] => {
  const text = value?.trim();
  if (!text) return [];
  const parsed = parseDuration(text);
  if (parsed.ok && parsed.nanoseconds > 0n) return [];
  return [{ path, problem: `${JSON.stringify(value)} is not a positive duration: use a Go duration such as 10m, 1h30m or 4h` }];
};

/** Problems of a DataUpload's spec (snapshotType CSI with a VolumeSnapshot, source, BSL, operationTimeout). */
export function dataUploadSpecProblems(du: DataUpload): SpecProblem[] {
  const spec = du.spec;
  if (!spec) return [{ path: 'spec', problem: 'is required' }];
  const snapshotType =
    spec.snapshotType === 'CSI' ? [] : [{ path: 'spec.snapshotType', problem: `"${spec.snapshotType}" is not supported; use CSI` }];
  return [
    ...snapshotType,
    ...required(spec.csiSnapshot?.volumeSnapshot, 'spec.csiSnapshot.volumeSnapshot'),
    ...required(spec.sourcePVC, 'spec.sourcePVC'),
    ...required(spec.sourceNamespace, 'spec.sourceNamespace'),
    ...required(spec.backupStorageLocation, 'spec.backupStorageLocation'),
    ...duration(spec.operationTimeout, 'spec.operationTimeout'),
  ];
}

/** Problems of a DataDownload's spec (target PVC and namespace, snapshot, BSL, operationTimeout). */
export function dataDownloadSpecProblems(dd: DataDownload): SpecProblem[] {
  const spec = dd.spec;
  if (!spec) return [{ path: 'spec', problem: 'is required' }];
  return [
    ...required(spec.targetVolume.pvc, 'spec.targetVolume.pvc'),
    ...required(spec.targetVolume.namespace, 'spec.targetVolume.namespace'),
    ...required(spec.snapshotID, 'spec.snapshotID'),
    ...required(spec.sourceNamespace, 'spec.sourceNamespace'),
    ...required(spec.backupStorageLocation, 'spec.backupStorageLocation'),
    ...duration(spec.operationTimeout, 'spec.operationTimeout'),
  ];
}

/** Problems of a PodVolumeBackup's spec (pod, volume, BSL). */
export function podVolumeBackupSpecProblems(pvb: PodVolumeBackup): SpecProblem[] {
  const spec = pvb.spec;
  if (!spec) return [{ path: 'spec', problem: 'is required' }];
  return [
    ...required(spec.pod.namespace, 'spec.pod.namespace'),
    ...required(spec.pod.name, 'spec.pod.name'),
    ...required(spec.volume, 'spec.volume'),
    ...required(spec.backupStorageLocation, 'spec.backupStorageLocation'),
  ];
}

/** Problems of a PodVolumeRestore's spec (pod, volume, snapshot, BSL). */
export function podVolumeRestoreSpecProblems(pvr: PodVolumeRestore): SpecProblem[] {
  const spec = pvr.spec;
  if (!spec) return [{ path: 'spec', problem: 'is required' }];
  return [
    ...required(spec.pod.namespace, 'spec.pod.namespace'),
    ...required(spec.pod.name, 'spec.pod.name'),
    ...required(spec.volume, 'spec.volume'),
    ...required(spec.snapshotID, 'spec.snapshotID'),
    ...required(spec.sourceNamespace, 'spec.sourceNamespace'),
    ...required(spec.backupStorageLocation, 'spec.backupStorageLocation'),
  ];
}

/** One line for `status.message`: `invalid spec: spec.a is required; spec.b ...`. */
export function formatSpecProblems(problems: readonly SpecProblem[]): string {
  return `invalid spec: ${problems.map((p) => `${p.path} ${p.problem}`).join('; ')}`;
}
