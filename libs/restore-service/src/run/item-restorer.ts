// One item restored as Velero's restoreItem does (pkg/restore/restore.go) — filters, namespace,
// the pure steps of @ferry/restore, additional items, then one API create with the backed-up
// managedFields in the body (the API server keeps managedFields a request sets, so Velero's second
// write, a managedFields patch, is not needed); an AlreadyExists answer is decided against the
// in-cluster object; the status written when `restoreStatus` asks for it.
import { randomInt, randomUUID } from 'node:crypto';
import { isAlreadyExists } from '@ferry/kube';
import { VeleroLabel } from '@ferry/api';
import {
  ItemRestoreResult,
  decideExistingObject,
  execRestoreHookWarnings,
  isItemJson,
  itemNamespaceOf,
  mappedNamespace,
  mappedStorageClasses,
  nameOf,
  prepareRestoreItem,
  resourceKeyOf,
  stringMapOf,
  type AdditionalItem,
  type ItemJson,
  type RestoredItemKey,
} from '@ferry/restore';
import type { ApiResourceRef } from '../api/api-object-client';
import { ensureNamespace } from './namespace-ensurer';
import type { RestoreContext } from './restore-context';
import { waitForCrdEstablished } from './crd-readiness';

const noStorageClassProblems: ReadonlyMap<string, string | undefined> = new Map();

const message = (error: unknown): string => (error instanceof Error ? error.message : String(error));

/** Velero's `getResourceID`. */
const resourceId = (groupResource: string, namespace: string, name: string): string =>
  namespace === '' ? `${groupResource}/${name}` : `${groupResource}/${namespace}/${name}`;

function apiRefOf(context: RestoreContext, item: ItemJson, groupResource: string): ApiResourceRef | undefined {
  const catalogEntry = context.catalog.resolve(groupResource);
  if (!catalogEntry) return undefined;
  const apiVersion = String(item['apiVersion'] ?? '');
  const slash = apiVersion.lastIndexOf('/');
  return {
    group: slash === -1 ? '' : apiVersion.slice(0, slash),
    version: slash === -1 ? apiVersion : apiVersion.slice(slash + 1),
    resource: catalogEntry.resource,
    namespaced: catalogEntry.namespaced,
  };
}

/** Parses a spooled body; undefined after recording the decode error. */
export function decodeItem(context: RestoreContext, body: Buffer, path: string, namespace: string): ItemJson | undefined {
  try {
    const parsed: unknown = JSON.parse(body.toString('utf8'));
    if (isItemJson(parsed)) return parsed;
    throw new Error('not a JSON object');
  } catch (error) {
    context.results.namespace('errors', namespace, `error decoding "${path}": ${message(error)}`);
    return undefined;
  }
}

async function restoreAdditional(context: RestoreContext, additional: AdditionalItem): Promise<void> {
  const body = await context.spool.read(additional.groupResource, '', additional.namespace, additional.name);
  const path = `resources/${additional.groupResource}/${additional.namespace === '' ? 'cluster' : `namespaces/${additional.namespace}`}/${additional.name}.json`;
  if (!body) {
    context.results.namespace('warnings', additional.namespace, `stat ${path}: no such file or directory`);
    return;
  }
  const item = decodeItem(context, body, path, additional.namespace);
  if (!item) return;
  const target =
    additional.namespace === '' ? '' : (mappedNamespace(context.settings.namespaceMapping, additional.namespace) ?? additional.namespace);
  await restoreItem(context, item, additional.groupResource, target);
}

async function writeStatus(
  context: RestoreContext,
  ref: ApiResourceRef,
  created: ItemJson,
  status: unknown,
  namespace: string,
): Promise<void> {
  try {
    await context.api.replaceStatus(ref, namespace, nameOf(created), { ...created, status }, context.signal);
  } catch (error) {
    context.results.namespace('warnings', namespace, message(error));
  }
}

async function onExisting(
  context: RestoreContext,
  ref: ApiResourceRef,
  desired: ItemJson,
  groupResource: string,
  namespace: string,
): Promise<ItemRestoreResult> {
  const name = nameOf(desired);
  let inCluster: ItemJson;
  try {
    inCluster = await context.api.get(ref, namespace, name, context.signal);
  } catch (error) {
    context.results.namespace('warnings', namespace, message(error));
    return ItemRestoreResult.Failed;
  }
  const decision = decideExistingObject(desired, inCluster, groupResource, context.restore.spec?.existingResourcePolicy);
  const ours = stringMapOf(inCluster, 'labels')?.[VeleroLabel.RestoreName] === stringMapOf(desired, 'labels')?.[VeleroLabel.RestoreName];
  if (decision.kind === 'skip') {
    if (decision.warning) context.results.namespace('warnings', namespace, decision.warning);
    if (decision.labelPatch)
      await context.api.mergePatch(ref, namespace, name, decision.labelPatch, context.signal).catch((error: unknown) => {
        context.results.namespace('errors', namespace, message(error));
      });
    // An identical object carrying this restore's label was created by an earlier run of it (restart).
    return !decision.warning && ours ? ItemRestoreResult.Created : decision.warning ? ItemRestoreResult.Failed : ItemRestoreResult.Skipped;
  }
  try {
    await context.api.mergePatch(ref, namespace, name, decision.patch, context.signal);
    return ItemRestoreResult.Updated;
  } catch (error) {
    context.results.namespace('warnings', namespace, message(error));
    if (decision.labelPatch)
      await context.api.mergePatch(ref, namespace, name, decision.labelPatch, context.signal).catch((labelError: unknown) => {
        context.results.namespace('errors', namespace, message(labelError));
      });
    return ItemRestoreResult.Failed;
  }
}

/** What creating an item came to: the outcome, and the object when this call created it. */
interface CreateOutcome {
  readonly outcome: ItemRestoreResult;
  readonly created?: ItemJson;
}

async function createItem(
  context: RestoreContext,
  item: ItemJson,
  status: unknown,
  groupResource: string,
  namespace: string,
): Promise<CreateOutcome> {
  const ref = apiRefOf(context, item, groupResource);
  const id = resourceId(groupResource, namespace, nameOf(item));
  if (!ref) {
    context.results.namespace(
      'warnings',
      namespace,
      `error getting updated resource client for namespace "${namespace}", resource "${groupResource}": the server could not find the requested resource`,
    );
    return { outcome: ItemRestoreResult.Failed };
  }
  let created: ItemJson;
  try {
    created = await context.api.create(ref, namespace, item, context.signal);
  } catch (error) {
    if (isAlreadyExists(error)) return { outcome: await onExisting(context, ref, item, groupResource, namespace) };
    context.results.namespace('errors', namespace, `error restoring ${id}: ${message(error)}`);
    return { outcome: ItemRestoreResult.Failed };
  }
  if (status !== undefined && context.selection.restoresStatus(groupResource, stringMapOf(item, 'annotations'))) {
    await writeStatus(context, ref, created, status, namespace);
  }
  if (groupResource === 'customresourcedefinitions.apiextensions.k8s.io') await waitForCrdEstablished(context, ref, nameOf(item));
  return { outcome: ItemRestoreResult.Created, created };
}

function noteServiceAccount(context: RestoreContext, groupResource: string, namespace: string, name: string): void {
  if (groupResource !== 'serviceaccounts') return;
  let names = context.serviceAccounts.get(namespace);
  if (!names) context.serviceAccounts.set(namespace, (names = new Set()));
  names.add(name);
}

/**
 * Restores `fromBackup` of `groupResource` into `namespace` (the target; `""` for cluster
 * scope). Problems are recorded in the context's results; resolves when the item is done.
 */
export async function restoreItem(context: RestoreContext, fromBackup: ItemJson, groupResource: string, namespace: string): Promise<void> {
  if (!context.selection.includesResource(groupResource)) return;
  if (namespace !== '') {
    const original = itemNamespaceOf(fromBackup);
    if (!context.selection.includesNamespace(original, groupResource)) return;
    if (!(await ensureNamespace(context, original, namespace))) return;
  } else if (context.restore.spec?.includeClusterResources === false) return;
  const key: RestoredItemKey = { resource: resourceKeyOf(fromBackup), namespace, name: nameOf(fromBackup) };
  if (context.restored.has(key)) return;
  let prepared;
  try {
    const targetClaimExists = groupResource === 'persistentvolumeclaims' && (await context.volumes.claimExists(namespace, key.name));
    const mappedClasses = mappedStorageClasses(
      fromBackup,
      groupResource,
      context.settings.pluginConfigs?.changeStorageClass ?? { kind: 'none' },
    );
    // Most items name no class: no await for them (one per item is measurable in a 5,000-item restore).
    const storageClassProblems =
      mappedClasses.length === 0 ? noStorageClassProblems : await context.storageClasses.problemsOf(mappedClasses);
    prepared = prepareRestoreItem(fromBackup, groupResource, namespace, context.settings, {
      serviceAccounts: (target: string) => [...(context.serviceAccounts.get(target) ?? [])],
      provisionedVolumes: context.provisionedVolumes,
      volumes: context.volumes.backedUp,
      snapshotClassOf: context.volumes.snapshotClassOf,
      targetClaimExists,
      randomSuffix,
      storageClassProblem: (name) => storageClassProblems.get(name),
      randomUuid: randomUUID,
    });
  } catch (error) {
    context.restored.begin(key);
    context.results.namespace('errors', namespace, `error preparing ${resourceId(groupResource, namespace, key.name)}: ${message(error)}`);
    context.restored.finish(key, ItemRestoreResult.Failed);
    return;
  }
  if (prepared.kind === 'ignore') return context.log.write('info', `${key.name} ${prepared.reason}`);
  if (prepared.kind === 'skip') context.log.write('info', `${resourceId(groupResource, namespace, key.name)}: ${prepared.reason}`);
  context.restored.begin(key);
  if (prepared.kind === 'dataUploadResult') {
    await context.volumes.createDataUploadResult(prepared.configMap).catch((error: unknown) => {
      context.results.namespace('errors', namespace, `fail to create DataUploadResult ConfigMap: ${message(error)}`);
    });
    return context.restored.finish(key, ItemRestoreResult.Skipped);
  }
  if (prepared.kind !== 'create') {
    if (prepared.kind === 'provision') context.provisionedVolumes.add(key.name);
    return context.restored.finish(key, ItemRestoreResult.Skipped);
  }
  for (const additional of prepared.additionalItems) await restoreAdditional(context, additional);
  for (const error of prepared.modifierErrors) context.results.namespace('errors', namespace, error);
  if (prepared.dataDownload) {
    try {
      await context.volumes.startDataDownload({ ...prepared.dataDownload, claimName: key.name, targetNamespace: namespace });
    } catch (error) {
      context.results.namespace(
        'errors',
        namespace,
        `error preparing ${resourceId(groupResource, namespace, key.name)}: ${message(error)}`,
      );
      return context.restored.finish(key, ItemRestoreResult.Failed);
    }
  }
  const { outcome, created } = await createItem(context, prepared.item, prepared.status, groupResource, namespace);
  if (outcome !== ItemRestoreResult.Failed) noteServiceAccount(context, groupResource, namespace, key.name);
  if (created && groupResource === 'pods') {
    const errors = await context.volumes.startPodVolumeRestores(created, fromBackup, itemNamespaceOf(fromBackup));
    for (const error of errors) context.results.namespace('errors', namespace, error);
    const hooks = execRestoreHookWarnings(created, context.settings.restoreHooks ?? []);
    for (const warning of hooks) context.results.namespace('warnings', namespace, warning);
  }
  context.restored.finish(key, outcome);
}

/** Velero's `utilrand.String(6)`: six characters of its alphabet (no vowels, no look-alikes). */
const randomAlphabet = 'bcdfghjklmnpqrstvwxz2456789';
function randomSuffix(): string {
  return Array.from({ length: 6 }, () => randomAlphabet[randomInt(randomAlphabet.length)]).join('');
}
