import { backupSchema, VolumeActionType, volumeConditionsSchema } from '@ferry/api';
import { z } from 'zod';

// Schemas of the policy service's request/reply (`policy.evaluate`, version 1): the controller
// asks once per Backup and gets every volume decision with its reason. The reason union mirrors
// the volume-policy lib's `DecisionReason`; the service checks at compile time that it fits.

/** `namespace/name` of a namespaced object. */
export const objectRefSchema = z.object({ namespace: z.string(), name: z.string() });

/** A Backup named by reference (it is read from the cluster). */
export const backupReferenceSchema = z.strictObject({ namespace: z.string().min(1), name: z.string().min(1) });

/**
 * Request of `policy.evaluate`: the Backup to plan, either a reference (read from the cluster) or
 * the whole object inline (e.g. one the controller already holds; its namespace defaults to the
 * service's namespace).
 */
export const policyPlanRequestSchema = z.object({
  backup: z.union([backupReferenceSchema, backupSchema]),
});

const legacyReasonSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('legacy-opt-in'), annotation: z.string(), listed: z.boolean() }),
  z.object({ kind: z.literal('legacy-opt-out'), annotation: z.string(), listed: z.boolean() }),
]);

const pvcNotBoundSchema = z.object({
  kind: z.literal('pvc-not-bound'),
  claim: objectRefSchema,
  problem: z.enum(['no-volume-name', 'not-bound', 'pv-not-found']),
  phase: z.string(),
  volumeName: z.string(),
});

const pvcNotFoundSchema = z.object({ kind: z.literal('pvc-not-found'), claim: objectRefSchema, volume: z.string() });

/** The action of a volume policy; parameters as written in the document. */
export const volumeActionSchema = z.object({
  type: z.enum(VolumeActionType),
  parameters: z.record(z.string(), z.unknown()),
});

/** Why a volume is (or is not) snapshotted or fs-backed up: the rule that decided, structured. */
export const decisionReasonSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('policy-match'),
    /** Index in the combined policy list (the Backup's policies, then the global ones). */
    position: z.number().int().nonnegative(),
    origin: z.enum(['backup', 'global']),
    /** Index in its own document's `volumePolicies`. */
    index: z.number().int().nonnegative(),
    conditions: volumeConditionsSchema,
    action: volumeActionSchema,
  }),
  z.object({
    kind: z.literal('never-fs-backup-volume-kind'),
    volumeKind: z.enum(['hostPath', 'secret', 'configMap', 'projected', 'downwardAPI', 'default-token']),
  }),
  z.object({ kind: z.literal('pvcs-excluded-by-resource-filter') }),
  ...legacyReasonSchema.options,
  z.object({
    kind: z.literal('pv-taken-by-fs-backup'),
    claim: objectRefSchema,
    pod: objectRefSchema,
    volume: z.string(),
    rule: legacyReasonSchema,
  }),
  z.object({ kind: z.literal('snapshot-volumes-setting'), snapshotVolumes: z.boolean().optional() }),
  pvcNotBoundSchema,
  pvcNotFoundSchema,
]);

/** What one plan entry is about: a PVC (CSI snapshot path), a PV (native path) or a pod volume (fs-backup). */
export const planTargetSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('pvc'), claim: objectRefSchema, volumeName: z.string() }),
  z.object({ kind: z.literal('pv'), name: z.string(), claim: objectRefSchema.optional() }),
  z.object({ kind: z.literal('pod-volume'), pod: objectRefSchema, volume: z.string(), claimName: z.string().optional() }),
]);

/** One decision of a plan. */
export const volumePlanEntrySchema = z.object({
  target: planTargetSchema,
  /** `snapshot` for PVCs and PVs, `fs-backup` for pod volumes. */
  approach: z.enum(['snapshot', 'fs-backup']),
  /** `error` is Velero's item error: nothing is done for the volume and the backup records it. */
  outcome: z.enum(['perform', 'skip', 'error']),
  /** The action of the volume policy that decided; absent when a legacy rule or setting decided. */
  action: z.enum(VolumeActionType).optional(),
  reason: decisionReasonSchema,
  /** The decision as one line: `perform: <reason>`, `skip: <reason>`, `error: <message>`. */
  reasonText: z.string(),
  /** Set when `outcome` is `error`: a stable code and Velero's error text. */
  error: z.object({ code: z.string(), message: z.string() }).optional(),
  /** For a PVC to be snapshotted: the DataUpload `spec.datamover` and where it came from. */
  dataMover: z.object({ dataMover: z.string(), source: z.enum(['volume-policy', 'backup-spec']) }).optional(),
});

/** Where a plan's volume policies came from. */
export const policySourceSchema = z.object({
  origin: z.enum(['backup', 'global']),
  configMap: objectRefSchema,
  /** The ConfigMap data key holding the document. */
  key: z.string(),
  volumePolicies: z.number().int().nonnegative(),
});

/** Cost of a plan: API requests (constant in the number of volumes), objects read, work done. */
export const planStatsSchema = z.object({
  /** Every Kubernetes API request the plan made (gets, list pages). */
  apiRequests: z.number().int().nonnegative(),
  /** Requests per resource (`backups`, `configmaps`, `namespaces`, `pods`…). */
  requestsByResource: z.record(z.string(), z.number().int().nonnegative()),
  /** `cluster`: one list per kind for all namespaces; `namespace`: one list per kind and namespace. */
  listScope: z.enum(['cluster', 'namespace']),
  objects: z.object({
    namespaces: z.number().int().nonnegative(),
    pods: z.number().int().nonnegative(),
    persistentVolumeClaims: z.number().int().nonnegative(),
    persistentVolumes: z.number().int().nonnegative(),
  }),
  work: z.object({
    decisions: z.number().int().nonnegative(),
    policyEvaluations: z.number().int().nonnegative(),
    claimMountChecks: z.number().int().nonnegative(),
    indexEntries: z.number().int().nonnegative(),
  }),
  inventoryMs: z.number().nonnegative(),
  planMs: z.number().nonnegative(),
});

/** Reply of `policy.evaluate`: every volume decision of one Backup, with reasons and cost. */
export const backupVolumePlanSchema = z.object({
  backup: objectRefSchema,
  /** The namespaces the Backup covers, resolved against the cluster. */
  namespaces: z.array(z.string()),
  policySources: z.array(policySourceSchema),
  /** The Backup settings the decisions read, after server defaults. */
  settings: z.object({
    snapshotVolumes: z.boolean().optional(),
    defaultVolumesToFsBackup: z.boolean(),
    /** `backup` when the Backup sets it, `server-default` otherwise. */
    defaultVolumesToFsBackupSource: z.enum(['backup', 'server-default']),
    pvcsExcludedByResourceFilter: z.boolean(),
    datamover: z.string(),
  }),
  entries: z.array(volumePlanEntrySchema),
  summary: z.object({
    perform: z.number().int().nonnegative(),
    skip: z.number().int().nonnegative(),
    error: z.number().int().nonnegative(),
  }),
  stats: planStatsSchema,
});
