// Where Velero keeps its files in a BSL's bucket (velero's pkg/persistence/object_store_layout.go):
// everything under `<prefix>/`, in a fixed set of top-level folders. Only the keys Ferry uses are
// here; add the others beside them when a reconciler writes them. Pure.

/** The top-level folders Velero accepts under a BSL's prefix; any other folder makes the BSL unavailable. */
export const veleroTopLevelDirectories = ['backups', 'restores', 'restic', 'kopia', 'metadata', 'plugins'] as const;

const validTopLevel: ReadonlySet<string> = new Set(veleroTopLevelDirectories);

/** The key prefix of everything in a location with `prefix` (trimmed of slashes): `''` or `<prefix>/`. */
export function rootPrefix(prefix: string): string {
  const trimmed = prefix.replace(/^\/+|\/+$/g, '');
  return trimmed ? `${trimmed}/` : '';
}

/** `<prefix>/backups/`: the folder of every backup of a location. */
export function backupsPrefixKey(prefix: string): string {
  return `${rootPrefix(prefix)}backups/`;
}

/** `<prefix>/backups/<backup>/`: the folder of one backup's files. */
export function backupPrefixKey(prefix: string, backup: string): string {
  return `${backupsPrefixKey(prefix)}${backup}/`;
}

/** `<prefix>/backups/<backup>/velero-backup.json`: the Backup object as Velero stores it (plain JSON). */
export function backupMetadataKey(prefix: string, backup: string): string {
  return `${backupPrefixKey(prefix, backup)}velero-backup.json`;
}

/** The keys of one backup's files, as Velero names them (`.gz` = gzip'd; JSON unless said). */
export interface BackupFileKeys {
  /** `velero-backup.json`: the Backup object, plain JSON. */
  readonly metadata: string;
  /** `<b>.tar.gz`: the resources. */
  readonly contents: string;
  /** `<b>-logs.gz`: the backup's log, gzip'd text. */
  readonly logs: string;
  readonly podVolumeBackups: string;
  /** Native (volume snapshotter) snapshots. */
  readonly volumeSnapshots: string;
  readonly itemOperations: string;
  readonly resourceList: string;
  /** `<b>-results.gz`: `{errors, warnings}`. */
  readonly results: string;
  /** `<b>-volumeinfo.json.gz`: the BackupVolumeInfo list. */
  readonly volumeInfo: string;
  /** Read-only legacy files of older Velero releases. */
  readonly csiVolumeSnapshots: string;
  readonly csiVolumeSnapshotContents: string;
  readonly csiVolumeSnapshotClasses: string;
}

/** Every key of backup `backup`'s files under `<prefix>/backups/<backup>/` (velero's object_store_layout.go). Pure. */
export function backupFileKeys(prefix: string, backup: string): BackupFileKeys {
  const folder = backupPrefixKey(prefix, backup);
  const file = (suffix: string) => `${folder}${backup}${suffix}`;
  return {
    metadata: backupMetadataKey(prefix, backup),
    contents: file('.tar.gz'),
    logs: file('-logs.gz'),
    podVolumeBackups: file('-podvolumebackups.json.gz'),
    volumeSnapshots: file('-volumesnapshots.json.gz'),
    itemOperations: file('-itemoperations.json.gz'),
    resourceList: file('-resource-list.json.gz'),
    results: file('-results.gz'),
    volumeInfo: file('-volumeinfo.json.gz'),
    csiVolumeSnapshots: file('-csi-volumesnapshots.json.gz'),
    csiVolumeSnapshotContents: file('-csi-volumesnapshotcontents.json.gz'),
    csiVolumeSnapshotClasses: file('-csi-volumesnapshotclasses.json.gz'),
  };
}

/** `<prefix>/restores/<restore>/`: the folder of one restore's files. */
export function restorePrefixKey(prefix: string, restore: string): string {
  return `${rootPrefix(prefix)}restores/${restore}/`;
}

/** `<prefix>/restores/<restore>/restore-<restore>-logs.gz`: a restore's gzip'd log. */
export function restoreLogKey(prefix: string, restore: string): string {
  return `${rootPrefix(prefix)}restores/${restore}/restore-${restore}-logs.gz`;
}

/** The keys of one restore's files (velero's object_store_layout.go; `.gz` = gzip'd). */
export interface RestoreFileKeys {
  /** `restore-<r>-logs.gz`: the restore's log. */
  readonly logs: string;
  /** `restore-<r>-results.gz`: `{errors, warnings}`. */
  readonly results: string;
  /** `restore-<r>-resource-list.json.gz`: the restored items by `<apiVersion>/<Kind>`. */
  readonly resourceList: string;
  /** `restore-<r>-itemoperations.json.gz`: the restore item operations. */
  readonly itemOperations: string;
  /** `<r>-volumeinfo.json.gz` (no `restore-` prefix): the restore volume info. */
  readonly volumeInfo: string;
}

/** Every key of restore `restore`'s files under `<prefix>/restores/<restore>/`. Pure. */
export function restoreFileKeys(prefix: string, restore: string): RestoreFileKeys {
  const folder = restorePrefixKey(prefix, restore);
  return {
    logs: restoreLogKey(prefix, restore),
    results: `${folder}restore-${restore}-results.gz`,
    resourceList: `${folder}restore-${restore}-resource-list.json.gz`,
    itemOperations: `${folder}restore-${restore}-itemoperations.json.gz`,
    volumeInfo: `${folder}${restore}-volumeinfo.json.gz`,
  };
}

/**
 * The folders among `commonPrefixes` (as an S3 listing of {@link rootPrefix} with delimiter `/`
 * returns them: `<prefix>/<folder>/`) that Velero does not accept, in listing order. Pure.
 */
export function invalidTopLevelDirectories(prefix: string, commonPrefixes: readonly string[]): string[] {
  const root = rootPrefix(prefix);
  return commonPrefixes
    .map((listed) => (listed.startsWith(root) ? listed.slice(root.length) : listed).replace(/\/+$/, ''))
    .filter((folder) => !validTopLevel.has(folder));
}

/**
 * Velero's sentence for invalid top-level folders (`IsValid`): at most three are named, then `...`.
 * `undefined` when there are none. Pure.
 */
export function describeInvalidTopLevelDirectories(invalid: readonly string[]): string | undefined {
  if (invalid.length === 0) return undefined;
  if (invalid.length > 3) {
    return `Backup store contains ${invalid.length} invalid top-level directories: [${[...invalid.slice(0, 3), '...'].join(' ')}]`;
  }
  return `Backup store contains invalid top-level directories: [${invalid.join(' ')}]`;
}
