// Go duration strings (`30m`, `1h30m`, `500ms`), as Velero's flags and Ferry's settings spell them.
import { nanosecondsPerMillisecond, parseDuration } from '@ferry/kube-values';
import { DataMovementError, DataMovementErrorCode } from './errors';

/**
 * Milliseconds of a positive Go duration (`1h30m`, `90s`, `1.5h`, `250ms`), read as Go's
 * `time.ParseDuration` reads it after trimming blanks. Pure. Throws a `DataMovementError`
 * (`DATA_MOVEMENT_INVALID_DURATION`) naming `what` (e.g. the environment variable) and the accepted
 * form when malformed, empty or not positive.
 */
export function parseGoDuration(text: string, what = 'duration'): number {
  const parsed = parseDuration(text.trim());
  if (!parsed.ok || parsed.nanoseconds <= 0n) {
    throw new DataMovementError(
      DataMovementErrorCode.InvalidDuration,
      `${what}=${JSON.stringify(text)} is not a positive duration: use a Go duration such as 30m, 90s or 1h30m`,
    );
  }
  return Math.max(1, Math.round(Number(parsed.nanoseconds) / Number(nanosecondsPerMillisecond)));
}

/**
 * Milliseconds of the Go duration in the environment variable `name`, or `fallbackMs` when it is
 * unset or blank. Pure. Throws as {@link parseGoDuration}, naming the variable.
 */
export function goDurationVariable(env: Readonly<Record<string, string | undefined>>, name: string, fallbackMs: number): number {
  const text = env[name]?.trim();
  return text ? parseGoDuration(text, name) : fallbackMs;
}
