import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { metrics } from '@opentelemetry/api';
import { startMetrics, type MetricsHandle } from './metrics-exporter';
import { metricsDisabled } from './metrics-config';

/** Serves `handle` on a loopback port and returns the text of one scrape. */
async function scrape(handle: MetricsHandle): Promise<{ status: number; text: string }> {
  const server: Server = createServer((req, res) => handle.serve(req, res));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  try {
    const { port } = server.address() as AddressInfo;
    const response = await fetch(`http://127.0.0.1:${port}/metrics`);
    return { status: response.status, text: await response.text() };
  } finally {
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}

/** The sample lines of `name` (exact metric name, any labels). */
function samples(text: string, name: string): string[] {
  return text.split('\n').filter((line) => line.startsWith(`${name}{`) || line.startsWith(`${name} `));
}

describe('ferry metrics - Prometheus exposition', () => {
  let handle: MetricsHandle;
  beforeEach(() => {
    handle = startMetrics({ serviceName: 'ferry-test', env: {} });
  });
  afterEach(async () => {
    await handle.shutdown();
    metrics.disable();
  });

  it('exposes Velero backup counters by schedule, with the duration in Velero buckets', async () => {
    const r = handle.recorder;
    r.backupAttempted('nightly');
    r.backupAttempted('nightly');
    r.backupEnded('nightly', 'Completed', 75.9);
    r.backupEnded('nightly', 'PartiallyFailed', undefined);
    r.backupValidationFailed('');
    r.backupItems('nightly', { total: 12, errors: 1 });
    r.observeBackupCount(() => 3);
    const { status, text } = await scrape(handle);
    expect(status).toBe(200);
    expect(samples(text, 'velero_backup_attempt_total')).toEqual(['velero_backup_attempt_total{schedule="nightly"} 2']);
    expect(samples(text, 'velero_backup_success_total')).toEqual(['velero_backup_success_total{schedule="nightly"} 1']);
    expect(samples(text, 'velero_backup_partial_failure_total')).toEqual(['velero_backup_partial_failure_total{schedule="nightly"} 1']);
    expect(samples(text, 'velero_backup_validation_failure_total')).toEqual(['velero_backup_validation_failure_total{schedule=""} 1']);
    expect(samples(text, 'velero_backup_items_total')).toEqual(['velero_backup_items_total{schedule="nightly"} 12']);
    expect(samples(text, 'velero_backup_items_errors')).toEqual(['velero_backup_items_errors{schedule="nightly"} 1']);
    expect(samples(text, 'velero_backup_total')).toEqual(['velero_backup_total 3']);
    expect(samples(text, 'velero_backup_duration_seconds_sum')).toEqual(['velero_backup_duration_seconds_sum{schedule="nightly"} 75']);
    const buckets = samples(text, 'velero_backup_duration_seconds_bucket').map((line) => /[{,]le="([^"]+)"/.exec(line)?.[1]);
    expect(buckets).toEqual(['60', '300', '600', '900', '1800', '3600', '7200', '10800', '14400', '+Inf']);
    expect(text).toContain('# TYPE velero_backup_attempt_total counter');
  });

  it('exposes restore counters and the data-path counters by node under Velero names', async () => {
    const r = handle.recorder;
    r.restoreAttempted('');
    r.restoreValidationFailed('');
    r.restoreEnded('', 'Failed');
    r.dataPathEnded({ kind: 'DataUpload', node: 'n1', end: 'Completed' });
    r.dataPathEnded({ kind: 'DataDownload', node: 'n2', end: 'Canceled' });
    r.podVolumeBackupStarted('n1');
    r.dataPathEnded({
      kind: 'PodVolumeBackup',
      node: 'n1',
      end: 'Completed',
      podVolume: { seconds: 2.4, name: 'pvb-1', backupName: 'velero/b1', operation: 'pvb-1-default-app-kopia-backup' },
    });
    const { text } = await scrape(handle);
    expect(samples(text, 'velero_restore_attempt_total')).toEqual(['velero_restore_attempt_total{schedule=""} 1']);
    expect(samples(text, 'velero_restore_validation_failed_total')).toEqual(['velero_restore_validation_failed_total{schedule=""} 1']);
    expect(samples(text, 'velero_restore_failed_total')).toEqual(['velero_restore_failed_total{schedule=""} 1']);
    expect(samples(text, 'podVolume_data_upload_success_total')).toEqual(['podVolume_data_upload_success_total{node="n1"} 1']);
    expect(samples(text, 'podVolume_data_download_cancel_total')).toEqual(['podVolume_data_download_cancel_total{node="n2"} 1']);
    expect(samples(text, 'podVolume_pod_volume_backup_enqueue_count')).toEqual(['podVolume_pod_volume_backup_enqueue_count{node="n1"} 1']);
    expect(samples(text, 'podVolume_pod_volume_backup_dequeue_count')).toEqual(['podVolume_pod_volume_backup_dequeue_count{node="n1"} 1']);
    expect(samples(text, 'podVolume_pod_volume_operation_latency_seconds_count')).toEqual([
      'podVolume_pod_volume_operation_latency_seconds_count{node="n1",operation="pvb-1-default-app-kopia-backup",backupName="velero/b1",pod_volume_backup="pvb-1"} 1',
    ]);
  });

  it("exposes Ferry's mover and exposure figures", async () => {
    const r = handle.recorder;
    r.bytesMoved('n1', 'backup', 1000);
    r.bytesMoved('n1', 'backup', 24);
    r.bytesMoved('n1', 'backup', 0);
    r.moveThroughput('n1', 'backup', 100_000);
    r.exposureWait('pod-pending', 1.5);
    const { text } = await scrape(handle);
    expect(samples(text, 'ferry_mover_bytes_total')).toEqual(['ferry_mover_bytes_total{node="n1",operation="backup"} 1024']);
    expect(samples(text, 'ferry_mover_throughput_bytes_per_second_count')).toEqual([
      'ferry_mover_throughput_bytes_per_second_count{node="n1",operation="backup"} 1',
    ]);
    expect(samples(text, 'ferry_exposure_wait_seconds_sum')).toEqual(['ferry_exposure_wait_seconds_sum{cause="pod-pending"} 1.5']);
  });

  it('registers its provider globally, so libraries instrumenting through the API are exported too', async () => {
    metrics.getMeter('library').createCounter('ferry_library_events_total').add(2, { kind: 'x' });
    const { text } = await scrape(handle);
    expect(samples(text, 'ferry_library_events_total')).toEqual(['ferry_library_events_total{kind="x"} 2']);
  });
});

describe('ferry metrics - disabled', () => {
  it.each([
    [{ OTEL_SDK_DISABLED: 'true' }, 'OTEL_SDK_DISABLED=true'],
    [{ OTEL_METRICS_EXPORTER: 'none' }, 'OTEL_METRICS_EXPORTER=none'],
    [{ OTEL_METRICS_EXPORTER: 'otlp' }, undefined],
    [{}, undefined],
  ])('metricsDisabled(%j) = %s', (env, reason) => {
    expect(metricsDisabled(env)).toBe(reason);
  });

  it('answers 404 with the reason and records nothing', async () => {
    const handle = startMetrics({ serviceName: 'ferry-test', env: { OTEL_SDK_DISABLED: 'true' } });
    handle.recorder.backupAttempted('');
    const { status, text } = await scrape(handle);
    expect(handle.enabled).toBe(false);
    expect(status).toBe(404);
    expect(text).toBe('metrics disabled: OTEL_SDK_DISABLED=true\n');
  });
});
