import { randomBytes } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { eventually, loadEnvironmentInfo } from '@ferry/devenv/testing';
import { createKubeClient, isNotFound, toKubeError, type KubeClient } from '@ferry/kube';
import {
  createGenericRestoreExposer,
  ExposerServiceError,
  ExposerServiceErrorCode,
  type ExposedVolume,
  type OperationRef,
  type RestoreExposer,
} from '../src/index';
import { createDataDownload as createDataDownloadIn, restoreLabel, sha256, targetClaim, workloadPod } from './restore-exposure-support';

const info = loadEnvironmentInfo();
const client: KubeClient = createKubeClient({ kind: 'file', kubeconfigPath: info.kubeconfigPath });

/** The object `read` returns, or undefined once it is gone. */
async function present<T>(read: () => Promise<T>): Promise<T | undefined> {
  try {
    return await read();
  } catch (error) {
    if (isNotFound(toKubeError(error, 'read'))) return undefined;
    throw error;
  }
}

async function createNamespace(prefix: string): Promise<string> {
  const name = `${prefix}-${randomBytes(3).toString('hex')}`;
  await client.core.createNamespace({ body: { metadata: { name } } });
  return name;
}

async function exposedVolume(exposer: RestoreExposer, operation: OperationRef): Promise<ExposedVolume> {
  return eventually('the exposure to be exposed', async () => {
    const state = await exposer.state(operation);
    return state.phase === 'exposed' ? state.volume : undefined;
  });
}

const createDataDownload = (namespace: string, name: string, target: { namespace: string; pvc: string }) =>
  createDataDownloadIn(client, namespace, name, target);

function kubeletMount(node: string, podUid: string, pvName: string): string {
  const root = info.nodes.find((candidate) => candidate.name === node)?.root;
  if (!root) throw new Error(`node ${node} is not a simulated node`);
  return join(root, 'pods', podUid, 'volumes', 'kubernetes.io~csi', pvName, 'mount');
}

describe('generic restore exposer - against the API server and the node simulator', () => {
  const exposer = createGenericRestoreExposer({
    kube: client,
    currentConfig: () => undefined,
    podTemplate: { image: 'velero/velero:v1.16.0', serviceAccountName: 'default' },
    pollIntervalMs: 200,
    waitTimeoutMs: 60_000,
  });
  const namespaces: string[] = [];
  const namespacePair = async () => {
    const ferry = await createNamespace('rx-ferry');
    const target = await createNamespace('rx-target');
    namespaces.push(ferry, target);
    return { ferry, target };
  };
  afterAll(async () => {
    await Promise.all(namespaces.map((name) => client.core.deleteNamespace({ name }).catch(() => undefined)));
  });

  it('exposes an Immediate target, hands the restored PV over and the target sees the written bytes', async () => {
    const ns = await namespacePair();
    await client.core.createNamespacedPersistentVolumeClaim({ namespace: ns.target, body: targetClaim(ns.target, 'data', 'standard') });
    const operation = await createDataDownload(ns.ferry, 'dd-immediate', { namespace: ns.target, pvc: 'data' });

    await exposer.expose(operation);
    await exposer.expose(operation); // idempotent: reuses what exists
    const volume = await exposedVolume(exposer, operation);
    expect(volume).toMatchObject({ podName: 'dd-immediate', pvcName: 'dd-immediate', readOnly: false });
    const restorePod = await client.core.readNamespacedPod({ namespace: ns.ferry, name: 'dd-immediate' });
    expect(restorePod.metadata?.labels?.['velero.io/exposer-pod-group']).toBe('generic-restore-exposer');
    expect(restorePod.metadata?.ownerReferences?.[0]).toMatchObject({ kind: 'DataDownload', name: 'dd-immediate', controller: true });
    const target = await client.core.readNamespacedPersistentVolumeClaim({ namespace: ns.target, name: 'data' });
    expect(target.spec?.volumeName).toBeUndefined(); // the selector kept the provisioner away

    const bytes = randomBytes(256 * 1024);
    await writeFile(join(kubeletMount(volume.node, volume.podUid, volume.pvName), 'restored.bin'), bytes);
    const originalPolicy = (await client.core.readPersistentVolume({ name: volume.pvName })).spec?.persistentVolumeReclaimPolicy;

    await exposer.completeRestore(operation);

    const bound = await client.core.readNamespacedPersistentVolumeClaim({ namespace: ns.target, name: 'data' });
    expect(bound.status?.phase).toBe('Bound');
    expect(bound.spec?.volumeName).toBe(volume.pvName);
    const pv = await client.core.readPersistentVolume({ name: volume.pvName });
    expect(pv.spec?.persistentVolumeReclaimPolicy).toBe(originalPolicy);
    expect(pv.spec?.claimRef).toMatchObject({ namespace: ns.target, name: 'data', uid: bound.metadata?.uid });
    expect(pv.metadata?.labels?.[restoreLabel]).toBe(target.spec?.selector?.matchLabels?.[restoreLabel]);
    expect(pv.metadata?.annotations?.['ferry.dev/restore-original-reclaim-policy']).toBeUndefined();
    expect(await present(() => client.core.readNamespacedPod({ namespace: ns.ferry, name: 'dd-immediate' }))).toBeUndefined();
    expect(
      await present(() => client.core.readNamespacedPersistentVolumeClaim({ namespace: ns.ferry, name: 'dd-immediate' })),
    ).toBeUndefined();

    await client.core.createNamespacedPod({ namespace: ns.target, body: workloadPod(ns.target, 'reader', 'data') });
    const reader = await eventually('the reader pod to run', async () => {
      const current = await client.core.readNamespacedPod({ namespace: ns.target, name: 'reader' });
      return current.status?.phase === 'Running' ? current : undefined;
    });
    const seen = await readFile(join(kubeletMount(reader.spec?.nodeName ?? '', reader.metadata?.uid ?? '', volume.pvName), 'restored.bin'));
    expect(sha256(seen)).toBe(sha256(bytes));

    await exposer.completeRestore(operation); // idempotent after the handover
  });

  it('waits for the selected node of a WaitForFirstConsumer target, then places the restore pod there', async () => {
    const ns = await namespacePair();
    await client.core.createNamespacedPersistentVolumeClaim({ namespace: ns.target, body: targetClaim(ns.target, 'data', 'fast') });
    const operation = await createDataDownload(ns.ferry, 'dd-wffc', { namespace: ns.target, pvc: 'data' });

    const exposing = exposer.expose(operation, AbortSignal.timeout(90_000));
    const waiting = await eventually('the exposure to wait for the selected node', async () => {
      const state = await exposer.state(operation);
      return state.phase === 'preparing' ? state.waitingFor : undefined;
    });
    expect(waiting).toMatch(/selected node on target PVC .*\/data .*WaitForFirstConsumer/);
    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect(await present(() => client.core.readNamespacedPod({ namespace: ns.ferry, name: 'dd-wffc' }))).toBeUndefined();

    await client.core.createNamespacedPod({ namespace: ns.target, body: workloadPod(ns.target, 'app', 'data') });
    await exposing;
    const selected = (await client.core.readNamespacedPersistentVolumeClaim({ namespace: ns.target, name: 'data' })).metadata
      ?.annotations?.['volume.kubernetes.io/selected-node'];
    expect(selected).toBeTruthy();
    const restorePod = await client.core.readNamespacedPod({ namespace: ns.ferry, name: 'dd-wffc' });
    expect(restorePod.spec?.nodeSelector?.['kubernetes.io/hostname']).toBe(selected);
    const volume = await exposedVolume(exposer, operation);
    expect(volume.node).toBe(selected);

    await exposer.completeRestore(operation);
    const app = await eventually('the workload pod to run', async () => {
      const current = await client.core.readNamespacedPod({ namespace: ns.target, name: 'app' });
      return current.status?.phase === 'Running' ? current : undefined;
    });
    expect(app.spec?.nodeName).toBe(selected);
  });

  it('rejects a target PVC that is already bound', async () => {
    const ns = await namespacePair();
    await client.core.createNamespacedPersistentVolumeClaim({
      namespace: ns.target,
      body: targetClaim(ns.target, 'taken', 'standard', false),
    });
    await eventually('the target to be bound', async () => {
      const current = await client.core.readNamespacedPersistentVolumeClaim({ namespace: ns.target, name: 'taken' });
      return current.status?.phase === 'Bound' ? current : undefined;
    });
    const operation = await createDataDownload(ns.ferry, 'dd-bound', { namespace: ns.target, pvc: 'taken' });

    const failure = await exposer.expose(operation).then(
      () => undefined,
      (error: unknown) => error,
    );
    expect(failure).toBeInstanceOf(ExposerServiceError);
    expect(failure).toMatchObject({ code: ExposerServiceErrorCode.RestoreTargetBound, retryable: false });
    expect((failure as Error).message).toMatch(new RegExp(`target PVC ${ns.target}/taken is already bound to pvc-`));
    expect(await present(() => client.core.readNamespacedPersistentVolumeClaim({ namespace: ns.ferry, name: 'dd-bound' }))).toBeUndefined();
  });

  it('cleans up a partial exposure without leaving anything behind', async () => {
    const ns = await namespacePair();
    await client.core.createNamespacedPersistentVolumeClaim({ namespace: ns.target, body: targetClaim(ns.target, 'data', 'standard') });
    const operation = await createDataDownload(ns.ferry, 'dd-partial', { namespace: ns.target, pvc: 'data' });
    await exposer.expose(operation);
    const pvName = await eventually('the restorePVC to be bound', async () => {
      const current = await client.core.readNamespacedPersistentVolumeClaim({ namespace: ns.ferry, name: 'dd-partial' });
      return current.spec?.volumeName;
    });

    await exposer.cleanUp(operation);
    await exposer.cleanUp(operation); // NotFound-tolerant

    expect(await present(() => client.core.readNamespacedPod({ namespace: ns.ferry, name: 'dd-partial' }))).toBeUndefined();
    expect(
      await present(() => client.core.readNamespacedPersistentVolumeClaim({ namespace: ns.ferry, name: 'dd-partial' })),
    ).toBeUndefined();
    expect(await present(() => client.core.readPersistentVolume({ name: pvName }))).toBeUndefined();
    const target = await client.core.readNamespacedPersistentVolumeClaim({ namespace: ns.target, name: 'data' });
    expect(target.spec?.volumeName).toBeUndefined();
  });
});
