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
