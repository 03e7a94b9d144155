import type { Backup, DeleteBackupRequest } from '@ferry/api';
import { emptyBackupResult } from '@ferry/backup';
import { goJson } from '../format/go-json';
import type { BackupDescribeInput } from './backup-describer';
import {
  describeBackupStructured,
  structuredBackupDocumentKinds,
  structuredDeletionAttempts,
  structuredResult,
} from './backup-structured-describer';
import { aDescribedBackup, aDescribedPodVolumeBackup, aMovedVolume } from './backup-describe-fixtures';
import { fetchedOk } from './fetched-document';

const base = aDescribedBackup();
const backup: Backup = { ...base, metadata: { ...base.metadata, labels: { 'velero.io/storage-location': 'default' } } };
const moved = aMovedVolume();
const pvb = aDescribedPodVolumeBackup();
const input: BackupDescribeInput = {
  backup,
  deleteRequests: [],
  podVolumeBackups: [pvb],
  details: true,
  documents: {
    results: fetchedOk({ errors: emptyBackupResult, warnings: { velero: [], cluster: [], namespaces: { app: ['volume logs is slow'] } } }),
    resourceList: fetchedOk({ 'v1/Pod': ['app/web'] }),
    volumeInfos: fetchedOk([moved]),
  },
};

describe('structured backup describer - the whole document', () => {
  it("encodes Velero's sections with sorted keys and four-space indent", () => {
    expect(goJson(describeBackupStructured(input))).toBe(
      `{
    "errors": {},
    "metadata": {
        "annotations": null,
        "labels": {
            "velero.io/storage-location": "default"
        },
        "name": "b1",
        "namespace": "velero"
    },
    "phase": "Completed",
    "resourcePolicies": {
        "name": "policies",
        "type": "configmap"
    },
    "spec": {
        "CSISnapshotTimeout": "10m0s",
        "TTL": "720h0m0s",
        "dataMover": "<none>",
        "labelSelector": "<none>",
        "namespaces": {
            "excluded": "<none>",
            "included": "app"
        },
        "resources": {
            "clusterScoped": "auto",
            "excluded": "<none>",
            "included": "*"
        },
        "storageLocation": "default",
        "veleroNativeSnapshotPVs": "auto",
        "veleroSnapshotMoveData": "true"
    },
    "status": {
        "backupFormatVersion": "1.1.0",
        "backupVolumes": {
            "csiSnapshots": {
                "app/db": {
                    "dataMovement": {
                        "dataMover": "velero",
                        "incrementalSize": 1024,
                        "operationID": "du-1.2",
                        "result": "succeeded",
                        "size": 2097152,
                        "uploaderType": "kopia"
                    }
                }
            },
            "nativeSnapshots": "<none included>",
            "podVolumeBackups": {
                "podVolumeBackupsDetails": {
                    "Completed": [
                        {
                            "app/web": "logs (size: 10240)"
                        }
                    ]
                },
                "uploderType": "kopia"
            }
        },
        "completed": "2026-12-06 22:01:30 +0000 UTC",
        "expiration": "2027-01-05 22:00:00 +0000 UTC",
        "itemsBackedUp": 12,
        "resourceList": {
            "v1/Pod": [
                "app/web"
            ]
        },
        "started": "2026-12-06 22:00:00 +0000 UTC",
        "totalItemsToBeBackedUp": 12
    },
    "warnings": {
        "cluster": [],
        "namespace": {
            "app": [
                "volume logs is slow"
            ]
        },
        "velero": []
    }
}
`,
    );
  });

  it('fetches what the text describer fetches but the item operations', () => {
    expect(structuredBackupDocumentKinds(backup, true)).toEqual(['BackupResults', 'BackupResourceList', 'BackupVolumeInfos']);
  });

  it('a new backup: empty phase, <n/a> and <nil> times, no results, volumes without --details', () => {
    const fresh: Backup = { ...backup, metadata: { name: 'b2', namespace: 'velero' }, spec: {}, status: {} };
    const document = describeBackupStructured({ ...input, backup: fresh, details: false, documents: { volumeInfos: fetchedOk([]) } });
    expect(document).toEqual({
      metadata: { name: 'b2', namespace: 'velero', labels: null, annotations: null },
      phase: '',
      spec: expect.objectContaining({ storageLocation: '', TTL: '0s' }),
      status: {
        backupFormatVersion: '',
        started: '<n/a>',
        completed: '<n/a>',
        expiration: '<nil>',
        backupVolumes: {
          nativeSnapshots: '<none included>',
          csiSnapshots: '<none included>',
          podVolumeBackups: { uploderType: 'kopia', podVolumeBackupsDetails: { Completed: 1 } },
        },
      },
    });
  });

  it('an in-progress backup with validation errors and hooks names its progress as Velero does', () => {
    const running: Backup = {
      ...backup,
      status: {
        phase: 'InProgress',
        progress: { totalItems: 40, itemsBackedUp: 3 },
        validationErrors: ['bad'],
        hookStatus: { hooksAttempted: 2 },
      },
    };
    const document = describeBackupStructured({ ...input, backup: running, details: false });
    expect(document).toMatchObject({
      validationErrors: ['bad'],
      status: { estimatedTotalItemsToBeBackedUp: 40, itemsBackedUpSoFar: 3, hooksAttempted: 2, hooksFailed: 0 },
    });
    expect(document).not.toHaveProperty('errors');
    expect(document.status).not.toHaveProperty('resourceList');
  });

  it.each([
    ['results not found: the counts', { state: 'not-found' } as const, { errors: { count: 0 }, warnings: { count: 1 } }],
    [
      'results failed: the message under both',
      { state: 'error', message: 'request failed: boom' } as const,
      {
        errors: { errorGettingErrors: '<error getting errors: request failed: boom>' },
        warnings: { errorGettingWarnings: '<error getting warnings: request failed: boom>' },
      },
    ],
  ])('%s', (_name, results, expected) => {
    expect(describeBackupStructured({ ...input, documents: { ...input.documents, results } })).toMatchObject(expected);
  });

  it('a location CA that could not be read shows where Velero shows it', () => {
    const document = describeBackupStructured({ ...input, locationCaFailure: 'certificate secret ca not found' });
    const warning = 'Warning: Error getting cacert from BSL: certificate secret ca not found';
    expect(document).toMatchObject({
      warningsGettingBSLCACert: { warningGettingBSLCACert: warning },
      status: { warningGettingBSLCACert: warning, backupVolumes: { warningGettingBSLCACert: warning } },
    });
  });

  it.each([
    ['the resource list not found', { state: 'not-found' } as const, '<backup resource list not found>'],
    ['the resource list failed', { state: 'error', message: 'EOF' } as const, '<error getting backup resource list: EOF>'],
  ])('%s', (_name, resourceList, expected) => {
    const document = describeBackupStructured({ ...input, documents: { ...input.documents, resourceList } });
    expect(document.status).toMatchObject({ errorGettingResourceList: expected });
    expect(document.status).not.toHaveProperty('resourceList');
  });

  it.each([
    [
      'volume info failed',
      { volumeInfos: { state: 'error', message: 'EOF' } },
      { errorGetBackupVolumeInfo: 'error getting backup volume info: EOF' },
    ],
    [
      'legacy native snapshots failed',
      { volumeInfos: { state: 'not-found' }, legacyVolumes: { native: { state: 'error', message: 'x' }, csi: fetchedOk([]) } },
      { errorConcludeNativeSnapshot: 'error concluding native snapshot info: x' },
    ],
    [
      'legacy sources, none detected',
      { volumeInfos: { state: 'not-found' }, legacyVolumes: { native: fetchedOk([]), csi: fetchedOk([]) } },
      { nativeSnapshots: '<none included>', csiSnapshots: '<none included or not detectable>' },
    ],
  ] as const)('%s', (_name, documents, expected) => {
    const document = describeBackupStructured({ ...input, documents });
    expect(document.status).toMatchObject({ backupVolumes: expected });
  });
});

describe('structured backup describer - results and deletion attempts', () => {
  it('a result: velero, cluster and namespace messages (TestDescribeBackupResultInSF)', () => {
    expect(
      structuredResult({
        velero: ['msg-1', 'msg-2'],
        cluster: ['cluster-1', 'cluster-2'],
        namespaces: { 'ns-1': ['ns-1-msg-1', 'ns-1-msg-2'] },
      }),
    ).toEqual({ velero: ['msg-1', 'msg-2'], cluster: ['cluster-1', 'cluster-2'], namespace: { 'ns-1': ['ns-1-msg-1', 'ns-1-msg-2'] } });
  });

  it('an empty result keeps every key, the namespaces as an empty list', () => {
    expect(structuredResult({ velero: [], cluster: [], namespaces: {} })).toEqual({ velero: [], cluster: [], namespace: [] });
  });

  const request = (name: string, created: string, phase: 'Processed' | 'InProgress', errors?: string[]): DeleteBackupRequest => ({
    apiVersion: 'velero.io/v1',
    kind: 'DeleteBackupRequest',
    metadata: { name, namespace: 'velero', creationTimestamp: created },
    spec: { backupName: 'bak' },
    status: { phase, ...(errors ? { errors } : {}) },
  });

  it.each([
    ['empty list (TestDescribeDeleteBackupRequestsInSF)', [], { deleteBackupRequests: [] }],
    [
      'one failed and one in-progress request (TestDescribeDeleteBackupRequestsInSF)',
      [request('dbr1', '2023-06-26T00:00:00Z', 'Processed', ['some error']), request('dbr2', '2023-06-25T00:00:00Z', 'InProgress')],
      {
        failed: 1,
        deleteBackupRequests: [
          { creationTimestamp: '2023-06-26 00:00:00 +0000 UTC', phase: 'Processed', errors: ['some error'] },
          { creationTimestamp: '2023-06-25 00:00:00 +0000 UTC', phase: 'InProgress' },
        ],
      },
    ],
  ])('%s', (_name, requests, expected) => {
    expect(structuredDeletionAttempts(requests)).toEqual(expected);
  });
});
