// Status writes of a VolumeSnapshot shared by the snapshotter's dynamic and static paths: failed,
// ready, and the bound finalizer that protects it while in use.
import { finalizerAdditionPatch } from './finalizers';
import { bytesToQuantity } from './quantity';
import type { SimulatorContext } from './simulator-context';
import { snapshotFinalizers, type VolumeSnapshot, type VolumeSnapshotContent } from './snapshot-types';

/** Sets `status.error` (once per message) and records a Warning (`SnapshotCreationFailed` unless another reason is given). */
export async function failSnapshot(
  context: SimulatorContext,
  snapshot: VolumeSnapshot,
  message: string,
  reason = 'SnapshotCreationFailed',
): Promise<void> {
  const { namespace, name = '' } = snapshot.metadata ?? {};
  await context.volumeSnapshots.patchStatus(namespace, name, (current) =>
    current.status?.error?.message === message ? undefined : { readyToUse: false, error: { message, time: new Date().toISOString() } },
  );
  await context.events.record(snapshot, 'Warning', reason, message);
}

/** Marks `snapshot` ready and bound to `content` (restoreSize and creationTime from it), unless it already is. */
export async function markSnapshotReady(
  context: SimulatorContext,
  snapshot: VolumeSnapshot,
  content: VolumeSnapshotContent,
): Promise<void> {
  const { namespace, name = '' } = snapshot.metadata ?? {};
  const creationNanos = content.status?.creationTime ?? Date.now() * 1e6;
  await context.volumeSnapshots.patchStatus(namespace, name, (current) =>
    current.status?.readyToUse && current.status.boundVolumeSnapshotContentName === content.metadata?.name
      ? undefined
      : {
          boundVolumeSnapshotContentName: content.metadata?.name,
          readyToUse: true,
          restoreSize: bytesToQuantity(content.status?.restoreSize ?? 0),
          creationTime: new Date(Math.floor(creationNanos / 1e6)).toISOString(),
          error: null,
        },
  );
  await context.events.record(snapshot, 'Normal', 'SnapshotReady', `Snapshot ${namespace}/${name} is ready to use.`);
}

/** Adds the bound finalizer when missing. */
export async function protectSnapshot(context: SimulatorContext, snapshot: VolumeSnapshot): Promise<void> {
  const patch = finalizerAdditionPatch(snapshot, snapshotFinalizers.volumeSnapshotBound);
  if (patch) await context.volumeSnapshots.patch(snapshot.metadata?.namespace, snapshot.metadata?.name ?? '', patch);
}
