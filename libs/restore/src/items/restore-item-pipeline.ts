// One backed-up item through Velero's restoreItem steps before the API call (pkg/restore/restore.go):
// completed pods/jobs and mirror pods skipped; a backed-up DataUpload turned into its
// DataUploadResult ConfigMap; PersistentVolumes decided by how the backup kept their data;
// metadata and status reset (status kept aside); the restore item actions of its kind (pods with
// the Restore's init restore hooks,
// services, service accounts, secrets, jobs, claims with the CSI claim action, CSI snapshots and
// contents, bindings, CRDs, APIServices, webhook configurations, and the ConfigMap-configured
// storage class and image name changes); the claim's volume binding; the restore's resource modifiers
// (@ferry/resource-modifiers); the target namespace; the restore labels. Pure.
import { applyResourceModifiers, type KubeObject, type ResourceModifiers } from '@ferry/resource-modifiers';
import { asObject, nameOf, nestedValue, withMetadata, type ItemJson } from './item-json';
import { addRestoreLabels, isCompletedItem, isMirrorPod, resetMetadataAndStatus } from './item-reset';
import { customResourceDefinitionAction } from './cluster-actions';
import { admissionWebhookConfigurationAction, apiServiceAction, type SkippingActionOutput } from './registration-actions';
import {
  changeImageNameAction,
  changeImageNameResources,
  changeStorageClassAction,
  changeStorageClassResources,
  noPluginConfigs,
  type RestorePluginConfigs,
} from './plugin-config-actions';
import { serviceAction } from './service-action';
import { claimForRestore, persistentVolumeClaimAction, volumeWithoutSnapshot } from './volume-actions';
import type { BackedUpVolumes } from '../volumes/backed-up-volumes';
import { withInitRestoreHooks } from '../hooks/init-restore-hooks';
import type { ResourceRestoreHook } from '../hooks/restore-hooks';
import { dataUploadResultConfigMap } from '../volumes/data-movement-restore';
import { csiClaimAction, volumeSnapshotAction, volumeSnapshotContentAction, type CsiClaimOutput } from '../volumes/csi-volume-actions';
import {
  bindingAction,
  jobAction,
  podAction,
  podClaimItems,
  secretAction,
  serviceAccountAction,
  type AdditionalItem,
} from './workload-actions';

/** The Restore's settings the steps read. */
export interface ItemRestoreSettings {
  readonly restoreName: string;
  readonly backupName: string;
  readonly preserveNodePorts: boolean;
  readonly namespaceMapping: Readonly<Record<string, string>>;
  /** The restore's parsed resource modifiers (per-restore or server default); undefined when it has none. */
  readonly modifiers?: ResourceModifiers;
  readonly restoreUid: string;
  /** The Restore's namespace (Velero's). */
  readonly restoreNamespace: string;
  /** The backup's storage location. */
  readonly storageLocation: string;
  /** `spec.restorePVs` (`false` = claims without data). */
  readonly restorePVs: boolean | null | undefined;
  /** The backup's `spec.snapshotMoveData`. */
  readonly snapshotMoveData: boolean;
  /** The plugin-config ConfigMaps found in Velero's namespace; undefined = none. */
  readonly pluginConfigs?: RestorePluginConfigs;
  /** The Restore's `spec.hooks` (`restoreHooksFromSpec`); undefined = none. */
  readonly restoreHooks?: readonly ResourceRestoreHook[];
}

/** What the cluster holds that an action asks about. */
export interface ItemRestoreFacts {
  /** Service accounts of `namespace` known at this point (in the cluster or restored). */
  serviceAccounts(namespace: string): readonly string[];
  /** PersistentVolumes re-provisioned dynamically by this restore. */
  readonly provisionedVolumes: ReadonlySet<string>;
  /** How the backup kept each volume's data. */
  readonly volumes: BackedUpVolumes;
  /** The target cluster's VolumeSnapshotClass of a CSI driver. */
  snapshotClassOf(driver: string): string | undefined;
  /** For a claim: whether it already exists in its target namespace. */
  readonly targetClaimExists?: boolean;
  /** Six random characters (a data mover claim's selector). */
  randomSuffix(): string;
  /**
   * Why the target's StorageClass `name` cannot be read (the API's message), undefined when it
   * exists; asked only for the classes `mappedStorageClasses` named for the item.
   */
  storageClassProblem(name: string): string | undefined;
  /** A random UUID (the generated name of an init restore hook's container). */
  randomUuid(): string;
}

/** The outcome of the steps for one item. */
export type PreparedItem =
  /** Not restored, silently (Velero logs it and records nothing for completed and mirror items). */
  | { readonly kind: 'ignore'; readonly reason: string }
  /** Not restored, recorded `skipped` (an action discarded it). */
  | { readonly kind: 'skip'; readonly reason: string }
  /** A PV re-provisioned through its claim (reclaim policy Delete, or its data restored another way), not created. */
  | { readonly kind: 'provision' }
  /** A backed-up DataUpload: its DataUploadResult ConfigMap is created instead (recorded `skipped`). */
  | { readonly kind: 'dataUploadResult'; readonly configMap: ItemJson }
  | {
      readonly kind: 'create';
      /** The object to create. */
      readonly item: ItemJson;
      /** The backed-up `status`, when it had one (restored only if `restoreStatus` says so). */
      readonly status?: unknown;
      readonly additionalItems: readonly AdditionalItem[];
      /** Velero's texts of the resource modifier rules that failed on this item (restore errors). */
      readonly modifierErrors: readonly string[];
      /** For a claim whose data was moved: the DataDownload to start before the claim is created. */
      readonly dataDownload?: CsiClaimOutput['dataDownload'];
    };

/**
 * The ConfigMap-configured actions that run before the built-in ones (Velero orders its actions
 * by name: change-image-name and change-storage-class come before job, pod and pvc).
 */
function configuredActions(item: ItemJson, groupResource: string, settings: ItemRestoreSettings, facts: ItemRestoreFacts): ItemJson {
  const configs = settings.pluginConfigs ?? noPluginConfigs;
  let changed = item;
  if (changeImageNameResources.has(groupResource)) changed = changeImageNameAction(changed, configs.changeImageName).item;
  if (changeStorageClassResources.has(groupResource))
    changed = changeStorageClassAction(changed, configs.changeStorageClass, (name) => facts.storageClassProblem(name)).item;
  return changed;
}

function runActions(
  before: ItemJson,
  fromBackup: ItemJson,
  groupResource: string,
  namespace: string,
  settings: ItemRestoreSettings,
  facts: ItemRestoreFacts,
): CsiClaimOutput & SkippingActionOutput {
  const item = configuredActions(before, groupResource, settings, facts);
  switch (groupResource) {
    case 'pods': {
      // Velero's init-restore-hook action runs before its pod action (actions run in name order).
      const output = podAction(
        withInitRestoreHooks(item, settings.restoreHooks ?? [], settings.namespaceMapping, () => facts.randomUuid()),
      );
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
    case 'persistentvolumeclaims': {
      const core = persistentVolumeClaimAction(item, fromBackup);
      const csi = csiClaimAction(core.item, fromBackup, {
        restoreUid: settings.restoreUid,
        restorePVs: settings.restorePVs,
        snapshotMoveData: settings.snapshotMoveData,
        targetExists: facts.targetClaimExists === true,
        randomSuffix: facts.randomSuffix(),
        targetNamespace: namespace,
      });
      return { ...csi, additionalItems: [...(core.additionalItems ?? []), ...(csi.additionalItems ?? [])] };
    }
    case 'volumesnapshots.snapshot.storage.k8s.io':
      return volumeSnapshotAction(item, fromBackup, { ...settings, snapshotClassOf: facts.snapshotClassOf });
    case 'volumesnapshotcontents.snapshot.storage.k8s.io':
      return volumeSnapshotContentAction(item, fromBackup, { ...settings, snapshotClassOf: facts.snapshotClassOf });
    case 'rolebindings.rbac.authorization.k8s.io':
    case 'clusterrolebindings.rbac.authorization.k8s.io':
      return bindingAction(item, settings.namespaceMapping);
    case 'customresourcedefinitions.apiextensions.k8s.io':
      return customResourceDefinitionAction(item);
    case 'apiservices.apiregistration.k8s.io':
      return apiServiceAction(item);
    case 'mutatingwebhookconfigurations.admissionregistration.k8s.io':
    case 'validatingwebhookconfigurations.admissionregistration.k8s.io':
      return admissionWebhookConfigurationAction(item);
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
  if (groupResource === 'datauploads.velero.io')
    return { kind: 'dataUploadResult', configMap: dataUploadResultConfigMap(fromBackup, settings) };
  let item = fromBackup;
  if (groupResource === 'persistentvolumes') {
    const method = facts.volumes.methodOf(item);
    if (method === 'NativeSnapshot')
      throw new Error(
        `persistent volume ${nameOf(item)} was backed up by a native snapshot: Ferry has no volume snapshotter plugin to restore it`,
      );
    if (method !== undefined) return { kind: 'provision' };
    const decision = volumeWithoutSnapshot(item, settings.namespaceMapping);
    if (decision.provision) return { kind: 'provision' };
    item = decision.item;
  }
  const status = item['status'];
  item = resetMetadataAndStatus(item);
  const output = runActions(item, fromBackup, groupResource, targetNamespace, settings, facts);
  if (output.skip) return { kind: 'skip', reason: output.skipReason ?? 'Skipping restore because a registered plugin discarded it' };
  item = output.item;
  if (groupResource === 'persistentvolumeclaims') item = claimForRestore(item, facts.provisionedVolumes);
  const modified = applyModifiers(item, groupResource, settings.modifiers);
  item = modified.item;
  if (targetNamespace !== '') item = withMetadata(item, (metadata) => ({ ...metadata, namespace: targetNamespace }));
  item = addRestoreLabels(item, settings.restoreName, settings.backupName);
  return {
    kind: 'create',
    item,
    ...(status !== undefined ? { status } : {}),
    additionalItems: output.additionalItems ?? [],
    modifierErrors: modified.errors,
    ...(output.dataDownload ? { dataDownload: output.dataDownload } : {}),
  };
}

/** The modifiers applied to the item while it still carries its backed-up namespace (as in Velero). */
function applyModifiers(
  item: ItemJson,
  groupResource: string,
  modifiers: ResourceModifiers | undefined,
): { item: ItemJson; errors: string[] } {
  if (modifiers === undefined) return { item, errors: [] };
  const result = applyResourceModifiers(modifiers, item as KubeObject, groupResource);
  return { item: result.item, errors: result.errors.map((error) => error.message) };
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
