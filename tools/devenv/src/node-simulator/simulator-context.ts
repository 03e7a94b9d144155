import type {
  V1ConfigMap,
  V1Namespace,
  V1Node,
  V1PersistentVolume,
  V1PersistentVolumeClaim,
  V1Pod,
  V1Secret,
  V1StorageClass,
} from '@kubernetes/client-node';
import {
  createController,
  type BackoffPolicy,
  type Controller,
  type CustomResourceClient,
  type EventRecorder,
  type KubeClient,
  type KubeLogger,
  type ReconcileFunction,
  type ResourceInformer,
} from '@ferry/kube';
import type { SimulatorLayout } from './simulator-layout';
import type { VolumeSnapshot, VolumeSnapshotClass, VolumeSnapshotContent } from './snapshot-types';
import type { VolumeMounter } from './volume-mounter';

/** Names the simulator uses on API objects, as the real components do. */
export const simulatorNames = {
  /** The CSI driver (provisioner of the storage classes, driver of the snapshot class). */
  driver: 'hostpath.csi.ferry.dev',
  selectedNodeAnnotation: 'volume.kubernetes.io/selected-node',
  storageProvisionerAnnotation: 'volume.kubernetes.io/storage-provisioner',
  betaStorageProvisionerAnnotation: 'volume.beta.kubernetes.io/storage-provisioner',
  provisionedByAnnotation: 'pv.kubernetes.io/provisioned-by',
  bindCompletedAnnotation: 'pv.kubernetes.io/bind-completed',
  boundByControllerAnnotation: 'pv.kubernetes.io/bound-by-controller',
  pvcProtectionFinalizer: 'kubernetes.io/pvc-protection',
  pvProtectionFinalizer: 'kubernetes.io/pv-protection',
  hostnameLabel: 'kubernetes.io/hostname',
} as const;

/** One simulated node. */
export interface SimulatedNode {
  readonly name: string;
  /** 0-based position (drives its zone, IPs and pod CIDR). */
  readonly index: number;
  /** Its kubelet root: `<root>/pods/<uid>/volumes/...`. */
  readonly root: string;
  readonly internalIp: string;
  readonly zone: string;
}

/** The read caches every controller shares. */
export interface SimulatorInformers {
  readonly nodes: ResourceInformer<V1Node>;
  readonly pods: ResourceInformer<V1Pod>;
  readonly persistentVolumeClaims: ResourceInformer<V1PersistentVolumeClaim>;
  readonly persistentVolumes: ResourceInformer<V1PersistentVolume>;
  readonly storageClasses: ResourceInformer<V1StorageClass>;
  readonly volumeSnapshots: ResourceInformer<VolumeSnapshot>;
  readonly volumeSnapshotContents: ResourceInformer<VolumeSnapshotContent>;
  readonly volumeSnapshotClasses: ResourceInformer<VolumeSnapshotClass>;
  readonly configMaps: ResourceInformer<V1ConfigMap>;
  readonly secrets: ResourceInformer<V1Secret>;
  readonly namespaces: ResourceInformer<V1Namespace>;
}

/** Everything a controller of the simulator works with. */
export interface SimulatorContext {
  readonly client: KubeClient;
  readonly informers: SimulatorInformers;
  readonly volumeSnapshots: CustomResourceClient<VolumeSnapshot>;
  readonly volumeSnapshotContents: CustomResourceClient<VolumeSnapshotContent>;
  readonly nodes: readonly SimulatedNode[];
  readonly layout: SimulatorLayout;
  readonly mounter: VolumeMounter;
  readonly events: EventRecorder;
  readonly logger: KubeLogger;
}

/** A concern of the simulator (scheduler, kubelet...): handlers over the shared informers. */
export interface SimulatorController {
  readonly name: string;
  /** Registers handlers and starts periodic work; returns at once. */
  start(): void;
  /** Stops its controller loop, waiting (up to the runtime's grace period) for the reconciles in flight. */
  stop(): Promise<void>;
}

/** Retry delays of the simulator's loops: 100 ms doubling to 10 s (a test environment waits less than a cluster). */
const simulatorRetryBackoff: BackoffPolicy = { initialMs: 100, maxMs: 10_000, factor: 2, jitter: 0.2 };

/** Options of one simulator loop: what {@link createSimulatorController} does not fix for every loop. */
export interface SimulatorLoopOptions {
  readonly name: string;
  readonly reconcile: ReconcileFunction;
  /** Keys the periodic resync enqueues (the objects still waiting for this loop); none = no resync. */
  readonly resyncKeys?: () => Iterable<string>;
  /** Resync period; default 5 s. */
  readonly resyncIntervalMs?: number;
  /** Workers; default 4. */
  readonly concurrency?: number;
}

/** A simulator loop on the controller runtime: its workers, the simulator's retry backoff and logger, a periodic resync. */
export function createSimulatorController(context: SimulatorContext, options: SimulatorLoopOptions): Controller {
  return createController({
    name: options.name,
    reconcile: options.reconcile,
    concurrency: options.concurrency ?? 4,
    backoff: simulatorRetryBackoff,
    logger: context.logger,
    ...(options.resyncKeys ? { resyncIntervalMs: options.resyncIntervalMs ?? 5_000, resyncKeys: options.resyncKeys } : {}),
  });
}

/** Claim names of a pod's PVC volumes. */
export function podClaimNames(pod: V1Pod): string[] {
  return (pod.spec?.volumes ?? []).flatMap((volume) => (volume.persistentVolumeClaim ? [volume.persistentVolumeClaim.claimName] : []));
}

/** True for pods that are done (their volumes are free). */
export function isPodTerminal(pod: V1Pod): boolean {
  return pod.status?.phase === 'Succeeded' || pod.status?.phase === 'Failed';
}

/** The error message of an unknown failure. */
export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
