// A backed-up PersistentVolumeClaim as Velero's CSI PVC backup item action leaves it in the tarball
// (pkg/backup/actions/csi/pvc_action.go Execute): labels `velero.io/volume-snapshot-name` and
// `velero.io/backup-name` (the Backup's name as is, not label-trimmed), annotations
// `velero.io/volume-snapshot-name` and `backup.velero.io/must-include-additional-items: "true"`,
// plus `velero.io/data-upload-name: <ns>/<name>` when the data was moved; a kept snapshot raises the
// storage request to the snapshot's restore size (setPVCRequestSizeToVSRestoreSize). Velero's
// restore reads exactly these: the annotation `velero.io/data-upload-name` starts a DataDownload,
// `velero.io/volume-snapshot-name` names the VolumeSnapshot to restore from. Pure.
import { compareQuantities, parseQuantity } from '@ferry/kube-values';
import type { ObjectJson } from '../collection/additional-items';
import { binarySIQuantity } from './binary-si-quantity';

/** Velero's label and annotation keys on a claim backed up by a CSI snapshot. */
export const CsiClaimKey = {
  VolumeSnapshotName: 'velero.io/volume-snapshot-name',
  BackupName: 'velero.io/backup-name',
  MustIncludeAdditionalItems: 'backup.velero.io/must-include-additional-items',
  DataUploadName: 'velero.io/data-upload-name',
} as const;

/** What the CSI PVC action knew about one claim's snapshot. */
export interface ClaimSnapshotRefs {
  /** The VolumeSnapshot taken of the claim. */
  readonly volumeSnapshotName: string;
  /** `<namespace>/<name>` of the DataUpload that moved the snapshot's data; absent for a kept snapshot. */
  readonly dataUpload?: string | undefined;
  /** The snapshot content's `status.restoreSize` in bytes (kept snapshots only). */
  readonly restoreSize?: number | undefined;
}

const record = (value: unknown): ObjectJson =>
  value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as ObjectJson) : {};

/** The claim's spec with `resources.requests.storage` raised to `restoreSize` when it asks for less or nothing. */
function specFittingRestoreSize(spec: ObjectJson, restoreSize: number): ObjectJson {
  const resources = record(spec['resources']);
  const requests = record(resources['requests']);
  const current = requests['storage'];
  const parsed = current === undefined ? undefined : parseQuantity(String(current));
  const size = { negative: false, mantissa: BigInt(Math.trunc(restoreSize)), exponent: 0 };
  // apimachinery reads an unparsable request as zero; anything below the snapshot would not restore.
  if (parsed?.ok && compareQuantities(parsed.quantity, size) >= 0) return spec;
  return { ...spec, resources: { ...resources, requests: { ...requests, storage: binarySIQuantity(restoreSize) } } };
}

/**
 * `pvc` (the claim's tarball JSON) with Velero's CSI labels and annotations for `refs` of a Backup
 * named `backupName`. Existing keys are overwritten, others kept. Never mutates `pvc`.
 */
export function finalizedClaim(pvc: ObjectJson, refs: ClaimSnapshotRefs, backupName: string): ObjectJson {
  const metadata = record(pvc['metadata']);
  const annotations: Record<string, unknown> = {
    ...record(metadata['annotations']),
    [CsiClaimKey.VolumeSnapshotName]: refs.volumeSnapshotName,
    [CsiClaimKey.MustIncludeAdditionalItems]: 'true',
  };
  if (refs.dataUpload !== undefined) annotations[CsiClaimKey.DataUploadName] = refs.dataUpload;
  const labels = {
    ...record(metadata['labels']),
    [CsiClaimKey.VolumeSnapshotName]: refs.volumeSnapshotName,
    [CsiClaimKey.BackupName]: backupName,
  };
  const spec = record(pvc['spec']);
  return {
    ...pvc,
    metadata: { ...metadata, labels, annotations },
    spec: refs.dataUpload === undefined && refs.restoreSize !== undefined ? specFittingRestoreSize(spec, refs.restoreSize) : spec,
  };
}
