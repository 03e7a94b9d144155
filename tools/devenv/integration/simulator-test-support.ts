import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import type {
  CoreV1Event,
  V1Affinity,
  V1OwnerReference,
  V1PersistentVolumeClaim,
  V1Pod,
  V1TypedLocalObjectReference,
} from '@kubernetes/client-node';
import { createCustomResourceClient, createKubeClient, type KubeClient } from '@ferry/kube';
import { type EnvironmentInfo, eventually, loadEnvironmentInfo, type SimulatedNodeInfo } from '../src/testing';
import { snapshotResources, type VolumeSnapshot, type VolumeSnapshotContent } from '../src/node-simulator/snapshot-types';

/** The environment, an admin client and typed snapshot clients. */
export function simulatorTestContext() {
  const info: EnvironmentInfo = loadEnvironmentInfo();
  const client: KubeClient = createKubeClient({ kind: 'file', kubeconfigPath: info.kubeconfigPath });
  return {
    info,
    client,
    snapshots: createCustomResourceClient<VolumeSnapshot>(client, snapshotResources.volumeSnapshots),
    contents: createCustomResourceClient<VolumeSnapshotContent>(client, snapshotResources.volumeSnapshotContents),
  };
}

/** The node simulator's tests create their namespaces as every integration test does. */
export { createTestNamespace } from '../src/testing';

/** Options of a test claim. */
export interface ClaimOptions {
  readonly storageClassName?: string;
  readonly accessModes?: string[];
  readonly size?: string;
  readonly dataSource?: V1TypedLocalObjectReference;
  readonly ownerReferences?: V1OwnerReference[];
}

/** A PVC builder: 1Gi RWO of the default class unless told otherwise. */
export function claim(name: string, options: ClaimOptions = {}): V1PersistentVolumeClaim {
  return {
    metadata: { name, ownerReferences: options.ownerReferences },
    spec: {
      accessModes: options.accessModes ?? ['ReadWriteOnce'],
      storageClassName: options.storageClassName,
      resources: { requests: { storage: options.size ?? '1Gi' } },
      dataSource: options.dataSource,
    },
  };
}

/** Options of a test pod. */
export interface PodOptions {
  readonly claims?: readonly { claimName: string; readOnly?: boolean }[];
  readonly nodeSelector?: Record<string, string>;
  readonly nodeName?: string;
  readonly affinity?: V1Affinity;
  readonly ownerReferences?: V1OwnerReference[];
}

/** A pod builder: one busybox container mounting each claim at /data<i>. */
export function pod(name: string, options: PodOptions = {}): V1Pod {
  const claims = options.claims ?? [];
  return {
    metadata: { name, ownerReferences: options.ownerReferences },
    spec: {
      containers: [
        {
          name: 'main',
          image: 'busybox:1.37',
          command: ['sleep', 'infinity'],
          volumeMounts: claims.map((c, i) => ({ name: `vol${i}`, mountPath: `/data${i}` })),
        },
      ],
      volumes: claims.map((c, i) => ({ name: `vol${i}`, persistentVolumeClaim: { claimName: c.claimName, readOnly: c.readOnly } })),
      nodeSelector: options.nodeSelector,
      nodeName: options.nodeName,
      affinity: options.affinity,
      terminationGracePeriodSeconds: 30,
    },
  };
}

/** Waits until the pod is Running and returns it. */
export async function runningPod(client: KubeClient, namespace: string, name: string): Promise<V1Pod> {
  return eventually(async () => {
    const current = await client.core.readNamespacedPod({ name, namespace });
    return current.status?.phase === 'Running' ? current : undefined;
  });
}

/** Waits until the claim is Bound and returns it. */
export async function boundClaim(client: KubeClient, namespace: string, name: string): Promise<V1PersistentVolumeClaim> {
  return eventually(async () => {
    const current = await client.core.readNamespacedPersistentVolumeClaim({ name, namespace });
    return current.status?.phase === 'Bound' ? current : undefined;
  });
}

/** The kubelet path of a pod's CSI volume under a node root: `<root>/pods/<uid>/volumes/kubernetes.io~csi/<pv>/mount`. */
export function kubeletVolumePath(node: SimulatedNodeInfo, podUid: string, pvName: string): string {
  return join(node.root, 'pods', podUid, 'volumes', 'kubernetes.io~csi', pvName, 'mount');
}

/** The node info of a pod's node. */
export function nodeOf(info: EnvironmentInfo, scheduled: V1Pod): SimulatedNodeInfo {
  const node = info.nodes.find((candidate) => candidate.name === scheduled.spec?.nodeName);
  if (!node) throw new Error(`pod ${scheduled.metadata?.name} is on ${scheduled.spec?.nodeName}, not a simulated node`);
  return node;
}

/** Events about an object (by name) in a namespace. */
export async function eventsFor(client: KubeClient, namespace: string, objectName: string): Promise<CoreV1Event[]> {
  const list = await client.core.listNamespacedEvent({ namespace, fieldSelector: `involvedObject.name=${objectName}` });
  return list.items;
}

/** SHA-256 over the sorted relative paths and contents of every file under `root`. */
export async function treeDigest(root: string): Promise<string> {
  const hash = createHash('sha256');
  const walk = async (dir: string): Promise<void> => {
    for (const entry of (await readdir(dir, { withFileTypes: true })).sort((a, b) => a.name.localeCompare(b.name))) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) await walk(path);
      else if (entry.isFile())
        hash
          .update(relative(root, path))
          .update('\0')
          .update(await readFile(path))
          .update('\0');
    }
  };
  await walk(root);
  return hash.digest('hex');
}
