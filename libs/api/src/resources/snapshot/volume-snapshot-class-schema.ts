import { z } from 'zod';
import { stringMap } from '../../schema/crd-extensions';
import { resourceRootSchema } from '../../schema/common-schemas';
import { SnapshotDeletionPolicy } from '../../vocabulary/snapshot-vocabulary';
import { CrdSource, defineResource } from '../resource-definition';

/** A whole VolumeSnapshotClass object: top-level `driver` and `deletionPolicy` (required), no spec. */
export const volumeSnapshotClassSchema = resourceRootSchema({
  driver: z.string(),
  deletionPolicy: z.enum(SnapshotDeletionPolicy),
  parameters: stringMap().optional(),
});
/** VolumeSnapshotClass (snapshot.storage.k8s.io/v1, cluster-scoped). */
export type VolumeSnapshotClass = z.infer<typeof volumeSnapshotClassSchema>;

/** Resource definition of VolumeSnapshotClass (`vsclass`, `vsclasses`); CRD shipped upstream-unchanged. */
export const volumeSnapshotClassDefinition = defineResource({
  group: 'snapshot.storage.k8s.io',
  version: 'v1',
  kind: 'VolumeSnapshotClass',
  plural: 'volumesnapshotclasses',
  singular: 'volumesnapshotclass',
  shortNames: ['vsclass', 'vsclasses'],
  scope: 'Cluster',
  statusSubresource: false,
  crdSource: CrdSource.Upstream,
  printerColumns: [
    { jsonPath: '.driver', name: 'Driver', type: 'string' },
    {
      description:
        'Determines whether a VolumeSnapshotContent created through the VolumeSnapshotClass should be deleted when its bound VolumeSnapshot is deleted.',
      jsonPath: '.deletionPolicy',
      name: 'DeletionPolicy',
      type: 'string',
    },
    { jsonPath: '.metadata.creationTimestamp', name: 'Age', type: 'date' },
  ],
  schema: volumeSnapshotClassSchema,
});
