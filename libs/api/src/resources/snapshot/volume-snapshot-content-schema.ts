import { z } from 'zod';
import { int64 } from '../../schema/crd-extensions';
import { objectReferenceSchema, resourceRootSchema } from '../../schema/common-schemas';
import { SnapshotDeletionPolicy } from '../../vocabulary/snapshot-vocabulary';
import { CrdSource, defineResource } from '../resource-definition';
import { volumeSnapshotErrorSchema } from './volume-snapshot-schema';

/**
 * `VolumeSnapshotContent.spec`. Exactly one of `source.volumeHandle` / `source.snapshotHandle`;
 * `volumeSnapshotRef` needs name and namespace (CEL rules of the upstream CRD, not repeated here).
 */
export const volumeSnapshotContentSpecSchema = z.object({
  deletionPolicy: z.enum(SnapshotDeletionPolicy),
  driver: z.string(),
  source: z.object({ snapshotHandle: z.string().optional(), volumeHandle: z.string().optional() }),
  sourceVolumeMode: z.string().optional(),
  volumeSnapshotClassName: z.string().optional(),
  volumeSnapshotRef: objectReferenceSchema,
});

/** `VolumeSnapshotContent.status` (`creationTime` in Unix nanoseconds, `restoreSize` in bytes). */
export const volumeSnapshotContentStatusSchema = z.object({
  creationTime: int64().optional(),
  error: volumeSnapshotErrorSchema.optional(),
  readyToUse: z.boolean().optional(),
  restoreSize: int64({ minimum: 0 }).optional(),
  snapshotHandle: z.string().optional(),
  volumeGroupSnapshotHandle: z.string().optional(),
});

/** A whole VolumeSnapshotContent object (`spec` required). */
export const volumeSnapshotContentSchema = resourceRootSchema({
  spec: volumeSnapshotContentSpecSchema,
  status: volumeSnapshotContentStatusSchema.optional(),
});
/** VolumeSnapshotContent (snapshot.storage.k8s.io/v1, cluster-scoped). */
export type VolumeSnapshotContent = z.infer<typeof volumeSnapshotContentSchema>;

/** Resource definition of VolumeSnapshotContent (`vsc`, `vscs`); CRD shipped upstream-unchanged. */
export const volumeSnapshotContentDefinition = defineResource({
  group: 'snapshot.storage.k8s.io',
  version: 'v1',
  kind: 'VolumeSnapshotContent',
  plural: 'volumesnapshotcontents',
  singular: 'volumesnapshotcontent',
  shortNames: ['vsc', 'vscs'],
  scope: 'Cluster',
  statusSubresource: true,
  crdSource: CrdSource.Upstream,
  printerColumns: [
    {
      description: 'Indicates if the snapshot is ready to be used to restore a volume.',
      jsonPath: '.status.readyToUse',
      name: 'ReadyToUse',
      type: 'boolean',
    },
    {
      description: 'Represents the complete size of the snapshot in bytes',
      jsonPath: '.status.restoreSize',
      name: 'RestoreSize',
      type: 'integer',
    },
    {
      description:
        'Determines whether this VolumeSnapshotContent and its physical snapshot on the underlying storage system should be deleted when its bound VolumeSnapshot is deleted.',
      jsonPath: '.spec.deletionPolicy',
      name: 'DeletionPolicy',
      type: 'string',
    },
    {
      description: 'Name of the CSI driver used to create the physical snapshot on the underlying storage system.',
      jsonPath: '.spec.driver',
      name: 'Driver',
      type: 'string',
    },
    {
      description: 'Name of the VolumeSnapshotClass to which this snapshot belongs.',
      jsonPath: '.spec.volumeSnapshotClassName',
      name: 'VolumeSnapshotClass',
      type: 'string',
    },
    {
      description: 'Name of the VolumeSnapshot object to which this VolumeSnapshotContent object is bound.',
      jsonPath: '.spec.volumeSnapshotRef.name',
      name: 'VolumeSnapshot',
      type: 'string',
    },
    {
      description: 'Namespace of the VolumeSnapshot object to which this VolumeSnapshotContent object is bound.',
      jsonPath: '.spec.volumeSnapshotRef.namespace',
      name: 'VolumeSnapshotNamespace',
      type: 'string',
    },
    { jsonPath: '.metadata.creationTimestamp', name: 'Age', type: 'date' },
  ],
  schema: volumeSnapshotContentSchema,
});
