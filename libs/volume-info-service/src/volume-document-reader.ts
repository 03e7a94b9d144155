// Reads a backup's or a restore's volume-info document from a BackupStorageLocation's bucket:
// `backups/<b>/<b>-volumeinfo.json.gz` and `restores/<r>/<r>-volumeinfo.json.gz`, gunzipped and
// decoded with @ferry/api's schemas. The store is opened per read (its credential Secret read
// afresh, so a rotated Secret takes effect) and closed after; no credential reaches a message.
import { gunzipSync } from 'node:zlib';
import { parseDocument, type BackupStorageLocation, type BackupVolumeInfo, type RestoreVolumeInfo } from '@ferry/api';
import type { KubeClient } from '@ferry/kube';
import { openStorageLocation, ObjectStoreError, type ObjectStore, type ObjectStoreClientOptions } from '@ferry/object-store';
import { backupFileKeys, restoreFileKeys } from '@ferry/storage-location';
import { VolumeInfoError, VolumeInfoErrorCode } from './errors';

/** A document read: its key and entries, or `entries` undefined when the object does not exist. */
export interface VolumeDocument<T> {
  readonly key: string;
  readonly entries: readonly T[] | undefined;
}

/** Reads volume documents; the role the service's loader uses (tests may give their own). */
export interface VolumeDocumentReader {
  /** The backup's document in `location`. Rejects with a {@link VolumeInfoError} (store unavailable, invalid). */
  readBackup(location: BackupStorageLocation, backupName: string, signal?: AbortSignal): Promise<VolumeDocument<BackupVolumeInfo>>;
  /** The restore's document in `location` (its backup's). Same failures. */
  readRestore(location: BackupStorageLocation, restoreName: string, signal?: AbortSignal): Promise<VolumeDocument<RestoreVolumeInfo>>;
}

/** What {@link createVolumeDocumentReader} needs. */
export interface VolumeDocumentReaderOptions {
  readonly kube: KubeClient;
  /** Where the BSLs and their credential Secrets live. */
  readonly namespace: string;
  readonly objectStoreClient?: ObjectStoreClientOptions;
}

function decode(body: Uint8Array, key: string): unknown {
  try {
    const parsed: unknown = JSON.parse(gunzipSync(body).toString('utf8'));
    // Go writes a nil slice as `null`.
    return parsed === null ? [] : parsed;
  } catch (cause) {
    const reason = cause instanceof Error ? cause.message : String(cause);
    throw new VolumeInfoError(VolumeInfoErrorCode.DocumentInvalid, `${key} is not gzip'd JSON (${reason})`, { cause });
  }
}

/**
 * Opens `location`'s bucket (its credential Secret read now), runs `use`, closes it. A store
 * failure becomes a retryable {@link VolumeInfoError} `VOLUMEINFO_STORE_UNAVAILABLE` naming the BSL.
 */
export async function withLocationStore<T>(
  options: VolumeDocumentReaderOptions,
  location: BackupStorageLocation,
  use: (store: ObjectStore) => Promise<T>,
) {
  let store: ObjectStore | undefined;
  try {
    store = (await openStorageLocation({ ...options, location, client: options.objectStoreClient })).store;
    return await use(store);
  } catch (cause) {
    if (!(cause instanceof ObjectStoreError)) throw cause;
    const where = `BackupStorageLocation ${options.namespace}/${location.metadata?.name ?? ''}`;
    throw new VolumeInfoError(VolumeInfoErrorCode.StoreUnavailable, `cannot read ${where}: ${cause.message}`, {
      cause,
      retryable: true,
    });
  } finally {
    store?.close();
  }
}

/** The S3-backed reader. Sends nothing until a read. */
export function createVolumeDocumentReader(options: VolumeDocumentReaderOptions): VolumeDocumentReader {
  const read = async <K extends 'BackupVolumeInfos' | 'RestoreVolumeInfos'>(
    location: BackupStorageLocation,
    keyOf: (prefix: string) => string,
    kind: K,
    signal?: AbortSignal,
  ) =>
    withLocationStore(options, location, async (store) => {
      const key = keyOf(store.prefix);
      const body = await store.getObject(key, signal);
      if (body === undefined) return { key, entries: undefined };
      try {
        return { key, entries: parseDocument(kind, decode(body, key), `${store.bucket}/${key}`) };
      } catch (cause) {
        if (cause instanceof VolumeInfoError) throw cause;
        throw new VolumeInfoError(VolumeInfoErrorCode.DocumentInvalid, cause instanceof Error ? cause.message : String(cause), { cause });
      }
    });
  return {
    readBackup: (location, name, signal) =>
      read(location, (prefix) => backupFileKeys(prefix, name).volumeInfo, 'BackupVolumeInfos', signal),
    readRestore: (location, name, signal) =>
      read(location, (prefix) => restoreFileKeys(prefix, name).volumeInfo, 'RestoreVolumeInfos', signal),
  };
}
