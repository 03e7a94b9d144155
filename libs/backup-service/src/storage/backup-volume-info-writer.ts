// The one place a backup's volume-info document is written. The volume-info service (a later
// issue) takes this over; until then the Backup controller calls it while finalizing.
import { backupVolumeInfos, encodeBackupVolumeInfos, type VolumeInfoInput } from '@ferry/backup';
import type { ObjectStore } from '@ferry/object-store';
import { gzipText } from './gzip-text';

/**
 * Writes `<b>-volumeinfo.json.gz` at `key`: Velero's BackupVolumeInfo list built from `inputs`
 * (one per volume, skipped ones included), gzip'd. Replaces an earlier write (idempotent). Rejects
 * with the store's ObjectStoreError.
 */
export async function writeBackupVolumeInfo(
  store: ObjectStore,
  key: string,
  inputs: readonly VolumeInfoInput[],
  signal?: AbortSignal,
): Promise<void> {
  await store.putObject(key, gzipText(encodeBackupVolumeInfos(backupVolumeInfos(inputs))), signal);
}
