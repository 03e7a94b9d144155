import { InvalidServiceConfigError } from './errors';
import { readDisabledControllers } from './disabled-controllers';

describe('disabled controllers - FERRY_DISABLE_CONTROLLERS', () => {
  const known = ['backup', 'schedule', 'backup-sync'];

  it.each<[string | undefined, string[]]>([
    [undefined, []],
    ['', []],
    ['backup', ['backup']],
    [' backup , schedule ,', ['backup', 'schedule']],
  ])('%j disables %j', (value, expected) => {
    expect([...readDisabledControllers({ FERRY_DISABLE_CONTROLLERS: value }, known)]).toEqual(expected);
  });

  it('an unknown name is refused with the valid names', () => {
    const read = () => readDisabledControllers({ FERRY_DISABLE_CONTROLLERS: 'backup,restore' }, known);
    expect(read).toThrow(InvalidServiceConfigError);
    expect(read).toThrow(
      'FERRY_DISABLE_CONTROLLERS names "restore", which is not a controller: use a comma-separated list of backup, schedule, backup-sync',
    );
  });
});
