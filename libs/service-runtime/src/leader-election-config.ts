import { goDurationVariable } from '@ferry/data-movement';
import { defaultLeaderElectionTiming, type LeaderElectionTiming } from '@ferry/kube';
import { InvalidServiceConfigError } from './errors';

/** How a replicated service elects its leader, read from its environment. */
export interface LeaderElectionConfig {
  /** `FERRY_LEADER_ELECT`: `true` (default) or `false` (one replica only, e.g. a debugger session). */
  readonly enabled: boolean;
  /** `FERRY_LEADER_ELECTION_ID`: name of the Lease in the service's namespace; default `ferry-<service>`. */
  readonly leaseName: string;
  /** `FERRY_POD_NAME`, else `HOSTNAME`: this replica's `holderIdentity` (stable across container restarts). */
  readonly identity: string;
  /**
   * `FERRY_LEADER_ELECTION_LEASE_DURATION`, `…_RENEW_DEADLINE`, `…_RETRY_PERIOD` (Go durations);
   * defaults 15s, 10s, 2s as controller-runtime's. The renew deadline must be below the lease duration.
   */
  readonly timing: LeaderElectionTiming;
}

/** Reads the leader election settings of `service`. Pure; throws `InvalidServiceConfigError` naming the variable. */
export function readLeaderElectionConfig(service: string, env: Readonly<Record<string, string | undefined>>): LeaderElectionConfig {
  const enabledText = env['FERRY_LEADER_ELECT']?.trim() || 'true';
  if (enabledText !== 'true' && enabledText !== 'false') {
    throw new InvalidServiceConfigError(`FERRY_LEADER_ELECT=${JSON.stringify(enabledText)} is not a boolean: use true or false`);
  }
  const duration = (name: string, fallback: number): number => {
    try {
      return goDurationVariable(env, name, fallback);
    } catch (cause) {
      throw new InvalidServiceConfigError(cause instanceof Error ? cause.message : String(cause), { cause });
    }
  };
  const timing: LeaderElectionTiming = {
    leaseDurationMs: duration('FERRY_LEADER_ELECTION_LEASE_DURATION', defaultLeaderElectionTiming.leaseDurationMs),
    renewDeadlineMs: duration('FERRY_LEADER_ELECTION_RENEW_DEADLINE', defaultLeaderElectionTiming.renewDeadlineMs),
    retryPeriodMs: duration('FERRY_LEADER_ELECTION_RETRY_PERIOD', defaultLeaderElectionTiming.retryPeriodMs),
  };
  if (timing.renewDeadlineMs >= timing.leaseDurationMs) {
    throw new InvalidServiceConfigError(
      'FERRY_LEADER_ELECTION_RENEW_DEADLINE must be shorter than FERRY_LEADER_ELECTION_LEASE_DURATION, so a leader steps down before another replica may take over',
    );
  }
  if (timing.retryPeriodMs <= 0 || timing.retryPeriodMs >= timing.renewDeadlineMs) {
    throw new InvalidServiceConfigError('FERRY_LEADER_ELECTION_RETRY_PERIOD must be above zero and shorter than the renew deadline');
  }
  return {
    enabled: enabledText === 'true',
    leaseName: env['FERRY_LEADER_ELECTION_ID']?.trim() || `ferry-${service}`,
    identity: env['FERRY_POD_NAME']?.trim() || env['HOSTNAME']?.trim() || `ferry-${service}-${process.pid}`,
    timing,
  };
}
