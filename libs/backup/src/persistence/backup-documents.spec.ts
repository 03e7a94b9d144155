import { encodeItemOperations, encodeNativeVolumeSnapshots, encodePodVolumeBackups, encodeResourceList } from './backup-documents';
import { decodeBackupResults } from './backup-results-reading';
import { encodeBackupResults } from '../results/backup-results';

describe('backup documents - Velero encodings of empty and filled lists', () => {
  it.each([
    ['no resources', () => encodeResourceList({}), '{}\n'],
    [
      'resources sorted by key',
      () => encodeResourceList({ 'v1/Secret': ['a/s'], 'apps/v1/Deployment': ['a/d'] }),
      '{"apps/v1/Deployment":["a/d"],"v1/Secret":["a/s"]}\n',
    ],
    ['no item operations', () => encodeItemOperations([]), '[]\n'],
    ['no pod volume backups', () => encodePodVolumeBackups([]), 'null\n'],
    ['pod volume backups in order', () => encodePodVolumeBackups([{ metadata: { name: 'p' } }]), '[{"metadata":{"name":"p"}}]\n'],
    ['native snapshots', () => encodeNativeVolumeSnapshots(), 'null\n'],
  ])('%s', (_name, encode, expected) => {
    expect(encode()).toBe(expected);
  });
});

describe('decodeBackupResults - reading back a results document', () => {
  it('reads what encodeBackupResults wrote', () => {
    const results = {
      errors: { velero: ['v'], cluster: [], namespaces: { app: [' message: /x'] } },
      warnings: { velero: [], cluster: ['c'], namespaces: {} },
    };
    expect(decodeBackupResults(encodeBackupResults(results))).toEqual(results);
  });

  it.each([
    ['not JSON', '{'],
    ['not an object', '[]'],
  ])('%s → undefined', (_name, text) => {
    expect(decodeBackupResults(text)).toBeUndefined();
  });
});
