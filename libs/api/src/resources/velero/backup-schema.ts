import { z } from 'zod';
import { dateTime, integer, stringList, stringMap } from '../../schema/crd-extensions';
import { labelSelectorSchema, resourceFilterShape, resourceRootSchema, typedLocalObjectReferenceSchema } from '../../schema/common-schemas';
import { BackupPhase, BackupType, HookErrorMode } from '../../vocabulary/velero-vocabulary';
import { defineResource } from '../resource-definition';

/** An exec hook run in a pod's container before or after its volumes are backed up. */
export const backupExecHookSchema = z.object({
  exec: z.object({
    container: z.string().optional(),
    command: z.array(z.string()).min(1),
    onError: z.enum(HookErrorMode).optional(),
    timeout: z.string().optional(),
  }),
});

/** `Backup.spec.hooks.resources[]`: hooks applied to the pods matching the filters. */
export const backupResourceHookSpecSchema = z.object({
  name: z.string(),
  ...resourceFilterShape,
  labelSelector: labelSelectorSchema.nullish(),
  pre: z.array(backupExecHookSchema).optional(),
  post: z.array(backupExecHookSchema).optional(),
});

/** `Backup.spec` (also `Schedule.spec.template`). */
export const backupSpecSchema = z.object({
  metadata: z.object({ labels: stringMap().optional(), annotations: stringMap().nullish() }).optional(),
  ...resourceFilterShape,
  includedClusterScopedResources: stringList().nullish(),
  excludedClusterScopedResources: stringList().nullish(),
  includedNamespaceScopedResources: stringList().nullish(),
  excludedNamespaceScopedResources: stringList().nullish(),
  labelSelector: labelSelectorSchema.nullish(),
  orLabelSelectors: z.array(labelSelectorSchema).nullish(),
  snapshotVolumes: z.boolean().nullish(),
  ttl: z.string().optional(),
  includeClusterResources: z.boolean().nullish(),
  hooks: z.object({ resources: z.array(backupResourceHookSpecSchema).nullish() }).optional(),
  storageLocation: z.string().optional(),
  volumeSnapshotLocations: stringList().optional(),
  defaultVolumesToRestic: z.boolean().nullish(),
  defaultVolumesToFsBackup: z.boolean().nullish(),
  orderedResources: stringMap().nullish(),
  csiSnapshotTimeout: z.string().optional(),
  itemOperationTimeout: z.string().optional(),
  resourcePolicy: typedLocalObjectReferenceSchema().optional(),
  snapshotMoveData: z.boolean().nullish(),
  datamover: z.string().optional(),
  uploaderConfig: z.object({ parallelFilesUpload: integer().optional() }).nullish(),
  volumeGroupSnapshotLabelKey: z.string().optional(),
  backupType: z.enum(BackupType).optional(),
});
/** `Backup.spec`. */
export type BackupSpec = z.infer<typeof backupSpecSchema>;

/** `status.hookStatus` of Backups and Restores: how many hooks ran and failed. */
export const hookStatusSchema = z.object({ hooksAttempted: integer().optional(), hooksFailed: integer().optional() });

/** `Backup.status`. */
export const backupStatusSchema = z.object({
  version: integer().optional(),
  formatVersion: z.string().optional(),
  expiration: dateTime().nullish(),
  phase: z.enum(BackupPhase).optional(),
  queuePosition: integer().optional(),
  validationErrors: stringList().nullish(),
  startTimestamp: dateTime().nullish(),
  completionTimestamp: dateTime().nullish(),
  volumeSnapshotsAttempted: integer().optional(),
  volumeSnapshotsCompleted: integer().optional(),
  failureReason: z.string().optional(),
  warnings: integer().optional(),
  errors: integer().optional(),
  progress: z.object({ totalItems: integer().optional(), itemsBackedUp: integer().optional() }).nullish(),
  csiVolumeSnapshotsAttempted: integer().optional(),
  csiVolumeSnapshotsCompleted: integer().optional(),
  backupItemOperationsAttempted: integer().optional(),
  backupItemOperationsCompleted: integer().optional(),
  backupItemOperationsFailed: integer().optional(),
  hookStatus: hookStatusSchema.nullish(),
});
/** `Backup.status`. */
export type BackupStatus = z.infer<typeof backupStatusSchema>;

/** A whole Backup object. */
export const backupSchema = resourceRootSchema({
  spec: backupSpecSchema.optional(),
  status: backupStatusSchema.optional(),
});
/** Backup (velero.io/v1). */
export type Backup = z.infer<typeof backupSchema>;

/** Resource definition of Backup (`bak`), columns as Velero's CRD. */
export const backupDefinition = defineResource({
  group: 'velero.io',
  version: 'v1',
  kind: 'Backup',
  plural: 'backups',
  singular: 'backup',
  shortNames: ['bak'],
  scope: 'Namespaced',
  statusSubresource: false,
  description:
    'Backup is a Velero resource that represents the capture of Kubernetes\ncluster state at a point in time (API objects and associated volume state).',
  printerColumns: [
    { description: 'Backup status such as New/InProgress', jsonPath: '.status.phase', name: 'Status', type: 'string' },
    { description: 'Total number of errors logged during the backup', jsonPath: '.status.errors', name: 'Errors', type: 'integer' },
    { description: 'Total number of warnings logged during the backup', jsonPath: '.status.warnings', name: 'Warnings', type: 'integer' },
    { description: 'The time the backup was started', jsonPath: '.status.startTimestamp', name: 'Started', type: 'date' },
    { jsonPath: '.metadata.creationTimestamp', name: 'Age', type: 'date' },
  ],
  schema: backupSchema,
});
