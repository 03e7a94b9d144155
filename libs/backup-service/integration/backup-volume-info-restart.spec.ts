// No completed Backup without its volume report, through Ferry's spawned apps: volume-info is
// killed before the Backup reaches Finalizing; the Backup stays Finalizing (no velero-backup.json,
// no volume document) while the controller asks again with backoff; once volume-info is back it
// seals the report from the records the controller stored, and the Backup completes with it.
import { gunzipSync } from 'node:zlib';
import { startApplicationHarness, type ApplicationHarness } from '@ferry/devenv/testing';
import { backupFileKeys } from '@ferry/storage-location';

const policyDocument = `version: v1
volumePolicies:
- conditions: {pvcLabels: {protect: snap}}
  action: {type: snapshot, parameters: {snapshotClass: ferry-snapclass}}
`;

describe('backup with volume-info restarted - the Backup waits in Finalizing for its report', () => {
  let h: ApplicationHarness;

  beforeAll(async () => {
    h = await startApplicationHarness('vi-restart');
    await h.filledClaim('kept', { protect: 'snap' });
    await h.kube.core.createNamespacedConfigMap({
      namespace: h.namespace,
      body: { metadata: { name: 'volume-policy' }, data: { 'policy.yaml': policyDocument } },
    });
  }, 240_000);

  afterAll(async () => {
    await h?.close();
  }, 120_000);

  it('stays Finalizing while volume-info is down and completes with the report once it is back', async () => {
    await h.killVolumeInfo();
    await h.createBackup('waits', {
      includedNamespaces: [h.appNamespace],
      resourcePolicy: { kind: 'configmap', name: 'volume-policy' },
    });
    await h.backupIn('waits', ['Finalizing', 'FinalizingPartiallyFailed']);
    const keys = backupFileKeys(h.prefix, 'waits');
    // Several seal attempts fail meanwhile (backoff from 100 ms): nothing final may appear.
    await new Promise((resolve) => setTimeout(resolve, 5_000));
    expect((await h.backups.get(h.namespace, 'waits')).status?.phase).toMatch(/^Finalizing/);
    expect(await h.store.getObject(keys.metadata)).toBeUndefined();
    expect(await h.store.getObject(keys.volumeInfo)).toBeUndefined();

    await h.startVolumeInfo();
    const backup = await h.backupIn('waits', ['Completed', 'PartiallyFailed', 'Failed'], 120_000);
    expect(backup.status?.phase).toBe('Completed');
    expect(h.phasesSeen.get('waits')).not.toContain('Failed');
    const document = JSON.parse(gunzipSync((await h.store.getObject(keys.volumeInfo)) ?? new Uint8Array()).toString()) as Record<
      string,
      unknown
    >[];
    expect(document.map((entry) => [entry['pvcNamespace'], entry['pvcName'], entry['backupMethod'], entry['snapshotDataMoved']])).toEqual([
      [h.appNamespace, 'kept', 'CSISnapshot', false],
    ]);
    expect(document[0]?.['csiSnapshotInfo']).toMatchObject({
      snapshotHandle: expect.any(String) as unknown,
      driver: expect.any(String) as unknown,
    });
    expect(await h.store.getObject(keys.metadata)).toBeDefined();
  }, 360_000);
});
