// Which file of a BSL a DownloadRequest target names (velero's objectBackupStore.GetDownloadURL):
// Backup kinds under `backups/<b>/`, Restore kinds under `restores/<r>/`, through the layout's own
// key builders. Pure.
import { DownloadTargetKind } from '@ferry/api';
import { backupFileKeys, restoreFileKeys, type BackupFileKeys, type RestoreFileKeys } from './object-store-layout';

/** Whose files a target kind reads: a backup's (`target.name` is the Backup) or a restore's (the Restore). */
export type DownloadTargetOwner = 'backup' | 'restore';

/** A DownloadRequest's `spec.target`. */
export interface DownloadTarget {
  readonly kind: string;
  readonly name: string;
}

type KindFile =
  { readonly owner: 'backup'; readonly file: keyof BackupFileKeys } | { readonly owner: 'restore'; readonly file: keyof RestoreFileKeys };

const kindFiles: Readonly<Record<DownloadTargetKind, KindFile>> = {
  [DownloadTargetKind.BackupContents]: { owner: 'backup', file: 'contents' },
  [DownloadTargetKind.BackupLog]: { owner: 'backup', file: 'logs' },
  [DownloadTargetKind.BackupVolumeSnapshots]: { owner: 'backup', file: 'volumeSnapshots' },
  [DownloadTargetKind.BackupItemOperations]: { owner: 'backup', file: 'itemOperations' },
  [DownloadTargetKind.BackupResourceList]: { owner: 'backup', file: 'resourceList' },
  [DownloadTargetKind.BackupResults]: { owner: 'backup', file: 'results' },
  [DownloadTargetKind.BackupVolumeInfos]: { owner: 'backup', file: 'volumeInfo' },
  [DownloadTargetKind.CSIBackupVolumeSnapshots]: { owner: 'backup', file: 'csiVolumeSnapshots' },
  [DownloadTargetKind.CSIBackupVolumeSnapshotContents]: { owner: 'backup', file: 'csiVolumeSnapshotContents' },
  [DownloadTargetKind.RestoreLog]: { owner: 'restore', file: 'logs' },
  [DownloadTargetKind.RestoreResults]: { owner: 'restore', file: 'results' },
  [DownloadTargetKind.RestoreResourceList]: { owner: 'restore', file: 'resourceList' },
  [DownloadTargetKind.RestoreItemOperations]: { owner: 'restore', file: 'itemOperations' },
  [DownloadTargetKind.RestoreVolumeInfo]: { owner: 'restore', file: 'volumeInfo' },
};

function kindFile(kind: string): KindFile | undefined {
  return Object.hasOwn(kindFiles, kind) ? kindFiles[kind as DownloadTargetKind] : undefined;
}

/** Whose files `kind` reads, or `undefined` for a kind Velero does not know. Pure. */
export function downloadTargetOwner(kind: string): DownloadTargetOwner | undefined {
  return kindFile(kind)?.owner;
}

/** The file a target names: whose files it reads, and its key in a location with a given prefix. */
export interface DownloadTargetFile {
  readonly owner: DownloadTargetOwner;
  /** The key under `prefix` (e.g. `RestoreVolumeInfo` of `r` → `<prefix>/restores/r/r-volumeinfo.json.gz`). */
  key(prefix: string): string;
}

/** The file `target` names, or `undefined` for an unknown kind. Says nothing about whether it exists. Pure. */
export function downloadTargetFile(target: DownloadTarget): DownloadTargetFile | undefined {
  const found = kindFile(target.kind);
  if (!found) return undefined;
  return {
    owner: found.owner,
    key: (prefix) =>
      found.owner === 'backup' ? backupFileKeys(prefix, target.name)[found.file] : restoreFileKeys(prefix, target.name)[found.file],
  };
}

/** The key of the file `target` names in a location with `prefix`, or `undefined` for an unknown kind. Pure. */
export function downloadTargetKey(prefix: string, target: DownloadTarget): string | undefined {
  return downloadTargetFile(target)?.key(prefix);
}
