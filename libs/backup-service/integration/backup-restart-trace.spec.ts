// A controller restart mid-backup still yields exactly one trace, read back from the
// environment's real Jaeger. The movers are held back, so the Backup waits in
// WaitingForPluginOperations for its DataUpload; once the first controller's spans of the Backup
// are exported, that controller is SIGKILLed, a second one (the next leader) and the movers are
// started, and the Backup completes. Jaeger then holds one trace for the Backup with spans of both
// controller processes (told apart by `service.instance.id`), the second one's steps parented on
// the first one's through the `ferry.io/traceparent` annotations of the Backup and the DataUpload.
import { dataUploadDefinition, type DataUpload } from '@ferry/api';
import { eventually, findTraceIds, startApplicationHarness, type ApplicationHarness, type TracedSpan } from '@ferry/devenv/testing';
import { createCustomResourceClient } from '@ferry/kube';
import { orphansOf, settledTrace, traceIdOf } from './trace-support';

describe('backup trace - one trace across a controller restart mid-backup', () => {
  let h: ApplicationHarness;
  let spans: TracedSpan[];
  let traceId = '';
  let backupUid = '';
  let first = '';
  let second = '';

  beforeAll(async () => {
    h = await startApplicationHarness('restarttrace', ['policy', 'exposer']);
    await h.filledClaim('moved', {});
    await h.createBackup('restarted', { includedNamespaces: [h.appNamespace], snapshotMoveData: true });
    // Generous: with other suites beside it on a loaded machine the collection took over 4 minutes once.
    const waiting = await h.backupIn('restarted', ['WaitingForPluginOperations', 'Completed', 'PartiallyFailed', 'Failed'], 480_000);
    expect(waiting.status?.phase).toBe('WaitingForPluginOperations');
    traceId = traceIdOf(waiting.metadata.annotations?.['ferry.io/traceparent']);
    backupUid = waiting.metadata.uid ?? '';
    first = h.serviceUrls().find((app) => app.name.endsWith('-controller-1'))?.name ?? '';
    // A SIGKILL loses the spans the SDK has not exported yet: kill once the first controller has
    // sent the move job (its DataUpload InProgress), its spans up to that send are stored and the
    // trace so far is whole (the exposer's spans may name a controller span that was still in the
    // controller's export queue; the mover's will name the send's).
    const uploads = createCustomResourceClient<DataUpload>(h.kube, dataUploadDefinition);
    await eventually(
      'the DataUpload InProgress (its move job sent)',
      async () => (await uploads.list(h.namespace)).some((upload) => upload.status?.phase === 'InProgress'),
      480_000,
    );
    await settledTrace(h, traceId, [
      'backup',
      'backup.validate',
      'backup.collect',
      'backup.volume.snapshot',
      `publish ${h.natsNamespace}.job.move.v1.{node}`,
    ]);
    await h.killController();
    await h.startController();
    second = h.serviceUrls().find((app) => app.name.endsWith('-controller-2'))?.name ?? '';
    await h.startWorkers(['mover']);
    const done = await h.backupIn('restarted', ['Completed', 'PartiallyFailed', 'Failed']);
    expect(done.status?.phase).toBe('Completed');
    spans = await settledTrace(h, traceId, ['backup.finalize', 'dataupload.end', 'mover.transfer']);
  }, 900_000);

  afterAll(async () => {
    await h?.close();
  }, 120_000);

  const controllerSpans = (instance: string): TracedSpan[] =>
    spans.filter((span) => span.service === 'ferry-controller' && span.instance === instance);
  const byId = (id: string | undefined): TracedSpan | undefined => spans.find((span) => span.spanId === id);

  it('Jaeger finds exactly one trace for the Backup, from the controller’s and the mover’s side', async () => {
    expect(first).not.toBe('');
    expect(second).not.toBe('');
    expect(await findTraceIds(h.info.jaeger, 'ferry-controller', { 'velero.backup.uid': backupUid })).toEqual([traceId]);
    const operation = spans.find((span) => span.name === 'mover.transfer')?.tags['ferry.move.operation'];
    expect(await findTraceIds(h.info.jaeger, 'ferry-mover', { 'ferry.move.operation': String(operation) })).toEqual([traceId]);
  });

  it('the trace holds spans of both controller processes and of no other controller', () => {
    const instances = new Set(spans.filter((span) => span.service === 'ferry-controller').map((span) => span.instance));
    expect(instances).toEqual(new Set([first, second]));
    expect(controllerSpans(first).map((span) => span.name)).toEqual(
      expect.arrayContaining(['backup', 'backup.validate', 'backup.collect', 'backup.volume.snapshot']),
    );
    expect(controllerSpans(second).map((span) => span.name)).toEqual(expect.arrayContaining(['backup.finalize', 'dataupload.end']));
  });

  it('the second controller’s steps are children of the first one’s: finalize of the root, the DataUpload’s end of its snapshot step', () => {
    const root = spans.filter((span) => span.parentId === undefined);
    expect(root.map((span) => [span.name, span.instance])).toEqual([['backup', first]]);
    const finalize = controllerSpans(second).find((span) => span.name === 'backup.finalize');
    expect(finalize?.parentId).toBe(root[0]?.spanId);
    const end = controllerSpans(second).find((span) => span.name === 'dataupload.end');
    const snapshot = byId(end?.parentId);
    expect([snapshot?.name, snapshot?.instance]).toEqual(['backup.volume.snapshot', first]);
    expect(end?.tags).toMatchObject({ 'k8s.pvc.name': 'moved', 'velero.backup.name': 'restarted', 'velero.phase': 'Completed' });
  });

  it('no span points at a parent Jaeger does not hold (nothing the killed controller left open is referenced)', () => {
    expect(orphansOf(spans).map((span) => [span.name, span.instance])).toEqual([]);
  });
});
