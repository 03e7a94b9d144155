// The API side of a restore's volumes (the IO of Velero's CSI and pod volume restore paths): the
// DataUploadResult ConfigMaps, one DataDownload per data-moved claim, one PodVolumeRestore per
// fs-backup volume of a created pod, the target's VolumeSnapshotClasses. Each creation first looks
// for what an interrupted run of the same Restore already made (labels carry the restore UID), so a
// resumed restore never starts a second transfer for one volume.
import type { Backup, Restore } from '@ferry/api';
import { VeleroLabel } from '@ferry/api';
import { isNotFound } from '@ferry/kube';
import { withTraceAnnotations } from '@ferry/telemetry';
import {
  backedUpVolumesOf,
  dataDownloadFor,
  dataUploadResultUsage,
  dataUploadResultSelector,
  nestedValue,
  podVolumeRestoreFor,
  podVolumeSources,
  readDataUploadResult,
  type BackedUpVolumes,
  type CsiClaimOutput,
  type ItemJson,
} from '@ferry/restore';
import type { ApiObjectClient, ApiResourceRef } from '../api/api-object-client';
import type { SpooledBackup } from '../store/backup-spool';
import type { BackupVolumeFiles } from '../store/backup-volume-files';
import { restoreApiResources } from '../api/api-resources';

const { configMaps, claims, dataDownloads, podVolumeRestores, snapshotClasses } = restoreApiResources;

/** Velero's default `csiSnapshotTimeout` (the DataDownload's operation timeout when the backup has none). */
const defaultCsiSnapshotTimeout = '10m0s';

/** A data-moved claim's DataDownload to start. */
export type DataDownloadStart = NonNullable<CsiClaimOutput['dataDownload']> & {
  readonly claimName: string;
  readonly targetNamespace: string;
};

/** The run's volume collaborator. */
export interface RestoreVolumes {
  /** How the backup kept each volume's data. */
  readonly backedUp: BackedUpVolumes;
  /** The target's VolumeSnapshotClass of `driver` (the first listed), when it has one. */
  snapshotClassOf(driver: string): string | undefined;
  /** Whether claim `namespace/name` exists. */
  claimExists(namespace: string, name: string): Promise<boolean>;
  /** Creates a DataUploadResult ConfigMap unless this Restore already has it. */
  createDataUploadResult(configMap: ItemJson): Promise<void>;
  /** Creates the claim's DataDownload from its DataUploadResult unless this Restore already has it. Rejects with Velero's message. */
  startDataDownload(start: DataDownloadStart): Promise<void>;
  /** Creates the PodVolumeRestores of a created pod (`backedUp` in `sourceNamespace`); resolves with the errors. */
  startPodVolumeRestores(created: ItemJson, backedUp: ItemJson, sourceNamespace: string): Promise<string[]>;
  /** Deletes this Restore's DataUploadResult ConfigMaps (Velero does when the items are restored). */
  removeDataUploadResults(): Promise<void>;
}

/** What the collaborator is built from. */
export interface RestoreVolumesInput {
  readonly api: ApiObjectClient;
  readonly restore: Restore;
  readonly backup: Backup;
  readonly files: BackupVolumeFiles;
  /** `<namespace>/<claim>` of the backup's claims with a CSI snapshot or DataUpload (backups without volume info). */
  readonly snapshotClaims: ReadonlySet<string>;
  /** Whether the restore takes claims and volumes (Velero creates no PodVolumeRestore otherwise). */
  readonly restoresVolumes: boolean;
  readonly signal: AbortSignal;
}

async function listSnapshotClasses(api: ApiObjectClient, signal: AbortSignal): Promise<ItemJson[]> {
  try {
    return await api.list(snapshotClasses, '', '', signal);
  } catch (error) {
    if (isNotFound(error)) return [];
    throw error;
  }
}

const message = (error: unknown): string => (error instanceof Error ? error.message : String(error));

/** Builds the collaborator; reads the target's VolumeSnapshotClasses once. */
export async function openRestoreVolumes(input: RestoreVolumesInput): Promise<RestoreVolumes> {
  const { api, restore, backup, signal } = input;
  const namespace = restore.metadata?.namespace ?? '';
  const uid = restore.metadata?.uid ?? '';
  const classes = await listSnapshotClasses(api, signal);
  const hasLabel = async (resource: ApiResourceRef, selector: string) => (await api.list(resource, namespace, selector, signal)).length > 0;
  return {
    backedUp: backedUpVolumesOf({
      volumeInfos: input.files.volumeInfos,
      podVolumeBackups: input.files.podVolumeBackups,
      snapshotClaims: input.snapshotClaims,
    }),
    snapshotClassOf: (driver) => {
      const found = classes.find((candidate) => candidate['driver'] === driver);
      return found ? String(nestedValue(found, 'metadata', 'name')) : undefined;
    },
    async claimExists(claimNamespace, name) {
      try {
        await api.get(claims, claimNamespace, name, signal);
        return true;
      } catch (error) {
        if (isNotFound(error)) return false;
        throw error;
      }
    },
    async createDataUploadResult(configMap) {
      const labels = (nestedValue(configMap, 'metadata', 'labels') ?? {}) as Record<string, string>;
      const selector = Object.entries(labels)
        .map(([key, value]) => `${key}=${value}`)
        .join(',');
      if (await hasLabel(configMaps, selector)) return;
      await api.create(configMaps, namespace, configMap, signal);
    },
    async startDataDownload(start) {
      if (await hasLabel(dataDownloads, `${VeleroLabel.AsyncOperationId}=${start.operationId}`)) return;
      const selector = dataUploadResultSelector(uid, start.sourceNamespace, start.sourceClaim);
      try {
        const result = readDataUploadResult(await api.list(configMaps, namespace, selector, signal), uid, selector);
        const download = dataDownloadFor({
          restore,
          result,
          claimName: start.claimName,
          targetNamespace: start.targetNamespace,
          operationId: start.operationId,
          operationTimeout: backup.spec?.csiSnapshotTimeout || defaultCsiSnapshotTimeout,
        });
        // Carries the restore step's trace context: the exposure and transfer join the Restore's trace.
        await api.create(dataDownloads, namespace, withTraceAnnotations(download) as ItemJson, signal);
      } catch (error) {
        throw new Error(`fail get DataUploadResult for restore: ${restore.metadata?.name ?? ''}: ${message(error)}`, { cause: error });
      }
    },
    async startPodVolumeRestores(created, backedUp, sourceNamespace) {
      if (!input.restoresVolumes) return [];
      const sources = podVolumeSources(input.files.podVolumeBackups, backedUp, sourceNamespace);
      const errors: string[] = [];
      for (const source of sources) {
        const body = podVolumeRestoreFor({
          restore,
          pod: created,
          source,
          storageLocation: backup.spec?.storageLocation ?? '',
          sourceNamespace,
        });
        await api
          .create(podVolumeRestores, namespace, withTraceAnnotations(body) as ItemJson, signal)
          .catch((error: unknown) => errors.push(message(error)));
      }
      return errors;
    },
    async removeDataUploadResults() {
      const selector = `${VeleroLabel.RestoreUid}=${uid},${VeleroLabel.ResourceUsage}=${dataUploadResultUsage}`;
      for (const configMap of await api.list(configMaps, namespace, selector, signal)) {
        await api.remove(configMaps, namespace, String(nestedValue(configMap, 'metadata', 'name')), signal).catch((error: unknown) => {
          if (!isNotFound(error)) throw error;
        });
      }
    },
  };
}

/** The claim (`<namespace>/<claim>`) a backed-up DataUpload or VolumeSnapshot holds the data of. */
const claimOfSnapshotItem = (resource: string, item: ItemJson): string =>
  resource === 'datauploads.velero.io'
    ? `${String(nestedValue(item, 'spec', 'sourceNamespace') ?? '')}/${String(nestedValue(item, 'spec', 'sourcePVC') ?? '')}`
    : `${String(nestedValue(item, 'metadata', 'namespace') ?? '')}/${String(nestedValue(item, 'spec', 'source', 'persistentVolumeClaimName') ?? '')}`;

/**
 * The claims with a DataUpload or CSI VolumeSnapshot in the spooled backup (Velero's
 * `hasSnapshotDataUpload` / `hasCSIVolumeSnapshot`, for backups without volume info).
 */
export async function backupSnapshotClaims(spool: SpooledBackup): Promise<Set<string>> {
  const found = new Set<string>();
  for (const resource of ['datauploads.velero.io', 'volumesnapshots.snapshot.storage.k8s.io']) {
    for (const namespace of spool.namespaces(resource, '')) {
      for (const name of spool.names(resource, '', namespace)) {
        const body = await spool.read(resource, '', namespace, name);
        try {
          if (body) found.add(claimOfSnapshotItem(resource, JSON.parse(body.toString('utf8')) as ItemJson));
        } catch {
          // An unreadable item is reported when the restore reaches it.
        }
      }
    }
  }
  return found;
}
