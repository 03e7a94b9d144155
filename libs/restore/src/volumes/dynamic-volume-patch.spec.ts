import type { BackupVolumeInfo } from '@ferry/api';
import {
  checkDynamicVolume,
  dynamicVolumeTargets,
  type DynamicVolumeCheck,
  type DynamicVolumeState,
  type DynamicVolumeTarget,
} from './dynamic-volume-patch';

const info = (pvcName: string, backupMethod: string | undefined, pvInfo = { reclaimPolicy: 'Retain', labels: { tier: 'gold' } }) =>
  ({ pvcName, pvcNamespace: 'app', pvName: `pv-${pvcName}`, backupMethod, pvInfo }) as unknown as BackupVolumeInfo;

describe('dynamicVolumeTargets (velero patchDynamicPVWithVolumeInfo selection)', () => {
  it('takes pod volume and CSI volumes with pvInfo whose claim the restore created, namespace mapped', () => {
    const infos = [info('fs', 'PodVolumeBackup'), info('csi', 'CSISnapshot'), info('skipped', undefined), info('gone', 'CSISnapshot')];
    const targets = dynamicVolumeTargets(infos, { app: 'copy' }, [
      { namespace: 'copy', name: 'fs' },
      { namespace: 'copy', name: 'csi' },
      { namespace: 'copy', name: 'skipped' },
    ]);
    expect(targets.map((target) => `${target.claimNamespace}/${target.claimName}`)).toEqual(['copy/fs', 'copy/csi']);
    expect(targets[0]).toEqual({
      claimNamespace: 'copy',
      claimName: 'fs',
      backedUpVolume: 'pv-fs',
      reclaimPolicy: 'Retain',
      labels: { tier: 'gold' },
    });
  });
});

const target: DynamicVolumeTarget = {
  claimNamespace: 'app',
  claimName: 'data',
  backedUpVolume: 'pv-old',
  reclaimPolicy: 'Retain',
  labels: { tier: 'gold' },
};
const bound = { metadata: { name: 'data' }, spec: { volumeName: 'pv-new', storageClassName: 'fast' }, status: { phase: 'Bound' } };
const volume = (labels: Record<string, string>, policy: string, claim = 'data') => ({
  metadata: { name: 'pv-new', labels },
  spec: { persistentVolumeReclaimPolicy: policy, claimRef: { namespace: 'app', name: claim } },
  status: { phase: 'Bound' },
});
const state = (overrides: Partial<DynamicVolumeState>): DynamicVolumeState => ({
  claim: bound,
  volume: volume({}, 'Delete'),
  operationPhases: [],
  waitsForFirstConsumer: false,
  ...overrides,
});

describe('checkDynamicVolume (velero patchDynamicPVWithVolumeInfo poll)', () => {
  it.each<[string, Partial<DynamicVolumeState>, DynamicVolumeCheck]>([
    ['claim not found yet', { claim: undefined }, { kind: 'wait', reason: 'claim not created yet' }],
    ['claim pending', { claim: { ...bound, status: { phase: 'Pending' } } }, { kind: 'wait', reason: 'claim Pending, no PV bound yet' }],
    [
      'claim pending on its snapshot data source',
      {
        claim: {
          ...bound,
          spec: { storageClassName: 'fast', dataSource: { apiGroup: 'snapshot.storage.k8s.io', kind: 'VolumeSnapshot', name: 'vs-1' } },
          status: { phase: 'Pending' },
        },
      },
      { kind: 'wait', reason: 'claim Pending (data source VolumeSnapshot vs-1), no PV bound yet' },
    ],
    [
      'pending on a WaitForFirstConsumer class',
      { claim: { ...bound, status: { phase: 'Pending' } }, waitsForFirstConsumer: true },
      { kind: 'done', skipped: 'its StorageClass binds on first consumer and the PVC is pending' },
    ],
    [
      'the data mover operation failed',
      { operationPhases: ['Failed'] },
      { kind: 'done', skipped: 'the operation to restore the PVC is not completed (phase Failed)' },
    ],
    ['volume not found yet', { volume: undefined }, { kind: 'wait', reason: 'PV pv-new not found yet' }],
    [
      'volume not bound yet',
      { volume: { ...volume({}, 'Delete'), status: { phase: 'Available' } } },
      { kind: 'wait', reason: 'PV pv-new Available, not Bound yet' },
    ],
    [
      'volume bound by another claim',
      { volume: volume({}, 'Delete', 'other') },
      {
        kind: 'error',
        message: 'PV was bound by unexpected PVC, unexpected PVC: app/other, expected PVC: app/data',
      },
    ],
    [
      'policy and labels differ: patched, extra labels removed',
      { volume: volume({ extra: 'x' }, 'Delete') },
      {
        kind: 'patch',
        volumeName: 'pv-new',
        patch: { metadata: { labels: { tier: 'gold', extra: null } }, spec: { persistentVolumeReclaimPolicy: 'Retain' } },
      },
    ],
    ['already as backed up (extra labels kept, as Velero)', { volume: volume({ tier: 'gold', extra: 'x' }, 'Retain') }, { kind: 'done' }],
  ])('%s', (_name, overrides, expected) => {
    expect(checkDynamicVolume(target, state(overrides))).toEqual(expected);
  });
});
