import { planVolumeWork, type ClaimVolume, type FsBackupWork, type PlanEntry } from './volume-work-plan';

const claimRef = (name: string) => ({ namespace: 'app', name });
const policy = (type: 'skip' | 'snapshot' | 'fs-backup', parameters: Record<string, unknown> = {}): PlanEntry['reason'] => ({
  kind: 'policy-match',
  position: 0,
  origin: 'backup',
  index: 0,
  conditions: {},
  action: { type, parameters },
});
const setting: PlanEntry['reason'] = { kind: 'snapshot-volumes-setting' };

const pvcEntry = (
  name: string,
  outcome: PlanEntry['outcome'],
  reason: PlanEntry['reason'] = setting,
  more: Partial<PlanEntry> = {},
): PlanEntry => ({
  target: { kind: 'pvc', claim: claimRef(name), volumeName: `pv-${name}` },
  approach: 'snapshot',
  outcome,
  reason,
  reasonText: `${outcome}: x`,
  ...(reason.kind === 'policy-match' ? { action: reason.action.type } : {}),
  ...more,
});
const podEntry = (
  pod: string,
  volume: string,
  claimName: string | undefined,
  outcome: PlanEntry['outcome'],
  reason: PlanEntry['reason'],
): PlanEntry => ({
  target: { kind: 'pod-volume', pod: claimRef(pod), volume, ...(claimName ? { claimName } : {}) },
  approach: 'fs-backup',
  outcome,
  reason,
  reasonText: `${outcome}: y`,
});

const volume = (name: string, csi = true): ClaimVolume => ({ volume: { name: `pv-${name}`, reclaimPolicy: 'Delete', labels: null }, csi });
const volumes = new Map(['moved', 'fs', 'skipped', 'nfs', 'other'].map((name) => [`app/${name}`, volume(name, name !== 'nfs')]));
const owners = {
  pods: [claimRef('web')],
  persistentVolumeClaims: ['moved', 'fs', 'skipped', 'nfs', 'unbound'].map(claimRef),
};

describe('volume work plan - from one policy plan', () => {
  const entries: PlanEntry[] = [
    pvcEntry('moved', 'perform', policy('snapshot', { snapshotClass: 'gold' }), {
      dataMover: { dataMover: 'velero-fs', source: 'backup-spec' },
    }),
    pvcEntry('fs', 'skip', policy('fs-backup')),
    pvcEntry('skipped', 'skip', policy('skip')),
    pvcEntry('nfs', 'perform'),
    pvcEntry('unbound', 'skip'),
    pvcEntry('other', 'perform'),
    podEntry('web', 'fs', 'fs', 'perform', policy('fs-backup')),
    podEntry('web', 'cache', undefined, 'skip', { kind: 'legacy-opt-in', annotation: 'backup.velero.io/backup-volumes', listed: false }),
    podEntry('not-backed-up', 'data', 'moved', 'perform', policy('fs-backup')),
  ];
  const work = planVolumeWork(entries, owners, volumes);

  it('snapshots the performing CSI claims that are backed up, with the policy class and data mover', () => {
    expect(work.snapshots).toEqual([{ claim: claimRef('moved'), policyClass: 'gold', dataMover: 'velero-fs' }]);
  });

  it('backs up the performing pod volumes of backed-up pods only', () => {
    expect(work.fsBackups).toEqual([{ pod: claimRef('web'), volume: 'fs', claimName: 'fs' }]);
  });

  it('skips the claims nobody took, with Velero tracker reasons; fs-backed and unbound claims get none', () => {
    expect(work.skipped).toEqual([
      {
        kind: 'skipped',
        claim: claimRef('skipped'),
        volume: volume('skipped').volume,
        reasons: [
          { approach: 'any', reason: 'skipped due to resource policy ' },
          { approach: 'volumeSnapshot', reason: 'not satisfy the criteria for VolumePolicy or the legacy snapshot way' },
        ],
      },
      {
        kind: 'skipped',
        claim: claimRef('nfs'),
        volume: volume('nfs', false).volume,
        reasons: [
          { approach: 'csiSnapshot', reason: "skipped b/c it's not a CSI volume" },
          { approach: 'volumeSnapshot', reason: 'no applicable volumesnapshotter found' },
        ],
      },
    ]);
  });

  it('a pod opting a claim out adds the podvolume reason', () => {
    const optOut = podEntry('web', 'fs', 'fs', 'skip', {
      kind: 'legacy-opt-out',
      annotation: 'backup.velero.io/backup-volumes-excludes',
      listed: true,
    });
    const result = planVolumeWork([pvcEntry('fs', 'skip'), optOut], owners, volumes);
    expect(result.skipped[0]?.reasons).toEqual([
      { approach: 'podvolume', reason: 'opted out due to annotation in pod web' },
      { approach: 'volumeSnapshot', reason: 'not satisfy the criteria for VolumePolicy or the legacy snapshot way' },
    ]);
  });

  // Velero: pkg/podvolume/backupper.go BackupPodVolumes (isHostPathVolume).
  it.each<[string, boolean | undefined, FsBackupWork]>([
    ['a claim on a hostPath PV is marked', true, { pod: claimRef('web'), volume: 'fs', claimName: 'fs', onHostPath: true }],
    ['a claim on another PV is not', false, { pod: claimRef('web'), volume: 'fs', claimName: 'fs' }],
  ])('fs-backup work - %s', (_, hostPath, expected) => {
    const pvs = new Map([['app/fs', { ...volume('fs'), hostPath }]]);
    const result = planVolumeWork([podEntry('web', 'fs', 'fs', 'perform', policy('fs-backup'))], owners, pvs);
    expect(result.fsBackups).toEqual([expected]);
  });

  // Velero: pkg/backup/actions/csi/pvc_action.go validatePVCandPV (GetPVForPVC) for a claim the policy snapshots.
  it.each<[string, string, string]>([
    ['no volumeName', '', 'PVC app/unbound has no volume backing this claim'],
    ['a PV that does not exist', 'pv-gone', 'failed to get PV pv-gone for PVC app/unbound: persistentvolumes "pv-gone" not found'],
  ])('a snapshotted claim without PV is an item error: %s', (_, volumeName, detail) => {
    const entry = pvcEntry('unbound', 'perform', policy('snapshot'));
    const result = planVolumeWork([{ ...entry, target: { kind: 'pvc', claim: claimRef('unbound'), volumeName } }], owners, volumes);
    expect(result.errors).toEqual([
      {
        namespace: 'app',
        resource: 'persistentvolumeclaims',
        name: 'unbound',
        message: 'Error backing up item',
        error: `error executing custom action (groupResource=persistentvolumeclaims, namespace=app, name=unbound): ${detail}`,
      },
    ]);
    expect([result.snapshots, result.skipped]).toEqual([[], []]);
  });

  it('plan errors of backed-up items become item errors naming the item', () => {
    const error = { code: 'POLICY_PVC_NOT_BOUND', message: 'PVC app/moved is not bound' };
    const result = planVolumeWork(
      [pvcEntry('moved', 'error', setting, { error }), pvcEntry('elsewhere', 'error', setting, { error })],
      owners,
      volumes,
    );
    expect(result.errors).toEqual([
      { namespace: 'app', resource: 'persistentvolumeclaims', name: 'moved', message: 'Error backing up item', error: error.message },
    ]);
    expect(result.snapshots).toEqual([]);
    expect(result.skipped).toEqual([]);
  });
});
