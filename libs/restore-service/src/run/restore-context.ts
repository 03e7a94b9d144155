// What one restore run shares between its steps: the Restore, the spooled backup, the target's
// discovery, the selection, the API client, results, restored items and the log.
import type { Restore } from '@ferry/api';
import type { BackupResultsBuilder, ResourceCatalog } from '@ferry/backup';
import type { ItemRestoreSettings, RestoredItems, RestoreSelection } from '@ferry/restore';
import type { ApiObjectClient } from '../api/api-object-client';
import type { SpooledBackup } from '../store/backup-spool';
import type { StorageClassChecks } from './restore-plugin-configs';
import type { RestoreLog } from './restore-log';
import type { RestoreVolumes } from './restore-volumes';

/** Timing settings of a run. */
export interface RestoreTimeouts {
  /** Velero's `--resource-timeout` (10m): how long a restored CRD may take to be Established. */
  readonly resourceTimeoutMs: number;
  /** Velero's `--terminating-resource-timeout` (10m): how long to wait for a terminating namespace. */
  readonly terminatingTimeoutMs: number;
  /** Poll period of both waits (Velero: 1 s). */
  readonly pollMs: number;
}

/** The shared state of one run. */
export interface RestoreContext {
  readonly restore: Restore;
  readonly backupName: string;
  readonly settings: ItemRestoreSettings;
  readonly spool: SpooledBackup;
  /** The version directory read per resource (`""` = the legacy path). */
  readonly versionDirs: ReadonlyMap<string, string>;
  /** The target's discovery; replaced after CRDs are restored. */
  catalog: ResourceCatalog;
  selection: RestoreSelection;
  readonly api: ApiObjectClient;
  readonly results: BackupResultsBuilder;
  readonly restored: RestoredItems;
  readonly log: RestoreLog;
  /** PVs re-provisioned dynamically (not created). */
  readonly provisionedVolumes: Set<string>;
  /** Service accounts known per target namespace (restored or found). */
  readonly serviceAccounts: Map<string, Set<string>>;
  /** Target namespaces made sure of (Velero's `existingNamespaces`), as promises so parallel items wait for one creation. */
  readonly namespaces: Map<string, Promise<boolean>>;
  readonly timeouts: RestoreTimeouts;
  /** Data-moved, snapshotted and fs-backup volumes. */
  readonly volumes: RestoreVolumes;
  /** The target's StorageClasses the change-storage-class mappings name, checked once each. */
  readonly storageClasses: StorageClassChecks;
  readonly signal: AbortSignal;
}
