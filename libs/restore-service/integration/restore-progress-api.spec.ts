// Restore rate and ETA over HTTP against the real API server: the restore service records its run's
// progress on a board, and `GET /v1/restores/{ns}/{name}/progress` (mounted as the controller's
// HTTP API mounts it, through service-runtime's express server) is read while a restore of 600
// ConfigMaps runs, after it ends, for an unknown Restore and once no restore service runs.
import { silentLogger as silentHttpLogger } from '@ferry/logger';
import { silentLogger } from '@ferry/kube';
import { startHttpServer, type HttpServer } from '@ferry/service-runtime';
import { adminHeaders, testApiAccess } from '@ferry/devenv/testing';
import { createRestoreProgressBoard, restoreProgressRouteAccess, restoreProgressRoutes, startRestoreService } from '../src';
import { createConfigMaps, writeBackup } from './restore-fixtures';
import { backups, kube, restores, useRestoreWorld } from './restore-harness';

interface View {
  totalItems: number;
  itemsRestored: number;
  itemsPerSecond?: number;
  etaSeconds?: number;
  phase: string;
}

const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

describe('restore service - progress, rate and ETA over HTTP', () => {
  const world = useRestoreWorld('rpa');
  const board = createRestoreProgressBoard();
  let http: HttpServer | undefined;
  const get = async (namespace: string, name: string) => {
    const response = await fetch(`${http?.url}/v1/restores/${namespace}/${name}/progress`, { headers: await adminHeaders() });
    return { status: response.status, type: response.headers.get('content-type') ?? '', body: (await response.json()) as unknown };
  };

  beforeAll(async () => {
    await world.service?.stop();
    world.service = await startRestoreService({
      kube,
      logger: silentLogger,
      namespace: world.velero,
      parallel: 1,
      timeouts: { terminatingTimeoutMs: 5_000, resourceTimeoutMs: 30_000 },
      progress: board,
      volumeReporter: world.volumeInfo!.reporter,
    });
    http = await startHttpServer({
      host: '127.0.0.1',
      port: 0,
      logger: silentHttpLogger(),
      access: { api: testApiAccess(kube), rules: restoreProgressRouteAccess, namespace: world.velero },
      routes: restoreProgressRoutes(board),
      isReady: () => true,
    });
  });

  afterAll(async () => {
    await http?.close();
  });

  it('serves the live rate and ETA of a running restore, then its whole-run figures', async () => {
    const many = world.target();
    await createConfigMaps(kube, many, 600);
    await writeBackup(kube, world.store, backups, world.velero, world.bsl, 'b-many', [many]);
    const to = world.target();
    await restores.create({
      apiVersion: 'velero.io/v1',
      kind: 'Restore',
      metadata: { name: 'r-rate', namespace: world.velero },
      spec: { backupName: 'b-many', namespaceMapping: { [many]: to } },
    });
    const views: View[] = [];
    for (const deadline = Date.now() + 90_000; Date.now() < deadline; await sleep(100)) {
      const answer = await get(world.velero, 'r-rate');
      expect(answer.status).toBe(200);
      const view = answer.body as View;
      views.push(view);
      if (['Completed', 'PartiallyFailed', 'Failed'].includes(view.phase)) break;
    }

    const running = views.filter((view) => view.phase === 'InProgress');
    const counts = running.map((view) => view.itemsRestored);
    expect(counts).toEqual([...counts].sort((a, b) => a - b));
    for (const view of running) expect(view.itemsRestored).toBeLessThanOrEqual(view.totalItems);
    const estimated = running.filter((view) => view.itemsPerSecond !== undefined && view.itemsPerSecond > 0);
    expect(estimated.length).toBeGreaterThan(2);
    for (const view of estimated) {
      // ETA = remaining / rate, rounded up (the rate is served with one decimal).
      const exact = (view.totalItems - view.itemsRestored) / (view.itemsPerSecond ?? 1);
      expect(view.etaSeconds).toBeGreaterThanOrEqual(Math.floor(exact * 0.95));
      expect(view.etaSeconds).toBeLessThanOrEqual(Math.ceil(exact * 1.05) + 1);
    }

    const done = await world.finished('r-rate');
    expect(done.status?.phase).toBe('Completed');
    const final = (await get(world.velero, 'r-rate')).body as View;
    const restored = done.status?.progress?.itemsRestored ?? 0;
    const start = Date.parse(done.status?.startTimestamp ?? '') / 1000;
    const end = Date.parse(done.status?.completionTimestamp ?? '') / 1000;
    expect(restored).toBe(601);
    expect(final).toEqual({
      totalItems: restored,
      itemsRestored: restored,
      etaSeconds: 0,
      phase: 'Completed',
      ...(end > start ? { itemsPerSecond: Math.round((restored / (end - start)) * 10) / 10 } : {}),
    });
  });

  it('answers RFC 9457 problem details for an unknown Restore, and 503 once no restore service runs', async () => {
    const unknown = await get(world.velero, 'no-such-restore');
    expect(unknown.status).toBe(404);
    expect(unknown.type).toContain('application/problem+json');
    expect(unknown.body).toEqual({
      type: 'about:blank',
      title: 'Not Found',
      status: 404,
      detail: expect.stringContaining(`no Restore ${world.velero}/no-such-restore`),
      instance: `/v1/restores/${world.velero}/no-such-restore/progress`,
    });

    await world.service?.stop();
    world.service = undefined;
    const standby = await get(world.velero, 'r-rate');
    expect(standby.status).toBe(503);
    expect(standby.body).toEqual(
      expect.objectContaining({ title: 'Service Unavailable', status: 503, detail: expect.stringContaining('no Restore controller') }),
    );
  });
});
