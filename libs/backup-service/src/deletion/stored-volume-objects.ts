// Reads the DataUploads and PodVolumeBackups a backup stored in its location (the tarball's
// DataUpload items, `<b>-podvolumebackups.json.gz`), so a backup synced from the bucket, whose
// objects never existed in this cluster, still has its repository snapshots deleted.
import { pipeline } from 'node:stream/promises';
import { createGunzip, gunzipSync } from 'node:zlib';
import type { DataUpload, PodVolumeBackup } from '@ferry/api';
import { backedUpDataUpload, backedUpPodVolumeBackups, isDataUploadEntry } from '@ferry/backup';
import { ObjectStoreError, ObjectStoreErrorCode, type ObjectStore } from '@ferry/object-store';
import { backupFileKeys } from '@ferry/storage-location';
import { extract } from 'tar-stream';

/** The volume objects a backup stored. */
export interface StoredVolumeObjects {
  readonly dataUploads: readonly DataUpload[];
  readonly podVolumeBackups: readonly PodVolumeBackup[];
}

const isNotFound = (error: unknown) => error instanceof ObjectStoreError && error.code === ObjectStoreErrorCode.ObjectNotFound;

/** The DataUpload items of the tarball at `key`, streamed (only their small JSON entries are kept); none when there is no tarball. */
async function tarballDataUploads(store: ObjectStore, key: string, signal?: AbortSignal): Promise<DataUpload[]> {
  let body;
  try {
    body = await store.openObjectStream(key, signal);
  } catch (error) {
    // Velero too proceeds without the tarball when it does not exist (a backup that failed before writing it).
    if (isNotFound(error)) return [];
    throw error;
  }
  const found: DataUpload[] = [];
  const entries = extract();
  entries.on('entry', (header, stream, next) => {
    if (!isDataUploadEntry(header.name)) {
      stream.on('end', next).resume();
      return;
    }
    const chunks: Buffer[] = [];
    stream.on('data', (chunk: unknown) => chunks.push(Buffer.from(chunk as Uint8Array)));
    stream.on('end', () => {
      const upload = backedUpDataUpload(Buffer.concat(chunks).toString('utf8'));
      if (upload) found.push(upload);
      next();
    });
  });
  await pipeline(body, createGunzip(), entries);
  return found;
}

/**
 * The DataUploads and PodVolumeBackups backup `name` stored under `store`'s prefix. Missing files
 * mean none. Rejects with the store's error when a file exists but cannot be read, or with the
 * gzip/tar error of a corrupt file.
 */
export async function readStoredVolumeObjects(store: ObjectStore, name: string, signal?: AbortSignal): Promise<StoredVolumeObjects> {
  const keys = backupFileKeys(store.prefix, name);
  const list = await store.getObject(keys.podVolumeBackups, signal);
  const podVolumeBackups = list ? backedUpPodVolumeBackups(gunzipSync(list).toString('utf8')) : [];
  return { dataUploads: await tarballDataUploads(store, keys.contents, signal), podVolumeBackups };
}
