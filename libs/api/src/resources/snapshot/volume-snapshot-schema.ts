import { z } from 'zod';
import { dateTime, integer, withCrd } from '../../schema/crd-extensions';
import { resourceRootSchema } from '../../schema/common-schemas';
import { CrdSource, defineResource } from '../resource-definition';

/** A Kubernetes resource quantity (`1Gi`, `500M`, `1e3`), the pattern the CRD declares. */
export const quantityPattern = new RegExp(
  '^(\\+|-)?(([0-9]+(\\.[0-9]*)?)|(\\.[0-9]+))(([KMGTPE]i)|[numkMGTPE]|([eE](\\+|-)?(([0-9]+(\\.[0-9]*)?)|(\\.[0-9]+))))?$',
);

/** Snapshot error as reported by the snapshot controller. */
export const volumeSnapshotErrorSchema = z.object({ message: z.string().optional(), time: dateTime().optional() });

/**
 * `VolumeSnapshot.spec`. Exactly one of the two sources must be set and sources are immutable: the
 * upstream CRD enforces that with CEL rules, which this schema does not repeat.
 */
export const volumeSnapshotSpecSchema = z.object({
  source: z.object({
    persistentVolumeClaimName: z.string().optional(),
    volumeSnapshotContentName: z.string().optional(),
  }),
  volumeSnapshotClassName: z.string().optional(),
});

/** `VolumeSnapshot.status` (`restoreSize` is a quantity string, or an integer). */
export const volumeSnapshotStatusSchema = z.object({
  boundVolumeSnapshotContentName: z.string().optional(),
  creationTime: dateTime().optional(),
  error: volumeSnapshotErrorSchema.optional(),
  readyToUse: z.boolean().optional(),
  restoreSize: withCrd(z.union([integer(), z.string().regex(quantityPattern)]), { intOrString: true }).optional(),
  volumeGroupSnapshotName: z.string().optional(),
});

/** A whole VolumeSnapshot object (`spec` required). */
export const volumeSnapshotSchema = resourceRootSchema({
  spec: volumeSnapshotSpecSchema,
  status: volumeSnapshotStatusSchema.optional(),
});
/** VolumeSnapshot (snapshot.storage.k8s.io/v1). */
export type VolumeSnapshot = z.infer<typeof volumeSnapshotSchema>;

/** Resource definition of VolumeSnapshot (`vs`); CRD shipped upstream-unchanged (local env only). */
export const volumeSnapshotDefinition = defineResource({
  group: 'snapshot.storage.k8s.io',
  version: 'v1',
  kind: 'VolumeSnapshot',
  plural: 'volumesnapshots',
  singular: 'volumesnapshot',
  shortNames: ['vs'],
  scope: 'Namespaced',
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
      description:
        'If a new snapshot needs to be created, this contains the name of the source PVC from which this snapshot was (or will be) created.',
      jsonPath: '.spec.source.persistentVolumeClaimName',
      name: 'SourcePVC',
      type: 'string',
    },
    {
      description:
        'If a snapshot already exists, this contains the name of the existing VolumeSnapshotContent object representing the existing snapshot.',
      jsonPath: '.spec.source.volumeSnapshotContentName',
      name: 'SourceSnapshotContent',
      type: 'string',
    },
    {
      description: 'Represents the minimum size of volume required to rehydrate from this snapshot.',
      jsonPath: '.status.restoreSize',
      name: 'RestoreSize',
      type: 'string',
    },
    {
      description: 'The name of the VolumeSnapshotClass requested by the VolumeSnapshot.',
      jsonPath: '.spec.volumeSnapshotClassName',
      name: 'SnapshotClass',
      type: 'string',
    },
    {
      description:
        'Name of the VolumeSnapshotContent object to which the VolumeSnapshot object intends to bind to. Please note that verification of binding actually requires checking both VolumeSnapshot and VolumeSnapshotContent to ensure both are pointing at each other. Binding MUST be verified prior to usage of this object.',
      jsonPath: '.status.boundVolumeSnapshotContentName',
      name: 'SnapshotContent',
      type: 'string',
    },
    {
      description: 'Timestamp when the point-in-time snapshot was taken by the underlying storage system.',
      jsonPath: '.status.creationTime',
      name: 'CreationTime',
      type: 'date',
    },
    { jsonPath: '.metadata.creationTimestamp', name: 'Age', type: 'date' },
  ],
  schema: volumeSnapshotSchema,
});
