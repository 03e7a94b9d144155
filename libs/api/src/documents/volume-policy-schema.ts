// The resource-policies YAML document (a ConfigMap referenced by Backup `spec.resourcePolicy`).
// Velero decodes it strictly (yaml.v3 KnownFields), conditions included, so every object here is
// strict: an unknown key is an error at its own path. Only the shape is checked; capacity parsing,
// the `v1` version check, action parameters and filter semantics belong to the policy lib.
import { z } from 'zod';
import { stringList } from '../schema/crd-extensions';

/** Values of a volume policy `action.type`. */
export const VolumeActionType = { Skip: 'skip', Snapshot: 'snapshot', FsBackup: 'fs-backup', Custom: 'custom' } as const;
/** One of {@link VolumeActionType}. */
export type VolumeActionType = (typeof VolumeActionType)[keyof typeof VolumeActionType];

/** Action parameter keys Velero reads for `snapshot` (newest Velero). */
export const VolumeActionParameter = { DataMover: 'dataMover', SnapshotClass: 'snapshotClass' } as const;
/** One of {@link VolumeActionParameter}. */
export type VolumeActionParameter = (typeof VolumeActionParameter)[keyof typeof VolumeActionParameter];

/** The conditions of one volume policy; all must match. `{}` matches every volume. */
export const volumeConditionsSchema = z.strictObject({
  capacity: z.string().optional(),
  storageClass: stringList().optional(),
  nfs: z.strictObject({ server: z.string().optional(), path: z.string().optional() }).optional(),
  csi: z.strictObject({ driver: z.string().optional(), volumeAttributes: z.record(z.string(), z.string()).optional() }).optional(),
  volumeTypes: stringList().optional(),
  pvcLabels: z.record(z.string(), z.string()).optional(),
  pvcPhase: stringList().optional(),
  pvcVolumeMode: z.string().optional(),
  pvcAccessModes: stringList().optional(),
});
/** Conditions of one volume policy. */
export type VolumeConditions = z.infer<typeof volumeConditionsSchema>;

/** One volume policy: conditions and the action for matching volumes. First match wins. */
export const volumePolicySchema = z.strictObject({
  conditions: volumeConditionsSchema.nullish(),
  action: z.strictObject({
    type: z.enum(VolumeActionType),
    parameters: z.record(z.string(), z.unknown()).nullish(),
  }),
});
/** One volume policy. */
export type VolumePolicy = z.infer<typeof volumePolicySchema>;

/** `includeExcludePolicy`: resource filters by scope (no `*`; checked later). */
export const includeExcludePolicySchema = z.strictObject({
  includedClusterScopedResources: stringList().nullish(),
  excludedClusterScopedResources: stringList().nullish(),
  includedNamespaceScopedResources: stringList().nullish(),
  excludedNamespaceScopedResources: stringList().nullish(),
});

/** Label selector as the policy YAML spells it (mirror of `metav1.LabelSelector`). */
export const policyLabelSelectorSchema = z.strictObject({
  matchLabels: z.record(z.string(), z.string()).optional(),
  matchExpressions: z.array(z.strictObject({ key: z.string(), operator: z.string(), values: stringList().optional() })).optional(),
});

/** One resource filter of the newest Velero's filter policies. */
export const resourceFilterSchema = z.strictObject({
  kinds: stringList().nullish(),
  labelSelector: policyLabelSelectorSchema.nullish(),
  orLabelSelectors: z.array(policyLabelSelectorSchema).nullish(),
  names: stringList().nullish(),
  excludedNames: stringList().nullish(),
});

/** The whole resource-policies document. `version` must be `v1` (checked by the policy lib). */
export const volumePolicyDocumentSchema = z.strictObject({
  version: z.string(),
  volumePolicies: z.array(volumePolicySchema).nullish(),
  includeExcludePolicy: includeExcludePolicySchema.nullish(),
  clusterScopedFilterPolicy: z.strictObject({ resourceFilters: z.array(resourceFilterSchema).nullish() }).nullish(),
  namespacedFilterPolicies: z
    .array(z.strictObject({ namespaces: stringList().nullish(), resourceFilters: z.array(resourceFilterSchema).nullish() }))
    .nullish(),
});
/** The resource-policies document (volume policies and resource filters). */
export type VolumePolicyDocument = z.infer<typeof volumePolicyDocumentSchema>;
