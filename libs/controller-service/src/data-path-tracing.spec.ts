import { context, SpanStatusCode, trace } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { InMemorySpanExporter, SimpleSpanProcessor, TracerProvider } from '@opentelemetry/sdk-trace';
import type { DataPathPhase } from '@ferry/data-movement';
import { withAnnotatedContext } from '@ferry/telemetry';
import type { DataPathResource } from './data-path-resources';
import { refOf } from './data-path-store';
import { dataPathAttributes, dataPathEndSpanName, tracedDataPathStore } from './data-path-tracing';
import { aNewDataUpload, aNewPodVolumeBackup, InMemoryDataPathStore } from './testing/data-path-fakes';

const upload = (phase: string, extra: Partial<DataPathResource['metadata']> = {}): DataPathResource => ({
  ...aNewDataUpload(),
  metadata: { ...aNewDataUpload().metadata, labels: { 'velero.io/backup-name': 'nightly' }, ...extra },
  status: { phase: phase as DataPathPhase, node: 'node-2' },
});

const download: DataPathResource = {
  apiVersion: 'velero.io/v2alpha1',
  kind: 'DataDownload',
  metadata: { name: 'dd-1', namespace: 'velero', labels: { 'velero.io/restore-name': 'r1' } },
  spec: {
    targetVolume: { pvc: 'data', pv: '', namespace: 'shop' },
    backupStorageLocation: 'default',
    snapshotID: 's',
    sourceNamespace: 'app',
    operationTimeout: '10m0s',
  },
  status: { phase: 'Failed' },
};

describe('data-path tracing - attributes', () => {
  it.each<[string, DataPathResource, Record<string, string>]>([
    [
      'DataUpload of a backup, on its node',
      upload('Completed'),
      {
        'ferry.datapath.kind': 'DataUpload',
        'ferry.datapath.name': 'du-1',
        'k8s.namespace.name': 'app',
        'k8s.pvc.name': 'data',
        'k8s.node.name': 'node-2',
        'velero.backup.name': 'nightly',
        'velero.phase': 'Completed',
      },
    ],
    [
      'DataDownload of a restore, before a node',
      download,
      {
        'ferry.datapath.kind': 'DataDownload',
        'ferry.datapath.name': 'dd-1',
        'k8s.namespace.name': 'shop',
        'k8s.pvc.name': 'data',
        'velero.restore.name': 'r1',
        'velero.phase': 'Failed',
      },
    ],
    [
      'PodVolumeBackup: the pod volume and the spec node',
      { ...aNewPodVolumeBackup(), status: { phase: 'Failed' } },
      {
        'ferry.datapath.kind': 'PodVolumeBackup',
        'ferry.datapath.name': 'pvb-1',
        'k8s.namespace.name': 'app',
        'k8s.pod.name': 'web',
        'k8s.volume.name': 'data',
        'k8s.node.name': 'node-1',
        'velero.phase': 'Failed',
      },
    ],
  ])('%s', (_name, resource, expected) => {
    expect(dataPathAttributes(resource)).toEqual(expected);
  });

  it('names the span by kind', () => {
    expect(dataPathEndSpanName('PodVolumeRestore')).toBe('podvolumerestore.end');
  });
});

describe('data-path tracing - traced store', () => {
  const exporter = new InMemorySpanExporter();
  const provider = new TracerProvider({ spanProcessors: [new SimpleSpanProcessor({ exporter })] });
  const manager = new AsyncLocalStorageContextManager();
  const traceparent = '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01';
  beforeAll(() => {
    context.setGlobalContextManager(manager.enable());
    trace.setGlobalTracerProvider(provider);
  });
  afterEach(() => exporter.reset());
  afterAll(async () => {
    await provider.shutdown();
    trace.disable();
    context.disable();
  });

  it('ends a failed resource with an error span and exception event, a child of the context it carries', async () => {
    const inner = new InMemoryDataPathStore();
    const ref = refOf(inner.put(upload('InProgress')));
    const store = tracedDataPathStore(inner);
    await withAnnotatedContext({ 'ferry.io/traceparent': traceparent }, () =>
      store.update(ref, () => ({ status: { phase: 'Failed', message: 'data path backup failed: UPLOADER_WRONG_PASSWORD: bad' } })),
    );
    const [span] = exporter.getFinishedSpans();
    expect(span?.name).toBe('dataupload.end');
    expect(span?.spanContext().traceId).toBe('0af7651916cd43dd8448eb211c80319c');
    expect(span?.parentSpanContext?.spanId).toBe('b7ad6b7169203331');
    expect(span?.status).toEqual({ code: SpanStatusCode.ERROR, message: 'data path backup failed: UPLOADER_WRONG_PASSWORD: bad' });
    expect(span?.events.map((e) => [e.name, e.attributes?.['exception.type']])).toEqual([['exception', 'DataUploadFailed']]);
    expect(span?.attributes).toMatchObject({ 'k8s.pvc.name': 'data', 'velero.backup.name': 'nightly', 'velero.phase': 'Failed' });
  });

  it('ends a resource once: a completed one without error, a replay and a non-terminal write without a span', async () => {
    const inner = new InMemoryDataPathStore();
    const ref = refOf(inner.put(upload('Accepted')));
    const store = tracedDataPathStore(inner);
    await store.update(ref, () => ({ status: { phase: 'Prepared' } }));
    await store.update(ref, () => ({ status: { phase: 'Completed' } }));
    await store.update(ref, () => ({ status: { phase: 'Completed', message: 'again' } }));
    await store.update(ref, () => undefined);
    const spans = exporter.getFinishedSpans();
    expect(spans.map((s) => [s.name, s.status.code, s.events.length])).toEqual([['dataupload.end', SpanStatusCode.UNSET, 0]]);
  });
});
