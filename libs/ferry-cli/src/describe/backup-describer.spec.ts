import type { Backup, BackupVolumeInfo, DeleteBackupRequest } from '@ferry/api';
import { emptyBackupResult } from '@ferry/backup';
import { backupDocumentKinds, describeBackup } from './backup-describer';
import { aDescribedBackup, aDescribedPodVolumeBackup, aMovedVolume } from './backup-describe-fixtures';
import { fetchedOk } from './fetched-document';
import { traceLink } from './trace-section';

const base = aDescribedBackup();
const backup: Backup = {
  ...base,
  metadata: { ...base.metadata, annotations: { note: 'x' } },
  spec: { ...base.spec, defaultVolumesToFsBackup: false },
  status: { ...base.status, phase: 'PartiallyFailed', backupItemOperationsCompleted: 1 },
};

const moved: BackupVolumeInfo = {
  ...aMovedVolume(),
  startTimestamp: '2026-12-06T22:00:10Z',
  completionTimestamp: '2026-12-06T22:00:30Z',
  csiSnapshotInfo: { snapshotHandle: 'unknown', size: 0, driver: 'hostpath.csi', vscName: 'unknown', operationID: 'unknown' },
};
const fsBackedUp: BackupVolumeInfo = {
  pvcName: 'logs',
  pvcNamespace: 'app',
  backupMethod: 'PodVolumeBackup',
  snapshotDataMoved: false,
  preserveLocalSnapshot: false,
  skipped: false,
  startTimestamp: '2026-12-06T22:00:05Z',
  completionTimestamp: '2026-12-06T22:00:15Z',
  result: 'succeeded',
  pvbInfo: { uploaderType: 'kopia', volumeName: 'logs', podName: 'web', podNamespace: 'app', size: 10240 },
};
const skipped: BackupVolumeInfo = {
  pvcName: 'cache',
  pvcNamespace: 'app',
  snapshotDataMoved: false,
  preserveLocalSnapshot: false,
  skipped: true,
  skippedReason: 'any: skipped by volume policy;',
};
const pvb = aDescribedPodVolumeBackup();
const deletion: DeleteBackupRequest = {
  apiVersion: 'velero.io/v1',
  kind: 'DeleteBackupRequest',
  metadata: { name: 'b1-abc', namespace: 'velero', creationTimestamp: '2026-12-06T23:00:00Z' },
  spec: { backupName: 'b1' },
  status: { phase: 'Processed', errors: ['backup is still in progress'] },
};

describe('backup describer - the documents it asks for', () => {
  it.each([
    ['plain', { ...backup, status: {} }, false, ['BackupVolumeInfos']],
    ['warnings, no details', backup, false, ['BackupResults', 'BackupVolumeInfos']],
    ['warnings, operations, details', backup, true, ['BackupResults', 'BackupItemOperations', 'BackupResourceList', 'BackupVolumeInfos']],
  ])('%s', (_name, object, details, kinds) => {
    expect(backupDocumentKinds(object, details)).toEqual(kinds);
  });
});

describe('backup describer - the whole text', () => {
  const documents = {
    results: fetchedOk({ errors: emptyBackupResult, warnings: { velero: [], cluster: [], namespaces: { app: ['volume logs is slow'] } } }),
    volumeInfos: fetchedOk([moved, fsBackedUp, skipped]),
  };

  it("prints Velero's sections without --details, then Ferry's volume transfers", () => {
    const text = describeBackup({ backup, deleteRequests: [deletion], podVolumeBackups: [pvb], details: false, documents });
    expect(text).toBe(
      [
        'Name:         b1',
        'Namespace:    velero',
        'Labels:       <none>',
        'Annotations:  note=x',
        '',
        'Phase:  PartiallyFailed (run `velero backup logs b1` for more information)',
        '',
        'Resource policies:',
        '  Type:  configmap',
        '  Name:  policies',
        '',
        '',
        'Warnings:',
        '  Velero:     <none>',
        '  Cluster:    <none>',
        '  Namespaces:',
        '    app:  volume logs is slow',
        '',
        'Namespaces:',
        '  Included:  app',
        '  Excluded:  <none>',
        '',
        'Resources:',
        '  Included cluster-scoped:    <none>',
        '  Excluded cluster-scoped:    <none>',
        '  Included namespace-scoped:  *',
        '  Excluded namespace-scoped:  <none>',
        '',
        'Label selector:  <none>',
        '',
        'Or label selector:  <none>',
        '',
        'Storage Location:  default',
        '',
        'Velero-Native Snapshot PVs:    auto',
        'File System Backup (Default):  false',
        'Snapshot Move Data:            true',
        'Data Mover:                    velero',
        '',
        'TTL:  720h0m0s',
        '',
        'CSISnapshotTimeout:    10m0s',
        'ItemOperationTimeout:  4h0m0s',
        '',
        'Hooks:  <none>',
        '',
        'Backup Format Version:  1.1.0',
        '',
        'Started:    2026-12-06 22:00:00 +0000 UTC',
        'Completed:  2026-12-06 22:01:30 +0000 UTC',
        '',
        'Expiration:  2027-01-05 22:00:00 +0000 UTC',
        '',
        'Total items to be backed up:  12',
        'Items backed up:              12',
        '',
        'Backup Item Operations:  1 of 1 completed successfully, 0 failed (specify --details for more information)',
        'Backup Volumes:',
        '  Velero-Native Snapshots: <none included>',
        '',
        '  CSI Snapshots:',
        '    app/db:',
        '      Data Movement: included, specify --details for more information',
        '',
        '  Pod Volume Backups - kopia (specify --details for more information):',
        '    Completed:  1',
        '',
        'Deletion Attempts (1 failed):',
        '  2026-12-06 23:00:00 +0000 UTC: Processed',
        '  Errors:',
        '    backup is still in progress',
        '',
        'Volume Transfers:',
        '  app/db:     data movement (kopia), 2.0 MiB in 20.0s, 102.4 KiB/s, succeeded',
        '  app/logs:   fs-backup (kopia), 10.0 KiB in 10.0s, 1.0 KiB/s, succeeded',
        '  app/cache:  skipped: any: skipped by volume policy;',
        '',
      ].join('\n'),
    );
  });

  it('with --details prints the item operations, resource list, data movement and pod volumes', () => {
    const text = describeBackup({
      backup,
      deleteRequests: [],
      podVolumeBackups: [pvb],
      details: true,
      documents: {
        ...documents,
        resourceList: fetchedOk({ 'v1/PersistentVolumeClaim': ['app/db', 'app/logs'] }),
        itemOperations: fetchedOk([
          {
            spec: {
              backupItemAction: 'velero.io/csi-pvc-backupper',
              resourceIdentifier: { Group: '', Resource: 'persistentvolumeclaims', Namespace: 'app', Name: 'db' },
              operationID: 'du-1.2',
            },
            status: { phase: 'Completed', nCompleted: 2097152, nTotal: 2097152, operationUnits: 'Bytes', created: '2026-12-06T22:00:10Z' },
          },
        ]),
      },
    });
    const tail = text.slice(text.indexOf('Backup Item Operations:'), text.indexOf('Volume Transfers:'));
    expect(tail).toBe(
      [
        'Backup Item Operations:',
        '  Operation for persistentvolumeclaims app/db:',
        '    Backup Item Action Plugin:  velero.io/csi-pvc-backupper',
        '    Operation ID:               du-1.2',
        '    Phase:                      Completed',
        '    Progress:                   2097152 of 2097152 complete (Bytes)',
        '    Created:                    2026-12-06 22:00:10 +0000 UTC',
        'Resource List:',
        '  v1/PersistentVolumeClaim:',
        '    - app/db',
        '    - app/logs',
        '',
        'Backup Volumes:',
        '  Velero-Native Snapshots: <none included>',
        '',
        '  CSI Snapshots:',
        '    app/db:',
        '      Data Movement:',
        '        Operation ID: du-1.2',
        '        Data Mover: velero',
        '        Uploader Type: kopia',
        '        Moved data Size (bytes): 2097152',
        '        Incremental data Size (bytes): 1024',
        '        Result: succeeded',
        '',
        '  Pod Volume Backups - kopia:',
        '    Completed:',
        '      app/web: logs (size: 10240)',
        '',
        '',
      ].join('\n'),
    );
  });

  it('says when the volume info cannot be fetched, and omits transfers', () => {
    const text = describeBackup({
      backup: { ...backup, status: { phase: 'Completed' } },
      deleteRequests: [],
      podVolumeBackups: [],
      details: false,
      documents: { volumeInfos: { state: 'error', message: 'request failed: denied' } },
    });
    expect(text.endsWith('Backup Volumes:\n  <error getting backup volume info: request failed: denied>\n')).toBe(true);
  });

  it.each([
    [undefined, ''],
    [{ id: '4bf92f3577b34da6a3ce929d0e0e4736' }, '\nTrace ID:  4bf92f3577b34da6a3ce929d0e0e4736\n'],
    [
      traceLink('4bf92f3577b34da6a3ce929d0e0e4736', 'http://127.0.0.1:16686/'),
      '\nTrace ID:  4bf92f3577b34da6a3ce929d0e0e4736\nTrace:     http://127.0.0.1:16686/trace/4bf92f3577b34da6a3ce929d0e0e4736\n',
    ],
  ])('ends with the trace %j when tracing was on', (trace, tail) => {
    const input = {
      backup: { ...backup, status: { phase: 'Completed' as const } },
      deleteRequests: [],
      podVolumeBackups: [],
      details: false,
    };
    const documents = { volumeInfos: fetchedOk([]) };
    const without = describeBackup({ ...input, documents });
    expect(describeBackup({ ...input, documents, ...(trace ? { trace } : {}) })).toBe(without + tail);
  });
});
