import { randomBytes } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { startExposerService, type ExposerService, type OperationRef } from '../src/index';
import { startJobHarness, type JobHarness } from './exposure-job-harness';
import { createDataDownload, sha256, targetClaim, workloadPod } from './restore-exposure-support';
import { exposerTestContext, type ExposerTestContext } from './snapshot-exposure-support';
import { createTestNamespace, eventually, kubeletVolumePath, testApiAccess } from '@ferry/devenv/testing';

describe('restore jobs - over JetStream, against the API server and node simulator', () => {
  // Unique per spec run, like every operation name: intermediate objects are named after it.
  const ddName = `dd-${Date.now().toString(36)}`;
  let ctx: ExposerTestContext;
  let harness: JobHarness;
  let service: ExposerService;
  let ferryNamespace: string;
  let targetNamespace: string;
  let operation: OperationRef;

  beforeAll(async () => {
    ctx = exposerTestContext();
    harness = await startJobHarness(ctx.info);
    ferryNamespace = await createTestNamespace(ctx.client, 'rjobs-ferry');
    targetNamespace = await createTestNamespace(ctx.client, 'rjobs-target');
    service = await startExposerService({
      kube: ctx.client,
      nats: harness.nats,
      contracts: harness.contracts,
      logger: harness.logger,
      config: { namespace: ferryNamespace, httpHost: '127.0.0.1', httpPort: 0 },
      settings: { prepareTimeoutMs: 120_000, podImage: 'velero/velero:v1.17.0' },
      pollIntervalMs: 100,
      apiAccess: testApiAccess(ctx.client),
    });
  });

  afterAll(async () => {
    await service?.stop();
    await harness?.close();
    await ctx.client.core.deleteNamespace({ name: ferryNamespace }).catch(() => undefined);
    await ctx.client.core.deleteNamespace({ name: targetNamespace }).catch(() => undefined);
  });

  it('expose and complete-restore jobs - the target PVC ends Bound to the restored PV and a new pod reads the written bytes', async () => {
    await ctx.client.core.createNamespacedPersistentVolumeClaim({
      namespace: targetNamespace,
      body: targetClaim(targetNamespace, 'data', 'standard'),
    });
    operation = await createDataDownload(ctx.client, ferryNamespace, ddName, { namespace: targetNamespace, pvc: 'data' });

    await harness.expose(operation);
    const exposed = await harness.nextResult(operation);
    expect(exposed).toMatchObject({ v: 1, outcome: 'exposed', direction: 'restore', operation });
    const restorePod = await ctx.client.core.readNamespacedPod({ namespace: ferryNamespace, name: ddName });
    const restorePvc = await ctx.client.core.readNamespacedPersistentVolumeClaim({ namespace: ferryNamespace, name: ddName });
    const volume = exposed.exposed;
    expect(volume).toMatchObject({
      node: restorePod.spec?.nodeName,
      podName: ddName,
      podUid: restorePod.metadata?.uid,
      pvcName: ddName,
      pvName: restorePvc.spec?.volumeName,
      readOnly: false,
    });
    if (!volume) throw new Error('exposed result without a volume');

    const bytes = randomBytes(128 * 1024);
    await writeFile(join(kubeletVolumePath(ctx.info, volume.node, volume.podUid, volume.pvName), 'restored.bin'), bytes);

    await harness.completeRestore(operation);
    expect(await harness.nextResult(operation, 1)).toMatchObject({ v: 1, outcome: 'completed', direction: 'restore', operation });

    const target = await ctx.client.core.readNamespacedPersistentVolumeClaim({ namespace: targetNamespace, name: 'data' });
    expect(target.status?.phase).toBe('Bound');
    expect(target.spec?.volumeName).toBe(volume.pvName);
    const pv = await ctx.client.core.readPersistentVolume({ name: volume.pvName });
    expect(pv.spec?.claimRef).toMatchObject({ namespace: targetNamespace, name: 'data', uid: target.metadata?.uid });
    expect((await ctx.client.core.listNamespacedPod({ namespace: ferryNamespace })).items).toEqual([]);
    expect((await ctx.client.core.listNamespacedPersistentVolumeClaim({ namespace: ferryNamespace })).items).toEqual([]);

    await ctx.client.core.createNamespacedPod({ namespace: targetNamespace, body: workloadPod(targetNamespace, 'reader', 'data') });
    const reader = await eventually(async () => {
      const pod = await ctx.client.core.readNamespacedPod({ namespace: targetNamespace, name: 'reader' });
      return pod.status?.phase === 'Running' ? pod : undefined;
    }, 60_000);
    const seen = await readFile(
      join(kubeletVolumePath(ctx.info, reader.spec?.nodeName ?? '', reader.metadata?.uid ?? '', volume.pvName), 'restored.bin'),
    );
    expect(sha256(seen)).toBe(sha256(bytes));
  });
});
