// The JSON document in the node-agent ConfigMap (`--node-agent-configmap`, one data key, any name).
// Velero decodes it with Go's encoding/json: unknown keys are ignored, wrong types fail the whole
// document (and the node-agent refuses to start). Semantics (quantities, selectors) are checked
// where they are used, not here.
import { z } from 'zod';
import { labelSelectorSchema } from '../schema/common-schemas';
import { integer, stringList } from '../schema/crd-extensions';

const stringMap = () => z.record(z.string(), z.string());
/** `loadConcurrency`: how many data-path CRs a node runs at once, and the prepare queue limit. */
export const loadConcurrencySchema = z.object({
  globalConfig: integer().optional(),
  prepareQueueLength: integer().optional(),
  perNodeConfig: z.array(z.object({ nodeSelector: labelSelectorSchema, number: integer() })).optional(),
});

/** One `loadAffinity` entry: node affinity for data-mover pods, optionally per storage class. */
export const loadAffinitySchema = z.object({
  nodeSelector: labelSelectorSchema,
  storageClass: z.string().optional(),
});

/** One `backupPVC` value, keyed by the **source** PVC's storage class. */
export const backupPvcConfigSchema = z.object({
  storageClass: z.string().optional(),
  readOnly: z.boolean().optional(),
  spcNoRelabeling: z.boolean().optional(),
  /** String values only: anything else makes Velero's JSON decoding fail. */
  annotations: stringMap().optional(),
  secretNames: stringList().optional(),
  configMapNames: stringList().optional(),
});
/** One `backupPVC` value. */
export type BackupPvcConfig = z.infer<typeof backupPvcConfigSchema>;

/** `restorePVC`. */
export const restorePvcConfigSchema = z.object({
  ignoreDelayBinding: z.boolean().optional(),
  secretNames: stringList().optional(),
  configMapNames: stringList().optional(),
});

/** `podResources`: quantities as strings ("0" = unset; empty cpu/memory invalidates the block). */
export const podResourcesConfigSchema = z.object({
  cpuRequest: z.string().optional(),
  cpuLimit: z.string().optional(),
  memoryRequest: z.string().optional(),
  memoryLimit: z.string().optional(),
  ephemeralStorageRequest: z.string().optional(),
  ephemeralStorageLimit: z.string().optional(),
});
/** `podResources`. */
export type PodResourcesConfig = z.infer<typeof podResourcesConfigSchema>;

/** `cachePVC`: restore cache volume (storage class with reclaim Delete; threshold in MB). */
export const cachePvcConfigSchema = z.object({
  storageClass: z.string().optional(),
  residentThresholdInMB: integer().optional(),
});

/** The whole node-agent configuration document (docs/velero-compatibility.md#node-agent-configmap). Every key is optional. */
export const nodeAgentConfigSchema = z.object({
  loadConcurrency: loadConcurrencySchema.optional(),
  loadAffinity: z.array(loadAffinitySchema).optional(),
  backupPVC: z.record(z.string(), backupPvcConfigSchema).optional(),
  restorePVC: restorePvcConfigSchema.optional(),
  podResources: podResourcesConfigSchema.optional(),
  priorityClassName: z.string().optional(),
  privilegedFsBackup: z.boolean().optional(),
  cachePVC: cachePvcConfigSchema.optional(),
  podAnnotations: stringMap().optional(),
  podLabels: stringMap().optional(),
  csiSnapshotMetadataServiceConfigs: z.object({ saName: z.string().optional() }).optional(),
});
/** The node-agent configuration document. */
export type NodeAgentConfig = z.infer<typeof nodeAgentConfigSchema>;
