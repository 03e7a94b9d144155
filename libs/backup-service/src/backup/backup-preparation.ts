// A new Backup validated and prepared as Velero's backup controller does before it runs
// (`prepareBackupRequest`): the facts gathered here (storage locations from the cache, the
// namespaces labelled `velero.io/exclude-from-backup`, the named VolumeSnapshotLocations, the
// resource-policies ConfigMap, the API server version), the decisions made by @ferry/backup.
import { volumeSnapshotLocationDefinition, type Backup, type BackupStorageLocation, type VolumeSnapshotLocation } from '@ferry/api';
import {
  chooseStorageLocation,
  prepareBackup,
  validateBackup,
  type LocationList,
  type SnapshotLocationFacts,
  type StorageLocationFacts,
} from '@ferry/backup';
import { createCustomResourceClient, type KubeClient } from '@ferry/kube';
import { loadResourcePolicies } from './backup-policies';

/** Where the facts come from. */
export interface PreparationSources {
  readonly kube: KubeClient;
  /** The BackupStorageLocations of the Backup's namespace (the informer's cache). */
  readonly locations: (namespace: string) => BackupStorageLocation[];
  /** Velero's `--default-backup-storage-location`. */
  readonly defaultLocationName: string;
  readonly now: () => Date;
}

const excludeLabel = 'velero.io/exclude-from-backup=true';

async function listed<T>(list: () => Promise<T[]>): Promise<LocationList<T>> {
  try {
    return { ok: true, items: await list() };
  } catch (error) {
    return { ok: false, message: (error as Error).message };
  }
}

async function serverVersion(kube: KubeClient): Promise<{ gitVersion: string; major: string; minor: string } | undefined> {
  try {
    return await kube.requester.request<{ gitVersion: string; major: string; minor: string }>({ method: 'GET', path: '/version' });
  } catch {
    return undefined;
  }
}

/**
 * The Backup as it is stored once prepared: labels, annotations, defaulted spec and the first
 * status (InProgress with startTimestamp, or FailedValidation with Velero's validation errors).
 * Never rejects for a bad spec; rejects only when the API server fails reading the policy ConfigMap.
 */
export async function prepareNewBackup(sources: PreparationSources, backup: Backup): Promise<Backup> {
  const namespace = backup.metadata.namespace ?? '';
  const spec = backup.spec ?? {};
  const storageLocations: LocationList<StorageLocationFacts> = {
    ok: true,
    items: sources.locations(namespace).map((bsl) => ({
      name: bsl.metadata.name ?? '',
      default: bsl.spec?.default,
      accessMode: bsl.spec?.accessMode,
      phase: bsl.status?.phase,
    })),
  };
  const named = spec.volumeSnapshotLocations ?? [];
  const snapshotLocations: LocationList<SnapshotLocationFacts> =
    named.length === 0
      ? { ok: true, items: [] }
      : await listed(async () =>
          (await createCustomResourceClient<VolumeSnapshotLocation>(sources.kube, volumeSnapshotLocationDefinition).list(namespace)).map(
            (vsl) => ({ name: vsl.metadata.name ?? '', provider: vsl.spec?.provider ?? '' }),
          ),
        );
  const excluded = await listed(async () =>
    ((await sources.kube.core.listNamespace({ labelSelector: excludeLabel })).items ?? []).map((ns) => ns.metadata?.name ?? ''),
  );
  const policies = await loadResourcePolicies(sources.kube, backup);
  const validationErrors = validateBackup({
    backup: { namespace, name: backup.metadata.name ?? '', spec },
    storageLocations,
    serverDefaultStorageLocation: sources.defaultLocationName,
    snapshotLocations,
    namespacesExcludedByLabel: excluded,
    resourcePolicies: policies.outcome,
  });
  const location = chooseStorageLocation(spec.storageLocation, storageLocations, sources.defaultLocationName);
  const prepared = prepareBackup({
    spec,
    labels: backup.metadata.labels,
    annotations: backup.metadata.annotations,
    validationErrors,
    storageLocation: location.name,
    namespacesExcludedByLabel: excluded.ok ? excluded.items : [],
    serverVersion: await serverVersion(sources.kube),
    now: sources.now(),
  });
  return {
    ...backup,
    metadata: { ...backup.metadata, labels: prepared.labels, annotations: prepared.annotations },
    spec: prepared.spec,
    status: prepared.status,
  };
}
