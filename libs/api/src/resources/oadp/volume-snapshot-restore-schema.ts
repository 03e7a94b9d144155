import { z } from 'zod';
import { dateTime } from '../../schema/crd-extensions';
import { conditionSchema, resourceRootSchema } from '../../schema/common-schemas';
import { defineResource } from '../resource-definition';
import { replicationDataSchema, resticSecretRefSchema, sourcePvcDataSchema } from './volume-snapshot-backup-schema';

/** `VolumeSnapshotRestore.spec`. */
export const volumeSnapshotRestoreSpecSchema = z.object({
  resticSecretRef: resticSecretRefSchema.optional(),
  volumeSnapshotMoverBackupRef: z
    .object({
      sourcePVCData: sourcePvcDataSchema.optional(),
      resticrepository: z.string().optional(),
      volumeSnapshotClassName: z.string().optional(),
    })
    .optional(),
  protectedNamespace: z.string().optional(),
});

/** `VolumeSnapshotRestore.status` (phase values: `VolumeSnapshotRestorePhase`). */
export const volumeSnapshotRestoreStatusSchema = z.object({
  conditions: z.array(conditionSchema).optional(),
  snapshotHandle: z.string().optional(),
  volumeSnapshotContentName: z.string().optional(),
  phase: z.string().optional(),
  batchingStatus: z.string().optional(),
  startTimestamp: dateTime().optional(),
  completionTimestamp: dateTime().optional(),
  replicationDestinationData: replicationDataSchema.optional(),
});

/** A whole VolumeSnapshotRestore object. */
export const volumeSnapshotRestoreSchema = resourceRootSchema({
  spec: volumeSnapshotRestoreSpecSchema.optional(),
  status: volumeSnapshotRestoreStatusSchema.optional(),
});
/** VolumeSnapshotRestore (datamover.oadp.openshift.io/v1alpha1). */
export type VolumeSnapshotRestore = z.infer<typeof volumeSnapshotRestoreSchema>;

/** Resource definition of VolumeSnapshotRestore (`vsr`); status is a subresource as upstream. */
export const volumeSnapshotRestoreDefinition = defineResource({
  group: 'datamover.oadp.openshift.io',
  version: 'v1alpha1',
  kind: 'VolumeSnapshotRestore',
  plural: 'volumesnapshotrestores',
  singular: 'volumesnapshotrestore',
  shortNames: ['vsr'],
  scope: 'Namespaced',
  statusSubresource: true,
  description: 'VolumeSnapshotRestore is the Schema for the volumesnapshotrestores API',
  printerColumns: [
    { jsonPath: '.spec.volumeSnapshotMoverBackupRef.sourcePVCData.name', name: 'PVC Name', type: 'string' },
    { jsonPath: '.status.volumeSnapshotContentName', name: 'VolumeSnapshotContent', type: 'string' },
    { jsonPath: '.status.phase', name: 'Phase', type: 'string' },
    { jsonPath: '.status.batchingStatus', name: 'BatchingStatus', type: 'string' },
    { jsonPath: '.metadata.creationTimestamp', name: 'Age', type: 'date' },
  ],
  schema: volumeSnapshotRestoreSchema,
});
