// What every step of a Backup shares: its collaborators, injected so the steps stay small and a
// test (or another role) can replace any of them.
import type { Backup, BackupStorageLocation } from '@ferry/api';
import type { KubeClient, KubeLogger } from '@ferry/kube';
import { openStorageLocation, type ObjectStore, type ObjectStoreClientOptions } from '@ferry/object-store';
import type { FinalizeBackupTarballResult, ResourceBackup } from '@ferry/resource-backup';
import { backupFileKeys } from '@ferry/storage-location';
import type { VolumeReporter } from '@ferry/volume-info-client';
import { BackupFiles } from '../storage/backup-files';
import type { BackupVolumeOperations } from '../volumes/backup-volume-operations';
import type { LoadedResourcePolicies } from './backup-policies';
import type { BackupWriter } from './backup-writer';

/** The collaborators of the Backup steps. */
export interface BackupStepContext {
  readonly logger: KubeLogger;
  readonly resourceBackup: ResourceBackup;
  readonly volumes: BackupVolumeOperations;
  /** Records the volumes at volume-info and has it seal the report (it writes `<b>-volumeinfo.json.gz`). */
  readonly volumeReporter: VolumeReporter;
  /**
   * Rewrites the tarball at `tarballKey` with the volume objects Velero's finalized tarball holds
   * (`finalizeBackupTarball`); runs before `volumes.finish` removes snapshots.
   */
  readonly finalizeTarball: (
    backup: Backup,
    store: ObjectStore,
    tarballKey: string,
    signal: AbortSignal,
  ) => Promise<FinalizeBackupTarballResult>;
  readonly write: BackupWriter;
  /** The Backup as the API server has it now (not the cache), or undefined when it is gone. */
  readonly read: (namespace: string, name: string) => Promise<Backup | undefined>;
  /** Opens the bucket of a Backup's storage location ({@link storageLocationFiles} over the API server). */
  readonly openFiles: (backup: Backup) => Promise<OpenedBackupFiles>;
  /** Loads a Backup's resource policies (`loadResourcePolicies` over the API server). */
  readonly loadPolicies: (backup: Backup) => Promise<LoadedResourcePolicies>;
  readonly now: () => Date;
}

/** An opened location: the backup's files and the store to close. */
export interface OpenedBackupFiles {
  readonly files: BackupFiles;
  readonly store: ObjectStore;
  readonly tarballKey: string;
}

/** Where {@link storageLocationFiles} finds a location and its credentials. */
export interface StorageLocationSources {
  readonly kube: KubeClient;
  readonly namespace: string;
  /** The BSL named `name` from the cache. */
  readonly location: (name: string) => BackupStorageLocation | undefined;
  readonly objectStoreClient?: ObjectStoreClientOptions | undefined;
}

/**
 * Opens the bucket of `backup`'s storage location (`spec.storageLocation`, set when prepared).
 * Rejects with a message naming the location when it is gone or cannot be opened (credentials,
 * settings): the caller decides whether that fails the backup or is retried. The caller closes the store.
 */
export async function storageLocationFiles(sources: StorageLocationSources, backup: Backup): Promise<OpenedBackupFiles> {
  const name = backup.spec?.storageLocation ?? '';
  const location = sources.location(name);
  if (!location) throw new Error(`backup storage location ${name} was not found`);
  const { store } = await openStorageLocation({
    kube: sources.kube,
    namespace: sources.namespace,
    location,
    ...(sources.objectStoreClient ? { client: sources.objectStoreClient } : {}),
  });
  const keys = backupFileKeys(store.prefix, backup.metadata.name ?? '');
  return { files: new BackupFiles(store, keys), store, tarballKey: keys.contents };
}

/** `namespace/name` of a Backup (the `backup` field of its log lines). */
export function backupRef(backup: Backup): string {
  return `${backup.metadata.namespace ?? ''}/${backup.metadata.name ?? ''}`;
}
