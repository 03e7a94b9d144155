import { SnapshotMoverErrorCode } from './errors';
import { beforeCleanUp, fromSeenPhase } from './reconcile-context';

type Status = { phase?: string; message?: string };
const write = (status: Status | undefined): Status => ({ ...status, message: 'written' });

describe('status writes from the cached phase - refuse when the server moved on', () => {
  it.each([
    ['no phase seen, none on the server', undefined, undefined, true],
    ['InProgress seen and on the server', 'InProgress', 'InProgress', true],
    ['InProgress seen, SnapshotBackupDone on the server (cache behind our write)', 'InProgress', 'SnapshotBackupDone', false],
    ['no phase seen, InProgress on the server', undefined, 'InProgress', false],
  ])('%s', (_, seen, onServer, writes) => {
    const mutate = fromSeenPhase<Status>('VolumeSnapshotBackup ns/vsb', seen, write);
    const current = { status: onServer ? { phase: onServer } : undefined };
    if (writes) expect(mutate(current)).toEqual({ ...(onServer ? { phase: onServer } : {}), message: 'written' });
    else expect(() => mutate(current)).toThrow(expect.objectContaining({ code: SnapshotMoverErrorCode.NotReady }));
  });

  it.each([
    [undefined, true],
    ['InProgress', true],
    ['Cleanup', false],
    ['Completed', false],
  ])('a failure may be written over phase %s: %s', (phase, accepted) => {
    const mutate = fromSeenPhase<Status>('VolumeSnapshotRestore ns/vsr', undefined, write, beforeCleanUp);
    const current = { status: phase ? { phase } : {} };
    if (accepted) expect(mutate(current).message).toBe('written');
    else expect(() => mutate(current)).toThrow(/while the cache showed/);
  });
});
