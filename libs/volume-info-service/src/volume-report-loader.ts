// Loads a finished Backup's or Restore's volume document into the claim history index, once per
// version of the object: the informers say which objects exist and in which phase, the reader
// fetches the document, @ferry/volume-history summarises it. Queries and the index controllers
// share it, so a query for a backup the controllers have not reached yet loads it on the spot.
import {
  BackupPhase,
  RestorePhase,
  type Backup,
  type BackupStorageLocation,
  type BackupVolumeInfo,
  type Restore,
  type RestoreVolumeInfo,
} from '@ferry/api';
import type { ResourceInformer } from '@ferry/kube';
import {
  backupVolumeSummary,
  restoreVolumeSummary,
  type BackupReport,
  type ClaimHistoryIndex,
  type ObjectRef,
  type RestoreReport,
  type VolumeRecord,
} from '@ferry/volume-history';
import { VolumeInfoError, VolumeInfoErrorCode } from './errors';
import type { VolumeDocumentReader } from './volume-document-reader';

/** Phases whose volume document is final and indexed. */
export const indexedPhases: ReadonlySet<string> = new Set([BackupPhase.Completed, BackupPhase.PartiallyFailed]);
/** Phases after which nothing more is written (a Failed run may have no document). */
const endedPhases: ReadonlySet<string> = new Set([...indexedPhases, BackupPhase.Failed, BackupPhase.FailedValidation, RestorePhase.Failed]);

/** What {@link createVolumeReportLoader} reads from. */
export interface VolumeReportLoaderOptions {
  readonly namespace: string;
  readonly index: ClaimHistoryIndex;
  readonly reader: VolumeDocumentReader;
  readonly backups: Pick<ResourceInformer<Backup>, 'get'>;
  readonly restores: Pick<ResourceInformer<Restore>, 'get'>;
  readonly locations: Pick<ResourceInformer<BackupStorageLocation>, 'get' | 'list'>;
}

/** Options of a {@link VolumeReportLoader} load. */
export interface LoadOptions {
  readonly signal?: AbortSignal;
}

/** Loads reports into the index. Every method rejects with a {@link VolumeInfoError}. */
export interface VolumeReportLoader {
  /** The backup's report, read from its bucket unless this version of the Backup is loaded. */
  backup(name: string, options?: LoadOptions): Promise<BackupReport>;
  /** The restore's report, read from its backup's bucket unless this version is loaded. */
  restore(name: string, options?: LoadOptions): Promise<RestoreReport>;
  /**
   * The location a run's document belongs in (a restore's: its backup's), for the run `name` whose
   * uid is `uid`. Throws not found (absent from the cache, or another run of that name), or
   * StoreUnavailable (the location does not exist).
   */
  documentLocation(kind: 'backup' | 'restore', name: string, uid: string): BackupStorageLocation;
  /**
   * Indexes the document just written for backup `name` (sealed: read again once the run
   * completes), with the run's `records` folded in first (the seal read them; this replica's
   * follower may not have yet). Resolves with the report as queries answer it.
   */
  putBackupDocument(
    name: string,
    documentKey: string,
    entries: readonly BackupVolumeInfo[],
    records?: readonly VolumeRecord[],
  ): BackupReport;
  /** Indexes the document just written for restore `name`, as {@link putBackupDocument}. */
  putRestoreDocument(
    name: string,
    documentKey: string,
    entries: readonly RestoreVolumeInfo[],
    records?: readonly VolumeRecord[],
  ): RestoreReport;
  /** Drops a deleted Backup/Restore from the index. */
  forget(kind: 'backup' | 'restore', name: string): void;
}

/** The time a history shows for a run: its completion, else its start. */
function timeOf(status: { completionTimestamp?: string | null; startTimestamp?: string | null } | undefined): string | undefined {
  return status?.completionTimestamp ?? status?.startTimestamp ?? undefined;
}

/** `uid/phase/completion`: a new version of the run to load again. */
function stampOf(object: Backup | Restore): string {
  return `${object.metadata?.uid ?? ''}/${object.status?.phase ?? ''}/${object.status?.completionTimestamp ?? ''}`;
}

function checkEnded(what: string, phase: string | undefined): void {
  if (!endedPhases.has(phase ?? '')) {
    throw new VolumeInfoError(
      VolumeInfoErrorCode.NotFinished,
      `${what} is ${phase || 'New'}; its volume info is written when it completes, ask again then`,
    );
  }
  if (!indexedPhases.has(phase ?? '')) {
    throw new VolumeInfoError(VolumeInfoErrorCode.DocumentMissing, `${what} is ${phase ?? ''}: it has no volume info`);
  }
}

function backupReportOf(
  ref: ObjectRef,
  backup: Backup,
  storageLocation: string,
  documentKey: string,
  entries: readonly BackupVolumeInfo[],
): BackupReport {
  const time = timeOf(backup.status);
  return {
    backup: ref,
    phase: backup.status?.phase ?? '',
    storageLocation,
    ...(time ? { time } : {}),
    documentKey,
    volumes: entries.map((info) => ({ info, summary: backupVolumeSummary(info) })),
  };
}

function restoreReportOf(
  ref: ObjectRef,
  restore: Restore,
  backupName: string,
  documentKey: string,
  entries: readonly RestoreVolumeInfo[],
): RestoreReport {
  const mapping = restore.spec?.namespaceMapping ?? {};
  const time = timeOf(restore.status);
  return {
    restore: ref,
    phase: restore.status?.phase ?? '',
    backupName,
    ...(time ? { time } : {}),
    documentKey,
    volumes: entries.map((info) => ({ info, summary: restoreVolumeSummary(info, mapping) })),
  };
}

/** The location `name` (the default one when empty) for `what`; StoreUnavailable when it does not exist. */
function storageLocationOf(options: VolumeReportLoaderOptions, name: string | undefined, what: string): BackupStorageLocation {
  const { namespace } = options;
  const location = name ? options.locations.get(namespace, name) : options.locations.list(namespace).find((l) => l.spec?.default);
  if (location) return location;
  const named = name ? `BackupStorageLocation ${namespace}/${name}` : `a default BackupStorageLocation in ${namespace}`;
  throw new VolumeInfoError(VolumeInfoErrorCode.StoreUnavailable, `${what} is stored in ${named}, which does not exist`);
}

/** {@link VolumeReportLoader.documentLocation}. */
function documentLocationOf(
  options: VolumeReportLoaderOptions,
  kind: 'backup' | 'restore',
  name: string,
  uid: string,
): BackupStorageLocation {
  const { namespace } = options;
  const what = `${kind} ${namespace}/${name}`;
  const object = kind === 'backup' ? options.backups.get(namespace, name) : options.restores.get(namespace, name);
  if (!object || object.metadata?.uid !== uid) {
    const code = kind === 'backup' ? VolumeInfoErrorCode.BackupNotFound : VolumeInfoErrorCode.RestoreNotFound;
    throw new VolumeInfoError(code, `${what} with uid ${uid} does not exist${object ? ' (another run of that name does)' : ''}`);
  }
  if (kind === 'backup') return storageLocationOf(options, (object as Backup).spec?.storageLocation || undefined, what);
  const backupName = (object as Restore).spec?.backupName ?? '';
  const backup = backupName ? options.backups.get(namespace, backupName) : undefined;
  if (!backup) {
    throw new VolumeInfoError(VolumeInfoErrorCode.StoreUnavailable, `${what}: its backup ${namespace}/${backupName} does not exist`);
  }
  return storageLocationOf(options, backup.spec?.storageLocation || undefined, what);
}

/** A loader over the informers' caches. */
export function createVolumeReportLoader(options: VolumeReportLoaderOptions): VolumeReportLoader {
  const { namespace, index, reader } = options;
  const loaded = new Map<string, string>();
  const missing = (what: string, key: string) =>
    new VolumeInfoError(VolumeInfoErrorCode.DocumentMissing, `${what} has no volume info document (${key} does not exist)`);

  const locationOf = (name: string | undefined, what: string) => storageLocationOf(options, name, what);

  return {
    async backup(name, { signal } = {}) {
      const what = `backup ${namespace}/${name}`;
      const backup = options.backups.get(namespace, name);
      if (!backup) throw new VolumeInfoError(VolumeInfoErrorCode.BackupNotFound, `${what} does not exist`);
      checkEnded(what, backup.status?.phase);
      const ref: ObjectRef = { namespace, name };
      const stamp = stampOf(backup);
      const known = index.backup(ref);
      if (known && loaded.get(`backup:${name}`) === stamp) return known;
      const storageLocation = backup.spec?.storageLocation ?? '';
      const document = await reader.readBackup(locationOf(storageLocation || undefined, what), name, signal);
      if (!document.entries) {
        index.removeBackup(ref);
        throw missing(what, document.key);
      }
      index.putBackup(backupReportOf(ref, backup, storageLocation, document.key, document.entries), backup.metadata?.uid);
      loaded.set(`backup:${name}`, stamp);
      return index.backup(ref) as BackupReport;
    },

    async restore(name, { signal } = {}) {
      const what = `restore ${namespace}/${name}`;
      const restore = options.restores.get(namespace, name);
      if (!restore) throw new VolumeInfoError(VolumeInfoErrorCode.RestoreNotFound, `${what} does not exist`);
      checkEnded(what, restore.status?.phase);
      const ref: ObjectRef = { namespace, name };
      const stamp = stampOf(restore);
      const known = index.restore(ref);
      if (known && loaded.get(`restore:${name}`) === stamp) return known;
      const backupName = restore.spec?.backupName ?? '';
      const backup = backupName ? options.backups.get(namespace, backupName) : undefined;
      if (!backup) {
        throw new VolumeInfoError(
          VolumeInfoErrorCode.DocumentMissing,
          `${what}: its backup ${namespace}/${backupName} no longer exists, so the location of its files is unknown`,
        );
      }
      const document = await reader.readRestore(locationOf(backup.spec?.storageLocation || undefined, what), name, signal);
      if (!document.entries) {
        index.removeRestore(ref);
        throw missing(what, document.key);
      }
      index.putRestore(restoreReportOf(ref, restore, backupName, document.key, document.entries), restore.metadata?.uid);
      loaded.set(`restore:${name}`, stamp);
      return index.restore(ref) as RestoreReport;
    },

    documentLocation: (kind, name, uid) => documentLocationOf(options, kind, name, uid),
    putBackupDocument(name, documentKey, entries, records = []) {
      const ref = { namespace, name };
      const backup = options.backups.get(namespace, name) ?? { metadata: { name, namespace } };
      for (const record of records) if (record.target.namespace === namespace) index.addRecord(record);
      index.putBackup(backupReportOf(ref, backup, backup.spec?.storageLocation ?? '', documentKey, entries), backup.metadata?.uid);
      loaded.delete(`backup:${name}`);
      return index.backup(ref) as BackupReport;
    },
    putRestoreDocument(name, documentKey, entries, records = []) {
      const ref = { namespace, name };
      const restore = options.restores.get(namespace, name) ?? { metadata: { name, namespace } };
      for (const record of records) if (record.target.namespace === namespace) index.addRecord(record);
      index.putRestore(restoreReportOf(ref, restore, restore.spec?.backupName ?? '', documentKey, entries), restore.metadata?.uid);
      loaded.delete(`restore:${name}`);
      return index.restore(ref) as RestoreReport;
    },
    forget(kind, name) {
      loaded.delete(`${kind}:${name}`);
      if (kind === 'backup') index.removeBackup({ namespace, name });
      else index.removeRestore({ namespace, name });
    },
  };
}
