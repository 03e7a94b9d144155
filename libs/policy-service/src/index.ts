// Public entry of @ferry/policy-service: the policy service (NATS responder + HTTP API) and the
// whole-backup planner it runs, usable on its own (the benchmark calls `planBackup`).
export {
  BackupNotFoundError,
  ClusterReadError,
  InvalidGlobalPoliciesError,
  InvalidPolicyServiceConfigError,
  InvalidResourcePoliciesError,
  PolicyServiceError,
  PolicyServiceErrorCode,
} from './errors';
export { defaultPolicyServiceSettings, readPolicyServiceSettings, type PolicyServiceSettings } from './policy-service-config';
export { pvcResourceFilter, namesPersistentVolumeClaims, ResourceFilterKind, type PvcResourceFilterResult } from './resource-filter';
export { backupSelectsLabels } from './label-selector';
export { createClusterReader, type ClusterReader, type ClusterReaderOptions, type RequestCount } from './cluster-reader';
export {
  chooseListScope,
  defaultMaxNamespacesPerNamespaceLists,
  ListScope,
  readBackupInventory,
  type BackupInventory,
  type InventoryOptions,
} from './backup-inventory';
export { selectBackupItems, type BackupItems } from './backup-item-selection';
export { loadBackupPolicies, type GlobalPoliciesRef, type LoadedPolicies, type PolicySource } from './policy-source';
export { planBackup, type BackupToPlan, type PlanBackupOptions } from './backup-planner';
export { planEntryMessage, summarize, type BackupPlan, type BackupPlanEntry } from './plan-message';
export {
  evaluatePolicyDocument,
  validatePolicyDocument,
  type DocumentValidation,
  type DryRunOutcome,
  type DryRunVolume,
  type DryRunVolumeResult,
} from './policy-dry-run';
export { checkBody, checkPlanBody, evaluateBodySchema, validateBodySchema, type BodyCheck } from './request-schemas';
export { PolicyHttpPath, policyRouteAccess, policyRoutes, type BackupPlanner } from './http-routes';
export { backupToPlanOf, servePolicyRequests } from './policy-responder';
export { startPolicyService, type PolicyService, type PolicyServiceDependencies } from './policy-service';
