import { readControllerServiceSettings } from './controller-service-config';

describe('controller settings - from the environment, errors naming the variable', () => {
  it('defaults: server role, 30m prepare timeout, 3 attempts, 5 s resync', () => {
    expect(readControllerServiceSettings({ HOSTNAME: 'ctl-0' })).toEqual({
      role: 'server',
      prepareTimeoutMs: 1_800_000,
      maxMoveAttempts: 3,
      resyncIntervalMs: 5000,
      identity: 'ctl-0',
    });
  });

  it('reads every variable', () => {
    expect(
      readControllerServiceSettings({
        FERRY_CONTROLLER_ROLE: 'data-mover',
        FERRY_PREPARE_TIMEOUT: '4s',
        FERRY_MOVE_MAX_ATTEMPTS: '5',
        FERRY_CONTROLLER_RESYNC: '500ms',
        FERRY_POD_NAME: 'ferry-controller-abc',
      }),
    ).toEqual({ role: 'data-mover', prepareTimeoutMs: 4000, maxMoveAttempts: 5, resyncIntervalMs: 500, identity: 'ferry-controller-abc' });
  });

  it.each([
    [{ FERRY_CONTROLLER_ROLE: 'velero' }, /FERRY_CONTROLLER_ROLE="velero" is unknown/],
    [{ FERRY_PREPARE_TIMEOUT: 'soon' }, /FERRY_PREPARE_TIMEOUT="soon" is not a positive duration/],
    [{ FERRY_MOVE_MAX_ATTEMPTS: '0' }, /FERRY_MOVE_MAX_ATTEMPTS="0"/],
    [{ FERRY_CONTROLLER_RESYNC: '-1s' }, /FERRY_CONTROLLER_RESYNC/],
  ])('%p is refused', (env, message) => {
    expect(() => readControllerServiceSettings(env)).toThrow(
      expect.objectContaining({ code: 'CONTROLLER_INVALID_SETTINGS', message: expect.stringMatching(message) }),
    );
  });
});
