// Progress maths of a data transfer (ETA and throughput per volume):
// the recent rate over a sliding window, an ETA only when the total is known, and a throttle that
// lets a reporter speak about once a second. Pure: time is passed in, nothing is read or written.

/** Bytes moved at one instant; `totalBytes` is undefined while the tool does not know the total (restic at first). */
export interface ProgressSample {
  /** When the sample was taken (ms, any monotonic clock). */
  readonly atMs: number;
  readonly bytesDone: number;
  readonly totalBytes?: number;
}

/** What a reporter publishes: bytes, the recent rate, and an ETA only when it can be known. */
export interface ProgressEstimate {
  readonly bytesDone: number;
  /** Absent while the total is unknown: say so rather than invent one. */
  readonly totalBytes?: number;
  /** Bytes per second over the recent window; 0 before two samples or when nothing moved. */
  readonly bytesPerSecond: number;
  /** Seconds left at the recent rate; absent when the total is unknown or nothing moves. */
  readonly etaSeconds?: number;
}

/** Default sliding window of the rate (long enough to smooth restic's bursts, short enough to follow changes). */
export const defaultRateWindowMs = 5_000;
/** Default interval between two published estimates. */
export const defaultEmitIntervalMs = 1_000;

/**
 * The samples still needed for a rate at `nowMs`: those inside the window plus the newest one
 * before it (the baseline the window starts from). Keeps order; never drops the newest sample.
 */
export function pruneSamples(samples: readonly ProgressSample[], nowMs: number, windowMs: number = defaultRateWindowMs): ProgressSample[] {
  const start = nowMs - windowMs;
  let firstInside = samples.findIndex((sample) => sample.atMs >= start);
  if (firstInside === -1) firstInside = samples.length - 1;
  return samples.slice(Math.max(0, firstInside - 1));
}

/**
 * Bytes per second at `nowMs` over the window: bytes moved since the baseline sample (the newest
 * at or before the window's start, else the oldest) divided by the time elapsed since it until
 * `nowMs`, so a stalled tool's rate decays toward 0. Never negative (an estimate may shrink).
 */
export function rateOverWindow(samples: readonly ProgressSample[], nowMs: number, windowMs: number = defaultRateWindowMs): number {
  const latest = samples.at(-1);
  if (!latest || samples.length < 2) return 0;
  const start = nowMs - windowMs;
  let baseline = samples[0] as ProgressSample;
  for (const sample of samples) {
    if (sample.atMs <= start) baseline = sample;
    else break;
  }
  if (baseline === latest) return 0;
  const elapsedMs = Math.max(nowMs, latest.atMs) - baseline.atMs;
  if (elapsedMs <= 0) return 0;
  return Math.max(0, ((latest.bytesDone - baseline.bytesDone) * 1000) / elapsedMs);
}

/**
 * Seconds left: 0 when done, `undefined` when the total is unknown or the rate is 0 (no honest
 * estimate), else the remaining bytes at `bytesPerSecond`, rounded up to whole seconds.
 */
export function estimateEtaSeconds(bytesDone: number, totalBytes: number | undefined, bytesPerSecond: number): number | undefined {
  if (totalBytes === undefined) return undefined;
  const remaining = totalBytes - bytesDone;
  if (remaining <= 0) return 0;
  if (!(bytesPerSecond > 0)) return undefined;
  return Math.ceil(remaining / bytesPerSecond);
}

/** The estimate at `nowMs` from `samples` (oldest first); zeros before the first sample. */
export function estimateProgress(
  samples: readonly ProgressSample[],
  nowMs: number,
  windowMs: number = defaultRateWindowMs,
): ProgressEstimate {
  const latest = samples.at(-1);
  if (!latest) return { bytesDone: 0, bytesPerSecond: 0 };
  const bytesPerSecond = rateOverWindow(samples, nowMs, windowMs);
  const etaSeconds = estimateEtaSeconds(latest.bytesDone, latest.totalBytes, bytesPerSecond);
  return {
    bytesDone: latest.bytesDone,
    ...(latest.totalBytes === undefined ? {} : { totalBytes: latest.totalBytes }),
    bytesPerSecond: Math.round(bytesPerSecond),
    ...(etaSeconds === undefined ? {} : { etaSeconds }),
  };
}

/** Whether a reporter that last spoke at `lastEmitMs` (undefined = never) may speak at `nowMs`. */
export function isEmissionDue(lastEmitMs: number | undefined, nowMs: number, intervalMs: number = defaultEmitIntervalMs): boolean {
  return lastEmitMs === undefined || nowMs - lastEmitMs >= intervalMs;
}
