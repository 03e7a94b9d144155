import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ParsedNodeAgentConfig } from '@ferry/node-agent-config';
import { createCsiSnapshotExposer, type ExposedVolume, type OperationRef, type SnapshotExposer } from '../src/index';
import {
  createDataUpload,
  createSnapshotFixture,
  exposerTestContext,
  nodeAgentConfig,
  type ExposerTestContext,
  type SnapshotFixture,
} from './snapshot-exposure-support';
import { createTestNamespace, eventually, kubeletVolumePath } from '@ferry/devenv/testing';

describe('csi snapshot exposer - against the API server and node simulator', () => {
  // VolumeSnapshotContents are cluster-scoped and named after the DataUpload: unique per spec run.
  const duName = `du-${Date.now().toString(36)}`;
  let ctx: ExposerTestContext;
  let config: ParsedNodeAgentConfig | undefined;
  let exposer: SnapshotExposer;
  let appNamespace: string;
  let ferryNamespace: string;
  let fixture: SnapshotFixture;
  let operation: OperationRef;
  let duUid: string;
  const extraNamespaces: string[] = [];

  const exposedVolume = (timeoutMs = 30_000) =>
    eventually(async () => {
      const state = await exposer.state(operation);
      if (state.phase === 'failed') throw new Error(`exposure failed: ${state.diagnosis.cause ?? ''}`);
      return state.phase === 'exposed' ? state.volume : undefined;
    }, timeoutMs);
  const mountOf = (volume: ExposedVolume) => kubeletVolumePath(ctx.info, volume.node, volume.podUid, volume.pvName);
  const listPods = async () => (await ctx.client.core.listNamespacedPod({ namespace: ferryNamespace })).items;
  const listPvcs = async () => (await ctx.client.core.listNamespacedPersistentVolumeClaim({ namespace: ferryNamespace })).items;

  beforeAll(() => {
    ctx = exposerTestContext();
    exposer = createCsiSnapshotExposer({
      kube: ctx.client,
      currentConfig: () => config,
      podTemplate: { image: 'velero/velero:v1.17.0' },
      pollIntervalMs: 200,
      cleanupTimeoutMs: 30_000,
    });
  });

  beforeEach(async () => {
    config = undefined;
    appNamespace = await createTestNamespace(ctx.client, 'csi-app');
    ferryNamespace = await createTestNamespace(ctx.client, 'csi-ferry');
    fixture = await createSnapshotFixture(ctx, appNamespace);
    const du = await createDataUpload(ctx, ferryNamespace, duName, fixture);
    duUid = du.metadata?.uid ?? '';
    operation = { kind: 'DataUpload', namespace: ferryNamespace, name: duName };
  });

  afterEach(async () => {
    await exposer.cleanUp(operation).catch(() => undefined);
    await ctx.client.core.deleteNamespace({ name: appNamespace });
    await ctx.client.core.deleteNamespace({ name: ferryNamespace });
    for (const name of extraNamespaces.splice(0)) await ctx.client.core.deleteNamespace({ name });
  });

  it('default mapping - backupPVC of the source class, RWO; the pod sees the snapshot bytes; the snapshot is taken over', async () => {
    await exposer.expose(operation);
    const volume = await exposedVolume();

    const pvc = await ctx.client.core.readNamespacedPersistentVolumeClaim({ namespace: ferryNamespace, name: duName });
    expect(pvc.spec?.storageClassName).toBe('standard');
    expect(pvc.spec?.accessModes).toEqual(['ReadWriteOnce']);
    expect(pvc.metadata?.ownerReferences?.[0]).toMatchObject({ kind: 'DataUpload', name: duName, uid: duUid, controller: true });
    const pod = await ctx.client.core.readNamespacedPod({ namespace: ferryNamespace, name: duName });
    expect(volume).toMatchObject({
      node: pod.spec?.nodeName,
      podName: duName,
      podUid: pod.metadata?.uid,
      pvName: pvc.spec?.volumeName,
      pvcName: duName,
      volumeName: duUid,
      readOnly: false,
      storageClass: 'standard',
    });
    expect(ctx.info.nodes.map((n) => n.name)).toContain(volume.node);
    expect(await readFile(join(mountOf(volume), 'data.bin'))).toEqual(fixture.bytes);

    expect(await ctx.snapshots.find(appNamespace, fixture.vsName)).toBeUndefined();
    expect(await ctx.contents.find(undefined, fixture.vscName)).toBeUndefined();
    const backupVsc = await ctx.contents.get(undefined, duName);
    expect(backupVsc.spec.deletionPolicy).toBe('Delete');
    const backupVs = await ctx.snapshots.get(ferryNamespace, duName);
    expect(backupVs.status?.boundVolumeSnapshotContentName).toBe(duName);
    expect(backupVs.status?.readyToUse).toBe(true);
  });

  it('readOnly mapping - class fast, ReadOnlyMany, annotations, and writes into the mount fail with EROFS', async () => {
    config = nodeAgentConfig({ backupPVC: { standard: { storageClass: 'fast', readOnly: true, annotations: { a: 'b' } } } });
    await exposer.expose(operation);
    const volume = await exposedVolume();

    const pvc = await ctx.client.core.readNamespacedPersistentVolumeClaim({ namespace: ferryNamespace, name: duName });
    expect(pvc.spec?.storageClassName).toBe('fast');
    expect(pvc.spec?.accessModes).toEqual(['ReadOnlyMany']);
    expect(pvc.metadata?.annotations?.['a']).toBe('b');
    expect([volume.readOnly, volume.storageClass]).toEqual([true, 'fast']);
    expect(await readFile(join(mountOf(volume), 'data.bin'))).toEqual(fixture.bytes);
    await expect(writeFile(join(mountOf(volume), 'new.bin'), 'x')).rejects.toMatchObject({ code: 'EROFS' });
  });

  it('loadAffinity - the pod lands on the selected node', async () => {
    config = nodeAgentConfig({ loadAffinity: [{ nodeSelector: { matchLabels: { 'kubernetes.io/hostname': 'ferry-node-2' } } }] });
    await exposer.expose(operation);
    const volume = await exposedVolume();
    expect(volume.node).toBe('ferry-node-2');
    expect(await readFile(join(mountOf(volume), 'data.bin'))).toEqual(fixture.bytes);
  });

  it('WaitForFirstConsumer source - the backup pod lands on the node the source PV is pinned to, with the PV terms in its affinity', async () => {
    const wffcNamespace = await createTestNamespace(ctx.client, 'csi-wffc');
    extraNamespaces.push(wffcNamespace);
    const wffc = await createSnapshotFixture(ctx, wffcNamespace, { storageClass: 'fast', writerNode: 'ferry-node-2' });
    expect(wffc.writerNode).toBe('ferry-node-2');
    const sourcePvc = await ctx.client.core.readNamespacedPersistentVolumeClaim({ namespace: wffcNamespace, name: wffc.pvcName });
    const sourcePv = await ctx.client.core.readPersistentVolume({ name: sourcePvc.spec?.volumeName ?? '' });
    const pvTerms = sourcePv.spec?.nodeAffinity?.required?.nodeSelectorTerms ?? [];
    expect(JSON.stringify(pvTerms)).toContain('ferry-node-2');
    const name = `${duName}-wffc`;
    await createDataUpload(ctx, ferryNamespace, name, wffc);
    operation = { kind: 'DataUpload', namespace: ferryNamespace, name };

    await exposer.expose(operation);
    const volume = await exposedVolume(60_000);
    const pod = await ctx.client.core.readNamespacedPod({ namespace: ferryNamespace, name });
    expect(pod.spec?.nodeName).toBe('ferry-node-2');
    expect(volume.node).toBe('ferry-node-2');
    const podTerms = pod.spec?.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms;
    expect(podTerms).toEqual(
      pvTerms.map((term) => expect.objectContaining({ matchExpressions: expect.arrayContaining(term.matchExpressions ?? []) })),
    );
    expect((await ctx.client.core.readNamespacedPersistentVolumeClaim({ namespace: ferryNamespace, name })).spec?.storageClassName).toBe(
      'fast',
    );
    expect(await readFile(join(mountOf(volume), 'data.bin'))).toEqual(wffc.bytes);
  });

  it('mapping to a missing class - stays preparing, the diagnosis names the class, cleanUp leaves nothing', async () => {
    config = nodeAgentConfig({ backupPVC: { standard: { storageClass: 'no-such-class' } } });
    await exposer.expose(operation);
    const diagnosis = await eventually(async () => {
      const found = await exposer.diagnose(operation);
      return found.cause?.includes("storage class 'no-such-class' not found") ? found : undefined;
    });
    expect(diagnosis.cause).toContain('backupPVC');
    const state = await exposer.state(operation);
    expect(state).toMatchObject({ phase: 'preparing' });
    expect(state.phase === 'preparing' && state.waitingFor).toContain('backupPVC');

    await exposer.cleanUp(operation);
    expect(await listPods()).toEqual([]);
    expect(await listPvcs()).toEqual([]);
    expect(await ctx.snapshots.list(ferryNamespace)).toEqual([]);
    expect(await ctx.contents.find(undefined, duName)).toBeUndefined();
    expect(await ctx.snapshots.find(appNamespace, fixture.vsName)).toBeUndefined();
  });

  it('idempotency - repeated and concurrent exposes make one PVC and one pod; a deleted pod is recreated', async () => {
    await Promise.all([exposer.expose(operation), exposer.expose(operation)]);
    await exposer.expose(operation);
    const second = createCsiSnapshotExposer({
      kube: ctx.client,
      currentConfig: () => config,
      podTemplate: { image: 'velero/velero:v1.17.0' },
      pollIntervalMs: 200,
    });
    await second.expose(operation);
    const first = await exposedVolume();
    expect((await listPvcs()).map((p) => p.metadata?.name)).toEqual([duName]);
    expect((await listPods()).map((p) => p.metadata?.name)).toEqual([duName]);

    await ctx.client.core.deleteNamespacedPod({ namespace: ferryNamespace, name: duName, gracePeriodSeconds: 0 });
    await eventually(async () => ((await listPods()).length === 0 ? true : undefined));
    await exposer.expose(operation);
    const again = await exposedVolume();
    expect(again.podUid).not.toBe(first.podUid);
    expect(again.pvName).toBe(first.pvName);
    expect((await listPods()).length).toBe(1);
    expect(await readFile(join(mountOf(again), 'data.bin'))).toEqual(fixture.bytes);
  });

  it('diagnosis - an exposed volume on a node without a mover says so; a running mover pod there clears it', async () => {
    await exposer.expose(operation);
    const { node } = await exposedVolume();
    expect((await exposer.diagnose(operation)).cause).toBe(`no mover running on node ${node}`);

    await ctx.client.core.createNamespacedPod({
      namespace: ferryNamespace,
      body: {
        metadata: { name: 'mover', labels: { 'app.kubernetes.io/name': 'ferry', 'app.kubernetes.io/component': 'mover' } },
        spec: { nodeName: node, containers: [{ name: 'mover', image: 'ferry/ferry:latest' }] },
      },
    });
    const diagnosis = await eventually(async () => {
      const current = await exposer.diagnose(operation);
      return current.cause === undefined ? current : undefined;
    });
    expect(diagnosis.findings.some((finding) => /mover/.test(finding.problem ?? ''))).toBe(false);
  });

  it('abort - expose rejects when the signal fires while the snapshot is not ready', async () => {
    // A snapshot of a claim that does not exist never becomes ready (the snapshotter waits for it).
    await ctx.snapshots.create({
      apiVersion: 'snapshot.storage.k8s.io/v1',
      kind: 'VolumeSnapshot',
      metadata: { name: 'never-ready', namespace: appNamespace },
      spec: { source: { persistentVolumeClaimName: 'no-such-claim' }, volumeSnapshotClassName: 'ferry-snapclass' },
    });
    const unready = `${duName}-unready`;
    await createDataUpload(ctx, ferryNamespace, unready, { ...fixture, vsName: 'never-ready' });
    operation = { kind: 'DataUpload', namespace: ferryNamespace, name: unready };
    const controller = new AbortController();
    const exposing = exposer.expose(operation, controller.signal);
    setTimeout(() => controller.abort(), 500);
    await expect(exposing).rejects.toMatchObject({ code: 'EXPOSER_ABORTED' });
    expect(await listPvcs()).toEqual([]);
  });
});
