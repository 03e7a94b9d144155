import type { BackupVolumeInfo } from '@ferry/api';
import {
  checkDynamicVolume,
  claimOperationPhases,
  dynamicVolumeTargets,
  type DynamicVolumeCheck,
  type DynamicVolumeState,
  type DynamicVolumeTarget,
} from './dynamic-volume-patch';
import type { RestoreOperation } from './restore-item-operations';

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

describe('dynamic volume patch - velero cases', () => {
  const pvInfo = (label: string) => ({ reclaimPolicy: 'Delete', labels: { [label]: `${label}-val` } });
  const entry = (pvcNamespace: string, pvcName: string, backupMethod: string, withInfo = true) =>
    ({
      pvcName,
      pvcNamespace,
      pvName: `pv${pvcName.slice(3)}`,
      backupMethod,
      ...(withInfo ? { pvInfo: pvInfo(`label${pvcName.slice(3)}`) } : {}),
    }) as unknown as BackupVolumeInfo;

  // velero restore_finalizer_controller_test.go TestPatchDynamicPVWithVolumeInfo (which volumes are patched)
  it.each<[string, BackupVolumeInfo[], Record<string, string>, string[], string[]]>([
    ['no applicable volumeInfo', [entry('ns1', 'pvc1', 'VeleroNativeSnapshot')], {}, ['ns1/pvc1'], []],
    ['no restored PVC', [entry('ns1', 'pvc1', 'PodVolumeBackup', false)], {}, [], []],
    ['a PVC not restored', [entry('ns1', 'pvc1', 'PodVolumeBackup')], {}, [], []],
    ['an applicable pv patch', [entry('ns1', 'pvc1', 'PodVolumeBackup')], {}, ['ns1/pvc1'], ['ns1/pvc1']],
    ['a mapped namespace restore', [entry('ns2', 'pvc1', 'PodVolumeBackup')], { ns2: 'ns1' }, ['ns1/pvc1'], ['ns1/pvc1']],
    [
      'two applicable pv patches',
      [entry('ns1', 'pvc1', 'PodVolumeBackup'), entry('ns2', 'pvc2', 'CSISnapshot')],
      {},
      ['ns1/pvc1', 'ns2/pvc2'],
      ['ns1/pvc1', 'ns2/pvc2'],
    ],
  ])('targets: %s', (_name, infos, mapping, restored, expected) => {
    const claims = restored.map((key) => ({ namespace: key.split('/')[0] ?? '', name: key.split('/')[1] ?? '' }));
    const targets = dynamicVolumeTargets(infos, mapping, claims);
    expect(targets.map((found) => `${found.claimNamespace}/${found.claimName}`)).toEqual(expected);
  });

  const pvc1: DynamicVolumeTarget = {
    claimNamespace: 'ns1',
    claimName: 'pvc1',
    backedUpVolume: 'pv1',
    reclaimPolicy: 'Delete',
    labels: { label1: 'label1-val' },
  };
  const claim = { metadata: { namespace: 'ns1', name: 'pvc1' }, spec: { volumeName: 'new-pv1' }, status: { phase: 'Bound' } };
  const newVolume = (policy: string, claimRef: { namespace: string; name: string }, labels?: Record<string, string>) => ({
    metadata: { name: 'new-pv1', ...(labels ? { labels } : {}) },
    spec: { persistentVolumeReclaimPolicy: policy, claimRef },
    status: { phase: 'Bound' },
  });

  // velero restore_finalizer_controller_test.go TestPatchDynamicPVWithVolumeInfo (one look at a bound claim)
  it.each<[string, ReturnType<typeof newVolume>, DynamicVolumeCheck]>([
    ['no applicable pv patch', newVolume('Delete', { namespace: 'ns1', name: 'pvc1' }, { label1: 'label1-val' }), { kind: 'done' }],
    [
      'an applicable pv patch',
      newVolume('Retain', { namespace: 'ns1', name: 'pvc1' }),
      {
        kind: 'patch',
        volumeName: 'new-pv1',
        patch: { metadata: { labels: { label1: 'label1-val' } }, spec: { persistentVolumeReclaimPolicy: 'Delete' } },
      },
    ],
    [
      'an applicable pv patch with bound error',
      newVolume('Retain', { namespace: 'ns2', name: 'pvc2' }),
      { kind: 'error', message: 'PV was bound by unexpected PVC, unexpected PVC: ns2/pvc2, expected PVC: ns1/pvc1' },
    ],
  ])('check: %s', (_name, volume, expected) => {
    expect(checkDynamicVolume(pvc1, { claim, volume, operationPhases: [], waitsForFirstConsumer: false })).toEqual(expected);
  });

  const operation = (resource: string, name: string, restoreItemAction = 'velero.io/csi-pvc-restorer', phase = 'Completed') =>
    ({
      spec: {
        restoreName: 'restore-1',
        restoreUID: 'uid-1',
        restoreItemAction,
        resourceIdentifier: { Group: '', Resource: resource, Namespace: 'ns1', Name: name },
        operationID: 'dd-1',
      },
      status: { phase },
    }) as RestoreOperation;

  // velero restore_finalizer_controller_test.go TestRestoreOperationList (SelectByPVC), and the CSI PVC restorer check
  it.each<[string, RestoreOperation[], string[]]>([
    ['no restore operations', [], []],
    ['one operation with matched info', [operation('persistentvolumeclaims', 'pvc1')], ['Completed']],
    ['one operation with incorrect resource type', [operation('configmaps', 'pvc1')], []],
    ['an operation on another claim', [operation('persistentvolumeclaims', 'pvc2')], []],
    ['an operation of another action', [operation('persistentvolumeclaims', 'pvc1', 'example.io/other', 'InProgress')], []],
  ])('operations: %s', (_name, operations, phases) => {
    expect(claimOperationPhases(operations, pvc1)).toEqual(phases);
  });
});
