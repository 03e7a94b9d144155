import type { VolumeDecision } from './decision-reason';
import { shouldPerformSnapshot, type SnapshotDecisionInput } from './snapshot-decider';
import { aBackup, aBoundPv, aPod, aPv, aPvc, policies, pvcVolume, when } from './testing';
import type { PodVolumeMount } from './volume-inputs';

const claim = aPvc('app', 'data', { labels: { tier: 'gold' } });
const pv = aBoundPv('pv-data', 'app', 'data', { storageClassName: 'gp3' });
const mountBy = (annotations: Record<string, string> | undefined, namespace = 'app', claimName = 'data'): PodVolumeMount => {
  const volume = pvcVolume('vol', claimName);
  return { pod: aPod(namespace, 'web', [volume], annotations), volume };
};
const optIn = { 'backup.velero.io/backup-volumes': 'vol' };

function decide(input: Partial<SnapshotDecisionInput>): VolumeDecision {
  return shouldPerformSnapshot({ backup: aBackup(), subject: { kind: 'pv', pv }, ...input });
}
const summary = (d: VolumeDecision) => [d.outcome, d.reason.kind];

describe('snapshot decision - volume policy', () => {
  it.each<[string, string, string]>([
    ['snapshot → perform', 'snapshot', 'perform'],
    ['skip → skip', 'skip', 'skip'],
    ['fs-backup → skip', 'fs-backup', 'skip'],
    ['custom → skip', 'custom', 'skip'],
  ])('%s', (_name, action, outcome) => {
    expect(summary(decide({ policies: policies(when({ storageClass: ['gp3'] }, action)) }))).toEqual([outcome, 'policy-match']);
  });

  it('a snapshot policy wins over snapshotVolumes=false and over a legacy fs-backup of the claim', () => {
    const decision = decide({
      policies: policies(when({}, 'snapshot')),
      backup: aBackup({ snapshotVolumes: false }),
      claimMounts: [mountBy(optIn)],
    });
    expect(summary(decision)).toEqual(['perform', 'policy-match']);
  });

  it('the PVC path matches PV and PVC attributes together', () => {
    const set = policies(when({ storageClass: ['gp3'], pvcLabels: { tier: 'gold' } }, 'skip'));
    expect(summary(decide({ policies: set, subject: { kind: 'pvc', pvc: claim, pv } }))).toEqual(['skip', 'policy-match']);
  });

  it('Velero quirk: the PV path matches with an empty PVC, so pvc* conditions never match there', () => {
    const set = policies(when({ pvcLabels: { tier: 'gold' } }, 'skip'));
    expect(summary(decide({ policies: set, subject: { kind: 'pv', pv } }))).toEqual(['perform', 'snapshot-volumes-setting']);
  });

  it('no match falls through to the legacy rules', () => {
    expect(summary(decide({ policies: policies(when({ storageClass: ['gp2'] }, 'skip')) }))).toEqual([
      'perform',
      'snapshot-volumes-setting',
    ]);
  });
});

describe('snapshot decision - PVC without a bound PV', () => {
  const pending = aPvc('app', 'new', { phase: 'Pending', volumeName: '' });

  it.each<[string, SnapshotDecisionInput['subject'], string]>([
    ['no spec.volumeName', { kind: 'pvc', pvc: pending }, 'PVC app/new has no volume backing this claim'],
    [
      'not Bound',
      { kind: 'pvc', pvc: aPvc('app', 'lost', { phase: 'Lost' }) },
      'PVC app/lost is in phase Lost and is not bound to a volume',
    ],
    ['PV not found', { kind: 'pvc', pvc: claim }, 'failed to get PV pv-data for PVC app/data: persistentvolumes "pv-data" not found'],
    [
      'another PV given',
      { kind: 'pvc', pvc: claim, pv: aBoundPv('pv-other', 'app', 'x') },
      'failed to get PV pv-data for PVC app/data: persistentvolumes "pv-data" not found',
    ],
  ])('%s → error (no policy)', (_name, subject, message) => {
    const decision = decide({ subject });
    expect(decision).toMatchObject({ outcome: 'error', code: 'VOLUME_POLICY_PVC_NOT_BOUND', message, reason: { kind: 'pvc-not-bound' } });
  });

  it('→ error when policies exist but none matches', () => {
    expect(decide({ policies: policies(when({ storageClass: ['gp3'] }, 'skip')), subject: { kind: 'pvc', pvc: pending } }).outcome).toBe(
      'error',
    );
  });

  it('a policy can match the PVC alone (pvcPhase) and decide without error', () => {
    const set = policies(when({ pvcPhase: ['Pending'] }, 'skip'));
    expect(summary(decide({ policies: set, subject: { kind: 'pvc', pvc: pending } }))).toEqual(['skip', 'policy-match']);
  });

  it('a capacity "0,X" policy matches a PVC alone (size 0); "X," does not', () => {
    const subject = { kind: 'pvc', pvc: pending } as const;
    expect(decide({ policies: policies(when({ capacity: '0,1Gi' }, 'skip')), subject }).outcome).toBe('skip');
    expect(decide({ policies: policies(when({ capacity: '1Gi,' }, 'skip')), subject }).outcome).toBe('error');
  });
});

describe('snapshot decision - PV already taken by a legacy fs-backup', () => {
  it.each<[string, PodVolumeMount[], boolean | undefined, string[]]>([
    ['opt-in annotation lists the volume', [mountBy(optIn)], false, ['skip', 'pv-taken-by-fs-backup']],
    [
      'opt-in annotation lists other volumes',
      [mountBy({ 'backup.velero.io/backup-volumes': 'other' })],
      false,
      ['perform', 'snapshot-volumes-setting'],
    ],
    ['defaultVolumesToFsBackup, not excluded', [mountBy(undefined)], true, ['skip', 'pv-taken-by-fs-backup']],
    [
      'defaultVolumesToFsBackup, excluded',
      [mountBy({ 'backup.velero.io/backup-volumes-excludes': 'x,vol' })],
      true,
      ['perform', 'snapshot-volumes-setting'],
    ],
    ['pod in another namespace is ignored', [mountBy(optIn, 'other')], false, ['perform', 'snapshot-volumes-setting']],
    ['mount of another claim is ignored', [mountBy(optIn, 'app', 'logs')], false, ['perform', 'snapshot-volumes-setting']],
    // Velero pkg/util/podvolume TestIsPVCDefaultToFSBackupWithCache.
    ['opt-in mode, pod without annotations', [mountBy(undefined)], false, ['perform', 'snapshot-volumes-setting']],
    ['no pod mounts the claim', [], false, ['perform', 'snapshot-volumes-setting']],
    ['no pod mounts the claim, defaultVolumesToFsBackup', [], true, ['perform', 'snapshot-volumes-setting']],
  ])('%s', (_name, claimMounts, defaultVolumesToFsBackup, expected) => {
    expect(summary(decide({ claimMounts, backup: aBackup({ defaultVolumesToFsBackup }) }))).toEqual(expected);
  });

  it('names the pod, volume and legacy rule', () => {
    expect(decide({ claimMounts: [mountBy(optIn)] }).reason).toEqual({
      kind: 'pv-taken-by-fs-backup',
      claim: { namespace: 'app', name: 'data' },
      pod: { namespace: 'app', name: 'web' },
      volume: 'vol',
      rule: { kind: 'legacy-opt-in', annotation: 'backup.velero.io/backup-volumes', listed: true },
    });
  });

  it('applies on the PVC path through the PV claimRef', () => {
    expect(summary(decide({ subject: { kind: 'pvc', pvc: claim, pv }, claimMounts: [mountBy(optIn)] }))).toEqual([
      'skip',
      'pv-taken-by-fs-backup',
    ]);
  });

  it('a claimRef without namespace matches pods of any namespace (Velero lists all)', () => {
    const unnamespaced = aBoundPv('pv-x', '', 'data');
    expect(decide({ subject: { kind: 'pv', pv: unnamespaced }, claimMounts: [mountBy(optIn, 'elsewhere')] }).outcome).toBe('skip');
  });

  it('a PV without claimRef skips the check', () => {
    expect(decide({ subject: { kind: 'pv', pv: aPv('pv-data') }, claimMounts: [mountBy(optIn)] }).outcome).toBe('perform');
  });
});

describe('snapshot decision - snapshotVolumes', () => {
  it.each<[boolean | null | undefined, string]>([
    [undefined, 'perform'],
    [null, 'perform'],
    [true, 'perform'],
    [false, 'skip'],
  ])('snapshotVolumes=%s → %s', (snapshotVolumes, outcome) => {
    const decision = decide({ backup: aBackup({ snapshotVolumes }) });
    expect(decision.outcome).toBe(outcome);
    expect(decision.reason).toEqual({ kind: 'snapshot-volumes-setting', snapshotVolumes: snapshotVolumes ?? undefined });
  });
});
