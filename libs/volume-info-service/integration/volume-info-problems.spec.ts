// The volume-info service's failures against the real environment (world: volume-info-harness.ts):
// RFC 9457 problems for unknown, unfinished and document-less runs, unknown claims, malformed and
// unknown paths, wrong methods; the same codes over NATS; and apps/volume-info run as a process.
import { adminHeaders, startFerryService } from '@ferry/devenv/testing';
import { RemoteError } from '@ferry/nats';
import { startVolumeInfoHarness, type VolumeInfoHarness } from './volume-info-harness';

describe('volume-info service - problems and the app process', () => {
  let harness: VolumeInfoHarness;
  let namespace = '';
  const get = (path: string) => harness.get(path);
  const query: VolumeInfoHarness['query'] = (payload) => harness.query(payload);

  beforeAll(async () => {
    harness = await startVolumeInfoHarness('volinfo-problems');
    namespace = harness.namespace;
  });

  afterAll(async () => {
    await harness?.stop();
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
    const response = await fetch(`${harness.service.httpUrl}/v1/backups/${namespace}/b1/volumes`, {
      method: 'DELETE',
      headers: await adminHeaders(),
    });
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
    const app = await startFerryService({ app: 'volume-info' }, harness.info.stateDir, {
      natsUrl: harness.info.natsUrl,
      kubeconfigPath: harness.info.kubeconfigPath,
      namespace,
      natsNamespace: harness.test.contracts.namespace,
    });
    try {
      const path = `/v1/backups/${namespace}/b1/volumes`;
      const [inProcess, spawned] = await Promise.all([
        get(path),
        fetch(`${app.url}${path}`, { headers: await adminHeaders() }).then((r) => r.json()),
      ]);
      expect(spawned).toEqual(inProcess.body);
      // The app guards its API by default: no token, no answer.
      expect((await fetch(`${app.url}${path}`)).status).toBe(401);
    } finally {
      await app.process.stop();
    }
  });
});
