// `restore create` flags → the Restore Velero's CLI submits (pkg/cmd/cli/restore/create.go):
// exactly one of --from-backup / --from-schedule, the name `<source>-<yyyyMMddHHmmss>` when none
// is given, namespace mappings `src:dst,…`, existing-resource-policy none|update. Pure.
import { ExistingResourcePolicy, type Restore } from '@ferry/api';
import { scheduledBackupName } from '@ferry/backup';
import { metadataFromFlags } from './backup-flags';
import { allOk, durationFlag, labelSelectorFlag, mapFlag, optionalBool, type FlagResult } from './flag-values';

/** The raw option values of `restore create`. */
export interface RestoreFlagValues {
  readonly fromBackup?: string;
  readonly fromSchedule?: string;
  readonly includeNamespaces?: string[];
  readonly excludeNamespaces?: string[];
  readonly includeResources?: string[];
  readonly excludeResources?: string[];
  readonly namespaceMappings?: string;
  readonly existingResourcePolicy?: string;
  readonly restoreVolumes?: string | boolean;
  readonly preserveNodeports?: string | boolean;
  readonly includeClusterResources?: string | boolean;
  readonly selector?: string;
  readonly labels?: string;
  readonly annotations?: string;
  readonly itemOperationTimeout?: string;
}

/** The restore name Velero's CLI picks: `<backup or schedule>-<yyyyMMddHHmmss>` of `atMs` (UTC). */
export const defaultRestoreName = (source: string, atMs: number): string => scheduledBackupName(source, atMs);

const nonEmpty = (values: readonly string[] | undefined): values is string[] => values !== undefined && values.length > 0;

function sourceOf(values: RestoreFlagValues): FlagResult<{ backupName?: string; scheduleName?: string }> {
  if (values.fromBackup && values.fromSchedule)
    return { ok: false, message: 'either a backup or schedule must be specified, but not both: use --from-backup or --from-schedule' };
  if (!values.fromBackup && !values.fromSchedule)
    return { ok: false, message: 'either a backup or schedule must be specified: use --from-backup NAME or --from-schedule NAME' };
  return { ok: true, value: values.fromBackup ? { backupName: values.fromBackup } : { scheduleName: values.fromSchedule ?? '' } };
}

/** The Restore `restore create [NAME] [flags]` submits, or the first flag error. */
export function restoreFromFlags(
  namespace: string,
  name: string | undefined,
  values: RestoreFlagValues,
  nowMs: number,
): FlagResult<Restore> {
  const source = sourceOf(values);
  if (!source.ok) return source;
  const policy = values.existingResourcePolicy;
  if (policy && !Object.values(ExistingResourcePolicy).includes(policy as ExistingResourcePolicy)) {
    return { ok: false, message: `existing-resource-policy has invalid value "${policy}", it accepts only none, update as value` };
  }
  const parsed = allOk({
    mappings: mapFlag('namespace-mappings', values.namespaceMappings, ',', ':'),
    restoreVolumes: optionalBool('restore-volumes', values.restoreVolumes),
    preserveNodePorts: optionalBool('preserve-nodeports', values.preserveNodeports),
    includeClusterResources: optionalBool('include-cluster-resources', values.includeClusterResources),
    selector: labelSelectorFlag('selector', values.selector),
    itemOperationTimeout: durationFlag('item-operation-timeout', values.itemOperationTimeout),
    metadata: metadataFromFlags(values),
  });
  if (!parsed.ok) return parsed;
  const v = parsed.value;
  const restoreName = name ?? defaultRestoreName(source.value.backupName ?? source.value.scheduleName ?? '', nowMs);
  return {
    ok: true,
    value: {
      apiVersion: 'velero.io/v1',
      kind: 'Restore',
      metadata: { namespace, name: restoreName, ...v.metadata },
      spec: {
        ...source.value,
        includedNamespaces: values.includeNamespaces ?? ['*'],
        ...(nonEmpty(values.excludeNamespaces) ? { excludedNamespaces: values.excludeNamespaces } : {}),
        ...(nonEmpty(values.includeResources) ? { includedResources: values.includeResources } : {}),
        ...(nonEmpty(values.excludeResources) ? { excludedResources: values.excludeResources } : {}),
        ...(policy ? { existingResourcePolicy: policy } : {}),
        ...(v.mappings ? { namespaceMapping: v.mappings } : {}),
        ...(v.selector ? { labelSelector: v.selector } : {}),
        ...(v.restoreVolumes !== undefined ? { restorePVs: v.restoreVolumes } : {}),
        ...(v.preserveNodePorts !== undefined ? { preserveNodePorts: v.preserveNodePorts } : {}),
        ...(v.includeClusterResources !== undefined ? { includeClusterResources: v.includeClusterResources } : {}),
        itemOperationTimeout: v.itemOperationTimeout,
        uploaderConfig: {},
      },
    },
  };
}
