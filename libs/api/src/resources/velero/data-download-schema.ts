import { z } from 'zod';
import { dateTime, int64, stringMap } from '../../schema/crd-extensions';
import { resourceRootSchema } from '../../schema/common-schemas';
import { DataDownloadPhase, NodeOS } from '../../vocabulary/velero-vocabulary';
import { defineResource } from '../resource-definition';
import { dataMoveProgressSchema } from './data-upload-schema';
import { dataMoveColumns } from './data-move-columns';

/** `DataDownload.spec.targetVolume`: the PVC (and PV) the data is restored into. */
export const targetVolumeSpecSchema = z.object({
  pvc: z.string(),
  pv: z.string(),
  namespace: z.string(),
  fsType: z.string().optional(),
});

/** `DataDownload.spec` (velero.io/v2alpha1). Note the lowercase `datamover` key. */
export const dataDownloadSpecSchema = z.object({
  targetVolume: targetVolumeSpecSchema,
  backupStorageLocation: z.string(),
  datamover: z.string().optional(),
  snapshotID: z.string(),
  sourceNamespace: z.string(),
  dataMoverConfig: stringMap().optional(),
  cancel: z.boolean().optional(),
  operationTimeout: z.string(),
  nodeOS: z.enum(NodeOS).optional(),
  snapshotSize: int64().optional(),
});
/** `DataDownload.spec`. */
export type DataDownloadSpec = z.infer<typeof dataDownloadSpecSchema>;

/** `DataDownload.status`: DataUpload's status minus path, snapshotID, result, incremental bytes, nodeOS. */
export const dataDownloadStatusSchema = z.object({
  phase: z.enum(DataDownloadPhase).optional(),
  message: z.string().optional(),
  startTimestamp: dateTime().nullish(),
  completionTimestamp: dateTime().nullish(),
  progress: dataMoveProgressSchema.optional(),
  node: z.string().optional(),
  acceptedByNode: z.string().optional(),
  acceptedTimestamp: dateTime().nullish(),
});
/** `DataDownload.status`. */
export type DataDownloadStatus = z.infer<typeof dataDownloadStatusSchema>;

/** A whole DataDownload object. */
export const dataDownloadSchema = resourceRootSchema({
  spec: dataDownloadSpecSchema.optional(),
  status: dataDownloadStatusSchema.optional(),
});
/** DataDownload (velero.io/v2alpha1): one moved snapshot to restore into a volume. */
export type DataDownload = z.infer<typeof dataDownloadSchema>;

/** Resource definition of DataDownload (`dd`), columns as Velero's CRD. */
export const dataDownloadDefinition = defineResource({
  group: 'velero.io',
  version: 'v2alpha1',
  kind: 'DataDownload',
  plural: 'datadownloads',
  singular: 'datadownload',
  shortNames: ['dd'],
  scope: 'Namespaced',
  statusSubresource: false,
  description: 'DataDownload acts as the protocol between data mover plugins and data mover controller for the datamover restore operation',
  printerColumns: dataMoveColumns('DataDownload', { direction: 'restore' }),
  schema: dataDownloadSchema,
});
