import type { PodVolumeRestore, Restore, RestoreVolumeInfo } from '@ferry/api';
import { Describer } from './describer';
import { fetchedOk } from './fetched-document';
import { describeRestore, restoreDocumentKinds } from './restore-describer';
import { describeCsiSnapshotRestores } from './restore-volume-sections';

const movedVolume: RestoreVolumeInfo = {
  pvcName: 'pvc-3',
  pvcNamespace: 'ns-3',
  pvName: 'pv-3',
  restoreMethod: 'CSISnapshot',
  snapshotDataMoved: true,
  snapshotDataMovementInfo: { operationID: 'op-3', dataMover: 'velero', uploaderType: 'kopia', size: 1234, snapshotHandle: 'snap-3' },
};
const snapshotVolume: RestoreVolumeInfo = {
  pvcName: 'pvc-1',
  pvcNamespace: 'ns-1',
  pvName: 'pv-1',
  restoreMethod: 'CSISnapshot',
  snapshotDataMoved: false,
  csiSnapshotInfo: { snapshotHandle: 'snapshot-handle-1', size: 1234, driver: 'csi.test.driver', vscName: 'content-1' },
};
const nativeVolume: RestoreVolumeInfo = {
  pvcName: 'pvc-2',
  pvcNamespace: 'ns-2',
  restoreMethod: 'NativeSnapshot',
  snapshotDataMoved: false,
  nativeSnapshotInfo: { snapshotHandle: 'snap-1', volumeType: '', volumeAZ: '', iops: '' },
};

function section(infos: RestoreVolumeInfo[], details: boolean): string {
  const d = new Describer();
  describeCsiSnapshotRestores(d, infos, details);
  return d.render();
}

// Expected texts are Velero's own (pkg/cmd/util/output/restore_describer_test.go).
describe('restore describer - CSI Snapshot Restores as Velero prints them', () => {
  it.each([
    ['empty list', [], true, '\nCSI Snapshot Restores: <none included>\n'],
    ['only a native snapshot', [nativeVolume], true, '\nCSI Snapshot Restores: <none included>\n'],
    [
      'snapshot restore, detailed',
      [snapshotVolume],
      true,
      '\nCSI Snapshot Restores:\n  ns-1/pvc-1:\n    Snapshot:\n      Snapshot Content Name: content-1\n      Storage Snapshot ID: snapshot-handle-1\n      CSI Driver: csi.test.driver\n',
    ],
    [
      'data movement, detailed',
      [movedVolume],
      true,
      '\nCSI Snapshot Restores:\n  ns-3/pvc-3:\n    Data Movement:\n      Operation ID: op-3\n      Data Mover: velero\n      Uploader Type: kopia\n',
    ],
    [
      'mixed, without details: snapshots first',
      [movedVolume, nativeVolume, snapshotVolume],
      false,
      '\nCSI Snapshot Restores:\n  ns-1/pvc-1:\n    Snapshot: specify --details for more information\n  ns-3/pvc-3:\n    Data Movement: specify --details for more information\n',
    ],
    [
      'an entry without its info object prints empty values instead of crashing',
      [{ ...movedVolume, snapshotDataMovementInfo: undefined }],
      true,
      '\nCSI Snapshot Restores:\n  ns-3/pvc-3:\n    Data Movement:\n      Operation ID: \n      Data Mover: \n      Uploader Type: \n',
    ],
  ])('%s', (_name, infos, details, expected) => {
    expect(section(infos, details)).toBe(expected);
  });
});

const restore: Restore = {
  apiVersion: 'velero.io/v1',
  kind: 'Restore',
  metadata: { name: 'r1', namespace: 'velero', labels: { team: 'a' } },
  spec: {
    backupName: 'b1',
    includedNamespaces: ['*'],
    namespaceMapping: { app: 'app-copy', db: 'db-copy' },
    itemOperationTimeout: '4h',
    existingResourcePolicy: 'update',
    uploaderConfig: {},
  },
  status: {
    phase: 'InProgress',
    progress: { totalItems: 40, itemsRestored: 10 },
    startTimestamp: '2026-12-06T22:00:00Z',
  },
};
const pvr: PodVolumeRestore = {
  apiVersion: 'velero.io/v1',
  kind: 'PodVolumeRestore',
  metadata: { name: 'r1-x', namespace: 'velero' },
  spec: {
    pod: { namespace: 'app', name: 'web' },
    volume: 'data',
    uploaderType: 'kopia',
    backupStorageLocation: 'default',
    repoIdentifier: '',
    snapshotID: 's',
    sourceNamespace: 'app',
  },
  status: { phase: 'InProgress', progress: { totalBytes: 200, bytesDone: 50 } },
};

describe('restore describer - the whole text', () => {
  it('asks for results only with errors or warnings, item operations and resource list only with --details', () => {
    expect(restoreDocumentKinds(restore, false)).toEqual(['RestoreVolumeInfo']);
    expect(restoreDocumentKinds({ ...restore, status: { warnings: 1, restoreItemOperationsAttempted: 2 } }, true)).toEqual([
      'RestoreResults',
      'RestoreVolumeInfo',
      'RestoreItemOperations',
      'RestoreResourceList',
    ]);
  });

  it("prints Velero's sections for a running restore, then items/s, ETA and volume rates", () => {
    const text = describeRestore({
      restore,
      podVolumeRestores: [pvr],
      transfers: [
        {
          name: 'app/web/data',
          kind: 'fs-restore',
          phase: 'InProgress',
          progress: { totalBytes: 2048, bytesDone: 1024 },
          startTimestamp: '2026-12-06T22:00:10Z',
          completionTimestamp: undefined,
        },
      ],
      details: true,
      documents: {
        volumeInfo: fetchedOk([movedVolume]),
        resourceList: fetchedOk({ 'v1/Pod': ['app/web'], 'apps/v1/Deployment': ['app/web'] }),
      },
      nowMs: Date.parse('2026-12-06T22:00:20Z'),
    });
    expect(text).toBe(
      [
        'Name:         r1',
        'Namespace:    velero',
        'Labels:       team=a',
        'Annotations:  <none>',
        '',
        'Phase:                                 InProgress',
        'Estimated total items to be restored:  40',
        'Items restored so far:                 10',
        '',
        'Started:    2026-12-06 22:00:00 +0000 UTC',
        'Completed:  <n/a>',
        '',
        'Backup:  b1',
        '',
        'Namespaces:',
        '  Included:  all namespaces found in the backup',
        '  Excluded:  <none>',
        '',
        'Resources:',
        '  Included:        *',
        '  Excluded:        <none>',
        '  Cluster-scoped:  auto',
        '',
        'Namespace mappings:  app=app-copy',
        '                     db=db-copy',
        '',
        'Label selector:  <none>',
        '',
        'Or label selector:  <none>',
        '',
        'Restore PVs:  auto',
        '',
        'kopia Restores:',
        '  In Progress:',
        '    app/web: data (25.00%)',
        '',
        'CSI Snapshot Restores:',
        '  ns-3/pvc-3:',
        '    Data Movement:',
        '      Operation ID: op-3',
        '      Data Mover: velero',
        '      Uploader Type: kopia',
        '',
        'Existing Resource Policy:   update',
        'ItemOperationTimeout:       4h0m0s',
        '',
        'Preserve Service NodePorts:  auto',
        '',
        'Uploader config:',
        '',
        '',
        'Resource List:',
        '  apps/v1/Deployment:',
        '    - app/web',
        '  v1/Pod:',
        '    - app/web',
        '',
        'Restore Rate:',
        '  Items/s:       0.5',
        '  Duration:      20.0s',
        '  ETA:           1m00s',
        '  app/web/data:  fs-restore, InProgress, 1.0 KiB of 2.0 KiB, 10.0s, 102 B/s, ETA 10.0s',
        '',
      ].join('\n'),
    );
  });

  it('ends with the trace after the restore rate when tracing was on', () => {
    const input = {
      restore,
      podVolumeRestores: [],
      transfers: [],
      details: false,
      documents: {},
      nowMs: Date.parse('2026-12-06T22:01:00Z'),
    };
    const trace = { id: '0af7651916cd43dd8448eb211c80319c', url: 'http://jaeger:16686/trace/0af7651916cd43dd8448eb211c80319c' };
    expect(describeRestore({ ...input, trace })).toBe(`${describeRestore(input)}\nTrace ID:  ${trace.id}\nTrace:     ${trace.url}\n`);
  });
});
