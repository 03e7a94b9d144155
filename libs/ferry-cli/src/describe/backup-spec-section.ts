// `DescribeBackupSpec` of Velero's backup describer: namespaces, resources (old or scoped
// filters), selectors, storage location, volume settings, durations, hooks, ordered resources. Pure.
import type { BackupSpec } from '@ferry/api';
import { usesOldResourceFilters } from '@ferry/backup';
import { formatDuration, parseDuration } from '@ferry/kube-values';
import { boolPointerString, emptyDisplay, formatLabelSelector } from '../format/go-values';
import type { Describer } from './describer';

/** Velero's default data mover name. */
const defaultDataMover = 'velero';

/** `strings.Join` of a list, or `fallback` when it is empty. */
export const joinedOr = (values: readonly string[] | null | undefined, fallback: string): string =>
  values && values.length > 0 ? values.join(', ') : fallback;

/** A `metav1.Duration` as Go prints it (`720h0m0s`; unset or unparsable → `0s`). */
export function goDuration(text: string | undefined | null): string {
  const parsed = parseDuration(text ?? '0s');
  return formatDuration(parsed.ok ? parsed.nanoseconds : 0n);
}

function describeResources(d: Describer, spec: BackupSpec): void {
  d.print('Resources:\n');
  if (usesOldResourceFilters(spec)) {
    d.print(`\tIncluded:\t${joinedOr(spec.includedResources, '*')}\n`);
    d.print(`\tExcluded:\t${joinedOr(spec.excludedResources, emptyDisplay)}\n`);
    d.print(`\tCluster-scoped:\t${boolPointerString(spec.includeClusterResources, 'excluded', 'included', 'auto')}\n`);
    return;
  }
  d.print(`\tIncluded cluster-scoped:\t${joinedOr(spec.includedClusterScopedResources, emptyDisplay)}\n`);
  d.print(`\tExcluded cluster-scoped:\t${joinedOr(spec.excludedClusterScopedResources, emptyDisplay)}\n`);
  d.print(`\tIncluded namespace-scoped:\t${joinedOr(spec.includedNamespaceScopedResources, '*')}\n`);
  d.print(`\tExcluded namespace-scoped:\t${joinedOr(spec.excludedNamespaceScopedResources, emptyDisplay)}\n`);
}

type HookSpec = NonNullable<NonNullable<NonNullable<BackupSpec['hooks']>['resources']>>[number];

function describeHook(d: Describer, hook: HookSpec): void {
  d.print(`\t\t${hook.name}:\n`);
  d.print('\t\t\tNamespaces:\n');
  d.print(`\t\t\t\tIncluded:\t${joinedOr(hook.includedNamespaces, '*')}\n`);
  d.print(`\t\t\t\tExcluded:\t${joinedOr(hook.excludedNamespaces, emptyDisplay)}\n`);
  d.line();
  d.print('\t\t\tResources:\n');
  d.print(`\t\t\t\tIncluded:\t${joinedOr(hook.includedResources, '*')}\n`);
  d.print(`\t\t\t\tExcluded:\t${joinedOr(hook.excludedResources, emptyDisplay)}\n`);
  d.line();
  d.print(`\t\t\tLabel selector:\t${hook.labelSelector ? formatLabelSelector(hook.labelSelector) : emptyDisplay}\n`);
  for (const [title, hooks] of [
    ['Pre', hook.pre],
    ['Post', hook.post],
  ] as const) {
    for (const { exec } of hooks ?? []) {
      d.line();
      d.print(`\t\t\t${title} Exec Hook:\n`);
      d.print(`\t\t\t\tContainer:\t${exec.container ?? ''}\n`);
      d.print(`\t\t\t\tCommand:\t${exec.command.join(' ')}\n`);
      d.print(`\t\t\t\tOn Error:\t${exec.onError ?? ''}\n`);
      d.print(`\t\t\t\tTimeout:\t${goDuration(exec.timeout)}\n`);
    }
  }
}

/**
 * What Velero's backup and schedule describers print after the phase: the resource policies
 * (`DescribeResourcePolicies`), the uploader config when parallel files upload is set, and the
 * validation errors (Velero's missing newline after `Validation errors:` kept).
 */
export function describeTemplateSettings(d: Describer, spec: BackupSpec, validationErrors: readonly string[] | null | undefined): void {
  if (spec.resourcePolicy) {
    d.line();
    d.print('Resource policies:\n');
    d.print(`\tType:\t${spec.resourcePolicy.kind}\n`);
    d.print(`\tName:\t${spec.resourcePolicy.name}\n`);
  }
  if ((spec.uploaderConfig?.parallelFilesUpload ?? 0) > 0) {
    d.line();
    d.print('Uploader config:\n');
    d.print(`\tParallel files upload:\t${spec.uploaderConfig?.parallelFilesUpload ?? 0}\n`);
  }
  if (validationErrors && validationErrors.length > 0) {
    d.line();
    d.print('Validation errors:');
    for (const error of validationErrors) d.print(`\t${error}\n`);
  }
}

/** Prints the spec part of `velero backup describe`. */
export function describeBackupSpec(d: Describer, spec: BackupSpec): void {
  d.print('Namespaces:\n');
  d.print(`\tIncluded:\t${joinedOr(spec.includedNamespaces, '*')}\n`);
  d.print(`\tExcluded:\t${joinedOr(spec.excludedNamespaces, emptyDisplay)}\n`);
  d.line();
  describeResources(d, spec);
  d.line();
  d.print(`Label selector:\t${spec.labelSelector ? formatLabelSelector(spec.labelSelector) : emptyDisplay}\n`);
  d.line();
  const or = spec.orLabelSelectors ?? [];
  d.print(`Or label selector:\t${or.length === 0 ? emptyDisplay : or.map((s) => formatLabelSelector(s)).join(' or ')}\n`);
  d.line();
  d.print(`Storage Location:\t${spec.storageLocation ?? ''}\n`);
  d.line();
  d.print(`Velero-Native Snapshot PVs:\t${boolPointerString(spec.snapshotVolumes, 'false', 'true', 'auto')}\n`);
  if (spec.defaultVolumesToFsBackup !== undefined && spec.defaultVolumesToFsBackup !== null) {
    d.print(`File System Backup (Default):\t${boolPointerString(spec.defaultVolumesToFsBackup, 'false', 'true', '')}\n`);
  }
  d.print(`Snapshot Move Data:\t${boolPointerString(spec.snapshotMoveData, 'false', 'true', 'auto')}\n`);
  d.print(`Data Mover:\t${spec.datamover || defaultDataMover}\n`);
  d.line();
  d.print(`TTL:\t${goDuration(spec.ttl)}\n`);
  d.line();
  d.print(`CSISnapshotTimeout:\t${goDuration(spec.csiSnapshotTimeout)}\n`);
  d.print(`ItemOperationTimeout:\t${goDuration(spec.itemOperationTimeout)}\n`);
  d.line();
  const hooks = spec.hooks?.resources ?? [];
  if (hooks.length === 0) {
    d.print(`Hooks:\t${emptyDisplay}\n`);
  } else {
    d.print('Hooks:\n');
    d.print('\tResources:\n');
    for (const hook of hooks) describeHook(d, hook);
  }
  if (spec.orderedResources) {
    d.line();
    d.print('OrderedResources:\n');
    for (const [kind, order] of Object.entries(spec.orderedResources)) d.print(`\t${kind}: ${order}\n`);
  }
}
