import { readScheduleSyncSettings } from './schedule-sync-settings';

describe('schedule and sync settings - FERRY_SCHEDULE_SKIP_IMMEDIATELY', () => {
  it.each<[string | undefined, boolean]>([
    [undefined, false],
    [' ', false],
    ['true', true],
    ['1', true],
    ['T', true],
    ['False', false],
    ['0', false],
  ])('%j → %s', (value, expected) => {
    expect(readScheduleSyncSettings({ FERRY_SCHEDULE_SKIP_IMMEDIATELY: value }).skipImmediately).toBe(expected);
  });

  it.each(['yes', 'on', 'tRuE'])('rejects %s naming the variable', (value) => {
    expect(() => readScheduleSyncSettings({ FERRY_SCHEDULE_SKIP_IMMEDIATELY: value })).toThrow(
      `FERRY_SCHEDULE_SKIP_IMMEDIATELY="${value}" is not a boolean: use true or false`,
    );
  });
});

describe('schedule and sync settings - FERRY_BACKUP_SYNC_PERIOD', () => {
  it.each<[string | undefined, number]>([
    [undefined, 60_000],
    ['30s', 30_000],
    ['1h', 3_600_000],
  ])('%j → %i ms', (value, expected) => {
    expect(readScheduleSyncSettings({ FERRY_BACKUP_SYNC_PERIOD: value }).defaultSyncPeriodMs).toBe(expected);
  });

  it.each(['0s', 'hourly', '-1m'])('rejects %s naming the variable', (value) => {
    expect(() => readScheduleSyncSettings({ FERRY_BACKUP_SYNC_PERIOD: value })).toThrow(/FERRY_BACKUP_SYNC_PERIOD/);
  });
});
