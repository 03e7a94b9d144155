// The volume-info service against the real API server, NATS and MinIO (world: volume-info-harness.ts):
// its HTTP and NATS answers for a backup's and a restore's documents compared field by field, the
// claim history across two backups and one restore, records of a running backup, and a deleted
// Backup leaving the history (the seal: volume-info-seal.spec.ts).
import { encodeBackupVolumeInfos, encodeRestoreVolumeInfos } from '@ferry/backup';
import { adminHeaders, eventually, testApiAccess } from '@ferry/devenv/testing';
import { publishToStream } from '@ferry/nats';
import { appNamespace, firstBackupVolumes, restoredNamespace, restoreVolumes } from './volume-info-fixtures';
import { startVolumeInfoService } from '../src';
import { startVolumeInfoHarness, type VolumeInfoHarness } from './volume-info-harness';

describe('volume-info service - documents and claim history', () => {
  let harness: VolumeInfoHarness;
  let namespace = '';
  const get = (path: string) => harness.get(path);
  const query: VolumeInfoHarness['query'] = (payload) => harness.query(payload);

  beforeAll(async () => {
    harness = await startVolumeInfoHarness('volinfo');
    namespace = harness.namespace;
  });

  afterAll(async () => {
    await harness?.stop();
  });

  it('serves a backup’s volumes: every entry as Velero wrote it, with bytes and duration', async () => {
    const { status, body } = await get(`/v1/backups/${namespace}/b1/volumes`);
    expect(status).toBe(200);
    const written = JSON.parse(encodeBackupVolumeInfos(firstBackupVolumes())) as unknown[];
    expect(body).toEqual({
      kind: 'backup-volumes',
      backup: { namespace, name: 'b1' },
      phase: 'Completed',
      storageLocation: 'default',
      time: '2026-12-06T10:01:00Z',
      documentKey: `${namespace}/store/backups/b1/b1-volumeinfo.json.gz`,
      volumes: [
        {
          info: written[0],
          summary: {
            claim: { namespace: appNamespace, name: 'data' },
            pvName: 'pv-data',
            method: 'CSISnapshot',
            snapshotDataMoved: true,
            snapshotHandle: 'k5f0e1d2c3b4a',
            bytes: 1_048_576,
            incrementalBytes: 65_536,
            uploaderType: 'kopia',
            dataMover: 'velero',
            skipped: false,
            result: 'succeeded',
            startTimestamp: '2026-12-06T10:00:00Z',
            completionTimestamp: '2026-12-06T10:00:42Z',
            durationMs: 42_000,
          },
        },
        {
          info: written[1],
          summary: {
            claim: { namespace: appNamespace, name: 'logs' },
            pvName: 'pv-logs',
            method: 'PodVolumeBackup',
            snapshotDataMoved: false,
            snapshotHandle: '3f1c9a2b',
            bytes: 4096,
            uploaderType: 'restic',
            nodeName: 'node-a',
            skipped: false,
            result: 'succeeded',
            startTimestamp: '2026-12-06T10:00:01Z',
            completionTimestamp: '2026-12-06T10:00:04Z',
            durationMs: 3000,
          },
        },
        {
          info: written[2],
          summary: {
            claim: { namespace: appNamespace, name: 'cache' },
            pvName: 'pv-cache',
            snapshotDataMoved: false,
            skipped: true,
            skippedReason: 'any: skipped by volume policy;',
          },
        },
      ],
    });
    expect(await query({ kind: 'backup-volumes', namespace, name: 'b1' })).toEqual(body);
  });

  it('serves a restore’s volumes, the source claim undoing the namespace mapping', async () => {
    const { status, body } = await get(`/v1/restores/${namespace}/r1/volumes`);
    expect(status).toBe(200);
    expect(body).toEqual({
      kind: 'restore-volumes',
      restore: { namespace, name: 'r1' },
      phase: 'Completed',
      backupName: 'b1',
      time: '2026-12-06T12:01:00Z',
      documentKey: `${namespace}/store/restores/r1/r1-volumeinfo.json.gz`,
      volumes: [
        {
          info: JSON.parse(encodeRestoreVolumeInfos(restoreVolumes()))[0],
          summary: {
            claim: { namespace: restoredNamespace, name: 'data' },
            sourceClaim: { namespace: appNamespace, name: 'data' },
            pvName: 'pv-restored-data',
            method: 'CSISnapshot',
            snapshotDataMoved: true,
            snapshotHandle: 'k5f0e1d2c3b4a',
            bytes: 1_048_576,
            uploaderType: 'kopia',
            dataMover: 'velero',
          },
        },
      ],
    });
    expect(await query({ kind: 'restore-volumes', namespace, name: 'r1' })).toEqual(body);
  });

  it('keeps the claim history across two backups and one restore, indexed from the informers', async () => {
    const history = await eventually('claim shop/data indexed from b1, b2 and r1', async () => {
      const { status, body } = await get(`/v1/claims/${appNamespace}/data/history`);
      const answer = body as { backups?: unknown[]; restores?: unknown[] };
      return status === 200 && answer.backups?.length === 2 && answer.restores?.length === 1 ? body : undefined;
    });
    const entries = history as { backups: Record<string, unknown>[]; restores: Record<string, unknown>[] };
    expect(
      entries.backups.map((e) => {
        const volume = e.volume as Record<string, unknown>;
        return [
          e.backup,
          e.phase,
          e.time,
          e.source,
          volume.method,
          volume.snapshotDataMoved,
          volume.bytes,
          volume.snapshotHandle,
          volume.result,
        ];
      }),
    ).toEqual([
      [
        { namespace, name: 'b1' },
        'Completed',
        '2026-12-06T10:01:00Z',
        'document',
        'CSISnapshot',
        true,
        1_048_576,
        'k5f0e1d2c3b4a',
        'succeeded',
      ],
      [
        { namespace, name: 'b2' },
        'PartiallyFailed',
        '2026-12-06T11:01:00Z',
        'document',
        'CSISnapshot',
        false,
        2_097_152,
        'snap-0042',
        'succeeded',
      ],
    ]);
    expect(entries.restores.map((e) => [e.restore, e.backupName, e.phase, (e.volume as { claim: unknown }).claim])).toEqual([
      [{ namespace, name: 'r1' }, 'b1', 'Completed', { namespace: restoredNamespace, name: 'data' }],
    ]);
    expect(await query({ kind: 'claim-history', namespace: appNamespace, pvc: 'data' })).toEqual(history);
    const restoredSide = await get(`/v1/claims/${restoredNamespace}/data/history`);
    expect([restoredSide.status, (restoredSide.body as { restores: unknown[] }).restores.length]).toEqual([200, 1]);
  });

  it('shows the records of a run without document, and forgets a deleted Backup', async () => {
    const publish = (source: 'controller' | 'mover', recordedAt: string, facts: Record<string, unknown>) =>
      publishToStream(
        harness.test.nats,
        harness.test.contracts.messages.volumeInfoRecord,
        { kind: 'backup', uid: 'u-running', source },
        {
          v: 1,
          target: { kind: 'backup', namespace, name: 'running', uid: 'u-running' },
          volumeKey: `claim:${appNamespace}/logs`,
          claim: { namespace: appNamespace, name: 'logs' },
          source,
          recordedAt,
          facts,
        },
      );
    await publish('mover', '2026-12-06T13:00:09Z', { bytes: 8192, snapshotHandle: 'r77', nodeName: 'node-b' });
    await publish('controller', '2026-12-06T13:00:00Z', { method: 'PodVolumeBackup', snapshotDataMoved: false, bytes: 1 });
    // Each record is consumed on its own: wait until the controller's (the one with the method) is folded in too.
    const recorded = await eventually('both records of backup running in the history of shop/logs', async () => {
      const { body } = await get(`/v1/claims/${appNamespace}/logs/history`);
      return (body as { backups?: { source: string; volume: { method?: string } }[] }).backups?.find(
        (e) => e.source === 'records' && e.volume.method !== undefined,
      );
    });
    expect(recorded.volume).toEqual({
      claim: { namespace: appNamespace, name: 'logs' },
      method: 'PodVolumeBackup',
      snapshotDataMoved: false,
      snapshotHandle: 'r77',
      bytes: 8192,
      nodeName: 'node-b',
      skipped: false,
    });

    await harness.backups.delete(namespace, 'b2');
    await eventually('b2 gone from the history of shop/data', async () => {
      const { body } = await get(`/v1/claims/${appNamespace}/data/history`);
      return (body as { backups: { backup: { name: string } }[] }).backups.every((e) => e.backup.name !== 'b2');
    });
  });

  it('a restarted service shows the records of an unsealed run again, replayed from the stream', async () => {
    const restarted = await startVolumeInfoService({
      kube: harness.kube,
      nats: harness.test.nats,
      contracts: harness.test.contracts,
      logger: harness.test.logger,
      config: { namespace, httpHost: '127.0.0.1', httpPort: 0 },
      apiAccess: testApiAccess(harness.kube),
    });
    try {
      const response = await fetch(`${restarted.httpUrl}/v1/claims/${appNamespace}/logs/history`, { headers: await adminHeaders() });
      const body = (await response.json()) as {
        backups: { backup: unknown; source: string; volume: { bytes?: number; snapshotHandle?: string } }[];
      };
      expect(body.backups.filter((e) => e.source === 'records').map((e) => [e.backup, e.volume.bytes, e.volume.snapshotHandle])).toEqual([
        [{ namespace, name: 'running' }, 8192, 'r77'],
      ]);
    } finally {
      await restarted.stop();
    }
  });
});
