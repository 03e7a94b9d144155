import type {
  BackupStorageLocation,
  DataMoverClass,
  VolumeSnapshot,
  VolumeSnapshotBackup,
  VolumeSnapshotContent,
  VolumeSnapshotRestore,
} from '@ferry/api';
import type { CustomResourceClient } from '@ferry/kube';
import type { V1PersistentVolumeClaim, V1Secret } from '@kubernetes/client-node';
import { resolveBackupPlan } from './backup-plan';
import { SnapshotMoverError } from './errors';
import { resolveRestorePlan } from './restore-plan';
import type { SnapshotMoverApi } from './snapshot-mover-api';

interface World {
  secrets: V1Secret[];
  contents: VolumeSnapshotContent[];
  snapshots: VolumeSnapshot[];
  pvcs: V1PersistentVolumeClaim[];
  classes: DataMoverClass[];
  locations: BackupStorageLocation[];
}

const key = (o: { metadata?: { namespace?: string; name?: string } }) => `${o.metadata?.namespace ?? ''}/${o.metadata?.name ?? ''}`;

function readOnly<T extends { metadata?: { namespace?: string; name?: string } }>(items: () => T[]) {
  const find = async (namespace: string | undefined, name: string) => items().find((o) => key(o) === `${namespace ?? ''}/${name}`);
  return { find, list: async (namespace?: string) => items().filter((o) => !namespace || o.metadata?.namespace === namespace) } as unknown;
}

function fakeApi(world: World): SnapshotMoverApi {
  return {
    contents: readOnly(() => world.contents) as CustomResourceClient<VolumeSnapshotContent>,
    snapshots: readOnly(() => world.snapshots) as CustomResourceClient<VolumeSnapshot>,
    classes: readOnly(() => world.classes) as CustomResourceClient<DataMoverClass>,
    locations: readOnly(() => world.locations) as CustomResourceClient<BackupStorageLocation>,
    veleroBackups: readOnly(() => []),
    findSecret: async (namespace: string, name: string) => world.secrets.find((s) => key(s) === `${namespace}/${name}`),
    findPvc: async (namespace: string, name: string) => world.pvcs.find((p) => key(p) === `${namespace}/${name}`),
  } as unknown as SnapshotMoverApi;
}

function world(): World {
  return {
    secrets: [
      { metadata: { namespace: 'velero', name: 'restic' }, data: { RESTIC_PASSWORD: Buffer.from('pw').toString('base64') } },
      { metadata: { namespace: 'velero', name: 'creds' }, stringData: { cloud: '[default]' } },
      { metadata: { namespace: 'velero', name: 'empty' }, data: {} },
    ],
    contents: [
      {
        apiVersion: 'snapshot.storage.k8s.io/v1',
        kind: 'VolumeSnapshotContent',
        metadata: { name: 'vsc' },
        spec: {
          deletionPolicy: 'Delete',
          driver: 'd',
          source: {},
          volumeSnapshotClassName: 'snapclass',
          volumeSnapshotRef: { name: 'snap', namespace: 'app' },
        },
        status: { snapshotHandle: 'h', readyToUse: true },
      },
    ],
    snapshots: [
      {
        apiVersion: 'snapshot.storage.k8s.io/v1',
        kind: 'VolumeSnapshot',
        metadata: { namespace: 'app', name: 'snap' },
        spec: { source: { persistentVolumeClaimName: 'db' } },
      },
    ],
    pvcs: [
      {
        metadata: { namespace: 'app', name: 'db', labels: { 'datamover.oadp.openshift.io/class': 'ferry-restic' } },
        spec: { storageClassName: 'standard', resources: { requests: { storage: '1Gi' } } },
      },
    ],
    classes: [
      {
        apiVersion: 'x',
        kind: 'DataMoverClass',
        metadata: { name: 'ferry-kopia', annotations: { 'datamover.oadp.openshift.io/is-default-class': 'true' } },
        spec: { mover: 'ferry', datamover: 'ferry-kopia' },
      },
      {
        apiVersion: 'x',
        kind: 'DataMoverClass',
        metadata: { name: 'ferry-restic' },
        spec: { mover: 'ferry', datamover: 'ferry-restic', dataMoverConfig: { uploaderType: 'restic' } },
      },
    ],
    locations: [
      {
        apiVersion: 'velero.io/v1',
        kind: 'BackupStorageLocation',
        metadata: { namespace: 'velero', name: 'default' },
        spec: {
          provider: 'aws',
          default: true,
          objectStorage: { bucket: 'b', prefix: 'p' },
          config: { s3Url: 'http://minio:9000' },
          credential: { name: 'creds', key: 'cloud' },
        },
      },
    ],
  };
}

const vsb = (spec: NonNullable<VolumeSnapshotBackup['spec']>): VolumeSnapshotBackup => ({
  apiVersion: 'datamover.oadp.openshift.io/v1alpha1',
  kind: 'VolumeSnapshotBackup',
  metadata: { namespace: 'app', name: 'b', uid: 'u' },
  spec,
});
const goodSpec = { volumeSnapshotContent: { name: 'vsc' }, protectedNamespace: 'velero', resticSecretRef: { name: 'restic' } };

async function failure(run: Promise<unknown>): Promise<SnapshotMoverError> {
  try {
    await run;
  } catch (error) {
    if (error instanceof SnapshotMoverError) return error;
    throw error;
  }
  throw new Error('expected a failure');
}

describe('backup plan - inputs resolved and checked', () => {
  it('resolves PVC, labelled class, BSL, repository and credentials', async () => {
    const plan = await resolveBackupPlan(fakeApi(world()), vsb(goodSpec));
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

  it.each<[string, (w: World) => void, Partial<typeof goodSpec> | Record<string, unknown>, string, boolean]>([
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
    const w = world();
    mutate(w);
    const error = await failure(resolveBackupPlan(fakeApi(w), vsb({ ...goodSpec, ...spec } as NonNullable<VolumeSnapshotBackup['spec']>)));
    expect(error.message).toContain(message);
    expect(error.retryable).toBe(retryable);
  });
});

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
    const plan = await resolveRestorePlan(fakeApi(world()), vsr(id, ref));
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
    expect((await failure(resolveRestorePlan(fakeApi(world()), vsr(annotations, backupRef)))).message).toContain(message);
  });
});
