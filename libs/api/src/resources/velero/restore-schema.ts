import { z } from 'zod';
import { dateTime, freeformObject, integer, stringList, stringMap, withCrd } from '../../schema/crd-extensions';
import { labelSelectorSchema, resourceFilterShape, resourceRootSchema, typedLocalObjectReferenceSchema } from '../../schema/common-schemas';
import { HookErrorMode, RestorePhase } from '../../vocabulary/velero-vocabulary';
import { defineResource } from '../resource-definition';
import { hookStatusSchema } from './backup-schema';

/** One restore hook: an exec in a restored pod, or init containers added to it. */
export const restoreResourceHookSchema = z.object({
  exec: z
    .object({
      container: z.string().optional(),
      command: z.array(z.string()).min(1),
      onError: z.enum(HookErrorMode).optional(),
      execTimeout: z.string().optional(),
      waitTimeout: z.string().optional(),
      waitForReady: z.boolean().nullish(),
    })
    .optional(),
  init: z
    .object({
      // Whole corev1.Container objects, kept verbatim by the API server.
      initContainers: withCrd(z.array(freeformObject()), { preserveUnknownFields: true }).optional(),
      timeout: z.string().optional(),
    })
    .optional(),
});

/** `Restore.spec.hooks.resources[]`. */
export const restoreResourceHookSpecSchema = z.object({
  name: z.string(),
  ...resourceFilterShape,
  labelSelector: labelSelectorSchema.nullish(),
  postHooks: z.array(restoreResourceHookSchema).optional(),
});

/** `Restore.spec`. */
export const restoreSpecSchema = z.object({
  backupName: z.string().optional(),
  scheduleName: z.string().optional(),
  ...resourceFilterShape,
  namespaceMapping: stringMap().optional(),
  labelSelector: labelSelectorSchema.nullish(),
  orLabelSelectors: z.array(labelSelectorSchema).nullish(),
  restorePVs: z.boolean().nullish(),
  restoreStatus: z.object({ includedResources: stringList().nullish(), excludedResources: stringList().nullish() }).nullish(),
  preserveNodePorts: z.boolean().nullish(),
  includeClusterResources: z.boolean().nullish(),
  hooks: z.object({ resources: z.array(restoreResourceHookSpecSchema).optional() }).optional(),
  existingResourcePolicy: z.string().nullish(),
  itemOperationTimeout: z.string().optional(),
  resourceModifier: typedLocalObjectReferenceSchema().nullish(),
  uploaderConfig: z.object({ writeSparseFiles: z.boolean().nullish(), parallelFilesDownload: integer().optional() }).nullish(),
  resourcePolicy: typedLocalObjectReferenceSchema().nullish(),
  skipDefaultResourceModifier: z.boolean().nullish(),
});
/** `Restore.spec`. */
export type RestoreSpec = z.infer<typeof restoreSpecSchema>;

/** `Restore.status.progress`: item counters, nil until the first update (patched every second). */
export const restoreProgressSchema = z.object({
  totalItems: integer().optional(),
  itemsRestored: integer().optional(),
});
/** `Restore.status.progress`. */
export type RestoreProgress = z.infer<typeof restoreProgressSchema>;

/** `Restore.status`. */
export const restoreStatusSchema = z.object({
  phase: z.enum(RestorePhase).optional(),
  validationErrors: stringList().nullish(),
  restoreItemOperationsAttempted: integer().optional(),
  restoreItemOperationsCompleted: integer().optional(),
  restoreItemOperationsFailed: integer().optional(),
  warnings: integer().optional(),
  errors: integer().optional(),
  failureReason: z.string().optional(),
  startTimestamp: dateTime().nullish(),
  completionTimestamp: dateTime().nullish(),
  progress: restoreProgressSchema.nullish(),
  hookStatus: hookStatusSchema.nullish(),
});
/** `Restore.status`. */
export type RestoreStatus = z.infer<typeof restoreStatusSchema>;

/** A whole Restore object. */
export const restoreSchema = resourceRootSchema({
  spec: restoreSpecSchema.optional(),
  status: restoreStatusSchema.optional(),
});
/** Restore (velero.io/v1). */
export type Restore = z.infer<typeof restoreSchema>;

/** Resource definition of Restore (`rst`), columns as Velero's CRD. */
export const restoreDefinition = defineResource({
  group: 'velero.io',
  version: 'v1',
  kind: 'Restore',
  plural: 'restores',
  singular: 'restore',
  shortNames: ['rst'],
  scope: 'Namespaced',
  statusSubresource: false,
  description:
    'Restore is a Velero resource that represents the application of\nresources from a Velero backup to a target Kubernetes cluster.',
  printerColumns: [
    { description: 'The name of the backup this restore is from', jsonPath: '.spec.backupName', name: 'Backup', type: 'string' },
    { description: 'Restore status such as New/InProgress', jsonPath: '.status.phase', name: 'Status', type: 'string' },
    { description: 'Total number of errors logged during the restore', jsonPath: '.status.errors', name: 'Errors', type: 'integer' },
    { description: 'Total number of warnings logged during the restore', jsonPath: '.status.warnings', name: 'Warnings', type: 'integer' },
    { jsonPath: '.metadata.creationTimestamp', name: 'Age', type: 'date' },
  ],
  schema: restoreSchema,
});
