// The volume step of a Backup end to end: three claims with data — one snapshotted and moved, one
// backed up with fs-backup, one skipped, each by a volume policy — planned by the real policy
// service, the DataUpload and PodVolumeBackup moved by the real exposer, controller and movers.
import { backupVolumeInfos, dataUploadOperationId, skippedReasonText, type BackupOperation, type VolumeInfoInput } from '@ferry/backup';
import { stat } from 'node:fs/promises';
import { aClaim, createClaim, eventually, simulatorLayout, snapshotDirectory } from '@ferry/devenv/testing';
import type { Backup } from '@ferry/api';
import { createBackupVolumeOperations, type BackupVolumeOperations } from '../src/index';
import { startVolumesHarness, type VolumesHarness } from './backup-volumes-harness';

const policyDocument = `version: v1
volumePolicies:
- conditions: {pvcLabels: {protect: skip}}
  action: {type: skip}
- conditions: {pvcLabels: {protect: fs}}
  action: {type: fs-backup}
- conditions: {pvcLabels: {protect: move}}
  action: {type: snapshot, parameters: {snapshotClass: ferry-snapclass}}
- conditions: {pvcLabels: {protect: badclass}}
  action: {type: snapshot, parameters: {snapshotClass: missing-class}}
`;

describe('backup volumes - one plan, three volumes, the real data path', () => {
  let h: VolumesHarness;
  let ops: BackupVolumeOperations;
  let backup: Backup;
  const claimUid = new Map<string, string>();
  const claimVolume = new Map<string, string>();

  beforeAll(async () => {
    h = await startVolumesHarness('e2e');
    ops = createBackupVolumeOperations({ kube: h.kube, nats: h.nats, contracts: h.contracts, snapshotPollMs: 250 });
    await h.filledClaim('moved', { protect: 'move' });
    await h.filledClaim('skipped', { protect: 'skip' });
    await h.filledClaim('files', { protect: 'fs' });
    await h.appPod('app', 'files');
    await createClaim(h.kube, aClaim(h.appNamespace, 'badclass', { labels: { protect: 'badclass' } }));
    // An unknown storage class stays Pending, as in a real cluster.
    await createClaim(h.kube, aClaim(h.appNamespace, 'pending', { storageClass: 'no-such-class' }));
    await eventually('claim badclass bound', async () => {
      const claim = await h.kube.core.readNamespacedPersistentVolumeClaim({ namespace: h.appNamespace, name: 'badclass' });
      return claim.status?.phase === 'Bound';
    });
    for (const name of ['moved', 'skipped', 'files']) {
      const claim = await h.kube.core.readNamespacedPersistentVolumeClaim({ namespace: h.appNamespace, name });
      claimUid.set(name, claim.metadata?.uid ?? '');
      claimVolume.set(name, claim.spec?.volumeName ?? '');
    }
    await h.kube.core.createNamespacedConfigMap({
      namespace: h.namespace,
      body: { metadata: { name: 'volume-policy' }, data: { 'policy.yaml': policyDocument } },
    });
    backup = await h.backups.create({
      apiVersion: 'velero.io/v1',
      kind: 'Backup',
      metadata: { name: 'nightly', namespace: h.namespace },
      spec: {
        includedNamespaces: [h.appNamespace],
        storageLocation: 'default',
        snapshotMoveData: true,
        datamover: 'velero-fs',
        csiSnapshotTimeout: '2m',
        resourcePolicy: { kind: 'configmap', name: 'volume-policy' },
      },
    });
  }, 300_000);

  afterAll(async () => {
    await h?.close();
  }, 120_000);

  const owners = () => ({
    pods: [{ namespace: h.appNamespace, name: 'app' }],
    persistentVolumeClaims: ['moved', 'skipped', 'files'].map((name) => ({ namespace: h.appNamespace, name })),
  });

  it('start creates one DataUpload and one PodVolumeBackup as Velero does, and again nothing more', async () => {
    await ops.start(backup, owners());
    await ops.start(backup, owners());
    const uid = backup.metadata?.uid ?? '';
    const [du, ...moreUploads] = await h.dataUploads.list(h.namespace, { labelSelector: `velero.io/backup-uid=${uid}` });
    const [pvb, ...morePvbs] = await h.podVolumeBackups.list(h.namespace, { labelSelector: `velero.io/backup-uid=${uid}` });
    expect(moreUploads).toEqual([]);
    expect(morePvbs).toEqual([]);
    expect(du?.metadata?.generateName).toBe('nightly-');
    expect(du?.metadata?.ownerReferences).toEqual([{ apiVersion: 'velero.io/v1', kind: 'Backup', name: 'nightly', uid, controller: true }]);
    // The data-path controller may have added its own marks (velero.io/expose-on-going) meanwhile.
    expect(du?.metadata?.labels).toMatchObject({
      'velero.io/backup-name': 'nightly',
      'velero.io/backup-uid': uid,
      'velero.io/pvc-uid': claimUid.get('moved'),
      // Velero's label.GetValidName: over 63 characters, trimmed and suffixed with a hash.
      'velero.io/async-operation-id': dataUploadOperationId(uid, claimUid.get('moved') ?? ''),
    });
    expect(du?.spec).toMatchObject({
      snapshotType: 'CSI',
      csiSnapshot: { storageClass: 'standard', snapshotClass: 'ferry-snapclass' },
      sourcePVC: 'moved',
      sourceNamespace: h.appNamespace,
      datamover: 'velero-fs',
      backupStorageLocation: 'default',
      operationTimeout: '2m0s',
    });
    expect(du?.spec?.csiSnapshot?.volumeSnapshot).toMatch(/^velero-moved-/);
    expect(pvb?.metadata?.labels).toMatchObject({
      'velero.io/backup-name': 'nightly',
      'velero.io/backup-uid': uid,
      'velero.io/pvc-uid': claimUid.get('files'),
    });
    expect(pvb?.spec).toMatchObject({
      pod: { kind: 'Pod', namespace: h.appNamespace, name: 'app' },
      volume: 'data',
      repoIdentifier: '',
      uploaderType: 'kopia',
    });
    expect(pvb?.spec?.node).toBeTruthy();
  }, 180_000);

  it('the DataUpload and PodVolumeBackup complete through the real data path; check reports it as Velero would', async () => {
    const state = await eventually(
      'volume operations done',
      async () => {
        const current = await ops.check(backup);
        return current.done ? current : undefined;
      },
      300_000,
    );
    expect(state.counts).toEqual({
      backupItemOperationsAttempted: 1,
      backupItemOperationsCompleted: 1,
      backupItemOperationsFailed: 0,
      csiVolumeSnapshotsAttempted: 0,
      csiVolumeSnapshotsCompleted: 0,
    });
    expect(state.results).toEqual({
      errors: { velero: [], cluster: [], namespaces: {} },
      warnings: { velero: [], cluster: [], namespaces: {} },
    });
    expect(state.podVolumeBackups).toHaveLength(1);

    const byKind = (kind: VolumeInfoInput['kind']) => state.volumeInfo.filter((input) => input.kind === kind);
    const [skipped] = byKind('skipped');
    expect(skipped?.kind === 'skipped' && skippedReasonText(skipped.reasons)).toBe(
      'any: skipped due to resource policy ;volumeSnapshot: not satisfy the criteria for VolumePolicy or the legacy snapshot way;',
    );
    const [moved] = byKind('data-movement');
    if (moved?.kind !== 'data-movement') throw new Error('no data-movement input');
    expect(moved.claim).toEqual({ namespace: h.appNamespace, name: 'moved' });
    expect(moved.operationId).toBe(dataUploadOperationId(backup.metadata?.uid ?? '', claimUid.get('moved') ?? ''));
    expect(moved.operationId).toHaveLength(63);
    expect(moved.dataUpload).toMatchObject({ phase: 'Completed', dataMover: 'velero-fs' });
    expect(moved.dataUpload.snapshotId).toBeTruthy();
    expect(moved.dataUpload.totalBytes).toBeGreaterThan(64 * 1024);
    const [files] = byKind('fs-backup');
    if (files?.kind !== 'fs-backup') throw new Error('no fs-backup input');
    expect(files.claim?.claim).toEqual({ namespace: h.appNamespace, name: 'files' });
    expect(files.podVolumeBackup).toMatchObject({ phase: 'Completed', volume: 'data', uploaderType: 'kopia' });
    expect(files.podVolumeBackup.snapshotId).toBeTruthy();

    const infos = backupVolumeInfos(state.volumeInfo);
    expect(infos.map((info) => [info.pvcName, info.backupMethod ?? 'skipped', info.snapshotDataMoved])).toEqual([
      ['skipped', 'skipped', false],
      ['files', 'PodVolumeBackup', false],
      ['moved', 'CSISnapshot', true],
    ]);
    expect(infos.map((info) => info.pvName)).toEqual(['skipped', 'files', 'moved'].map((name) => claimVolume.get(name)));

    expect(state.itemOperations).toEqual([
      {
        spec: {
          backupName: 'nightly',
          backupUID: backup.metadata?.uid,
          backupItemAction: 'velero.io/csi-pvc-backupper',
          resourceIdentifier: { Group: '', Resource: 'persistentvolumeclaims', Namespace: h.appNamespace, Name: 'moved' },
          operationID: moved.operationId,
          postOperationItems: [
            { Group: 'velero.io', Resource: 'datauploads', Namespace: h.namespace, Name: expect.stringMatching(/^nightly-/) },
          ],
        },
        status: expect.objectContaining({ phase: 'Completed', operationUnits: 'Bytes', description: 'Completed' }),
      },
    ]);
  }, 320_000);

  it('finish leaves no VolumeSnapshot of the moved volume; cancel after the end changes nothing', async () => {
    await ops.finish(backup);
    await ops.cancel(backup);
    const left = await h.snapshots.list(h.appNamespace, { labelSelector: `velero.io/backup-uid=${backup.metadata?.uid}` });
    expect(left.map((vs) => vs.metadata?.name)).toEqual([]);
    const uploads = await h.dataUploads.list(h.namespace, { labelSelector: `velero.io/backup-uid=${backup.metadata?.uid}` });
    expect(uploads.map((du) => [du.status?.phase, du.spec?.cancel ?? false])).toEqual([['Completed', false]]);
  }, 60_000);

  it("without data movement the snapshot is kept and counted; plan and class errors are the claims' item errors", async () => {
    const kept = await h.backups.create({
      apiVersion: 'velero.io/v1',
      kind: 'Backup',
      metadata: { name: 'kept', namespace: h.namespace },
      spec: {
        includedNamespaces: [h.appNamespace],
        storageLocation: 'default',
        csiSnapshotTimeout: '1m',
        resourcePolicy: { kind: 'configmap', name: 'volume-policy' },
      },
    });
    const claims = ['moved', 'badclass', 'pending'].map((name) => ({ namespace: h.appNamespace, name }));
    await ops.start(kept, { pods: [], persistentVolumeClaims: claims });
    const state = await ops.check(kept);
    expect(state.done).toBe(true);
    expect(state.counts).toEqual({
      backupItemOperationsAttempted: 1,
      backupItemOperationsCompleted: 1,
      backupItemOperationsFailed: 0,
      csiVolumeSnapshotsAttempted: 1,
      csiVolumeSnapshotsCompleted: 1,
    });
    expect(await h.dataUploads.list(h.namespace, { labelSelector: `velero.io/backup-uid=${kept.metadata?.uid}` })).toEqual([]);
    const errors = state.results.errors.namespaces[h.appNamespace] ?? [];
    expect(errors).toHaveLength(2);
    expect(errors.find((line) => line.includes('name: /badclass'))).toContain('volume policy snapshotClass "missing-class"');
    expect(errors.find((line) => line.includes('name: /pending'))).toMatch(
      /^ resource: \/persistentvolumeclaims name: \/pending message: \/Error backing up item error: \//,
    );

    const [snapshot] = await h.snapshots.list(h.appNamespace, { labelSelector: `velero.io/backup-uid=${kept.metadata?.uid}` });
    expect(snapshot?.metadata?.labels).toMatchObject({ 'velero.io/backup-name': 'kept', protect: 'move' });
    const [info] = backupVolumeInfos(state.volumeInfo);
    expect(info).toMatchObject({
      pvcName: 'moved',
      backupMethod: 'CSISnapshot',
      snapshotDataMoved: false,
      preserveLocalSnapshot: true,
      result: 'succeeded',
      csiSnapshotInfo: { vscName: snapshot?.status?.boundVolumeSnapshotContentName, ReadyToUse: true },
    });
    expect(info?.csiSnapshotInfo?.snapshotHandle).toBeTruthy();
    const content = await h.kube.customObjects.getClusterCustomObject({
      group: 'snapshot.storage.k8s.io',
      version: 'v1',
      plural: 'volumesnapshotcontents',
      name: snapshot?.status?.boundVolumeSnapshotContentName ?? '',
    });
    expect((content as { metadata?: { labels?: Record<string, string> } }).metadata?.labels).toMatchObject({
      'velero.io/backup-name': 'kept',
    });
    expect(info?.csiSnapshotInfo?.driver).toBeTruthy();
    expect((state.itemOperations[0] as BackupOperation | undefined)?.spec).toMatchObject({
      backupItemAction: 'velero.io/csi-volumesnapshot-backupper',
      resourceIdentifier: {
        Group: 'snapshot.storage.k8s.io',
        Resource: 'volumesnapshots',
        Namespace: h.appNamespace,
        Name: snapshot?.metadata?.name,
      },
      operationID: `${h.appNamespace}/${snapshot?.metadata?.name}/${snapshot?.metadata?.creationTimestamp}`,
    });

    // Velero's DeleteReadyVolumeSnapshot: content retained and deleted, snapshot deleted, the storage snapshot kept for a restore.
    await ops.finish(kept);
    // The snapshot controller removes its protection finalizers after the deletes: gone soon after, not at once.
    await eventually('VolumeSnapshot and content deleted', async () =>
      !(await h.snapshots.find(h.appNamespace, snapshot?.metadata?.name ?? '')) &&
      !(await h.contents.find(undefined, snapshot?.status?.boundVolumeSnapshotContentName ?? ''))
        ? true
        : undefined,
    );
    await expect(
      stat(snapshotDirectory(simulatorLayout(h.info.stateDir), info?.csiSnapshotInfo?.snapshotHandle ?? '')),
    ).resolves.toBeTruthy();
  }, 180_000);

  it('an upload nobody serves times out after itemOperationTimeout; cancel marks it, finish removes its snapshot', async () => {
    const late = await h.backups.create({
      apiVersion: 'velero.io/v1',
      kind: 'Backup',
      metadata: { name: 'late', namespace: h.namespace },
      spec: {
        includedNamespaces: [h.appNamespace],
        storageLocation: 'default',
        snapshotMoveData: true,
        // No DataMoverClass names this mover: Ferry's controller leaves the DataUpload alone.
        datamover: 'acme-mover',
        // Short, yet longer than starting the operation takes on a loaded machine (CI saw a start past 1 s).
        itemOperationTimeout: '5s',
        resourcePolicy: { kind: 'configmap', name: 'volume-policy' },
      },
    });
    const selector = { labelSelector: `velero.io/backup-uid=${late.metadata?.uid}` };
    const started = await ops.start(late, { pods: [], persistentVolumeClaims: [{ namespace: h.appNamespace, name: 'moved' }] });
    expect(started.done).toBe(false);
    const state = await eventually('the upload timed out', async () => {
      const current = await ops.check(late);
      return current.done ? current : undefined;
    });
    expect(state.counts).toMatchObject({
      backupItemOperationsAttempted: 1,
      backupItemOperationsCompleted: 0,
      backupItemOperationsFailed: 1,
    });
    expect(state.results.errors.velero).toEqual([' message: /Asynchronous action timed out, plugin: velero.io/csi-pvc-backupper']);

    await ops.cancel(late);
    const [du] = await h.dataUploads.list(h.namespace, selector);
    expect([du?.spec?.datamover, du?.spec?.cancel]).toEqual(['acme-mover', true]);
    const [snapshot, ...others] = await h.snapshots.list(h.appNamespace, selector);
    expect(others).toEqual([]);
    const contentName = snapshot?.status?.boundVolumeSnapshotContentName ?? '';
    expect(contentName).not.toBe('');
    await ops.finish(late);
    // Deleted at once; gone once the snapshot controller has removed its finalizer.
    await eventually(
      'the snapshot of the canceled upload gone',
      async () => (await h.snapshots.list(h.appNamespace, selector)).length === 0,
    );
    await eventually('its content gone', async () => {
      const contents = (await h.kube.customObjects.listClusterCustomObject({
        group: 'snapshot.storage.k8s.io',
        version: 'v1',
        plural: 'volumesnapshotcontents',
      })) as { items: { metadata?: { name?: string } }[] };
      return !contents.items.some((content) => content.metadata?.name === contentName);
    });
  }, 120_000);
});
