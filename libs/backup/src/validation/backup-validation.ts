// A Backup's validation errors, worded and ordered as Velero's backup controller
// (`prepareBackupRequest`) produces them; any error makes the Backup FailedValidation.
import type { BackupSpec } from '@ferry/api';
import { labelSelectorError } from '@ferry/kube-values';
import { durationProblems } from '../status/backup-durations';
import {
  usesOldResourceFilters,
  usesScopedResourceFilters,
  validateIncludesExcludes,
  validateNamespaceIncludesExcludes,
  validateScopedIncludesExcludes,
} from './includes-excludes';
import {
  chooseStorageLocation,
  snapshotLocationErrors,
  storageLocationErrors,
  type LocationList,
  type SnapshotLocationFacts,
  type StorageLocationFacts,
} from './location-checks';
import {
  filterPoliciesWithOldFilters,
  includeExcludePolicyWithOldFilters,
  resourcePolicyErrorMessage,
  type ResourcePoliciesOutcome,
} from './resource-policy-outcome';

/** Everything {@link validateBackup} looks at; the caller gathers it (one list per kind, one policy load). */
export interface BackupValidationInput {
  /** The Backup as stored (before defaults are written back). */
  readonly backup: { readonly namespace: string; readonly name: string; readonly spec: BackupSpec };
  /** The BackupStorageLocations of the Backup's namespace. */
  readonly storageLocations: LocationList<StorageLocationFacts>;
  /** `--default-backup-storage-location` (default `default`). */
  readonly serverDefaultStorageLocation?: string;
  /** The VolumeSnapshotLocations of the Backup's namespace (needed only when the spec names some). */
  readonly snapshotLocations?: LocationList<SnapshotLocationFacts>;
  /**
   * Namespaces labelled `velero.io/exclude-from-backup=true`: Velero adds them to the excluded
   * namespaces before validating, so naming one in `includedNamespaces` is an error. A failed
   * list is reported as Velero does.
   */
  readonly namespacesExcludedByLabel?: LocationList<string>;
  readonly resourcePolicies: ResourcePoliciesOutcome;
}

const oldAndNewFiltersMixed =
  'include-resources, exclude-resources and include-cluster-resources are old filter parameters.\n' +
  'include-cluster-scoped-resources, exclude-cluster-scoped-resources, include-namespace-scoped-resources and exclude-namespace-scoped-resources are new filter parameters.\n' +
  'They cannot be used together';

const present = (value: unknown): boolean => value !== undefined && value !== null;

function resourceFilterErrors(spec: BackupSpec): string[] {
  const errors: string[] = [];
  if (usesOldResourceFilters(spec) && usesScopedResourceFilters(spec)) errors.push(oldAndNewFiltersMixed);
  if (usesOldResourceFilters(spec)) {
    for (const error of validateIncludesExcludes(spec.includedResources, spec.excludedResources)) {
      errors.push(`Invalid included/excluded resource lists: ${error}`);
    }
    return errors;
  }
  for (const error of validateScopedIncludesExcludes(spec.includedClusterScopedResources, spec.excludedClusterScopedResources)) {
    errors.push(`Invalid cluster-scoped included/excluded resource lists: ${error}`);
  }
  for (const error of validateScopedIncludesExcludes(spec.includedNamespaceScopedResources, spec.excludedNamespaceScopedResources)) {
    errors.push(`Invalid namespace-scoped included/excluded resource lists: ${error}`);
  }
  return errors;
}

function namespaceErrors(spec: BackupSpec, excludedByLabel: LocationList<string> | undefined): string[] {
  // Velero reads "no includes" as "*" and adds the labelled namespaces to the excludes before validating.
  const includes = spec.includedNamespaces?.length ? spec.includedNamespaces : ['*'];
  const excludes = [...(spec.excludedNamespaces ?? []), ...(excludedByLabel?.ok ? excludedByLabel.items : [])];
  return validateNamespaceIncludesExcludes(includes, excludes).map((error) => `Invalid included/excluded namespace lists: ${error}`);
}

function policyErrors(input: BackupValidationInput): string[] {
  const { resourcePolicies: outcome, backup } = input;
  if (outcome.kind === 'failed') return [resourcePolicyErrorMessage(outcome.failure, backup)];
  if (outcome.kind === 'reported') return [outcome.message];
  if (outcome.kind === 'none' || !usesOldResourceFilters(backup.spec)) return [];
  return [
    ...(outcome.includeExcludePolicy ? [includeExcludePolicyWithOldFilters] : []),
    ...(outcome.filterPolicies ? [filterPoliciesWithOldFilters] : []),
  ];
}

/**
 * A selector Kubernetes cannot evaluate (unknown operator, bad key or value), with apimachinery's
 * words. Velero finds out only when it lists items (every LIST fails, the backup ends
 * PartiallyFailed with the errors in its log); Ferry refuses the Backup, naming the field.
 */
function selectorErrors(spec: BackupSpec): string[] {
  const selectors: [string, BackupSpec['labelSelector']][] = [
    ['spec.labelSelector', spec.labelSelector],
    ...(spec.orLabelSelectors ?? []).map((selector, i): [string, BackupSpec['labelSelector']] => [`spec.orLabelSelectors[${i}]`, selector]),
  ];
  return selectors.flatMap(([field, selector]) => {
    const problem = labelSelectorError(selector);
    return problem === undefined ? [] : [`invalid ${field}: ${problem}`];
  });
}

/**
 * The validation errors of a Backup, in Velero's wording and order: unparsable durations first
 * (`invalid spec.ttl "1d": time: unknown unit "d" in duration "1d"` — Velero cannot even decode
 * such a Backup), then the storage location (missing, ReadOnly, not Available), the named
 * VolumeSnapshotLocations, the namespace label list, old and scoped resource filters mixed, the
 * resource lists, the namespace lists, `labelSelector` with `orLabelSelectors`, a selector
 * Kubernetes cannot evaluate (Ferry's addition), the resource
 * policies (load failure, or includeExcludePolicy / filter policies with the old filters).
 * Empty when the Backup may run. Pure.
 */
export function validateBackup(input: BackupValidationInput): string[] {
  const { spec } = input.backup;
  const location = chooseStorageLocation(spec.storageLocation, input.storageLocations, input.serverDefaultStorageLocation);
  return [
    ...durationProblems(spec).map((problem) => `invalid spec.${problem.field} ${JSON.stringify(problem.text)}: ${problem.message}`),
    ...storageLocationErrors(location, input.storageLocations),
    ...snapshotLocationErrors(spec.volumeSnapshotLocations, input.snapshotLocations ?? { ok: true, items: [] }),
    ...(input.namespacesExcludedByLabel?.ok === false ? [`error getting namespace list: ${input.namespacesExcludedByLabel.message}`] : []),
    ...resourceFilterErrors(spec),
    ...namespaceErrors(spec, input.namespacesExcludedByLabel),
    ...(present(spec.labelSelector) && present(spec.orLabelSelectors)
      ? ['encountered labelSelector as well as orLabelSelectors in backup spec, only one can be specified']
      : []),
    ...selectorErrors(spec),
    ...policyErrors(input),
  ];
}
