// Test support of the snapshot mover's plan resolution: a small cluster (Secrets, a snapshot and
// its content, a labelled PVC, the built-in DataMoverClasses, a default BSL) behind a read-only
// fake of the service's API clients. Specs only; production code never imports this.
import type { BackupStorageLocation, DataMoverClass, VolumeSnapshot, VolumeSnapshotContent } from '@ferry/api';
import type { CustomResourceClient } from '@ferry/kube';
import type { V1PersistentVolumeClaim, V1Secret } from '@kubernetes/client-node';
import { SnapshotMoverError } from '../errors';
import type { SnapshotMoverApi } from '../snapshot-mover-api';

/** The objects the fake API serves. */
export interface PlanWorld {
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

/** Read-only API clients over `world` (find and list only). */
export function fakeSnapshotMoverApi(world: PlanWorld): SnapshotMoverApi {
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

/** A cluster in which a backup and a restore of VolumeSnapshot app/snap resolve. */
export function aPlanWorld(): PlanWorld {
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

/** The SnapshotMoverError `run` rejects with; throws when it resolves or rejects otherwise. */
export async function planFailure(run: Promise<unknown>): Promise<SnapshotMoverError> {
  try {
    await run;
  } catch (error) {
    if (error instanceof SnapshotMoverError) return error;
    throw error;
  }
  throw new Error('expected a failure');
}
