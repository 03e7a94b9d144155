import type { ApiRequest, ApiRequester } from './api-requester';
import { KubeError, KubeErrorCode } from './errors';
import { createLeaderElector, type LeaderElector } from './leader-elector';
import { FakeClock, flushPromises } from './testing/fake-clock';

/** One Lease held in memory with the API server's optimistic concurrency (resourceVersion). */
function leaseServer() {
  type Stored = Record<string, unknown> & { metadata: { resourceVersion: string } };
  let stored: Stored | undefined;
  let version = 0;
  let reachable = true;
  const requester: ApiRequester = {
    async request<T>(request: ApiRequest): Promise<T> {
      if (!reachable) throw new KubeError(KubeErrorCode.Unavailable, 'unreachable');
      const body = structuredClone(request.body) as Stored | undefined;
      if (request.method === 'GET') {
        if (!stored) throw new KubeError(KubeErrorCode.NotFound, 'not found');
        return structuredClone(stored) as T;
      }
      if (request.method === 'POST') {
        if (stored) throw new KubeError(KubeErrorCode.AlreadyExists, 'exists');
        stored = { ...body, metadata: { ...body?.metadata, resourceVersion: String(++version) } } as Stored;
        return structuredClone(stored) as T;
      }
      if (body?.metadata.resourceVersion !== stored?.metadata.resourceVersion) throw new KubeError(KubeErrorCode.Conflict, 'conflict');
      stored = { ...body, metadata: { ...body?.metadata, resourceVersion: String(++version) } } as Stored;
      return structuredClone(stored) as T;
    },
  };
  return {
    requester,
    holder: () => (stored?.['spec'] as { holderIdentity?: string } | undefined)?.holderIdentity,
    setReachable: (value: boolean) => (reachable = value),
  };
}

function candidate(server: ReturnType<typeof leaseServer>, clock: FakeClock, identity: string, requester = server.requester) {
  const terms: string[] = [];
  const elector: LeaderElector = createLeaderElector(
    { requester, namespace: 'velero', leaseName: 'ferry-controller', identity, clock },
    { onStartedLeading: () => void terms.push('started'), onStoppedLeading: () => void terms.push('stopped') },
  );
  return { elector, terms };
}

describe('leader elector', () => {
  it('exactly one of two candidates leads and starts its term', async () => {
    const clock = new FakeClock();
    const server = leaseServer();
    const first = candidate(server, clock, 'a');
    await clock.advance(0);
    const second = candidate(server, clock, 'b');
    await clock.advance(6_000);
    expect([first.elector.isLeader(), second.elector.isLeader()]).toEqual([true, false]);
    expect(first.terms).toEqual(['started']);
    expect(second.terms).toEqual([]);
    expect(second.elector.leader).toBe('a');
    expect(server.holder()).toBe('a');
    await second.elector.stop();
    await first.elector.stop();
  });

  it('a leader that cannot renew steps down after the renew deadline, before another may take over', async () => {
    const clock = new FakeClock();
    const server = leaseServer();
    const leader = candidate(server, clock, 'a');
    await clock.advance(0);
    expect(leader.elector.isLeader()).toBe(true);
    server.setReachable(false);
    await clock.advance(9_999);
    expect(leader.elector.isLeader()).toBe(true);
    await clock.advance(1);
    expect(leader.elector.isLeader()).toBe(false);
    await clock.advance(2_000);
    expect(leader.terms).toEqual(['started', 'stopped']);
    server.setReachable(true);
    await clock.advance(2_000);
    expect(leader.elector.isLeader()).toBe(true);
    expect(leader.terms).toEqual(['started', 'stopped', 'started']);
    await leader.elector.stop();
  });

  it('a standby takes the lease only after the holder has not renewed for the lease duration', async () => {
    const clock = new FakeClock();
    const server = leaseServer();
    const silent = { value: false };
    const pausable: ApiRequester = {
      request: (request) => (silent.value ? new Promise(() => undefined) : server.requester.request(request)),
    };
    const a = candidate(server, clock, 'a', pausable);
    await clock.advance(0);
    const b = candidate(server, clock, 'b');
    await clock.advance(4_000);
    expect(server.holder()).toBe('a');
    silent.value = true; // a is paused: its renewals never arrive
    await clock.advance(14_000);
    expect(server.holder()).toBe('a');
    expect(b.elector.isLeader()).toBe(false);
    await clock.advance(4_000);
    expect(server.holder()).toBe('b');
    expect(b.elector.isLeader()).toBe(true);
    expect(a.elector.isLeader()).toBe(false);
    expect(b.elector.leader).toBe('b');
    await b.elector.stop();
  });

  it('releases the lease on stop so a standby takes over at once', async () => {
    const clock = new FakeClock();
    const server = leaseServer();
    const a = candidate(server, clock, 'a');
    await clock.advance(0);
    const b = candidate(server, clock, 'b');
    await clock.advance(2_000);
    await a.elector.stop();
    expect(a.terms).toEqual(['started', 'stopped']);
    await clock.advance(2_000);
    await flushPromises();
    expect(server.holder()).toBe('b');
    await b.elector.stop();
  });
});
