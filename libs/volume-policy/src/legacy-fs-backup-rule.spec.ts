import { legacyFsBackupRule, volumesToBackup, volumesToExclude } from './legacy-fs-backup-rule';
import { aPod } from './testing';

describe('legacy annotations - splitting', () => {
  it('splits on "," without trimming; missing or empty opt-in is none', () => {
    expect(volumesToBackup(aPod('a', 'p', [], { 'backup.velero.io/backup-volumes': 'a, b,,c' }))).toEqual(['a', ' b', '', 'c']);
    expect(volumesToBackup(aPod('a', 'p', [], { 'backup.velero.io/backup-volumes': '' }))).toEqual([]);
    expect(volumesToBackup(aPod('a', 'p', []))).toEqual([]);
  });

  it('Velero quirk: a pod with annotations but no opt-out annotation excludes ""', () => {
    expect(volumesToExclude(aPod('a', 'p', [], { other: 'x' }))).toEqual(['']);
    expect(volumesToExclude(aPod('a', 'p', []))).toEqual([]);
  });
});

describe('legacy annotations - rule', () => {
  it('applies no volume-kind filter (Velero uses it for the PV-taken check as is)', () => {
    const pod = aPod('a', 'p', [], { 'backup.velero.io/backup-volumes': 'default-token-x' });
    expect(legacyFsBackupRule('default-token-x', pod, false).selected).toBe(true);
    expect(legacyFsBackupRule('default-token-x', aPod('a', 'p', []), true).selected).toBe(true);
  });
});

describe('legacy annotations - opt-in list', () => {
  // Velero pkg/util/podvolume TestGetVolumesToBackup.
  it.each<[string, Record<string, string> | undefined, string[]]>([
    ['nil annotations', undefined, []],
    ['no volumes to backup', { foo: 'bar' }, []],
    ['one volume to backup', { foo: 'bar', 'backup.velero.io/backup-volumes': 'volume-1' }, ['volume-1']],
    [
      'multiple volumes to backup',
      { foo: 'bar', 'backup.velero.io/backup-volumes': 'volume-1,volume-2,volume-3' },
      ['volume-1', 'volume-2', 'volume-3'],
    ],
  ])('%s', (_name, annotations, expected) => {
    expect(volumesToBackup(aPod('a', 'p', [], annotations))).toEqual(expected);
  });
});
