import { z } from 'zod';
import { dateTime, int64, stringMap } from '../../schema/crd-extensions';
import { objectReferenceSchema, resourceRootSchema } from '../../schema/common-schemas';
import { PodVolumeRestorePhase, UploaderType } from '../../vocabulary/velero-vocabulary';
import { defineResource } from '../resource-definition';
import { dataMoveProgressSchema } from './data-upload-schema';
import { dataMoveColumns } from './data-move-columns';

/** `PodVolumeRestore.spec` (velero.io/v1): one pod volume to restore from a file-system snapshot. */
export const podVolumeRestoreSpecSchema = z.object({
  pod: objectReferenceSchema,
  volume: z.string(),
  backupStorageLocation: z.string(),
  repoIdentifier: z.string(),
  uploaderType: z.enum(UploaderType).optional(),
  snapshotID: z.string(),
  sourceNamespace: z.string(),
  uploaderSettings: stringMap().nullish(),
  cancel: z.boolean().optional(),
  snapshotSize: int64().optional(),
});
/** `PodVolumeRestore.spec`. */
export type PodVolumeRestoreSpec = z.infer<typeof podVolumeRestoreSpecSchema>;

/** `PodVolumeRestore.status`. */
export const podVolumeRestoreStatusSchema = z.object({
  phase: z.enum(PodVolumeRestorePhase).optional(),
  message: z.string().optional(),
  startTimestamp: dateTime().nullish(),
  completionTimestamp: dateTime().nullish(),
  acceptedTimestamp: dateTime().nullish(),
  progress: dataMoveProgressSchema.optional(),
  node: z.string().optional(),
});
/** `PodVolumeRestore.status`. */
export type PodVolumeRestoreStatus = z.infer<typeof podVolumeRestoreStatusSchema>;

/** A whole PodVolumeRestore object. */
export const podVolumeRestoreSchema = resourceRootSchema({
  spec: podVolumeRestoreSpecSchema.optional(),
  status: podVolumeRestoreStatusSchema.optional(),
});
/** PodVolumeRestore (velero.io/v1). */
export type PodVolumeRestore = z.infer<typeof podVolumeRestoreSchema>;

/** Resource definition of PodVolumeRestore (`pvr`), columns as Velero's CRD. */
export const podVolumeRestoreDefinition = defineResource({
  group: 'velero.io',
  version: 'v1',
  kind: 'PodVolumeRestore',
  plural: 'podvolumerestores',
  singular: 'podvolumerestore',
  shortNames: ['pvr'],
  scope: 'Namespaced',
  statusSubresource: false,
  printerColumns: dataMoveColumns('PodVolumeRestore', { direction: 'restore', uploaderColumn: 'Uploader Type' }),
  schema: podVolumeRestoreSchema,
});
