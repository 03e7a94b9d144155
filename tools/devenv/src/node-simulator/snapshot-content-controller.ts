import { isNotFound, objectKey, type Controller } from '@ferry/kube';
import { finalizerRemovalPatch } from './finalizers';
import { snapshotDirectory } from './simulator-layout';
import { messageOf, simulatorNames, type SimulatorContext, type SimulatorController, createSimulatorController } from './simulator-context';
import { snapshotFinalizers, type VolumeSnapshotContent } from './snapshot-types';
import { directoryBytes, exists, readSnapshotMetadata, removeSnapshot } from './volume-storage';

/** The handle of a content's snapshot data: set in status (dynamic) or in spec (pre-provisioned). */
function handleOf(content: VolumeSnapshotContent): string | undefined {
  return content.status?.snapshotHandle ?? content.spec.source.snapshotHandle;
}

const isOwn = (content: VolumeSnapshotContent) => content.spec.driver === simulatorNames.driver;

async function removeData(context: SimulatorContext, content: VolumeSnapshotContent): Promise<void> {
  const handle = handleOf(content);
  if (content.spec.deletionPolicy !== 'Delete' || !handle) return;
  await removeSnapshot(snapshotDirectory(context.layout, handle));
  context.logger.info({ content: content.metadata?.name, handle }, 'snapshot data deleted');
}

/** True when the snapshot the content was bound to (by UID) no longer exists, asking the API server to be sure. */
async function snapshotGone(context: SimulatorContext, content: VolumeSnapshotContent): Promise<boolean> {
  const ref = content.spec.volumeSnapshotRef;
  if (!ref.uid || !ref.name) return false;
  if (context.informers.volumeSnapshots.get(ref.namespace, ref.name)?.metadata?.uid === ref.uid) return false;
  const current = await context.volumeSnapshots.find(ref.namespace, ref.name);
  return current?.metadata?.uid !== ref.uid;
}

async function finishDeletion(context: SimulatorContext, content: VolumeSnapshotContent, name: string): Promise<void> {
  // The policy may have changed a moment ago (Velero sets Retain before deleting): read it afresh.
  await removeData(context, (await context.volumeSnapshotContents.find(undefined, name)) ?? content);
  const patch = finalizerRemovalPatch(content, snapshotFinalizers.contentBound);
  if (patch)
    await context.volumeSnapshotContents.patch(undefined, name, patch).catch((error: unknown) => {
      if (!isNotFound(error)) throw error;
    });
}

/** Marks a content ready when its data exists (restoreSize from its metadata), else records the error. */
async function markReadyIfDataExists(context: SimulatorContext, name: string, handle: string): Promise<void> {
  const directory = snapshotDirectory(context.layout, handle);
  if (!(await exists(directory))) {
    const message = `snapshot data for handle ${handle} not found by ${simulatorNames.driver}`;
    await context.volumeSnapshotContents.patchStatus(undefined, name, (current) =>
      current.status?.error?.message === message ? undefined : { readyToUse: false, error: { message, time: new Date().toISOString() } },
    );
    return;
  }
  const metadata = await readSnapshotMetadata(directory);
  const restoreSize = metadata?.restoreSizeBytes ?? (await directoryBytes(directory));
  await context.volumeSnapshotContents.patchStatus(undefined, name, (current) =>
    current.status?.readyToUse
      ? undefined
      : {
          snapshotHandle: handle,
          readyToUse: true,
          restoreSize,
          creationTime: metadata?.creationTimeNanos ?? Date.now() * 1e6,
          error: null,
        },
  );
}

async function reconcile(context: SimulatorContext, name: string): Promise<void> {
  const content = context.informers.volumeSnapshotContents.get(undefined, name);
  if (!content || !isOwn(content)) return;
  if (content.metadata?.deletionTimestamp) return finishDeletion(context, content, name);
  if (await snapshotGone(context, content)) {
    if (content.spec.deletionPolicy === 'Delete') await context.volumeSnapshotContents.delete(undefined, name, { ignoreNotFound: true });
    return;
  }
  const handle = handleOf(content);
  if (content.status?.readyToUse || !handle) return;
  await markReadyIfDataExists(context, name, handle);
}

function watchContents(context: SimulatorContext, controller: Controller): void {
  const { volumeSnapshotContents: contents, volumeSnapshots: snapshots } = context.informers;
  contents.on('add', (content) => controller.enqueue(objectKey(content)));
  contents.on('update', (content) => controller.enqueue(objectKey(content)));
  // Deleted without a finalizer (e.g. pre-provisioned contents): the data still has to go. A copy
  // that still holds the bound finalizer is a stale cached one (a relist's delete: nothing leaves
  // the API server while it holds a finalizer); its deletion went through finishDeletion, which
  // read the policy afresh — this copy's policy may predate a switch to Retain.
  contents.on('delete', (content) => {
    if (!isOwn(content) || content.metadata?.finalizers?.includes(snapshotFinalizers.contentBound)) return;
    removeData(context, content).catch((error: unknown) =>
      context.logger.warn({ content: content.metadata?.name, err: messageOf(error) }, 'could not remove snapshot data'),
    );
  });
  snapshots.on('delete', (snapshot) => {
    for (const content of contents.list())
      if (content.spec.volumeSnapshotRef.uid === snapshot.metadata?.uid) controller.enqueue(objectKey(content));
  });
}

/**
 * Plays the CSI snapshotter for VolumeSnapshotContents of the simulator's driver: a
 * pre-provisioned content (`source.snapshotHandle`) becomes readyToUse when its data exists
 * (restoreSize from the snapshot's metadata); a content whose bound VolumeSnapshot is gone is
 * deleted when its policy is Delete; a deleted content with policy Delete removes its data
 * (Retain keeps it) and loses its finalizer.
 */
export function createSnapshotContentController(context: SimulatorContext): SimulatorController {
  const controller = createSimulatorController(context, {
    name: 'snapshot-contents',
    reconcile: (key) => reconcile(context, key),
    resyncKeys: () => context.informers.volumeSnapshotContents.list().filter(isOwn).map(objectKey),
  });
  return {
    name: 'snapshot-contents',
    start() {
      controller.start();
      watchContents(context, controller);
    },
    async stop() {
      await controller.stop();
    },
  };
}
