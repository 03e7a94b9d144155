// The `spec` section of Velero's structured backup describer (DescribeBackupSpecInSF): the
// namespace and resource filters, label selector, storage location, snapshot settings, durations,
// hooks and ordered resources, with Velero's keys (`TTL`, `onError:` and all). Pure.
import type { BackupSpec } from '@ferry/api';
import type { GoJsonObject } from '../format/go-json';
import { boolPointerString, emptyDisplay, formatLabelSelector } from '../format/go-values';
import { goDuration, joinedOr } from './backup-spec-section';

type HookSpec = NonNullable<NonNullable<NonNullable<BackupSpec['hooks']>['resources']>>[number];
type ExecHook = NonNullable<HookSpec['pre']>[number];

/** Included (`*` when none) and excluded (`<none>` when none), joined by `, `. */
const filter = (included: readonly string[] | null | undefined, excluded: readonly string[] | null | undefined): GoJsonObject => ({
  included: joinedOr(included, '*'),
  excluded: joinedOr(excluded, emptyDisplay),
});

const execHooks = (hooks: readonly ExecHook[] | undefined): GoJsonObject[] =>
  (hooks ?? []).map(({ exec }) => ({
    container: exec.container ?? '',
    command: exec.command.join(' '),
    'onError:': exec.onError ?? '',
    timeout: goDuration(exec.timeout),
  }));

/** One hook spec as Velero's structured describer keys it (under the hook's name). */
function describeHook(hook: HookSpec): GoJsonObject {
  return {
    namespaces: filter(hook.includedNamespaces, hook.excludedNamespaces),
    resources: filter(hook.includedResources, hook.excludedResources),
    labelSelector: hook.labelSelector ? formatLabelSelector(hook.labelSelector) : emptyDisplay,
    preExecHook: execHooks(hook.pre),
    postExecHook: execHooks(hook.post),
  };
}

/**
 * The `spec` document of `backup describe -o json`. Velero keeps only the old resource filters,
 * prints `<none>` for an unset data mover (the text describer says `velero`), adds `hooks` only
 * when a hook is set and `orderedResources` only when the map is.
 */
export function structuredBackupSpec(spec: BackupSpec): GoJsonObject {
  const hooks = spec.hooks?.resources ?? [];
  return {
    namespaces: filter(spec.includedNamespaces, spec.excludedNamespaces),
    resources: {
      ...filter(spec.includedResources, spec.excludedResources),
      clusterScoped: boolPointerString(spec.includeClusterResources, 'excluded', 'included', 'auto'),
    },
    labelSelector: spec.labelSelector ? formatLabelSelector(spec.labelSelector) : emptyDisplay,
    storageLocation: spec.storageLocation ?? '',
    veleroNativeSnapshotPVs: boolPointerString(spec.snapshotVolumes, 'false', 'true', 'auto'),
    veleroSnapshotMoveData: boolPointerString(spec.snapshotMoveData, 'false', 'true', 'auto'),
    dataMover: spec.datamover || emptyDisplay,
    TTL: goDuration(spec.ttl),
    CSISnapshotTimeout: goDuration(spec.csiSnapshotTimeout),
    // Object.fromEntries: a hook named like an Object.prototype key stays an own key, later names win as in Go's map.
    ...(hooks.length > 0 ? { hooks: { resources: Object.fromEntries(hooks.map((hook) => [hook.name, describeHook(hook)])) } } : {}),
    ...(spec.orderedResources ? { orderedResources: { ...spec.orderedResources } } : {}),
  };
}
