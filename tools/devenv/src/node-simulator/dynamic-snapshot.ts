// A dynamic VolumeSnapshot (`source.persistentVolumeClaimName`) of the simulator's driver: the
// source volume's data is copied to `storage/snapshots/snapshot-<vs uid>` and a
// VolumeSnapshotContent `snapcontent-<vs uid>` is created and marked ready. Every step is
// idempotent, so a reconcile interrupted anywhere completes on the next pass.
import type { V1PersistentVolume } from '@kubernetes/client-node';
import { isAlreadyExists } from '@ferry/kube';
import { quantityToBytes } from './quantity';
import { snapshotDirectory, volumeDirectory } from './simulator-layout';
import { simulatorNames, type SimulatorContext } from './simulator-context';
import { failSnapshot, markSnapshotReady, protectSnapshot } from './snapshot-status';
import {
  snapshotApiVersion,
  snapshotFinalizers,
  type VolumeSnapshot,
  type VolumeSnapshotClass,
  type VolumeSnapshotContent,
} from './snapshot-types';
import { populateDirectory, readSnapshotMetadata, writeSnapshotMetadata, type SnapshotMetadata } from './volume-storage';

type CsiVolume = V1PersistentVolume & { spec: { csi: NonNullable<NonNullable<V1PersistentVolume['spec']>['csi']> } };

function snapshotClassOf(context: SimulatorContext, snapshot: VolumeSnapshot): { name?: string; snapshotClass?: VolumeSnapshotClass } {
  const classes = context.informers.volumeSnapshotClasses;
  const name =
    snapshot.spec.volumeSnapshotClassName ??
    classes
      .list()
      .find(
        (c) =>
          c.driver === simulatorNames.driver && c.metadata?.annotations?.['snapshot.storage.kubernetes.io/is-default-class'] === 'true',
      )?.metadata?.name;
  return { ...(name ? { name } : {}), ...(name ? { snapshotClass: classes.get(undefined, name) } : {}) };
}

/** The claim's bound CSI volume of the driver, or why the snapshot cannot be taken. */
function sourceVolume(context: SimulatorContext, snapshot: VolumeSnapshot, claimName: string, driver: string): CsiVolume | string {
  const { namespace = '', name = '' } = snapshot.metadata ?? {};
  const claim = context.informers.persistentVolumeClaims.get(namespace, claimName);
  if (!claim) return `failed to get input parameters to create snapshot ${name}: persistentvolumeclaim "${claimName}" not found`;
  const pv = claim.spec?.volumeName ? context.informers.persistentVolumes.get(undefined, claim.spec.volumeName) : undefined;
  if (claim.status?.phase !== 'Bound' || !pv?.spec?.csi)
    return `the PVC ${claimName} is not yet bound to a PV, will not attempt to take a snapshot`;
  if (pv.spec.csi.driver !== simulatorNames.driver)
    return `the source volume of ${claimName} belongs to driver ${pv.spec.csi.driver}, not ${driver}`;
  return pv as CsiVolume;
}

/** Copies the volume's data to the snapshot folder; its metadata is written once, at the first attempt. */
async function copySnapshotData(context: SimulatorContext, handle: string, pv: CsiVolume): Promise<SnapshotMetadata | undefined> {
  const directory = snapshotDirectory(context.layout, handle);
  if (!(await readSnapshotMetadata(directory))) {
    const restoreSizeBytes = quantityToBytes(pv.spec.capacity?.['storage']) ?? 0;
    await writeSnapshotMetadata(directory, {
      snapshotHandle: handle,
      sourceVolumeHandle: pv.spec.csi.volumeHandle,
      restoreSizeBytes,
      creationTimeNanos: Date.now() * 1e6,
    });
  }
  await populateDirectory(directory, volumeDirectory(context.layout, pv.spec.csi.volumeHandle));
  return readSnapshotMetadata(directory);
}

function contentFor(
  snapshot: VolumeSnapshot,
  contentName: string,
  snapshotClass: VolumeSnapshotClass,
  pv: CsiVolume,
): VolumeSnapshotContent {
  const { namespace = '', name = '', uid = '' } = snapshot.metadata ?? {};
  return {
    apiVersion: snapshotApiVersion,
    kind: 'VolumeSnapshotContent',
    metadata: { name: contentName, finalizers: [snapshotFinalizers.contentBound] },
    spec: {
      deletionPolicy: snapshotClass.deletionPolicy,
      driver: simulatorNames.driver,
      source: { volumeHandle: pv.spec.csi.volumeHandle },
      volumeSnapshotClassName: snapshotClass.metadata?.name,
      volumeSnapshotRef: {
        apiVersion: snapshotApiVersion,
        kind: 'VolumeSnapshot',
        name,
        namespace,
        uid,
        resourceVersion: snapshot.metadata?.resourceVersion,
      },
      sourceVolumeMode: pv.spec.volumeMode ?? 'Filesystem',
    },
  };
}

/** Creates the content unless the informer already has it (an existing one on the server is adopted). */
async function ensureContent(
  context: SimulatorContext,
  snapshot: VolumeSnapshot,
  contentName: string,
  snapshotClass: VolumeSnapshotClass,
  pv: CsiVolume,
): Promise<void> {
  if (context.informers.volumeSnapshotContents.get(undefined, contentName)) return;
  const { namespace = '', name = '' } = snapshot.metadata ?? {};
  await context.volumeSnapshotContents.create(contentFor(snapshot, contentName, snapshotClass, pv)).catch(async (error: unknown) => {
    if (!isAlreadyExists(error)) throw error;
    return context.volumeSnapshotContents.get(undefined, contentName);
  });
  await context.events.record(
    snapshot,
    'Normal',
    'SnapshotCreated',
    `Snapshot ${namespace}/${name} was successfully created by the CSI driver.`,
  );
}

/**
 * Takes the dynamic snapshot of `claimName`: fails the snapshot (status error and Warning) when its
 * class or source volume is missing or not bound; ignores classes of other drivers.
 */
export async function createDynamicSnapshot(context: SimulatorContext, snapshot: VolumeSnapshot, claimName: string): Promise<void> {
  const { name = '', uid = '' } = snapshot.metadata ?? {};
  const { name: className, snapshotClass } = snapshotClassOf(context, snapshot);
  if (!snapshotClass)
    return failSnapshot(
      context,
      snapshot,
      `failed to get input parameters to create snapshot ${name}: volumesnapshotclass "${className ?? '(default)'}" not found`,
    );
  if (snapshotClass.driver !== simulatorNames.driver) return;
  const pv = sourceVolume(context, snapshot, claimName, snapshotClass.driver);
  if (typeof pv === 'string') return failSnapshot(context, snapshot, pv);
  await protectSnapshot(context, snapshot);
  const handle = `snapshot-${uid}`;
  const contentName = `snapcontent-${uid}`;
  const metadata = await copySnapshotData(context, handle, pv);
  await ensureContent(context, snapshot, contentName, snapshotClass, pv);
  const ready = await context.volumeSnapshotContents.patchStatus(undefined, contentName, (current) =>
    current.status?.readyToUse
      ? undefined
      : {
          snapshotHandle: handle,
          readyToUse: true,
          restoreSize: metadata?.restoreSizeBytes ?? 0,
          creationTime: metadata?.creationTimeNanos ?? Date.now() * 1e6,
        },
  );
  await markSnapshotReady(context, snapshot, ready);
}
