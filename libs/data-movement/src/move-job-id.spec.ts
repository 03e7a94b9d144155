import { moveJobIdSchema } from '@ferry/contracts';
import { decideMoveRetry, moveJobAttempt, moveJobId, type DataPathKind } from './move-job-id';

describe('move job ids - deterministic per attempt', () => {
  const uid = '3F2A9C1E-0B7D-4E8A-9C1D-2B3A4C5D6E7F';
  it.each<[DataPathKind, number, string]>([
    ['DataUpload', 1, 'du-3f2a9c1e-0b7d-4e8a-9c1d-2b3a4c5d6e7f'],
    ['DataUpload', 2, 'du-3f2a9c1e-0b7d-4e8a-9c1d-2b3a4c5d6e7f-r2'],
    ['DataDownload', 1, 'dd-3f2a9c1e-0b7d-4e8a-9c1d-2b3a4c5d6e7f'],
    ['PodVolumeBackup', 3, 'pvb-3f2a9c1e-0b7d-4e8a-9c1d-2b3a4c5d6e7f-r3'],
    ['PodVolumeRestore', 1, 'pvr-3f2a9c1e-0b7d-4e8a-9c1d-2b3a4c5d6e7f'],
  ])('%s attempt %d → %s (valid for the contract, attempt read back)', (kind, attempt, id) => {
    expect(moveJobId(kind, uid, attempt)).toBe(id);
    expect(moveJobIdSchema.safeParse(id).success).toBe(true);
    expect(moveJobAttempt(kind, uid, id)).toBe(attempt);
  });

  it.each([
    'du-other',
    'du-3f2a9c1e-0b7d-4e8a-9c1d-2b3a4c5d6e7f-r1',
    'du-3f2a9c1e-0b7d-4e8a-9c1d-2b3a4c5d6e7f-rx',
    'dd-3f2a9c1e-0b7d-4e8a-9c1d-2b3a4c5d6e7f',
  ])('%s is not an attempt of the DataUpload', (id) => expect(moveJobAttempt('DataUpload', uid, id)).toBeUndefined());

  it('rejects a bad attempt and an empty uid', () => {
    expect(() => moveJobId('DataUpload', uid, 0)).toThrow(/attempt/);
    expect(() => moveJobId('DataUpload', '', 1)).toThrow(/uid/);
    expect(() => moveJobId('DataUpload', '', 1)).toThrow(expect.objectContaining({ code: 'DATA_MOVEMENT_INVALID_JOB_ID' }));
  });

  it.each<[boolean, number, number, boolean]>([
    [true, 1, 3, true],
    [true, 2, 3, true],
    [true, 3, 3, false],
    [false, 1, 3, false],
  ])('retryable %s at attempt %d of %d → retry %s', (retryable, attempt, max, retry) => {
    expect(decideMoveRetry({ retryable }, attempt, max).retry).toBe(retry);
  });
});
