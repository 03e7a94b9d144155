import type { VolumeDecision } from './decision-reason';
import { shouldPerformFsBackup, type FsBackupDecisionInput } from './fs-backup-decider';
import { aBackup, aBoundPv, aPod, aPvc, policies, pvcVolume, sourceVolume, when } from './testing';
import type { PodVolumeInput } from './volume-inputs';

const dataVolume = pvcVolume('data', 'claim');
const claim = aPvc('app', 'claim', { labels: { app: 'db' } });
const pv = aBoundPv('pv-claim', 'app', 'claim', { storageClassName: 'gp3' });
const everything = policies(when({}, 'fs-backup'));

function decide(input: Partial<FsBackupDecisionInput>): VolumeDecision {
  const volume = input.volume ?? dataVolume;
  return shouldPerformFsBackup({ backup: aBackup(), pod: aPod('app', 'web', [volume]), volume, pvc: claim, pv, ...input });
}
const summary = (d: VolumeDecision) => [d.outcome, d.reason.kind];

describe('fs-backup decision - never backed up', () => {
  it.each(['hostPath', 'secret', 'configMap', 'projected', 'downwardAPI'])(
    '%s volumes, even with an fs-backup policy and opt-in',
    (kind) => {
      const volume = sourceVolume('v', kind);
      const pod = aPod('app', 'web', [volume], { 'backup.velero.io/backup-volumes': 'v' });
      expect(decide({ volume, pod, policies: everything }).reason).toEqual({ kind: 'never-fs-backup-volume-kind', volumeKind: kind });
    },
  );

  it('service-account token volumes (name starts with default-token)', () => {
    const volume = sourceVolume('default-token-abcde', 'emptyDir');
    expect(decide({ volume, policies: everything }).reason).toEqual({ kind: 'never-fs-backup-volume-kind', volumeKind: 'default-token' });
  });

  it('PVC volumes when the resource filter excludes persistentvolumeclaims; other volumes are unaffected', () => {
    const backup = aBackup({ pvcsExcludedByResourceFilter: true });
    expect(summary(decide({ backup, policies: everything }))).toEqual(['skip', 'pvcs-excluded-by-resource-filter']);
    expect(summary(decide({ backup, policies: everything, volume: sourceVolume('cache', 'emptyDir') }))).toEqual([
      'perform',
      'policy-match',
    ]);
  });
});

describe('fs-backup decision - volume policy', () => {
  it.each<[string, string]>([
    ['fs-backup', 'perform'],
    ['snapshot', 'skip'],
    ['skip', 'skip'],
    ['custom', 'skip'],
  ])('%s → %s', (action, outcome) => {
    expect(summary(decide({ policies: policies(when({ storageClass: ['gp3'] }, action)) }))).toEqual([outcome, 'policy-match']);
  });

  it('a fs-backup policy wins over the legacy opt-out annotation', () => {
    const pod = aPod('app', 'web', [dataVolume], { 'backup.velero.io/backup-volumes-excludes': 'data' });
    expect(decide({ pod, backup: aBackup({ defaultVolumesToFsBackup: true }), policies: everything }).outcome).toBe('perform');
  });

  it('a bound claim is matched as PV + PVC (PV class, PVC labels)', () => {
    expect(decide({ policies: policies(when({ storageClass: ['gp3'], pvcLabels: { app: 'db' } }, 'fs-backup')) }).outcome).toBe('perform');
  });

  it('an unbound claim is matched as pod volume + PVC', () => {
    const pending = aPvc('app', 'claim', { phase: 'Pending', volumeName: '' });
    expect(
      decide({ pvc: pending, pv: undefined, policies: policies(when({ pvcPhase: ['Pending'], volumeTypes: [''] }, 'fs-backup')) }).outcome,
    ).toBe('perform');
  });

  it('an unbound claim no policy matches is an error', () => {
    const pending = aPvc('app', 'claim', { phase: 'Pending' });
    const decision = decide({ pvc: pending, pv: undefined, policies: policies(when({ storageClass: ['gp3'] }, 'fs-backup')) });
    expect(decision).toMatchObject({
      outcome: 'error',
      code: 'VOLUME_POLICY_PVC_NOT_BOUND',
      message: 'PVC app/claim is in phase Pending and is not bound to a volume',
    });
  });

  it('a missing claim is an error with policies, and ignored without', () => {
    expect(decide({ pvc: undefined, policies: everything })).toMatchObject({
      outcome: 'error',
      code: 'VOLUME_POLICY_PVC_NOT_FOUND',
      message: 'failed to get PVC claim for Volume app/data: persistentvolumeclaims "claim" not found',
    });
    expect(decide({ pvc: undefined, pv: undefined }).outcome).toBe('skip');
    expect(decide({ pvc: aPvc('app', 'other'), policies: everything }).outcome).toBe('error');
  });

  it('no match falls back to the legacy annotations', () => {
    const pod = aPod('app', 'web', [dataVolume], { 'backup.velero.io/backup-volumes': 'data' });
    expect(summary(decide({ pod, policies: policies(when({ storageClass: ['gp2'] }, 'skip')) }))).toEqual(['perform', 'legacy-opt-in']);
  });
});

describe('fs-backup decision - legacy opt-in / opt-out', () => {
  it.each<[string, Record<string, string> | undefined, boolean | undefined, string, boolean]>([
    ['opt-in listed', { 'backup.velero.io/backup-volumes': 'logs,data' }, false, 'perform', true],
    ['opt-in not listed', { 'backup.velero.io/backup-volumes': 'logs' }, undefined, 'skip', false],
    ['opt-in values are not trimmed', { 'backup.velero.io/backup-volumes': 'logs, data' }, false, 'skip', false],
    ['no annotations, opt-in mode', undefined, false, 'skip', false],
    ['opt-out listed', { 'backup.velero.io/backup-volumes-excludes': 'data' }, true, 'skip', true],
    ['opt-out not listed', { 'backup.velero.io/backup-volumes-excludes': 'logs' }, true, 'perform', false],
    ['opt-out values are not trimmed', { 'backup.velero.io/backup-volumes-excludes': 'logs, data' }, true, 'perform', false],
    ['no annotations, opt-out mode', undefined, true, 'perform', false],
    ['the opt-in annotation is ignored in opt-out mode', { 'backup.velero.io/backup-volumes': 'logs' }, true, 'perform', false],
  ])('%s', (_name, annotations, defaultVolumesToFsBackup, outcome, listed) => {
    const decision = decide({ pod: aPod('app', 'web', [dataVolume], annotations), backup: aBackup({ defaultVolumesToFsBackup }) });
    expect(decision.outcome).toBe(outcome);
    expect(decision.reason).toMatchObject({ kind: defaultVolumesToFsBackup ? 'legacy-opt-out' : 'legacy-opt-in', listed });
  });
});

describe('fs-backup decision - volumes of a pod without policies', () => {
  // Velero pkg/util/podvolume TestGetVolumesByPod (as ShouldPerformFSBackup decides each volume).
  const excludes = { 'backup.velero.io/backup-volumes-excludes': 'nonPvbPV1,nonPvbPV2,nonPvbPV3' };
  it.each<[string, PodVolumeInput, Record<string, string> | undefined, boolean, boolean, string[]]>([
    [
      'opt-in listed volume',
      { name: 'pvbPV2' },
      { 'backup.velero.io/backup-volumes': 'pvbPV1,pvbPV2,pvbPV3' },
      false,
      false,
      ['perform', 'legacy-opt-in'],
    ],
    ['opt-out, no annotations', { name: 'pvbPV1' }, undefined, true, false, ['perform', 'legacy-opt-out']],
    ['opt-out, volume not excluded', { name: 'pvbPV1' }, excludes, true, false, ['perform', 'legacy-opt-out']],
    ['opt-out, volume excluded', { name: 'nonPvbPV2' }, excludes, true, false, ['skip', 'legacy-opt-out']],
    ['default service account token', { name: 'default-token-5xq45' }, undefined, true, false, ['skip', 'never-fs-backup-volume-kind']],
    [
      'default service account token, also excluded',
      { name: 'default-token-5xq45' },
      { 'backup.velero.io/backup-volumes-excludes': 'default-token-5xq45' },
      true,
      false,
      ['skip', 'never-fs-backup-volume-kind'],
    ],
    ['hostPath', sourceVolume('hostPath1', 'hostPath'), excludes, true, false, ['skip', 'never-fs-backup-volume-kind']],
    ['secret', sourceVolume('superSecret', 'secret'), excludes, true, false, ['skip', 'never-fs-backup-volume-kind']],
    ['configMap', sourceVolume('appCOnfig', 'configMap'), excludes, true, false, ['skip', 'never-fs-backup-volume-kind']],
    ['projected', sourceVolume('projected', 'projected'), excludes, true, false, ['skip', 'never-fs-backup-volume-kind']],
    ['downwardAPI', sourceVolume('downwardAPI', 'downwardAPI'), excludes, true, false, ['skip', 'never-fs-backup-volume-kind']],
    [
      'PVC volume when the backup excludes PVCs',
      pvcVolume('downwardAPI', 'testPVC'),
      excludes,
      true,
      true,
      ['skip', 'pvcs-excluded-by-resource-filter'],
    ],
    ['non-PVC volume when the backup excludes PVCs', { name: 'pvbPV1' }, excludes, true, true, ['perform', 'legacy-opt-out']],
  ])('%s', (_name, volume, annotations, defaultVolumesToFsBackup, pvcsExcludedByResourceFilter, expected) => {
    const pod = aPod('app', 'web', [volume], annotations);
    const backup = aBackup({ defaultVolumesToFsBackup, pvcsExcludedByResourceFilter });
    expect(summary(decide({ volume, pod, backup }))).toEqual(expected);
  });
});

describe('fs-backup decision - unbound claims with policies', () => {
  // Velero internal/volumehelper TestVolumeHelperImpl_ShouldPerformFSBackup_UnboundPVC.
  it.each<[string, string, Record<string, unknown>, string]>([
    ['Pending PVC with a pvcPhase skip policy', 'Pending', { pvcPhase: ['Pending'] }, 'skip'],
    ['Pending PVC without a matching skip policy', 'Pending', { storageClass: ['gp2-csi'] }, 'error'],
    ['Lost PVC with a pvcPhase skip policy', 'Lost', { pvcPhase: ['Lost'] }, 'skip'],
    ['Lost PVC with a policy for Pending and Lost', 'Lost', { pvcPhase: ['Pending', 'Lost'] }, 'skip'],
  ])('%s', (_name, phase, conditions, outcome) => {
    const pvc = aPvc('app', 'claim', { phase, volumeName: '', storageClassName: 'some-class' });
    expect(decide({ pvc, pv: undefined, policies: policies(when(conditions, 'skip')) }).outcome).toBe(outcome);
  });
});
