import type { DataDownload, DataUpload, PodVolumeBackup, PodVolumeRestore } from '@ferry/api';
import {
  dataDownloadSpecProblems,
  dataUploadSpecProblems,
  formatSpecProblems,
  podVolumeBackupSpecProblems,
  podVolumeRestoreSpecProblems,
} from './data-path-spec-check';

const duSpec = {
  snapshotType: 'CSI',
  csiSnapshot: { volumeSnapshot: 'vs', storageClass: 'standard' },
  sourcePVC: 'db',
  sourceNamespace: 'shop',
  backupStorageLocation: 'default',
  operationTimeout: '10m',
};

describe('data-path spec checks - fields named by path', () => {
  it.each<[string, DataUpload['spec'], string[]]>([
    ['valid', duSpec, []],
    ['no csiSnapshot', { ...duSpec, csiSnapshot: null }, ['spec.csiSnapshot.volumeSnapshot']],
    ['wrong type', { ...duSpec, snapshotType: 'Native' }, ['spec.snapshotType']],
    ['empty pvc and bsl', { ...duSpec, sourcePVC: '', backupStorageLocation: ' ' }, ['spec.sourcePVC', 'spec.backupStorageLocation']],
    ['no spec', undefined, ['spec']],
    ['no operationTimeout (the default)', { ...duSpec, operationTimeout: '' }, []],
    ["Velero's own spelling", { ...duSpec, operationTimeout: '4h0m0s' }, []],
    ['a garbage operationTimeout', { ...duSpec, operationTimeout: 'garbage' }, ['spec.operationTimeout']],
    ['a unitless operationTimeout', { ...duSpec, operationTimeout: '600' }, ['spec.operationTimeout']],
    ['a zero operationTimeout', { ...duSpec, operationTimeout: '0s' }, ['spec.operationTimeout']],
  ])('DataUpload %s', (_name, spec, paths) => {
    expect(dataUploadSpecProblems({ spec } as DataUpload).map((p) => p.path)).toEqual(paths);
  });

  it('names the bad operationTimeout and the fix', () => {
    const problems = dataUploadSpecProblems({ spec: { ...duSpec, operationTimeout: 'garbage' } } as DataUpload);
    expect(formatSpecProblems(problems)).toBe(
      'invalid spec: spec.operationTimeout "garbage" is not a positive duration: use a Go duration such as 10m, 1h30m or 4h',
    );
  });

  it('DataDownload, PodVolumeBackup, PodVolumeRestore name their missing fields', () => {
    expect(
      dataDownloadSpecProblems({
        spec: {
          targetVolume: { pvc: '', pv: '', namespace: 'x' },
          backupStorageLocation: 'b',
          snapshotID: '',
          sourceNamespace: 's',
          operationTimeout: '1 minute',
        },
      } as DataDownload).map((p) => p.path),
    ).toEqual(['spec.targetVolume.pvc', 'spec.snapshotID', 'spec.operationTimeout']);
    expect(
      podVolumeBackupSpecProblems({
        spec: { node: 'n', pod: { namespace: 'a' }, volume: 'v', backupStorageLocation: 'b', repoIdentifier: '' },
      } as PodVolumeBackup).map((p) => p.path),
    ).toEqual(['spec.pod.name']);
    expect(
      podVolumeRestoreSpecProblems({
        spec: {
          pod: { namespace: 'a', name: 'p' },
          volume: '',
          backupStorageLocation: 'b',
          repoIdentifier: '',
          snapshotID: 's',
          sourceNamespace: 'a',
        },
      } as PodVolumeRestore).map((p) => p.path),
    ).toEqual(['spec.volume']);
  });

  it('formats one line', () => {
    expect(
      formatSpecProblems([
        { path: 'spec.a', problem: 'is required' },
        { path: 'spec.b', problem: 'is bad' },
      ]),
    ).toBe('invalid spec: spec.a is required; spec.b is bad');
  });
});
