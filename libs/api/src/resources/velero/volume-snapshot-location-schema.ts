import { z } from 'zod';
import { stringMap } from '../../schema/crd-extensions';
import { resourceRootSchema, secretKeySelectorSchema } from '../../schema/common-schemas';
import { BackupStorageLocationPhase } from '../../vocabulary/velero-vocabulary';
import { defineResource } from '../resource-definition';

/** `VolumeSnapshotLocation.spec`: a native-snapshot provider and its config. */
export const volumeSnapshotLocationSpecSchema = z.object({
  provider: z.string(),
  config: stringMap().optional(),
  credential: secretKeySelectorSchema.optional(),
});

/** A whole VolumeSnapshotLocation object. */
export const volumeSnapshotLocationSchema = resourceRootSchema({
  spec: volumeSnapshotLocationSpecSchema.optional(),
  status: z.object({ phase: z.enum(BackupStorageLocationPhase).optional() }).optional(),
});
/** VolumeSnapshotLocation (velero.io/v1). */
export type VolumeSnapshotLocation = z.infer<typeof volumeSnapshotLocationSchema>;

/** Resource definition of VolumeSnapshotLocation (`vsl`), columns as Velero's CRD. */
export const volumeSnapshotLocationDefinition = defineResource({
  group: 'velero.io',
  version: 'v1',
  kind: 'VolumeSnapshotLocation',
  plural: 'volumesnapshotlocations',
  singular: 'volumesnapshotlocation',
  shortNames: ['vsl'],
  scope: 'Namespaced',
  statusSubresource: false,
  description: 'VolumeSnapshotLocation is a location where Velero stores volume snapshots.',
  printerColumns: [
    { description: 'Provider is the provider of the volume storage', jsonPath: '.spec.provider', name: 'Provider', type: 'string' },
    {
      description: 'Volume Snapshot Location status such as Available/Unavailable',
      jsonPath: '.status.phase',
      name: 'Phase',
      type: 'string',
    },
    { jsonPath: '.metadata.creationTimestamp', name: 'Age', type: 'date' },
  ],
  schema: volumeSnapshotLocationSchema,
});
