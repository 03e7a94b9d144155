// Velero's validation of a new Restore (pkg/controller/restore_controller.go validateAndComplete),
// with its texts and order, over data the caller read: the Backups and storage locations of the
// Restore's namespace and the outcome of loading the restore's resource policies. Two checks come
// from upstream after the read snapshot (reference §12): the backup must be Completed or
// PartiallyFailed (#9792), and a restore resource policy may only hold filter policies (#9939).
import { BackupPhase, BackupStorageLocationPhase, ExistingResourcePolicy, VeleroLabel } from '@ferry/api';
import type { Backup, BackupStorageLocation, RestoreSpec } from '@ferry/api';
import { validateIncludesExcludes } from '@ferry/backup';
import { parseDuration } from '@ferry/kube-values';
import { restoreHooksErrors } from '../hooks/restore-hooks';

/** Velero's resources a restore never creates; added to every restore's excluded resources. */
export const nonRestorableResources: readonly string[] = [
  'nodes',
  'events',
  'events.events.k8s.io',
  'backups.velero.io',
  'restores.velero.io',
  'resticrepositories.velero.io',
  'csinodes.storage.k8s.io',
  'volumeattachments.storage.k8s.io',
  'backuprepositories.velero.io',
];

/** What loading the Restore's `spec.resourcePolicy` came to (the caller loads and parses). */
export type RestorePolicyOutcome =
  | { readonly kind: 'none' }
  | { readonly kind: 'loaded'; readonly volumePolicies: boolean; readonly includeExcludePolicy: boolean }
  | { readonly kind: 'failed'; readonly message: string };

/** The data {@link validateRestore} decides by. */
export interface RestoreValidationInput {
  readonly namespace: string;
  readonly spec: RestoreSpec;
  /** The Backups of the Restore's namespace (a cache read). */
  readonly backups: readonly Backup[];
  /** The BackupStorageLocations of the Restore's namespace. */
  readonly locations: readonly BackupStorageLocation[];
  readonly policy: RestorePolicyOutcome;
  /** Velero's error for the Restore's own resource-modifiers ConfigMap (missing or invalid), if any. */
  readonly modifiersError?: string | undefined;
}

/** The outcome: Velero's validation errors (empty = valid) and the backup the restore reads. */
export interface RestoreValidation {
  readonly errors: string[];
  /** The Backup named by `backupName`, or the schedule's newest Completed one. */
  readonly backup?: Backup;
  readonly location?: BackupStorageLocation;
}

/** Velero's `mostRecentCompletedBackup`: newest `status.startTimestamp` first, the first Completed. Pure. */
export function mostRecentCompletedBackup(backups: readonly Backup[]): Backup | undefined {
  const start = (backup: Backup): number => Date.parse(backup.status?.startTimestamp ?? '') || 0;
  return [...backups].sort((a, b) => start(b) - start(a)).find((backup) => backup.status?.phase === BackupPhase.Completed);
}

/**
 * An `itemOperationTimeout` that is not a Go duration, in the Backup's wording: Velero cannot even
 * decode such a Restore (its field is a `metav1.Duration`), so it leaves it unanswered; Ferry says why.
 */
function durationErrors(spec: RestoreSpec): string[] {
  const text = spec.itemOperationTimeout;
  if (text === undefined || text === '') return [];
  const parsed = parseDuration(text);
  return parsed.ok ? [] : [`invalid spec.itemOperationTimeout ${JSON.stringify(text)}: ${parsed.message}`];
}

function specErrors(spec: RestoreSpec): string[] {
  const errors: string[] = durationErrors(spec);
  const included = new Set(spec.includedResources ?? []);
  for (const resource of nonRestorableResources) if (included.has(resource)) errors.push(`${resource} are non-restorable resources`);
  const excluded = [...(spec.excludedResources ?? [])];
  for (const resource of nonRestorableResources) if (!excluded.includes(resource)) excluded.push(resource);
  for (const error of validateIncludesExcludes(spec.includedResources, excluded))
    errors.push(`Invalid included/excluded resource lists: ${error}`);
  for (const error of validateIncludesExcludes(spec.includedNamespaces, spec.excludedNamespaces)) {
    errors.push(`Invalid included/excluded namespace lists: ${error}`);
  }
  if (spec.orLabelSelectors != null && spec.labelSelector != null) {
    errors.push('encountered labelSelector as well as orLabelSelectors in restore spec, only one can be specified');
  }
  return errors;
}

const restorablePhases: readonly string[] = [BackupPhase.Completed, BackupPhase.PartiallyFailed];

function policyErrors(policy: RestorePolicyOutcome): string[] {
  if (policy.kind === 'failed') return [policy.message];
  if (policy.kind === 'none') return [];
  return [
    ...(policy.volumePolicies ? ['volumePolicies in the resource policy is not supported for restore'] : []),
    ...(policy.includeExcludePolicy ? ['includeExcludePolicy in the resource policy is not supported for restore'] : []),
  ];
}

function backupName(input: RestoreValidationInput, errors: string[]): string | undefined {
  const { spec } = input;
  if (!spec.scheduleName) return spec.backupName ?? '';
  const ofSchedule = input.backups.filter((backup) => backup.metadata?.labels?.[VeleroLabel.ScheduleName] === spec.scheduleName);
  if (ofSchedule.length === 0) errors.push('No backups found for schedule');
  const newest = mostRecentCompletedBackup(ofSchedule);
  if (!newest) errors.push('No completed backups found for schedule');
  return newest?.metadata?.name;
}

/**
 * Velero's checks in its order (after an unparsable `itemOperationTimeout`, which Velero cannot
 * decode): non-restorable includes, resource and namespace include/exclude
 * lists, both selector kinds, exactly one of `backupName`/`scheduleName` (stops here), the
 * restore hooks' label selectors and init containers, the existing-resource policy, the
 * schedule's newest Completed backup (stops when none), the backup and its location (stops when
 * missing or the location is Unavailable), the backup's phase, and the resource policy, the
 * resource modifiers. Pure.
 */
export function validateRestore(input: RestoreValidationInput): RestoreValidation {
  const { spec, namespace } = input;
  const errors = specErrors(spec);
  if (Boolean(spec.backupName) === Boolean(spec.scheduleName)) {
    errors.push('Either a backup or schedule must be specified as a source for the restore, but not both');
    return { errors };
  }
  errors.push(...restoreHooksErrors(spec.hooks));
  const policy = spec.existingResourcePolicy;
  if (policy && policy !== ExistingResourcePolicy.None && policy !== ExistingResourcePolicy.Update) {
    errors.push(`Invalid ExistingResourcePolicy: ${policy}`);
  }
  const name = backupName(input, errors);
  if (name === undefined) return { errors };
  const backup = input.backups.find((candidate) => candidate.metadata?.name === name);
  if (!backup) {
    errors.push(`Error retrieving backup: can't find backup ${namespace}/${name}: backups.velero.io "${name}" not found`);
    return { errors };
  }
  const locationName = backup.spec?.storageLocation ?? '';
  const location = input.locations.find((candidate) => candidate.metadata?.name === locationName);
  if (!location) {
    errors.push(`Error retrieving backup: backupstoragelocations.velero.io "${locationName}" not found`);
    return { errors };
  }
  if (location.status?.phase !== BackupStorageLocationPhase.Available) {
    errors.push(`The BSL ${locationName} is unavailable, cannot retrieve the backup`);
    return { errors };
  }
  const phase = backup.status?.phase ?? '';
  if (!restorablePhases.includes(phase)) {
    errors.push(`backup ${name} is in phase ${phase || 'New'}; only Completed or PartiallyFailed backups can be restored`);
  }
  errors.push(...policyErrors(input.policy));
  if (input.modifiersError !== undefined) errors.push(input.modifiersError);
  return { errors, backup, location };
}
