// Fixtures of the CSI snapshot exposer integration tests: namespaces, a source volume holding known
// bytes (written through a pod's kubelet path), its VolumeSnapshot and a DataUpload over it.
import { randomBytes } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  dataUploadDefinition,
  volumeSnapshotContentDefinition,
  volumeSnapshotDefinition,
  type DataUpload,
  type VolumeSnapshot,
  type VolumeSnapshotContent,
} from '@ferry/api';
import { type EnvironmentInfo, eventually, loadEnvironmentInfo } from '@ferry/devenv/testing';
import { createCustomResourceClient, createKubeClient, type KubeClient } from '@ferry/kube';
import { parseNodeAgentConfigOrThrow, type ParsedNodeAgentConfig } from '@ferry/node-agent-config';

/** Environment, admin client and typed clients. */
export function exposerTestContext() {
  const info: EnvironmentInfo = loadEnvironmentInfo();
  const client: KubeClient = createKubeClient({ kind: 'file', kubeconfigPath: info.kubeconfigPath });
  return {
    info,
    client,
    dataUploads: createCustomResourceClient<DataUpload>(client, dataUploadDefinition),
    snapshots: createCustomResourceClient<VolumeSnapshot>(client, volumeSnapshotDefinition),
    contents: createCustomResourceClient<VolumeSnapshotContent>(client, volumeSnapshotContentDefinition),
  };
}
/** The context of {@link exposerTestContext}. */
export type ExposerTestContext = ReturnType<typeof exposerTestContext>;

/** A node-agent configuration from its JSON document. */
export function nodeAgentConfig(document: object): ParsedNodeAgentConfig {
  return parseNodeAgentConfigOrThrow({
    metadata: { name: 'node-agent', namespace: 'ferry' },
    data: { 'config.json': JSON.stringify(document) },
  });
}

/** Creates a uniquely named namespace. */
export async function createNamespace(client: KubeClient, prefix: string): Promise<string> {
  const name = `${prefix}-${randomBytes(3).toString('hex')}`;
  await client.core.createNamespace({ body: { metadata: { name } } });
  return name;
}

/** `<root>/pods/<uid>/volumes/kubernetes.io~csi/<pv>/mount` on the named node. */
export function kubeletVolumePath(info: EnvironmentInfo, nodeName: string, podUid: string, pvName: string): string {
  const node = info.nodes.find((candidate) => candidate.name === nodeName);
  if (!node) throw new Error(`${nodeName} is not a simulated node`);
  return join(node.root, 'pods', podUid, 'volumes', 'kubernetes.io~csi', pvName, 'mount');
}

/** A source volume with known bytes, snapshotted by VolumeSnapshot `snap` in `namespace`. */
export interface SnapshotFixture {
  readonly namespace: string;
  readonly pvcName: string;
  readonly vsName: string;
  readonly vscName: string;
  /** Storage class of the source PVC. */
  readonly storageClass: string;
  /** Node the writer pod ran on (for WaitForFirstConsumer classes, the node the PV is pinned to). */
  readonly writerNode: string;
  readonly bytes: Buffer;
}

/** Options of {@link createSnapshotFixture}. */
export interface SnapshotFixtureOptions {
  /** Class of the source PVC; default `standard` (Immediate). */
  readonly storageClass?: string;
  /** Pins the writer pod to this node (nodeSelector on the hostname label). */
  readonly writerNode?: string;
}

/**
 * Creates PVC `source` (class standard unless told, 1Gi), writes `data.bin` through a writer pod's
 * kubelet path, deletes the writer, snapshots the PVC (class ferry-snapclass) and waits until ready.
 */
export async function createSnapshotFixture(
  ctx: ExposerTestContext,
  namespace: string,
  options: SnapshotFixtureOptions = {},
): Promise<SnapshotFixture> {
  const { client } = ctx;
  const pvcName = 'source';
  const storageClass = options.storageClass ?? 'standard';
  await client.core.createNamespacedPersistentVolumeClaim({
    namespace,
    body: {
      metadata: { name: pvcName },
      spec: { accessModes: ['ReadWriteOnce'], storageClassName: storageClass, resources: { requests: { storage: '1Gi' } } },
    },
  });
  await client.core.createNamespacedPod({
    namespace,
    body: {
      metadata: { name: 'writer' },
      spec: {
        containers: [
          { name: 'main', image: 'busybox:1.37', command: ['sleep', 'infinity'], volumeMounts: [{ name: 'data', mountPath: '/data' }] },
        ],
        volumes: [{ name: 'data', persistentVolumeClaim: { claimName: pvcName } }],
        terminationGracePeriodSeconds: 0,
        ...(options.writerNode ? { nodeSelector: { 'kubernetes.io/hostname': options.writerNode } } : {}),
      },
    },
  });
  const writer = await eventually(async () => {
    const pod = await client.core.readNamespacedPod({ namespace, name: 'writer' });
    return pod.status?.phase === 'Running' ? pod : undefined;
  });
  const pvc = await client.core.readNamespacedPersistentVolumeClaim({ namespace, name: pvcName });
  const mount = kubeletVolumePath(ctx.info, writer.spec?.nodeName ?? '', writer.metadata?.uid ?? '', pvc.spec?.volumeName ?? '');
  const bytes = randomBytes(64 * 1024);
  await mkdir(mount, { recursive: true });
  await writeFile(join(mount, 'data.bin'), bytes);
  await client.core.deleteNamespacedPod({ namespace, name: 'writer', gracePeriodSeconds: 0 });
  const vsName = 'snap';
  await ctx.snapshots.create({
    apiVersion: 'snapshot.storage.k8s.io/v1',
    kind: 'VolumeSnapshot',
    metadata: { name: vsName, namespace },
    spec: { source: { persistentVolumeClaimName: pvcName }, volumeSnapshotClassName: 'ferry-snapclass' },
  });
  const ready = await eventually(async () => {
    const vs = await ctx.snapshots.get(namespace, vsName);
    return vs.status?.readyToUse === true ? vs : undefined;
  });
  const writerNode = writer.spec?.nodeName ?? '';
  return { namespace, pvcName, vsName, vscName: ready.status?.boundVolumeSnapshotContentName ?? '', storageClass, writerNode, bytes };
}

/** Creates DataUpload `name` in `ferryNamespace` over the fixture's snapshot; resolves with the created object. */
export function createDataUpload(
  ctx: ExposerTestContext,
  ferryNamespace: string,
  name: string,
  fixture: SnapshotFixture,
): Promise<DataUpload> {
  return ctx.dataUploads.create({
    apiVersion: 'velero.io/v2alpha1',
    kind: 'DataUpload',
    metadata: { name, namespace: ferryNamespace },
    spec: {
      snapshotType: 'CSI',
      csiSnapshot: { volumeSnapshot: fixture.vsName, storageClass: fixture.storageClass, snapshotClass: 'ferry-snapclass' },
      sourcePVC: fixture.pvcName,
      sourceNamespace: fixture.namespace,
      backupStorageLocation: 'default',
      operationTimeout: '2m',
    },
  });
}
