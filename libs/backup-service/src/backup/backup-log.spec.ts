import { BackupResultsBuilder, ResultLevel } from '@ferry/backup';
import { BackupLog } from './backup-log';

const at = () => new Date('2026-12-06T20:00:00Z');

describe('BackupLog - result messages logged as the lines they came from', () => {
  it.each([
    [
      'an item error with its fields',
      new BackupResultsBuilder().log(ResultLevel.Error, {
        namespace: 'app',
        resource: 'persistentvolumeclaims',
        name: 'db',
        message: 'Error backing up item',
        error: 'no volume',
      }),
      'time="2026-12-06T20:00:00Z" level=error msg="Error backing up item" backup=velero/b error="no volume" name=db namespace=app resource=persistentvolumeclaims\n',
    ],
    [
      'a Velero-level warning in free text',
      new BackupResultsBuilder().velero(ResultLevel.Warning, 'hook "h" was not run'),
      'time="2026-12-06T20:00:00Z" level=warning msg="hook \\"h\\" was not run" backup=velero/b\n',
    ],
  ])('%s', (_name, builder, expected) => {
    const log = new BackupLog('velero/b', at);
    log.results(builder.build());
    expect(log.text()).toBe(expected);
  });

  it('appends to the log an earlier step stored', () => {
    const log = new BackupLog('velero/b', at, 'earlier line');
    log.info('next');
    expect(log.text()).toBe('earlier line\ntime="2026-12-06T20:00:00Z" level=info msg=next backup=velero/b\n');
  });
});
