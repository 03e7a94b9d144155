import { randomBytes } from 'node:crypto';
import type { DataDownload, DataUpload } from '@ferry/api';
import { createTestNamespace, eventually } from '@ferry/devenv/testing';
import { startDataPathHarness, type DataPathHarness } from './data-path-harness';
import { createDataUpload, waitForPhase } from './volume-fixtures';

jest.setTimeout(300_000);

/** Bad input on the data path reaches its author: the cause in status.message and in a Warning Event. */
describe('data path bad input - the cause in the status and the Event', () => {
  let h: DataPathHarness;
  beforeAll(async () => {
    h = await startDataPathHarness('bad-input', { movers: 'none' });
  });
  afterAll(async () => {
    await h?.close();
  });

  const warnings = (kind: string, name: string) =>
    eventually(`the Warning Event of ${kind} ${name}`, async () => {
      const list = await h.kube.core.listNamespacedEvent({
        namespace: h.namespace,
        fieldSelector: `involvedObject.kind=${kind},involvedObject.name=${name},type=Warning`,
      });
      return list.items.length > 0 ? list.items : undefined;
    });

  it("a DataUpload for a claim that does not exist fails with the exposer's cause, not 'backup pod not found'", async () => {
    const app = await createTestNamespace(h.kube, 'app-missing');
    const du = await createDataUpload(h, { namespace: app, claim: 'no-such-claim', snapshot: 'no-such-snapshot' });
    const name = du.metadata?.name ?? '';
    const failed = await waitForPhase<DataUpload>(h.dataUploads, h.namespace, name, ['Failed'], 60_000);
    expect(failed.status?.message).toBe(
      `exposing the data upload failed: source PVC ${app}/no-such-claim of DataUpload ${h.namespace}/${name} does not exist`,
    );
    const [event] = await warnings('DataUpload', name);
    expect(event).toMatchObject({ reason: 'DataPathExposeFailed', message: failed.status?.message });
  });

  it('a DataUpload with operationTimeout "garbage" fails naming spec.operationTimeout and the fix', async () => {
    const name = `du-${randomBytes(4).toString('hex')}`;
    await h.dataUploads.create({
      apiVersion: 'velero.io/v2alpha1',
      kind: 'DataUpload',
      metadata: { name, namespace: h.namespace },
      spec: {
        snapshotType: 'CSI',
        csiSnapshot: { volumeSnapshot: 'vs', storageClass: 'standard', snapshotClass: 'ferry-snapclass' },
        sourcePVC: 'data',
        sourceNamespace: 'shop',
        backupStorageLocation: 'default',
        operationTimeout: 'garbage',
      },
    });
    const failed = await waitForPhase<DataUpload>(h.dataUploads, h.namespace, name, ['Failed'], 60_000);
    const message = 'invalid spec: spec.operationTimeout "garbage" is not a positive duration: use a Go duration such as 10m, 1h30m or 4h';
    expect(failed.status?.message).toBe(message);
    const [event] = await warnings('DataUpload', name);
    expect(event).toMatchObject({ reason: 'DataPathInvalidSpec', message });
  });

  it('a DataDownload with operationTimeout "10 minutes" fails the same way', async () => {
    const name = `dd-${randomBytes(4).toString('hex')}`;
    await h.dataDownloads.create({
      apiVersion: 'velero.io/v2alpha1',
      kind: 'DataDownload',
      metadata: { name, namespace: h.namespace },
      spec: {
        targetVolume: { pvc: 'data', pv: '', namespace: 'shop' },
        backupStorageLocation: 'default',
        snapshotID: 'abc123',
        sourceNamespace: 'shop',
        operationTimeout: '10 minutes',
      },
    });
    const failed = await waitForPhase<DataDownload>(h.dataDownloads, h.namespace, name, ['Failed'], 60_000);
    expect(failed.status?.message).toBe(
      'invalid spec: spec.operationTimeout "10 minutes" is not a positive duration: use a Go duration such as 10m, 1h30m or 4h',
    );
    const [event] = await warnings('DataDownload', name);
    expect(event?.reason).toBe('DataPathInvalidSpec');
  });
});
