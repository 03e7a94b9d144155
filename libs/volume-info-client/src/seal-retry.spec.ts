import type { KeyedVolumeInput } from '@ferry/volume-history';
import { sealWithRetry } from './seal-retry';
import type { VolumeReporter, VolumeReportTarget, VolumeSealAnswer } from './volume-reporter';

const target: VolumeReportTarget = { kind: 'restore', namespace: 'velero', name: 'r', uid: 'u' };
const inputs: KeyedVolumeInput[] = [
  { volumeKey: 'claim:shop/data', input: { kind: 'restored-claim', value: { namespace: 'shop', name: 'data' } } },
];

/** A reporter whose first `failures` seals reject; it notes each seal's keys. */
function flakyReporter(failures: number) {
  const seals: string[][] = [];
  let left = failures;
  const reporter: VolumeReporter = {
    record: () => Promise.resolve(),
    seal: (_target, sealed) => {
      seals.push(sealed.map((i) => i.volumeKey));
      if (left > 0) {
        left -= 1;
        return Promise.reject(new Error('no responders'));
      }
      const answer: VolumeSealAnswer = { target, key: 'k', volumes: sealed.length, sealedAt: '2026-12-06T10:00:00.000Z' };
      return Promise.resolve(answer);
    },
  };
  return { reporter, seals };
}

describe('seal retry - asks again until volume-info seals', () => {
  it.each([
    [0, [], 1],
    [3, [1, 2, 4], 4],
    [5, [1, 2, 4, 4, 4], 6],
  ])('%i failures: delays %j ms, %i seals, the inputs collected again each time', async (failures, delays, attempts) => {
    const { reporter, seals } = flakyReporter(failures);
    const waited: number[] = [];
    let collected = 0;
    const answer = await sealWithRetry(reporter, target, () => ((collected += 1), Promise.resolve(inputs)), {
      signal: new AbortController().signal,
      initialDelayMs: 1,
      maxDelayMs: 4,
      onRetry: (_error, delayMs) => waited.push(delayMs),
    });
    expect(answer.volumes).toBe(1);
    expect(waited).toEqual(delays);
    expect([seals.length, collected]).toEqual([attempts, attempts]);
    expect(seals.every((keys) => keys.join() === 'claim:shop/data')).toBe(true);
  });

  it('a failed collection is retried like a failed seal', async () => {
    const { reporter } = flakyReporter(0);
    let calls = 0;
    const inputsOf = () => (++calls === 1 ? Promise.reject(new Error('API server unreachable')) : Promise.resolve(inputs));
    const answer = await sealWithRetry(reporter, target, inputsOf, { signal: new AbortController().signal, initialDelayMs: 1 });
    expect([answer.key, calls]).toEqual(['k', 2]);
  });

  it('stops with the signal’s reason when aborted while waiting', async () => {
    const { reporter, seals } = flakyReporter(100);
    const abort = new AbortController();
    const sealing = sealWithRetry(reporter, target, () => Promise.resolve(inputs), {
      signal: abort.signal,
      initialDelayMs: 60_000,
      onRetry: () => abort.abort(new Error('controller stopping')),
    });
    await expect(sealing).rejects.toThrow('controller stopping');
    expect(seals).toHaveLength(1);
  });
});
