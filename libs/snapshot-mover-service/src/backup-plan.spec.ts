import type { VolumeSnapshotBackup } from '@ferry/api';
import { resolveBackupPlan } from './backup-plan';
import { aPlanWorld, fakeSnapshotMoverApi, planFailure, type PlanWorld } from './testing';

const vsb = (spec: NonNullable<VolumeSnapshotBackup['spec']>): VolumeSnapshotBackup => ({
  apiVersion: 'datamover.oadp.openshift.io/v1alpha1',
  kind: 'VolumeSnapshotBackup',
  metadata: { namespace: 'app', name: 'b', uid: 'u' },
  spec,
});
const goodSpec = { volumeSnapshotContent: { name: 'vsc' }, protectedNamespace: 'velero', resticSecretRef: { name: 'restic' } };

describe('backup plan - inputs resolved and checked', () => {
  it('resolves PVC, labelled class, BSL, repository and credentials', async () => {
    const plan = await resolveBackupPlan(fakeSnapshotMoverApi(aPlanWorld()), vsb(goodSpec));
    expect(plan).toMatchObject({
      protectedNamespace: 'velero',
      snapshotHandle: 'h',
      sourceNamespace: 'app',
      uploader: 'restic',
      repository: 's3:http://minio:9000/b/p/restic/app',
      credentials: { password: 'pw', cloud: '[default]' },
    });
    expect(plan.dataMoverClass.metadata?.name).toBe('ferry-restic');
  });

  it.each<[string, (w: PlanWorld) => void, Partial<typeof goodSpec> | Record<string, unknown>, string, boolean]>([
    ['no protected namespace', () => undefined, { protectedNamespace: '' }, 'spec.protectedNamespace is required', false],
    ['no secret ref', () => undefined, { resticSecretRef: undefined }, 'spec.resticSecretRef.name is required', false],
    ['missing secret', () => undefined, { resticSecretRef: { name: 'nope' } }, 'Secret velero/nope does not exist', false],
    ['secret without password', () => undefined, { resticSecretRef: { name: 'empty' } }, 'no non-empty key RESTIC_PASSWORD', false],
    ['no content name', () => undefined, { volumeSnapshotContent: undefined }, 'spec.volumeSnapshotContent.name is required', false],
    ['missing content', () => undefined, { volumeSnapshotContent: { name: 'gone' } }, 'VolumeSnapshotContent gone does not exist', false],
    [
      'content not ready',
      (w) => {
        w.contents[0] = { ...w.contents[0]!, status: { readyToUse: false } };
      },
      {},
      'is not ready to use yet',
      true,
    ],
    [
      'missing snapshot',
      (w) => {
        w.snapshots = [];
      },
      {},
      'not bound to a VolumeSnapshot of a PVC',
      false,
    ],
    [
      'missing PVC',
      (w) => {
        w.pvcs = [];
      },
      {},
      'source PVC app/db',
      false,
    ],
    [
      'label names no class',
      (w) => {
        w.classes = w.classes.slice(0, 1);
      },
      {},
      'names DataMoverClass "ferry-restic"',
      false,
    ],
    [
      'no BSL',
      (w) => {
        w.locations = [];
      },
      {},
      'no BackupStorageLocation to move to in velero',
      false,
    ],
  ])('%s → a message naming it', async (_title, mutate, spec, message, retryable) => {
    const w = aPlanWorld();
    mutate(w);
    const error = await planFailure(
      resolveBackupPlan(fakeSnapshotMoverApi(w), vsb({ ...goodSpec, ...spec } as NonNullable<VolumeSnapshotBackup['spec']>)),
    );
    expect(error.message).toContain(message);
    expect(error.retryable).toBe(retryable);
  });
});
