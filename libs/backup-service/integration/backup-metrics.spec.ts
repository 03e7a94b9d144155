// Metrics end to end: Ferry's apps spawned from source serve `/metrics` on their HTTP port; after a
// real backup (a snapshot-moved claim and an fs-backup claim, labelled by schedule `nightly`), a
// Backup that fails validation, the loss of the application and its restore, and a Restore that
// fails validation, the controller's Velero counters moved by exactly what happened, and the
// data-path, controller-runtime, NATS and mover figures are there.
import { dataUploadDefinition, podVolumeBackupDefinition, type DataUpload, type PodVolumeBackup, type Restore } from '@ferry/api';
import { createCustomResourceClient } from '@ferry/kube';
import { deleteTestNamespace, startApplicationHarness, type ApplicationHarness } from '@ferry/devenv/testing';
import { sampleSum, scrapeMetrics, type PrometheusSample } from './prometheus-text';
import { moveAndFsPolicyDocument as policyDocument } from './trace-support';

describe('metrics end to end - /metrics of the spawned apps after a real backup', () => {
  let h: ApplicationHarness;
  let controllerBefore: PrometheusSample[];
  let controllerAfter: PrometheusSample[];
  let restored: Restore;
  const controllerUrl = (): string => h.serviceUrls().at(-1)!.url;

  beforeAll(async () => {
    h = await startApplicationHarness('metrics');
    await h.filledClaim('moved', { protect: 'move' });
    await h.filledClaim('files', { protect: 'fs' });
    await h.appPod('app', 'files');
    await h.kube.core.createNamespacedConfigMap({
      namespace: h.namespace,
      body: { metadata: { name: 'volume-policy' }, data: { 'policy.yaml': policyDocument } },
    });
    controllerBefore = await scrapeMetrics(controllerUrl());
    await h.backups.create({
      apiVersion: 'velero.io/v1',
      kind: 'Backup',
      metadata: { name: 'invalid', namespace: h.namespace },
      spec: { storageLocation: 'no-such-location' },
    });
    await h.backupIn('invalid', ['FailedValidation']);
    await h.backups.create({
      apiVersion: 'velero.io/v1',
      kind: 'Backup',
      metadata: { name: 'nightly-1', namespace: h.namespace, labels: { 'velero.io/schedule-name': 'nightly' } },
      spec: {
        includedNamespaces: [h.appNamespace],
        snapshotMoveData: true,
        resourcePolicy: { kind: 'configmap', name: 'volume-policy' },
      },
    });
    await h.backupIn('nightly-1', ['Completed', 'PartiallyFailed', 'Failed']);
    await h.restoreUntil('no-backup', { backupName: 'no-such-backup' }, ['FailedValidation']);
    await deleteTestNamespace(h.kube, h.appNamespace);
    restored = await h.restoreUntil('r1', { backupName: 'nightly-1' }, ['Completed', 'PartiallyFailed', 'Failed']);
    controllerAfter = await scrapeMetrics(controllerUrl());
  }, 720_000);

  afterAll(async () => {
    await h?.close();
  }, 120_000);

  const moved = (name: string, labels: Record<string, string> = {}): number =>
    sampleSum(controllerAfter, name, labels) - sampleSum(controllerBefore, name, labels);

  it('every app serves a parseable exposition on its own HTTP port', async () => {
    const urls = h.serviceUrls();
    expect(urls.length).toBeGreaterThanOrEqual(4);
    for (const { name, url } of urls) {
      const samples = await scrapeMetrics(url);
      expect({ name, targetInfo: samples.some((s) => s.name === 'target_info') }).toEqual({ name, targetInfo: true });
    }
  });

  it("moves Velero's backup counters by exactly one attempt, one success and one validation failure", async () => {
    const backup = await h.backups.get(h.namespace, 'nightly-1');
    expect(backup.status?.phase).toBe('Completed');
    expect(moved('velero_backup_attempt_total', { schedule: 'nightly' })).toBe(1);
    expect(moved('velero_backup_success_total', { schedule: 'nightly' })).toBe(1);
    expect(moved('velero_backup_failure_total')).toBe(0);
    expect(moved('velero_backup_partial_failure_total')).toBe(0);
    expect(moved('velero_backup_validation_failure_total', { schedule: '' })).toBe(1);
    expect(moved('velero_backup_attempt_total', { schedule: '' })).toBe(0);
    expect(moved('velero_backup_duration_seconds_count', { schedule: 'nightly' })).toBe(1);
    expect(sampleSum(controllerAfter, 'velero_backup_items_total', { schedule: 'nightly' })).toBe(backup.status?.progress?.totalItems);
    expect(sampleSum(controllerAfter, 'velero_backup_items_errors', { schedule: 'nightly' })).toBe(0);
    expect(sampleSum(controllerAfter, 'velero_backup_last_status', { schedule: 'nightly' })).toBe(1);
    expect(sampleSum(controllerAfter, 'velero_backup_total')).toBe(2);
  });

  it("moves Velero's restore counters by two attempts, one success and one validation failure", () => {
    expect(restored.status?.phase).toBe('Completed');
    // As Velero, a Restore of a scheduled backup is labelled with the backup's schedule.
    expect(restored.spec?.scheduleName).toBe('nightly');
    expect(moved('velero_restore_attempt_total', { schedule: 'nightly' })).toBe(1);
    expect(moved('velero_restore_attempt_total', { schedule: '' })).toBe(1);
    expect(moved('velero_restore_validation_failed_total', { schedule: '' })).toBe(1);
    expect(moved('velero_restore_success_total', { schedule: 'nightly' })).toBe(1);
    expect(moved('velero_restore_success_total')).toBe(1);
    expect(moved('velero_restore_failed_total')).toBe(0);
    expect(moved('velero_restore_partial_failure_total')).toBe(0);
    expect(sampleSum(controllerAfter, 'velero_restore_total')).toBe(2);
    expect(moved('podVolume_data_download_success_total')).toBe(1);
    expect(moved('podVolume_data_download_failure_total')).toBe(0);
  });

  it('counts the DataUpload and the PodVolumeBackup on the nodes that moved them', async () => {
    const [upload] = await createCustomResourceClient<DataUpload>(h.kube, dataUploadDefinition).list(h.namespace);
    const [podVolumeBackup] = await createCustomResourceClient<PodVolumeBackup>(h.kube, podVolumeBackupDefinition).list(h.namespace);
    const uploadNode = upload?.status?.node ?? '';
    const pvbNode = podVolumeBackup?.spec?.node ?? '';
    expect(uploadNode).not.toBe('');
    expect(moved('podVolume_data_upload_success_total', { node: uploadNode })).toBe(1);
    expect(moved('podVolume_data_upload_success_total')).toBe(1);
    expect(moved('podVolume_data_upload_failure_total')).toBe(0);
    expect(moved('podVolume_pod_volume_backup_enqueue_count', { node: pvbNode })).toBe(1);
    expect(moved('podVolume_pod_volume_backup_dequeue_count', { node: pvbNode })).toBe(1);
    expect(moved('podVolume_pod_volume_operation_latency_seconds_count', { node: pvbNode })).toBe(1);
  });

  it('reports reconciles and queue depth per controller, and the JetStream deliveries it consumed', () => {
    expect(moved('controller_runtime_reconcile_total', { controller: 'backup' })).toBeGreaterThanOrEqual(2);
    expect(controllerAfter.some((s) => s.name === 'workqueue_depth' && s.labels['name'] === 'backup')).toBe(true);
    expect(sampleSum(controllerAfter, 'controller_runtime_reconcile_time_seconds_count', { controller: 'dataupload' })).toBeGreaterThan(0);
    expect(moved('ferry_nats_deliveries_total')).toBeGreaterThan(0);
  });

  it('reports the bytes the movers moved for the backup', async () => {
    const movers = h.serviceUrls().filter(({ name }) => name.includes('-mover-'));
    expect(movers.length).toBeGreaterThan(0);
    let bytes = 0;
    for (const { url } of movers) bytes += sampleSum(await scrapeMetrics(url), 'ferry_mover_bytes_total', { operation: 'backup' });
    // Two claims, each with 64 KiB of zeros-like data and a 14 KB text file, through kopia or restic.
    expect(bytes).toBeGreaterThan(0);
  });
});
