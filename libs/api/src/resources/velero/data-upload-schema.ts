import { z } from 'zod';
import { dateTime, int64, stringMap } from '../../schema/crd-extensions';
import { resourceRootSchema } from '../../schema/common-schemas';
import { DataUploadPhase, NodeOS } from '../../vocabulary/velero-vocabulary';
import { defineResource } from '../resource-definition';
import { dataMoveColumns } from './data-move-columns';

/** `DataUpload.spec.csiSnapshot`: the user's VolumeSnapshot to move. */
export const csiSnapshotSpecSchema = z.object({
  volumeSnapshot: z.string(),
  storageClass: z.string(),
  snapshotClass: z.string().optional(),
  driver: z.string().optional(),
});

/** `progress` of data-path CRs (bytes; int64). */
export const dataMoveProgressSchema = z.object({
  totalBytes: int64().optional(),
  bytesDone: int64().optional(),
});
/** Byte progress of a DataUpload, DataDownload, PodVolumeBackup or PodVolumeRestore. */
export type DataMoveProgress = z.infer<typeof dataMoveProgressSchema>;

/** `DataUpload.spec` (velero.io/v2alpha1). Note the lowercase `datamover` key. */
export const dataUploadSpecSchema = z.object({
  snapshotType: z.string(),
  csiSnapshot: csiSnapshotSpecSchema.nullish(),
  sourcePVC: z.string(),
  datamover: z.string().optional(),
  backupStorageLocation: z.string(),
  sourceNamespace: z.string(),
  dataMoverConfig: stringMap().nullish(),
  cancel: z.boolean().optional(),
  operationTimeout: z.string(),
  sourceFSType: z.string().optional(),
  parentSnapshot: z.string().optional(),
});
/** `DataUpload.spec`. */
export type DataUploadSpec = z.infer<typeof dataUploadSpecSchema>;

/** `DataUpload.status`. */
export const dataUploadStatusSchema = z.object({
  phase: z.enum(DataUploadPhase).optional(),
  path: z.string().optional(),
  snapshotID: z.string().optional(),
  dataMoverResult: stringMap().nullish(),
  message: z.string().optional(),
  startTimestamp: dateTime().nullish(),
  completionTimestamp: dateTime().nullish(),
  progress: dataMoveProgressSchema.optional(),
  incrementalBytes: int64().optional(),
  node: z.string().optional(),
  nodeOS: z.enum(NodeOS).optional(),
  acceptedByNode: z.string().optional(),
  acceptedTimestamp: dateTime().nullish(),
});
/** `DataUpload.status`. */
export type DataUploadStatus = z.infer<typeof dataUploadStatusSchema>;

/** A whole DataUpload object. */
export const dataUploadSchema = resourceRootSchema({
  spec: dataUploadSpecSchema.optional(),
  status: dataUploadStatusSchema.optional(),
});
/** DataUpload (velero.io/v2alpha1): one volume snapshot to move to a backup repository. */
export type DataUpload = z.infer<typeof dataUploadSchema>;

/** Resource definition of DataUpload (`du`), columns as Velero's CRD. */
export const dataUploadDefinition = defineResource({
  group: 'velero.io',
  version: 'v2alpha1',
  kind: 'DataUpload',
  plural: 'datauploads',
  singular: 'dataupload',
  shortNames: ['du'],
  scope: 'Namespaced',
  statusSubresource: false,
  description: 'DataUpload acts as the protocol between data mover plugins and data mover controller for the datamover backup operation',
  printerColumns: dataMoveColumns('DataUpload', { direction: 'backup' }),
  schema: dataUploadSchema,
});
