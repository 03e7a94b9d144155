import {
  BackupPhase,
  DownloadRequestPhase,
  DownloadTargetKind,
  RestorePhase,
  type Backup,
  type BackupStorageLocation,
  type DownloadRequest,
  type Restore,
} from '@ferry/api';
import { silentLogger } from '@ferry/kube';
import type { DownloadRequestStatusPatch } from '@ferry/storage-location';
import { createDownloadRequestReconciler } from './download-request-reconciler';
import type { PresignOutcome } from './download-url-presigner';

const meta = (name: string) => ({ name, namespace: 'velero' });

/** A namespace in memory: requests, backups, restores, locations; a settable clock and a scripted presigner. */
function world(options: { presign?: (key: string) => PresignOutcome | Promise<PresignOutcome> } = {}) {
  const requests = new Map<string, DownloadRequest>();
  const backups = new Map<string, Backup>();
  const restores = new Map<string, Restore>();
  const locations = new Map<string, BackupStorageLocation>();
  const statuses = new Map<string, DownloadRequestStatusPatch>();
  const deleted: string[] = [];
  const signed: string[] = [];
  let now = Date.parse('2026-12-06T22:00:00Z');
  const reconcile = createDownloadRequestReconciler({
    requests: { get: (_ns, name) => requests.get(name) },
    targets: {
      restore: async (_ns, name) => restores.get(name),
      backup: async (_ns, name) => backups.get(name),
      location: async (_ns, name) => locations.get(name),
    },
    writer: {
      writeStatus: async (_ns, name, status) => {
        statuses.set(name, status);
        const current = requests.get(name);
        if (current) requests.set(name, { ...current, status: { ...current.status, ...status } } as DownloadRequest);
      },
      delete: async (_ns, name) => {
        deleted.push(name);
        requests.delete(name);
      },
    },
    presigner: {
      presign: async (location, keyOf) => {
        const key = keyOf(location.spec?.objectStorage.prefix ?? '');
        signed.push(key);
        return options.presign ? options.presign(key) : { url: `http://s3/${key}?X-Amz-Signature=s` };
      },
    },
    now: () => now,
    logger: silentLogger,
  });
  const signal = new AbortController().signal;
  return {
    requests,
    backups,
    restores,
    locations,
    statuses,
    deleted,
    signed,
    request(name: string, kind: string, target: string, status?: DownloadRequest['status']) {
      requests.set(name, {
        metadata: meta(name),
        spec: { target: { kind, name: target } },
        ...(status ? { status } : {}),
      } as DownloadRequest);
    },
    backup(name: string, phase: BackupPhase, storageLocation = 'default') {
      backups.set(name, { metadata: meta(name), spec: { storageLocation }, status: { phase } });
    },
    restore(name: string, phase: RestorePhase, backupName: string) {
      restores.set(name, { metadata: meta(name), spec: { backupName }, status: { phase } });
    },
    location(name: string, prefix: string) {
      locations.set(name, { metadata: meta(name), spec: { provider: 'aws', objectStorage: { bucket: 'b', prefix } } });
    },
    run: (name: string) => reconcile(`velero/${name}`, signal),
    advance: (ms: number) => (now += ms),
  };
}

describe('download request reconciler - New requests', () => {
  it('presigns a backup file in the backup’s location: Processed, URL, expiration now + 10 min', async () => {
    const w = world();
    w.location('default', 'velero');
    w.backup('b1', BackupPhase.Completed);
    w.request('b1-1', DownloadTargetKind.BackupVolumeInfos, 'b1');
    await expect(w.run('b1-1')).resolves.toBeUndefined();
    expect(w.signed).toEqual(['velero/backups/b1/b1-volumeinfo.json.gz']);
    expect(w.statuses.get('b1-1')).toEqual({
      phase: DownloadRequestPhase.Processed,
      downloadURL: 'http://s3/velero/backups/b1/b1-volumeinfo.json.gz?X-Amz-Signature=s',
      expiration: '2026-12-06T22:10:00Z',
      message: null,
    });
  });

  it("finds a restore kind's location through the restore's backup, and signs under restores/", async () => {
    const w = world();
    w.location('secondary', '');
    w.backup('nightly', BackupPhase.Completed, 'secondary');
    w.restore('r1', RestorePhase.Completed, 'nightly');
    w.request('r1-1', DownloadTargetKind.RestoreVolumeInfo, 'r1', { phase: DownloadRequestPhase.New });
    await w.run('r1-1');
    expect(w.signed).toEqual(['restores/r1/r1-volumeinfo.json.gz']);
    expect(w.statuses.get('r1-1')?.phase).toBe(DownloadRequestPhase.Processed);
  });

  it.each<[string, (w: ReturnType<typeof world>) => void, string]>([
    ['a missing backup', () => undefined, 'backup "b1" not found in namespace "velero"'],
    ['a Queued backup', (w) => w.backup('b1', BackupPhase.Queued), 'backup "b1" is in phase "Queued" and has not written any artifacts'],
    [
      'a missing location',
      (w) => w.backup('b1', BackupPhase.Completed, 'gone'),
      'BackupStorageLocation "gone" of backup "b1" not found in namespace "velero"',
    ],
  ])('fails for %s, with a message and an expiration, without signing', async (_name, arrange, message) => {
    const w = world();
    arrange(w);
    w.request('b1-1', DownloadTargetKind.BackupLog, 'b1');
    await w.run('b1-1');
    expect(w.signed).toEqual([]);
    expect(w.statuses.get('b1-1')).toEqual({
      phase: DownloadRequestPhase.Failed,
      downloadURL: null,
      expiration: '2026-12-06T22:10:00Z',
      message,
    });
  });

  it("fails when the location cannot sign, with the presigner's reason", async () => {
    const w = world({
      presign: () => ({ problem: 'BackupStorageLocation "default" cannot sign a download URL: credential Secret velero/x does not exist' }),
    });
    w.location('default', 'velero');
    w.backup('b1', BackupPhase.Completed);
    w.request('b1-1', DownloadTargetKind.BackupLog, 'b1');
    await w.run('b1-1');
    expect(w.statuses.get('b1-1')).toMatchObject({
      phase: DownloadRequestPhase.Failed,
      message: expect.stringContaining('credential Secret velero/x'),
    });
  });

  it('rejects (to retry with backoff) when signing fails in a way retrying can help, writing nothing', async () => {
    const w = world({ presign: () => Promise.reject(new Error('API server unreachable')) });
    w.location('default', 'velero');
    w.backup('b1', BackupPhase.Completed);
    w.request('b1-1', DownloadTargetKind.BackupLog, 'b1');
    await expect(w.run('b1-1')).rejects.toThrow('API server unreachable');
    expect(w.statuses.size).toBe(0);
  });
});

describe('download request reconciler - expiry', () => {
  it('keeps a Processed request until it expires, then deletes it', async () => {
    const w = world();
    w.location('default', 'velero');
    w.backup('b1', BackupPhase.Completed);
    w.request('b1-1', DownloadTargetKind.BackupLog, 'b1');
    await w.run('b1-1');
    await expect(w.run('b1-1')).resolves.toEqual({ requeueAfterMs: 600_001 });
    expect(w.signed).toHaveLength(1);
    w.advance(600_001);
    await w.run('b1-1');
    expect(w.deleted).toEqual(['b1-1']);
    expect(w.requests.has('b1-1')).toBe(false);
  });

  it('deletes a Failed request once expired, and an expired New one without processing it', async () => {
    const w = world();
    w.request('failed', DownloadTargetKind.BackupLog, 'b1', { phase: DownloadRequestPhase.Failed, expiration: '2026-12-06T21:59:59Z' });
    w.request('stale', DownloadTargetKind.BackupLog, 'b1', { phase: DownloadRequestPhase.New, expiration: '2026-12-06T21:00:00Z' });
    await w.run('failed');
    await w.run('stale');
    expect(w.deleted).toEqual(['failed', 'stale']);
    expect(w.statuses.size).toBe(0);
  });

  it('ignores a request no longer in the cache', async () => {
    const w = world();
    await expect(w.run('gone')).resolves.toBeUndefined();
    expect(w.deleted).toEqual([]);
  });
});
