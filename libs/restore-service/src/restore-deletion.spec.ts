import type { Backup, BackupStorageLocation, Restore } from '@ferry/api';
import { KubeError, KubeErrorCode, silentLogger } from '@ferry/kube';
import type { ObjectStore } from '@ferry/object-store';
import { RestoreServiceErrorCode } from './errors';
import { createRestoreDeletionReconciler } from './restore-deletion';

const finalizer = 'restores.velero.io/external-resources-finalizer';

/** A bucket in memory: only what the reconciler calls. */
function memoryStore(keys: string[], failDelete = false) {
  const objects = new Set(keys);
  let closed = 0;
  const store = {
    prefix: 'pfx',
    listKeys: async (prefix: string) => [...objects].filter((key) => key.startsWith(prefix)),
    deleteKeys: async (toDelete: readonly string[]) => {
      if (failDelete) throw new Error('AccessDenied');
      for (const key of toDelete) objects.delete(key);
    },
    close: () => {
      closed += 1;
    },
  } as unknown as ObjectStore;
  return { store, objects, closed: () => closed };
}

const restore = (over: { phase?: string; deleted?: boolean; finalizers?: string[] } = {}): Restore => ({
  apiVersion: 'velero.io/v1',
  kind: 'Restore',
  metadata: {
    name: 'r1',
    namespace: 'velero',
    resourceVersion: '7',
    finalizers: over.finalizers ?? ['other', finalizer],
    ...(over.deleted ? { deletionTimestamp: '2026-12-06T23:00:00Z' } : {}),
  },
  spec: { backupName: 'b1' },
  status: { phase: (over.phase ?? 'Completed') as never },
});
const backup: Backup = {
  apiVersion: 'velero.io/v1',
  kind: 'Backup',
  metadata: { name: 'b1', namespace: 'velero' },
  spec: { storageLocation: 'default' },
};
const location = (phase: string): BackupStorageLocation => ({
  apiVersion: 'velero.io/v1',
  kind: 'BackupStorageLocation',
  metadata: { name: 'default', namespace: 'velero' },
  spec: { provider: 'aws', objectStorage: { bucket: 'b' } },
  status: { phase: phase as never },
});

function world(given: Restore, options: { phase?: string; failDelete?: boolean; patchError?: Error } = {}) {
  const bucket = memoryStore(
    ['pfx/restores/r1/restore-r1-logs.gz', 'pfx/restores/r1/r1-volumeinfo.json.gz', 'pfx/restores/r10/restore-r10-logs.gz'],
    options.failDelete,
  );
  const patches: object[] = [];
  const reconcile = createRestoreDeletionReconciler({
    cache: { getRestore: () => given, backups: () => [backup], locations: () => [location(options.phase ?? 'Available')] },
    patch: async (_ns, _name, body) => {
      patches.push(body);
      if (options.patchError) throw options.patchError;
    },
    openStore: async () => bucket.store,
    logger: silentLogger,
    runWaitMs: 1234,
  });
  return { run: () => reconcile('velero/r1', new AbortController().signal), bucket, patches };
}

describe('restore deletion - the finalizer controller', () => {
  it('adds the finalizer to a validated restore, keeping the others', async () => {
    const w = world(restore({ phase: 'InProgress', finalizers: ['other'] }));
    await w.run();
    expect(w.patches).toEqual([{ metadata: { finalizers: ['other', finalizer] } }]);
  });

  it("deletes only the restore's files, then removes its finalizer with a resourceVersion", async () => {
    const w = world(restore({ deleted: true }));
    await w.run();
    expect([...w.bucket.objects]).toEqual(['pfx/restores/r10/restore-r10-logs.gz']);
    expect(w.patches).toEqual([{ metadata: { resourceVersion: '7', finalizers: ['other'] } }]);
    expect(w.bucket.closed()).toBe(1);
  });

  it('releases the restore untouched when the location is unavailable', async () => {
    const w = world(restore({ deleted: true }), { phase: 'Unavailable' });
    await w.run();
    expect(w.bucket.objects.size).toBe(3);
    expect(w.patches).toEqual([{ metadata: { resourceVersion: '7', finalizers: ['other'] } }]);
  });

  it('keeps the finalizer and rejects with a coded error when the files cannot be deleted', async () => {
    const w = world(restore({ deleted: true }), { failDelete: true });
    await expect(w.run()).rejects.toMatchObject({ code: RestoreServiceErrorCode.FilesNotDeleted });
    expect(w.patches).toEqual([]);
    expect(w.bucket.closed()).toBe(1);
  });

  it('waits for a running restore before deleting', async () => {
    const w = world(restore({ deleted: true, phase: 'InProgress' }));
    await expect(w.run()).resolves.toEqual({ requeueAfterMs: 1234 });
    expect(w.bucket.objects.size).toBe(3);
    expect(w.patches).toEqual([]);
  });

  it('treats a restore already gone as done', async () => {
    const gone = new KubeError(KubeErrorCode.NotFound, 'restores r1 not found');
    const w = world(restore({ deleted: true }), { patchError: gone });
    await expect(w.run()).resolves.toBeUndefined();
  });
});
