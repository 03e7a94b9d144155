// The restore's files in the bucket (velero restore_controller.go runValidatedRestore: putResults,
// putRestoredResourceList, putOperationsForRestore, PutRestoreLog), each gzip'd JSON as Go's
// json.Encoder writes it; the item operations written again when the operations end (velero
// restore_operations_controller.go UploadProgressAndPutOperationsForRestore).
import { gzipSync } from 'node:zlib';
import { encodeBackupResults, encodeItemOperations, type BackupResults } from '@ferry/backup';
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
