import { randomBytes } from 'node:crypto';
import type { DataUpload, DeleteBackupRequest, PodVolumeBackup } from '@ferry/api';
import { createTestNamespace, eventually, snapshotClaim } from '@ferry/devenv/testing';
import { createInformer, type ResourceInformer } from '@ferry/kube';
import { deleteBackupRequestDefinition } from '@ferry/api';
import {
  backupLabels,
  createBackup,
  keysUnder,
  runPodWithData,
  startDeletionHarness,
  waitForPhase,
  writeBackupFiles,
  writeStoredVolumeObjects,
  type DeletionHarness,
} from './deletion-harness';

jest.setTimeout(600_000);

describe('backup deletion - DeleteBackupRequest and garbage collection against the real apps', () => {
  let h: DeletionHarness;
  let requests: ResourceInformer<DeleteBackupRequest>;
  /** Every phase each request was seen in, by request name (requests are deleted once processed cleanly). */
  const seen = new Map<string, { backup: string; phases: string[]; errors: string[] }>();
  /** What the informer saw of request `name` once it saw it Processed (the request may be deleted right after). */
  const seenProcessed = (name: string) =>
    eventually(`request ${name} seen Processed`, async () => {
      const entry = seen.get(name);
      return entry?.phases.includes('Processed') ? entry : undefined;
    });

  beforeAll(async () => {
    h = await startDeletionHarness('main', '3s');
    requests = createInformer<DeleteBackupRequest>(h.kube, deleteBackupRequestDefinition, { namespace: h.namespace });
    const record = (request: DeleteBackupRequest) => {
      const name = request.metadata?.name ?? '';
      const entry = seen.get(name) ?? { backup: request.spec?.backupName ?? '', phases: [], errors: [] };
      const phase = request.status?.phase ?? '';
      if (phase && entry.phases.at(-1) !== phase) entry.phases.push(phase);
      entry.errors = request.status?.errors ?? [];
      seen.set(name, entry);
    };
    requests.on('add', record);
    requests.on('update', record);
    await requests.synced;
  });

  afterAll(async () => {
    await requests?.stop();
    await h?.close();
  });

  it('DeleteBackupRequest - Processed; nothing of the backup is left in the bucket, the kopia and restic repositories, the CSI snapshots or the cluster', async () => {
    const app = await createTestNamespace(h.kube, 'del-app');
    const backup = 'b-full';
    // A DataUpload moved with kopia, from a CSI snapshot.
    await runPodWithData(h, app, 'moved');
    await snapshotClaim(h.kube, app, 'moved', 'moved-snap');
    const du = await h.dataUploads.create({
      apiVersion: 'velero.io/v2alpha1',
      kind: 'DataUpload',
      metadata: { name: `du-${randomBytes(4).toString('hex')}`, namespace: h.namespace, labels: backupLabels(backup) },
      spec: {
        snapshotType: 'CSI',
        csiSnapshot: { volumeSnapshot: 'moved-snap', storageClass: 'standard', snapshotClass: 'ferry-snapclass' },
        sourcePVC: 'moved',
        sourceNamespace: app,
        backupStorageLocation: 'default',
        operationTimeout: '10m',
      },
    });
    // A PodVolumeBackup made with restic.
    const workload = await runPodWithData(h, app, 'fsb');
    const pvb = await h.podVolumeBackups.create({
      apiVersion: 'velero.io/v1',
      kind: 'PodVolumeBackup',
      metadata: { name: `pvb-${randomBytes(3).toString('hex')}`, namespace: h.namespace, labels: backupLabels(backup) },
      spec: {
        node: workload.spec?.nodeName ?? '',
        pod: { kind: 'Pod', namespace: app, name: 'fsb-pod', uid: workload.metadata?.uid ?? '' },
        volume: 'data',
        backupStorageLocation: 'default',
        repoIdentifier: '',
        uploaderType: 'restic',
      },
    });
    const moved = await waitForPhase<DataUpload>(h.dataUploads, h.namespace, du.metadata?.name ?? '', 'Completed');
    const backedUp = await waitForPhase<PodVolumeBackup>(h.podVolumeBackups, h.namespace, pvb.metadata?.name ?? '', 'Completed');
    const kopiaId = moved.status?.snapshotID ?? '';
    const resticId = backedUp.status?.snapshotID ?? '';
    expect(await h.repositorySnapshots('kopia', app)).toContain(kopiaId);
    expect(await h.repositorySnapshots('restic', app)).toContain(resticId);

    // A CSI snapshot kept by the backup (no data movement), labelled as Velero's CSI plugin does.
    await runPodWithData(h, app, 'csi');
    const csi = await snapshotClaim(h.kube, app, 'csi', 'csi-snap');
    const content = csi.status?.boundVolumeSnapshotContentName ?? '';
    await h.snapshots.patch(app, 'csi-snap', { metadata: { labels: backupLabels(backup) } });
    await h.contents.patch(undefined, content, { metadata: { labels: backupLabels(backup) } });

    const files = await writeBackupFiles(h, backup);
    const otherFiles = await writeBackupFiles(h, 'b-other');
    await h.store.putObject(`${h.store.prefix}/restores/r-full/restore-r-full-logs.gz`, 'log');
    await h.restores.create({
      apiVersion: 'velero.io/v1',
      kind: 'Restore',
      metadata: { name: 'r-full', namespace: h.namespace },
      spec: { backupName: backup },
    });
    await createBackup(h, backup, 'Completed');
    expect(await keysUnder(h, `backups/${backup}/`)).toEqual([...files].sort());

    await h.requests.create({
      apiVersion: 'velero.io/v1',
      kind: 'DeleteBackupRequest',
      metadata: { name: 'del-full', namespace: h.namespace },
      spec: { backupName: backup },
    });

    await eventually('backup b-full gone', async () => ((await h.backups.find(h.namespace, backup)) ? undefined : true), 240_000);
    await eventually('request del-full deleted after a clean run', async () =>
      (await h.requests.find(h.namespace, 'del-full')) ? undefined : true,
    );
    expect(await seenProcessed('del-full')).toEqual({ backup, phases: ['InProgress', 'Processed'], errors: [] });
    expect(await keysUnder(h, `backups/${backup}/`)).toEqual([]);
    expect(await keysUnder(h, 'restores/r-full/')).toEqual([]);
    expect(await keysUnder(h, 'backups/b-other/')).toEqual([...otherFiles].sort());
    expect(await h.repositorySnapshots('kopia', app)).not.toContain(kopiaId);
    expect(await h.repositorySnapshots('restic', app)).not.toContain(resticId);
    expect(await h.snapshots.find(app, 'csi-snap')).toBeUndefined();
    expect(await h.contents.find(undefined, content)).toBeUndefined();
    expect(await h.dataUploads.find(h.namespace, du.metadata?.name ?? '')).toBeUndefined();
    expect(await h.podVolumeBackups.find(h.namespace, pvb.metadata?.name ?? '')).toBeUndefined();
    expect(await h.restores.find(h.namespace, 'r-full')).toBeUndefined();
  });

  it('a backup synced from the bucket - its repository snapshots are found in the tarball’s DataUploads and the PodVolumeBackup list', async () => {
    const app = await createTestNamespace(h.kube, 'del-synced');
    await runPodWithData(h, app, 'moved');
    await snapshotClaim(h.kube, app, 'moved', 'moved-snap');
    const du = await h.dataUploads.create({
      apiVersion: 'velero.io/v2alpha1',
      kind: 'DataUpload',
      metadata: { name: `du-${randomBytes(4).toString('hex')}`, namespace: h.namespace },
      spec: {
        snapshotType: 'CSI',
        csiSnapshot: { volumeSnapshot: 'moved-snap', storageClass: 'standard', snapshotClass: 'ferry-snapclass' },
        sourcePVC: 'moved',
        sourceNamespace: app,
        backupStorageLocation: 'default',
        operationTimeout: '10m',
        dataMoverConfig: { uploaderType: 'restic' },
      },
    });
    const workload = await runPodWithData(h, app, 'fsb');
    const pvb = await h.podVolumeBackups.create({
      apiVersion: 'velero.io/v1',
      kind: 'PodVolumeBackup',
      metadata: { name: `pvb-${randomBytes(3).toString('hex')}`, namespace: h.namespace },
      spec: {
        node: workload.spec?.nodeName ?? '',
        pod: { kind: 'Pod', namespace: app, name: 'fsb-pod', uid: workload.metadata?.uid ?? '' },
        volume: 'data',
        backupStorageLocation: 'default',
        repoIdentifier: '',
        uploaderType: 'kopia',
      },
    });
    const moved = await waitForPhase<DataUpload>(h.dataUploads, h.namespace, du.metadata?.name ?? '', 'Completed');
    const backedUp = await waitForPhase<PodVolumeBackup>(h.podVolumeBackups, h.namespace, pvb.metadata?.name ?? '', 'Completed');
    // The cluster forgets them (a fresh cluster pointed at the bucket): only the bucket knows.
    await h.dataUploads.delete(h.namespace, moved.metadata?.name ?? '');
    await h.podVolumeBackups.delete(h.namespace, backedUp.metadata?.name ?? '');
    await writeStoredVolumeObjects(h, 'b-synced', [moved], [backedUp]);
    const resticId = moved.status?.snapshotID ?? '';
    const kopiaId = backedUp.status?.snapshotID ?? '';
    expect(await h.repositorySnapshots('restic', app)).toHaveLength(1);
    expect(await h.repositorySnapshots('kopia', app)).toEqual([kopiaId]);

    await createBackup(h, 'b-synced', 'Completed');
    await h.requests.create({
      apiVersion: 'velero.io/v1',
      kind: 'DeleteBackupRequest',
      metadata: { name: 'del-synced', namespace: h.namespace },
      spec: { backupName: 'b-synced' },
    });
    await eventually('backup b-synced gone', async () => ((await h.backups.find(h.namespace, 'b-synced')) ? undefined : true), 240_000);
    expect(await seenProcessed('del-synced')).toEqual({ backup: 'b-synced', phases: ['InProgress', 'Processed'], errors: [] });
    expect(resticId).toBeTruthy();
    expect(await h.repositorySnapshots('restic', app)).toEqual([]);
    expect(await h.repositorySnapshots('kopia', app)).toEqual([]);
    expect(await keysUnder(h, 'backups/b-synced/')).toEqual([]);
  });

  it('InProgress backup - the request is Processed with Velero’s "backup is still in progress"; the backup and its files stay', async () => {
    const files = await writeBackupFiles(h, 'b-running');
    await createBackup(h, 'b-running', 'InProgress');
    await h.requests.create({
      apiVersion: 'velero.io/v1',
      kind: 'DeleteBackupRequest',
      metadata: { name: 'del-running', namespace: h.namespace },
      spec: { backupName: 'b-running' },
    });
    const processed = await waitForPhase<DeleteBackupRequest>(h.requests, h.namespace, 'del-running', 'Processed');
    expect(processed.status?.errors).toEqual(['backup is still in progress']);
    expect((await h.backups.get(h.namespace, 'b-running')).status?.phase).toBe('InProgress');
    expect(await keysUnder(h, 'backups/b-running/')).toEqual([...files].sort());
  });

  it('refusals - a missing backup and a missing location, in Velero’s words', async () => {
    await h.requests.create({
      apiVersion: 'velero.io/v1',
      kind: 'DeleteBackupRequest',
      metadata: { name: 'del-nothing', namespace: h.namespace },
      spec: { backupName: 'no-such-backup' },
    });
    const missing = await waitForPhase<DeleteBackupRequest>(h.requests, h.namespace, 'del-nothing', 'Processed');
    expect(missing.status?.errors).toEqual(['backup not found']);
    await createBackup(h, 'b-lost', 'Completed', { location: 'gone' });
    await h.requests.create({
      apiVersion: 'velero.io/v1',
      kind: 'DeleteBackupRequest',
      metadata: { name: 'del-lost', namespace: h.namespace },
      spec: { backupName: 'b-lost' },
    });
    const lost = await waitForPhase<DeleteBackupRequest>(h.requests, h.namespace, 'del-lost', 'Processed');
    expect(lost.status?.errors).toEqual(['backup storage location gone not found']);
    expect(lost.metadata?.labels).toBeUndefined();
  });

  it('a repository snapshot the movers cannot delete - Processed with the mover’s error; the backup, its files and its PVB stay for a new request', async () => {
    const files = await writeBackupFiles(h, 'b-stuck');
    const pvb = await h.podVolumeBackups.create({
      apiVersion: 'velero.io/v1',
      kind: 'PodVolumeBackup',
      metadata: { name: 'pvb-stuck', namespace: h.namespace, labels: backupLabels('b-stuck') },
      spec: {
        node: 'ferry-node-1',
        pod: { kind: 'Pod', namespace: 'elsewhere', name: 'gone', uid: 'u' },
        volume: 'data',
        backupStorageLocation: 'vanished',
        repoIdentifier: '',
        uploaderType: 'kopia',
      },
      status: { phase: 'Completed', snapshotID: '0123456789abcdef0123456789abcdef' },
    });
    await createBackup(h, 'b-stuck', 'Completed');
    await h.requests.create({
      apiVersion: 'velero.io/v1',
      kind: 'DeleteBackupRequest',
      metadata: { name: 'del-stuck', namespace: h.namespace },
      spec: { backupName: 'b-stuck' },
    });
    const processed = await waitForPhase<DeleteBackupRequest>(h.requests, h.namespace, 'del-stuck', 'Processed');
    expect(processed.status?.errors).toEqual([
      expect.stringMatching(
        /^error deleting kopia snapshots \[0123456789abcdef0123456789abcdef\] of repository vanished-elsewhere: .*MOVER_BSL_NOT_FOUND.*vanished/,
      ),
    ]);
    expect(processed.metadata?.labels).toMatchObject({ 'velero.io/backup-name': 'b-stuck' });
    expect((await h.backups.get(h.namespace, 'b-stuck')).status?.phase).toBe('Deleting');
    expect(await keysUnder(h, 'backups/b-stuck/')).toEqual([...files].sort());
    expect(await h.podVolumeBackups.find(h.namespace, pvb.metadata?.name ?? '')).toBeDefined();
  });

  it('a request left InProgress by a stopped controller is resumed (Velero leaves it stuck for a day)', async () => {
    await writeBackupFiles(h, 'b-resumed');
    const backup = await createBackup(h, 'b-resumed', 'Deleting');
    await h.requests.create({
      apiVersion: 'velero.io/v1',
      kind: 'DeleteBackupRequest',
      metadata: {
        name: 'del-resumed',
        namespace: h.namespace,
        labels: { ...backupLabels('b-resumed'), 'velero.io/backup-uid': backup.metadata?.uid ?? '' },
      },
      spec: { backupName: 'b-resumed' },
      status: { phase: 'InProgress' },
    });
    await eventually('backup b-resumed gone', async () => ((await h.backups.find(h.namespace, 'b-resumed')) ? undefined : true));
    await eventually('request del-resumed deleted', async () => ((await h.requests.find(h.namespace, 'del-resumed')) ? undefined : true));
    expect(await keysUnder(h, 'backups/b-resumed/')).toEqual([]);
    expect((await seenProcessed('del-resumed')).errors).toEqual([]);
  });

  it('TTL - an expired backup is deleted by the garbage collector; one whose location is missing is labelled BSLNotFound', async () => {
    const past = new Date(Date.now() - 60_000).toISOString().replace(/\.\d+Z$/, 'Z');
    const future = new Date(Date.now() + 3_600_000).toISOString().replace(/\.\d+Z$/, 'Z');
    await writeBackupFiles(h, 'b-expired');
    const keep = await writeBackupFiles(h, 'b-fresh');
    await createBackup(h, 'b-expired', 'Completed', { expiration: past });
    await createBackup(h, 'b-fresh', 'Completed', { expiration: future });
    await createBackup(h, 'b-orphan', 'Completed', { expiration: past, location: 'gone' });

    await eventually('expired backup gone', async () => ((await h.backups.find(h.namespace, 'b-expired')) ? undefined : true), 120_000);
    expect(await keysUnder(h, 'backups/b-expired/')).toEqual([]);
    // The Backup goes before its request is marked Processed (and then deleted).
    const created = await eventually('the collector’s request Processed', async () => {
      const found = [...seen.entries()].filter(([, entry]) => entry.backup === 'b-expired');
      return found.some(([, entry]) => entry.phases.includes('Processed')) ? found : undefined;
    });
    expect(created.map(([name]) => name)).toEqual([expect.stringMatching(/^b-expired-[a-z0-9]{5}$/)]);
    expect(created[0]?.[1].phases).toEqual(['InProgress', 'Processed']);

    const orphan = await eventually('gc-failure label', async () => {
      const current = await h.backups.get(h.namespace, 'b-orphan');
      return current.metadata?.labels?.['velero.io/gc-failure'] ? current : undefined;
    });
    expect(orphan.metadata?.labels?.['velero.io/gc-failure']).toBe('BSLNotFound');
    expect((await h.backups.get(h.namespace, 'b-fresh')).status?.phase).toBe('Completed');
    expect(await keysUnder(h, 'backups/b-fresh/')).toEqual([...keep].sort());
  });
});
