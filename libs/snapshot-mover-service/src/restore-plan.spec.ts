import type { VolumeSnapshotRestore } from '@ferry/api';
import { resolveRestorePlan } from './restore-plan';
import { aPlanWorld, fakeSnapshotMoverApi, planFailure } from './testing';

describe('restore plan - inputs resolved and checked', () => {
  const vsr = (annotations: Record<string, string>, ref: Record<string, unknown>): VolumeSnapshotRestore => ({
    apiVersion: 'datamover.oadp.openshift.io/v1alpha1',
    kind: 'VolumeSnapshotRestore',
    metadata: { namespace: 'other', name: 'r', annotations },
    spec: { protectedNamespace: 'velero', resticSecretRef: { name: 'restic' }, volumeSnapshotMoverBackupRef: ref },
  });
  const ref = {
    resticrepository: 's3:http://minio:9000/b/p/restic/app',
    sourcePVCData: { name: 'db', size: '1Gi', storageClassName: 'standard' },
    volumeSnapshotClassName: 'snapclass',
  };
  const id = { 'datamover.oadp.openshift.io/snapshot-id': 'abc' };

  it('resolves BSL from the repository, namespace and tool from its tail, default class with the repository tool', async () => {
    const plan = await resolveRestorePlan(fakeSnapshotMoverApi(aPlanWorld()), vsr(id, ref));
    expect(plan).toMatchObject({
      volumeNamespace: 'app',
      snapshotId: 'abc',
      size: '1Gi',
      storageClassName: 'standard',
      volumeSnapshotClassName: 'snapclass',
    });
    expect(plan.location.metadata?.name).toBe('default');
    expect(plan.dataMoverClass.metadata?.name).toBe('ferry-kopia');
    expect(plan.dataMoverConfig).toEqual({ uploaderType: 'restic' });
  });

  it.each<[string, Record<string, string>, Record<string, unknown>, string]>([
    ['no repository', id, { ...ref, resticrepository: '' }, 'resticrepository is required'],
    ['no snapshot id', {}, ref, 'datamover.oadp.openshift.io/snapshot-id] is required'],
    ['no size', id, { ...ref, sourcePVCData: { name: 'db' } }, 'sourcePVCData.size is required'],
    ['no snapshot class', id, { ...ref, volumeSnapshotClassName: '' }, 'volumeSnapshotClassName is required'],
    [
      'repository of no BSL',
      id,
      { ...ref, resticrepository: 's3:http://elsewhere/b/restic/app' },
      'is not the repository of any BackupStorageLocation',
    ],
    ['class annotation naming nothing', { ...id, 'datamover.oadp.openshift.io/class': 'nope' }, ref, 'names DataMoverClass "nope"'],
  ])('%s → a message naming it', async (_title, annotations, backupRef, message) => {
    expect((await planFailure(resolveRestorePlan(fakeSnapshotMoverApi(aPlanWorld()), vsr(annotations, backupRef)))).message).toContain(
      message,
    );
  });
});
