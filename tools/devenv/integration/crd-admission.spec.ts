import {
  dataUploadDefinition,
  validateResource,
  volumeSnapshotBackupDefinition,
  type DataUpload,
  type VolumeSnapshotBackup,
} from '@ferry/api';
import { loadEnvironmentInfo } from '../src/testing';
import { createCustomResourceClient, createKubeClient, KubeError, KubeErrorCode } from '@ferry/kube';

/**
 * Ferry's generated CRDs, installed in the real API server, reject bad objects naming the field —
 * and Ferry's own validation names the same field — while valid objects round-trip through the
 * typed client, with status written the way each group expects.
 */
describe('custom resources - admission by the real API server', () => {
  const kube = createKubeClient({ kind: 'file', kubeconfigPath: loadEnvironmentInfo().kubeconfigPath });
  const namespace = `crd-admission-${Date.now()}`;
  const dataUploads = createCustomResourceClient<DataUpload>(kube, dataUploadDefinition);
  const snapshotBackups = createCustomResourceClient<VolumeSnapshotBackup>(kube, volumeSnapshotBackupDefinition);

  beforeAll(() => kube.core.createNamespace({ body: { metadata: { name: namespace } } }));

  const aDataUpload = (name: string): DataUpload => ({
    apiVersion: 'velero.io/v2alpha1',
    kind: 'DataUpload',
    metadata: { name, namespace },
    spec: {
      snapshotType: 'CSI',
      csiSnapshot: { volumeSnapshot: 'vs-1', storageClass: 'standard', snapshotClass: 'ferry-snapclass' },
      sourcePVC: 'data',
      sourceNamespace: 'app',
      backupStorageLocation: 'default',
      datamover: 'velero',
      operationTimeout: '10m0s',
    },
  });

  async function rejection(object: object): Promise<KubeError> {
    const error = await dataUploads.create(object as DataUpload).then(
      () => undefined,
      (caught: unknown) => caught,
    );
    if (!(error instanceof KubeError)) throw new Error(`expected a KubeError, got ${String(error)}`);
    return error;
  }

  it.each([
    ['a wrong enum value', (du: DataUpload) => ({ ...du, status: { phase: 'Finished' } }), 'status.phase'],
    ['a wrong type', (du: DataUpload) => ({ ...du, spec: { ...du.spec, sourcePVC: 42 } }), 'spec.sourcePVC'],
    ['a missing required field', (du: DataUpload) => ({ ...du, spec: { ...du.spec, sourceNamespace: undefined } }), 'spec.sourceNamespace'],
    ['a wrong nested type', (du: DataUpload) => ({ ...du, status: { progress: { totalBytes: 'lots' } } }), 'status.progress.totalBytes'],
  ])('rejects %s naming the field, as Ferry validation does', async (_case, corrupt, field) => {
    const bad = corrupt(aDataUpload(`bad-${field.replace(/\W/g, '-').toLowerCase()}`));

    const error = await rejection(bad);
    expect(error.code).toBe(KubeErrorCode.Invalid);
    expect(error.causes.map((cause) => cause.field)).toContain(field);

    const local = validateResource('DataUpload', bad);
    expect(local.ok).toBe(false);
    expect(local.ok ? [] : local.issues.map((issue) => issue.path)).toContain(field);
  });

  it('round-trips a DataUpload; its status is written with the object (no status subresource, like Velero)', async () => {
    const created = await dataUploads.create(aDataUpload('du-round-trip'));
    expect(created.spec).toEqual(aDataUpload('du-round-trip').spec);

    await dataUploads.updateStatus(namespace, 'du-round-trip', () => ({
      phase: 'InProgress',
      node: 'ferry-node-1',
      progress: { totalBytes: 5_000_000_000, bytesDone: 1_250_000_000 },
    }));
    const read = await dataUploads.get(namespace, 'du-round-trip');
    expect(read.status).toEqual({
      phase: 'InProgress',
      node: 'ferry-node-1',
      progress: { totalBytes: 5_000_000_000, bytesDone: 1_250_000_000 },
    });
    expect(validateResource('DataUpload', read).ok).toBe(true);

    await dataUploads.patch(namespace, 'du-round-trip', { status: { phase: 'Completed' } });
    expect((await dataUploads.get(namespace, 'du-round-trip')).status?.phase).toBe('Completed');
  });

  it('round-trips a VolumeSnapshotBackup; its status changes only through the status subresource', async () => {
    await snapshotBackups.create({
      apiVersion: 'datamover.oadp.openshift.io/v1alpha1',
      kind: 'VolumeSnapshotBackup',
      metadata: { name: 'vsb-round-trip', namespace },
      spec: { volumeSnapshotContent: { name: 'snapcontent-1' }, protectedNamespace: 'velero', resticSecretRef: { name: 'restic-secret' } },
    });

    await snapshotBackups.updateStatus(namespace, 'vsb-round-trip', () => ({ phase: 'InProgress', batchingStatus: 'Processing' }));
    expect((await snapshotBackups.get(namespace, 'vsb-round-trip')).status).toEqual({ phase: 'InProgress', batchingStatus: 'Processing' });

    await snapshotBackups.patch(namespace, 'vsb-round-trip', { status: { phase: 'Completed' } });
    expect((await snapshotBackups.get(namespace, 'vsb-round-trip')).status?.phase).toBe('InProgress');
  });
});
