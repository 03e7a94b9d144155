// Which BackupStorageLocation of a namespace is the default one. Velero's rules, both kept:
// - one default only (velero's `ensureSingleDefaultBSL`, 1.14+): when several say
//   `spec.default: true`, the most recently created keeps it and the others are unset;
// - the server's default name (`velero server --default-backup-storage-location`, default
//   `default`): when none says `spec.default: true`, the BSL of that name becomes the default
//   once it validates Available (Velero 1.10–1.13 set it only on a successful validation). Pure.

/** What the rules need of one BSL. */
export interface DefaultLocationCandidate {
  readonly name: string;
  readonly isDefault: boolean;
  /** `metadata.creationTimestamp` (RFC 3339); absent sorts oldest. */
  readonly creationTimestamp?: string | undefined;
}

/** The changes to `spec.default` the rules ask for. */
export interface DefaultLocationChanges {
  /** The BSL to mark `spec.default: true` once it validates Available (none has it). */
  readonly markDefault?: string;
  /** BSLs to set `spec.default: false` (a newer default exists). */
  readonly unsetDefault: readonly string[];
}

/** Velero's `--default-backup-storage-location` default. */
export const serverDefaultLocationName = 'default';

const createdAt = (candidate: DefaultLocationCandidate): number => {
  const time = candidate.creationTimestamp ? Date.parse(candidate.creationTimestamp) : Number.NaN;
  return Number.isNaN(time) ? Number.NEGATIVE_INFINITY : time;
};

/** The changes for `locations` (one namespace), by the rules above. Pure. */
export function defaultLocationChanges(
  locations: readonly DefaultLocationCandidate[],
  serverDefaultName: string = serverDefaultLocationName,
): DefaultLocationChanges {
  const defaults = locations.filter((location) => location.isDefault);
  if (defaults.length === 0) {
    const named = locations.find((location) => location.name === serverDefaultName);
    return named ? { markDefault: named.name, unsetDefault: [] } : { unsetDefault: [] };
  }
  // Strictly newer wins, so among equal timestamps the first listed (API order: by name) keeps it, as Velero.
  const keeper = defaults.reduce((newest, location) => (createdAt(location) > createdAt(newest) ? location : newest));
  return { unsetDefault: defaults.filter((location) => location !== keeper).map((location) => location.name) };
}
