// Removal of everything the snapshot mover created for one VSB/VSR, found by the owner-UID label:
// DataUploads/DataDownloads first (their controller cleans the exposure up), then snapshots and
// their clones, PVCs and the per-request Secrets. Idempotent; a pass reports what it still found.
import { ownedSelector } from './intermediate-builders';
import { OwnerKind, SnapshotMoverAnnotation, SnapshotMoverLabel } from './snapshot-mover-names';
import type { SnapshotMoverApi } from './snapshot-mover-api';

interface Ref {
  readonly namespace: string;
  readonly name: string;
}

const refsOf = (items: { metadata?: { namespace?: string; name?: string } }[]): Ref[] =>
  items.map((item) => ({ namespace: item.metadata?.namespace ?? '', name: item.metadata?.name ?? '' }));

/**
 * Deletes every object labelled with owner `uid` (namespaced ones in `namespace`, every namespace
 * when undefined) and resolves with how many were still there when this pass looked (0 = all gone).
 * DataUploads/DataDownloads go first and alone: deleting a live one cancels it (its controller's
 * finalizer), and its exposure still needs the clone snapshot and the Secret until it has wound
 * down, so the rest is deleted only once no DU/DD is left.
 */
export async function deleteOwnedObjects(api: SnapshotMoverApi, uid: string, namespace?: string): Promise<number> {
  const selector = ownedSelector(uid);
  const [uploads, downloads] = await Promise.all([
    api.dataUploads.list(namespace, { labelSelector: selector }).then(refsOf),
    api.dataDownloads.list(namespace, { labelSelector: selector }).then(refsOf),
  ]);
  for (const du of uploads) await api.dataUploads.delete(du.namespace, du.name, { ignoreNotFound: true });
  for (const dd of downloads) await api.dataDownloads.delete(dd.namespace, dd.name, { ignoreNotFound: true });
  if (uploads.length + downloads.length > 0) return uploads.length + downloads.length;
  const [snapshots, contents, pvcs, secrets] = await Promise.all([
    api.snapshots.list(namespace, { labelSelector: selector }).then(refsOf),
    api.contents.list(undefined, { labelSelector: selector }).then(refsOf),
    api.listPvcs(selector, namespace),
    api.listSecrets(selector, namespace),
  ]);
  for (const vs of snapshots) await api.snapshots.delete(vs.namespace, vs.name, { ignoreNotFound: true });
  for (const vsc of contents) await api.contents.delete(undefined, vsc.name, { ignoreNotFound: true });
  for (const pvc of pvcs) await api.deletePvc(pvc.namespace, pvc.name);
  for (const secret of secrets) await api.deleteSecret(secret.namespace, secret.name);
  return snapshots.length + contents.length + pvcs.length + secrets.length;
}

/** Deletes the VolumeSnapshotContents a VSR with `uid` reported (its products); resolves with how many. */
export async function deleteRestoredContents(api: SnapshotMoverApi, uid: string): Promise<number> {
  const contents = await api.contents.list(undefined, { labelSelector: `${SnapshotMoverLabel.RestoredFor}=${uid}` });
  for (const vsc of contents) await api.contents.delete(undefined, vsc.metadata?.name ?? '', { ignoreNotFound: true });
  return contents.length;
}

/** An owner that has labelled objects: its UID, kind and `namespace/name` (from the objects' annotation). */
export interface OwnerOfObjects {
  readonly uid: string;
  readonly kind: string;
  readonly owner: string;
}

type Meta = { metadata?: { labels?: Record<string, string>; annotations?: Record<string, string> } };

/**
 * Owners that have objects labelled by the snapshot mover (intermediate or product): what the
 * controllers compare with the VSBs/VSRs that exist, to remove what belongs to deleted ones.
 */
export async function ownersWithObjects(api: SnapshotMoverApi, namespace?: string): Promise<OwnerOfObjects[]> {
  const owned = SnapshotMoverLabel.OwnerUid;
  const meta = (items: Meta[]) =>
    items.map((item) => ({ labels: item.metadata?.labels ?? {}, annotations: item.metadata?.annotations ?? {} }));
  const lists = await Promise.all([
    api.dataUploads.list(namespace, { labelSelector: owned }).then(meta),
    api.dataDownloads.list(namespace, { labelSelector: owned }).then(meta),
    api.snapshots.list(namespace, { labelSelector: owned }).then(meta),
    api.contents.list(undefined, { labelSelector: owned }).then(meta),
    api.contents.list(undefined, { labelSelector: SnapshotMoverLabel.RestoredFor }).then(meta),
    api.listPvcs(owned, namespace),
    api.listSecrets(owned, namespace),
  ]);
  const owners = new Map<string, OwnerOfObjects>();
  for (const { labels, annotations } of lists.flat()) {
    const restoredFor = labels[SnapshotMoverLabel.RestoredFor];
    const uid = labels[SnapshotMoverLabel.OwnerUid] ?? restoredFor;
    if (!uid) continue;
    const known = owners.get(uid);
    const owner = annotations[SnapshotMoverAnnotation.Owner] || known?.owner || '';
    const kind = labels[SnapshotMoverLabel.OwnerKind] || known?.kind || (restoredFor ? OwnerKind.Restore : '');
    owners.set(uid, { uid, kind, owner });
  }
  return [...owners.values()];
}

/**
 * Removes what the snapshot mover made for earlier owners of the key `owner` (`namespace/name`) of
 * `kind`: every owner UID found on labelled objects other than `liveUid` (undefined = the owner is
 * gone, so every UID). Resolves with how many objects were still there (0 = nothing left).
 */
export async function removeLeftovers(
  api: SnapshotMoverApi,
  kind: OwnerKind,
  owner: string,
  liveUid: string | undefined,
  namespace?: string,
): Promise<number> {
  const stale = (await ownersWithObjects(api, namespace)).filter(
    (found) => found.kind === kind && found.owner === owner && found.uid !== liveUid,
  );
  let remaining = 0;
  for (const { uid } of stale) {
    remaining += await deleteOwnedObjects(api, uid, namespace);
    if (kind === OwnerKind.Restore) remaining += await deleteRestoredContents(api, uid);
  }
  return remaining;
}
