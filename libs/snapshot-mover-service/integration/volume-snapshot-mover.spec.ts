import { mkdtemp, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { VolumeSnapshotBackup, VolumeSnapshotRestore } from '@ferry/api';
import { DataMoverClassKey } from '@ferry/data-movement';
import { SnapshotMoverAnnotation } from '../src/index';
import { startExampleMover, type ExampleMover } from './example-mover';
import { leftovers } from './leftovers';
import { resticSecretName, startSnapshotMoverHarness, type SnapshotMoverHarness } from './snapshot-mover-harness';
import { createSnapshottedVolume, digestTree, restoreFromHandle } from './volume-fixtures';
import { createTestNamespace, eventually } from '@ferry/devenv/testing';

jest.setTimeout(300_000);

describe('snapshot mover - VolumeSnapshotBackup / VolumeSnapshotRestore end to end', () => {
  let h: SnapshotMoverHarness;
  let appNamespace: string;
  let restoreNamespace: string;

  beforeAll(async () => {
    h = await startSnapshotMoverHarness('e2e');
    appNamespace = await createTestNamespace(h.kube, 'vsm-app');
    restoreNamespace = await createTestNamespace(h.kube, 'vsm-restore');
  }, 180_000);

  afterAll(async () => {
    for (const name of [appNamespace, restoreNamespace]) if (name) await h.kube.core.deleteNamespace({ name }).catch(() => undefined);
    await h?.close();
  });

  const createBackup = (name: string, spec: NonNullable<VolumeSnapshotBackup['spec']>) =>
    h.backups.create({
      apiVersion: 'datamover.oadp.openshift.io/v1alpha1',
      kind: 'VolumeSnapshotBackup',
      metadata: { name, namespace: appNamespace },
      spec,
    });

  /** Waits for a finished phase; a Failed one throws with its Reconciled message. */
  async function finished<T extends VolumeSnapshotBackup | VolumeSnapshotRestore>(
    what: string,
    read: () => Promise<T>,
    timeoutMs = 240_000,
  ): Promise<T> {
    return eventually(
      `${what} finished`,
      async () => {
        const current = await read();
        const phase = current.status?.phase;
        if (phase === 'Failed' || phase === 'PartiallyFailed') {
          throw new Error(`${what} ${phase}: ${current.status?.conditions?.map((c) => c.message).join('; ') ?? ''}`);
        }
        return phase === 'Completed' ? current : undefined;
      },
      timeoutMs,
    );
  }

  const noLeftovers = (timeoutMs = 60_000) =>
    eventually(
      'no leftovers in the protected namespace',
      async () => {
        const found = await leftovers(h);
        if (found.length > 0) throw new Error(found.join(', '));
        return true;
      },
      timeoutMs,
    );

  it.each<[string, Record<string, string>, string, 'kopia' | 'restic']>([
    ['kopia through the default class', {}, 'ferry-kopia', 'kopia'],
    ['restic through the class named by the PVC label', { [DataMoverClassKey.Class]: 'ferry-restic' }, 'ferry-restic', 'restic'],
  ])(
    'round trip - %s: VSB Completed with the OADP status fields, VSR reports a snapshot whose PVC holds identical bytes, nothing left behind',
    async (_title, labels, className, tool) => {
      const volume = await createSnapshottedVolume(h, appNamespace, `db-${tool}`, labels);
      const name = `backup-${tool}`;
      await createBackup(name, {
        volumeSnapshotContent: { name: volume.vscName },
        protectedNamespace: h.namespace,
        resticSecretRef: { name: resticSecretName },
      });
      const vsb = await finished(`VSB ${name}`, () => h.backups.get(appNamespace, name));
      const status = vsb.status ?? {};
      expect(status).toMatchObject({
        phase: 'Completed',
        completed: true,
        batchingStatus: 'Completed',
        volumeSnapshotClassName: 'ferry-snapclass',
        sourcePVCData: { name: volume.pvcName, size: '1Gi', storageClassName: 'standard' },
        resticrepository: `s3:${h.info.s3.endpoint.replace(/\/+$/, '')}/${h.info.s3.bucket}/snapshot-mover-it/${h.namespace}/${tool}/${appNamespace}`,
      });
      expect(Date.parse(status.startTimestamp ?? '')).toBeLessThanOrEqual(Date.parse(status.completionTimestamp ?? ''));
      expect(status.conditions?.find((c) => c.type === 'Reconciled')).toMatchObject({ status: 'True', reason: 'Complete' });
      expect(status.replicationSourceData?.name).toBe(`vsb-${vsb.metadata?.uid ?? ''}`);
      const snapshotId = vsb.metadata?.annotations?.[SnapshotMoverAnnotation.SnapshotId] ?? '';
      expect(snapshotId).not.toBe('');
      expect(vsb.metadata?.annotations?.[DataMoverClassKey.Class]).toBe(className);
      // The user's snapshot is untouched.
      const userContent = await h.contents.get(undefined, volume.vscName);
      expect(userContent.status?.readyToUse).toBe(true);
      expect((await h.snapshots.get(appNamespace, volume.vsName)).status?.readyToUse).toBe(true);
      await noLeftovers();

      const restoreName = `restore-${tool}`;
      await h.restores.create({
        apiVersion: 'datamover.oadp.openshift.io/v1alpha1',
        kind: 'VolumeSnapshotRestore',
        metadata: { name: restoreName, namespace: restoreNamespace, annotations: { [SnapshotMoverAnnotation.SnapshotId]: snapshotId } },
        spec: {
          protectedNamespace: h.namespace,
          resticSecretRef: { name: resticSecretName },
          volumeSnapshotMoverBackupRef: {
            sourcePVCData: status.sourcePVCData,
            resticrepository: status.resticrepository,
            volumeSnapshotClassName: status.volumeSnapshotClassName,
          },
        },
      });
      const vsr = await finished(`VSR ${restoreName}`, () => h.restores.get(restoreNamespace, restoreName));
      const handle = vsr.status?.snapshotHandle ?? '';
      expect(handle).not.toBe('');
      const reported = await h.contents.get(undefined, vsr.status?.volumeSnapshotContentName ?? '');
      expect(reported.status?.snapshotHandle).toBe(handle);
      expect(reported.spec.deletionPolicy).toBe('Retain');
      expect(vsr.status?.replicationDestinationData?.name).toBe(`vsr-${vsr.metadata?.uid ?? ''}`);
      await noLeftovers();

      expect(await restoreFromHandle(h, restoreNamespace, handle, userContent.spec.driver)).toEqual(volume.files);
    },
  );

  it('routing - a PVC labelled with a class whose mover is external goes to that mover (Ferry leaves its DataUpload alone); VSB and VSR complete through it with identical bytes', async () => {
    const datamover = `example-${Date.now().toString(36)}`;
    await h.classes.create({
      apiVersion: 'datamover.oadp.openshift.io/v1alpha1',
      kind: 'DataMoverClass',
      metadata: { name: datamover },
      spec: { mover: 'example', datamover },
    });
    const storeDir = await mkdtemp(join(h.info.stateDir, 'example-mover-'));
    let mover: ExampleMover | undefined;
    try {
      mover = await startExampleMover({
        kube: h.kube,
        namespace: h.namespace,
        datamover,
        stateDir: h.info.stateDir,
        storeDir,
        expectedPassword: 'user-restic-password',
      });
      const volume = await createSnapshottedVolume(h, appNamespace, 'routed', { [DataMoverClassKey.Class]: datamover });
      await createBackup('backup-routed', {
        volumeSnapshotContent: { name: volume.vscName },
        protectedNamespace: h.namespace,
        resticSecretRef: { name: resticSecretName },
      });
      const vsb = await finished('VSB backup-routed', () => h.backups.get(appNamespace, 'backup-routed'), 120_000);
      expect(mover.moves).toHaveLength(1);
      const move = mover.moves[0];
      expect(vsb.metadata?.annotations?.[SnapshotMoverAnnotation.SnapshotId]).toBe(move?.snapshotId);
      expect(vsb.metadata?.annotations?.[DataMoverClassKey.Class]).toBe(datamover);
      expect(move?.secretKeys).toEqual(['RESTIC_PASSWORD', 'RESTIC_REPOSITORY', 'cloud']);
      expect(move?.passwordMatched).toBe(true);
      expect(move?.finalizersAtStart).toEqual([]);
      expect(await digestTree(move?.storedAt ?? '')).toEqual(volume.files);
      await noLeftovers();

      // The restore through the same class (named by the VSR's class annotation).
      await h.restores.create({
        apiVersion: 'datamover.oadp.openshift.io/v1alpha1',
        kind: 'VolumeSnapshotRestore',
        metadata: {
          name: 'restore-routed',
          namespace: restoreNamespace,
          annotations: { [SnapshotMoverAnnotation.SnapshotId]: move?.snapshotId ?? '', [DataMoverClassKey.Class]: datamover },
        },
        spec: {
          protectedNamespace: h.namespace,
          resticSecretRef: { name: resticSecretName },
          volumeSnapshotMoverBackupRef: {
            sourcePVCData: vsb.status?.sourcePVCData,
            resticrepository: vsb.status?.resticrepository,
            volumeSnapshotClassName: vsb.status?.volumeSnapshotClassName,
          },
        },
      });
      const vsr = await finished('VSR restore-routed', () => h.restores.get(restoreNamespace, 'restore-routed'), 120_000);
      expect(mover.restores).toHaveLength(1);
      await noLeftovers();
      const driver = (await h.contents.get(undefined, volume.vscName)).spec.driver;
      expect(await restoreFromHandle(h, restoreNamespace, vsr.status?.snapshotHandle ?? '', driver)).toEqual(volume.files);
    } finally {
      await mover?.stop();
      await h.classes.delete(undefined, datamover, { ignoreNotFound: true });
      await rm(storeDir, { recursive: true, force: true });
    }
  });

  it('data path failure - a class whose uploader Ferry cannot run: the DataUpload fails, the VSB ends Failed with its message and a Warning Event, nothing left behind', async () => {
    const broken = `broken-${Date.now().toString(36)}`;
    await h.classes.create({
      apiVersion: 'datamover.oadp.openshift.io/v1alpha1',
      kind: 'DataMoverClass',
      metadata: { name: broken },
      spec: { mover: 'ferry', datamover: broken, dataMoverConfig: { uploaderType: 'zip' } },
    });
    try {
      const volume = await createSnapshottedVolume(h, appNamespace, 'broken', { [DataMoverClassKey.Class]: broken });
      await createBackup('backup-broken', {
        volumeSnapshotContent: { name: volume.vscName },
        protectedNamespace: h.namespace,
        resticSecretRef: { name: resticSecretName },
      });
      const failed = await eventually(
        'VSB backup-broken Failed',
        async () => {
          const vsb = await h.backups.get(appNamespace, 'backup-broken');
          return vsb.status?.phase === 'Failed' ? vsb : undefined;
        },
        120_000,
      );
      const message = failed.status?.conditions?.find((c) => c.type === 'Reconciled')?.message ?? '';
      expect(message).toMatch(/^DataUpload .* failed: .*uploaderType/);
      const warning = await eventually(
        'the Warning Event',
        async () => {
          const list = await h.kube.core.listNamespacedEvent({
            namespace: appNamespace,
            fieldSelector: 'involvedObject.name=backup-broken',
          });
          return list.items.find((event) => event.type === 'Warning' && event.reason === 'DataMoveFailed');
        },
        30_000,
      );
      expect(warning.message).toBe(message);
      await noLeftovers();
      expect((await h.contents.get(undefined, volume.vscName)).status?.readyToUse).toBe(true);
    } finally {
      await h.classes.delete(undefined, broken, { ignoreNotFound: true });
    }
  });

  it('deletion - deleting a VSB while its DataUpload is live cancels it and removes everything it created; the user snapshot stays', async () => {
    const volume = await createSnapshottedVolume(h, appNamespace, 'deleted');
    const created = await createBackup('backup-deleted', {
      volumeSnapshotContent: { name: volume.vscName },
      protectedNamespace: h.namespace,
      resticSecretRef: { name: resticSecretName },
    });
    const duName = `vsb-${created.metadata?.uid ?? ''}`;
    await eventually(`DataUpload ${duName}`, () => h.dataUploads.find(h.namespace, duName), 60_000);
    await h.backups.delete(appNamespace, 'backup-deleted');
    // A live DataUpload winds down first (Velero's cancel timing), then the rest goes.
    await noLeftovers(120_000);
    expect(
      await h.contents.list(undefined, { labelSelector: `datamover.oadp.openshift.io/owner-uid=${created.metadata?.uid ?? ''}` }),
    ).toEqual([]);
    expect((await h.contents.get(undefined, volume.vscName)).status?.readyToUse).toBe(true);
    expect((await h.snapshots.get(appNamespace, volume.vsName)).status?.readyToUse).toBe(true);
  });

  it('parent failed - a VSB whose Backup ended Failed while its DataUpload waits ends PartiallyFailed and is cleaned up', async () => {
    // A class of a mover that does not run: its DataUpload stays New, so the VSB stays InProgress.
    const idle = `idle-${Date.now().toString(36)}`;
    await h.classes.create({
      apiVersion: 'datamover.oadp.openshift.io/v1alpha1',
      kind: 'DataMoverClass',
      metadata: { name: idle },
      spec: { mover: 'nobody', datamover: idle },
    });
    try {
      const volume = await createSnapshottedVolume(h, appNamespace, 'orphaned', { [DataMoverClassKey.Class]: idle });
      const backupName = `parent-${Date.now().toString(36)}`;
      const vsb = await h.backups.create({
        apiVersion: 'datamover.oadp.openshift.io/v1alpha1',
        kind: 'VolumeSnapshotBackup',
        metadata: { name: 'backup-orphaned', namespace: appNamespace, labels: { 'velero.io/backup-name': backupName } },
        spec: {
          volumeSnapshotContent: { name: volume.vscName },
          protectedNamespace: h.namespace,
          resticSecretRef: { name: resticSecretName },
        },
      });
      await eventually('the waiting DataUpload', () => h.dataUploads.find(h.namespace, `vsb-${vsb.metadata?.uid ?? ''}`), 60_000);
      await h.kube.customObjects.createNamespacedCustomObject({
        group: 'velero.io',
        version: 'v1',
        namespace: h.namespace,
        plural: 'backups',
        body: { apiVersion: 'velero.io/v1', kind: 'Backup', metadata: { name: backupName }, spec: {}, status: { phase: 'Failed' } },
      });
      const partial = await eventually(
        'VSB PartiallyFailed',
        async () => {
          const current = await h.backups.get(appNamespace, 'backup-orphaned');
          return current.status?.phase === 'PartiallyFailed' ? current : undefined;
        },
        75_000,
      );
      expect(partial.status?.conditions?.[0]?.message).toBe(`Backup ${h.namespace}/${backupName} ended Failed: data movement stopped`);
      expect(partial.status?.completionTimestamp).toBeDefined();
      await noLeftovers();
    } finally {
      await h.classes.delete(undefined, idle, { ignoreNotFound: true });
    }
  });

  it.each<[string, NonNullable<VolumeSnapshotBackup['spec']>, string]>([
    [
      'a VolumeSnapshotContent that does not exist',
      { volumeSnapshotContent: { name: 'no-such-content' }, resticSecretRef: { name: resticSecretName } },
      'spec.volumeSnapshotContent.name: VolumeSnapshotContent no-such-content does not exist',
    ],
    ['no resticSecretRef', { volumeSnapshotContent: { name: 'whatever' } }, 'spec.resticSecretRef.name is required'],
    [
      'a resticSecretRef naming no Secret',
      { volumeSnapshotContent: { name: 'whatever' }, resticSecretRef: { name: 'missing' } },
      'spec.resticSecretRef.name: Secret',
    ],
  ])('bad input - %s: Failed with the field in status and a Warning Event, nothing created', async (_title, spec, message) => {
    const name = `bad-${Math.random().toString(36).slice(2, 8)}`;
    await createBackup(name, { protectedNamespace: h.namespace, ...spec });
    const failed = await eventually(
      `VSB ${name} Failed`,
      async () => {
        const vsb = await h.backups.get(appNamespace, name);
        return vsb.status?.phase === 'Failed' ? vsb : undefined;
      },
      60_000,
    );
    expect(failed.status?.conditions?.find((c) => c.type === 'Reconciled')).toMatchObject({ status: 'False', reason: 'Error' });
    expect(failed.status?.conditions?.[0]?.message).toContain(message);
    const events = await eventually(
      'the Warning Event',
      async () => {
        const list = await h.kube.core.listNamespacedEvent({ namespace: appNamespace, fieldSelector: `involvedObject.name=${name}` });
        return list.items.find((event) => event.type === 'Warning' && event.reason === 'InvalidRequest');
      },
      30_000,
    );
    expect(events.message).toContain(message);
    expect(await leftovers(h)).toEqual([]);
  });

  it('bad input - a VSR without the snapshot-id annotation fails naming it', async () => {
    await h.restores.create({
      apiVersion: 'datamover.oadp.openshift.io/v1alpha1',
      kind: 'VolumeSnapshotRestore',
      metadata: { name: 'bad-restore', namespace: restoreNamespace },
      spec: {
        protectedNamespace: h.namespace,
        resticSecretRef: { name: resticSecretName },
        volumeSnapshotMoverBackupRef: {
          resticrepository: `s3:${h.info.s3.endpoint}/x/kopia/${appNamespace}`,
          sourcePVCData: { name: 'db', size: '1Gi' },
          volumeSnapshotClassName: 'ferry-snapclass',
        },
      },
    });
    const failed = await eventually(
      'VSR bad-restore Failed',
      async () => {
        const vsr = await h.restores.get(restoreNamespace, 'bad-restore');
        return vsr.status?.phase === 'Failed' ? vsr : undefined;
      },
      60_000,
    );
    expect(failed.status?.conditions?.[0]?.message).toContain(SnapshotMoverAnnotation.SnapshotId);
  });
});
