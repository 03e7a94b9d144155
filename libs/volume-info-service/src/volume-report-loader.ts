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
} from '@ferry/volume-history';
import { VolumeInfoError, VolumeInfoErrorCode } from './errors';
import type { VolumeDocumentReader } from './volume-document-reader';

/** Phases whose volume document is final and indexed. */
export const indexedPhases: ReadonlySet<string> = new Set([BackupPhase.Completed, BackupPhase.PartiallyFailed]);
/** Phases after which nothing more is written (a Failed run may have no document). */
const endedPhases: ReadonlySet<string> = new Set([...indexedPhases, BackupPhase.Failed, BackupPhase.FailedValidation, RestorePhase.Failed]);
/** Phases whose document is written: a seal (asked during Finalizing) reads it from these on. */
const sealablePhases: ReadonlySet<string> = new Set([...indexedPhases, BackupPhase.Finalizing, BackupPhase.FinalizingPartiallyFailed]);

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
  readonly seal?: boolean;
  readonly signal?: AbortSignal;
}

/** Loads reports into the index. Every method rejects with a {@link VolumeInfoError}. */
export interface VolumeReportLoader {
  /**
   * The backup's report, read from its bucket unless this version of the Backup is loaded. `seal`:
   * read again, and accept a Backup still Finalizing (its controller writes the document first).
   */
  backup(name: string, options?: LoadOptions): Promise<BackupReport>;
  /** The restore's report, read from its backup's bucket unless this version is loaded; `seal` as for backups. */
  restore(name: string, options?: LoadOptions): Promise<RestoreReport>;
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

function checkEnded(what: string, phase: string | undefined, seal: boolean): void {
  if (seal && sealablePhases.has(phase ?? '')) return;
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

/** A loader over the informers' caches. */
export function createVolumeReportLoader(options: VolumeReportLoaderOptions): VolumeReportLoader {
  const { namespace, index, reader } = options;
  const loaded = new Map<string, string>();
  const missing = (what: string, key: string) =>
    new VolumeInfoError(VolumeInfoErrorCode.DocumentMissing, `${what} has no volume info document (${key} does not exist)`);

  const locationOf = (name: string | undefined, what: string): BackupStorageLocation => {
    const location = name ? options.locations.get(namespace, name) : options.locations.list(namespace).find((l) => l.spec?.default);
    if (location) return location;
    const named = name ? `BackupStorageLocation ${namespace}/${name}` : `a default BackupStorageLocation in ${namespace}`;
    throw new VolumeInfoError(VolumeInfoErrorCode.StoreUnavailable, `${what} is stored in ${named}, which does not exist`);
  };

  return {
    async backup(name, { seal = false, signal } = {}) {
      const what = `backup ${namespace}/${name}`;
      const backup = options.backups.get(namespace, name);
      if (!backup) throw new VolumeInfoError(VolumeInfoErrorCode.BackupNotFound, `${what} does not exist`);
      checkEnded(what, backup.status?.phase, seal);
      const ref: ObjectRef = { namespace, name };
      const stamp = stampOf(backup);
      const known = index.backup(ref);
      if (!seal && known && loaded.get(`backup:${name}`) === stamp) return known;
      const storageLocation = backup.spec?.storageLocation ?? '';
      const document = await reader.readBackup(locationOf(storageLocation || undefined, what), name, signal);
      if (!document.entries) {
        index.removeBackup(ref);
        throw missing(what, document.key);
      }
      const report = backupReportOf(ref, backup, storageLocation, document.key, document.entries);
      index.putBackup(report);
      loaded.set(`backup:${name}`, stamp);
      return report;
    },

    async restore(name, { seal = false, signal } = {}) {
      const what = `restore ${namespace}/${name}`;
      const restore = options.restores.get(namespace, name);
      if (!restore) throw new VolumeInfoError(VolumeInfoErrorCode.RestoreNotFound, `${what} does not exist`);
      checkEnded(what, restore.status?.phase, seal);
      const ref: ObjectRef = { namespace, name };
      const stamp = stampOf(restore);
      const known = index.restore(ref);
      if (!seal && known && loaded.get(`restore:${name}`) === stamp) return known;
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
      const report = restoreReportOf(ref, restore, backupName, document.key, document.entries);
      index.putRestore(report);
      loaded.set(`restore:${name}`, stamp);
      return report;
    },

    forget(kind, name) {
      loaded.delete(`${kind}:${name}`);
      if (kind === 'backup') index.removeBackup({ namespace, name });
      else index.removeRestore({ namespace, name });
    },
  };
}
