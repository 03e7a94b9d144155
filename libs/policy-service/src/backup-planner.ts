// Plans one whole Backup: read it (or take it inline), load its policies, read the inventory with
// a constant number of list calls, run the volume-policy planner, and report every decision with
// its reason and what the plan cost in API requests.
import { performance } from 'node:perf_hooks';
import { backupDefinition, type Backup, type BackupSpec } from '@ferry/api';
import type { KubeClient } from '@ferry/kube';
import { backupVolumeSettingsOf, planBackupVolumes } from '@ferry/volume-policy';
import { readBackupInventory, type InventoryOptions } from './backup-inventory';
import { selectBackupItems } from './backup-item-selection';
import { createClusterReader } from './cluster-reader';
import { BackupNotFoundError } from './errors';
import { entriesOfSelectedPods, planEntryMessage, summarize, type BackupPlan } from './plan-message';
import { defaultPolicyServiceSettings } from './policy-service-config';
import { loadBackupPolicies } from './policy-source';
import { pvcResourceFilter } from './resource-filter';

/** The Backup to plan: a reference read from the cluster, or the object itself. */
export type BackupToPlan = { readonly namespace: string; readonly name: string } | { readonly backup: Backup };

/** Options of {@link planBackup}. */
export interface PlanBackupOptions {
  /**
   * Ferry's (Velero's) namespace: where the global policy ConfigMap lives, and the namespace of an
   * inline Backup without one.
   */
  readonly serviceNamespace: string;
  /** Name of the cluster-wide volume-policies ConfigMap; none when unset. */
  readonly globalPoliciesConfigMap?: string;
  /** Server default for Backups that leave `defaultVolumesToFsBackup` unset; default false. */
  readonly defaultVolumesToFsBackup?: boolean;
  /** `limit` of each list page; default 500. */
  readonly listPageSize?: number;
  readonly inventory?: InventoryOptions;
  /** Aborts the API requests in flight. */
  readonly signal?: AbortSignal;
}

/**
 * Plans every volume decision of a Backup, through `kube.requester` (a `KubeClient` fits). Requests: 1 GET of the Backup (by reference only),
 * 1 GET per policy ConfigMap, then the inventory lists (see `readBackupInventory`); none per
 * volume. The count is in `stats.apiRequests`. Rejects with `BackupNotFoundError`,
 * `InvalidResourcePoliciesError` (Velero-style message, path/line/column per issue),
 * `InvalidGlobalPoliciesError` or `ClusterReadError`. Per-volume problems (a PVC not bound...) are
 * entries with outcome `error`, not rejections.
 */
export async function planBackup(
  kube: Pick<KubeClient, 'requester'>,
  target: BackupToPlan,
  options: PlanBackupOptions,
): Promise<BackupPlan> {
  const started = performance.now();
  const reader = createClusterReader(kube.requester, {
    pageSize: options.listPageSize ?? defaultPolicyServiceSettings.listPageSize,
    ...(options.signal ? { signal: options.signal } : {}),
  });
  const backup = 'backup' in target ? target.backup : await readBackup(reader, target.namespace, target.name);
  const namespace = backup.metadata.namespace || options.serviceNamespace;
  const name = backup.metadata.name ?? '';
  const spec: BackupSpec = backup.spec ?? {};

  const global = options.globalPoliciesConfigMap
    ? { namespace: options.serviceNamespace, name: options.globalPoliciesConfigMap }
    : undefined;
  // Policies first: an invalid ConfigMap fails the plan before the (larger) inventory is read.
  const loaded = await loadBackupPolicies(reader, namespace, spec, global);
  const inventory = await readBackupInventory(reader, spec, options.inventory);
  const inventoryDone = performance.now();

  const filter = pvcResourceFilter(spec);
  const fsBackupFromBackup = spec.defaultVolumesToFsBackup !== undefined && spec.defaultVolumesToFsBackup !== null;
  const defaultVolumesToFsBackup = fsBackupFromBackup
    ? spec.defaultVolumesToFsBackup === true
    : (options.defaultVolumesToFsBackup ?? false);
  const settings = { ...backupVolumeSettingsOf(spec, filter.excluded), defaultVolumesToFsBackup };
  const items = selectBackupItems(inventory, spec);
  const plan = planBackupVolumes({
    backup: settings,
    ...(loaded.policies ? { policies: loaded.policies } : {}),
    pods: items.allPods,
    persistentVolumeClaims: items.persistentVolumeClaims,
    persistentVolumes: items.persistentVolumes,
  });
  const entries = entriesOfSelectedPods(plan, items.selectedPodKeys).map(planEntryMessage);
  const requests = reader.count();

  return {
    backup: { namespace, name },
    namespaces: [...inventory.namespaces],
    policySources: [...loaded.sources],
    settings: {
      ...(settings.snapshotVolumes === undefined || settings.snapshotVolumes === null ? {} : { snapshotVolumes: settings.snapshotVolumes }),
      defaultVolumesToFsBackup,
      defaultVolumesToFsBackupSource: fsBackupFromBackup ? 'backup' : 'server-default',
      pvcsExcludedByResourceFilter: filter.excluded,
      datamover: spec.datamover ?? '',
    },
    entries,
    summary: summarize(entries),
    stats: {
      apiRequests: requests.total,
      requestsByResource: { ...requests.byResource },
      listScope: inventory.listScope,
      objects: {
        namespaces: inventory.namespaces.length,
        pods: inventory.pods.length,
        persistentVolumeClaims: inventory.persistentVolumeClaims.length,
        persistentVolumes: inventory.persistentVolumes.length,
      },
      work: plan.stats,
      inventoryMs: round(inventoryDone - started),
      planMs: round(performance.now() - inventoryDone),
    },
  };
}

async function readBackup(reader: ReturnType<typeof createClusterReader>, namespace: string, name: string): Promise<Backup> {
  const backup = await reader.find<Backup>(backupDefinition, namespace, name);
  if (!backup) throw new BackupNotFoundError(namespace, name);
  return backup;
}

function round(ms: number): number {
  return Math.round(ms * 100) / 100;
}
