// What Velero's backup controller writes into a new Backup before it runs or fails validation
// (`prepareBackupRequest` + the first patch): the defaulted spec, the storage-location label, the
// source-cluster and resource-timeout annotations, and status version, formatVersion, expiration,
// phase (InProgress or FailedValidation), validationErrors and startTimestamp.
import { BackupPhase, type BackupSpec, type BackupStatus } from '@ferry/api';
import { formatDuration, kubeTimestamp, parseDuration } from '@ferry/kube-values';
import { veleroLabelValue } from '../labels/label-value';
import { usesOldResourceFilters, validateIncludesExcludes, validateScopedIncludesExcludes } from '../validation/includes-excludes';
import { veleroServerDefaults, defaultedBackupSpec, type BackupServerDefaults } from './backup-spec-defaults';
import { backupFormatVersion, backupStatusVersion } from './backup-phase';
import { expirationOf } from './backup-timestamps';

/** Keys Velero writes on a prepared Backup. */
export const PreparedBackupKey = {
  StorageLocationLabel: 'velero.io/storage-location',
  SourceClusterGitVersion: 'velero.io/source-cluster-k8s-gitversion',
  SourceClusterMajorVersion: 'velero.io/source-cluster-k8s-major-version',
  SourceClusterMinorVersion: 'velero.io/source-cluster-k8s-minor-version',
  ResourceTimeout: 'velero.io/resource-timeout',
  GlobalVolumePolicyConfigMap: 'velero.io/global-backup-volume-policy-configmap',
} as const;

/** CSI snapshot objects Velero never collects as items (it backs up the ones it creates itself). */
export const autoExcludedResources = {
  namespaced: ['volumesnapshots.snapshot.storage.k8s.io'],
  cluster: ['volumesnapshotcontents.snapshot.storage.k8s.io'],
} as const;

/** Velero's `--resource-timeout` default (10m). */
export const defaultResourceTimeoutNs = 600_000_000_000n;

/** Everything the preparation reads. */
export interface PrepareBackupInput {
  readonly spec: BackupSpec;
  readonly labels?: Readonly<Record<string, string>> | undefined;
  readonly annotations?: Readonly<Record<string, string>> | undefined;
  /** `validateBackup`'s result: non-empty makes the Backup FailedValidation. */
  readonly validationErrors: readonly string[];
  /** The location chosen by `chooseStorageLocation`. */
  readonly storageLocation: string;
  /** Namespaces labelled `velero.io/exclude-from-backup=true` (appended to `excludedNamespaces`). */
  readonly namespacesExcludedByLabel?: readonly string[] | undefined;
  readonly serverDefaults?: BackupServerDefaults | undefined;
  /** The API server's version (discovery), for the source-cluster annotations. */
  readonly serverVersion?: { readonly gitVersion: string; readonly major: string; readonly minor: string } | undefined;
  /** `--resource-timeout`, written as the resource-timeout annotation (default 10m). */
  readonly resourceTimeoutNs?: bigint | undefined;
  /** The global volume-policies ConfigMap, when configured and loaded without error. */
  readonly globalVolumePoliciesConfigMap?: string | undefined;
  readonly now: Date;
}

/** The Backup's metadata, spec and status after preparation. */
export interface PreparedBackup {
  readonly labels: Record<string, string>;
  readonly annotations: Record<string, string>;
  readonly spec: BackupSpec;
  readonly status: BackupStatus;
}

/**
 * Velero's `modifyResourceIncludeExclude` on two spec fields: the auto-excludes added to the
 * excludes, includes that are excluded dropped. An absent include list stays absent.
 */
function withExcluded(spec: BackupSpec, includeKey: FilterKey, excludeKey: FilterKey, added: readonly string[]): Partial<BackupSpec> {
  const exclude = spec[excludeKey] ?? [];
  const excludes = [...exclude, ...added.filter((item) => !exclude.includes(item))];
  const include = spec[includeKey];
  return { ...(include ? { [includeKey]: include.filter((item) => !excludes.includes(item)) } : {}), [excludeKey]: excludes };
}

type FilterKey =
  | 'includedResources'
  | 'excludedResources'
  | 'includedClusterScopedResources'
  | 'excludedClusterScopedResources'
  | 'includedNamespaceScopedResources'
  | 'excludedNamespaceScopedResources';

function preparedFilters(spec: BackupSpec): Partial<BackupSpec> {
  if (usesOldResourceFilters(spec)) {
    if (validateIncludesExcludes(spec.includedResources, spec.excludedResources).length > 0) return {};
    return withExcluded(spec, 'includedResources', 'excludedResources', [
      ...autoExcludedResources.namespaced,
      ...autoExcludedResources.cluster,
    ]);
  }
  const clusterValid =
    validateScopedIncludesExcludes(spec.includedClusterScopedResources, spec.excludedClusterScopedResources).length === 0;
  const namespacedValid =
    validateScopedIncludesExcludes(spec.includedNamespaceScopedResources, spec.excludedNamespaceScopedResources).length === 0;
  return {
    ...(clusterValid
      ? withExcluded(spec, 'includedClusterScopedResources', 'excludedClusterScopedResources', autoExcludedResources.cluster)
      : {}),
    ...(namespacedValid
      ? withExcluded(spec, 'includedNamespaceScopedResources', 'excludedNamespaceScopedResources', autoExcludedResources.namespaced)
      : {}),
  };
}

function preparedSpec(input: PrepareBackupInput): BackupSpec {
  const defaulted = defaultedBackupSpec(
    { ...input.spec, storageLocation: input.storageLocation },
    input.serverDefaults ?? veleroServerDefaults,
  );
  const labelled = input.namespacesExcludedByLabel ?? [];
  return {
    ...defaulted,
    ...(labelled.length > 0 ? { excludedNamespaces: [...(defaulted.excludedNamespaces ?? []), ...labelled] } : {}),
    ...preparedFilters(defaulted),
    includedNamespaces: defaulted.includedNamespaces?.length ? defaulted.includedNamespaces : ['*'],
  };
}

function preparedAnnotations(input: PrepareBackupInput): Record<string, string> {
  const annotations: Record<string, string> = { ...input.annotations };
  if (input.serverVersion) {
    annotations[PreparedBackupKey.SourceClusterGitVersion] = input.serverVersion.gitVersion;
    annotations[PreparedBackupKey.SourceClusterMajorVersion] = input.serverVersion.major;
    annotations[PreparedBackupKey.SourceClusterMinorVersion] = input.serverVersion.minor;
  }
  annotations[PreparedBackupKey.ResourceTimeout] = formatDuration(input.resourceTimeoutNs ?? defaultResourceTimeoutNs);
  if (input.globalVolumePoliciesConfigMap) annotations[PreparedBackupKey.GlobalVolumePolicyConfigMap] = input.globalVolumePoliciesConfigMap;
  return annotations;
}

/**
 * The Backup as Velero stores it once prepared: spec defaulted (`defaultedBackupSpec`), the
 * chosen storage location, `includedNamespaces` `["*"]` when empty, labelled namespaces added to
 * the excludes, the CSI VolumeSnapshot/VolumeSnapshotContent resources added to the excluded
 * resources (only for lists that validated); label `velero.io/storage-location` (GetValidName);
 * source-cluster version and resource-timeout annotations; status version 1, formatVersion
 * 1.1.0, expiration now + ttl, and phase FailedValidation with the errors or InProgress with
 * startTimestamp now. Pure; returns new objects.
 */
export function prepareBackup(input: PrepareBackupInput): PreparedBackup {
  const spec = preparedSpec(input);
  const ttl = parseDuration(spec.ttl ?? '');
  const failed = input.validationErrors.length > 0;
  return {
    labels: { ...input.labels, [PreparedBackupKey.StorageLocationLabel]: veleroLabelValue(input.storageLocation) },
    annotations: preparedAnnotations(input),
    spec,
    status: {
      version: backupStatusVersion,
      formatVersion: backupFormatVersion,
      ...(ttl.ok ? { expiration: expirationOf(input.now, ttl.nanoseconds) } : {}),
      phase: failed ? BackupPhase.FailedValidation : BackupPhase.InProgress,
      ...(failed ? { validationErrors: [...input.validationErrors] } : { startTimestamp: kubeTimestamp(input.now) }),
    },
  };
}
