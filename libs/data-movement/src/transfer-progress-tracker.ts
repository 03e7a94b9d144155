// The progress of one running transfer, fed by the tool's callbacks and read by a reporter.
import {
  defaultEmitIntervalMs,
  defaultRateWindowMs,
  estimateProgress,
  isEmissionDue,
  pruneSamples,
  type ProgressEstimate,
  type ProgressSample,
} from './transfer-progress';

/** Options of {@link createProgressTracker}. */
export interface ProgressTrackerOptions {
  /** Sliding window of the rate; default 5 s. */
  readonly windowMs?: number;
  /** Minimum interval between two estimates returned by `takeDue`; default 1 s. */
  readonly emitIntervalMs?: number;
}

/** Samples of one transfer and a throttle on reading them. Pure state: the caller passes the clock. */
export interface ProgressTracker {
  /** Records the tool's latest counters at `atMs`; a sample older than the newest is ignored. */
  record(sample: ProgressSample): void;
  /** The estimate at `nowMs` (rate over the window, ETA when the total is known). */
  estimate(nowMs: number): ProgressEstimate;
  /**
   * The estimate at `nowMs` if at least the emit interval passed since the last one returned
   * (and a sample exists), else `undefined`; the call that returns one starts the next interval.
   */
  takeDue(nowMs: number): ProgressEstimate | undefined;
  /** True once at least one sample was recorded. */
  readonly started: boolean;
}

/** A tracker with no samples. */
export function createProgressTracker(options: ProgressTrackerOptions = {}): ProgressTracker {
  const windowMs = options.windowMs ?? defaultRateWindowMs;
  const intervalMs = options.emitIntervalMs ?? defaultEmitIntervalMs;
  let samples: ProgressSample[] = [];
  let lastEmitMs: number | undefined;
  const tracker: ProgressTracker = {
    get started() {
      return samples.length > 0;
    },
    record(sample) {
      const newest = samples.at(-1);
      if (newest && sample.atMs < newest.atMs) return;
      samples = pruneSamples([...samples, sample], sample.atMs, windowMs);
    },
    estimate(nowMs) {
      return estimateProgress(samples, nowMs, windowMs);
    },
    takeDue(nowMs) {
      if (samples.length === 0 || !isEmissionDue(lastEmitMs, nowMs, intervalMs)) return undefined;
      lastEmitMs = nowMs;
      return tracker.estimate(nowMs);
    },
  };
  return tracker;
}
