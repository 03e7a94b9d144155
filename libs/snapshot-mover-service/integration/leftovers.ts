// What the snapshot mover must not leave behind once a VSB/VSR ended: DataUploads, DataDownloads,
// pods, PVCs, VolumeSnapshots and Secrets in the protected namespace (beyond the harness's own
// Secrets), and VolumeSnapshotContents carrying an owner label; DataUploads/DataDownloads are named
// with their phase and a pending deletion, to tell where a clean-up stopped.
import { SnapshotMoverLabel } from '../src/index';
import type { SnapshotMoverHarness } from './snapshot-mover-harness';

const harnessSecrets = new Set(['default-credentials', 'restic-secret', 'velero-repo-credentials']);

/** Descriptions (`kind ns/name`) of every leftover object; empty when nothing is left. */
export async function leftovers(h: SnapshotMoverHarness): Promise<string[]> {
  const namespace = h.namespace;
  type Meta = { namespace?: string; name?: string; deletionTimestamp?: unknown };
  const label = (kind: string, item: { metadata?: Meta }) =>
    `${kind} ${item.metadata?.namespace ? `${item.metadata.namespace}/` : ''}${item.metadata?.name ?? ''}`;
  const names = (kind: string, items: { metadata?: Meta }[]) => items.map((item) => label(kind, item));
  // A data-path object that stays also says where it stopped: its phase and a pending deletion.
  const withState = (kind: string, items: { metadata?: Meta; status?: { phase?: string } }[]) =>
    items.map((item) => {
      const state = [item.status?.phase, item.metadata?.deletionTimestamp ? 'deleting' : undefined].filter(Boolean);
      return state.length > 0 ? `${label(kind, item)} (${state.join(', ')})` : label(kind, item);
    });
  const [uploads, downloads, snapshots, contents, pods, pvcs, secrets] = await Promise.all([
    h.dataUploads.list(namespace),
    h.dataDownloads.list(namespace),
    h.snapshots.list(namespace),
    h.contents.list(undefined, { labelSelector: SnapshotMoverLabel.OwnerUid }),
    h.kube.core.listNamespacedPod({ namespace }).then((list) => list.items),
    h.kube.core.listNamespacedPersistentVolumeClaim({ namespace }).then((list) => list.items),
    h.kube.core
      .listNamespacedSecret({ namespace })
      .then((list) => list.items.filter((secret) => !harnessSecrets.has(secret.metadata?.name ?? ''))),
  ]);
  return [
    ...withState('DataUpload', uploads),
    ...withState('DataDownload', downloads),
    ...names('VolumeSnapshot', snapshots),
    ...names('VolumeSnapshotContent', contents),
    ...names('Pod', pods),
    ...names('PersistentVolumeClaim', pvcs),
    ...names('Secret', secrets),
  ];
}
