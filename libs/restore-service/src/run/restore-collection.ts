// Phase 1 after the spool (velero pkg/restore/restore.go getOrderedResourceCollection and
// getSelectedRestoreableItems): resource types in priority order, resolved through discovery,
// filtered by the restore's resource, namespace and scope rules; where a label selector or filter
// policy looks at labels, each item read once to apply it (only its name is kept); the version
// directory per resource chosen as prioritize_group_version.go does.
import type { DiscoveredGroup } from '@ferry/backup';
import {
  chooseGroupVersion,
  isPreferredVersionDir,
  mappedNamespace,
  orderedResources,
  stringMapOf,
  versionOfDir,
  type RestorePriorities,
} from '@ferry/restore';
import { mapWithLimit } from '@ferry/resource-backup';
import type { SpooledBackup } from '../store/backup-spool';
import { decodeItem } from './item-restorer';
import type { RestoreContext } from './restore-context';

/** The selected items of one resource in one backed-up namespace. */
export interface SelectedItems {
  readonly namespace: string;
  readonly targetNamespace: string;
  readonly names: readonly string[];
}

/** One resource's selection (Velero's `restoreableResource`). */
export interface SelectedResource {
  readonly resource: string;
  readonly byNamespace: readonly SelectedItems[];
  readonly totalItems: number;
}

/**
 * The version directory to read per backed-up resource: where the backup has version
 * directories (format 1.1.0), Velero's choice against the target's groups; else the legacy path.
 */
export function chooseVersionDirs(spool: SpooledBackup, targetGroups: readonly DiscoveredGroup[]): Map<string, string> {
  const dirs = new Map<string, string>();
  for (const [resource, versions] of spool.resources) {
    const versionDirs = [...versions.keys()].filter((dir) => dir !== '');
    const preferred = versionDirs.find(isPreferredVersionDir);
    if (!preferred) continue;
    const dot = resource.indexOf('.');
    const group = dot === -1 ? '' : resource.slice(dot + 1);
    const target = targetGroups.find((candidate) => candidate.name === group);
    const chosen = chooseGroupVersion(
      { preferredVersion: versionOfDir(preferred), versions: versionDirs.map(versionOfDir) },
      target && { preferredVersion: target.preferredVersion, versions: target.versions.map((version) => version.version) },
    );
    if (versions.has(chosen.dir)) dirs.set(resource, chosen.dir);
  }
  return dirs;
}

/** The namespaces holding items in the backup (Velero's extractNamespacesFromBackup). */
export function backupNamespaces(spool: SpooledBackup): string[] {
  const found = new Set<string>();
  for (const resource of spool.resources.keys())
    for (const namespace of spool.namespaces(resource, '')) if (namespace !== '') found.add(namespace);
  return [...found];
}

/** Items read at once while selecting (reads of the local spool file, no API requests). */
const selectionReads = 16;

async function selectedNames(context: RestoreContext, resource: string, namespace: string, target: string): Promise<string[]> {
  const names = context.spool.names(resource, '', namespace);
  // No selector looks at these items' labels: they are read once, when restored (a body that cannot
  // be decoded is reported then, with the same message).
  if (!context.selection.selectsByLabels(resource, namespace))
    return names.filter((name) => context.selection.selectsItem(resource, namespace, name, undefined));
  const dir = context.versionDirs.get(resource) ?? '';
  const selected = await mapWithLimit(names, selectionReads, async (name) => {
    const body = await context.spool.read(resource, dir, namespace, name);
    const path = `resources/${resource}/${dir === '' ? '' : `${dir}/`}${namespace === '' ? 'cluster' : `namespaces/${namespace}`}/${name}.json`;
    const item = body && decodeItem(context, body, path, target);
    return item && context.selection.selectsItem(resource, namespace, name, stringMapOf(item, 'labels')) ? name : undefined;
  });
  return selected.filter((name): name is string => name !== undefined);
}

/**
 * Velero's `getOrderedResourceCollection`: `priorities.high` only (`includeAll` false, the CRD
 * pass) or the whole order; resources in `processed` are skipped and the taken ones added to it.
 */
export async function orderedCollection(
  context: RestoreContext,
  priorities: RestorePriorities,
  includeAll: boolean,
  processed: Set<string>,
): Promise<SelectedResource[]> {
  const list = includeAll ? orderedResources(priorities, context.spool.resources.keys()) : priorities.high;
  const collection: SelectedResource[] = [];
  for (const entry of list) {
    const resource = context.catalog.resolve(entry)?.groupResource ?? entry;
    if (processed.has(resource) || !context.selection.includesResource(resource) || !context.spool.resources.get(resource)?.has(''))
      continue;
    const byNamespace: SelectedItems[] = [];
    for (const namespace of context.spool.namespaces(resource, '')) {
      if (!context.selection.includesScope(namespace, resource)) continue;
      const target = namespace === '' ? '' : (mappedNamespace(context.settings.namespaceMapping, namespace) ?? namespace);
      byNamespace.push({ namespace, targetNamespace: target, names: await selectedNames(context, resource, namespace, target) });
    }
    collection.push({ resource, byNamespace, totalItems: byNamespace.reduce((sum, items) => sum + items.names.length, 0) });
    processed.add(resource);
  }
  return collection;
}
