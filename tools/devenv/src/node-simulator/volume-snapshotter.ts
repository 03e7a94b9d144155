import { objectKey, splitObjectKey, type Controller } from '@ferry/kube';
import { createDynamicSnapshot } from './dynamic-snapshot';
import { finalizerRemovalPatch } from './finalizers';
import { simulatorNames, type SimulatorContext, type SimulatorController, createSimulatorController } from './simulator-context';
import { failSnapshot, markSnapshotReady, protectSnapshot } from './snapshot-status';
import { snapshotFinalizers, type VolumeSnapshot, type VolumeSnapshotContent } from './snapshot-types';

/** True when `content` is bound (or pre-bound) to `snapshot`. */
export function contentRefersTo(content: VolumeSnapshotContent, snapshot: VolumeSnapshot): boolean {
  const ref = content.spec.volumeSnapshotRef;
  return (
    ref.name === snapshot.metadata?.name &&
    ref.namespace === snapshot.metadata?.namespace &&
    (!ref.uid || ref.uid === snapshot.metadata?.uid)
  );
}

async function bindStatic(context: SimulatorContext, snapshot: VolumeSnapshot, contentName: string): Promise<void> {
  const content = context.informers.volumeSnapshotContents.get(undefined, contentName);
  if (!content) return; // Created next, usually: its add event brings the snapshot back here.
  if (!contentRefersTo(content, snapshot))
    return failSnapshot(context, snapshot, `VolumeSnapshotContent ${contentName} is bound to a different snapshot`);
  if (content.spec.driver !== simulatorNames.driver) return;
  await protectSnapshot(context, snapshot);
  if (!content.spec.volumeSnapshotRef.uid) {
    await context.volumeSnapshotContents.patch(undefined, contentName, { spec: { volumeSnapshotRef: { uid: snapshot.metadata?.uid } } });
  }
  if (content.status?.readyToUse) await markSnapshotReady(context, snapshot, content);
  else if (content.status?.error?.message) await failSnapshot(context, snapshot, content.status.error.message);
}

async function release(context: SimulatorContext, snapshot: VolumeSnapshot): Promise<void> {
  const { namespace, name = '' } = snapshot.metadata ?? {};
  const contentName = snapshot.status?.boundVolumeSnapshotContentName ?? snapshot.spec.source.volumeSnapshotContentName;
  // Read the content afresh: Velero flips it to Retain right before deleting the snapshot.
  const content = contentName ? await context.volumeSnapshotContents.find(undefined, contentName) : undefined;
  if (
    content &&
    contentRefersTo(content, snapshot) &&
    content.spec.driver === simulatorNames.driver &&
    content.spec.deletionPolicy === 'Delete'
  ) {
    // Wait for the content (and so the data) to go before letting the snapshot go.
    if (!content.metadata?.deletionTimestamp)
      await context.volumeSnapshotContents.delete(undefined, contentName ?? '', { ignoreNotFound: true });
    return;
  }
  const patch = finalizerRemovalPatch(snapshot, snapshotFinalizers.volumeSnapshotBound, snapshotFinalizers.volumeSnapshotAsSource);
  if (patch) await context.volumeSnapshots.patch(namespace, name, patch);
}

async function reconcile(context: SimulatorContext, key: string): Promise<void> {
  const { namespace, name } = splitObjectKey(key);
  const snapshot = context.informers.volumeSnapshots.get(namespace, name);
  if (!snapshot) return;
  if (snapshot.metadata?.deletionTimestamp) return release(context, snapshot);
  const bound = snapshot.status?.boundVolumeSnapshotContentName;
  const boundContent = bound
    ? (context.informers.volumeSnapshotContents.get(undefined, bound) ?? (await context.volumeSnapshotContents.find(undefined, bound)))
    : undefined;
  // A bound snapshot is never taken again: its content is gone (e.g. Velero deleted it as Retain just
  // before the snapshot), and a new one would carry the class's Delete policy to the kept data.
  if (bound && !boundContent) return failSnapshot(context, snapshot, 'VolumeSnapshotContent is missing', 'SnapshotContentMissing');
  if (snapshot.status?.readyToUse && boundContent) return;
  const { persistentVolumeClaimName, volumeSnapshotContentName } = snapshot.spec.source;
  if (persistentVolumeClaimName) await createDynamicSnapshot(context, snapshot, persistentVolumeClaimName);
  else if (volumeSnapshotContentName) await bindStatic(context, snapshot, volumeSnapshotContentName);
}

/** Enqueues snapshots on their own changes, their contents' changes, and (not ready yet) their namespace's claims'. */
function watchSnapshots(context: SimulatorContext, controller: Controller): void {
  const { volumeSnapshots: snapshots, volumeSnapshotContents: contents, persistentVolumeClaims: claims } = context.informers;
  const enqueueFor = (content: VolumeSnapshotContent) => {
    const ref = content.spec.volumeSnapshotRef;
    if (ref.namespace && ref.name) controller.enqueue(`${ref.namespace}/${ref.name}`);
  };
  snapshots.on('add', (snapshot) => controller.enqueue(objectKey(snapshot)));
  snapshots.on('update', (snapshot) => controller.enqueue(objectKey(snapshot)));
  contents.on('add', enqueueFor);
  contents.on('update', enqueueFor);
  contents.on('delete', enqueueFor);
  claims.on('update', (claim) => {
    for (const snapshot of snapshots.list(claim.metadata?.namespace))
      if (!snapshot.status?.readyToUse) controller.enqueue(objectKey(snapshot));
  });
}

/**
 * Plays the snapshot controller and the CSI snapshotter for the simulator's driver, for
 * VolumeSnapshots. Dynamic ones (`source.persistentVolumeClaimName`) get their source volume's data
 * copied to `storage/snapshots/snapshot-<vs uid>` and a VolumeSnapshotContent
 * `snapcontent-<vs uid>`; pre-provisioned ones (`source.volumeSnapshotContentName`, as Velero's
 * exposer creates) are bound to their content. Both end `readyToUse` with restoreSize and
 * creationTime. A deleted snapshot deletes its content when the policy is Delete (the content
 * controller then removes the data) before its finalizer is released.
 */
export function createVolumeSnapshotter(context: SimulatorContext): SimulatorController {
  const controller = createSimulatorController(context, {
    name: 'snapshotter',
    reconcile: (key) => reconcile(context, key),
    resyncKeys: () =>
      context.informers.volumeSnapshots
        .list()
        .filter((snapshot) => !snapshot.status?.readyToUse || snapshot.metadata?.deletionTimestamp)
        .map(objectKey),
  });
  return {
    name: 'snapshotter',
    start() {
      controller.start();
      watchSnapshots(context, controller);
    },
    async stop() {
      await controller.stop();
    },
  };
}
