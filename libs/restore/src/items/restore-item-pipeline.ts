// One backed-up item through Velero's restoreItem steps before the API call (pkg/restore/restore.go):
// completed pods/jobs and mirror pods skipped; PersistentVolumes without snapshot decided;
// metadata and status reset (status kept aside); the restore item actions of its kind
// (pods, services, service accounts, secrets, jobs, claims, bindings, CRDs); the claim's volume
// binding; the target namespace; the restore labels. Resource modifiers are not applied here
// (they are another step, @ferry/resource-modifiers). Pure.
import { asObject, nestedValue, withMetadata, type ItemJson } from './item-json';
import { addRestoreLabels, isCompletedItem, isMirrorPod, resetMetadataAndStatus } from './item-reset';
import { customResourceDefinitionAction } from './cluster-actions';
import { serviceAction } from './service-action';
import { claimForRestore, persistentVolumeClaimAction, volumeWithoutSnapshot } from './volume-actions';
import {
  bindingAction,
  jobAction,
  podAction,
  podClaimItems,
  secretAction,
  serviceAccountAction,
  type ActionOutput,
  type AdditionalItem,
} from './workload-actions';

/** The Restore's settings the steps read. */
export interface ItemRestoreSettings {
  readonly restoreName: string;
  readonly backupName: string;
  readonly preserveNodePorts: boolean;
  readonly namespaceMapping: Readonly<Record<string, string>>;
}

/** What the cluster holds that an action asks about. */
export interface ItemRestoreFacts {
  /** Service accounts of `namespace` known at this point (in the cluster or restored). */
  serviceAccounts(namespace: string): readonly string[];
  /** PersistentVolumes re-provisioned dynamically by this restore. */
  readonly provisionedVolumes: ReadonlySet<string>;
}

/** The outcome of the steps for one item. */
export type PreparedItem =
  /** Not restored, silently (Velero logs it and records nothing for completed and mirror items). */
  | { readonly kind: 'ignore'; readonly reason: string }
  /** Not restored, recorded `skipped` (an action discarded it). */
  | { readonly kind: 'skip'; readonly reason: string }
  /** A PV with reclaim policy Delete: re-provisioned through its claim, not created. */
  | { readonly kind: 'provision' }
  | {
      readonly kind: 'create';
      /** The object to create. */
      readonly item: ItemJson;
      /** The backed-up `status`, when it had one (restored only if `restoreStatus` says so). */
      readonly status?: unknown;
      readonly additionalItems: readonly AdditionalItem[];
    };

function runActions(
  item: ItemJson,
  fromBackup: ItemJson,
  groupResource: string,
  namespace: string,
  settings: ItemRestoreSettings,
  facts: ItemRestoreFacts,
): ActionOutput {
  switch (groupResource) {
    case 'pods': {
      const output = podAction(item);
      return { ...output, additionalItems: [...(output.additionalItems ?? []), ...podClaimItems(item)] };
    }
    case 'services':
      return serviceAction(item, settings.preserveNodePorts);
    case 'serviceaccounts':
      return serviceAccountAction(item);
    case 'secrets':
      return secretAction(item, facts.serviceAccounts(namespace));
    case 'jobs.batch':
      return jobAction(item);
    case 'persistentvolumeclaims':
      return persistentVolumeClaimAction(item, fromBackup);
    case 'rolebindings.rbac.authorization.k8s.io':
    case 'clusterrolebindings.rbac.authorization.k8s.io':
      return bindingAction(item, settings.namespaceMapping);
    case 'customresourcedefinitions.apiextensions.k8s.io':
      return customResourceDefinitionAction(item);
    default:
      return { item };
  }
}

/**
 * The steps for `fromBackup` of `groupResource` going to `targetNamespace` (`""` for cluster
 * scope). Throws (an item error) when the item has no metadata or an action cannot read it.
 */
export function prepareRestoreItem(
  fromBackup: ItemJson,
  groupResource: string,
  targetNamespace: string,
  settings: ItemRestoreSettings,
  facts: ItemRestoreFacts,
): PreparedItem {
  if (isCompletedItem(fromBackup, groupResource)) return { kind: 'ignore', reason: 'is complete - skipping' };
  if (isMirrorPod(fromBackup, groupResource)) return { kind: 'ignore', reason: "Not restoring pod because it's a mirror pod" };
  let item = fromBackup;
  if (groupResource === 'persistentvolumes') {
    const decision = volumeWithoutSnapshot(item, settings.namespaceMapping);
    if (decision.provision) return { kind: 'provision' };
    item = decision.item;
  }
  const status = item['status'];
  item = resetMetadataAndStatus(item);
  const output = runActions(item, fromBackup, groupResource, targetNamespace, settings, facts);
  if (output.skip) return { kind: 'skip', reason: 'a restore item action discarded it' };
  item = output.item;
  if (groupResource === 'persistentvolumeclaims') item = claimForRestore(item, facts.provisionedVolumes);
  if (targetNamespace !== '') item = withMetadata(item, (metadata) => ({ ...metadata, namespace: targetNamespace }));
  item = addRestoreLabels(item, settings.restoreName, settings.backupName);
  return { kind: 'create', item, ...(status !== undefined ? { status } : {}), additionalItems: output.additionalItems ?? [] };
}

/** The backed-up object's namespace (`metadata.namespace`, `""` when absent). Pure. */
export function itemNamespaceOf(item: ItemJson): string {
  const namespace = nestedValue(item, 'metadata', 'namespace');
  return typeof namespace === 'string' ? namespace : '';
}

/** `<apiVersion>/<Kind>` of an item (Velero's `resourceKey`). Pure. */
export function resourceKeyOf(item: ItemJson): string {
  return `${String(item['apiVersion'] ?? '')}/${String(item['kind'] ?? '')}`;
}

/** Whether a JSON value is an object (an item body must be one). Pure. */
export function isItemJson(value: unknown): value is ItemJson {
  return asObject(value) !== undefined;
}
