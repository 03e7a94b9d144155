import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { DataDownload, DataUpload } from '@ferry/api';
import { createTestNamespace, eventually, type FerryServiceProcess } from '@ferry/devenv/testing';
import { startDataPathHarness, type DataPathHarness } from './data-path-harness';
import {
  bigVolume,
  createDataDownload,
  createDataUpload,
  createFilledClaim,
  inProgressWithBytes,
  leftovers,
  readClaim,
  snapshotClaim,
  waitForPhase,
} from './volume-fixtures';

jest.setTimeout(600_000);

describe('data path faults - prepare timeout', () => {
  let h: DataPathHarness;
  beforeAll(async () => {
    h = await startDataPathHarness('timeout', {
      nodeAgentConfig: { backupPVC: { standard: { storageClass: 'missing-ro' } } },
      prepareTimeout: '8s',
    });
  });
  afterAll(async () => {
    await h?.close();
  });

  it('a backupPVC class that does not exist - Failed after the short prepare timeout, cause in status.message, a Warning Event, nothing left', async () => {
    const app = await createTestNamespace(h.kube, 'app-timeout');
    await createFilledClaim(h, app, 'data', (dir) => writeFile(join(dir, 'a.txt'), 'hello'));
    const snapshot = await snapshotClaim(h, app, 'data');
    const du = await createDataUpload(h, { namespace: app, claim: 'data', snapshot });
    const name = du.metadata?.name ?? '';
    const started = Date.now();
    const failed = await waitForPhase<DataUpload>(h.dataUploads, h.namespace, name, ['Failed'], 60_000);
    expect(Date.now() - started).toBeGreaterThanOrEqual(3_000);
    expect(failed.status?.message).toMatch(/^timeout on preparing data upload: /);
    expect(failed.status?.message).toContain("storage class 'missing-ro' not found");
    expect(failed.metadata?.finalizers ?? []).toEqual([]);
    const events = await eventually('the prepare-timeout Event', async () => {
      const list = await h.kube.core.listNamespacedEvent({
        namespace: h.namespace,
        fieldSelector: `involvedObject.kind=DataUpload,involvedObject.name=${name},type=Warning`,
      });
      return list.items.length > 0 ? list.items : undefined;
    });
    expect(events[0]).toMatchObject({ reason: 'DataPathPrepareTimeout', message: failed.status?.message });
    await eventually('nothing left behind', async () => (await leftovers(h, [name])).length === 0 || undefined, 30_000);
  });
});

describe('data path faults - cancel and kill (services as app processes)', () => {
  let h: DataPathHarness;
  let controller: FerryServiceProcess | undefined;

  beforeAll(async () => {
    h = await startDataPathHarness('faults', { controller: 'none' });
    controller = await h.spawnApp('controller');
  });
  afterAll(async () => {
    await h?.close();
  });

  it('cancel during InProgress - Canceling then Canceled, the mover stops, nothing left', async () => {
    const app = await createTestNamespace(h.kube, 'app-cancel');
    await createFilledClaim(h, app, 'data', bigVolume);
    const du = await createDataUpload(h, { namespace: app, claim: 'data', snapshot: await snapshotClaim(h, app, 'data') });
    const name = du.metadata?.name ?? '';
    await inProgressWithBytes(h, name);
    await h.dataUploads.patch(h.namespace, name, { spec: { cancel: true } });
    const canceled = await waitForPhase<DataUpload>(h.dataUploads, h.namespace, name, ['Canceled'], 120_000);
    expect(canceled.status?.completionTimestamp).toBeTruthy();
    expect(canceled.metadata?.finalizers ?? []).toEqual([]);
    await eventually('nothing left behind', async () => (await leftovers(h, [name])).length === 0 || undefined, 30_000);
  });

  it.each(['mover', 'controller'] as const)(
    'SIGKILL the %s mid-transfer - the upload still completes and restores identical data',
    async (victim) => {
      const app = await createTestNamespace(h.kube, `app-kill-${victim}`);
      const source = await createFilledClaim(h, app, 'data', bigVolume);
      const du = await createDataUpload(h, { namespace: app, claim: 'data', snapshot: await snapshotClaim(h, app, 'data') });
      const name = du.metadata?.name ?? '';
      const running = await inProgressWithBytes(h, name);
      const node = running.status?.node ?? '';
      if (victim === 'mover') {
        await h.movers.get(node)?.process.kill('SIGKILL');
        await h.startMover(node);
      } else {
        await controller?.process.kill('SIGKILL');
        controller = await h.spawnApp('controller');
      }
      const done = await waitForPhase<DataUpload>(h.dataUploads, h.namespace, name, ['Completed'], 300_000);
      expect(done.status?.snapshotID).toBeTruthy();
      await h.kube.core.deleteNamespacedPersistentVolumeClaim({ namespace: app, name: 'data' });
      const target = await createTestNamespace(h.kube, `restore-kill-${victim}`);
      const dd = await createDataDownload(
        h,
        { namespace: target, claim: 'data' },
        { snapshotID: done.status?.snapshotID ?? '', sourceNamespace: app },
      );
      await waitForPhase<DataDownload>(h.dataDownloads, h.namespace, dd.metadata?.name ?? '', ['Completed'], 300_000);
      expect(await readClaim(h, target, 'data')).toEqual(source);
      await eventually(
        'nothing left behind',
        async () => (await leftovers(h, [name, dd.metadata?.name ?? ''])).length === 0 || undefined,
        30_000,
      );
    },
  );

  it('deleting a live DataUpload cancels it; the finalizer goes and the object with it', async () => {
    const app = await createTestNamespace(h.kube, 'app-delete');
    await createFilledClaim(h, app, 'data', bigVolume);
    const du = await createDataUpload(h, { namespace: app, claim: 'data', snapshot: await snapshotClaim(h, app, 'data') });
    const name = du.metadata?.name ?? '';
    await inProgressWithBytes(h, name);
    await h.dataUploads.delete(h.namespace, name);
    await eventually(`${name} gone`, async () => (await h.dataUploads.find(h.namespace, name)) === undefined, 120_000);
    await eventually('nothing left behind', async () => (await leftovers(h, [name])).length === 0 || undefined, 30_000);
  });
});
