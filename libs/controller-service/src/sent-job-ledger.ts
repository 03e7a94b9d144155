// Which jobs this process has sent for each live resource, so the next reconcile of the same state
// (an informer event, the resync) does not send them again. Bounded by the live resources: the
// reconciler forgets a resource once it is final or gone. A restarted controller starts empty and
// sends once more, which the receivers absorb (message ids, idempotent exposer and mover).

/** Sent jobs by resource key. */
export class SentJobLedger {
  private readonly sent = new Map<string, Set<string>>();

  /** Whether `job` was sent for resource `key` by this process. */
  has(key: string, job: string): boolean {
    return this.sent.get(key)?.has(job) ?? false;
  }

  /** Records that `job` was sent for `key`. */
  record(key: string, job: string): void {
    const jobs = this.sent.get(key) ?? new Set<string>();
    jobs.add(job);
    this.sent.set(key, jobs);
  }

  /** Drops every record of `key` (the resource is final or gone). */
  forget(key: string): void {
    this.sent.delete(key);
  }

  /** Resources with records. */
  get size(): number {
    return this.sent.size;
  }
}
