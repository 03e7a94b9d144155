import { adminHeaders, buildDataTree, createTestNamespace, eventually, standardDataTree } from '@ferry/devenv/testing';
import type { DataDownload, DataUpload } from '@ferry/api';
import { startDataPathHarness, type DataPathHarness } from './data-path-harness';
import {
  createDataDownload,
  createDataUpload,
  createFilledClaim,
  leftovers,
  readClaim,
  snapshotClaim,
  waitForPhase,
} from './volume-fixtures';

jest.setTimeout(600_000);

describe('data upload and download - end to end through the real exposer and movers', () => {
  let h: DataPathHarness;

  beforeAll(async () => {
    h = await startDataPathHarness('roundtrip');
  });

  afterAll(async () => {
    await h?.close();
  });

  it.each(['kopia', 'restic'] as const)(
    '%s - PVC → snapshot → DataUpload Completed; PVC deleted; DataDownload → new PVC Bound with identical files',
    async (uploader) => {
      const app = await createTestNamespace(h.kube, `app-${uploader}`);
      const source = await createFilledClaim(h, app, 'data', (dir) => buildDataTree(dir, standardDataTree));
      const snapshot = await snapshotClaim(h, app, 'data');
      const du = await createDataUpload(h, { namespace: app, claim: 'data', snapshot }, { uploader });
      const duName = du.metadata?.name ?? '';

      const accepted = await waitForPhase<DataUpload>(h.dataUploads, h.namespace, duName, [
        'Accepted',
        'Prepared',
        'InProgress',
        'Completed',
      ]);
      expect(accepted.metadata?.finalizers ?? []).toContain('velero.io/data-upload-download-finalizer');
      const done = await waitForPhase<DataUpload>(h.dataUploads, h.namespace, duName, ['Completed'], 300_000);
      const status = done.status ?? {};
      expect(status.snapshotID).toMatch(/^[0-9a-f]{8,}$/);
      expect(status.path).toBeTruthy();
      expect(status.progress?.totalBytes).toBeGreaterThan(standardDataTree.largeFileBytes);
      expect(status.progress?.bytesDone).toBe(status.progress?.totalBytes);
      expect(status.incrementalBytes ?? 0).toBeGreaterThan(0);
      expect(status).toMatchObject({ phase: 'Completed', nodeOS: 'linux', acceptedByNode: 'ferry-controller-it' });
      expect(h.info.nodes.map((n) => n.name)).toContain(status.node);
      for (const stamp of [status.acceptedTimestamp, status.startTimestamp, status.completionTimestamp])
        expect(stamp).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
      expect(done.metadata?.finalizers ?? []).not.toContain('velero.io/data-upload-download-finalizer');
      expect(done.metadata?.labels?.['velero.io/expose-on-going']).toBeUndefined();

      // The repository objects the controller owns.
      const secret = await h.kube.core.readNamespacedSecret({ namespace: h.namespace, name: 'velero-repo-credentials' });
      expect(Buffer.from(secret.data?.['repository-password'] ?? '', 'base64').toString()).toBe('static-passw0rd');
      const repository = (await h.kube.customObjects.getNamespacedCustomObject({
        group: 'velero.io',
        version: 'v1',
        plural: 'backuprepositories',
        namespace: h.namespace,
        name: `${app}-default-${uploader}`,
      })) as { spec: object; status: object };
      expect(repository).toMatchObject({
        spec: { volumeNamespace: app, backupStorageLocation: 'default', repositoryType: uploader },
        status: { phase: 'Ready' },
      });

      await eventually('no intermediate objects of the upload', async () => (await leftovers(h, [duName])).length === 0 || undefined);

      // The source goes away; the data comes back into a new claim from the repository.
      await h.kube.core.deleteNamespacedPersistentVolumeClaim({ namespace: app, name: 'data' });
      const target = await createTestNamespace(h.kube, `restore-${uploader}`);
      const dd = await createDataDownload(
        h,
        { namespace: target, claim: 'data' },
        { snapshotID: status.snapshotID ?? '', sourceNamespace: app, uploader },
      );
      const ddName = dd.metadata?.name ?? '';
      const restored = await waitForPhase<DataDownload>(h.dataDownloads, h.namespace, ddName, ['Completed'], 300_000);
      expect(restored.status?.progress?.bytesDone).toBeGreaterThan(0);
      expect(restored.metadata?.finalizers ?? []).not.toContain('velero.io/data-upload-download-finalizer');
      const claim = await h.kube.core.readNamespacedPersistentVolumeClaim({ namespace: target, name: 'data' });
      expect(claim.status?.phase).toBe('Bound');
      expect(await readClaim(h, target, 'data')).toEqual(source);
      await eventually('no intermediate objects of the download', async () => (await leftovers(h, [ddName])).length === 0 || undefined);
    },
  );

  it('invalid input - an unknown BSL and a missing VolumeSnapshot name fail with the field named and a Warning Event', async () => {
    const du = await h.dataUploads.create({
      apiVersion: 'velero.io/v2alpha1',
      kind: 'DataUpload',
      metadata: { name: 'du-bad-bsl', namespace: h.namespace },
      spec: {
        snapshotType: 'CSI',
        csiSnapshot: { volumeSnapshot: 'x', storageClass: 'standard' },
        sourcePVC: 'p',
        sourceNamespace: 'a',
        backupStorageLocation: 'nowhere',
        operationTimeout: '10m',
      },
    });
    const failed = await waitForPhase<DataUpload>(h.dataUploads, h.namespace, du.metadata?.name ?? '', ['Failed']);
    expect(failed.status?.message).toContain('spec.backupStorageLocation');
    expect(failed.status?.message).toContain('"nowhere"');
    const bad = await h.dataUploads.create({
      apiVersion: 'velero.io/v2alpha1',
      kind: 'DataUpload',
      metadata: { name: 'du-bad-spec', namespace: h.namespace },
      spec: { snapshotType: 'CSI', sourcePVC: 'p', sourceNamespace: 'a', backupStorageLocation: 'default', operationTimeout: '10m' },
    });
    const invalid = await waitForPhase<DataUpload>(h.dataUploads, h.namespace, bad.metadata?.name ?? '', ['Failed']);
    expect(invalid.status?.message).toBe('invalid spec: spec.csiSnapshot.volumeSnapshot is required');
    const events = await eventually('Warning events', async () => {
      const list = await h.kube.core.listNamespacedEvent({
        namespace: h.namespace,
        fieldSelector: 'type=Warning,involvedObject.kind=DataUpload',
      });
      const ours = list.items.filter((e) => e.involvedObject.name?.startsWith('du-bad-'));
      return ours.length >= 2 ? ours : undefined;
    });
    expect(events.map((e) => `${e.involvedObject.name}:${e.reason}`).sort()).toEqual([
      'du-bad-bsl:DataPathInvalidSpec',
      'du-bad-spec:DataPathInvalidSpec',
    ]);
  });

  it('service - stops and starts again in the same process; GET /v1/controllers shows each controller’s figures', async () => {
    await h.controller?.stop();
    const again = await h.startController();
    const du = await h.dataUploads.create({
      apiVersion: 'velero.io/v2alpha1',
      kind: 'DataUpload',
      metadata: { name: 'du-after-restart', namespace: h.namespace },
      spec: { snapshotType: 'CSI', sourcePVC: 'p', sourceNamespace: 'a', backupStorageLocation: 'elsewhere', operationTimeout: '10m' },
    });
    await waitForPhase<DataUpload>(h.dataUploads, h.namespace, du.metadata?.name ?? '', ['Failed']);
    const body = (await (await fetch(`${again.httpUrl}/v1/controllers`, { headers: await adminHeaders() })).json()) as {
      controllers: { name: string; reconciles: number; depth: number; retries: number; latency: { count: number } }[];
    };
    expect(body.controllers.map((c) => c.name)).toEqual(['dataupload', 'datadownload', 'podvolumebackup', 'podvolumerestore']);
    expect(body.controllers[0]?.reconciles).toBeGreaterThan(0);
    expect(body.controllers[0]?.latency.count).toBe(body.controllers[0]?.reconciles);
  });
});
