import type { Backup, BackupStorageLocation, BackupVolumeInfo, Restore, RestoreVolumeInfo } from '@ferry/api';
import { createClaimHistoryIndex } from '@ferry/volume-history';
import type { VolumeInfoError } from './errors';
import type { VolumeDocument, VolumeDocumentReader } from './volume-document-reader';
import { createVolumeReportLoader } from './volume-report-loader';

const ns = 'velero';
const entry: BackupVolumeInfo = {
  pvcName: 'data',
  pvcNamespace: 'shop',
  pvName: 'pv',
  backupMethod: 'CSISnapshot',
  snapshotDataMoved: false,
  preserveLocalSnapshot: false,
  skipped: false,
  result: 'succeeded',
  csiSnapshotInfo: { snapshotHandle: 's1', size: 7, driver: 'd', vscName: 'c' },
};
const restored: RestoreVolumeInfo = { pvcName: 'data', pvcNamespace: 'shop-copy', restoreMethod: 'CSISnapshot', snapshotDataMoved: false };

const aBackup = (name: string, phase: string, uid = 'u1'): Backup => ({
  metadata: { name, namespace: ns, uid },
  spec: { storageLocation: 'main' },
  status: { phase: phase as 'Completed', completionTimestamp: '2026-12-06T10:00:00Z' },
});

function setup(options: { locations?: BackupStorageLocation[]; backupDoc?: BackupVolumeInfo[] | undefined } = {}) {
  const backups = new Map<string, Backup>();
  const restores = new Map<string, Restore>();
  const locations = options.locations ?? [{ metadata: { name: 'main', namespace: ns } }];
  const reads: string[] = [];
  const reader: VolumeDocumentReader = {
    readBackup: (location, name): Promise<VolumeDocument<BackupVolumeInfo>> => {
      reads.push(`backup ${name} from ${location.metadata?.name ?? ''}`);
      return Promise.resolve({ key: `backups/${name}`, entries: 'backupDoc' in options ? options.backupDoc : [entry] });
    },
    readRestore: (location, name): Promise<VolumeDocument<RestoreVolumeInfo>> => {
      reads.push(`restore ${name} from ${location.metadata?.name ?? ''}`);
      return Promise.resolve({ key: `restores/${name}`, entries: [restored] });
    },
  };
  const index = createClaimHistoryIndex();
  const loader = createVolumeReportLoader({
    namespace: ns,
    index,
    reader,
    backups: { get: (_n, name) => backups.get(name) },
    restores: { get: (_n, name) => restores.get(name) },
    locations: { get: (_n, name) => locations.find((l) => l.metadata?.name === name), list: () => locations },
  });
  return { backups, restores, reads, index, loader };
}

const codeOf = (promise: Promise<unknown>) =>
  promise.then(
    () => 'resolved',
    (error: unknown) => (error as VolumeInfoError).code,
  );

describe('volume report loader - backups', () => {
  it.each([
    ['absent', undefined, 'VOLUMEINFO_BACKUP_NOT_FOUND'],
    ['InProgress', 'InProgress', 'VOLUMEINFO_NOT_FINISHED'],
    ['Finalizing', 'Finalizing', 'VOLUMEINFO_NOT_FINISHED'],
    ['Failed', 'Failed', 'VOLUMEINFO_DOCUMENT_MISSING'],
    ['FailedValidation', 'FailedValidation', 'VOLUMEINFO_DOCUMENT_MISSING'],
  ])('a backup %s is refused without reading the bucket', async (_what, phase, code) => {
    const { backups, reads, loader } = setup();
    if (phase) backups.set('b', aBackup('b', phase));
    expect(await codeOf(loader.backup('b'))).toBe(code);
    expect(reads).toEqual([]);
  });

  it.each([
    ['the same run', 'u1', 'resolved'],
    ['another run of that name', 'u2', 'VOLUMEINFO_BACKUP_NOT_FOUND'],
  ])('a document location for %s', async (_what, uid, outcome) => {
    const { backups, loader } = setup();
    backups.set('b', aBackup('b', 'Finalizing'));
    expect(await codeOf(Promise.resolve().then(() => loader.documentLocation('backup', 'b', uid)))).toBe(outcome);
  });

  it('a sealed document is indexed without reading the bucket, and read again once the run completes', async () => {
    const { backups, reads, index, loader } = setup();
    backups.set('b', aBackup('b', 'Finalizing'));
    expect(loader.putBackupDocument('b', 'backups/b', [entry]).volumes).toHaveLength(1);
    expect(index.claimHistory({ namespace: 'shop', name: 'data' })?.backups).toHaveLength(1);
    backups.set('b', aBackup('b', 'Completed'));
    await loader.backup('b');
    expect(reads).toEqual(['backup b from main']);
  });

  it('reads a finished backup once per version, again when sealed or changed', async () => {
    const { backups, reads, index, loader } = setup();
    backups.set('b', aBackup('b', 'Completed'));
    const report = await loader.backup('b');
    expect(report).toMatchObject({ phase: 'Completed', storageLocation: 'main', time: '2026-12-06T10:00:00Z', documentKey: 'backups/b' });
    expect(report.volumes.map((v) => v.summary.snapshotHandle)).toEqual(['s1']);
    await loader.backup('b');
    expect(reads).toEqual(['backup b from main']);
    backups.set('b', aBackup('b', 'Completed', 'u2'));
    await loader.backup('b');
    expect(reads).toHaveLength(2);
    expect(index.claimHistory({ namespace: 'shop', name: 'data' })?.backups).toHaveLength(1);
    loader.forget('backup', 'b');
    expect(index.claimHistory({ namespace: 'shop', name: 'data' })).toBeUndefined();
  });

  it('a finished backup without document is DocumentMissing and leaves nothing indexed', async () => {
    const { backups, index, loader } = setup({ backupDoc: undefined });
    backups.set('b', aBackup('b', 'PartiallyFailed'));
    expect(await codeOf(loader.backup('b'))).toBe('VOLUMEINFO_DOCUMENT_MISSING');
    expect(index.size().backups).toBe(0);
  });

  it('a backup whose location is gone is StoreUnavailable (retryable), naming the BSL', async () => {
    const { backups, loader } = setup({ locations: [] });
    backups.set('b', aBackup('b', 'Completed'));
    const error = (await loader.backup('b').catch((e: unknown) => e)) as VolumeInfoError;
    expect([error.code, error.retryable, error.message]).toEqual([
      'VOLUMEINFO_STORE_UNAVAILABLE',
      true,
      'backup velero/b is stored in BackupStorageLocation velero/main, which does not exist',
    ]);
  });
});

describe('volume report loader - restores', () => {
  it('reads a restore from its backup’s location, undoing its namespace mapping', async () => {
    const { backups, restores, reads, loader } = setup();
    backups.set('b', aBackup('b', 'Completed'));
    restores.set('r', {
      metadata: { name: 'r', namespace: ns, uid: 'r1' },
      spec: { backupName: 'b', namespaceMapping: { shop: 'shop-copy' } },
      status: { phase: 'Completed' },
    });
    const report = await loader.restore('r');
    expect(reads).toEqual(['restore r from main']);
    expect(report.volumes[0]?.summary.sourceClaim).toEqual({ namespace: 'shop', name: 'data' });
  });

  it('a restore whose backup is gone has no readable document', async () => {
    const { restores, loader } = setup();
    restores.set('r', { metadata: { name: 'r', namespace: ns }, spec: { backupName: 'gone' }, status: { phase: 'Completed' } });
    expect(await codeOf(loader.restore('r'))).toBe('VOLUMEINFO_DOCUMENT_MISSING');
  });
});
