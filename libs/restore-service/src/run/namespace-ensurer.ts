// Velero's EnsureNamespaceExistsAndIsReady (pkg/util/kube/utils.go) for the restore: a target
// namespace that exists is used; one being deleted is waited for (up to the terminating timeout)
// and then created; an absent one is created from the backed-up namespace under its mapped name
// and recorded as a restored item. Same outcomes as Velero's, with the create tried first.
import { isAlreadyExists, isNotFound, sleepUnlessAborted } from '@ferry/kube';
import { ItemRestoreResult, isItemJson, namespaceForRestore, nestedValue, type ItemJson } from '@ferry/restore';
import type { RestoreContext } from './restore-context';
import { restoreApiResources } from '../api/api-resources';

const { namespaces } = restoreApiResources;

async function backedUpNamespace(context: RestoreContext, original: string): Promise<ItemJson | undefined> {
  const body = await context.spool.read('namespaces', '', '', original);
  if (!body) return undefined;
  try {
    const parsed: unknown = JSON.parse(body.toString('utf8'));
    return isItemJson(parsed) ? parsed : undefined;
  } catch {
    context.log.write('warning', 'Error unmarshaling namespace from backup, creating new one.');
    return undefined;
  }
}

const terminating = (namespace: ItemJson): boolean =>
  nestedValue(namespace, 'metadata', 'deletionTimestamp') != null || nestedValue(namespace, 'status', 'phase') === 'Terminating';

async function waitUntilUsable(context: RestoreContext, name: string): Promise<'absent' | 'ready'> {
  const deadline = Date.now() + context.timeouts.terminatingTimeoutMs;
  for (;;) {
    let current: ItemJson;
    try {
      current = await context.api.get(namespaces, '', name, context.signal);
    } catch (error) {
      if (isNotFound(error)) return 'absent';
      throw new Error(`error getting namespace ${name}: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
    }
    if (!terminating(current)) return 'ready';
    if (Date.now() >= deadline) throw new Error(`timed out waiting for terminating namespace ${name} to disappear before restoring`);
    await sleepUnlessAborted(context.timeouts.pollMs, context.signal);
  }
}

async function create(context: RestoreContext, target: string, body: ItemJson): Promise<'created' | 'exists'> {
  try {
    await context.api.create(namespaces, '', body, context.signal);
    return 'created';
  } catch (error) {
    if (isAlreadyExists(error)) return 'exists';
    throw new Error(`error creating namespace ${target}: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
}

/**
 * Velero reads the namespace first and creates it when absent; the create is tried first here (one
 * request for a namespace the restore makes), and only an AlreadyExists answer reads it: a usable
 * one is used, a terminating one is waited for and created again.
 */
async function ensure(context: RestoreContext, original: string, target: string): Promise<boolean> {
  const body = namespaceForRestore(target, await backedUpNamespace(context, original));
  let outcome = await create(context, target, body);
  if (outcome === 'exists') {
    if ((await waitUntilUsable(context, target)) === 'ready') return true;
    outcome = await create(context, target, body);
  }
  if (outcome === 'created') {
    const key = { resource: `${String(body['apiVersion'])}/Namespace`, namespace: '', name: target };
    context.restored.finish(key, ItemRestoreResult.Created);
  }
  return true;
}

/**
 * Makes sure target namespace `target` (backed up as `original`) exists once per run; parallel
 * callers share the one attempt. Resolves false after recording a Velero error when it cannot.
 */
export function ensureNamespace(context: RestoreContext, original: string, target: string): Promise<boolean> {
  const known = context.namespaces.get(target);
  if (known) return known;
  const attempt = ensure(context, original, target).catch((error: unknown) => {
    context.namespaces.delete(target);
    context.results.velero('errors', error instanceof Error ? error.message : String(error));
    return false;
  });
  context.namespaces.set(target, attempt);
  return attempt;
}
