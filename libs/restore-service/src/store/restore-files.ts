// The restore's files in the bucket (velero restore_controller.go runValidatedRestore: putResults,
// putRestoredResourceList, putOperationsForRestore, PutRestoreLog), each gzip'd JSON as Go's
// json.Encoder writes it; the item operations written again when the operations end (velero
// restore_operations_controller.go UploadProgressAndPutOperationsForRestore). The restore volume
// info (`<r>-volumeinfo.json.gz`) is the volume-info service's, sealed at Finalizing.
import { gunzipSync, gzipSync } from 'node:zlib';
import { decodeBackupResults, encodeBackupResults, encodeItemOperations, type BackupResults } from '@ferry/backup';
import type { ObjectStore } from '@ferry/object-store';
import { encodeRestoredResourceList, type RestoreOperation } from '@ferry/restore';
import { restoreFileKeys } from '@ferry/storage-location';

/** What a finished run leaves in the bucket. */
export interface RestoreFiles {
  /** The gzip'd log. */
  readonly log: Buffer;
  readonly results: BackupResults;
  readonly resourceList: Readonly<Record<string, readonly string[]>>;
  /** The async operations started (DataDownloads); `[]` when none. */
  readonly itemOperations: readonly RestoreOperation[];
}

/**
 * Writes the four files under `restores/<restore>/`, all at once. Resolves with the messages of
 * the uploads that failed, in the files' order (Velero logs them and goes on).
 */
export async function putRestoreFiles(store: ObjectStore, restore: string, files: RestoreFiles, signal?: AbortSignal): Promise<string[]> {
  const keys = restoreFileKeys(store.prefix, restore);
  const uploads: [string, string, Buffer][] = [
    ['log', keys.logs, files.log],
    ['results', keys.results, gzipSync(encodeBackupResults(files.results))],
    ['restored resource list', keys.resourceList, gzipSync(encodeRestoredResourceList(files.resourceList))],
    ['restore item action operation resource list', keys.itemOperations, gzipSync(encodeItemOperations(files.itemOperations))],
  ];
  // At once: each is a round trip on the restore's way to its phase, and none depends on another.
  const outcomes = await Promise.all(
    uploads.map(([what, key, body]) =>
      store.putObject(key, body, signal).then(
        () => undefined,
        (error: unknown) => `error uploading ${what} to backup storage: ${error instanceof Error ? error.message : String(error)}`,
      ),
    ),
  );
  return outcomes.filter((failure): failure is string => failure !== undefined);
}

/** Writes `restore-<restore>-itemoperations.json.gz` again (the operations' final state). Rejects when the upload fails. */
export async function putRestoreItemOperations(
  store: ObjectStore,
  restore: string,
  operations: readonly RestoreOperation[],
  signal?: AbortSignal,
): Promise<void> {
  await store.putObject(restoreFileKeys(store.prefix, restore).itemOperations, gzipSync(encodeItemOperations(operations)), signal);
}

/** Reads `restore-<restore>-resource-list.json.gz` back (`{}` when absent). Rejects when it cannot be decoded. */
export async function readRestoredResourceList(
  store: ObjectStore,
  restore: string,
  signal?: AbortSignal,
): Promise<Record<string, string[]>> {
  const body = await store.getObject(restoreFileKeys(store.prefix, restore).resourceList, signal);
  return body ? (JSON.parse(gunzipSync(body).toString('utf8')) as Record<string, string[]>) : {};
}

/** Reads `restore-<restore>-itemoperations.json.gz` back (`[]` when absent). Rejects when it cannot be decoded. */
export async function readRestoreItemOperations(store: ObjectStore, restore: string, signal?: AbortSignal): Promise<RestoreOperation[]> {
  const body = await store.getObject(restoreFileKeys(store.prefix, restore).itemOperations, signal);
  return body ? ((JSON.parse(gunzipSync(body).toString('utf8')) as RestoreOperation[] | null) ?? []) : [];
}

/**
 * Adds namespace errors to `restore-<restore>-results.gz` (Velero's restore finalizer merges its
 * errors into the stored results). Rejects when the document cannot be read or written.
 */
export async function addRestoreErrors(
  store: ObjectStore,
  restore: string,
  errors: readonly { readonly namespace: string; readonly message: string }[],
  signal?: AbortSignal,
): Promise<void> {
  const key = restoreFileKeys(store.prefix, restore).results;
  const body = await store.getObject(key, signal);
  const results = (body && decodeBackupResults(gunzipSync(body).toString('utf8'))) || {
    errors: { velero: [], cluster: [], namespaces: {} },
    warnings: { velero: [], cluster: [], namespaces: {} },
  };
  const namespaces: Record<string, readonly string[]> = { ...results.errors.namespaces };
  for (const error of errors) namespaces[error.namespace] = [...(namespaces[error.namespace] ?? []), error.message];
  const merged: BackupResults = { ...results, errors: { ...results.errors, namespaces } };
  await store.putObject(key, gzipSync(encodeBackupResults(merged)), signal);
}
