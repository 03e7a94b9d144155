import type { V1CSIDriver, V1StorageClass } from '@kubernetes/client-node';
import { isAlreadyExists, toKubeError } from '@ferry/kube';
import { simulatorNames, type SimulatorContext } from './simulator-context';
import { snapshotApiVersion, type VolumeSnapshotClass } from './snapshot-types';

/** The storage classes and snapshot class the simulator serves. */
export const simulatorStorage = {
  /** Default class, binds at once. */
  standardClass: 'standard',
  /** Binds when a pod using the claim is scheduled (WaitForFirstConsumer). */
  fastClass: 'fast',
  /** Default VolumeSnapshotClass of the driver (deletionPolicy Delete), labelled for Velero. */
  snapshotClass: 'ferry-snapclass',
} as const;

/** The StorageClasses: `standard` (Immediate, default) and `fast` (WaitForFirstConsumer). Pure. */
export function storageClasses(): V1StorageClass[] {
  const storageClass = (name: string, volumeBindingMode: string, isDefault: boolean): V1StorageClass => ({
    apiVersion: 'storage.k8s.io/v1',
    kind: 'StorageClass',
    metadata: { name, annotations: isDefault ? { 'storageclass.kubernetes.io/is-default-class': 'true' } : {} },
    provisioner: simulatorNames.driver,
    reclaimPolicy: 'Delete',
    volumeBindingMode,
    allowVolumeExpansion: true,
  });
  return [
    storageClass(simulatorStorage.standardClass, 'Immediate', true),
    storageClass(simulatorStorage.fastClass, 'WaitForFirstConsumer', false),
  ];
}

/** The VolumeSnapshotClass of the driver. Pure. */
export function volumeSnapshotClass(): VolumeSnapshotClass {
  return {
    apiVersion: snapshotApiVersion,
    kind: 'VolumeSnapshotClass',
    metadata: {
      name: simulatorStorage.snapshotClass,
      labels: { 'velero.io/csi-volumesnapshot-class': 'true' },
      annotations: { 'snapshot.storage.kubernetes.io/is-default-class': 'true' },
    },
    driver: simulatorNames.driver,
    deletionPolicy: 'Delete',
  };
}

function csiDriver(): V1CSIDriver {
  return {
    apiVersion: 'storage.k8s.io/v1',
    kind: 'CSIDriver',
    metadata: { name: simulatorNames.driver },
    spec: { attachRequired: false, podInfoOnMount: true, volumeLifecycleModes: ['Persistent'], fsGroupPolicy: 'File' },
  };
}

async function createIfAbsent(what: string, create: () => Promise<unknown>): Promise<void> {
  try {
    await create();
  } catch (error) {
    const failure = toKubeError(error, `create ${what}`);
    if (!isAlreadyExists(failure)) throw failure;
  }
}

/** Creates the CSIDriver and StorageClasses if absent. Idempotent. */
export async function installStorageClasses(context: SimulatorContext): Promise<void> {
  const { storage } = context.client;
  await createIfAbsent(`csidriver ${simulatorNames.driver}`, () => storage.createCSIDriver({ body: csiDriver() }));
  for (const body of storageClasses())
    await createIfAbsent(`storageclass ${body.metadata?.name}`, () => storage.createStorageClass({ body }));
}

/**
 * Creates the VolumeSnapshotClass if absent. Rejects with `KUBE_NOT_FOUND` while the snapshot
 * CRDs are not installed (the caller retries).
 */
export async function installSnapshotClass(context: SimulatorContext): Promise<void> {
  const body = volumeSnapshotClass();
  await createIfAbsent(`volumesnapshotclass ${simulatorStorage.snapshotClass}`, () =>
    context.client.customObjects.createClusterCustomObject({
      group: 'snapshot.storage.k8s.io',
      version: 'v1',
      plural: 'volumesnapshotclasses',
      body,
    }),
  );
}
