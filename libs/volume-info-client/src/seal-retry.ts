// Sealing that does not give up: a run must not end without its report, so while volume-info is
// down, restarting or still missing records, the seal is asked again with a doubling delay until it
// answers or the caller stops (its run stays Finalizing; a restarted controller starts over).
import type { KeyedVolumeInput } from '@ferry/volume-history';
import type { VolumeReporter, VolumeReportTarget, VolumeSealAnswer } from './volume-reporter';

/** Options of {@link sealWithRetry}. */
export interface SealRetryOptions {
  /** Stops retrying when aborted (rejects with the signal's reason). */
  readonly signal: AbortSignal;
  /** Called with each failure and the delay before the next attempt (to log it). */
  readonly onRetry?: (error: unknown, delayMs: number) => void;
  /** First delay; default 500 ms, doubling up to {@link maxDelayMs}. */
  readonly initialDelayMs?: number;
  /** Longest delay; default 30 s. */
  readonly maxDelayMs?: number;
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) {
      reject(signal.reason as Error);
      return;
    }
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal.reason as Error);
    };
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

/**
 * Collects the run's inputs (`inputsOf`, asked again on every attempt) and seals them until
 * volume-info answers. Resolves with the answer; rejects only when `signal` aborts.
 */
export async function sealWithRetry(
  reporter: VolumeReporter,
  target: VolumeReportTarget,
  inputsOf: () => Promise<readonly KeyedVolumeInput[]>,
  options: SealRetryOptions,
): Promise<VolumeSealAnswer> {
  const maxDelayMs = options.maxDelayMs ?? 30_000;
  let delayMs = options.initialDelayMs ?? 500;
  for (;;) {
    try {
      return await reporter.seal(target, await inputsOf(), options.signal);
    } catch (error) {
      if (options.signal.aborted) throw options.signal.reason as Error;
      options.onRetry?.(error, delayMs);
      await sleep(delayMs, options.signal);
      delayMs = Math.min(delayMs * 2, maxDelayMs);
    }
  }
}
