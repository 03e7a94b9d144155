import { z } from 'zod';
import { dateTime, int64, stringMap } from '../../schema/crd-extensions';
import { objectReferenceSchema, resourceRootSchema } from '../../schema/common-schemas';
import { PodVolumeBackupPhase, UploaderType } from '../../vocabulary/velero-vocabulary';
import { defineResource } from '../resource-definition';
import { dataMoveProgressSchema } from './data-upload-schema';
import { dataMoveColumns } from './data-move-columns';

/** `PodVolumeBackup.spec` (velero.io/v1): one pod volume to back up with the file-system uploader. */
export const podVolumeBackupSpecSchema = z.object({
  node: z.string(),
  pod: objectReferenceSchema,
  volume: z.string(),
  backupStorageLocation: z.string(),
  repoIdentifier: z.string(),
  uploaderType: z.enum(UploaderType).optional(),
  tags: stringMap().optional(),
  uploaderSettings: stringMap().nullish(),
  cancel: z.boolean().optional(),
  parentSnapshot: z.string().optional(),
});
/** `PodVolumeBackup.spec`. */
export type PodVolumeBackupSpec = z.infer<typeof podVolumeBackupSpecSchema>;

/** `PodVolumeBackup.status`. */
export const podVolumeBackupStatusSchema = z.object({
  phase: z.enum(PodVolumeBackupPhase).optional(),
  path: z.string().optional(),
  snapshotID: z.string().optional(),
  message: z.string().optional(),
  startTimestamp: dateTime().nullish(),
  completionTimestamp: dateTime().nullish(),
  acceptedTimestamp: dateTime().nullish(),
  progress: dataMoveProgressSchema.optional(),
  incrementalBytes: int64().optional(),
});
/** `PodVolumeBackup.status`. */
export type PodVolumeBackupStatus = z.infer<typeof podVolumeBackupStatusSchema>;

/** A whole PodVolumeBackup object. */
export const podVolumeBackupSchema = resourceRootSchema({
  spec: podVolumeBackupSpecSchema.optional(),
  status: podVolumeBackupStatusSchema.optional(),
});
/** PodVolumeBackup (velero.io/v1). */
export type PodVolumeBackup = z.infer<typeof podVolumeBackupSchema>;

/** Resource definition of PodVolumeBackup (`pvb`), columns as Velero's CRD. */
export const podVolumeBackupDefinition = defineResource({
  group: 'velero.io',
  version: 'v1',
  kind: 'PodVolumeBackup',
  plural: 'podvolumebackups',
  singular: 'podvolumebackup',
  shortNames: ['pvb'],
  scope: 'Namespaced',
  statusSubresource: false,
  printerColumns: dataMoveColumns('PodVolumeBackup', { direction: 'backup', uploaderColumn: 'Uploader' }),
  schema: podVolumeBackupSchema,
});
