import { readBackupDeletionSettings } from './backup-deletion-settings';

describe('backup deletion settings - FERRY_GARBAGE_COLLECTION_FREQUENCY', () => {
  it.each([
    [undefined, 3_600_000],
    ['  ', 3_600_000],
    ['30s', 30_000],
    ['1h30m', 5_400_000],
    // Velero: a frequency <= 0 is replaced by the default.
    ['0s', 3_600_000],
    ['-1h', 3_600_000],
  ])('%s → %i ms', (value, expected) => {
    expect(readBackupDeletionSettings({ FERRY_GARBAGE_COLLECTION_FREQUENCY: value }).garbageCollectionFrequencyMs).toBe(expected);
  });

  it.each(['hourly', '1 h', '60'])('rejects %s naming the variable', (value) => {
    expect(() => readBackupDeletionSettings({ FERRY_GARBAGE_COLLECTION_FREQUENCY: value })).toThrow(
      /^FERRY_GARBAGE_COLLECTION_FREQUENCY=".*" is not a Go duration/,
    );
  });
});
