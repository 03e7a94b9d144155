// The BackupStoreReader role and its object-store implementation: what backup sync reads from a
// location's bucket, in Velero's layout — the backup folders under `backups/`, each folder's
// `velero-backup.json` and its gzip'd `<b>-podvolumebackups.json.gz`.
import { gunzipSync } from 'node:zlib';
import type { Backup, BackupStorageLocation, PodVolumeBackup } from '@ferry/api';
import type { KubeClient } from '@ferry/kube';
import { openStorageLocation, type ObjectStore, type ObjectStoreClientOptions } from '@ferry/object-store';
import { backupFileKeys, backupsPrefixKey } from '@ferry/storage-location';

/** A backup's `velero-backup.json` read: the Backup, absent, or why it cannot be used. */
export type StoredBackup = { readonly backup: Backup } | { readonly missing: true } | { readonly problem: string };

/** A backup's PodVolumeBackups read, or why the file cannot be used. */
export type StoredPodVolumeBackups = { readonly items: PodVolumeBackup[] } | { readonly problem: string };

/** Reads one location's backups. Every method rejects with an ObjectStoreError when the store fails. */
export interface BackupStoreReader {
  /** The backup names under `<prefix>/backups/` (Velero's ListBackups: the folders, whatever is in them). */
  listBackupNames(signal?: AbortSignal): Promise<string[]>;
  /** The folder's `velero-backup.json` (Velero's BackupExists, then GetBackupMetadata). */
  readBackup(name: string, signal?: AbortSignal): Promise<StoredBackup>;
  /**
   * The PodVolumeBackups of `<b>-podvolumebackups.json.gz`: none when the file is absent (legacy
   * or no pod volumes), the problem when it is not gzip'd JSON.
   */
  readPodVolumeBackups(name: string, signal?: AbortSignal): Promise<StoredPodVolumeBackups>;
  /** Releases the store's connections. Idempotent. */
  close(): void;
}

/** Opens a location's bucket for reading; `openStorageLocation`'s errors pass through. */
export type BackupStoreOpener = (location: BackupStorageLocation) => Promise<BackupStoreReader>;

/** Options of {@link createBackupStoreOpener}. */
export interface BackupStoreOpenerOptions {
  readonly kube: KubeClient;
  /** Where the BSLs and their credential Secrets live. */
  readonly namespace: string;
  readonly client?: ObjectStoreClientOptions;
}

/** An opener that reads the BSL's bucket with its credential Secret (a new client per sync: credentials may have changed). */
export function createBackupStoreOpener(options: BackupStoreOpenerOptions): BackupStoreOpener {
  return async (location) => {
    const { store } = await openStorageLocation({ ...options, location });
    return backupStoreReader(store);
  };
}

/** `bytes` gunzipped, or empty bytes (which are no JSON) when they are not gzip. */
function gunzipped(bytes: Uint8Array): Uint8Array {
  try {
    return gunzipSync(bytes);
  } catch {
    return new Uint8Array();
  }
}

/** The JSON of `bytes`, or the parse problem. */
function parseJson(bytes: Uint8Array): { value: unknown } | { problem: string } {
  try {
    return { value: JSON.parse(Buffer.from(bytes).toString('utf8')) as unknown };
  } catch (error) {
    return { problem: `it is not JSON (${error instanceof Error ? error.message : String(error)})` };
  }
}

/** `value` as a Backup when it is one (Velero's decoder needs apiVersion velero.io/v1 and kind Backup). */
function asBackup(value: unknown): StoredBackup {
  const object = value as Partial<Backup> | null;
  if (typeof object !== 'object' || object === null || object.apiVersion !== 'velero.io/v1' || object.kind !== 'Backup') {
    return { problem: 'it is not a velero.io/v1 Backup (apiVersion and kind)' };
  }
  if (typeof object.metadata?.name !== 'string' || object.metadata.name === '') return { problem: 'it has no metadata.name' };
  return { backup: object as Backup };
}

/** A reader over an opened store. */
export function backupStoreReader(store: ObjectStore): BackupStoreReader {
  const keys = (name: string) => backupFileKeys(store.prefix, name);
  return {
    async listBackupNames(signal) {
      const prefix = backupsPrefixKey(store.prefix);
      const folders = await store.listCommonPrefixes(prefix, signal);
      return folders.map((folder) => folder.slice(prefix.length).replace(/\/$/, ''));
    },
    async readBackup(name, signal) {
      const bytes = await store.getObject(keys(name).metadata, signal);
      if (!bytes) return { missing: true };
      const parsed = parseJson(bytes);
      return 'problem' in parsed ? parsed : asBackup(parsed.value);
    },
    async readPodVolumeBackups(name, signal) {
      const bytes = await store.getObject(keys(name).podVolumeBackups, signal);
      if (!bytes) return { items: [] };
      const parsed = parseJson(gunzipped(bytes));
      if ('problem' in parsed) return parsed;
      return Array.isArray(parsed.value) ? { items: parsed.value as PodVolumeBackup[] } : { problem: 'it is not a JSON list' };
    },
    close: () => store.close(),
  };
}
