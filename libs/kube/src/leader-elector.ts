// Leader election over a coordination.k8s.io/v1 Lease, as client-go's leaderelection package does
// it: a candidate takes the Lease when it is free or its holder has not renewed it for a whole
// lease duration (measured on the candidate's own clock from when it last saw the record change,
// so clock skew between replicas does not matter); the leader renews every retry period and gives
// up leadership when it cannot renew within the renew deadline — before any other candidate may
// take over. A paused leader (SIGSTOP) therefore finds itself no longer leader when it wakes up.
import { systemClock, type Clock } from './clock';
import { sleepUnlessAborted } from './backoff';
import { isAlreadyExists, isConflict } from './errors';
import { getOrUndefined } from './idempotent-calls';
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

interface LeaseSpec {
  holderIdentity?: string | null;
  leaseDurationSeconds?: number;
  acquireTime?: string | null;
  renewTime?: string | null;
  leaseTransitions?: number;
}

interface LeaseObject {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace: string; resourceVersion?: string };
  spec: LeaseSpec;
}

/** A Lease timestamp (MicroTime: RFC 3339 with microseconds). */
function microTime(ms: number): string {
  return new Date(ms).toISOString().replace('Z', '000Z');
}

/** The spec this candidate writes to take or renew the Lease whose current spec is `previous`. */
function claimedSpec(previous: LeaseSpec | undefined, identity: string, timing: LeaderElectionTiming, now: number): LeaseSpec {
  const holding = previous?.holderIdentity === identity;
  return {
    holderIdentity: identity,
    leaseDurationSeconds: Math.ceil(timing.leaseDurationMs / 1000),
    acquireTime: holding ? (previous?.acquireTime ?? microTime(now)) : microTime(now),
    renewTime: microTime(now),
    leaseTransitions: (previous?.leaseTransitions ?? 0) + (holding || !previous?.holderIdentity ? 0 : 1),
  };
}

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

/** Starts electing at once: acquire → term → renew until lost → acquire again, until `stop()`. */
export function createLeaderElector(options: LeaderElectorOptions, callbacks: LeadershipCallbacks): LeaderElector {
  return new LeaseElector(options, callbacks);
}

class LeaseElector implements LeaderElector {
  private readonly timing: LeaderElectionTiming;
  private readonly clock: Clock;
  private readonly logger: KubeLogger;
  private readonly path: string;
  private readonly stopping = new AbortController();
  private readonly loop: Promise<void>;
  /** The last Lease record seen, and when (on this clock): expiry is judged from here, not from the record's times. */
  private observedRecord = '';
  private observedAt = 0;
  private lastRenewAt: number | undefined;
  private holder: string | undefined;
  private stopped: Promise<void> | undefined;

  constructor(
    private readonly options: LeaderElectorOptions,
    private readonly callbacks: LeadershipCallbacks,
  ) {
    this.timing = { ...defaultLeaderElectionTiming, ...options.timing };
    this.clock = options.clock ?? systemClock;
    this.logger = options.logger ?? silentLogger;
    this.path = resourcePath(builtinResources.leases, options.namespace, options.leaseName);
    this.loop = this.campaign();
  }

  isLeader(): boolean {
    return this.lastRenewAt !== undefined && this.clock.now() - this.lastRenewAt < this.timing.renewDeadlineMs;
  }

  get leader(): string | undefined {
    return this.holder;
  }

  stop(): Promise<void> {
    this.stopped ??= (async () => {
      const wasLeader = this.isLeader();
      this.stopping.abort();
      await this.loop;
      if (wasLeader) await this.release();
    })();
    return this.stopped;
  }

  private async campaign(): Promise<void> {
    while (!this.stopping.signal.aborted) {
      if (await this.attempt()) await this.runTerm();
      else await this.sleep(this.timing.retryPeriodMs);
    }
  }

  /** One term: the leader's work starts beside the renewals, and ends when a renewal fails for the whole deadline. */
  private async runTerm(): Promise<void> {
    this.lastRenewAt = this.clock.now();
    const term = new AbortController();
    this.logger.info({ lease: this.options.leaseName, identity: this.options.identity }, 'became leader');
    // A slow start (informers listing) must not let the Lease lapse, so renewals do not wait for it.
    const started = Promise.resolve()
      .then(() => this.callbacks.onStartedLeading(term.signal))
      .catch((error: unknown) => {
        this.logger.error({ lease: this.options.leaseName, err: messageOf(error) }, 'leader term failed to start; stepping down');
        this.lastRenewAt = undefined;
      });
    try {
      await this.holdLease();
      await started;
    } finally {
      this.lastRenewAt = undefined;
      term.abort();
      if (!this.stopping.signal.aborted)
        this.logger.warn({ lease: this.options.leaseName, identity: this.options.identity }, 'leadership lost');
      await Promise.resolve(this.callbacks.onStoppedLeading()).catch((error: unknown) =>
        this.logger.error({ lease: this.options.leaseName, err: messageOf(error) }, 'stopping the leader term failed'),
      );
    }
  }

  /** Renews every retry period until the renew deadline passes without success, another holder shows up, or stop. */
  private async holdLease(): Promise<void> {
    while (!this.stopping.signal.aborted) {
      await this.sleep(this.timing.retryPeriodMs);
      if (this.stopping.signal.aborted || !this.isLeader()) return;
      const attemptedAt = this.clock.now();
      if (await this.attempt()) this.lastRenewAt = attemptedAt;
      else if (this.holder !== this.options.identity) return;
    }
  }

  private async attempt(): Promise<boolean> {
    try {
      return await this.tryAcquireOrRenew();
    } catch (error) {
      if (!this.stopping.signal.aborted)
        this.logger.warn({ lease: this.options.leaseName, err: messageOf(error) }, 'lease acquire/renew failed');
      return false;
    }
  }

  /** client-go's tryAcquireOrRenew: true when this candidate holds the Lease now. */
  private async tryAcquireOrRenew(): Promise<boolean> {
    const now = this.clock.now();
    const current = await getOrUndefined('get lease', () => this.request<LeaseObject>('GET'));
    if (!current) return this.create(now);
    const record = `${current.spec.holderIdentity ?? ''}|${current.spec.renewTime ?? ''}|${current.spec.leaseTransitions ?? 0}`;
    if (record !== this.observedRecord) this.observe(current, record, now);
    const holder = current.spec.holderIdentity ?? '';
    const durationMs = (current.spec.leaseDurationSeconds ?? this.timing.leaseDurationMs / 1000) * 1000;
    if (holder && holder !== this.options.identity && this.observedAt + durationMs > now) return false;
    const updated: LeaseObject = { ...current, spec: claimedSpec(current.spec, this.options.identity, this.timing, now) };
    try {
      await this.request('PUT', updated);
    } catch (error) {
      if (isConflict(error)) return false;
      throw error;
    }
    this.observe(updated, '', now);
    return true;
  }

  private async create(now: number): Promise<boolean> {
    const lease: LeaseObject = {
      apiVersion: 'coordination.k8s.io/v1',
      kind: 'Lease',
      metadata: { name: this.options.leaseName, namespace: this.options.namespace },
      spec: claimedSpec(undefined, this.options.identity, this.timing, now),
    };
    try {
      await this.options.requester.request({
        method: 'POST',
        path: resourcePath(builtinResources.leases, this.options.namespace),
        body: lease,
        signal: this.stopping.signal,
      });
    } catch (error) {
      if (isAlreadyExists(error)) return false;
      throw error;
    }
    this.observe(lease, '', now);
    return true;
  }

  private observe(lease: LeaseObject, record: string, at: number): void {
    this.observedRecord = record;
    this.observedAt = at;
    const holder = lease.spec.holderIdentity || undefined;
    if (holder === this.holder) return;
    this.holder = holder;
    if (holder && holder !== this.options.identity) this.callbacks.onNewLeader?.(holder);
  }

  /** Gives the Lease up so a standby takes over at once (client-go's ReleaseOnCancel). */
  private async release(): Promise<void> {
    try {
      const current = await this.options.requester.request<LeaseObject>({ method: 'GET', path: this.path });
      if (current.spec.holderIdentity !== this.options.identity) return;
      const now = microTime(this.clock.now());
      await this.request(
        'PUT',
        { ...current, spec: { ...current.spec, holderIdentity: null, leaseDurationSeconds: 1, renewTime: now, acquireTime: now } },
        false,
      );
    } catch (error) {
      this.logger.warn(
        { lease: this.options.leaseName, err: messageOf(error) },
        'lease release failed; the standby takes over after the lease duration',
      );
    }
  }

  private request<T>(method: 'GET' | 'PUT', body?: LeaseObject, abortable = true): Promise<T> {
    return this.options.requester.request<T>({ method, path: this.path, body, ...(abortable ? { signal: this.stopping.signal } : {}) });
  }

  private sleep(ms: number): Promise<void> {
    return sleepUnlessAborted(ms, this.stopping.signal, this.clock);
  }
}
