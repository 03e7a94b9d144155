// Phase 2 (velero pkg/restore/restore.go execute and processSelectedResource): the selected
// resources in order, each resource's items through a bounded pool (items of one resource do not
// depend on each other; the next resource starts when the previous one is done), namespace items
// only making sure their (mapped) namespace exists, progress counted per processed item.
import { RestorePassCounter, mappedNamespace, type RestoreProgress } from '@ferry/restore';
import { mapWithLimit } from '@ferry/resource-backup';
import { decodeItem, restoreItem } from './item-restorer';
import { ensureNamespace } from './namespace-ensurer';
import type { SelectedResource } from './restore-collection';
import type { RestoreContext } from './restore-context';

/** One item of a pass: where it is in the backup and where it goes. */
interface PassItem {
  readonly namespace: string;
  readonly targetNamespace: string;
  readonly name: string;
}

async function processItem(context: RestoreContext, resource: string, item: PassItem): Promise<boolean> {
  if (resource === 'namespaces') {
    const target = mappedNamespace(context.settings.namespaceMapping, item.name) ?? item.name;
    await ensureNamespace(context, item.name, target);
    return false;
  }
  if (item.targetNamespace !== '' && !(await ensureNamespace(context, item.namespace, item.targetNamespace))) return false;
  const dir = context.versionDirs.get(resource) ?? '';
  const path = `resources/${resource}/${dir === '' ? '' : `${dir}/`}${item.namespace === '' ? 'cluster' : `namespaces/${item.namespace}`}/${item.name}.json`;
  const body = await context.spool.read(resource, dir, item.namespace, item.name);
  const parsed = body ? decodeItem(context, body, path, item.targetNamespace) : undefined;
  if (!parsed) {
    if (!body) context.results.namespace('errors', item.targetNamespace, `error decoding "${path}": no such file`);
    return false;
  }
  await restoreItem(context, parsed, resource, item.targetNamespace);
  return true;
}

/**
 * Runs one pass over `collection` with at most `parallel` items of a resource at once;
 * `onProgress` (undefined for the CRD pass) gets Velero's counters after every processed item.
 */
export async function runRestorePass(
  context: RestoreContext,
  collection: readonly SelectedResource[],
  parallel: number,
  onProgress?: (progress: RestoreProgress) => void,
): Promise<void> {
  const counter = new RestorePassCounter(collection.reduce((sum, resource) => sum + resource.totalItems, 0));
  for (const selected of collection) {
    const items = selected.byNamespace.flatMap((group) =>
      group.names.map((name) => ({ namespace: group.namespace, targetNamespace: group.targetNamespace, name })),
    );
    await mapWithLimit(items, parallel, async (item) => {
      if (context.signal.aborted) return;
      if (!(await processItem(context, selected.resource, item))) return;
      const progress = counter.processedOne(context.restored.size);
      onProgress?.(progress);
      context.log.write(
        'info',
        `Restored ${progress.itemsRestored} items out of an estimated total of ${progress.totalItems} (estimate will change throughout the restore)`,
        {
          progress: '',
          resource: selected.resource,
          namespace: item.targetNamespace,
          name: item.name,
        },
      );
    });
  }
}
