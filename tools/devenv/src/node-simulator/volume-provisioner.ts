import {
  PatchStrategy,
  setHeaderOptions,
  type V1PersistentVolume,
  type V1PersistentVolumeClaim,
  type V1StorageClass,
} from '@kubernetes/client-node';
import { isAlreadyExists, toKubeError, objectKey, splitObjectKey, type Controller } from '@ferry/kube';
import { finalizerRemovalPatch } from './finalizers';
import { bytesToQuantity, quantityToBytes } from './quantity';
import { volumeDirectory } from './simulator-layout';
import {
  isPodTerminal,
  podClaimNames,
  simulatorNames,
  type SimulatorContext,
  type SimulatorController,
  createSimulatorController,
} from './simulator-context';
import type { VolumeSnapshot, VolumeSnapshotContent } from './snapshot-types';
import { resolveDataSource, snapshotSourceName, type DataSource } from './volume-data-source';
import { bindVolumeToClaim, claimRefMatches, provisionedVolume } from './volume-binding';
import { populateDirectory } from './volume-storage';

const mergePatch = setHeaderOptions('Content-Type', PatchStrategy.MergePatch);

const needsWork = (claim: V1PersistentVolumeClaim) => claim.status?.phase !== 'Bound' || Boolean(claim.metadata?.deletionTimestamp);

async function releaseProtection(context: SimulatorContext, claim: V1PersistentVolumeClaim): Promise<void> {
  const { name = '', namespace = '' } = claim.metadata ?? {};
  const inUse = context.informers.pods.list(namespace).some((pod) => podClaimNames(pod).includes(name) && !isPodTerminal(pod));
  const patch = inUse ? undefined : finalizerRemovalPatch(claim, simulatorNames.pvcProtectionFinalizer);
  if (!patch) return;
  try {
    await context.client.core.patchNamespacedPersistentVolumeClaim({ name, namespace, body: patch }, mergePatch);
  } catch (error) {
    throw toKubeError(error, `remove pvc-protection from ${namespace}/${name}`);
  }
}

async function selectNodeFromConsumer(context: SimulatorContext, claim: V1PersistentVolumeClaim): Promise<boolean> {
  const { name = '', namespace = '' } = claim.metadata ?? {};
  const consumer = context.informers.pods
    .list(namespace)
    .find((pod) => podClaimNames(pod).includes(name) && context.nodes.some((node) => node.name === pod.spec?.nodeName));
  if (!consumer?.spec?.nodeName) return false;
  const body = { metadata: { annotations: { [simulatorNames.selectedNodeAnnotation]: consumer.spec.nodeName } } };
  await context.client.core.patchNamespacedPersistentVolumeClaim({ name, namespace, body }, mergePatch).catch((error: unknown) => {
    throw toKubeError(error, `select node for claim ${namespace}/${name}`);
  });
  return true;
}

interface ProvisionTarget {
  readonly storageClass: V1StorageClass;
  readonly selectedNode: string | undefined;
}

/** The claim's class when the driver should provision it now; else records why not (an Event) and returns undefined. */
async function provisionTarget(context: SimulatorContext, claim: V1PersistentVolumeClaim): Promise<ProvisionTarget | undefined> {
  const { name = '', namespace = '' } = claim.metadata ?? {};
  const className = claim.spec?.storageClassName;
  if (!className) {
    await context.events.record(
      claim,
      'Normal',
      'FailedBinding',
      'no persistent volumes available for this claim and no storage class is set',
    );
    return undefined;
  }
  const storageClass = context.informers.storageClasses.get(undefined, className);
  if (!storageClass) {
    await context.events.record(claim, 'Warning', 'ProvisioningFailed', `storageclass.storage.k8s.io "${className}" not found`);
    return undefined;
  }
  if (storageClass.provisioner !== simulatorNames.driver) {
    const message = `Waiting for a volume to be created either by the external provisioner '${storageClass.provisioner}' or manually by the system administrator. If volume creation is delayed, please verify that the provisioner is running and correctly registered.`;
    await context.events.record(claim, 'Normal', 'ExternalProvisioning', message);
    return undefined;
  }
  const selectedNode = claim.metadata?.annotations?.[simulatorNames.selectedNodeAnnotation];
  if (storageClass.volumeBindingMode === 'WaitForFirstConsumer' && !selectedNode) {
    if (!(await selectNodeFromConsumer(context, claim)))
      await context.events.record(claim, 'Normal', 'WaitForFirstConsumer', 'waiting for first consumer to be created before binding');
    return undefined;
  }
  // Like the real external-provisioner, never provision for a claim with a label selector: it
  // waits for a matching or pre-bound PV (Velero restores target PVCs that way, then binds the
  // restored PV to them). Pre-bound and named PVs are bound in `reconcile` before we get here.
  if (claim.spec?.selector) {
    const message = `claim ${namespace}/${name} has a label selector: not provisioned dynamically, waiting for a matching or pre-bound volume`;
    await context.events.record(claim, 'Normal', 'ExternalProvisioning', message);
    return undefined;
  }
  return { storageClass, selectedNode };
}

/** Why the claim's request cannot hold its source, or undefined when it can. */
function sizeProblem(claim: V1PersistentVolumeClaim, source: DataSource): string | undefined {
  const { name = '', namespace = '' } = claim.metadata ?? {};
  const requested = claim.spec?.resources?.requests?.['storage'];
  const requestedBytes = quantityToBytes(requested);
  if (requestedBytes === undefined) return `claim ${namespace}/${name} has no valid storage request (${requested ?? 'none'})`;
  if (source.kind === 'ready' && requestedBytes < source.minimumBytes)
    return `requested volume size ${requestedBytes} is less than the size ${source.minimumBytes} (${bytesToQuantity(source.minimumBytes)}) of the source ${source.description}`;
  return undefined;
}

/** Creates (or adopts, after a crash) PV `pvc-<uid>` with the source's data and binds it to the claim. */
async function createVolume(context: SimulatorContext, claim: V1PersistentVolumeClaim, target: ProvisionTarget, source: DataSource) {
  const { name = '', namespace = '', uid = '' } = claim.metadata ?? {};
  const message = `External provisioner is provisioning volume for claim "${namespace}/${name}"`;
  await context.events.record(claim, 'Normal', 'Provisioning', message);
  const pvName = `pvc-${uid}`;
  await populateDirectory(volumeDirectory(context.layout, pvName), source.kind === 'ready' ? source.directory : undefined);
  const body = provisionedVolume({
    claim,
    storageClass: target.storageClass,
    name: pvName,
    volumeHandle: pvName,
    selectedNode: target.selectedNode,
  });
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
}

async function provision(context: SimulatorContext, claim: V1PersistentVolumeClaim): Promise<void> {
  const target = await provisionTarget(context, claim);
  if (!target) return;
  const source = await resolveDataSource(context, claim);
  if (source.kind === 'wait') return context.events.record(claim, 'Normal', 'Provisioning', source.message);
  if (source.kind === 'fail') return context.events.record(claim, 'Warning', 'ProvisioningFailed', source.message);
  const problem = sizeProblem(claim, source);
  if (problem) return context.events.record(claim, 'Warning', 'ProvisioningFailed', problem);
  await createVolume(context, claim, target, source);
}

async function reconcile(context: SimulatorContext, key: string): Promise<void> {
  const { persistentVolumeClaims: claims, persistentVolumes: volumes } = context.informers;
  const { namespace, name } = splitObjectKey(key);
  const claim = claims.get(namespace, name);
  if (!claim) return;
  if (claim.metadata?.deletionTimestamp) return releaseProtection(context, claim);
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
  await provision(context, claim);
}

/** Keys of the claims not bound yet whose data source is VolumeSnapshot `namespace/name`. */
function claimsRestoringFrom(context: SimulatorContext, namespace: string | undefined, name: string | undefined): string[] {
  if (!namespace || !name) return [];
  return context.informers.persistentVolumeClaims
    .list(namespace)
    .filter((claim) => needsWork(claim) && snapshotSourceName(claim) === name)
    .map(objectKey);
}

/** Enqueues the claims a change of a claim, PV, consumer pod, snapshot or snapshot content can unblock. */
function watchClaims(context: SimulatorContext, controller: Controller): void {
  const { persistentVolumeClaims: claims, persistentVolumes: volumes, pods, volumeSnapshots, volumeSnapshotContents } = context.informers;
  const enqueueClaim = (namespace: string | undefined, name: string | undefined) => {
    if (namespace && name) controller.enqueue(`${namespace}/${name}`);
  };
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
  // A snapshot, or the content it is bound to, appears or becomes ready: the claims restoring from
  // it are looked at again at once (the two informers' events come in either order, so both count).
  const snapshotChanged = (snapshot: VolumeSnapshot) => {
    for (const key of claimsRestoringFrom(context, snapshot.metadata?.namespace, snapshot.metadata?.name)) controller.enqueue(key);
  };
  volumeSnapshots.on('add', snapshotChanged);
  volumeSnapshots.on('update', snapshotChanged);
  const contentChanged = (content: VolumeSnapshotContent) => {
    const ref = content.spec.volumeSnapshotRef;
    for (const key of claimsRestoringFrom(context, ref.namespace, ref.name)) controller.enqueue(key);
  };
  volumeSnapshotContents.on('add', contentChanged);
  volumeSnapshotContents.on('update', contentChanged);
}

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
  const controller = createSimulatorController(context, {
    name: 'provisioner',
    reconcile: (key) => reconcile(context, key),
    resyncKeys: () => context.informers.persistentVolumeClaims.list().filter(needsWork).map(objectKey),
  });
  return {
    name: 'provisioner',
    start() {
      controller.start();
      watchClaims(context, controller);
    },
    async stop() {
      await controller.stop();
    },
  };
}
