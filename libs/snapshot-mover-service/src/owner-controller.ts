// The controller of one owner kind (VolumeSnapshotBackup or VolumeSnapshotRestore), keyed by
// `namespace/name`: the owner's informer enqueues its key, the DataUploads/DataDownloads it owns
// enqueue their owner's key (annotation), and a resync enqueues every cached owner plus the owners
// the leftover scan found objects of. A reconcile reads the owner from the cache and, when it is
// gone (or the objects belong to an earlier owner of the same name), removes what was made for it.
import type { DataDownload, DataUpload, VolumeSnapshotBackup, VolumeSnapshotRestore } from '@ferry/api';
import {
  createController,
  objectKey,
  splitObjectKey,
  type Clock,
  type Controller,
  type CustomResourceClient,
  type KubeLogger,
  type ReconcileOutcome,
  type ResourceInformer,
} from '@ferry/kube';
import type { LeftoverScan } from './leftover-scan';
import { removeLeftovers } from './owned-objects';
import type { ReconcileResult } from './reconcile-context';
import type { SnapshotMoverApi } from './snapshot-mover-api';
import { SnapshotMoverAnnotation, SnapshotMoverLabel, type OwnerKind } from './snapshot-mover-names';

type Owner = VolumeSnapshotBackup | VolumeSnapshotRestore;

/** The collaborators of {@link createOwnerController}. */
export interface OwnerControllerOptions<T extends Owner> {
  readonly kind: OwnerKind;
  /** Cache of the owners (the primary informer). */
  readonly owners: ResourceInformer<T>;
  /** Client of the owners: read only to confirm that a missing owner is really gone before deleting. */
  readonly ownerClient: CustomResourceClient<T>;
  /** Cache of the DataUploads / DataDownloads the snapshot mover created. */
  readonly owned: ResourceInformer<DataUpload | DataDownload>;
  /** One pass over an owner that exists (the VSB or VSR reconciler). */
  readonly reconcileOwner: (owner: T) => Promise<ReconcileResult>;
  readonly api: SnapshotMoverApi;
  readonly leftovers: LeftoverScan;
  readonly logger: KubeLogger;
  readonly clock?: Clock;
  /** How soon to look again while objects are still going away. */
  readonly pollMs: number;
  readonly resyncIntervalMs: number;
  readonly concurrency?: number;
  /** The namespace of the intermediate objects; undefined = every namespace. */
  readonly namespace?: string;
}

const ownerKeyOf = (kind: OwnerKind, object: DataUpload | DataDownload): string[] => {
  const owner = object.metadata?.annotations?.[SnapshotMoverAnnotation.Owner];
  return owner && object.metadata?.labels?.[SnapshotMoverLabel.OwnerKind] === kind ? [owner] : [];
};

const earliest = (a: ReconcileOutcome, b: ReconcileOutcome): ReconcileOutcome =>
  a.requeueAfterMs === undefined
    ? b
    : b.requeueAfterMs === undefined
      ? a
      : { requeueAfterMs: Math.min(a.requeueAfterMs, b.requeueAfterMs) };

/** Builds the controller and registers its watches; the caller starts and stops it. */
export function createOwnerController<T extends Owner>(options: OwnerControllerOptions<T>): Controller {
  const { kind, owners, owned, api, leftovers } = options;

  /** Whether objects of `key` that belong to another UID than `liveUid` are known (cache or last scan). */
  const hasForeignObjects = (key: string, liveUid: string): boolean =>
    owned
      .list()
      .some((object) => ownerKeyOf(kind, object).includes(key) && object.metadata?.labels?.[SnapshotMoverLabel.OwnerUid] !== liveUid) ||
    leftovers.owners(kind).some((found) => found.owner === key && found.uid !== liveUid);

  /** The UID of the live owner of `key`; a cache miss is confirmed on the server before anything is deleted. */
  const liveUidOf = async (namespace: string, name: string): Promise<string | undefined> => {
    const live = await options.ownerClient.find(namespace, name);
    return live && !live.metadata?.deletionTimestamp ? live.metadata?.uid : undefined;
  };

  const reconcile = async (key: string): Promise<ReconcileOutcome> => {
    const { namespace = '', name } = splitObjectKey(key);
    const cached = owners.get(namespace, name);
    const owner = cached && !cached.metadata?.deletionTimestamp ? cached : undefined;
    const liveUid = owner ? owner.metadata?.uid : await liveUidOf(namespace, name);
    let cleanup: ReconcileOutcome = {};
    if (!liveUid || hasForeignObjects(key, liveUid)) {
      const remaining = await removeLeftovers(api, kind, key, liveUid, options.namespace);
      if (remaining > 0) cleanup = { requeueAfterMs: options.pollMs };
    }
    return owner ? earliest(await options.reconcileOwner(owner), cleanup) : cleanup;
  };

  const controller = createController({
    name: kind === 'VolumeSnapshotBackup' ? 'volumesnapshotbackup' : 'volumesnapshotrestore',
    reconcile,
    concurrency: options.concurrency ?? 4,
    resyncIntervalMs: options.resyncIntervalMs,
    resyncKeys: () => {
      void leftovers.refresh();
      return new Set([...owners.list().map(objectKey), ...leftovers.owners(kind).map((found) => found.owner)]);
    },
    logger: options.logger,
    ...(options.clock ? { clock: options.clock } : {}),
  });
  controller.watch(owners);
  controller.watch(owned, (object) => ownerKeyOf(kind, object));
  return controller;
}
