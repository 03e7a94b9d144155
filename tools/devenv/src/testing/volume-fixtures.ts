// Workload objects of integration tests, created for real against the environment: claims, pods
// mounting them (reached through the simulated kubelet path) and ready VolumeSnapshots.
import { volumeSnapshotDefinition, type VolumeSnapshot } from '@ferry/api';
import { createCustomResourceClient, type KubeClient } from '@ferry/kube';
import type { V1PersistentVolumeClaim, V1Pod } from '@kubernetes/client-node';
import type { EnvironmentInfo } from '../environment-info';
import { eventually } from './eventually';
import { kubeletVolumePath } from '../kubelet-volumes';

/** Options of {@link aClaim}. */
export interface ClaimFixtureOptions {
  /** Storage class; default `standard` (Immediate binding). */
  readonly storageClass?: string;
  readonly labels?: Record<string, string>;
  /** A `velero.io/dynamic-pv-restore`-style selector keeps provisioners away (a restore target). */
  readonly selector?: Record<string, string>;
  /** Provision from this VolumeSnapshot. */
  readonly fromSnapshot?: string;
}

/** A RWO 1Gi PVC `name` in `namespace`. */
export function aClaim(namespace: string, name: string, options: ClaimFixtureOptions = {}): V1PersistentVolumeClaim {
  return {
    metadata: { name, namespace, ...(options.labels ? { labels: options.labels } : {}) },
    spec: {
      accessModes: ['ReadWriteOnce'],
      storageClassName: options.storageClass ?? 'standard',
      resources: { requests: { storage: '1Gi' } },
      ...(options.selector ? { selector: { matchLabels: options.selector } } : {}),
      ...(options.fromSnapshot
        ? { dataSource: { apiGroup: 'snapshot.storage.k8s.io', kind: 'VolumeSnapshot', name: options.fromSnapshot } }
        : {}),
    },
  };
}

/** Creates `claim` in its namespace; resolves once stored (not bound). */
export async function createClaim(kube: KubeClient, claim: V1PersistentVolumeClaim): Promise<void> {
  await kube.core.createNamespacedPersistentVolumeClaim({ namespace: claim.metadata?.namespace ?? '', body: claim });
}

/** A busybox pod mounting `claimName` at /data and sleeping (pinned to `node` when given; no grace period). */
export function podWithClaim(namespace: string, name: string, claimName: string, node?: string): V1Pod {
  return {
    metadata: { name, namespace },
    spec: {
      containers: [
        { name: 'main', image: 'busybox:1.37', command: ['sleep', 'infinity'], volumeMounts: [{ name: 'data', mountPath: '/data' }] },
      ],
      volumes: [{ name: 'data', persistentVolumeClaim: { claimName } }],
      terminationGracePeriodSeconds: 0,
      ...(node ? { nodeSelector: { 'kubernetes.io/hostname': node } } : {}),
    },
  };
}

/** Creates `pod` and waits (default 60 s) until it is Running; resolves with it as the API server has it. */
export async function runPod(kube: KubeClient, pod: V1Pod): Promise<V1Pod> {
  const namespace = pod.metadata?.namespace ?? '';
  const name = pod.metadata?.name ?? '';
  await kube.core.createNamespacedPod({ namespace, body: pod });
  return eventually(`pod ${namespace}/${name} running`, async () => {
    const current = await kube.core.readNamespacedPod({ namespace, name });
    return current.status?.phase === 'Running' ? current : undefined;
  });
}

/** The kubelet path under which running `pod` sees claim `claimName` (the folder exists once the pod runs). */
export async function claimMountPath(
  kube: KubeClient,
  info: Pick<EnvironmentInfo, 'nodes'>,
  pod: V1Pod,
  claimName: string,
): Promise<string> {
  const namespace = pod.metadata?.namespace ?? '';
  const pvc = await kube.core.readNamespacedPersistentVolumeClaim({ namespace, name: claimName });
  return kubeletVolumePath(info, pod.spec?.nodeName ?? '', pod.metadata?.uid ?? '', pvc.spec?.volumeName ?? '');
}

/** Deletes pod `name` at once (grace period 0). */
export async function deletePod(kube: KubeClient, namespace: string, name: string): Promise<void> {
  await kube.core.deleteNamespacedPod({ namespace, name, gracePeriodSeconds: 0 });
}

/**
 * Snapshots `claim` as VolumeSnapshot `name` (class `ferry-snapclass`) and waits (default 60 s)
 * until it is ready to use; resolves with the ready snapshot (its content is `status.boundVolumeSnapshotContentName`).
 */
export async function snapshotClaim(kube: KubeClient, namespace: string, claim: string, name = `${claim}-snap`): Promise<VolumeSnapshot> {
  const snapshots = createCustomResourceClient<VolumeSnapshot>(kube, volumeSnapshotDefinition);
  await snapshots.create({
    apiVersion: 'snapshot.storage.k8s.io/v1',
    kind: 'VolumeSnapshot',
    metadata: { name, namespace },
    spec: { source: { persistentVolumeClaimName: claim }, volumeSnapshotClassName: 'ferry-snapclass' },
  });
  return eventually(`VolumeSnapshot ${namespace}/${name} ready`, async () => {
    const snapshot = await snapshots.get(namespace, name);
    return snapshot.status?.readyToUse === true ? snapshot : undefined;
  });
}
