// A backup's files in its location's bucket (reference §7), written as Velero's PutBackup writes
// them but in an order that keeps a backup invisible until it is whole: the tarball (by the
// collection), then the documents, and `velero-backup.json` last — backup sync and the CLI only
// see a backup once its metadata exists. While volume operations run, the collection's results,
// resource list and log already sit in the bucket, so a restarted controller finishes from them.
import type { Backup } from '@ferry/api';
import {
  decodeBackupResults,
  emptyBackupResult,
  encodeBackupMetadata,
  encodeBackupResults,
  encodeItemOperations,
  encodeNativeVolumeSnapshots,
  encodePodVolumeBackups,
  encodeResourceList,
  mergeResourceList,
  type BackupResults,
} from '@ferry/backup';
import type { ObjectStore } from '@ferry/object-store';
import type { BackupFileKeys } from '@ferry/storage-location';
import type { VolumeOperationsState } from '../volumes/backup-volume-operations';
import { gunzipText, gzipText } from './gzip-text';

/** What the collection step leaves in the bucket beside the tarball. */
export interface CollectionFiles {
  readonly resourceList: Readonly<Record<string, readonly string[]>>;
  readonly results: BackupResults;
  /** The backup log so far (logrus text lines). */
  readonly log: string;
}

/** What a restarted finalizer reads back. */
export interface CollectedFiles {
  readonly results: BackupResults;
  readonly log: string;
}

/** The documents written when the backup is final. */
export interface FinalFiles {
  readonly results: BackupResults;
  readonly log: string;
  readonly volumes: VolumeOperationsState;
}

const noResults: BackupResults = { errors: emptyBackupResult, warnings: emptyBackupResult };

/** One backup's files in one bucket. Every method rejects with the store's ObjectStoreError. */
export class BackupFiles {
  constructor(
    private readonly store: ObjectStore,
    private readonly keys: BackupFileKeys,
  ) {}

  /** Whether `velero-backup.json` exists: a backup of that name is already complete in the bucket. */
  async metadataExists(signal?: AbortSignal): Promise<boolean> {
    const listed = await this.store.listKeys(this.keys.metadata, signal);
    return listed.includes(this.keys.metadata);
  }

  /** Writes the resource list, the collection's results and the log so far. */
  async writeCollection(files: CollectionFiles, signal?: AbortSignal): Promise<void> {
    await this.put(this.keys.resourceList, encodeResourceList(files.resourceList), signal);
    await this.put(this.keys.results, encodeBackupResults(files.results), signal);
    await this.put(this.keys.logs, files.log, signal);
  }

  /** Adds `additions` to the stored resource list (the finalized tarball's volume objects). */
  async addToResourceList(additions: Readonly<Record<string, readonly string[]>>, signal?: AbortSignal): Promise<void> {
    const stored = await this.store.getObject(this.keys.resourceList, signal);
    const base = stored ? (JSON.parse(gunzipText(stored)) as Record<string, string[]> | null) : null;
    await this.put(this.keys.resourceList, encodeResourceList(mergeResourceList(base ?? {}, additions)), signal);
  }

  /** Replaces the stored results (timed-out operations added while waiting). */
  async writeResults(results: BackupResults, signal?: AbortSignal): Promise<void> {
    await this.put(this.keys.results, encodeBackupResults(results), signal);
  }

  /** The results and log the collection wrote (empty when absent: a backup that failed before them). */
  async readCollection(signal?: AbortSignal): Promise<CollectedFiles> {
    const [results, log] = await Promise.all([
      this.store.getObject(this.keys.results, signal),
      this.store.getObject(this.keys.logs, signal),
    ]);
    return {
      results: (results && decodeBackupResults(gunzipText(results))) || noResults,
      log: log ? gunzipText(log) : '',
    };
  }

  /** Writes every document of a finished backup except `velero-backup.json` and the volume info (volume-info's). */
  async writeFinal(files: FinalFiles, signal?: AbortSignal): Promise<void> {
    await this.put(this.keys.results, encodeBackupResults(files.results), signal);
    await this.put(this.keys.podVolumeBackups, encodePodVolumeBackups(files.volumes.podVolumeBackups), signal);
    await this.put(this.keys.itemOperations, encodeItemOperations(files.volumes.itemOperations), signal);
    await this.put(this.keys.volumeSnapshots, encodeNativeVolumeSnapshots(), signal);
    await this.put(this.keys.logs, files.log, signal);
  }

  /** Writes the log alone (a backup that failed before its other documents). */
  async writeLog(log: string, signal?: AbortSignal): Promise<void> {
    await this.put(this.keys.logs, log, signal);
  }

  /** Writes `velero-backup.json` (plain, not gzip'd): the backup becomes visible. Call last. */
  async writeMetadata(backup: Backup, signal?: AbortSignal): Promise<void> {
    await this.store.putObject(this.keys.metadata, encodeBackupMetadata(backup), signal);
  }

  private async put(key: string, text: string, signal?: AbortSignal): Promise<void> {
    await this.store.putObject(key, gzipText(text), signal);
  }
}
