// The restore's files in the bucket (velero restore_controller.go runValidatedRestore: putResults,
// putRestoredResourceList, putOperationsForRestore, PutRestoreLog), each gzip'd JSON as Go's
// json.Encoder writes it; the item operations written again when the operations end (velero
// restore_operations_controller.go UploadProgressAndPutOperationsForRestore); the restore volume
// info (`<r>-volumeinfo.json.gz`, putRestoreVolumeInfoList) once the restore's volumes are collected.
import { gzipSync } from 'node:zlib';
import type { RestoreVolumeInfo } from '@ferry/api';
import { encodeBackupResults, encodeItemOperations, encodeRestoreVolumeInfos, type BackupResults } from '@ferry/backup';
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
 * Writes the four files under `restores/<restore>/`. Resolves with the messages of the uploads
 * that failed (Velero logs them and goes on).
 */
export async function putRestoreFiles(store: ObjectStore, restore: string, files: RestoreFiles, signal?: AbortSignal): Promise<string[]> {
  const keys = restoreFileKeys(store.prefix, restore);
  const uploads: [string, string, Buffer][] = [
    ['log', keys.logs, files.log],
    ['results', keys.results, gzipSync(encodeBackupResults(files.results))],
    ['restored resource list', keys.resourceList, gzipSync(encodeRestoredResourceList(files.resourceList))],
    ['restore item action operation resource list', keys.itemOperations, gzipSync(encodeItemOperations(files.itemOperations))],
  ];
  const failures: string[] = [];
  for (const [what, key, body] of uploads) {
    await store.putObject(key, body, signal).catch((error: unknown) => {
      failures.push(`error uploading ${what} to backup storage: ${error instanceof Error ? error.message : String(error)}`);
    });
  }
  return failures;
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

/**
 * Writes `restores/<restore>/<restore>-volumeinfo.json.gz` (no `restore-` prefix): the entries as
 * Velero's json.Encoder writes them (`[]` for none), gzip'd. Resolves with the message of a failed
 * upload (Velero logs it and goes on; the restore's phase does not change), else undefined.
 */
export async function putRestoreVolumeInfo(
  store: ObjectStore,
  restore: string,
  infos: readonly RestoreVolumeInfo[],
  signal?: AbortSignal,
): Promise<string | undefined> {
  const key = restoreFileKeys(store.prefix, restore).volumeInfo;
  return store.putObject(key, gzipSync(encodeRestoreVolumeInfos(infos)), signal).then(
    () => undefined,
    (error: unknown) => `error uploading restored volume info to backup storage: ${error instanceof Error ? error.message : String(error)}`,
  );
}
