// The DownloadRequest controller against the real API server and MinIO: every kind's URL serves
// the stored gzip bytes as Velero's CLI fetches them (plain GET, no Content-Encoding, gunzipped by
// the client), expiration now + 10 min, the Failed cases with their messages, a missing file's URL
// answering 404, and expired requests deleted.
import { gunzipSync } from 'node:zlib';
import { BackupPhase, DownloadRequestPhase, DownloadTargetKind, RestorePhase, type DownloadRequest } from '@ferry/api';
import { createMinioStorageLocation } from '@ferry/devenv';
import { createTestNamespace, deleteTestNamespace, eventually, loadEnvironmentInfo } from '@ferry/devenv/testing';
import { createKubeClient, silentLogger } from '@ferry/kube';
import { createS3ObjectStore } from '@ferry/object-store';
import { storageLocationPlan } from '@ferry/storage-location';
import { startDownloadRequestService, type DownloadRequestService } from '../src';
import { objectsIn, storeFiles, type StoredFile } from './download-fixtures';

const tenMinutesMs = 10 * 60 * 1000;

describe('download request controller - DownloadRequests against MinIO', () => {
  const info = loadEnvironmentInfo();
  const kube = createKubeClient({ kind: 'file', kubeconfigPath: info.kubeconfigPath });
  let namespace = '';
  let prefix = '';
  let service: DownloadRequestService;
  let files: StoredFile[] = [];
  let objects: ReturnType<typeof objectsIn>;

  beforeAll(async () => {
    namespace = await createTestNamespace(kube, 'dreq');
    prefix = `${namespace}/store`;
    objects = objectsIn(kube, namespace);
    const location = await createMinioStorageLocation(kube, info.s3, { namespace, prefix });
    const store = createS3ObjectStore(storageLocationPlan(location, `${namespace}/default`), info.s3);
    try {
      files = await storeFiles(store, prefix, 'nightly', 'nightly-restore');
    } finally {
      store.close();
    }
    await objects.backup('nightly', BackupPhase.Completed);
    await objects.restore('nightly-restore', RestorePhase.Completed, 'nightly');
    service = await startDownloadRequestService({ kube, logger: silentLogger, namespace });
  });

  afterAll(async () => {
    await service?.stop();
    await deleteTestNamespace(kube, namespace);
  });

  /** Waits until request `name` leaves phase New, and returns it. */
  const settled = (name: string) =>
    eventually(`DownloadRequest ${name} processed or failed`, async () => {
      const current = await objects.requests.get(namespace, name);
      const phase = current.status?.phase;
      return phase === DownloadRequestPhase.Processed || phase === DownloadRequestPhase.Failed ? current : undefined;
    });

  const expectExpiresInTenMinutes = (request: DownloadRequest, createdAt: number) => {
    const expiration = Date.parse(request.status?.expiration ?? '');
    // Whole seconds (truncated), written a moment after creation.
    expect(expiration).toBeGreaterThanOrEqual(createdAt + tenMinutesMs - 1000);
    expect(expiration).toBeLessThanOrEqual(Date.now() + tenMinutesMs);
  };

  it('serves every kind: the stored gzip bytes, no Content-Encoding, Processed, expiring in 10 minutes', async () => {
    expect(files).toHaveLength(Object.keys(DownloadTargetKind).length);
    for (const file of files) {
      const target = file.kind.startsWith('Restore') ? 'nightly-restore' : 'nightly';
      const name = `${target}-${file.kind.toLowerCase()}`;
      const createdAt = Date.now();
      await objects.request(name, file.kind, target);
      const request = await settled(name);
      expect({ kind: file.kind, phase: request.status?.phase, message: request.status?.message }).toEqual({
        kind: file.kind,
        phase: DownloadRequestPhase.Processed,
        message: undefined,
      });
      expectExpiresInTenMinutes(request, createdAt);
      const url = request.status?.downloadURL ?? '';
      expect(url).toContain('X-Amz-Signature=');
      expect(url).not.toContain(info.s3.secretAccessKey);
      const response = await fetch(url);
      expect({ kind: file.kind, status: response.status, encoding: response.headers.get('content-encoding') }).toEqual({
        kind: file.kind,
        status: 200,
        encoding: null,
      });
      const body = Buffer.from(await response.arrayBuffer());
      // What Velero's CLI does with the body: gunzip it, then decode the JSON or print the log.
      expect({ kind: file.kind, text: gunzipSync(body).toString('utf8') }).toEqual({ kind: file.kind, text: file.text });
      expect(body.equals(file.bytes)).toBe(true);
    }
  });

  it('gives a missing file a URL that answers 404, as Velero does not check existence', async () => {
    await objects.backup('empty', BackupPhase.Completed);
    await objects.request('empty-volumeinfos', DownloadTargetKind.BackupVolumeInfos, 'empty');
    const request = await settled('empty-volumeinfos');
    expect(request.status?.phase).toBe(DownloadRequestPhase.Processed);
    const response = await fetch(request.status?.downloadURL ?? '');
    expect(response.status).toBe(404);
  });

  it('fails with a message for targets that cannot have files, without a URL', async () => {
    await objects.backup('queued', BackupPhase.Queued);
    await objects.backup('invalid', BackupPhase.FailedValidation);
    await objects.restore('fresh', RestorePhase.New, 'nightly');
    await objects.restore('orphan', RestorePhase.Completed, 'gone');
    await objects.backup('elsewhere', BackupPhase.Completed, 'nowhere');
    const cases: [string, DownloadTargetKind, string, string][] = [
      ['queued-log', DownloadTargetKind.BackupLog, 'queued', 'backup "queued" is in phase "Queued" and has not written any artifacts'],
      [
        'invalid-results',
        DownloadTargetKind.BackupResults,
        'invalid',
        'backup "invalid" is in phase "FailedValidation" and has not written any artifacts',
      ],
      ['fresh-log', DownloadTargetKind.RestoreLog, 'fresh', 'restore "fresh" is in phase "New" and has not written any artifacts'],
      ['missing-backup', DownloadTargetKind.BackupVolumeInfos, 'missing', `backup "missing" not found in namespace "${namespace}"`],
      ['missing-restore', DownloadTargetKind.RestoreVolumeInfo, 'missing', `restore "missing" not found in namespace "${namespace}"`],
      [
        'orphan-info',
        DownloadTargetKind.RestoreVolumeInfo,
        'orphan',
        `backup "gone" of restore "orphan" not found in namespace "${namespace}"`,
      ],
      [
        'elsewhere-log',
        DownloadTargetKind.BackupLog,
        'elsewhere',
        `BackupStorageLocation "nowhere" of backup "elsewhere" not found in namespace "${namespace}"`,
      ],
    ];
    for (const [name, kind, target] of cases) await objects.request(name, kind, target);
    for (const [name, , , message] of cases) {
      const request = await settled(name);
      expect({ name, phase: request.status?.phase, message: request.status?.message, url: request.status?.downloadURL }).toEqual({
        name,
        phase: DownloadRequestPhase.Failed,
        message,
        url: undefined,
      });
      expect(Date.parse(request.status?.expiration ?? '')).toBeGreaterThan(Date.now() + tenMinutesMs - 60_000);
    }
  });

  it('fails when the location cannot sign, naming the Secret and never quoting a key', async () => {
    await createMinioStorageLocation(kube, info.s3, { namespace, prefix, name: 'broken', credentialSecret: 'absent' });
    await kube.core.deleteNamespacedSecret({ namespace, name: 'absent' });
    await objects.backup('on-broken', BackupPhase.Completed, 'broken');
    await objects.request('on-broken-log', DownloadTargetKind.BackupLog, 'on-broken');
    const request = await settled('on-broken-log');
    expect(request.status?.phase).toBe(DownloadRequestPhase.Failed);
    expect(request.status?.message).toBe(
      `BackupStorageLocation "broken" cannot sign a download URL: credential Secret ${namespace}/absent does not exist; create it or fix spec.credential`,
    );
    expect(JSON.stringify(request)).not.toContain(info.s3.secretAccessKey);
  });

  it('deletes a request once it expires, whatever its phase, and keeps it until then', async () => {
    // Far enough ahead that the expired ones are gone first, even on a loaded machine.
    const soon = new Date(Date.now() + 10_000).toISOString();
    const past = new Date(Date.now() - 1000).toISOString();
    await objects.request('expiring', DownloadTargetKind.BackupLog, 'nightly', {
      phase: DownloadRequestPhase.Processed,
      downloadURL: 'http://127.0.0.1:1/old',
      expiration: soon,
    });
    await objects.request('expired-failed', DownloadTargetKind.BackupLog, 'queued', {
      phase: DownloadRequestPhase.Failed,
      message: 'old',
      expiration: past,
    });
    await objects.request('expired-new', DownloadTargetKind.BackupLog, 'nightly', { phase: DownloadRequestPhase.New, expiration: past });
    const gone = (name: string) =>
      eventually(`DownloadRequest ${name} deleted`, async () => !(await objects.requests.find(namespace, name)), 20_000);
    await gone('expired-failed');
    await gone('expired-new');
    const kept = await objects.requests.find(namespace, 'expiring');
    expect(Date.now()).toBeLessThan(Date.parse(soon));
    expect(kept?.status?.downloadURL).toBe('http://127.0.0.1:1/old');
    await gone('expiring');
    expect(Date.now()).toBeGreaterThanOrEqual(Date.parse(soon));
  });
});
