// Which BackupStorageLocation a Backup uses and whether it may write there, and whether the
// VolumeSnapshotLocations it names exist — Velero's checks and texts (`prepareBackupRequest`,
// `validateAndGetSnapshotLocations`). The caller lists the locations; these functions decide.
import { BackupStorageLocationAccessMode, BackupStorageLocationPhase } from '@ferry/api';

/** What the checks need of one BackupStorageLocation. */
export interface StorageLocationFacts {
  readonly name: string;
  /** `spec.default`. */
  readonly default?: boolean | undefined;
  /** `spec.accessMode` (ReadWrite when unset). */
  readonly accessMode?: string | undefined;
  /** `status.phase` (Available/Unavailable; unset until first validated). */
  readonly phase?: string | undefined;
}

/** What the checks need of one VolumeSnapshotLocation. */
export interface SnapshotLocationFacts {
  readonly name: string;
  /** `spec.provider`. */
  readonly provider: string;
}

/** Locations of the Backup's namespace as listed, or the API error that stopped the list. */
export type LocationList<T> = { readonly ok: true; readonly items: readonly T[] } | { readonly ok: false; readonly message: string };

/** The location a Backup uses, and whether the server chose it (the Backup named none). */
export interface StorageLocationChoice {
  readonly name: string;
  readonly serverSpecified: boolean;
}

/**
 * The BackupStorageLocation of a Backup: its `spec.storageLocation` when set; else the first
 * listed location with `spec.default: true`, else `serverDefault` (Velero's
 * `--default-backup-storage-location`, `default`). A failed list falls back to `serverDefault`,
 * as in Velero. Pure.
 */
export function chooseStorageLocation(
  specLocation: string | undefined,
  locations: LocationList<StorageLocationFacts>,
  serverDefault = 'default',
): StorageLocationChoice {
  if (specLocation) return { name: specLocation, serverSpecified: false };
  const marked = locations.ok ? locations.items.find((location) => location.default === true) : undefined;
  return { name: marked?.name ?? serverDefault, serverSpecified: true };
}

/** Kubernetes' NotFound text for a velero.io object. */
const notFound = (plural: string, name: string): string => `${plural}.velero.io "${name}" not found`;

/**
 * Velero's validation errors about the chosen storage location, in its order: missing (two
 * wordings, depending on whether the server chose it), the lookup failed, `accessMode: ReadOnly`,
 * not Available. Empty when the location can take the backup. Pure.
 */
export function storageLocationErrors(choice: StorageLocationChoice, locations: LocationList<StorageLocationFacts>): string[] {
  if (!locations.ok) return [`error getting backup storage location: ${locations.message}`];
  const location = locations.items.find((item) => item.name === choice.name);
  if (!location) {
    const error = notFound('backupstoragelocations', choice.name);
    const which = choice.serverSpecified ? `the server default ${choice.name} does not exist` : `the default ${choice.name} was not found`;
    return [
      `an existing backup storage location was not specified at backup creation time and ${which}. Please address this issue (see \`velero backup-location -h\` for options) and create a new backup. Error: ${error}`,
    ];
  }
  const errors: string[] = [];
  if (location.accessMode === BackupStorageLocationAccessMode.ReadOnly) {
    errors.push(`backup can't be created because backup storage location ${location.name} is currently in read-only mode`);
  }
  if (location.phase !== BackupStorageLocationPhase.Available) {
    errors.push(`backup can't be created because BackupStorageLocation ${location.name} is in Unavailable status.`);
  }
  return errors;
}

/**
 * Velero's validation errors about `spec.volumeSnapshotLocations`: each named location must
 * exist, and a provider may be named once. Ferry takes no native snapshots, so locations the
 * Backup does not name are not checked. Pure.
 */
export function snapshotLocationErrors(names: readonly string[] | undefined, locations: LocationList<SnapshotLocationFacts>): string[] {
  const errors: string[] = [];
  const byProvider = new Map<string, string>();
  for (const name of names ?? []) {
    if (!locations.ok) {
      errors.push(`error getting volume snapshot location named ${name}: ${locations.message}`);
      continue;
    }
    const location = locations.items.find((item) => item.name === name);
    if (!location) {
      errors.push(
        `a VolumeSnapshotLocation CRD for the location ${name} with the name specified in the backup spec needs to be created before this snapshot can be executed. Error: ${notFound('volumesnapshotlocations', name)}`,
      );
      continue;
    }
    const named = byProvider.get(location.provider);
    if (named === undefined) byProvider.set(location.provider, name);
    else if (named !== name) {
      errors.push(
        `more than one VolumeSnapshotLocation name specified for provider ${location.provider}: ${name}; unexpected name was ${named}`,
      );
    }
  }
  return errors;
}
