// The defaults Velero's backup controller writes into a Backup's spec before it runs
// (`prepareBackupRequest`): the stored Backup then shows the ttl, timeouts, storage location,
// data mover… it actually ran with.
import { BackupType, BuiltInDataMover, type BackupSpec } from '@ferry/api';
import { formatDuration, parseDuration } from '@ferry/kube-values';
import { BackupDurationField, veleroDurationDefaults, type BackupDurationDefaults } from './backup-durations';

/** The server settings Velero defaults a Backup spec from. */
export interface BackupServerDefaults {
  /** The location a Backup without `storageLocation` uses (see `chooseStorageLocation`). */
  readonly storageLocation: string;
  readonly durations: BackupDurationDefaults;
  /** `--default-volumes-to-fs-backup` (false). */
  readonly defaultVolumesToFsBackup: boolean;
  /** `--default-snapshot-move-data` (false). */
  readonly snapshotMoveData: boolean;
  /** `--volume-group-snapshot-label-key` (`velero.io/volume-group`). */
  readonly volumeGroupSnapshotLabelKey: string;
}

/** Velero's server defaults (location `default`, 720h / 10m / 4h, no fs-backup, no data movement). */
export const veleroServerDefaults: BackupServerDefaults = Object.freeze({
  storageLocation: 'default',
  durations: veleroDurationDefaults,
  defaultVolumesToFsBackup: false,
  snapshotMoveData: false,
  volumeGroupSnapshotLabelKey: 'velero.io/volume-group',
});

const durationFields: readonly BackupDurationField[] = Object.values(BackupDurationField);

/** The duration text to store: Go's String() of the default when the spec's is absent, empty or zero. */
function defaultedDuration(text: string | undefined, fallback: bigint): string | undefined {
  if (text === undefined || text === '') return formatDuration(fallback);
  const parsed = parseDuration(text);
  if (!parsed.ok) return text; // left for validation to report
  return parsed.nanoseconds === 0n ? formatDuration(fallback) : text;
}

/**
 * `spec` with Velero's defaults filled in, as its backup controller stores them: zero/empty `ttl`,
 * `csiSnapshotTimeout`, `itemOperationTimeout` become the default in Go's spelling (`720h0m0s`,
 * `10m0s`, `4h0m0s`; other values are kept as written); empty `volumeGroupSnapshotLabelKey`,
 * `backupType` (Incremental), `storageLocation`; `datamover` ""/`velero` → `velero-fs` (the
 * built-in default of the newest Velero); the deprecated `defaultVolumesToRestic: true` copied
 * to `defaultVolumesToFsBackup`; unset `defaultVolumesToFsBackup` and `snapshotMoveData` from the
 * server. Unparsable durations are kept for validation to report. Returns a new object. Pure.
 */
export function defaultedBackupSpec(spec: BackupSpec, defaults: BackupServerDefaults = veleroServerDefaults): BackupSpec {
  const result: BackupSpec = { ...spec };
  for (const field of durationFields) result[field] = defaultedDuration(spec[field], defaults.durations[field]);
  if (!spec.volumeGroupSnapshotLabelKey) result.volumeGroupSnapshotLabelKey = defaults.volumeGroupSnapshotLabelKey;
  if (!spec.backupType) result.backupType = BackupType.Incremental;
  if (!spec.datamover || spec.datamover === BuiltInDataMover.Velero) result.datamover = BuiltInDataMover.VeleroFs;
  if (spec.defaultVolumesToRestic === true) result.defaultVolumesToFsBackup = true;
  if (result.defaultVolumesToFsBackup === undefined || result.defaultVolumesToFsBackup === null) {
    result.defaultVolumesToFsBackup = defaults.defaultVolumesToFsBackup;
  }
  if (spec.snapshotMoveData === undefined || spec.snapshotMoveData === null) result.snapshotMoveData = defaults.snapshotMoveData;
  if (!spec.storageLocation) result.storageLocation = defaults.storageLocation;
  return result;
}
