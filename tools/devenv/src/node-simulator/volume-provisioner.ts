import { PatchStrategy, setHeaderOptions, type V1PersistentVolume, type V1PersistentVolumeClaim } from '@kubernetes/client-node';
import { isAlreadyExists, toKubeError, objectKey, splitObjectKey } from '@ferry/kube';
import { finalizerRemovalPatch } from './finalizers';
import { bytesToQuantity, quantityToBytes } from './quantity';
import { snapshotDirectory, volumeDirectory } from './simulator-layout';
import {
  isPodTerminal,
  podClaimNames,
  simulatorNames,
  type SimulatorContext,
  type SimulatorController,
  createSimulatorController,
} from './simulator-context';
import { snapshotApiGroup } from './snapshot-types';
import { bindVolumeToClaim, claimRefMatches, provisionedVolume } from './volume-binding';
import { exists, populateDirectory } from './volume-storage';

const mergePatch = setHeaderOptions('Content-Type', PatchStrategy.MergePatch);

/** Where the first content of a new volume comes from. */
type DataSource =
  | { readonly kind: 'none' }
  | { readonly kind: 'ready'; readonly directory: string; readonly minimumBytes: number; readonly description: string }
  | { readonly kind: 'wait'; readonly message: string }
  | { readonly kind: 'fail'; readonly message: string };

/**
 * Plays the PV controller and the CSI external-provisioner for the simulator's driver: binds
 * claims to pre-bound or named PVs, provisions a PV (a folder under `storage/volumes/`) for claims
 * of the driver's storage classes (WaitForFirstConsumer ones once a node is selected), filling it
 * from a VolumeSnapshot or a cloned claim when the claim has a data source. Claims of unknown
 * classes stay Pending with a `ProvisioningFailed` Warning event, like a real cluster. Also plays
 * the pvc-protection controller: a deleted claim loses its finalizer once no pod uses it. Claims
 * with a label selector are never provisioned (as by the real external-provisioner), only bound.
 */
export function createVolumeProvisioner(context: SimulatorContext): SimulatorController {
  const {
    persistentVolumeClaims: claims,
    persistentVolumes: volumes,
    storageClasses,
    pods,
    volumeSnapshots,
    volumeSnapshotContents,
  } = context.informers;
  const controller = createSimulatorController(context, {
    name: 'provisioner',
    reconcile: (key) => reconcile(key),
    resyncKeys: () => claims.list().filter(needsWork).map(objectKey),
  });

  const resolveDataSource = async (claim: V1PersistentVolumeClaim): Promise<DataSource> => {
    const ref = claim.spec?.dataSourceRef ?? claim.spec?.dataSource;
    if (!ref) return { kind: 'none' };
    const namespace = claim.metadata?.namespace ?? '';
    if (ref.kind === 'VolumeSnapshot' && ref.apiGroup === snapshotApiGroup) {
      const snapshot = volumeSnapshots.get(namespace, ref.name);
      const contentName = snapshot?.status?.boundVolumeSnapshotContentName;
      if (!snapshot?.status?.readyToUse || !contentName)
        return { kind: 'wait', message: `waiting for VolumeSnapshot ${namespace}/${ref.name} to be ready to use` };
      const content = volumeSnapshotContents.get(undefined, contentName);
      const handle = content?.status?.snapshotHandle ?? content?.spec.source.snapshotHandle;
      if (!content || !handle)
        return { kind: 'wait', message: `waiting for VolumeSnapshotContent ${contentName} of ${namespace}/${ref.name}` };
      if (content.spec.driver !== simulatorNames.driver)
        return {
          kind: 'fail',
          message: `snapshot ${namespace}/${ref.name} belongs to driver ${content.spec.driver}, not ${simulatorNames.driver}`,
        };
      const directory = snapshotDirectory(context.layout, handle);
      if (!(await exists(directory)))
        return { kind: 'fail', message: `data of snapshot ${handle} (VolumeSnapshot ${namespace}/${ref.name}) not found` };
      return {
        kind: 'ready',
        directory,
        minimumBytes: quantityToBytes(snapshot.status.restoreSize) ?? 0,
        description: `snapshot ${ref.name}`,
      };
    }
    if (ref.kind === 'PersistentVolumeClaim' && !ref.apiGroup) {
      const source = claims.get(namespace, ref.name);
      const pv = source?.spec?.volumeName ? volumes.get(undefined, source.spec.volumeName) : undefined;
      if (source?.status?.phase !== 'Bound' || !pv?.spec?.csi)
        return { kind: 'wait', message: `waiting for source claim ${namespace}/${ref.name} to be bound` };
      if (pv.spec.csi.driver !== simulatorNames.driver)
        return { kind: 'fail', message: `source claim ${ref.name} is not a volume of ${simulatorNames.driver}` };
      const minimumBytes = quantityToBytes(source.status.capacity?.['storage']) ?? 0;
      return {
        kind: 'ready',
        directory: volumeDirectory(context.layout, pv.spec.csi.volumeHandle),
        minimumBytes,
        description: `claim ${ref.name}`,
      };
    }
    return {
      kind: 'fail',
      message: `data source ${ref.apiGroup ?? 'core'}/${ref.kind} ${ref.name} is not supported by ${simulatorNames.driver}`,
    };
  };

  const releaseProtection = async (claim: V1PersistentVolumeClaim) => {
    const { name = '', namespace = '' } = claim.metadata ?? {};
    const inUse = pods.list(namespace).some((pod) => podClaimNames(pod).includes(name) && !isPodTerminal(pod));
    const patch = inUse ? undefined : finalizerRemovalPatch(claim, simulatorNames.pvcProtectionFinalizer);
    if (!patch) return;
    try {
      await context.client.core.patchNamespacedPersistentVolumeClaim({ name, namespace, body: patch }, mergePatch);
    } catch (error) {
      throw toKubeError(error, `remove pvc-protection from ${namespace}/${name}`);
    }
  };

  const selectNodeFromConsumer = async (claim: V1PersistentVolumeClaim): Promise<boolean> => {
    const { name = '', namespace = '' } = claim.metadata ?? {};
    const consumer = pods
      .list(namespace)
      .find((pod) => podClaimNames(pod).includes(name) && context.nodes.some((node) => node.name === pod.spec?.nodeName));
    if (!consumer?.spec?.nodeName) return false;
    const body = { metadata: { annotations: { [simulatorNames.selectedNodeAnnotation]: consumer.spec.nodeName } } };
    await context.client.core.patchNamespacedPersistentVolumeClaim({ name, namespace, body }, mergePatch).catch((error: unknown) => {
      throw toKubeError(error, `select node for claim ${namespace}/${name}`);
    });
    return true;
  };

  const provision = async (claim: V1PersistentVolumeClaim) => {
    const { name = '', namespace = '', uid = '' } = claim.metadata ?? {};
    const className = claim.spec?.storageClassName;
    if (!className) {
      await context.events.record(
        claim,
        'Normal',
        'FailedBinding',
        'no persistent volumes available for this claim and no storage class is set',
      );
      return;
    }
    const storageClass = storageClasses.get(undefined, className);
    if (!storageClass) {
      await context.events.record(claim, 'Warning', 'ProvisioningFailed', `storageclass.storage.k8s.io "${className}" not found`);
      return;
    }
    if (storageClass.provisioner !== simulatorNames.driver) {
      const message = `Waiting for a volume to be created either by the external provisioner '${storageClass.provisioner}' or manually by the system administrator. If volume creation is delayed, please verify that the provisioner is running and correctly registered.`;
      await context.events.record(claim, 'Normal', 'ExternalProvisioning', message);
      return;
    }
    const selectedNode = claim.metadata?.annotations?.[simulatorNames.selectedNodeAnnotation];
    if (storageClass.volumeBindingMode === 'WaitForFirstConsumer' && !selectedNode) {
      if (!(await selectNodeFromConsumer(claim)))
        await context.events.record(claim, 'Normal', 'WaitForFirstConsumer', 'waiting for first consumer to be created before binding');
      return;
    }
    // Like the real external-provisioner, never provision for a claim with a label selector: it
    // waits for a matching or pre-bound PV (Velero restores target PVCs that way, then binds the
    // restored PV to them). Pre-bound and named PVs are bound in `reconcile` before we get here.
    if (claim.spec?.selector) {
      const message = `claim ${namespace}/${name} has a label selector: not provisioned dynamically, waiting for a matching or pre-bound volume`;
      return context.events.record(claim, 'Normal', 'ExternalProvisioning', message);
    }
    const source = await resolveDataSource(claim);
    if (source.kind === 'wait') return context.events.record(claim, 'Normal', 'Provisioning', source.message);
    if (source.kind === 'fail') return context.events.record(claim, 'Warning', 'ProvisioningFailed', source.message);
    const requested = claim.spec?.resources?.requests?.['storage'];
    const requestedBytes = quantityToBytes(requested);
    if (requestedBytes === undefined)
      return context.events.record(
        claim,
        'Warning',
        'ProvisioningFailed',
        `claim ${namespace}/${name} has no valid storage request (${requested ?? 'none'})`,
      );
    if (source.kind === 'ready' && requestedBytes < source.minimumBytes) {
      const message = `requested volume size ${requestedBytes} is less than the size ${source.minimumBytes} (${bytesToQuantity(source.minimumBytes)}) of the source ${source.description}`;
      return context.events.record(claim, 'Warning', 'ProvisioningFailed', message);
    }

    await context.events.record(
      claim,
      'Normal',
      'Provisioning',
      `External provisioner is provisioning volume for claim "${namespace}/${name}"`,
    );
    const pvName = `pvc-${uid}`;
    await populateDirectory(volumeDirectory(context.layout, pvName), source.kind === 'ready' ? source.directory : undefined);
    const body = provisionedVolume({ claim, storageClass, name: pvName, volumeHandle: pvName, selectedNode });
    let pv: V1PersistentVolume;
    try {
      pv = await context.client.core.createPersistentVolume({ body });
    } catch (error) {
      if (!isAlreadyExists(toKubeError(error, `create PV ${pvName}`)))
        throw toKubeError(error, `create PV ${pvName} for claim ${namespace}/${name}`);
      pv = await context.client.core.readPersistentVolume({ name: pvName });
    }
    await context.events.record(claim, 'Normal', 'ProvisioningSucceeded', `Successfully provisioned volume ${pvName}`);
    await bindVolumeToClaim(context, pv, claim);
  };

  const reconcile = async (key: string) => {
    const { namespace, name } = splitObjectKey(key);
    const claim = claims.get(namespace, name);
    if (!claim) return;
    if (claim.metadata?.deletionTimestamp) return releaseProtection(claim);
    const volumeName = claim.spec?.volumeName;
    if (volumeName) {
      const pv = volumes.get(undefined, volumeName);
      if (!pv) return context.events.record(claim, 'Warning', 'FailedBinding', `volume "${volumeName}" not found`);
      if (pv.spec?.claimRef && !claimRefMatches(pv.spec.claimRef, claim)) {
        return context.events.record(claim, 'Warning', 'FailedBinding', `volume "${volumeName}" already bound to a different claim.`);
      }
      if (claim.status?.phase === 'Bound' && pv.status?.phase === 'Bound' && pv.spec?.claimRef?.uid === claim.metadata?.uid) return;
      return bindVolumeToClaim(context, pv, claim);
    }
    const preBound = volumes.list().find((pv) => claimRefMatches(pv.spec?.claimRef, claim) && !pv.metadata?.deletionTimestamp);
    if (preBound) return bindVolumeToClaim(context, preBound, claim);
    await provision(claim);
  };

  const enqueueClaim = (namespace: string | undefined, name: string | undefined) => {
    if (namespace && name) controller.enqueue(`${namespace}/${name}`);
  };
  const needsWork = (claim: V1PersistentVolumeClaim) => claim.status?.phase !== 'Bound' || Boolean(claim.metadata?.deletionTimestamp);

  return {
    name: 'provisioner',
    start() {
      controller.start();
      claims.on('add', (claim) => controller.enqueue(objectKey(claim)));
      claims.on('update', (claim) => controller.enqueue(objectKey(claim)));
      volumes.on('add', (pv) => enqueueClaim(pv.spec?.claimRef?.namespace, pv.spec?.claimRef?.name));
      volumes.on('update', (pv) => enqueueClaim(pv.spec?.claimRef?.namespace, pv.spec?.claimRef?.name));
      // A consumer pod lands on a node (WaitForFirstConsumer) or goes away (pvc-protection).
      const podChanged = (pod: {
        metadata?: { namespace?: string };
        spec?: { volumes?: { persistentVolumeClaim?: { claimName: string } }[] };
      }) => {
        for (const volume of pod.spec?.volumes ?? []) enqueueClaim(pod.metadata?.namespace, volume.persistentVolumeClaim?.claimName);
      };
      pods.on('add', podChanged);
      pods.on('update', podChanged);
      pods.on('delete', podChanged);
      // A snapshot becomes ready: claims restoring from it can be provisioned.
      volumeSnapshots.on('update', (snapshot) => {
        for (const claim of claims.list(snapshot.metadata?.namespace)) if (needsWork(claim)) controller.enqueue(objectKey(claim));
      });
    },
    async stop() {
      await controller.stop();
    },
  };
}
