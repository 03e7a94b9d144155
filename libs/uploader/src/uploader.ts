// The role of a data uploader (docs/velero-compatibility.md#uploaders): move a directory to a
// repository in the backup storage location's bucket and back. One interface, one implementation
// per tool (restic, kopia); secrets reach the tools through their environment or 0600 files, never
// their arguments.

/** S3 coordinates of a repository: the BSL's bucket and prefix, endpoint and credentials. */
export interface S3RepositoryLocation {
  /** `http(s)://host:port` of the S3 API; for AWS, `https://s3.<region>.amazonaws.com`. */
  readonly endpoint: string;
  readonly region: string;
  readonly bucket: string;
  /** The BSL's prefix (may be empty); the repository lives under `<prefix>/<tool>/<namespace>`. */
  readonly prefix: string;
  /** The volume namespace: one repository per BSL and namespace, as Velero lays them out. */
  readonly volumeNamespace: string;
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly sessionToken?: string;
  readonly insecureSkipTlsVerify?: boolean;
}

/** A repository and its password (Velero's `velero-repo-credentials` / `repository-password`). */
export interface RepositoryAccess {
  readonly location: S3RepositoryLocation;
  readonly password: string;
  /** A private working folder for the tool's config and cache (created if missing). */
  readonly workDir: string;
}

/** Bytes moved so far; `totalBytes` is undefined while the tool does not know it yet. */
export interface TransferProgress {
  readonly bytesDone: number;
  readonly totalBytes?: number;
}

/** Identity of a snapshot and what a backup or restore moved. */
export interface TransferSummary {
  readonly snapshotId: string;
  /** Size of the snapshotted (or restored) data. */
  readonly totalBytes: number;
  /** Bytes that were new to the repository (backup only): `totalBytes` minus what was already there. */
  readonly incrementalBytes?: number;
  /** True when the source directory was empty (Velero: `volume was empty so no data was upload`). */
  readonly emptyVolume?: boolean;
}

/**
 * What a backup builds on: `latest` (default) = the latest snapshot of the same source and tags,
 * so only changes are read; `none` = a full backup that re-reads every file (Velero's
 * `parentSnapshot: none`; the repository still stores each chunk once); `snapshot` = that parent.
 */
export type BackupParent = { readonly kind: 'latest' } | { readonly kind: 'none' } | { readonly kind: 'snapshot'; readonly id: string };

/** Options of a backup. */
export interface BackupOptions {
  /** The directory to back up (the exposed volume's mount path). */
  readonly sourceDir: string;
  /** Snapshot identity: Velero uses `<sourceNamespace>/<sourcePVC>` for data movement. */
  readonly sourceName: string;
  /** Tags stored with the snapshot (Velero's `snapshot-requester`, `snapshot-uploader`, …). */
  readonly tags: Readonly<Record<string, string>>;
  /** Parent of the backup; default `latest`. kopia's CLI cannot name a parent: `snapshot` acts as `latest` there. */
  readonly parent?: BackupParent;
  readonly onProgress?: (progress: TransferProgress) => void;
  /** Aborting stops the tool; the repository stays consistent and the call rejects with `UploaderError` `UPLOADER_CANCELED`. */
  readonly signal?: AbortSignal;
}

/** Options of a restore. */
export interface RestoreOptions {
  readonly snapshotId: string;
  /** The directory to restore into (the restore pod's volume). */
  readonly targetDir: string;
  readonly onProgress?: (progress: TransferProgress) => void;
  readonly signal?: AbortSignal;
}

/** A snapshot as listed from the repository. */
export interface SnapshotInfo {
  readonly id: string;
  readonly sourceName: string;
  readonly tags: Readonly<Record<string, string>>;
  readonly time: string;
}

/**
 * What a snapshot deletion did: `deleted` = the requested ids the repository held (now removed),
 * `missing` = those it did not hold (already deleted, or never there). Both keep the request's spelling.
 */
export interface SnapshotDeletion {
  readonly deleted: readonly string[];
  readonly missing: readonly string[];
}

/**
 * Moves data between a directory and a repository with one tool. Every method rejects with an
 * `UploaderError` (stable `code`, `retryable`, `cause`); the error never contains a secret.
 */
export interface Uploader {
  /** `restic` or `kopia`. */
  readonly kind: 'restic' | 'kopia';
  /**
   * Connects to the existing repository (kopia: writes the connection into `access.workDir`;
   * restic: reads the repository's config). Idempotent. Rejects with `UPLOADER_REPOSITORY_NOT_FOUND`
   * when there is no repository there (yet), `UPLOADER_WRONG_PASSWORD` when it is not ours.
   */
  connectRepository(access: RepositoryAccess, signal?: AbortSignal): Promise<void>;
  /**
   * Creates the repository (kopia `repository create`, restic `init`) and leaves it connected.
   * Each creation writes its own random keys and S3 has no create-if-absent: two processes
   * creating the same repository at once both "succeed" and the last writer wins, breaking the
   * other. Callers on several nodes must agree on one creator first (the mover's repository
   * claim); a single process may use {@link ensureRepository}. Rejects with
   * `UPLOADER_REPOSITORY_EXISTS` when a repository is already there: connect to it instead.
   */
  createRepository(access: RepositoryAccess, signal?: AbortSignal): Promise<void>;
  backup(access: RepositoryAccess, options: BackupOptions): Promise<TransferSummary>;
  restore(access: RepositoryAccess, options: RestoreOptions): Promise<TransferSummary>;
  /** Snapshots of `sourceName` (all when undefined), newest last. */
  listSnapshots(access: RepositoryAccess, sourceName?: string, signal?: AbortSignal): Promise<SnapshotInfo[]>;
  /**
   * Deletes snapshots by id, as Velero's repository `Forget` does (restic `forget <id>…`, kopia
   * `snapshot delete <id>… --delete`): the snapshot records go, the data they alone referenced
   * stays until the repository's maintenance prunes it. An id may be a unique prefix (restic's
   * short ids, as Velero records them). Idempotent: ids the repository does not hold are reported
   * `missing`, not an error.
   */
  deleteSnapshots(access: RepositoryAccess, snapshotIds: readonly string[], signal?: AbortSignal): Promise<SnapshotDeletion>;
  /** Verifies the repository's consistency (restic `check`, kopia `snapshot verify`/`maintenance`). */
  checkRepository(access: RepositoryAccess, signal?: AbortSignal): Promise<void>;
}
