import { mkdir, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { V1Pod, V1Volume } from '@kubernetes/client-node';
import { isNotFound, retryOnConflict, toKubeError, objectKey, splitObjectKey, type Controller } from '@ferry/kube';
import { isReportedRunning, runningPodStatus } from './pod-status-builder';
import { csiMountPath, emptyDirPath, podDirectory, volumeDirectory } from './simulator-layout';
import {
  podClaimNames,
  simulatorNames,
  type SimulatedNode,
  type SimulatorContext,
  type SimulatorController,
  createSimulatorController,
} from './simulator-context';
import { populateDirectory } from './volume-storage';

/** A pod whose volumes this kubelet has set up (so it can tear them down after the pod is gone). */
interface SetUpPod {
  readonly uid: string;
  readonly node: SimulatedNode;
}

/** Whether a pod volume must be mounted read-only: ROX-only claim, `readOnly` source, or only read-only mounts. */
function isReadOnly(pod: V1Pod, volume: V1Volume, claimAccessModes: readonly string[]): boolean {
  if (volume.persistentVolumeClaim?.readOnly) return true;
  if (claimAccessModes.length > 0 && claimAccessModes.every((mode) => mode === 'ReadOnlyMany')) return true;
  const mounts = [...(pod.spec?.containers ?? []), ...(pod.spec?.initContainers ?? [])]
    .flatMap((c) => c.volumeMounts ?? [])
    .filter((m) => m.name === volume.name);
  return mounts.length > 0 && mounts.every((mount) => mount.readOnly);
}

/** The kubelet of every simulated node; the pods it set up are its state. */
class KubeletSimulator implements SimulatorController {
  readonly name = 'kubelet';
  private readonly context: SimulatorContext;
  private readonly setUp = new Map<string, SetUpPod>();
  private readonly podIps = new Map<string, number>();
  private readonly controller: Controller;

  constructor(context: SimulatorContext) {
    this.context = context;
    this.controller = createSimulatorController(context, {
      name: 'kubelet',
      reconcile: (key) => this.reconcile(key),
      resyncKeys: () =>
        context.informers.pods
          .list()
          .filter((pod) => this.nodeOf(pod) && (!isReportedRunning(pod) || pod.metadata?.deletionTimestamp))
          .map(objectKey),
    });
  }

  start(): void {
    const { pods, persistentVolumeClaims: claims, persistentVolumes: volumes } = this.context.informers;
    this.controller.start();
    const enqueue = (pod: V1Pod) => this.enqueue(pod);
    pods.on('add', enqueue);
    pods.on('update', enqueue);
    pods.on('delete', (pod) => this.controller.enqueue(objectKey(pod)));
    const claimChanged = (namespace: string | undefined, claimName: string | undefined) => {
      for (const pod of pods.list(namespace)) if (claimName && podClaimNames(pod).includes(claimName)) this.enqueue(pod);
    };
    claims.on('update', (claim) => claimChanged(claim.metadata?.namespace, claim.metadata?.name));
    volumes.on('update', (pv) => claimChanged(pv.spec?.claimRef?.namespace, pv.spec?.claimRef?.name));
  }

  async stop(): Promise<void> {
    await this.controller.stop();
  }

  private nodeOf(pod: V1Pod): SimulatedNode | undefined {
    return this.context.nodes.find((node) => node.name === pod.spec?.nodeName);
  }

  private enqueue(pod: V1Pod): void {
    if (this.nodeOf(pod) || this.setUp.has(objectKey(pod)) || (pod.metadata?.deletionTimestamp && pod.spec?.nodeName))
      this.controller.enqueue(objectKey(pod));
  }

  private async teardown(key: string, record: SetUpPod): Promise<void> {
    const directory = podDirectory(this.context.layout, record.node.name, record.uid);
    // Unmount first: removing the folder through a live bind mount would delete the volume's data.
    await this.context.mounter.unmountAll(directory);
    await rm(directory, { recursive: true, force: true });
    this.setUp.delete(key);
    this.context.logger.info({ pod: key, node: record.node.name }, 'pod volumes torn down');
  }

  /** Publishes every volume; returns false while a claim or its PV is not ready yet. */
  private async setUpVolumes(pod: V1Pod, node: SimulatedNode): Promise<boolean> {
    for (const volume of pod.spec?.volumes ?? []) {
      if (!(await this.setUpVolume(pod, node, volume))) return false;
    }
    return true;
  }

  /** Publishes one emptyDir or CSI volume; false while its claim or PV is not ready (or not the simulator's). */
  private async setUpVolume(pod: V1Pod, node: SimulatedNode, volume: V1Volume): Promise<boolean> {
    const { context } = this;
    const namespace = pod.metadata?.namespace ?? '';
    const uid = pod.metadata?.uid ?? '';
    if (volume.emptyDir) {
      await mkdir(emptyDirPath(context.layout, node.name, uid, volume.name), { recursive: true });
      return true;
    }
    if (!volume.persistentVolumeClaim) return true;
    const claim = context.informers.persistentVolumeClaims.get(namespace, volume.persistentVolumeClaim.claimName);
    const pv = claim?.spec?.volumeName ? context.informers.persistentVolumes.get(undefined, claim.spec.volumeName) : undefined;
    if (!claim || claim.status?.phase !== 'Bound' || !pv?.metadata?.name) return false;
    const csi = pv.spec?.csi;
    if (csi?.driver !== simulatorNames.driver) {
      await context.events.record(
        pod,
        'Warning',
        'FailedMount',
        `MountVolume.SetUp failed for volume "${pv.metadata.name}": driver ${csi?.driver ?? '(not CSI)'} is not served by the node simulator`,
      );
      return false;
    }
    const source = volumeDirectory(context.layout, csi.volumeHandle);
    await populateDirectory(source);
    const readOnly = isReadOnly(pod, volume, claim.spec?.accessModes ?? []) || Boolean(csi.readOnly);
    const target = csiMountPath(context.layout, node.name, uid, pv.metadata.name);
    await context.mounter.mount(source, target, readOnly);
    const volumeData = {
      driverName: csi.driver,
      volumeHandle: csi.volumeHandle,
      specVolID: pv.metadata.name,
      volumeLifecycleMode: 'Persistent',
      readOnly,
    };
    await writeFile(join(dirname(target), 'vol_data.json'), JSON.stringify(volumeData));
    return true;
  }

  private async reportRunning(pod: V1Pod, node: SimulatedNode): Promise<void> {
    const { client, logger } = this.context;
    const { name = '', namespace = '' } = pod.metadata ?? {};
    const podIp = pod.status?.podIP ?? `10.244.${node.index}.${this.nextIp(node)}`;
    await retryOnConflict(async () => {
      try {
        const current = await client.core.readNamespacedPodStatus({ name, namespace });
        if (current.metadata?.uid !== pod.metadata?.uid || current.metadata?.deletionTimestamp || isReportedRunning(current)) return;
        const status = runningPodStatus(current, { hostIp: node.internalIp, podIp, now: new Date() });
        await client.core.replaceNamespacedPodStatus({ name, namespace, body: { ...current, status } });
      } catch (error) {
        throw toKubeError(error, `report pod ${namespace}/${name} running`);
      }
    });
    logger.info({ pod: `${namespace}/${name}`, node: node.name, podIp }, 'pod running');
  }

  private nextIp(node: SimulatedNode): number {
    const next = ((this.podIps.get(node.name) ?? 1) % 250) + 1;
    this.podIps.set(node.name, next);
    return next + 1;
  }

  private async forceDelete(pod: V1Pod): Promise<void> {
    const { name = '', namespace = '', uid } = pod.metadata ?? {};
    try {
      await this.context.client.core.deleteNamespacedPod({
        name,
        namespace,
        gracePeriodSeconds: 0,
        body: { gracePeriodSeconds: 0, preconditions: { uid } },
      });
    } catch (error) {
      const failure = toKubeError(error, `force-delete pod ${namespace}/${name}`);
      if (!isNotFound(failure)) throw failure;
    }
  }

  /** A deleted pod of this kubelet: torn down (or its folder removed), then force-deleted. */
  private async finishDeletion(key: string, pod: V1Pod, node: SimulatedNode): Promise<void> {
    const current = this.setUp.get(key);
    if (current) await this.teardown(key, current);
    else await rm(podDirectory(this.context.layout, node.name, pod.metadata?.uid ?? ''), { recursive: true, force: true });
    await this.forceDelete(pod);
  }

  private async reconcile(key: string): Promise<void> {
    const { namespace, name } = splitObjectKey(key);
    const pod = this.context.informers.pods.get(namespace, name);
    const record = this.setUp.get(key);
    if (record && (!pod || pod.metadata?.uid !== record.uid)) await this.teardown(key, record);
    const node = pod && this.nodeOf(pod);
    if (
      pod &&
      !node &&
      pod.metadata?.deletionTimestamp &&
      pod.spec?.nodeName &&
      !this.context.informers.nodes.get(undefined, pod.spec.nodeName)
    ) {
      // Like the pod GC controller: nothing will ever confirm the end of a pod on a node that does not exist.
      return this.forceDelete(pod);
    }
    if (!pod || !node) return;
    if (pod.metadata?.deletionTimestamp) return this.finishDeletion(key, pod, node);
    if (pod.status?.phase === 'Succeeded' || pod.status?.phase === 'Failed') return;
    if (this.setUp.has(key) && isReportedRunning(pod)) return;
    if (!(await this.setUpVolumes(pod, node))) return;
    this.setUp.set(key, { uid: pod.metadata?.uid ?? '', node });
    if (!isReportedRunning(pod)) await this.reportRunning(pod, node);
  }
}

/**
 * Plays the kubelet (and the CSI node plugin) of every simulated node: for a pod bound to one of
 * them, publishes each CSI volume at `<nodeRoot>/pods/<uid>/volumes/kubernetes.io~csi/<pv>/mount`
 * (a bind mount of the volume's data, read-only when asked) and each emptyDir, then reports the
 * pod Running. A pod whose claims are not Bound yet stays Pending until they are. A pod being
 * deleted is torn down (unmounted, its folder removed) and then force-deleted, as no real kubelet
 * will confirm its termination.
 */
export function createKubeletSimulator(context: SimulatorContext): SimulatorController {
  return new KubeletSimulator(context);
}
