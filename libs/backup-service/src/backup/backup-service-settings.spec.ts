import { BackupServiceErrorCode } from '../errors';
import { readBackupServiceSettings } from './backup-service-settings';

describe('readBackupServiceSettings - environment', () => {
  it.each([
    ['defaults: one backup at a time, operations checked every 10 s', {}, { concurrentBackups: 1, operationsPollMs: 10_000 }],
    [
      'both set',
      { FERRY_CONCURRENT_BACKUPS: '3', FERRY_ITEM_OPERATION_SYNC_FREQUENCY: '1.5s' },
      { concurrentBackups: 3, operationsPollMs: 1500 },
    ],
    [
      'blank values are the defaults',
      { FERRY_CONCURRENT_BACKUPS: ' ', FERRY_ITEM_OPERATION_SYNC_FREQUENCY: '' },
      { concurrentBackups: 1, operationsPollMs: 10_000 },
    ],
  ])('%s', (_name, env, expected) => {
    expect(readBackupServiceSettings(env)).toEqual(expected);
  });

  it.each([
    [{ FERRY_CONCURRENT_BACKUPS: '0' }, 'FERRY_CONCURRENT_BACKUPS="0" is not a backup count: use an integer from 1 to 64'],
    [{ FERRY_CONCURRENT_BACKUPS: 'two' }, 'FERRY_CONCURRENT_BACKUPS="two" is not a backup count: use an integer from 1 to 64'],
    [{ FERRY_ITEM_OPERATION_SYNC_FREQUENCY: '10' }, 'FERRY_ITEM_OPERATION_SYNC_FREQUENCY="10" is not a positive Go duration: use e.g. 10s'],
    [{ FERRY_ITEM_OPERATION_SYNC_FREQUENCY: '0s' }, 'FERRY_ITEM_OPERATION_SYNC_FREQUENCY="0s" is not a positive Go duration: use e.g. 10s'],
  ])('%j is refused, naming the variable and the fix', (env, message) => {
    expect(() => readBackupServiceSettings(env)).toThrow(
      expect.objectContaining({ code: BackupServiceErrorCode.InvalidSettings, message }),
    );
  });
});
