// Backup, loss and restore of an application's volumes through Ferry's spawned apps (role server
// runs both controllers): one claim snapshotted with its data moved (DataDownload through the
// DataUploadResult hand-off), one fs-backup volume of a running pod (PodVolumeRestore into the
// restored pod), one skipped by policy (recreated empty) — backup `moved` — and one CSI snapshot kept
// in place — backup `kept` (VolumeSnapshot and content re-created, the claim's dataSource). The
// application namespace is deleted, both backups are restored, and every volume's files are read
// back from the simulated nodes and compared byte for byte.
import { gunzipSync } from 'node:zlib';
import { restoreDefinition, type Restore, type RestoreSpec } from '@ferry/api';
import { deleteTestNamespace, eventually, startApplicationHarness, type ApplicationHarness } from '@ferry/devenv/testing';
import { PatchStrategy, setHeaderOptions } from '@kubernetes/client-node';
import { createCustomResourceClient } from '@ferry/kube';
import { restoreFileKeys } from '@ferry/storage-location';
import { claimFiles as filesOfClaim, writtenFiles } from './claim-files';

const movePolicy = `version: v1
volumePolicies:
- conditions: {pvcLabels: {protect: skip}}
  action: {type: skip}
- conditions: {pvcLabels: {protect: keep}}
  action: {type: skip}
- conditions: {pvcLabels: {protect: fs}}
  action: {type: fs-backup}
- conditions: {pvcLabels: {protect: move}}
  action: {type: snapshot, parameters: {snapshotClass: ferry-snapclass}}
`;
const keepPolicy = `version: v1
volumePolicies:
- conditions: {pvcLabels: {protect: keep}}
  action: {type: snapshot, parameters: {snapshotClass: ferry-snapclass}}
`;
const terminal = ['Completed', 'PartiallyFailed', 'Failed', 'FailedValidation'];

describe('restore volumes - an application backed up, lost and restored with its data', () => {
  let h: ApplicationHarness;
  const restores = () => createCustomResourceClient<Restore>(h.kube, restoreDefinition);
  const outcome: Record<string, Restore> = {};

  const restoreAndWait = async (name: string, spec: RestoreSpec): Promise<Restore> => {
    await restores().create({ apiVersion: 'velero.io/v1', kind: 'Restore', metadata: { name, namespace: h.namespace }, spec });
    return eventually(
      `Restore ${name} ended`,
      async () => {
        const restore = await restores().get(h.namespace, name);
        const phase = restore.status?.phase ?? '';
        if (terminal.includes(phase)) return restore;
        // What a timeout reports: where the restore stands and what it says it waits for.
        throw new Error(
          `phase ${phase || '(none)'}, waiting for: ${restore.metadata?.annotations?.['ferry.io/waiting-for'] ?? '(not said)'}`,
        );
      },
      300_000,
    );
  };

  /** sha256 of every file in claim `claim`, read through `pod` (a new reader pod when none is given). */
  const claimFiles = (claim: string, podName?: string, namespace = h.appNamespace) => filesOfClaim(h, claim, podName, namespace);

  beforeAll(async () => {
    h = await startApplicationHarness('rv');
    await h.filledClaim('moved', { protect: 'move' });
    // The backed-up PV's reclaim policy and labels, which the restore finalizer gives the re-provisioned volume.
    const movedVolume =
      (await h.kube.core.readNamespacedPersistentVolumeClaim({ namespace: h.appNamespace, name: 'moved' })).spec?.volumeName ?? '';
    await h.kube.core.patchPersistentVolume(
      { name: movedVolume, body: { metadata: { labels: { tier: 'gold' } }, spec: { persistentVolumeReclaimPolicy: 'Retain' } } },
      setHeaderOptions('Content-Type', PatchStrategy.MergePatch),
    );
    await h.filledClaim('skipped', { protect: 'skip' });
    await h.filledClaim('kept', { protect: 'keep', tier: 'kept' });
    await h.filledClaim('files', { protect: 'fs' });
    await h.appPod('app', 'files');
    await h.kube.core.createNamespacedConfigMap({
      namespace: h.appNamespace,
      body: { metadata: { name: 'settings' }, data: { mode: 'prod' } },
    });
    for (const [name, document] of [
      ['move-policy', movePolicy],
      ['keep-policy', keepPolicy],
    ] as const) {
      await h.kube.core.createNamespacedConfigMap({
        namespace: h.namespace,
        body: { metadata: { name }, data: { 'policy.yaml': document } },
      });
    }
    await h.createBackup('moved', {
      includedNamespaces: [h.appNamespace],
      snapshotMoveData: true,
      resourcePolicy: { kind: 'configmap', name: 'move-policy' },
    });
    await h.createBackup('kept', {
      includedNamespaces: [h.appNamespace],
      labelSelector: { matchLabels: { tier: 'kept' } },
      resourcePolicy: { kind: 'configmap', name: 'keep-policy' },
    });
    for (const name of ['moved', 'kept']) expect((await h.backupIn(name, terminal)).status?.phase).toBe('Completed');

    await deleteTestNamespace(h.kube, h.appNamespace);
    outcome['kept'] = await restoreAndWait('r-kept', { backupName: 'kept' });
    outcome['moved'] = await restoreAndWait('r-moved', { backupName: 'moved' });
    outcome['nodata'] = await restoreAndWait('r-nodata', {
      backupName: 'moved',
      restorePVs: false,
      namespaceMapping: { [h.appNamespace]: copyNamespace() },
    });
  }, 900_000);

  afterAll(async () => {
    if (h) await deleteTestNamespace(h.kube, copyNamespace());
    await h?.close();
  }, 120_000);

  const copyNamespace = () => `${h.appNamespace}-copy`;

  it('completes both restores; the data mover restore waited for its DataDownload as an operation', () => {
    expect(outcome['kept']?.status).toMatchObject({ phase: 'Completed' });
    expect(outcome['moved']?.status).toMatchObject({
      phase: 'Completed',
      restoreItemOperationsAttempted: 1,
      restoreItemOperationsCompleted: 1,
    });
    expect(outcome['moved']?.status?.progress?.itemsRestored).toBe(outcome['moved']?.status?.progress?.totalItems);
    expect(outcome['moved']?.metadata?.annotations?.['ferry.io/waiting-for']).toBeUndefined();
  });

  it('restores the moved claim’s data through a DataDownload', async () => {
    expect(await claimFiles('moved')).toEqual(writtenFiles('moved'));
  }, 120_000);

  it('gives the re-provisioned volume the backed-up PV’s reclaim policy and labels', async () => {
    const claim = await h.kube.core.readNamespacedPersistentVolumeClaim({ namespace: h.appNamespace, name: 'moved' });
    const volume = await h.kube.core.readPersistentVolume({ name: claim.spec?.volumeName ?? '' });
    expect(volume.spec?.persistentVolumeReclaimPolicy).toBe('Retain');
    expect(volume.metadata?.labels).toEqual({ tier: 'gold' });
  });

  it('restores the fs-backup volume into the restored pod', async () => {
    expect(await claimFiles('files', 'app')).toEqual(writtenFiles('files'));
  }, 120_000);

  it('restores the kept CSI snapshot as the claim’s data source', async () => {
    const claim = await h.kube.core.readNamespacedPersistentVolumeClaim({ namespace: h.appNamespace, name: 'kept' });
    expect(claim.spec?.dataSource).toMatchObject({ kind: 'VolumeSnapshot', apiGroup: 'snapshot.storage.k8s.io' });
    const snapshots = await h.kube.customObjects.listNamespacedCustomObject({
      group: 'snapshot.storage.k8s.io',
      version: 'v1',
      namespace: h.appNamespace,
      plural: 'volumesnapshots',
    });
    const [snapshot] = (snapshots as { items: { metadata: { name: string; labels?: Record<string, string> } }[] }).items;
    expect(snapshot?.metadata.labels?.['velero.io/restore-name']).toBe('r-kept');
    // Velero's name for a restored snapshot: sha256 of `<restore uid>/<backed-up snapshot>`.
    expect(snapshot?.metadata.name).toMatch(/^[0-9a-f]{64}$/);
    expect(claim.spec?.dataSource?.name).toBe(snapshot?.metadata.name);
    expect(await claimFiles('kept')).toEqual(writtenFiles('kept'));
  }, 120_000);

  it('recreates the skipped claim empty', async () => {
    expect(await claimFiles('skipped')).toEqual({});
  }, 120_000);

  it('restorePVs false: the moved claim comes back without data and no DataDownload; fs-backup volumes still restore', async () => {
    expect(outcome['nodata']?.status?.phase).toBe('Completed');
    expect(outcome['nodata']?.status?.restoreItemOperationsAttempted).toBeUndefined();
    const claim = await h.kube.core.readNamespacedPersistentVolumeClaim({ namespace: copyNamespace(), name: 'moved' });
    expect(claim.spec?.selector).toBeUndefined();
    expect(await claimFiles('moved', undefined, copyNamespace())).toEqual({});
    expect(await claimFiles('files', 'app', copyNamespace())).toEqual(writtenFiles('files'));
  }, 120_000);

  const volumeInfo = async (restore: string) => {
    const body = await h.store.getObject(restoreFileKeys(h.prefix, restore).volumeInfo);
    return JSON.parse(gunzipSync(body ?? Buffer.alloc(0)).toString('utf8')) as Record<string, unknown>[];
  };

  it('writes the restore volume info: the fs-backup and the data-moved volume (not the skipped one)', async () => {
    const infos = await volumeInfo('r-moved');
    const claim = async (name: string) => h.kube.core.readNamespacedPersistentVolumeClaim({ namespace: h.appNamespace, name });
    expect(infos).toEqual([
      {
        pvcName: 'files',
        pvcNamespace: h.appNamespace,
        pvName: (await claim('files')).spec?.volumeName,
        restoreMethod: 'PodVolumeRestore',
        snapshotDataMoved: false,
        pvrInfo: expect.objectContaining({
          uploaderType: 'kopia',
          volumeName: 'data',
          podName: 'app',
          podNamespace: h.appNamespace,
        }) as unknown,
      },
      {
        pvcName: 'moved',
        pvcNamespace: h.appNamespace,
        pvName: (await claim('moved')).spec?.volumeName,
        restoreMethod: 'CSISnapshot',
        snapshotDataMoved: true,
        snapshotDataMovementInfo: expect.objectContaining({
          // The backup's DataUpload named the newest Velero's built-in file-system data mover.
          dataMover: 'velero-fs',
          uploaderType: 'kopia',
          operationID: expect.stringMatching(/^dd-/) as unknown,
        }) as unknown,
      },
    ]);
  });

  it('writes the restore volume info of the CSI snapshot restore', async () => {
    const [info] = await volumeInfo('r-kept');
    expect(info).toMatchObject({ pvcName: 'kept', restoreMethod: 'CSISnapshot', snapshotDataMoved: false });
    expect(info?.['csiSnapshotInfo']).toMatchObject({
      driver: expect.any(String) as unknown,
      snapshotHandle: expect.any(String) as unknown,
    });
  });

  it('writes the DataDownload operation and leaves no DataUploadResult ConfigMap', async () => {
    const body = await h.store.getObject(restoreFileKeys(h.prefix, 'r-moved').itemOperations);
    const operations = JSON.parse(gunzipSync(body ?? Buffer.alloc(0)).toString('utf8')) as { spec: object; status: { phase: string } }[];
    expect(operations).toHaveLength(1);
    expect(operations[0]).toMatchObject({
      spec: {
        restoreName: 'r-moved',
        restoreItemAction: 'velero.io/csi-pvc-restorer',
        resourceIdentifier: { Group: '', Resource: 'persistentvolumeclaims', Namespace: h.appNamespace, Name: 'moved' },
      },
      status: { phase: 'Completed', operationUnits: 'Bytes' },
    });
    const configMaps = await h.kube.core.listNamespacedConfigMap({
      namespace: h.namespace,
      labelSelector: 'velero.io/resource-usage=DataUpload',
    });
    expect(configMaps.items).toEqual([]);
  });
});
