import { KubeError, KubeErrorCode } from './errors';
import { patchStatusWithRetry, updateStatusWithRetry, type StatusWriteTarget } from './status-writer';

interface Counter {
  metadata: { name: string; resourceVersion: string };
  status?: { count: number };
}

/** An in-memory object with optimistic concurrency, like the API server's. */
function fakeServer(initial: Counter, interfere = 0): StatusWriteTarget<Counter> & { current: Counter; writes: number } {
  let concurrentWrites = interfere;
  const state = {
    current: initial,
    writes: 0,
    async read() {
      const copy = structuredClone(state.current);
      if (concurrentWrites-- > 0) bump(state.current.status?.count ?? 0);
      return copy;
    },
    async replace(object: Counter) {
      check(object.metadata.resourceVersion);
      return bump(object.status?.count ?? 0);
    },
    async mergePatch(patch: object) {
      const p = patch as { metadata: { resourceVersion: string }; status: { count: number } };
      check(p.metadata.resourceVersion);
      return bump(p.status.count);
    },
  };
  const check = (resourceVersion: string) => {
    if (resourceVersion !== state.current.metadata.resourceVersion)
      throw new KubeError(KubeErrorCode.Conflict, 'the object has been modified');
  };
  const bump = (count: number) => {
    state.writes++;
    state.current = {
      metadata: { ...state.current.metadata, resourceVersion: String(Number(state.current.metadata.resourceVersion) + 1) },
      status: { count },
    };
    return structuredClone(state.current);
  };
  return state;
}

const start = (): Counter => ({ metadata: { name: 'c', resourceVersion: '1' }, status: { count: 0 } });

describe('status writer - conflict retry', () => {
  it.each([
    ['update', updateStatusWithRetry],
    ['patch', patchStatusWithRetry],
  ] as const)('%s re-reads and re-applies the mutation after a concurrent write', async (_name, write) => {
    // One concurrent writer sets count 0 → 0 but moves the resourceVersion; the first write must conflict.
    const server = fakeServer(start(), 1);
    const increments: number[] = [];
    const result = await write(server, (current: Counter) => {
      increments.push(current.status?.count ?? 0);
      return { count: (current.status?.count ?? 0) + 1 };
    });
    expect(increments).toHaveLength(2);
    expect(result.status?.count).toBe(1);
    expect(server.current.metadata.resourceVersion).toBe('3');
  });

  it('gives up after maxAttempts with the Conflict', async () => {
    const server = fakeServer(start(), 100);
    await expect(updateStatusWithRetry(server, () => ({ count: 1 }), { maxAttempts: 3 })).rejects.toMatchObject({
      code: KubeErrorCode.Conflict,
    });
  });

  it('skips the write when the mutation returns undefined', async () => {
    const server = fakeServer(start());
    await updateStatusWithRetry<Counter, { count: number }>(server, () => undefined);
    expect(server.writes).toBe(0);
  });

  it('does not retry other failures', async () => {
    const server = fakeServer(start());
    let calls = 0;
    server.replace = async () => {
      calls++;
      throw new KubeError(KubeErrorCode.Invalid, 'bad');
    };
    await expect(updateStatusWithRetry(server, () => ({ count: 1 }))).rejects.toMatchObject({ code: KubeErrorCode.Invalid });
    expect(calls).toBe(1);
  });
});
