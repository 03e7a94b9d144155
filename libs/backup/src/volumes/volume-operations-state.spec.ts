import type { DataUpload, PodVolumeBackup, VolumeSnapshot, VolumeSnapshotContent } from '@ferry/api';
import { aBackup } from '@ferry/api/testing';
import { volumeOperationsState, type VolumeRecord } from './volume-operations-state';

const backup = { ...aBackup(), metadata: { name: 'nightly', namespace: 'velero', uid: 'b-uid' } };
const clock = { now: new Date('2026-12-06T10:00:00Z'), itemOperationTimeoutMs: 4 * 3600_000 };
const created = '2026-12-06T09:00:00Z';

const du = (name: string, claim: string, status: DataUpload['status'] = {}): DataUpload => ({
  apiVersion: 'velero.io/v2alpha1',
  kind: 'DataUpload',
  metadata: { name, namespace: 'velero', creationTimestamp: created, labels: { 'velero.io/async-operation-id': `du-b-uid.${claim}-uid` } },
  spec: {
    snapshotType: 'CSI',
    csiSnapshot: { volumeSnapshot: `velero-${claim}-x`, storageClass: 'standard', snapshotClass: 'c', driver: 'csi.a' },
    sourcePVC: claim,
    sourceNamespace: 'app',
    backupStorageLocation: 'default',
    operationTimeout: '10m0s',
    datamover: 'velero-fs',
  },
  status,
});

const pvb = (phase: string, message = ''): PodVolumeBackup => ({
  apiVersion: 'velero.io/v1',
  kind: 'PodVolumeBackup',
  metadata: { name: 'nightly-p1', namespace: 'velero', annotations: { 'velero.io/pvc-name': 'fs' } },
  spec: {
    node: 'node-1',
    pod: { kind: 'Pod', namespace: 'app', name: 'web' },
    volume: 'fs',
    backupStorageLocation: 'default',
    repoIdentifier: '',
    uploaderType: 'kopia',
  },
  status: {
    phase: phase as never,
    message,
    snapshotID: 'k1',
    progress: { totalBytes: 10 },
    incrementalBytes: 10,
    startTimestamp: created,
    completionTimestamp: created,
  },
});

const snapshot: VolumeSnapshot = {
  apiVersion: 'snapshot.storage.k8s.io/v1',
  kind: 'VolumeSnapshot',
  metadata: { name: 'velero-kept-abc', namespace: 'app', creationTimestamp: created },
  spec: { source: { persistentVolumeClaimName: 'kept' } },
  status: {
    boundVolumeSnapshotContentName: 'snapcontent-1',
    readyToUse: true,
    restoreSize: '1Gi',
    creationTime: '2026-12-06T09:00:01.734Z',
  },
};
const content = (status: VolumeSnapshotContent['status']): VolumeSnapshotContent => ({
  apiVersion: 'snapshot.storage.k8s.io/v1',
  kind: 'VolumeSnapshotContent',
  metadata: { name: 'snapcontent-1' },
  spec: {
    deletionPolicy: 'Delete',
    driver: 'csi.a',
    source: { volumeHandle: 'v' },
    volumeSnapshotRef: { name: 'velero-kept-abc', namespace: 'app' },
  },
  status,
});

const record: VolumeRecord = {
  skipped: [
    {
      kind: 'skipped',
      claim: { namespace: 'app', name: 'skipped' },
      volume: { name: 'pv-skipped' },
      reasons: [{ approach: 'any', reason: 'r' }],
    },
  ],
  errors: [{ namespace: 'app', resource: 'persistentvolumeclaims', name: 'broken', message: 'Error backing up item', error: 'no class' }],
  volumes: { 'app/moved': { name: 'pv-moved' }, 'app/fs': { name: 'pv-fs' }, 'app/kept': { name: 'pv-kept' } },
};

describe('volume operations state - from the objects', () => {
  it('counts a finished run: data uploads and kept snapshots are operations; done', () => {
    const state = volumeOperationsState(
      {
        backup,
        record,
        dataUploads: [
          du('nightly-a', 'moved', {
            phase: 'Completed',
            startTimestamp: created,
            completionTimestamp: '2026-12-06T09:05:00Z',
            progress: { totalBytes: 5, bytesDone: 5 },
            snapshotID: 's1',
          }),
          du('nightly-b', 'failed', { phase: 'Failed', message: 'mover died', startTimestamp: created }),
        ],
        podVolumeBackups: [pvb('Completed')],
        snapshots: [{ snapshot, content: content({ readyToUse: true, snapshotHandle: 'h1', restoreSize: 1 }) }],
      },
      clock,
    );
    expect(state.counts).toEqual({
      backupItemOperationsAttempted: 3,
      backupItemOperationsCompleted: 2,
      backupItemOperationsFailed: 1,
      csiVolumeSnapshotsAttempted: 1,
      csiVolumeSnapshotsCompleted: 1,
    });
    expect(state.done).toBe(true);
    expect(state.results.errors.velero).toEqual([' message: /mover died, plugin: velero.io/csi-pvc-backupper']);
    expect(state.results.errors.namespaces).toEqual({
      app: [' resource: /persistentvolumeclaims name: /broken message: /Error backing up item error: /no class'],
    });
    expect(state.volumeInfo.map((input) => input.kind)).toEqual(['skipped', 'csi-snapshot', 'fs-backup', 'data-movement', 'data-movement']);
    expect(state.volumeInfo[3]).toEqual({
      kind: 'data-movement',
      claim: { namespace: 'app', name: 'moved' },
      volume: { name: 'pv-moved' },
      operationId: 'du-b-uid.moved-uid',
      dataUpload: expect.objectContaining({
        driver: 'csi.a',
        volumeSnapshot: 'velero-moved-x',
        dataMover: 'velero-fs',
        phase: 'Completed',
        snapshotId: 's1',
        totalBytes: 5,
      }),
    });
    expect(state.volumeInfo[2]).toMatchObject({
      kind: 'fs-backup',
      claim: { claim: { namespace: 'app', name: 'fs' }, volume: { name: 'pv-fs' } },
    });
    expect(state.volumeInfo[1]).toMatchObject({
      kind: 'csi-snapshot',
      snapshot: { volumeSnapshotContentName: 'snapcontent-1', driver: 'csi.a', snapshotHandle: 'h1', restoreSize: '1Gi' },
      operation: { operationId: 'app/velero-kept-abc/2026-12-06T09:00:00Z', updated: '2026-12-06T09:00:01Z' },
    });
  });

  it('writes item operations in Velero BackupOperation JSON shape', () => {
    const state = volumeOperationsState(
      {
        backup,
        record,
        dataUploads: [
          du('nightly-a', 'moved', { phase: 'InProgress', startTimestamp: created, progress: { totalBytes: 100, bytesDone: 40 } }),
        ],
        podVolumeBackups: [],
        snapshots: [],
      },
      clock,
    );
    expect(JSON.stringify(state.itemOperations)).toBe(
      JSON.stringify([
        {
          spec: {
            backupName: 'nightly',
            backupUID: 'b-uid',
            backupItemAction: 'velero.io/csi-pvc-backupper',
            resourceIdentifier: { Group: '', Resource: 'persistentvolumeclaims', Namespace: 'app', Name: 'moved' },
            operationID: 'du-b-uid.moved-uid',
            postOperationItems: [{ Group: 'velero.io', Resource: 'datauploads', Namespace: 'velero', Name: 'nightly-a' }],
          },
          status: {
            phase: 'InProgress',
            nCompleted: 40,
            nTotal: 100,
            operationUnits: 'Bytes',
            description: 'InProgress',
            created,
            started: created,
          },
        },
      ]),
    );
    expect(state.done).toBe(false);
  });

  it.each([
    ['a new data upload runs', [du('a', 'moved')], [], false, 0],
    ['a canceled data upload failed', [du('a', 'moved', { phase: 'Canceled' })], [], true, 1],
    ['a running pod volume backup keeps it open', [], [pvb('InProgress')], false, 0],
    ['a failed pod volume backup ends it', [], [pvb('Failed', 'disk gone')], true, 0],
  ])('done and failures: %s', (_, dataUploads, podVolumeBackups, done, failed) => {
    const state = volumeOperationsState({ backup, record, dataUploads, podVolumeBackups, snapshots: [] }, clock);
    expect(state.done).toBe(done);
    expect(state.counts.backupItemOperationsFailed).toBe(failed);
  });

  it('a failed pod volume backup is an error as Velero logs it', () => {
    const state = volumeOperationsState(
      { backup, record, dataUploads: [], podVolumeBackups: [pvb('Failed', 'disk gone')], snapshots: [] },
      clock,
    );
    expect(state.results.errors.velero).toEqual([' message: /pod volume backup failed: disk gone']);
  });

  // Velero: pkg/backup/actions/csi/volumesnapshot_action_test.go TestVSProgress.
  it.each<[string, VolumeSnapshot['status'], VolumeSnapshotContent | undefined, string, string | undefined]>([
    ['VS status is nil', undefined, undefined, 'InProgress', undefined],
    [
      'VS status has error: temporary, the content is not read',
      { readyToUse: false, boundVolumeSnapshotContentName: 'snapcontent-1', error: { message: 'error' } },
      content({ error: { message: 'error' } }),
      'InProgress',
      undefined,
    ],
    ['VSC status is nil', snapshot.status, content(undefined), 'InProgress', undefined],
    ['VSC is ReadyToUse', snapshot.status, content({ readyToUse: true }), 'Completed', undefined],
    ['VSC status has error', snapshot.status, content({ error: { message: 'error' } }), 'Failed', 'error'],
  ])('kept snapshot operation as Velero Progress: %s', (_, status, vsc, phase, error) => {
    const kept = { snapshot: { ...snapshot, status }, content: vsc };
    const state = volumeOperationsState({ backup, record, dataUploads: [], podVolumeBackups: [], snapshots: [kept] }, clock);
    expect(state.itemOperations.map((op) => [op.status.phase, op.status.error])).toEqual([[phase, error]]);
  });

  it('an operation past itemOperationTimeout is Failed: Asynchronous action timed out', () => {
    const late = { ...clock, now: new Date('2026-12-06T13:00:01Z') };
    const state = volumeOperationsState(
      {
        backup,
        record,
        dataUploads: [du('a', 'moved', { phase: 'InProgress', startTimestamp: created })],
        podVolumeBackups: [],
        snapshots: [{ snapshot, content: content({}) }],
      },
      late,
    );
    expect(state.itemOperations.map((op) => [op.status.phase, op.status.error])).toEqual([
      ['Failed', 'Asynchronous action timed out'],
      ['Failed', 'Asynchronous action timed out'],
    ]);
    expect(state.done).toBe(true);
    expect(state.counts.csiVolumeSnapshotsCompleted).toBe(0);
  });
});
