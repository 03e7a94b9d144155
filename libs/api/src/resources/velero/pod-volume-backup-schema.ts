import { z } from 'zod';
import { dateTime, int64, stringMap } from '../../schema/crd-extensions';
import { objectReferenceSchema, resourceRootSchema } from '../../schema/common-schemas';
import { PodVolumeBackupPhase, UploaderType } from '../../vocabulary/velero-vocabulary';
import { defineResource } from '../resource-definition';
import { dataMoveProgressSchema } from './data-upload-schema';

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
  printerColumns: [
    { description: 'PodVolumeBackup status such as New/InProgress', jsonPath: '.status.phase', name: 'Status', type: 'string' },
    { description: 'Time duration since this PodVolumeBackup was started', jsonPath: '.status.startTimestamp', name: 'Started', type: 'date' },
    { description: 'Completed bytes', format: 'int64', jsonPath: '.status.progress.bytesDone', name: 'Bytes Done', type: 'integer' },
    { description: 'Total bytes', format: 'int64', jsonPath: '.status.progress.totalBytes', name: 'Total Bytes', type: 'integer' },
    {
      description: 'Incremental bytes',
      format: 'int64',
      jsonPath: '.status.incrementalBytes',
      name: 'Incremental Bytes',
      priority: 10,
      type: 'integer',
    },
    {
      description: 'Name of the Backup Storage Location where this backup should be stored',
      jsonPath: '.spec.backupStorageLocation',
      name: 'Storage Location',
      type: 'string',
    },
    { description: 'Time duration since this PodVolumeBackup was created', jsonPath: '.metadata.creationTimestamp', name: 'Age', type: 'date' },
    { description: 'Name of the node where the PodVolumeBackup is processed', jsonPath: '.status.node', name: 'Node', type: 'string' },
    { description: 'The type of the uploader to handle data transfer', jsonPath: '.spec.uploaderType', name: 'Uploader', type: 'string' },
  ],
  schema: podVolumeBackupSchema,
});
