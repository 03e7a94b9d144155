// The contract of one Backup's resource collection (Velero's `pkg/backup` item backup): what the
// backup controller hands over and what it gets back. The collector discovers every served
// resource, applies the Backup's filters, adds Velero's additional items, and streams the tarball
// (reference §9) to the bucket as it is written.
import type { Backup } from '@ferry/api';
import type { BackupResults } from '@ferry/backup';
import type { KubeClient, KubeLogger } from '@ferry/kube';
import type { ObjectStore } from '@ferry/object-store';
import type { ResourcePolicies } from '@ferry/volume-policy';

/** Items counted so far; `totalItems` grows as additional items are found. */
export interface ResourceBackupProgress {
  readonly totalItems: number;
  readonly itemsBackedUp: number;
}

/** `namespace/name` of a backed-up namespaced object. */
export interface BackedUpObjectRef {
  readonly namespace: string;
  readonly name: string;
}

/** What {@link ResourceBackup} needs for one Backup. */
export interface ResourceBackupRequest {
  /** The prepared Backup (`prepareBackup`'s spec, labels and annotations; `metadata.uid` set). */
  readonly backup: Backup;
  /** The Backup's parsed resource-policies document, when it names one that loaded without error. */
  readonly resourcePolicies?: ResourcePolicies | undefined;
  /** The bucket of the Backup's storage location. */
  readonly store: ObjectStore;
  /** Where the tarball goes (`backupFileKeys(prefix, name).contents`). */
  readonly tarballKey: string;
  /** Called at most as often as items are written; the caller throttles its status patches. */
  readonly onProgress?: (progress: ResourceBackupProgress) => void;
  /** Aborts listing and the upload; the partial upload is aborted and leaves no object. */
  readonly signal?: AbortSignal;
}

/** What a finished collection found and wrote. */
export interface ResourceBackupResult {
  readonly progress: ResourceBackupProgress;
  /** Velero's resource list: `{"<group/version>/<Kind>": ["ns/name" | "name", …]}`, each list sorted. */
  readonly resourceList: Readonly<Record<string, readonly string[]>>;
  /** Per-item errors and warnings (namespaced under their namespace, cluster-scoped under `cluster`). */
  readonly results: BackupResults;
  /** Bytes of the uploaded tarball. */
  readonly tarballBytes: number;
  /** Kubernetes API requests made (discovery and list pages). */
  readonly apiRequests: number;
  /** The backed-up pods and PersistentVolumeClaims: the volume step acts only on these. */
  readonly pods: readonly BackedUpObjectRef[];
  readonly persistentVolumeClaims: readonly BackedUpObjectRef[];
}

/** Collects one Backup's resources into its tarball. Rejects only when the tarball could not be written. */
export type ResourceBackup = (request: ResourceBackupRequest) => Promise<ResourceBackupResult>;

/** What every {@link ResourceBackup} made by a factory shares. */
export interface ResourceBackupDependencies {
  readonly kube: KubeClient;
  readonly logger: KubeLogger;
  /** Items backed up at once (Velero's item-block workers); default 8. */
  readonly workers?: number;
  /** LIST page size; default 500. */
  readonly pageSize?: number;
}
