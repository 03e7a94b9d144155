import { z } from 'zod';
import { dateTime } from '../../schema/crd-extensions';
import { conditionSchema, plainObjectReferenceSchema, resourceRootSchema } from '../../schema/common-schemas';
import { defineResource } from '../resource-definition';

/** `sourcePVCData` of VolumeSnapshotBackup status and VolumeSnapshotRestore spec. */
export const sourcePvcDataSchema = z.object({
  name: z.string().optional(),
  size: z.string().optional(),
  storageClassName: z.string().optional(),
});

/** `resticSecretRef` (a LocalObjectReference). */
export const resticSecretRefSchema = z.object({ name: z.string().optional() });

/** `VolumeSnapshotBackup.spec`. */
export const volumeSnapshotBackupSpecSchema = z.object({
  volumeSnapshotContent: plainObjectReferenceSchema().optional(),
  protectedNamespace: z.string().optional(),
  resticSecretRef: resticSecretRefSchema.optional(),
});

/** Start/completion of a VolSync replication source or destination. */
export const replicationDataSchema = z.object({
  name: z.string().optional(),
  startTimestamp: dateTime().optional(),
  completionTimestamp: dateTime().optional(),
});

/**
 * `VolumeSnapshotBackup.status`. Phase and batchingStatus are free strings in OADP's CRD; the
 * values its controller writes are `VolumeSnapshotBackupPhase` and `BatchingStatus`.
 */
export const volumeSnapshotBackupStatusSchema = z.object({
  completed: z.boolean().optional(),
  conditions: z.array(conditionSchema).optional(),
  sourcePVCData: sourcePvcDataSchema.optional(),
  resticrepository: z.string().optional(),
  phase: z.string().optional(),
  batchingStatus: z.string().optional(),
  volumeSnapshotClassName: z.string().optional(),
  startTimestamp: dateTime().optional(),
  completionTimestamp: dateTime().optional(),
  replicationSourceData: replicationDataSchema.optional(),
});

/** A whole VolumeSnapshotBackup object. */
export const volumeSnapshotBackupSchema = resourceRootSchema({
  spec: volumeSnapshotBackupSpecSchema.optional(),
  status: volumeSnapshotBackupStatusSchema.optional(),
});
/** VolumeSnapshotBackup (datamover.oadp.openshift.io/v1alpha1, OADP 1.1/1.2 data mover). */
export type VolumeSnapshotBackup = z.infer<typeof volumeSnapshotBackupSchema>;

/** Resource definition of VolumeSnapshotBackup (`vsb`); status is a subresource as upstream. */
export const volumeSnapshotBackupDefinition = defineResource({
  group: 'datamover.oadp.openshift.io',
  version: 'v1alpha1',
  kind: 'VolumeSnapshotBackup',
  plural: 'volumesnapshotbackups',
  singular: 'volumesnapshotbackup',
  shortNames: ['vsb'],
  scope: 'Namespaced',
  statusSubresource: true,
  description: 'VolumeSnapshotBackup is the Schema for the volumesnapshotbackups API',
  printerColumns: [
    { jsonPath: '.status.sourcePVCData.name', name: 'PVC Name', type: 'string' },
    { jsonPath: '.spec.volumeSnapshotContent.name', name: 'VolumeSnapshotContent', type: 'string' },
    { jsonPath: '.status.phase', name: 'Phase', type: 'string' },
    { jsonPath: '.status.batchingStatus', name: 'BatchingStatus', type: 'string' },
    { jsonPath: '.metadata.creationTimestamp', name: 'Age', type: 'date' },
  ],
  schema: volumeSnapshotBackupSchema,
});
