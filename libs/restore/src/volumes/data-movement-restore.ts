// Data-moved volumes on restore, Velero's two restore item actions (pkg/restore/actions/
// dataupload_retrieve_action.go and csi/pvc_action.go): a backed-up DataUpload becomes a
// DataUploadResult ConfigMap keyed by the restore's UID; the claim that names it gets a
// DataDownload (`generateName: <restore>-`, operation `dd-<restore uid>.<claim uid>`) and a
// `velero.io/dynamic-pv-restore` selector so only the volume the data mover hands over binds it.
import type { DataDownload, Restore } from '@ferry/api';
import { VeleroLabel } from '@ferry/api';
import { veleroLabelValue } from '@ferry/backup';
import { asObject, nestedValue, type ItemJson } from '../items/item-json';

/** `velero.io/resource-usage` value of DataUploadResult ConfigMaps. */
export const dataUploadResultUsage = 'DataUpload';

/** The claim selector label of a data mover restore. */
export const dynamicPvRestoreLabel = 'velero.io/dynamic-pv-restore';

/** Velero's `DataUploadResult`, keys in its JSON order (omitempty ones left out when empty). */
export interface DataUploadResult {
  readonly backupStorageLocation: string;
  readonly datamover?: string;
  readonly snapshotID: string;
  readonly sourceNamespace: string;
  readonly dataMoverResult?: Readonly<Record<string, string>>;
  readonly nodeOS?: string;
  readonly snapshotSize?: number;
}

const stringOf = (value: unknown): string => (typeof value === 'string' ? value : '');

/** `velero.io/pvc-namespace-name` of a claim: `<namespace>.<name>`, label-trimmed. Pure. */
export function claimNamespaceNameLabel(namespace: string, name: string): string {
  return veleroLabelValue(`${namespace}.${name}`);
}

/** Where a DataUploadResult ConfigMap goes and what it records. */
export interface DataUploadResultTarget {
  readonly restoreUid: string;
  /** The Restore's (Velero's) namespace. */
  readonly restoreNamespace: string;
  /** The backup's storage location. */
  readonly storageLocation: string;
}

/**
 * The ConfigMap Velero's DataUploadRetrieveAction creates for a backed-up DataUpload (the
 * DataUpload itself is not restored). Pure.
 */
export function dataUploadResultConfigMap(dataUpload: ItemJson, target: DataUploadResultTarget): ItemJson {
  const { storageLocation } = target;
  const spec = asObject(dataUpload['spec']) ?? {};
  const status = asObject(dataUpload['status']) ?? {};
  const totalBytes = nestedValue(status, 'progress', 'totalBytes');
  const dataMoverResult = asObject(status['dataMoverResult']) as Record<string, string> | undefined;
  const result: DataUploadResult = {
    backupStorageLocation: storageLocation,
    ...(stringOf(spec['datamover']) ? { datamover: stringOf(spec['datamover']) } : {}),
    snapshotID: stringOf(status['snapshotID']),
    sourceNamespace: stringOf(spec['sourceNamespace']),
    ...(dataMoverResult && Object.keys(dataMoverResult).length > 0 ? { dataMoverResult } : {}),
    ...(stringOf(status['nodeOS']) ? { nodeOS: stringOf(status['nodeOS']) } : {}),
    ...(typeof totalBytes === 'number' && totalBytes !== 0 ? { snapshotSize: totalBytes } : {}),
  };
  const uid = target.restoreUid;
  return {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: {
      generateName: `${stringOf(nestedValue(dataUpload, 'metadata', 'name'))}-`,
      namespace: target.restoreNamespace,
      labels: {
        [VeleroLabel.RestoreUid]: veleroLabelValue(uid),
        [VeleroLabel.PvcNamespaceName]: claimNamespaceNameLabel(stringOf(spec['sourceNamespace']), stringOf(spec['sourcePVC'])),
        [VeleroLabel.ResourceUsage]: dataUploadResultUsage,
      },
    },
    data: { [uid]: JSON.stringify(result) },
  };
}

/** The label selector that finds the DataUploadResult of a backed-up claim for a restore. Pure. */
export function dataUploadResultSelector(restoreUid: string, claimNamespace: string, claimName: string): string {
  return [
    `${VeleroLabel.PvcNamespaceName}=${claimNamespaceNameLabel(claimNamespace, claimName)}`,
    `${VeleroLabel.RestoreUid}=${veleroLabelValue(restoreUid)}`,
    `${VeleroLabel.ResourceUsage}=${dataUploadResultUsage}`,
  ].join(',');
}

/**
 * The DataUploadResult of a restore from the ConfigMaps its selector found; throws Velero's
 * message when there is none, more than one, or it cannot be read. Pure.
 */
export function readDataUploadResult(configMaps: readonly ItemJson[], restoreUid: string, selector: string): DataUploadResult {
  if (configMaps.length === 0) throw new Error(`no DataUpload result cm found with labels ${selector}`);
  if (configMaps.length > 1) throw new Error(`multiple DataUpload result cms found with labels ${selector}`);
  const json = asObject(configMaps[0]?.['data'])?.[restoreUid];
  if (typeof json !== 'string') throw new Error(`no DataUpload result found with restore key ${restoreUid}`);
  try {
    const parsed = asObject(JSON.parse(json));
    if (!parsed) throw new Error('not an object');
    return parsed as unknown as DataUploadResult;
  } catch {
    throw new Error(`error to unmarshal DataUploadResult, restore UID ${restoreUid}`);
  }
}

/** The operation ID of a claim's DataDownload: `dd-<restore uid>.<claim uid>`, label-trimmed. Pure. */
export function dataDownloadOperationId(restoreUid: string, claimUid: string): string {
  return veleroLabelValue(`dd-${restoreUid}.${claimUid}`);
}

/** Velero's `StoreRestoreConfig`: the restore's uploader config as the data mover reads it. Pure. */
export function restoreUploaderSettings(restore: Restore): Record<string, string> | undefined {
  const config = restore.spec?.uploaderConfig;
  if (!config) return undefined;
  return {
    WriteSparseFiles: String(config.writeSparseFiles === true),
    ...(config.parallelFilesDownload !== undefined && config.parallelFilesDownload > 0
      ? { ParallelFilesDownload: String(config.parallelFilesDownload) }
      : {}),
  };
}

/**
 * The metadata of an object a restore creates in its namespace (DataDownload, PodVolumeRestore):
 * `generateName: <restore>-`, the Restore as controller owner, its name and UID labels plus
 * `labels`. Pure.
 */
export function restoreOwnedMetadata(restore: Restore, labels: Readonly<Record<string, string>>) {
  return {
    namespace: restore.metadata?.namespace ?? '',
    generateName: `${restore.metadata?.name ?? ''}-`,
    ownerReferences: [
      {
        apiVersion: 'velero.io/v1',
        kind: 'Restore',
        name: restore.metadata?.name ?? '',
        uid: restore.metadata?.uid ?? '',
        controller: true,
      },
    ],
    labels: {
      [VeleroLabel.RestoreName]: veleroLabelValue(restore.metadata?.name ?? ''),
      [VeleroLabel.RestoreUid]: restore.metadata?.uid ?? '',
      ...labels,
    },
  };
}

/** What a claim's DataDownload is built from. */
export interface DataDownloadRequest {
  readonly restore: Restore;
  readonly result: DataUploadResult;
  readonly claimName: string;
  readonly targetNamespace: string;
  readonly operationId: string;
  /** The backup's `csiSnapshotTimeout` (Velero's DataDownload operation timeout). */
  readonly operationTimeout: string;
}

/** Velero's `newDataDownload`. Pure. */
export function dataDownloadFor(request: DataDownloadRequest): DataDownload {
  const { restore, result } = request;
  const settings = restoreUploaderSettings(restore);
  return {
    apiVersion: 'velero.io/v2alpha1',
    kind: 'DataDownload',
    metadata: restoreOwnedMetadata(restore, { [VeleroLabel.AsyncOperationId]: request.operationId }),
    spec: {
      targetVolume: { pvc: request.claimName, pv: '', namespace: request.targetNamespace },
      backupStorageLocation: result.backupStorageLocation,
      ...(result.datamover ? { datamover: result.datamover } : {}),
      snapshotID: result.snapshotID,
      ...(result.snapshotSize ? { snapshotSize: result.snapshotSize } : {}),
      sourceNamespace: result.sourceNamespace,
      operationTimeout: request.operationTimeout,
      ...(result.nodeOS ? { nodeOS: result.nodeOS as NonNullable<DataDownload['spec']>['nodeOS'] } : {}),
      ...(settings ? { dataMoverConfig: settings } : {}),
    },
  } as DataDownload;
}
