// The order a restore creates resource types in: Velero's `--restore-resource-priorities`
// (pkg/types/priority.go) and `getOrderedResources` — the high list in order, then every other
// backed-up resource alphabetically, then the low list (reference §8).
import { RestoreRuleError, RestoreRuleErrorCode } from '../errors';

/** High and low priorities; names may be short (`po`) until discovery resolves them. */
export interface RestorePriorities {
  readonly high: readonly string[];
  readonly low: readonly string[];
}

/** Velero's default `--restore-resource-priorities` (reference §8, `volumesnapshotclass` singular as upstream). */
export const defaultRestorePriorities: RestorePriorities = {
  high: [
    'customresourcedefinitions',
    'namespaces',
    'storageclasses',
    'volumesnapshotclass.snapshot.storage.k8s.io',
    'volumesnapshotcontents.snapshot.storage.k8s.io',
    'volumesnapshots.snapshot.storage.k8s.io',
    'datauploads.velero.io',
    'persistentvolumes',
    'persistentvolumeclaims',
    'clusterroles',
    'roles',
    'serviceaccounts',
    'clusterrolebindings',
    'rolebindings',
    'secrets',
    'configmaps',
    'limitranges',
    'priorityclasses',
    'pods',
    'replicasets.apps',
    'clusterclasses.cluster.x-k8s.io',
    'endpoints',
    'services',
  ],
  low: [
    'clusterbootstraps.run.tanzu.vmware.com',
    'clusters.cluster.x-k8s.io',
    'clusterresourcesets.addons.cluster.x-k8s.io',
    'apps.kappctrl.k14s.io',
    'packageinstalls.packaging.carvel.dev',
  ],
};

const separator = '-';

/**
 * Velero's `Priorities.Set`: a comma list, a single `-` separating high from low; `""` = none.
 * Throws RESTORE_INVALID_PRIORITIES on a second separator. Pure.
 */
export function parseRestorePriorities(text: string): RestorePriorities {
  if (text === '') return { high: [], low: [] };
  const items = text.split(',');
  const at = items.indexOf(separator);
  if (at === -1) return { high: items, low: [] };
  if (items.indexOf(separator, at + 1) !== -1) {
    throw new RestoreRuleError(RestoreRuleErrorCode.InvalidPriorities, `multiple priority separator "${separator}" found`);
  }
  return { high: items.slice(0, at), low: items.slice(at + 1) };
}

/**
 * Velero's `--restore-resource-priorities` flag given `text`, as the server ends up with it: the
 * flag's `Set` runs over the default value and assigns only the parts `text` names, so `""` and a
 * lone `-` keep {@link defaultRestorePriorities}, a list without `-` replaces the high list and
 * keeps the default low one, `-,x` replaces only the low list and `x,-` only the high one.
 * Stricter than Velero where it would silently misorder: an empty entry (`a,,b`, a trailing comma)
 * or an entry with blanks (`pods, services`) never names a resource, so it is refused. Throws
 * RESTORE_INVALID_PRIORITIES naming the entry and the fix. Pure.
 */
export function restorePrioritiesFromFlag(text: string, defaults: RestorePriorities = defaultRestorePriorities): RestorePriorities {
  if (text === '') return defaults;
  const items = text.split(',');
  const bad = items.findIndex((item) => item === '' || /\s/.test(item));
  if (bad !== -1) {
    throw new RestoreRuleError(
      RestoreRuleErrorCode.InvalidPriorities,
      `entry ${bad + 1} (${JSON.stringify(items[bad])}) is not a resource name: list resources separated by commas only, without blanks or empty entries (e.g. "namespaces,pods,-,clusters.cluster.x-k8s.io")`,
    );
  }
  const parsed = parseRestorePriorities(text);
  const at = items.indexOf(separator);
  return {
    high: at === 0 ? defaults.high : parsed.high,
    low: at === -1 || at === items.length - 1 ? defaults.low : parsed.low,
  };
}

/** Velero's `Priorities.String`. Pure. */
export function formatRestorePriorities(priorities: RestorePriorities): string {
  return [...priorities.high, ...(priorities.low.length > 0 ? [separator, ...priorities.low] : [])].join(',');
}

/**
 * Velero's `getOrderedResources`: the high priorities, then the backed-up resources that are in
 * neither list sorted by bytes, then the low priorities. Entries may repeat later resolved names;
 * the caller skips a resource already processed. Pure.
 */
export function orderedResources(priorities: RestorePriorities, backedUp: Iterable<string>): string[] {
  const prioritized = new Set([...priorities.high, ...priorities.low]);
  const middle = [...backedUp].filter((resource) => !prioritized.has(resource)).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return [...priorities.high, ...middle, ...priorities.low];
}
