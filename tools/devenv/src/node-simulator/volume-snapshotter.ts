import { isAlreadyExists, objectKey, splitObjectKey } from '@ferry/kube';
import { finalizerAdditionPatch, finalizerRemovalPatch } from './finalizers';
import { bytesToQuantity, quantityToBytes } from './quantity';
import { snapshotDirectory, volumeDirectory } from './simulator-layout';
import { simulatorNames, type SimulatorContext, type SimulatorController, createSimulatorController } from './simulator-context';
import { snapshotApiVersion, snapshotFinalizers, type VolumeSnapshot, type VolumeSnapshotContent } from './snapshot-types';
import { populateDirectory, readSnapshotMetadata, writeSnapshotMetadata } from './volume-storage';

/** True when `content` is bound (or pre-bound) to `snapshot`. */
export function contentRefersTo(content: VolumeSnapshotContent, snapshot: VolumeSnapshot): boolean {
  const ref = content.spec.volumeSnapshotRef;
  return (
    ref.name === snapshot.metadata?.name &&
    ref.namespace === snapshot.metadata?.namespace &&
    (!ref.uid || ref.uid === snapshot.metadata?.uid)
  );
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
  const {
    volumeSnapshots: snapshots,
    volumeSnapshotContents: contents,
    volumeSnapshotClasses: classes,
    persistentVolumeClaims: claims,
    persistentVolumes: volumes,
  } = context.informers;
  const controller = createSimulatorController(context, {
    name: 'snapshotter',
    reconcile: (key) => reconcile(key),
    resyncKeys: () =>
      snapshots
        .list()
        .filter((snapshot) => !snapshot.status?.readyToUse || snapshot.metadata?.deletionTimestamp)
        .map(objectKey),
  });

  const fail = async (snapshot: VolumeSnapshot, message: string) => {
    const { namespace, name = '' } = snapshot.metadata ?? {};
    await context.volumeSnapshots.patchStatus(namespace, name, (current) =>
      current.status?.error?.message === message ? undefined : { readyToUse: false, error: { message, time: new Date().toISOString() } },
    );
    await context.events.record(snapshot, 'Warning', 'SnapshotCreationFailed', message);
  };

  const markReady = async (snapshot: VolumeSnapshot, content: VolumeSnapshotContent) => {
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
  };

  const protect = async (snapshot: VolumeSnapshot) => {
    const patch = finalizerAdditionPatch(snapshot, snapshotFinalizers.volumeSnapshotBound);
    if (patch) await context.volumeSnapshots.patch(snapshot.metadata?.namespace, snapshot.metadata?.name ?? '', patch);
  };

  const createDynamic = async (snapshot: VolumeSnapshot, claimName: string) => {
    const { namespace = '', name = '', uid = '' } = snapshot.metadata ?? {};
    const className =
      snapshot.spec.volumeSnapshotClassName ??
      classes
        .list()
        .find(
          (c) =>
            c.driver === simulatorNames.driver && c.metadata?.annotations?.['snapshot.storage.kubernetes.io/is-default-class'] === 'true',
        )?.metadata?.name;
    const snapshotClass = className ? classes.get(undefined, className) : undefined;
    if (!snapshotClass)
      return fail(
        snapshot,
        `failed to get input parameters to create snapshot ${name}: volumesnapshotclass "${className ?? '(default)'}" not found`,
      );
    if (snapshotClass.driver !== simulatorNames.driver) return;
    const claim = claims.get(namespace, claimName);
    if (!claim)
      return fail(snapshot, `failed to get input parameters to create snapshot ${name}: persistentvolumeclaim "${claimName}" not found`);
    const pv = claim.spec?.volumeName ? volumes.get(undefined, claim.spec.volumeName) : undefined;
    if (claim.status?.phase !== 'Bound' || !pv?.spec?.csi)
      return fail(snapshot, `the PVC ${claimName} is not yet bound to a PV, will not attempt to take a snapshot`);
    if (pv.spec.csi.driver !== simulatorNames.driver)
      return fail(snapshot, `the source volume of ${claimName} belongs to driver ${pv.spec.csi.driver}, not ${snapshotClass.driver}`);
    await protect(snapshot);

    const handle = `snapshot-${uid}`;
    const contentName = `snapcontent-${uid}`;
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
    const metadata = await readSnapshotMetadata(directory);

    let content = contents.get(undefined, contentName);
    if (!content) {
      const body: VolumeSnapshotContent = {
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
      content = await context.volumeSnapshotContents.create(body).catch(async (error: unknown) => {
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
    await markReady(snapshot, ready);
  };

  const bindStatic = async (snapshot: VolumeSnapshot, contentName: string) => {
    const content = contents.get(undefined, contentName);
    if (!content) return; // Created next, usually: its add event brings the snapshot back here.
    if (!contentRefersTo(content, snapshot)) return fail(snapshot, `VolumeSnapshotContent ${contentName} is bound to a different snapshot`);
    if (content.spec.driver !== simulatorNames.driver) return;
    await protect(snapshot);
    if (!content.spec.volumeSnapshotRef.uid) {
      await context.volumeSnapshotContents.patch(undefined, contentName, { spec: { volumeSnapshotRef: { uid: snapshot.metadata?.uid } } });
    }
    if (content.status?.readyToUse) await markReady(snapshot, content);
    else if (content.status?.error?.message) await fail(snapshot, content.status.error.message);
  };

  const release = async (snapshot: VolumeSnapshot) => {
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
  };

  const reconcile = async (key: string) => {
    const { namespace, name } = splitObjectKey(key);
    const snapshot = snapshots.get(namespace, name);
    if (!snapshot) return;
    if (snapshot.metadata?.deletionTimestamp) return release(snapshot);
    const bound = snapshot.status?.boundVolumeSnapshotContentName;
    if (snapshot.status?.readyToUse && bound && contents.get(undefined, bound)) return;
    const { persistentVolumeClaimName, volumeSnapshotContentName } = snapshot.spec.source;
    if (persistentVolumeClaimName) await createDynamic(snapshot, persistentVolumeClaimName);
    else if (volumeSnapshotContentName) await bindStatic(snapshot, volumeSnapshotContentName);
  };

  const enqueueFor = (content: VolumeSnapshotContent) => {
    const ref = content.spec.volumeSnapshotRef;
    if (ref.namespace && ref.name) controller.enqueue(`${ref.namespace}/${ref.name}`);
  };

  return {
    name: 'snapshotter',
    start() {
      controller.start();
      snapshots.on('add', (snapshot) => controller.enqueue(objectKey(snapshot)));
      snapshots.on('update', (snapshot) => controller.enqueue(objectKey(snapshot)));
      contents.on('add', enqueueFor);
      contents.on('update', enqueueFor);
      contents.on('delete', enqueueFor);
      claims.on('update', (claim) => {
        for (const snapshot of snapshots.list(claim.metadata?.namespace))
          if (!snapshot.status?.readyToUse) controller.enqueue(objectKey(snapshot));
      });
    },
    async stop() {
      await controller.stop();
    },
  };
}
