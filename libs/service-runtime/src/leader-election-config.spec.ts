import { readLeaderElectionConfig } from './leader-election-config';

describe('leader election config', () => {
  it('defaults to controller-runtime timing, the ferry-<service> Lease and the pod name as identity', () => {
    expect(readLeaderElectionConfig('controller', { FERRY_POD_NAME: 'ferry-controller-7d9f-abcde' })).toEqual({
      enabled: true,
      leaseName: 'ferry-controller',
      identity: 'ferry-controller-7d9f-abcde',
      timing: { leaseDurationMs: 15_000, renewDeadlineMs: 10_000, retryPeriodMs: 2_000 },
    });
  });

  it('reads Go durations, the Lease name and the switch', () => {
    const config = readLeaderElectionConfig('controller', {
      FERRY_LEADER_ELECT: 'false',
      FERRY_LEADER_ELECTION_ID: 'ferry-a',
      FERRY_LEADER_ELECTION_LEASE_DURATION: '30s',
      FERRY_LEADER_ELECTION_RENEW_DEADLINE: '20s',
      FERRY_LEADER_ELECTION_RETRY_PERIOD: '1500ms',
      HOSTNAME: 'host-1',
    });
    expect(config).toEqual({
      enabled: false,
      leaseName: 'ferry-a',
      identity: 'host-1',
      timing: { leaseDurationMs: 30_000, renewDeadlineMs: 20_000, retryPeriodMs: 1_500 },
    });
  });

  it.each([
    [{ FERRY_LEADER_ELECT: 'yes' }, /FERRY_LEADER_ELECT="yes" is not a boolean/],
    [{ FERRY_LEADER_ELECTION_LEASE_DURATION: 'soon' }, /FERRY_LEADER_ELECTION_LEASE_DURATION/],
    [{ FERRY_LEADER_ELECTION_RENEW_DEADLINE: '15s' }, /RENEW_DEADLINE must be shorter than FERRY_LEADER_ELECTION_LEASE_DURATION/],
    [{ FERRY_LEADER_ELECTION_RETRY_PERIOD: '10s' }, /RETRY_PERIOD must be above zero and shorter than the renew deadline/],
  ])('rejects %j naming the variable', (env, message) => {
    expect(() => readLeaderElectionConfig('controller', env)).toThrow(message);
  });
});
