// Go duration strings (`30m`, `1h30m`, `500ms`), as Velero's flags and Ferry's settings spell them.
import { DataMovementError, DataMovementErrorCode } from './errors';

const unitMs: Readonly<Record<string, number>> = { ns: 1e-6, us: 1e-3, µs: 1e-3, ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

/**
 * Milliseconds of a positive Go duration (`1h30m`, `90s`, `1.5h`, `250ms`). Pure. Throws a
 * `DataMovementError` (`DATA_MOVEMENT_INVALID_DURATION`) naming `what` (e.g. the environment variable) and the accepted form when malformed,
 * empty or not positive.
 */
export function parseGoDuration(text: string, what = 'duration'): number {
  const trimmed = text.trim();
  const part = /(\d+(?:\.\d+)?)(ns|us|µs|ms|h|m|s)/y;
  let total = 0;
  let index = 0;
  while (index < trimmed.length) {
    part.lastIndex = index;
    const match = part.exec(trimmed);
    if (!match) break;
    total += Number(match[1]) * (unitMs[match[2] ?? ''] ?? Number.NaN);
    index = part.lastIndex;
  }
  if (trimmed.length === 0 || index !== trimmed.length || !(total > 0) || !Number.isFinite(total)) {
    throw new DataMovementError(
      DataMovementErrorCode.InvalidDuration,
      `${what}=${JSON.stringify(text)} is not a positive duration: use a Go duration such as 30m, 90s or 1h30m`,
    );
  }
  return Math.round(total);
}

/**
 * Milliseconds of the Go duration in the environment variable `name`, or `fallbackMs` when it is
 * unset or blank. Pure. Throws as {@link parseGoDuration}, naming the variable.
 */
export function goDurationVariable(env: Readonly<Record<string, string | undefined>>, name: string, fallbackMs: number): number {
  const text = env[name]?.trim();
  return text ? parseGoDuration(text, name) : fallbackMs;
}
