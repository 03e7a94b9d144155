// The collection side of the restore volume info (velero RestoreVolumeInfoTracker.Populate, run
// at finalization): the claims the restore created — from its restored resource list — read
// back with their bound PV and the VolumeSnapshot they came from, the ended PodVolumeRestores with
// their pods' volumes, and the restore's DataDownloads. Best effort as in Velero: an object that
// cannot be read is left out and logged, never a restore error.
import type { DataDownload, PodVolumeRestore, Restore, VolumeSnapshot } from '@ferry/api';
import { VeleroLabel } from '@ferry/api';
import { veleroLabelValue } from '@ferry/backup';
import type { KubeLogger } from '@ferry/kube';
import {
  claimBoundVolume,
  claimSnapshotName,
  dataDownloadFacts,
  podVolumeRestoreFacts,
  restoredClaimRefs,
  restoredVolumeSnapshot,
  type ItemJson,
  type RestoredClaim,
  type RestoreVolumeInfoInputs,
} from '@ferry/restore';
import type { ApiObjectClient } from '../api/api-object-client';
import { restoreApiResources } from '../api/api-resources';

const { claims, volumes, pods, snapshots, dataDownloads, podVolumeRestores } = restoreApiResources;

const endedPhases: readonly string[] = ['Completed', 'Failed', 'Canceled'];

/** What the collector reads with. */
export interface VolumeInfoCollection {
  readonly api: ApiObjectClient;
  readonly restore: Restore;
  /** The restored resource list (as stored in the bucket). */
  readonly resourceList: Readonly<Record<string, readonly string[]>>;
  readonly logger: KubeLogger;
  readonly signal: AbortSignal;
}

/** Reads one object; undefined (logged) when it cannot be read. */
async function readOrSkip(collection: VolumeInfoCollection, what: string, read: () => Promise<ItemJson>): Promise<ItemJson | undefined> {
  try {
    return await read();
  } catch (error) {
    collection.logger.warn({ restore: collection.restore.metadata?.name, error: String(error) }, `Failed to get ${what}`);
    return undefined;
  }
}

async function restoredClaim(collection: VolumeInfoCollection, namespace: string, name: string): Promise<RestoredClaim | undefined> {
  const { api, signal } = collection;
  const claim = await readOrSkip(collection, `PVC ${namespace}/${name}`, () => api.get(claims, namespace, name, signal));
  if (!claim) return undefined;
  const snapshotName = claimSnapshotName(claim);
  const snapshot = snapshotName
    ? await readOrSkip(collection, `VolumeSnapshot ${namespace}/${snapshotName}`, () => api.get(snapshots, namespace, snapshotName, signal))
    : undefined;
  const volumeName = claimBoundVolume(claim);
  const volume = volumeName ? await readOrSkip(collection, `PV ${volumeName}`, () => api.get(volumes, '', volumeName, signal)) : undefined;
  return {
    namespace,
    name,
    ...(volume ? { boundVolume: volumeName } : {}),
    ...(snapshot ? { snapshot: restoredVolumeSnapshot(snapshot as unknown as VolumeSnapshot) } : {}),
  };
}

/** Collects the inputs of the restore's volume info. */
export async function collectRestoreVolumeInfo(collection: VolumeInfoCollection): Promise<RestoreVolumeInfoInputs> {
  const { api, restore, signal } = collection;
  const namespace = restore.metadata?.namespace ?? '';
  const selector = `${VeleroLabel.RestoreName}=${veleroLabelValue(restore.metadata?.name ?? '')}`;
  const refs = restoredClaimRefs(collection.resourceList);
  const found = await Promise.all(refs.map((claim) => restoredClaim(collection, claim.namespace, claim.name)));
  const restores = ((await api.list(podVolumeRestores, namespace, selector, signal)) as PodVolumeRestore[]).filter((pvr) =>
    endedPhases.includes(pvr.status?.phase ?? ''),
  );
  const podVolumeRestoreFactsList = await Promise.all(
    restores.map(async (pvr) => {
      const podNamespace = pvr.spec?.pod.namespace ?? '';
      const podName = pvr.spec?.pod.name ?? '';
      const pod = await readOrSkip(collection, `pod ${podNamespace}/${podName}`, () => api.get(pods, podNamespace, podName, signal));
      return podVolumeRestoreFacts(pvr, pod);
    }),
  );
  const downloads = (await api.list(dataDownloads, namespace, selector, signal)) as DataDownload[];
  return {
    claims: found.filter((claim): claim is RestoredClaim => claim !== undefined),
    podVolumeRestores: podVolumeRestoreFactsList,
    nativeSnapshots: [],
    dataDownloads: downloads.map(dataDownloadFacts),
  };
}
