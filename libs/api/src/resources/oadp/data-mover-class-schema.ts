import { z } from 'zod';
import { int64, stringMap } from '../../schema/crd-extensions';
import { conditionSchema, resourceRootSchema, strictLabelSelectorSchema } from '../../schema/common-schemas';
import { defineResource } from '../resource-definition';

/**
 * `DataMoverClass.spec`: binds a `spec.datamover` value to a mover and to the volumes it claims.
 *
 * - `mover`: name of the data-mover implementation that serves the class (`ferry`). One mover may
 *   serve several classes; a mover ignores classes naming another mover.
 * - `datamover`: the value of DataUpload/DataDownload `spec.datamover` this class claims. Velero
 *   copies it from the matched volume policy's `dataMover` parameter or from Backup
 *   `spec.datamover`. Velero's built-ins own "", `velero`, `velero-fs` and `velero-block`;
 *   claiming one of those is only sound when Velero's node-agent data movers are not running.
 * - `storageClassNames` / `pvcSelector`: which PVCs the class claims when a volume's data mover is
 *   chosen (by Ferry's volume-policy tooling); both must match, an absent or empty one matches
 *   every PVC. The selector's operators are checked on admission (In, NotIn, Exists, DoesNotExist). A DataUpload whose `datamover` names the class is served even if its PVC no longer
 *   matches: the selection happens once, when the DataUpload is created.
 * - `dataMoverConfig`: defaults for DataUpload/DataDownload `spec.dataMoverConfig`; keys set on the
 *   CR win. Keys the mover does not know are ignored.
 */
export const dataMoverClassSpecSchema = z.object({
  mover: z.string().min(1),
  datamover: z.string().min(1),
  storageClassNames: z.array(z.string()).optional(),
  pvcSelector: strictLabelSelectorSchema.optional(),
  dataMoverConfig: stringMap().optional(),
});
/** `DataMoverClass.spec`. */
export type DataMoverClassSpec = z.infer<typeof dataMoverClassSpecSchema>;

/**
 * `DataMoverClass.status`, written by the mover through the status subresource: conditions
 * (`DataMoverClassConditionType`: Ready, Conflicting) and the spec generation they describe.
 */
export const dataMoverClassStatusSchema = z.object({
  observedGeneration: int64({ minimum: 0 }).optional(),
  conditions: z.array(conditionSchema).optional(),
});
/** `DataMoverClass.status`. */
export type DataMoverClassStatus = z.infer<typeof dataMoverClassStatusSchema>;

/** A whole DataMoverClass object. */
export const dataMoverClassSchema = resourceRootSchema({
  spec: dataMoverClassSpecSchema,
  status: dataMoverClassStatusSchema.optional(),
});
/**
 * DataMoverClass (datamover.oadp.openshift.io/v1alpha1, cluster-scoped, Ferry-defined): declares
 * that a data mover serves DataUploads/DataDownloads whose `spec.datamover` equals
 * `spec.datamover`, for the PVCs selected by storage class and labels. Example:
 * `{metadata: {name: ferry}, spec: {mover: ferry, datamover: ferry, storageClassNames: [csi-hostpath-sc]}}`.
 */
export type DataMoverClass = z.infer<typeof dataMoverClassSchema>;

/** Resource definition of DataMoverClass (`dmc`); status is a subresource. */
export const dataMoverClassDefinition = defineResource({
  group: 'datamover.oadp.openshift.io',
  version: 'v1alpha1',
  kind: 'DataMoverClass',
  plural: 'datamoverclasses',
  singular: 'datamoverclass',
  shortNames: ['dmc'],
  scope: 'Cluster',
  statusSubresource: true,
  description:
    'DataMoverClass binds a DataUpload/DataDownload spec.datamover value to the data mover that serves it and to the PVCs it claims (Ferry).',
  printerColumns: [
    { description: 'Data mover implementation serving this class', jsonPath: '.spec.mover', name: 'Mover', type: 'string' },
    {
      description: 'Value of DataUpload/DataDownload spec.datamover claimed',
      jsonPath: '.spec.datamover',
      name: 'DataMover',
      type: 'string',
    },
    {
      description: 'Whether the mover serves this class',
      jsonPath: '.status.conditions[?(@.type=="Ready")].status',
      name: 'Ready',
      type: 'string',
    },
    {
      description: 'Storage classes whose PVCs are claimed',
      jsonPath: '.spec.storageClassNames',
      name: 'Storage Classes',
      type: 'string',
      priority: 10,
    },
    { jsonPath: '.metadata.creationTimestamp', name: 'Age', type: 'date' },
  ],
  schema: dataMoverClassSchema,
});
