// The workers' results waiting for the reconcile of their resource. The results consumer hands a
// result in and waits; the controller's reconcile of that key applies it, so a result and a
// reconcile of one resource never run at once (the work queue hands a key to one worker at a time)
// and the message is acknowledged only once the result is applied.

interface Pending {
  readonly apply: () => Promise<void>;
  readonly resolve: () => void;
  readonly reject: (error: unknown) => void;
}

/** Results by work-queue key. */
export class ResultInbox {
  private readonly pending = new Map<string, Pending[]>();
  private closedWith: Error | undefined;

  /**
   * Queues `apply` for `key`, calls `wake(key)` (enqueue the key), and resolves once a reconcile
   * of `key` has run it — or rejects with its failure, or when the inbox closes first.
   */
  deliver(key: string, apply: () => Promise<void>, wake: (key: string) => void): Promise<void> {
    if (this.closedWith) return Promise.reject(this.closedWith);
    const done = new Promise<void>((resolve, reject) => {
      const queue = this.pending.get(key) ?? [];
      queue.push({ apply, resolve, reject });
      this.pending.set(key, queue);
    });
    wake(key);
    return done;
  }

  /**
   * Applies the results of `key` in arrival order; resolves with how many ran. On a failure the
   * remaining ones are rejected too (their messages are redelivered) and the failure is rethrown.
   */
  async drain(key: string): Promise<number> {
    const queue = this.pending.get(key);
    if (!queue) return 0;
    this.pending.delete(key);
    for (const [index, entry] of queue.entries()) {
      try {
        await entry.apply();
        entry.resolve();
      } catch (error) {
        for (const rest of queue.slice(index)) rest.reject(error);
        throw error;
      }
    }
    return queue.length;
  }

  /** Results waiting now. */
  get size(): number {
    let count = 0;
    for (const queue of this.pending.values()) count += queue.length;
    return count;
  }

  /** Rejects every waiting result with `reason` and refuses new ones (their messages are redelivered later). Idempotent. */
  close(reason: Error): void {
    this.closedWith ??= reason;
    for (const queue of this.pending.values()) for (const entry of queue) entry.reject(reason);
    this.pending.clear();
  }
}
