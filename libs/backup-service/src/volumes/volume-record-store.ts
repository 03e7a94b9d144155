// What `start` decided for a Backup's volumes, kept in a ConfigMap beside the Backup so that
// `check` (and a restarted controller) read the one plan instead of asking the policy service
// again: the work, the skipped volumes, the item errors and each claim's PV. The ConfigMap is
// controlled by the Backup, so it goes when the Backup is deleted.
import type { Backup } from '@ferry/api';
import {
  backupOwnerReference,
  veleroLabelValue,
  type FsBackupWork,
  type ResultLogFields,
  type SnapshotWork,
  type VolumeFacts,
  type VolumeInfoInput,
  type VolumeRecord,
} from '@ferry/backup';
import { createIfAbsent, getOrUndefined, kubeCall, type KubeClient } from '@ferry/kube';
import { BackupVolumeError, BackupVolumeErrorCode } from '../errors';

/** The record as stored (version 1 of its JSON). */
export interface StoredVolumeRecord {
  readonly version: 1;
  readonly snapshots: readonly SnapshotWork[];
  readonly fsBackups: readonly FsBackupWork[];
  readonly skipped: readonly Extract<VolumeInfoInput, { kind: 'skipped' }>[];
  /** Item errors of the plan. */
  readonly planErrors: readonly ResultLogFields[];
  /** Per-volume errors and skips of the last `start` (replaced by each run). */
  readonly startErrors: readonly ResultLogFields[];
  readonly startSkipped: readonly Extract<VolumeInfoInput, { kind: 'skipped' }>[];
  /** PV facts by claim `namespace/name`. */
  readonly volumes: Readonly<Record<string, VolumeFacts>>;
}

const recordKey = 'volumes.json';

/** Name of the record ConfigMap of `backup`: one per Backup UID. */
export const volumeRecordName = (backup: Backup): string => `ferry-backup-volumes-${backup.metadata?.uid ?? ''}`;

/** The record as the state computation reads it. Pure. */
export function volumeRecordOf(stored: StoredVolumeRecord | undefined): VolumeRecord {
  if (!stored) return { skipped: [], errors: [], volumes: {} };
  return {
    skipped: [...stored.skipped, ...stored.startSkipped],
    errors: [...stored.planErrors, ...stored.startErrors],
    volumes: stored.volumes,
  };
}

function parseRecord(text: string | undefined, where: string): StoredVolumeRecord {
  let parsed: Partial<StoredVolumeRecord>;
  try {
    parsed = JSON.parse(text ?? '{}') as Partial<StoredVolumeRecord>;
  } catch (cause) {
    throw new BackupVolumeError(
      BackupVolumeErrorCode.RecordUnreadable,
      `${where}: not JSON; delete the ConfigMap to plan the volumes again`,
      {
        cause,
        retryable: false,
      },
    );
  }
  if (parsed.version !== 1) {
    throw new BackupVolumeError(
      BackupVolumeErrorCode.RecordUnreadable,
      `${where}: volume record version ${String(parsed.version)} is not one this Ferry writes; delete the ConfigMap to plan the volumes again`,
      { retryable: false },
    );
  }
  return parsed as StoredVolumeRecord;
}

/** Reads and writes the record ConfigMap of Backups in their namespace. */
export interface VolumeRecordStore {
  /** The record of `backup`, or undefined before `start` planned it. */
  read(backup: Backup): Promise<StoredVolumeRecord | undefined>;
  /** Stores `record` unless one exists; resolves with the stored one (the first writer wins). */
  create(backup: Backup, record: StoredVolumeRecord): Promise<StoredVolumeRecord>;
  /** Replaces the per-run part of the record. */
  updateStart(backup: Backup, startErrors: readonly ResultLogFields[], startSkipped: StoredVolumeRecord['startSkipped']): Promise<void>;
}

/** The record store over the core API. */
export function createVolumeRecordStore(kube: KubeClient): VolumeRecordStore {
  const where = (backup: Backup) => `ConfigMap ${backup.metadata?.namespace ?? ''}/${volumeRecordName(backup)}`;
  const readMap = (backup: Backup) =>
    getOrUndefined(`get ${where(backup)}`, () =>
      kube.core.readNamespacedConfigMap({ namespace: backup.metadata?.namespace ?? '', name: volumeRecordName(backup) }),
    );
  return {
    async read(backup) {
      const map = await readMap(backup);
      return map ? parseRecord(map.data?.[recordKey], where(backup)) : undefined;
    },
    async create(backup, record) {
      const namespace = backup.metadata?.namespace ?? '';
      const body = {
        metadata: {
          name: volumeRecordName(backup),
          namespace,
          labels: {
            'velero.io/backup-name': veleroLabelValue(backup.metadata?.name ?? ''),
            'velero.io/backup-uid': backup.metadata?.uid ?? '',
          },
          ownerReferences: [backupOwnerReference(backup)],
        },
        data: { [recordKey]: JSON.stringify(record) },
      };
      const stored = await createIfAbsent(
        where(backup),
        () => kube.core.createNamespacedConfigMap({ namespace, body }),
        () => kube.core.readNamespacedConfigMap({ namespace, name: volumeRecordName(backup) }),
      );
      return parseRecord(stored.data?.[recordKey], where(backup));
    },
    async updateStart(backup, startErrors, startSkipped) {
      const map = await readMap(backup);
      if (!map) return;
      const record = { ...parseRecord(map.data?.[recordKey], where(backup)), startErrors, startSkipped };
      await kubeCall(`replace ${where(backup)}`, () =>
        kube.core.replaceNamespacedConfigMap({
          namespace: backup.metadata?.namespace ?? '',
          name: volumeRecordName(backup),
          body: { ...map, data: { ...map.data, [recordKey]: JSON.stringify(record) } },
        }),
      );
    },
  };
}
