// `backup create` / `schedule create` flags → the Backup spec Velero's CLI builds
// (pkg/cmd/cli/backup/create.go BuildBackup): include-namespaces defaults to `*`, durations are
// sent as Go text (`0s` when unset: the server applies its defaults), optional booleans only when
// given, the resource-policies ConfigMap as kind `configmap`. Pure.
import type { Backup, BackupSpec } from '@ferry/api';
import { validateNamespaceIncludesExcludes } from '@ferry/backup';
import { allOk, durationFlag, labelSelectorFlag, mapFlag, optionalBool, type FlagResult } from './flag-values';

/** The raw option values of the backup flags, as commander hands them over. */
export interface BackupFlagValues {
  readonly includeNamespaces?: string[];
  readonly excludeNamespaces?: string[];
  readonly includeResources?: string[];
  readonly excludeResources?: string[];
  readonly includeClusterResources?: string | boolean;
  readonly selector?: string;
  readonly labels?: string;
  readonly annotations?: string;
  readonly snapshotVolumes?: string | boolean;
  readonly snapshotMoveData?: string | boolean;
  readonly defaultVolumesToFsBackup?: string | boolean;
  readonly resourcePoliciesConfigmap?: string;
  readonly storageLocation?: string;
  readonly dataMover?: string;
  readonly ttl?: string;
  readonly csiSnapshotTimeout?: string;
  readonly itemOperationTimeout?: string;
}

/** Velero's ConfigmapRefType. */
const configMapKind = 'configmap';

const nonEmpty = (values: readonly string[] | undefined): values is string[] => values !== undefined && values.length > 0;

/** The Backup spec of `values`, or the first flag error (naming the flag and the fix). */
export function backupSpecFromFlags(values: BackupFlagValues): FlagResult<BackupSpec> {
  const parsed = allOk({
    selector: labelSelectorFlag('selector', values.selector),
    snapshotVolumes: optionalBool('snapshot-volumes', values.snapshotVolumes),
    snapshotMoveData: optionalBool('snapshot-move-data', values.snapshotMoveData),
    defaultVolumesToFsBackup: optionalBool('default-volumes-to-fs-backup', values.defaultVolumesToFsBackup),
    includeClusterResources: optionalBool('include-cluster-resources', values.includeClusterResources),
    ttl: durationFlag('ttl', values.ttl),
    csiSnapshotTimeout: durationFlag('csi-snapshot-timeout', values.csiSnapshotTimeout),
    itemOperationTimeout: durationFlag('item-operation-timeout', values.itemOperationTimeout),
  });
  if (!parsed.ok) return parsed;
  const included = values.includeNamespaces ?? ['*'];
  const namespaceErrors = validateNamespaceIncludesExcludes(included, values.excludeNamespaces ?? []);
  if (namespaceErrors.length > 0) {
    return { ok: false, message: `invalid --include-namespaces/--exclude-namespaces: ${namespaceErrors.join('; ')}` };
  }
  const v = parsed.value;
  const spec: BackupSpec = {
    includedNamespaces: included,
    ...(nonEmpty(values.excludeNamespaces) ? { excludedNamespaces: values.excludeNamespaces } : {}),
    ...(nonEmpty(values.includeResources) ? { includedResources: values.includeResources } : {}),
    ...(nonEmpty(values.excludeResources) ? { excludedResources: values.excludeResources } : {}),
    ...(v.selector ? { labelSelector: v.selector } : {}),
    ...(v.includeClusterResources !== undefined ? { includeClusterResources: v.includeClusterResources } : {}),
    ...(v.snapshotVolumes !== undefined ? { snapshotVolumes: v.snapshotVolumes } : {}),
    ...(v.snapshotMoveData !== undefined ? { snapshotMoveData: v.snapshotMoveData } : {}),
    ...(v.defaultVolumesToFsBackup !== undefined ? { defaultVolumesToFsBackup: v.defaultVolumesToFsBackup } : {}),
    ...(values.storageLocation ? { storageLocation: values.storageLocation } : {}),
    ...(values.dataMover ? { datamover: values.dataMover } : {}),
    ...(values.resourcePoliciesConfigmap ? { resourcePolicy: { kind: configMapKind, name: values.resourcePoliciesConfigmap } } : {}),
    ttl: v.ttl,
    csiSnapshotTimeout: v.csiSnapshotTimeout,
    itemOperationTimeout: v.itemOperationTimeout,
    hooks: {},
  };
  return { ok: true, value: spec };
}

/** The object metadata flags (`--labels`, `--annotations`) of a create. */
export function metadataFromFlags(
  values: Pick<BackupFlagValues, 'labels' | 'annotations'>,
): FlagResult<{ labels?: Record<string, string>; annotations?: Record<string, string> }> {
  const parsed = allOk({ labels: mapFlag('labels', values.labels), annotations: mapFlag('annotations', values.annotations) });
  if (!parsed.ok) return parsed;
  return {
    ok: true,
    value: {
      ...(parsed.value.labels ? { labels: parsed.value.labels } : {}),
      ...(parsed.value.annotations ? { annotations: parsed.value.annotations } : {}),
    },
  };
}

/** The Backup `backup create NAME [flags]` submits, or the first flag error. */
export function backupFromFlags(namespace: string, name: string, values: BackupFlagValues): FlagResult<Backup> {
  const spec = backupSpecFromFlags(values);
  if (!spec.ok) return spec;
  const metadata = metadataFromFlags(values);
  if (!metadata.ok) return metadata;
  return {
    ok: true,
    value: { apiVersion: 'velero.io/v1', kind: 'Backup', metadata: { namespace, name, ...metadata.value }, spec: spec.value },
  };
}
