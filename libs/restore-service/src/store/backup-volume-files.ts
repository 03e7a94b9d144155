// What a restore reads about the backup's volumes besides the tarball (velero restore_controller.go
// runValidatedRestore: GetBackupVolumeInfos, GetPodVolumeBackups): `<b>-volumeinfo.json.gz` and
// `<b>-podvolumebackups.json.gz`, gunzipped and decoded. A missing file is "none" (older backups);
// an unreadable one is an error naming the key.
import { gunzipSync } from 'node:zlib';
import type { BackupVolumeInfo, PodVolumeBackup } from '@ferry/api';
import type { ObjectStore } from '@ferry/object-store';
import { backupFileKeys } from '@ferry/storage-location';

/** The backup's volume documents. */
export interface BackupVolumeFiles {
  /** Undefined when the backup has no volume info (Velero before 1.13). */
  readonly volumeInfos: readonly BackupVolumeInfo[] | undefined;
  readonly podVolumeBackups: readonly PodVolumeBackup[];
}

async function readJsonArray<T>(store: ObjectStore, key: string, signal: AbortSignal): Promise<T[] | undefined> {
  const body = await store.getObject(key, signal);
  if (body === undefined) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(gunzipSync(body).toString('utf8'));
  } catch (error) {
    throw new Error(`error reading ${key}: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
  if (parsed === null) return [];
  if (!Array.isArray(parsed)) throw new Error(`error reading ${key}: not a JSON array`);
  return parsed as T[];
}

/** Reads both documents of backup `backupName`. Rejects when one exists but cannot be decoded. */
export async function readBackupVolumeFiles(store: ObjectStore, backupName: string, signal: AbortSignal): Promise<BackupVolumeFiles> {
  const keys = backupFileKeys(store.prefix, backupName);
  const [volumeInfos, podVolumeBackups] = await Promise.all([
    readJsonArray<BackupVolumeInfo>(store, keys.volumeInfo, signal),
    readJsonArray<PodVolumeBackup>(store, keys.podVolumeBackups, signal),
  ]);
  return { volumeInfos, podVolumeBackups: podVolumeBackups ?? [] };
}
