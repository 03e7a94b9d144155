import type { DataMoverClass, DataUpload, PodVolumeBackup } from '@ferry/api';
import { repositorySnapshotsOfBackup } from './repository-snapshots';

function pvb(name: string, namespace: string, snapshotID: string, uploaderType?: 'kopia' | 'restic', bsl = 'default'): PodVolumeBackup {
  return {
    metadata: { name },
    spec: {
      node: 'n1',
      pod: { namespace, name: 'web-0' },
      volume: 'data',
      backupStorageLocation: bsl,
      repoIdentifier: '',
      ...(uploaderType ? { uploaderType } : {}),
    },
    status: { phase: 'Completed', snapshotID },
  } as PodVolumeBackup;
}

function du(
  name: string,
  sourceNamespace: string,
  snapshotID: string,
  datamover?: string,
  dataMoverConfig?: Record<string, string>,
): DataUpload {
  return {
    metadata: { name },
    spec: {
      snapshotType: 'CSI',
      sourcePVC: 'data',
      sourceNamespace,
      backupStorageLocation: 'default',
      operationTimeout: '10m',
      ...(datamover === undefined ? {} : { datamover }),
      ...(dataMoverConfig ? { dataMoverConfig } : {}),
    },
    status: { phase: 'Completed', snapshotID },
  } as DataUpload;
}

const classes = [
  { metadata: { name: 'ferry-restic' }, spec: { datamover: 'ferry-restic', mover: 'ferry', dataMoverConfig: { uploaderType: 'restic' } } },
  { metadata: { name: 'other' }, spec: { datamover: 'acme', mover: 'acme' } },
] as DataMoverClass[];

describe('repository snapshots - one group per repository', () => {
  it('groups PVB and DU snapshots by BSL, volume namespace and uploader', () => {
    const result = repositorySnapshotsOfBackup(
      [
        pvb('p1', 'shop', 'aaaa1111', 'restic'),
        pvb('p2', 'shop', 'bbbb2222', 'restic'),
        pvb('p3', 'shop', 'k1'),
        pvb('p4', 'blog', 'k2', 'kopia'),
      ],
      [du('d1', 'shop', 'k3'), du('d2', 'shop', 'r3', 'ferry-restic'), du('d3', 'shop', 'k4', 'velero')],
      classes,
    );
    expect(result.skipped).toEqual([]);
    expect(result.repositories).toEqual([
      { uploader: 'restic', backupStorageLocation: 'default', volumeNamespace: 'shop', snapshotIds: ['aaaa1111', 'bbbb2222', 'r3'] },
      { uploader: 'kopia', backupStorageLocation: 'default', volumeNamespace: 'shop', snapshotIds: ['k1', 'k3', 'k4'] },
      { uploader: 'kopia', backupStorageLocation: 'default', volumeNamespace: 'blog', snapshotIds: ['k2'] },
    ]);
  });

  it.each<[string, PodVolumeBackup[], DataUpload[]]>([
    ['empty volumes (no snapshot id)', [pvb('p1', 'shop', '')], [du('d1', 'shop', '')]],
    ['nothing', [], []],
  ])('has no snapshot for %s', (_name, pvbs, dus) => {
    expect(repositorySnapshotsOfBackup(pvbs, dus, classes)).toEqual({ repositories: [], skipped: [] });
  });

  it('separates repositories of different locations and deduplicates ids', () => {
    const result = repositorySnapshotsOfBackup(
      [pvb('p1', 'shop', 'k1', 'kopia', 'a'), pvb('p2', 'shop', 'k1', 'kopia', 'a'), pvb('p3', 'shop', 'k1', 'kopia', 'b')],
      [],
      [],
    );
    expect(result.repositories.map((r) => [r.backupStorageLocation, r.snapshotIds])).toEqual([
      ['a', ['k1']],
      ['b', ['k1']],
    ]);
  });

  it('leaves another mover’s snapshots to it, and names why', () => {
    const result = repositorySnapshotsOfBackup(
      [],
      [du('d1', 'shop', 'x1', 'acme'), du('d2', 'shop', 'x2', '', { uploaderType: 'rsync' })],
      classes,
    );
    expect(result.repositories).toEqual([]);
    expect(result.skipped).toEqual([
      { dataUpload: 'd1', reason: 'datamover "acme" belongs to mover "acme"' },
      { dataUpload: 'd2', reason: 'spec.dataMoverConfig.uploaderType: "rsync" is not an uploader Ferry runs; use kopia or restic' },
    ]);
  });
});
