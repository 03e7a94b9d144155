// One trace per Backup and per Restore, read back from the environment's real Jaeger: an
// application with a claim whose snapshot data is moved and an fs-backup volume is backed up by
// Ferry's spawned apps, its namespace deleted and restored. Each object's `ferry.io/traceparent`
// names a trace that holds the controller's steps and the policy, exposer, mover and volume-info
// spans they caused, every span's parent inside the same trace; Jaeger's search finds no second trace.
import {
  deleteTestNamespace,
  findTraceIds,
  startApplicationHarness,
  type ApplicationHarness,
  type TracedSpan,
} from '@ferry/devenv/testing';
import { ancestry, moveAndFsPolicyDocument as policyDocument, orphansOf, settledTrace, traceIdOf } from './trace-support';

const terminal = ['Completed', 'PartiallyFailed', 'Failed', 'FailedValidation'];
const traceparent = 'ferry.io/traceparent';

/** The settled trace holding every span name of `expected` and the data-moved volume's transfer (an fs-backup transfer alone can arrive first). */
const traceWith = (h: ApplicationHarness, traceId: string, expected: readonly string[]): Promise<TracedSpan[]> =>
  settledTrace(h, traceId, expected, (spans) =>
    spans.some((span) => span.name === 'mover.transfer' && /^Data(Upload|Download)\//.test(String(span.tags['ferry.move.operation']))),
  );

describe('backup and restore traces - one trace each in Jaeger, across controller, policy, exposer and mover', () => {
  let h: ApplicationHarness;
  let backupTrace: TracedSpan[];
  let restoreTrace: TracedSpan[];
  let backupUid = '';
  let restoreUid = '';

  beforeAll(async () => {
    h = await startApplicationHarness('trace');
    await h.filledClaim('moved', { protect: 'move' });
    await h.filledClaim('files', { protect: 'fs' });
    await h.appPod('app', 'files');
    await h.kube.core.createNamespacedConfigMap({
      namespace: h.namespace,
      body: { metadata: { name: 'volume-policy' }, data: { 'policy.yaml': policyDocument } },
    });
    await h.createBackup('traced', {
      includedNamespaces: [h.appNamespace],
      snapshotMoveData: true,
      resourcePolicy: { kind: 'configmap', name: 'volume-policy' },
    });
    const backup = await h.backupIn('traced', terminal);
    expect(backup.status?.phase).toBe('Completed');
    backupUid = backup.metadata.uid ?? '';
    backupTrace = await traceWith(h, traceIdOf(backup.metadata.annotations?.[traceparent]), [
      'backup',
      'backup.validate',
      'backup.collect',
      'backup.tarball',
      'backup.volumes',
      'backup.volume.snapshot',
      'backup.finalize',
      'mover.transfer',
      'volumeinfo.seal',
    ]);

    await deleteTestNamespace(h.kube, h.appNamespace);
    const restore = await h.restoreUntil('r-traced', { backupName: 'traced' }, terminal);
    expect(restore.status?.phase).toBe('Completed');
    restoreUid = restore.metadata?.uid ?? '';
    restoreTrace = await traceWith(h, traceIdOf(restore.metadata?.annotations?.[traceparent]), [
      'restore',
      'restore.validate',
      'restore.items',
      'restore.operations',
      'restore.finalize',
      'mover.transfer',
      'volumeinfo.seal',
    ]);
  }, 900_000);

  afterAll(async () => {
    await h?.close();
  }, 120_000);

  const expectOneRootAndNoOrphans = (spans: readonly TracedSpan[], root: string): TracedSpan => {
    expect(orphansOf(spans).map((span) => span.name)).toEqual([]);
    const roots = spans.filter((span) => span.parentId === undefined);
    expect(roots.map((span) => [span.service, span.name])).toEqual([['ferry-controller', root]]);
    return roots[0]!;
  };

  it('the Backup trace has one root, the controller’s backup span, naming the Backup, and no span outside it', () => {
    const root = expectOneRootAndNoOrphans(backupTrace, 'backup');
    expect(root.tags).toMatchObject({ 'velero.backup.name': 'traced', 'velero.backup.uid': backupUid, 'k8s.namespace.name': h.namespace });
    expect(new Set(backupTrace.map((span) => span.service))).toEqual(
      new Set(['ferry-controller', 'ferry-policy', 'ferry-exposer', 'ferry-mover', 'ferry-volume-info']),
    );
  });

  it('the policy plan is a child of the volume step; the moved claim’s exposure and transfer descend from its snapshot span', () => {
    const policy = backupTrace.filter((span) => span.service === 'ferry-policy');
    expect(policy.length).toBeGreaterThan(0);
    for (const span of policy) expect(ancestry(backupTrace, span).map((s) => s.name)).toContain('backup.volumes');
    const snapshot = backupTrace.find((span) => span.name === 'backup.volume.snapshot');
    expect(snapshot?.tags).toMatchObject({ 'k8s.pvc.name': 'moved', 'k8s.namespace.name': h.appNamespace });
    const upload = backupTrace.find(
      (span) => span.name === 'mover.transfer' && String(span.tags['ferry.move.operation']).startsWith('DataUpload/'),
    );
    expect(upload?.tags).toMatchObject({ 'ferry.move.direction': 'backup', 'k8s.node.name': expect.any(String) as unknown });
    expect(upload?.tags['ferry.move.bytes']).toBeGreaterThan(0);
    expect(ancestry(backupTrace, upload!).map((s) => s.spanId)).toContain(snapshot?.spanId);
    const exposer = backupTrace.filter((span) => span.service === 'ferry-exposer');
    expect(exposer.length).toBeGreaterThan(0);
    for (const span of exposer) expect(ancestry(backupTrace, span).map((s) => s.name)).toContain('backup.volume.snapshot');
  });

  it('the fs-backup volume’s transfer joins the Backup’s trace through its PodVolumeBackup', () => {
    const fsBackup = backupTrace.find(
      (span) => span.name === 'mover.transfer' && String(span.tags['ferry.move.operation']).startsWith('PodVolumeBackup/'),
    );
    expect(ancestry(backupTrace, fsBackup!).map((s) => s.name)).toContain('backup.volumes');
  });

  it.each([
    ['Backup', 'backup.finalize', { 'velero.backup.name': 'traced' }],
    ['Restore', 'restore.finalize', { 'velero.restore.name': 'r-traced' }],
  ])('volume-info’s seal of the %s’s report is a span of its trace, under the controller’s finalize step', (kind, step, names) => {
    const trace = kind === 'Backup' ? backupTrace : restoreTrace;
    const seal = trace.find((span) => span.name === 'volumeinfo.seal');
    expect(seal?.service).toBe('ferry-volume-info');
    expect(seal?.tags).toMatchObject({
      ...names,
      'k8s.namespace.name': h.namespace,
      'ferry.volumeinfo.volumes': expect.any(Number) as unknown,
    });
    expect(ancestry(trace, seal!).map((s) => s.name)).toContain(step);
  });

  it('Jaeger finds exactly one trace for the Backup, also from the mover’s side', async () => {
    const traceId = backupTrace[0]!.traceId;
    expect(await findTraceIds(h.info.jaeger, 'ferry-controller', { 'velero.backup.uid': backupUid })).toEqual([traceId]);
    const operation = backupTrace.find((span) => span.name === 'mover.transfer')?.tags['ferry.move.operation'];
    expect(await findTraceIds(h.info.jaeger, 'ferry-mover', { 'ferry.move.operation': String(operation) })).toEqual([traceId]);
  });

  it('the Restore has its own trace: every restore phase under its root, the DataDownload’s exposure and transfer under the items phase', async () => {
    const root = expectOneRootAndNoOrphans(restoreTrace, 'restore');
    expect(root.traceId).not.toBe(backupTrace[0]?.traceId);
    expect(root.tags).toMatchObject({ 'velero.restore.name': 'r-traced', 'velero.restore.uid': restoreUid });
    for (const phase of ['restore.validate', 'restore.items', 'restore.operations', 'restore.finalize']) {
      expect(restoreTrace.find((span) => span.name === phase)?.parentId).toBe(root.spanId);
    }
    const download = restoreTrace.find(
      (span) => span.name === 'mover.transfer' && String(span.tags['ferry.move.operation']).startsWith('DataDownload/'),
    );
    expect(download?.tags['ferry.move.direction']).toBe('restore');
    expect(ancestry(restoreTrace, download!).map((s) => s.name)).toContain('restore.items');
    expect(restoreTrace.some((span) => span.service === 'ferry-exposer')).toBe(true);
    expect(await findTraceIds(h.info.jaeger, 'ferry-controller', { 'velero.restore.uid': restoreUid })).toEqual([root.traceId]);
  });
});
