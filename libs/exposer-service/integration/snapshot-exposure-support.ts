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
import {
  aClaim,
  claimMountPath,
  createClaim,
  deletePod,
  type EnvironmentInfo,
  loadEnvironmentInfo,
  podWithClaim,
  runPod,
  snapshotClaim,
} from '@ferry/devenv/testing';
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
  await createClaim(client, aClaim(namespace, pvcName, { storageClass }));
  const writer = await runPod(client, podWithClaim(namespace, 'writer', pvcName, options.writerNode));
  const mount = await claimMountPath(client, ctx.info, writer, pvcName);
  const bytes = randomBytes(64 * 1024);
  await mkdir(mount, { recursive: true });
  await writeFile(join(mount, 'data.bin'), bytes);
  await deletePod(client, namespace, 'writer');
  const vsName = 'snap';
  const ready = await snapshotClaim(client, namespace, pvcName, vsName);
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
