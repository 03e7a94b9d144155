// The volume-info service against the real API server, NATS and MinIO: two backups' and one
// restore's documents written with Velero's encoders, the Backup/Restore objects created, the
// service started in-process; its HTTP and NATS answers compared field by field, the claim history
// across the three runs, records of a run still going, the seal, and the problem details.
import {
  backupDefinition,
  backupStorageLocationDefinition,
  restoreDefinition,
  type Backup,
  type BackupStorageLocation,
  type Restore,
} from '@ferry/api';
import { encodeBackupVolumeInfos, encodeRestoreVolumeInfos } from '@ferry/backup';
import { awsCredentialsFile } from '@ferry/devenv';
import {
  connectTestContracts,
  createTestNamespace,
  deleteTestNamespace,
  eventually,
  loadEnvironmentInfo,
  startFerryService,
  type TestContracts,
} from '@ferry/devenv/testing';
import { createCustomResourceClient, createKubeClient } from '@ferry/kube';
import { publishToStream, RemoteError, request } from '@ferry/nats';
import { createS3ObjectStore, type ObjectStore } from '@ferry/object-store';
import { storageLocationPlan } from '@ferry/storage-location';
import { startVolumeInfoService, type VolumeInfoService } from '../src';
import {
  aBackupObject,
  appNamespace,
  aRestoreObject,
  firstBackupVolumes,
  putBackupDocument,
  putRestoreDocument,
  restoredNamespace,
  restoreVolumes,
  secondBackupVolumes,
} from './volume-info-fixtures';

describe('volume-info service - documents, claim history and problems', () => {
  const info = loadEnvironmentInfo();
  const kube = createKubeClient({ kind: 'file', kubeconfigPath: info.kubeconfigPath });
  const backups = createCustomResourceClient<Backup>(kube, backupDefinition);
  const restores = createCustomResourceClient<Restore>(kube, restoreDefinition);
  const locations = createCustomResourceClient<BackupStorageLocation>(kube, backupStorageLocationDefinition);
  let namespace = '';
  let test: TestContracts;
  let service: VolumeInfoService;
  let store: ObjectStore;

  const get = async (path: string) => {
    const response = await fetch(`${service.httpUrl}${path}`);
    return {
      status: response.status,
      type: response.headers.get('content-type') ?? '',
      body: (await response.json()) as Record<string, unknown>,
    };
  };
  const query = (payload: Parameters<typeof request<TestContracts['contracts']['messages']['volumeInfoQuery']>>[3]) =>
    request(test.nats, test.contracts.messages.volumeInfoQuery, {}, payload);

  beforeAll(async () => {
    namespace = await createTestNamespace(kube, 'volinfo');
    test = await connectTestContracts('volume-info-it', info.natsUrl);
    const prefix = `${namespace}/store`;
    store = createS3ObjectStore(
      storageLocationPlan(
        {
          metadata: {},
          spec: {
            provider: 'aws',
            objectStorage: { bucket: info.s3.bucket, prefix },
            config: { s3Url: info.s3.endpoint, s3ForcePathStyle: 'true' },
          },
        },
        'test',
      ),
      info.s3,
    );
    await kube.core.createNamespacedSecret({
      namespace,
      body: { metadata: { name: 'cloud-credentials' }, stringData: { cloud: awsCredentialsFile(info.s3) } },
    });
    await locations.create({
      apiVersion: 'velero.io/v1',
      kind: 'BackupStorageLocation',
      metadata: { name: 'default', namespace },
      spec: {
        provider: 'aws',
        default: true,
        objectStorage: { bucket: info.s3.bucket, prefix },
        config: { region: info.s3.region, s3Url: info.s3.endpoint, s3ForcePathStyle: 'true' },
      },
    });
    await putBackupDocument(store, 'b1', firstBackupVolumes());
    await putBackupDocument(store, 'b2', secondBackupVolumes());
    await putRestoreDocument(store, 'r1', restoreVolumes());
    await backups.create(aBackupObject(namespace, 'b1', 'Completed', { start: '2026-12-06T10:00:00Z', end: '2026-12-06T10:01:00Z' }));
    await backups.create(aBackupObject(namespace, 'b2', 'PartiallyFailed', { start: '2026-12-06T11:00:00Z', end: '2026-12-06T11:01:00Z' }));
    await backups.create(aBackupObject(namespace, 'running', 'InProgress', { start: '2026-12-06T13:00:00Z' }));
    await backups.create(
      aBackupObject(namespace, 'no-document', 'Completed', { start: '2026-12-06T09:00:00Z', end: '2026-12-06T09:01:00Z' }),
    );
    await restores.create(aRestoreObject(namespace, 'r1', 'b1'));
    service = await startVolumeInfoService({
      kube,
      nats: test.nats,
      contracts: test.contracts,
      logger: test.logger,
      config: { namespace, httpHost: '127.0.0.1', httpPort: 0 },
      now: () => new Date('2026-12-06T14:00:00Z'),
    });
  });

  afterAll(async () => {
    await service?.stop();
    store?.close();
    await test?.dispose();
    await deleteTestNamespace(kube, namespace);
  });

  it('serves a backup’s volumes: every entry as Velero wrote it, with bytes and duration', async () => {
    const { status, body } = await get(`/v1/backups/${namespace}/b1/volumes`);
    expect(status).toBe(200);
    const written = JSON.parse(encodeBackupVolumeInfos(firstBackupVolumes())) as unknown[];
    expect(body).toEqual({
      kind: 'backup-volumes',
      backup: { namespace, name: 'b1' },
      phase: 'Completed',
      storageLocation: 'default',
      time: '2026-12-06T10:01:00Z',
      documentKey: `${namespace}/store/backups/b1/b1-volumeinfo.json.gz`,
      volumes: [
        {
          info: written[0],
          summary: {
            claim: { namespace: appNamespace, name: 'data' },
            pvName: 'pv-data',
            method: 'CSISnapshot',
            snapshotDataMoved: true,
            snapshotHandle: 'k5f0e1d2c3b4a',
            bytes: 1_048_576,
            incrementalBytes: 65_536,
            uploaderType: 'kopia',
            dataMover: 'velero',
            skipped: false,
            result: 'succeeded',
            startTimestamp: '2026-12-06T10:00:00Z',
            completionTimestamp: '2026-12-06T10:00:42Z',
            durationMs: 42_000,
          },
        },
        {
          info: written[1],
          summary: {
            claim: { namespace: appNamespace, name: 'logs' },
            pvName: 'pv-logs',
            method: 'PodVolumeBackup',
            snapshotDataMoved: false,
            snapshotHandle: '3f1c9a2b',
            bytes: 4096,
            uploaderType: 'restic',
            nodeName: 'node-a',
            skipped: false,
            result: 'succeeded',
            startTimestamp: '2026-12-06T10:00:01Z',
            completionTimestamp: '2026-12-06T10:00:04Z',
            durationMs: 3000,
          },
        },
        {
          info: written[2],
          summary: {
            claim: { namespace: appNamespace, name: 'cache' },
            pvName: 'pv-cache',
            snapshotDataMoved: false,
            skipped: true,
            skippedReason: 'any: skipped by volume policy;',
          },
        },
      ],
    });
    expect(await query({ kind: 'backup-volumes', namespace, name: 'b1' })).toEqual(body);
  });

  it('serves a restore’s volumes, the source claim undoing the namespace mapping', async () => {
    const { status, body } = await get(`/v1/restores/${namespace}/r1/volumes`);
    expect(status).toBe(200);
    expect(body).toEqual({
      kind: 'restore-volumes',
      restore: { namespace, name: 'r1' },
      phase: 'Completed',
      backupName: 'b1',
      time: '2026-12-06T12:01:00Z',
      documentKey: `${namespace}/store/restores/r1/r1-volumeinfo.json.gz`,
      volumes: [
        {
          info: JSON.parse(encodeRestoreVolumeInfos(restoreVolumes()))[0],
          summary: {
            claim: { namespace: restoredNamespace, name: 'data' },
            sourceClaim: { namespace: appNamespace, name: 'data' },
            pvName: 'pv-restored-data',
            method: 'CSISnapshot',
            snapshotDataMoved: true,
            snapshotHandle: 'k5f0e1d2c3b4a',
            bytes: 1_048_576,
            uploaderType: 'kopia',
            dataMover: 'velero',
          },
        },
      ],
    });
    expect(await query({ kind: 'restore-volumes', namespace, name: 'r1' })).toEqual(body);
  });

  it('keeps the claim history across two backups and one restore, indexed from the informers', async () => {
    const history = await eventually('claim shop/data indexed from b1, b2 and r1', async () => {
      const { status, body } = await get(`/v1/claims/${appNamespace}/data/history`);
      const answer = body as { backups?: unknown[]; restores?: unknown[] };
      return status === 200 && answer.backups?.length === 2 && answer.restores?.length === 1 ? body : undefined;
    });
    const entries = history as { backups: Record<string, unknown>[]; restores: Record<string, unknown>[] };
    expect(
      entries.backups.map((e) => {
        const volume = e.volume as Record<string, unknown>;
        return [
          e.backup,
          e.phase,
          e.time,
          e.source,
          volume.method,
          volume.snapshotDataMoved,
          volume.bytes,
          volume.snapshotHandle,
          volume.result,
        ];
      }),
    ).toEqual([
      [
        { namespace, name: 'b1' },
        'Completed',
        '2026-12-06T10:01:00Z',
        'document',
        'CSISnapshot',
        true,
        1_048_576,
        'k5f0e1d2c3b4a',
        'succeeded',
      ],
      [
        { namespace, name: 'b2' },
        'PartiallyFailed',
        '2026-12-06T11:01:00Z',
        'document',
        'CSISnapshot',
        false,
        2_097_152,
        'snap-0042',
        'succeeded',
      ],
    ]);
    expect(entries.restores.map((e) => [e.restore, e.backupName, e.phase, (e.volume as { claim: unknown }).claim])).toEqual([
      [{ namespace, name: 'r1' }, 'b1', 'Completed', { namespace: restoredNamespace, name: 'data' }],
    ]);
    expect(await query({ kind: 'claim-history', namespace: appNamespace, pvc: 'data' })).toEqual(history);
    const restoredSide = await get(`/v1/claims/${restoredNamespace}/data/history`);
    expect([restoredSide.status, (restoredSide.body as { restores: unknown[] }).restores.length]).toEqual([200, 1]);
  });

  it('shows the records of a run without document, then seals and forgets with the Backup', async () => {
    const publish = (source: 'controller' | 'mover', recordedAt: string, facts: Record<string, unknown>) =>
      publishToStream(
        test.nats,
        test.contracts.messages.volumeInfoRecord,
        {},
        {
          v: 1,
          target: { kind: 'backup', namespace, name: 'running' },
          claim: { namespace: appNamespace, name: 'logs' },
          source,
          recordedAt,
          facts,
        },
      );
    await publish('mover', '2026-12-06T13:00:09Z', { bytes: 8192, snapshotHandle: 'r77', nodeName: 'node-b' });
    await publish('controller', '2026-12-06T13:00:00Z', { method: 'PodVolumeBackup', snapshotDataMoved: false, bytes: 1 });
    const recorded = await eventually('records of backup running in the history of shop/logs', async () => {
      const { body } = await get(`/v1/claims/${appNamespace}/logs/history`);
      return (body as { backups?: { source: string; volume: unknown }[] }).backups?.find((e) => e.source === 'records');
    });
    expect(recorded.volume).toEqual({
      claim: { namespace: appNamespace, name: 'logs' },
      method: 'PodVolumeBackup',
      snapshotDataMoved: false,
      snapshotHandle: 'r77',
      bytes: 8192,
      nodeName: 'node-b',
      skipped: false,
    });

    expect(
      await request(test.nats, test.contracts.messages.volumeInfoSeal, {}, { v: 1, target: { kind: 'backup', namespace, name: 'b2' } }),
    ).toEqual({
      target: { kind: 'backup', namespace, name: 'b2' },
      key: `${namespace}/store/backups/b2/b2-volumeinfo.json.gz`,
      volumes: 1,
      sealedAt: '2026-12-06T14:00:00.000Z',
    });
    const sealMissing = request(
      test.nats,
      test.contracts.messages.volumeInfoSeal,
      {},
      { v: 1, target: { kind: 'backup', namespace, name: 'no-document' } },
    );
    await expect(sealMissing).rejects.toMatchObject({ remoteCode: 'VOLUMEINFO_DOCUMENT_MISSING' });

    await backups.delete(namespace, 'b2');
    await eventually('b2 gone from the history of shop/data', async () => {
      const { body } = await get(`/v1/claims/${appNamespace}/data/history`);
      return (body as { backups: { backup: { name: string } }[] }).backups.every((e) => e.backup.name !== 'b2');
    });
  });

  it.each([
    [
      'an unknown backup',
      '/v1/backups/NS/nope/volumes',
      404,
      'volumeinfo-backup-not-found',
      'Backup not found',
      'backup NS/nope does not exist',
    ],
    [
      'a backup still running',
      '/v1/backups/NS/running/volumes',
      409,
      'volumeinfo-not-finished',
      'Not finished yet',
      'backup NS/running is InProgress; its volume info is written when it completes, ask again then',
    ],
    [
      'a completed backup without document',
      '/v1/backups/NS/no-document/volumes',
      404,
      'volumeinfo-document-missing',
      'No volume info document',
      'backup NS/no-document has no volume info document (NS/store/backups/no-document/no-document-volumeinfo.json.gz does not exist)',
    ],
    [
      'an unknown restore',
      '/v1/restores/NS/nope/volumes',
      404,
      'volumeinfo-restore-not-found',
      'Restore not found',
      'restore NS/nope does not exist',
    ],
    [
      'an unknown claim',
      '/v1/claims/shop/nope/history',
      404,
      'volumeinfo-claim-not-found',
      'No backup or restore of this claim',
      'no indexed backup or restore holds claim shop/nope',
    ],
    [
      'a malformed namespace',
      '/v1/backups/Bad_NS/b1/volumes',
      400,
      'volumeinfo-bad-request',
      'Bad request',
      'path segment namespace "Bad_NS" is not a valid namespace name: use lower-case letters, digits, \'-\'',
    ],
    [
      'an unknown path',
      '/v1/schedules',
      404,
      'volumeinfo-no-route',
      'No such path',
      'no route for GET /v1/schedules; the API serves /v1/backups/:namespace/:name/volumes, /v1/restores/:namespace/:name/volumes, /v1/claims/:namespace/:pvc/history',
    ],
  ])('answers %s with an RFC 9457 problem', async (_what, rawPath, status, type, title, detail) => {
    const path = rawPath.replaceAll('NS', namespace);
    const answer = await get(path);
    expect(answer.type).toBe('application/problem+json; charset=utf-8');
    expect(answer.body).toEqual({
      type: `https://ferry.dev/problems/${type}`,
      title,
      status,
      detail: detail.replaceAll('NS', namespace),
      instance: path,
      code: type.toUpperCase().replaceAll('-', '_'),
      retryable: status === 409,
    });
  });

  it('answers a write with 405 and Allow: GET, and NATS queries with the same codes', async () => {
    const response = await fetch(`${service.httpUrl}/v1/backups/${namespace}/b1/volumes`, { method: 'DELETE' });
    expect([response.status, response.headers.get('allow'), ((await response.json()) as { code: string }).code]).toEqual([
      405,
      'GET',
      'VOLUMEINFO_METHOD_NOT_ALLOWED',
    ]);
    const failure = await query({ kind: 'backup-volumes', namespace, name: 'nope' }).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(RemoteError);
    expect(failure).toMatchObject({ remoteCode: 'VOLUMEINFO_BACKUP_NOT_FOUND', retryable: false });
  });

  it('runs as apps/volume-info does in a cluster: a process configured through its environment', async () => {
    const app = await startFerryService({ app: 'volume-info' }, info.stateDir, {
      natsUrl: info.natsUrl,
      kubeconfigPath: info.kubeconfigPath,
      namespace,
      natsNamespace: test.contracts.namespace,
    });
    try {
      const [inProcess, spawned] = await Promise.all([
        get(`/v1/backups/${namespace}/b1/volumes`),
        fetch(`${app.url}/v1/backups/${namespace}/b1/volumes`).then((r) => r.json()),
      ]);
      expect(spawned).toEqual(inProcess.body);
    } finally {
      await app.process.stop();
    }
  });
});
