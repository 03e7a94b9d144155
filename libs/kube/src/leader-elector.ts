// Leader election over a coordination.k8s.io/v1 Lease, as client-go's leaderelection package does
// it: a candidate takes the Lease when it is free or its holder has not renewed it for a whole
// lease duration (measured on the candidate's own clock from when it last saw the record change,
// so clock skew between replicas does not matter); the leader renews every retry period and gives
// up leadership when it cannot renew within the renew deadline — before any other candidate may
// take over. A paused leader (SIGSTOP) therefore finds itself no longer leader when it wakes up.
import { systemClock, type Clock } from './clock';
import { isAlreadyExists, isConflict, isNotFound } from './errors';
import type { ApiRequester } from './api-requester';
import { silentLogger, type KubeLogger } from './kube-logger';
import { builtinResources, resourcePath } from './resource-descriptor';

/** Timing of the election; defaults are controller-runtime's (15 s / 10 s / 2 s). */
export interface LeaderElectionTiming {
  /** How long a non-renewed lease blocks other candidates. */
  readonly leaseDurationMs: number;
  /** How long the leader keeps trying to renew before it steps down (< leaseDurationMs). */
  readonly renewDeadlineMs: number;
  /** Pause between acquire or renew attempts. */
  readonly retryPeriodMs: number;
}

/** controller-runtime's defaults. */
export const defaultLeaderElectionTiming: LeaderElectionTiming = { leaseDurationMs: 15_000, renewDeadlineMs: 10_000, retryPeriodMs: 2_000 };

/** Options of {@link createLeaderElector}. */
export interface LeaderElectorOptions {
  /** Raw API access for the Lease (never the write-fenced client: the Lease is how the fence is lifted). */
  readonly requester: ApiRequester;
  readonly namespace: string;
  /** Name of the Lease (one per controller group, e.g. `ferry-controller`). */
  readonly leaseName: string;
  /** This candidate (pod name): written as `spec.holderIdentity`. */
  readonly identity: string;
  readonly timing?: Partial<LeaderElectionTiming>;
  readonly clock?: Clock;
  readonly logger?: KubeLogger;
}

/** What the leader runs during one term. */
export interface LeadershipCallbacks {
  /**
   * Called when this candidate becomes leader; `term` aborts when leadership is lost or the
   * elector stops. Whatever it starts must stop by itself on that signal or in `onStoppedLeading`.
   */
  onStartedLeading(term: AbortSignal): void | Promise<void>;
  /** Called after a term ended (lost lease or stop), before the elector tries to acquire again. */
  onStoppedLeading(): void | Promise<void>;
  /** Called when another candidate is seen holding the Lease (informational). */
  onNewLeader?(identity: string): void;
}

/** A running elector. */
export interface LeaderElector {
  /**
   * True only while this candidate holds the Lease and renewed it within the renew deadline,
   * judged on the clock now — so a process that was paused answers false as soon as it resumes.
   */
  isLeader(): boolean;
  /** The last holder seen (possibly this candidate), or undefined. */
  readonly leader: string | undefined;
  /** Ends the current term (callbacks run), releases the Lease if held, stops trying. Idempotent. */
  stop(): Promise<void>;
}

interface LeaseObject {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace: string; resourceVersion?: string };
  spec: {
    holderIdentity?: string | null;
    leaseDurationSeconds?: number;
    acquireTime?: string | null;
    renewTime?: string | null;
    leaseTransitions?: number;
  };
}

/** Starts electing at once: acquire → term → renew until lost → acquire again, until `stop()`. */
export function createLeaderElector(options: LeaderElectorOptions, callbacks: LeadershipCallbacks): LeaderElector {
  const timing = { ...defaultLeaderElectionTiming, ...options.timing };
  const clock = options.clock ?? systemClock;
  const logger = options.logger ?? silentLogger;
  const path = resourcePath(builtinResources.leases, options.namespace, options.leaseName);
  const collection = resourcePath(builtinResources.leases, options.namespace);
  const stopping = new AbortController();
  let observedRecord = '';
  let observedAt = 0;
  let lastRenewAt: number | undefined;
  let leader: string | undefined;

  const microTime = (ms: number) => new Date(ms).toISOString().replace('Z', '000Z');
  const recordOf = (lease: LeaseObject) =>
    `${lease.spec.holderIdentity ?? ''}|${lease.spec.renewTime ?? ''}|${lease.spec.leaseTransitions ?? 0}`;

  /** One acquire-or-renew attempt (client-go's tryAcquireOrRenew); true when this candidate holds the Lease now. */
  const tryAcquireOrRenew = async (): Promise<boolean> => {
    const now = clock.now();
    const desired = (previous?: LeaseObject['spec']): LeaseObject['spec'] => {
      const holding = previous?.holderIdentity === options.identity;
      return {
        holderIdentity: options.identity,
        leaseDurationSeconds: Math.ceil(timing.leaseDurationMs / 1000),
        acquireTime: holding ? (previous?.acquireTime ?? microTime(now)) : microTime(now),
        renewTime: microTime(now),
        leaseTransitions: (previous?.leaseTransitions ?? 0) + (holding || !previous?.holderIdentity ? 0 : 1),
      };
    };
    let current: LeaseObject;
    try {
      current = await options.requester.request<LeaseObject>({ method: 'GET', path, signal: stopping.signal });
    } catch (error) {
      if (!isNotFound(error)) throw error;
      const created: LeaseObject = {
        apiVersion: 'coordination.k8s.io/v1',
        kind: 'Lease',
        metadata: { name: options.leaseName, namespace: options.namespace },
        spec: desired(),
      };
      try {
        await options.requester.request({ method: 'POST', path: collection, body: created, signal: stopping.signal });
      } catch (createError) {
        if (isAlreadyExists(createError)) return false;
        throw createError;
      }
      observe(created, now);
      return true;
    }
    if (recordOf(current) !== observedRecord) observe(current, now);
    const holder = current.spec.holderIdentity ?? '';
    const expired = observedAt + (current.spec.leaseDurationSeconds ?? timing.leaseDurationMs / 1000) * 1000 <= now;
    if (holder && holder !== options.identity && !expired) return false;
    const updated: LeaseObject = { ...current, spec: desired(current.spec) };
    try {
      await options.requester.request({ method: 'PUT', path, body: updated, signal: stopping.signal });
    } catch (error) {
      if (isConflict(error)) return false;
      throw error;
    }
    observe(updated, now);
    return true;
  };

  const observe = (lease: LeaseObject, at: number) => {
    observedRecord = recordOf(lease);
    observedAt = at;
    const holder = lease.spec.holderIdentity || undefined;
    if (holder !== leader) {
      leader = holder;
      if (holder && holder !== options.identity) callbacks.onNewLeader?.(holder);
    }
  };

  const attempt = async (): Promise<boolean> => {
    try {
      return await tryAcquireOrRenew();
    } catch (error) {
      if (!stopping.signal.aborted)
        logger.warn(
          { lease: options.leaseName, err: error instanceof Error ? error.message : String(error) },
          'lease acquire/renew failed',
        );
      return false;
    }
  };

  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      if (stopping.signal.aborted) return resolve();
      const cancel = clock.schedule(ms, done);
      function done() {
        cancel();
        stopping.signal.removeEventListener('abort', done);
        resolve();
      }
      stopping.signal.addEventListener('abort', done, { once: true });
    });

  const isLeader = () => lastRenewAt !== undefined && clock.now() - lastRenewAt < timing.renewDeadlineMs;

  /** Renews every retry period until a renew deadline passes without success, or stop. */
  const holdLease = async (): Promise<void> => {
    while (!stopping.signal.aborted) {
      await sleep(timing.retryPeriodMs);
      if (stopping.signal.aborted) return;
      if (!isLeader()) return;
      const attemptedAt = clock.now();
      if (await attempt()) lastRenewAt = attemptedAt;
      else if (leader !== options.identity) return;
    }
  };

  const runTerm = async (): Promise<void> => {
    lastRenewAt = clock.now();
    const term = new AbortController();
    logger.info({ lease: options.leaseName, identity: options.identity }, 'became leader');
    // The term starts beside the renewals: a slow start (informers listing) must not let the lease lapse.
    const started = Promise.resolve()
      .then(() => callbacks.onStartedLeading(term.signal))
      .catch((error: unknown) => {
        logger.error(
          { lease: options.leaseName, err: error instanceof Error ? error.message : String(error) },
          'leader term failed to start; stepping down',
        );
        lastRenewAt = undefined;
      });
    try {
      await holdLease();
      await started;
    } finally {
      lastRenewAt = undefined;
      term.abort();
      if (!stopping.signal.aborted) logger.warn({ lease: options.leaseName, identity: options.identity }, 'leadership lost');
      await Promise.resolve(callbacks.onStoppedLeading()).catch((error: unknown) =>
        logger.error(
          { lease: options.leaseName, err: error instanceof Error ? error.message : String(error) },
          'stopping the leader term failed',
        ),
      );
    }
  };

  const loop = (async () => {
    while (!stopping.signal.aborted) {
      if (await attempt()) await runTerm();
      else await sleep(timing.retryPeriodMs);
    }
  })();

  /** Gives the Lease up so a standby takes over at once (client-go's ReleaseOnCancel). */
  const release = async (): Promise<void> => {
    try {
      const current = await options.requester.request<LeaseObject>({ method: 'GET', path });
      if (current.spec.holderIdentity !== options.identity) return;
      const now = microTime(clock.now());
      const released = {
        ...current,
        spec: { ...current.spec, holderIdentity: null, leaseDurationSeconds: 1, renewTime: now, acquireTime: now },
      };
      await options.requester.request({ method: 'PUT', path, body: released });
    } catch (error) {
      logger.warn(
        { lease: options.leaseName, err: error instanceof Error ? error.message : String(error) },
        'lease release failed; the standby takes over after the lease duration',
      );
    }
  };

  let stopped: Promise<void> | undefined;
  return {
    isLeader,
    get leader() {
      return leader;
    },
    stop() {
      stopped ??= (async () => {
        const wasLeader = isLeader();
        stopping.abort();
        await loop;
        if (wasLeader) await release();
      })();
      return stopped;
    },
  };
}
