// Rate and ETA of a resource restore (issue 12 §7, beyond Velero: its users see 479/479 and no
// rate): items restored per second over a sliding window of the run's progress samples, and the
// seconds left at that rate. The window maths is @ferry/data-movement's (the same as a volume's
// byte rate); this adds the item counts, a bounded sample list and the restore's rules (nothing
// until two samples; a count that drops is a new run). Pure: time is passed in.
import { estimateEtaSeconds, pruneSamples, rateOverWindow, type ProgressSample } from '@ferry/data-movement';
import type { RestoreProgress } from './restore-progress';

/** A restore's progress at one instant (ms on any monotonic clock). */
export interface RestoreProgressSample extends RestoreProgress {
  readonly atMs: number;
}

/** What the estimator can say; each field absent while there is no honest value. */
export interface RestoreRateEstimate {
  /** Items restored per second over the window, one decimal; absent before two samples. */
  readonly itemsPerSecond?: number;
  /** Seconds left at that rate, rounded up; 0 when every known item is restored; absent before two samples or while nothing moves. */
  readonly etaSeconds?: number;
}

/** Default window of the rate: long enough to smooth one slow resource type, short enough to follow the next. */
export const restoreRateWindowMs = 10_000;
/** Default least spacing of kept samples (a restore offers one per item; the window keeps about 40). */
export const restoreSampleSpacingMs = 250;

const asTransfer = (sample: RestoreProgressSample): ProgressSample => ({ atMs: sample.atMs, bytesDone: sample.itemsRestored });

/**
 * The samples of one restore run: offered per item, kept at least `spacingMs` apart (the newest
 * always replaces a tail closer than that, so the latest counts are never lost) and only as far
 * back as the window needs. Memory is bounded by window / spacing whatever the restore's size.
 */
export class RestoreRateWindow {
  private samples: RestoreProgressSample[] = [];

  constructor(
    private readonly windowMs: number = restoreRateWindowMs,
    private readonly spacingMs: number = restoreSampleSpacingMs,
  ) {}

  /** Adds a sample; one whose count is below the latest starts the window over (a resumed run counts from 0 again). */
  add(sample: RestoreProgressSample): void {
    const latest = this.samples.at(-1);
    if (latest && sample.itemsRestored < latest.itemsRestored) this.samples = [];
    const [beforeTail, tail] = [this.samples.at(-2), this.samples.at(-1)];
    if (beforeTail && tail && tail.atMs - beforeTail.atMs < this.spacingMs) this.samples.pop();
    this.samples.push(sample);
    // pruneSamples keeps a suffix: the samples inside the window and the baseline before it.
    const kept = pruneSamples(this.samples.map(asTransfer), sample.atMs, this.windowMs).length;
    this.samples = this.samples.slice(this.samples.length - kept);
  }

  /** The newest sample, if any. */
  latest(): RestoreProgressSample | undefined {
    return this.samples.at(-1);
  }

  /** The estimate at `nowMs`: see {@link estimateRestoreRate}. */
  estimate(nowMs: number): RestoreRateEstimate {
    return estimateRestoreRate(this.samples, nowMs, this.windowMs);
  }
}

/**
 * Items per second at `nowMs` over the window of `samples` (oldest first; a stalled restore's rate
 * decays toward 0 as `nowMs` moves on) and ETA = (totalItems − itemsRestored) / rate of the newest
 * sample. Both absent before two samples; the ETA also while the rate is 0. Pure.
 */
export function estimateRestoreRate(
  samples: readonly RestoreProgressSample[],
  nowMs: number,
  windowMs: number = restoreRateWindowMs,
): RestoreRateEstimate {
  const latest = samples.at(-1);
  if (!latest || samples.length < 2) return {};
  const rate = rateOverWindow(samples.map(asTransfer), nowMs, windowMs);
  const etaSeconds = estimateEtaSeconds(latest.itemsRestored, latest.totalItems, rate);
  return { itemsPerSecond: Math.round(rate * 10) / 10, ...(etaSeconds === undefined ? {} : { etaSeconds }) };
}
