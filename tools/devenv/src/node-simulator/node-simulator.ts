import { createWriteStream } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { KubernetesObject } from '@kubernetes/client-node';
import { createLogger } from '@ferry/logger';
import {
  builtinResources,
  createCustomResourceClient,
  createEventRecorder,
  createInformer,
  createKubeClient,
  type KubeClient,
  type KubeLogger,
  type ResourceInformer,
} from '@ferry/kube';
import type { SimulatedNodeInfo } from '../environment-info';
import { createGarbageCollector } from './garbage-collector';
import { createKubeletSimulator } from './kubelet-simulator';
import { createNamespaceFinalizer } from './namespace-finalizer';
import { createNodeRegistrar, simulatedNodes } from './node-registrar';
import { createPodScheduler } from './pod-scheduler';
import { messageOf, type SimulatorContext, type SimulatorController, type SimulatorInformers } from './simulator-context';
import { simulatorLayout } from './simulator-layout';
import { createSnapshotContentController } from './snapshot-content-controller';
import { snapshotResources } from './snapshot-types';
import { installSnapshotClass, installStorageClasses } from './storage-setup';
import { createVolumeMounter, type MountMechanism } from './volume-mounter';
import { createVolumeProvisioner } from './volume-provisioner';
import { createVolumeReclaimer } from './volume-reclaimer';
import { createVolumeSnapshotter } from './volume-snapshotter';

/** Options of `startNodeSimulator`. */
export interface NodeSimulatorOptions {
  readonly kubeconfigPath: string;
  /** Volumes, snapshots and node roots go under it (see `SimulatorLayout`); the log is `node-simulator.log` there. */
  readonly stateDir: string;
  /** Simulated nodes, `ferry-node-1..n`. Default 2. */
  readonly nodeCount?: number;
  /** Replaces the log file. */
  readonly logger?: KubeLogger;
}

/** A running simulator. */
export interface NodeSimulator {
  readonly nodes: readonly SimulatedNodeInfo[];
  /** How volumes appear under the kubelet roots (`bind-mount` enforces read-only even for root). */
  readonly mountMechanism: MountMechanism;
  /** Stops every controller, then unmounts every volume under the node roots. Idempotent. */
  stop(): Promise<void>;
}

const snapshotSyncTimeoutMs = 10_000;

function startInformers(client: KubeClient, logger: KubeLogger): SimulatorInformers {
  const options = { logger };
  return {
    nodes: createInformer(client, builtinResources.nodes, options),
    pods: createInformer(client, builtinResources.pods, options),
    persistentVolumeClaims: createInformer(client, builtinResources.persistentVolumeClaims, options),
    persistentVolumes: createInformer(client, builtinResources.persistentVolumes, options),
    storageClasses: createInformer(client, builtinResources.storageClasses, options),
    configMaps: createInformer(client, builtinResources.configMaps, options),
    secrets: createInformer(client, builtinResources.secrets, options),
    namespaces: createInformer(client, builtinResources.namespaces, options),
    volumeSnapshots: createInformer(client, snapshotResources.volumeSnapshots, options),
    volumeSnapshotContents: createInformer(client, snapshotResources.volumeSnapshotContents, options),
    volumeSnapshotClasses: createInformer(client, snapshotResources.volumeSnapshotClasses, options),
  };
}

/**
 * Starts the node simulator (kubelet, CSI driver, snapshot controller, external-provisioner,
 * scheduler, garbage and namespace collectors) against the API server of `kubeconfigPath`:
 * registers the nodes and storage classes, waits for its caches, then starts the controllers.
 * Resolves once it serves; rejects (after stopping what started) if the API server is not usable.
 * Without the snapshot CRDs it still starts and serves them once they appear.
 */
export async function startNodeSimulator(options: NodeSimulatorOptions): Promise<NodeSimulator> {
  // Without a logger from the caller, JSON lines go to <stateDir>/node-simulator.log.
  const logFile = options.logger ? undefined : createWriteStream(join(options.stateDir, 'node-simulator.log'), { flags: 'a' });
  const logger: KubeLogger =
    options.logger ?? createLogger({ name: 'node-simulator', level: 'debug', ...(logFile ? { destination: logFile } : {}) });
  const client = createKubeClient({ kind: 'file', kubeconfigPath: options.kubeconfigPath });
  const layout = simulatorLayout(options.stateDir);
  const nodes = simulatedNodes(layout, options.nodeCount ?? 2);
  for (const directory of [layout.volumesRoot, layout.snapshotsRoot, ...nodes.map((node) => join(node.root, 'pods'))])
    await mkdir(directory, { recursive: true });
  const mounter = await createVolumeMounter(join(options.stateDir, '.mount-probe'), logger);
  const informers = startInformers(client, logger);
  const context: SimulatorContext = {
    client,
    informers,
    volumeSnapshots: createCustomResourceClient(client, snapshotResources.volumeSnapshots),
    volumeSnapshotContents: createCustomResourceClient(client, snapshotResources.volumeSnapshotContents),
    nodes,
    layout,
    mounter,
    events: createEventRecorder(client, 'ferry-node-simulator', logger),
    logger,
  };
  const registrar = createNodeRegistrar(context);
  const controllers: SimulatorController[] = [
    registrar,
    createPodScheduler(context),
    createKubeletSimulator(context),
    createVolumeProvisioner(context),
    createVolumeReclaimer(context),
    createVolumeSnapshotter(context),
    createSnapshotContentController(context),
    createGarbageCollector(context),
    createNamespaceFinalizer(context),
  ];
  const abort = new AbortController();
  let stopping: Promise<void> | undefined;
  const stop = () =>
    (stopping ??= (async () => {
      abort.abort();
      for (const controller of controllers) await controller.stop();
      await Promise.all(Object.values(informers).map((informer: ResourceInformer<KubernetesObject>) => informer.stop()));
      await mounter.unmountAll(layout.nodesRoot);
      logger.info({}, 'node simulator stopped');
      await new Promise<void>((resolve) => (logFile ? logFile.end(resolve) : resolve()));
    })());

  try {
    await registrar.register();
    await installStorageClasses(context);
    const { volumeSnapshots, volumeSnapshotContents, volumeSnapshotClasses, ...core } = informers;
    await Promise.all(Object.values(core).map((informer: ResourceInformer<KubernetesObject>) => informer.synced));
    const snapshotSync = Promise.all([volumeSnapshots.synced, volumeSnapshotContents.synced, volumeSnapshotClasses.synced]);
    const timeout = new AbortController();
    const synced = await Promise.race([snapshotSync.then(() => true), sleep(snapshotSyncTimeoutMs, false, { signal: timeout.signal })]);
    timeout.abort();
    if (!synced) logger.warn({}, 'snapshot.storage.k8s.io CRDs not served: snapshots are handled once they are installed');
    if (
      !(await installSnapshotClass(context).then(
        () => true,
        () => false,
      ))
    )
      void installSnapshotClassUntilDone(context, abort.signal);
    for (const controller of controllers) controller.start();
  } catch (error) {
    await stop();
    throw error;
  }
  logger.info({ nodes: nodes.map((node) => node.name), mountMechanism: mounter.mechanism }, 'node simulator started');
  return { nodes: nodes.map(({ name, root }) => ({ name, root })), mountMechanism: mounter.mechanism, stop };
}

/** Creates the VolumeSnapshotClass, retrying while the snapshot CRDs are missing. */
async function installSnapshotClassUntilDone(context: SimulatorContext, signal: AbortSignal): Promise<void> {
  for (let attempt = 0; !signal.aborted; attempt++) {
    try {
      await installSnapshotClass(context);
      return;
    } catch (error) {
      if (attempt % 10 === 0) context.logger.warn({ err: messageOf(error) }, 'VolumeSnapshotClass not created yet; retrying');
      await sleep(2_000, undefined, { signal }).catch(() => undefined);
    }
  }
}
