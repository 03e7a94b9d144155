// Two controller apps share the `ferry-controller` Lease of the test namespace: the standby takes
// over a DataUpload when the leader is killed, and a paused leader that lost its Lease never
// writes again when it wakes up.
import type { DataDownload, DataUpload } from '@ferry/api';
import { adminHeaders, createTestNamespace, eventually, type FerryServiceProcess } from '@ferry/devenv/testing';
import { builtinResources, resourcePath } from '@ferry/kube';
import { startDataPathHarness, type DataPathHarness } from './data-path-harness';
import {
  bigVolume,
  createDataDownload,
  createDataUpload,
  createFilledClaim,
  inProgressWithBytes,
  readClaim,
  snapshotClaim,
  waitForPhase,
} from './volume-fixtures';

jest.setTimeout(600_000);

interface Lease {
  readonly metadata: { readonly resourceVersion: string };
  readonly spec: { readonly holderIdentity?: string | null; readonly leaseTransitions?: number };
}

describe('controller leader election - two controller apps', () => {
  let h: DataPathHarness;
  const replicas = new Map<string, FerryServiceProcess>();

  const lease = (): Promise<Lease> =>
    h.kube.requester.request<Lease>({ method: 'GET', path: resourcePath(builtinResources.leases, h.namespace, 'ferry-controller') });
  const holderBecomes = (identity: string, timeoutMs: number) =>
    eventually(
      `lease held by ${identity}`,
      async () => ((await lease().catch(() => undefined))?.spec.holderIdentity === identity ? true : undefined),
      timeoutMs,
    );
  const startReplica = async (identity: string, readiness: 'ready' | 'alive') =>
    replicas.set(
      identity,
      await h.spawnApp('controller', { name: `controller-${identity}`, env: { FERRY_POD_NAME: identity }, readiness }),
    );

  beforeAll(async () => {
    h = await startDataPathHarness('leader', { controller: 'none' });
    await startReplica('ctl-a', 'ready');
    await holderBecomes('ctl-a', 30_000);
    await startReplica('ctl-b', 'alive');
  });
  afterAll(async () => {
    for (const replica of replicas.values()) replica.process.signal('SIGCONT');
    await h?.close();
  });

  it('the standby answers /readyz 503 and /healthz 200 while the leader serves the API', async () => {
    const standby = await fetch(`${replicas.get('ctl-b')?.url}/readyz`);
    expect(standby.status).toBe(503);
    expect((await fetch(`${replicas.get('ctl-b')?.url}/healthz`)).status).toBe(200);
    expect((await fetch(`${replicas.get('ctl-a')?.url}/v1/operations`, { headers: await adminHeaders() })).status).toBe(200);
    // Both guard their API: the leader's routes and the standby's (unknown) paths alike need a token.
    expect((await fetch(`${replicas.get('ctl-a')?.url}/v1/operations`)).status).toBe(401);
    expect((await fetch(`${replicas.get('ctl-b')?.url}/v1/operations`)).status).toBe(401);
    expect((await lease()).spec.holderIdentity).toBe('ctl-a');
  });

  it('SIGKILL the leader while a DataUpload is InProgress - the standby takes over and the upload completes with identical data', async () => {
    const app = await createTestNamespace(h.kube, 'app-failover');
    const source = await createFilledClaim(h, app, 'data', bigVolume);
    const du = await createDataUpload(h, { namespace: app, claim: 'data', snapshot: await snapshotClaim(h, app, 'data') });
    const name = du.metadata?.name ?? '';
    await inProgressWithBytes(h, name);
    const killedAt = Date.now();
    await replicas.get('ctl-a')?.process.kill('SIGKILL');
    await holderBecomes('ctl-b', 30_000);
    const takeoverMs = Date.now() - killedAt;
    // Lease duration 15 s, counted from the standby's last sight of a renewal (≤ one 2 s retry period earlier).
    expect(takeoverMs).toBeLessThan(15_000 + 2_000 + 3_000);
    const done = await waitForPhase<DataUpload>(h.dataUploads, h.namespace, name, ['Completed'], 300_000);
    expect(done.status?.snapshotID).toBeTruthy();
    await h.kube.core.deleteNamespacedPersistentVolumeClaim({ namespace: app, name: 'data' });
    const target = await createTestNamespace(h.kube, 'restore-failover');
    const dd = await createDataDownload(
      h,
      { namespace: target, claim: 'data' },
      { snapshotID: done.status?.snapshotID ?? '', sourceNamespace: app },
    );
    await waitForPhase<DataDownload>(h.dataDownloads, h.namespace, dd.metadata?.name ?? '', ['Completed'], 300_000);
    expect(await readClaim(h, target, 'data')).toEqual(source);
  });

  it('a paused leader that loses its Lease stops writing when it wakes (no two writers)', async () => {
    replicas.delete('ctl-a');
    await startReplica('ctl-a', 'alive');
    const app = await createTestNamespace(h.kube, 'app-paused');
    await createFilledClaim(h, app, 'data', bigVolume);
    const du = await createDataUpload(h, { namespace: app, claim: 'data', snapshot: await snapshotClaim(h, app, 'data') });
    const name = du.metadata?.name ?? '';
    await inProgressWithBytes(h, name);
    const paused = replicas.get('ctl-b');
    paused?.process.signal('SIGSTOP');
    await holderBecomes('ctl-a', 40_000);
    const done = await waitForPhase<DataUpload>(h.dataUploads, h.namespace, name, ['Completed'], 300_000);
    const settled = (await h.dataUploads.get(h.namespace, name)).metadata?.resourceVersion;
    expect(settled).toBe(done.metadata?.resourceVersion);

    // The paused replica still believes the upload is InProgress; woken up, it must not touch it.
    paused?.process.signal('SIGCONT');
    await eventually(
      'the woken replica stands by',
      async () => ((await fetch(`${paused?.url}/readyz`).catch(() => undefined))?.status === 503 ? true : undefined),
      30_000,
    );
    await new Promise((resolve) => setTimeout(resolve, 5_000));
    const after = await h.dataUploads.get(h.namespace, name);
    expect(after.metadata?.resourceVersion).toBe(settled);
    expect(after.status?.phase).toBe('Completed');
    expect((await lease()).spec.holderIdentity).toBe('ctl-a');
  });
});
