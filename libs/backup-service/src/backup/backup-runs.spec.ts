import { silentLogger } from '@ferry/kube';
import { BackupRuns } from './backup-runs';

describe('BackupRuns - bounded collections', () => {
  it('starts at most `limit` at once, never one key twice, and frees the slot when a run ends', async () => {
    const runs = new BackupRuns(1, silentLogger);
    let finish: () => void = () => undefined;
    const ended: string[] = [];
    const first = runs.start(
      'ns/a',
      () => new Promise<void>((resolve) => (finish = resolve)),
      () => ended.push('ns/a'),
    );
    expect([
      first,
      runs.start(
        'ns/a',
        () => Promise.resolve(),
        () => undefined,
      ),
      runs.start(
        'ns/b',
        () => Promise.resolve(),
        () => undefined,
      ),
    ]).toEqual([true, false, false]);
    expect([runs.has('ns/a'), runs.hasRoom()]).toEqual([true, false]);
    finish();
    await new Promise((resolve) => setImmediate(resolve));
    expect([runs.has('ns/a'), runs.hasRoom(), ended]).toEqual([false, true, ['ns/a']]);
  });

  it('stop aborts the running collections and waits for them; a rejection is only logged', async () => {
    const runs = new BackupRuns(2, silentLogger);
    const aborted: string[] = [];
    const until = (key: string) => (signal: AbortSignal) =>
      new Promise<void>((_resolve, reject) => signal.addEventListener('abort', () => (aborted.push(key), reject(new Error('aborted')))));
    runs.start('ns/a', until('ns/a'), () => undefined);
    runs.start('ns/b', until('ns/b'), () => undefined);
    await runs.stop();
    expect(aborted.sort()).toEqual(['ns/a', 'ns/b']);
    expect(runs.hasRoom()).toBe(true);
  });
});
