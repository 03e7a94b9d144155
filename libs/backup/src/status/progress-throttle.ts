// At most one progress patch per interval: Velero's backup progress goroutine sends the latest
// `status.progress` once a second, and nothing when it has not changed.

/** `status.progress` of a Backup. */
export interface BackupProgress {
  readonly totalItems: number;
  readonly itemsBackedUp: number;
}

/** Velero's progress update period. */
export const progressIntervalMs = 1000;

/**
 * Decides when to patch `status.progress`. Feed every update to {@link ProgressThrottle.offer};
 * it answers the progress to patch now, or `undefined` when the last patch was less than the
 * interval ago (the update is kept as pending) or nothing changed. When the loop ends, patch
 * {@link ProgressThrottle.pending} once more. Pure state, no timers: the caller passes the clock.
 */
export class ProgressThrottle {
  private lastSentAt: number | undefined;
  private sent: BackupProgress | undefined;
  private latest: BackupProgress | undefined;

  constructor(private readonly intervalMs: number = progressIntervalMs) {}

  /** Records `progress` at `nowMs`; returns it when it should be patched now (and counts it as sent). */
  offer(progress: BackupProgress, nowMs: number): BackupProgress | undefined {
    this.latest = progress;
    if (this.lastSentAt !== undefined && nowMs - this.lastSentAt < this.intervalMs) return undefined;
    return this.take(nowMs);
  }

  /** The latest progress not yet sent, if any; marks it sent at `nowMs`. */
  flush(nowMs: number): BackupProgress | undefined {
    return this.take(nowMs);
  }

  /** The latest progress not yet sent, without marking it. */
  pending(): BackupProgress | undefined {
    return this.unchanged() ? undefined : this.latest;
  }

  /** Milliseconds until a pending update may be sent (0 when it may be now), `undefined` when none is pending. */
  dueInMs(nowMs: number): number | undefined {
    if (this.pending() === undefined) return undefined;
    return this.lastSentAt === undefined ? 0 : Math.max(0, this.lastSentAt + this.intervalMs - nowMs);
  }

  private take(nowMs: number): BackupProgress | undefined {
    if (this.unchanged()) return undefined;
    this.sent = this.latest;
    this.lastSentAt = nowMs;
    return this.sent;
  }

  private unchanged(): boolean {
    return (
      this.latest === undefined ||
      (this.sent !== undefined && this.sent.totalItems === this.latest.totalItems && this.sent.itemsBackedUp === this.latest.itemsBackedUp)
    );
  }
}
