// When a BackupStorageLocation is validated (velero's internal/storage IsReadyToValidate): always
// once; then every `spec.validationFrequency` (server default 1 minute); `0` means never again
// after the first validation; a negative frequency falls back to the server default. Pure.
import { parseGoDuration } from '@ferry/data-movement';

/** Velero's `--store-validation-frequency` default: 1 minute. */
export const defaultValidationFrequencyMs = 60_000;

/** `0`, `0s`, `0h0m0s`, `0.0ms`: Go's zero durations (parseGoDuration accepts only positive ones). */
const zeroDuration = /^(0|(0+(\.0*)?(ns|us|µs|ms|s|m|h))+)$/;

/** A BSL's validation frequency: milliseconds, and why the spec's value was not taken when it was not. */
export interface ValidationFrequency {
  readonly ms: number;
  /** Set when `spec.validationFrequency` is malformed or negative (the server default applies). */
  readonly problem?: string;
}

/**
 * The frequency of `spec.validationFrequency` (a Go duration: `2s`, `1m30s`, `0s`, `0`), or
 * `serverDefaultMs` when unset, negative or malformed. Pure.
 */
export function validationFrequency(text: string | null | undefined, serverDefaultMs = defaultValidationFrequencyMs): ValidationFrequency {
  const trimmed = text?.trim();
  if (!trimmed) return { ms: serverDefaultMs };
  const negative = trimmed.startsWith('-');
  const unsigned = trimmed.replace(/^[+-]/, '');
  if (zeroDuration.test(unsigned)) return { ms: 0 };
  try {
    const ms = parseGoDuration(unsigned, 'spec.validationFrequency');
    if (negative)
      return { ms: serverDefaultMs, problem: `spec.validationFrequency ${JSON.stringify(text)} is negative; using the default` };
    return { ms };
  } catch {
    return {
      ms: serverDefaultMs,
      problem: `spec.validationFrequency ${JSON.stringify(text)} is not a Go duration (such as 30s or 1m); using the default`,
    };
  }
}

/** Whether to validate now, and otherwise in how many ms (absent = never again). */
export type ValidationTiming = { readonly validateNow: true } | { readonly validateNow: false; readonly dueInMs?: number };

/**
 * Whether a BSL last validated at `lastValidationTime` (RFC 3339, absent = never) is due at
 * `nowMs` with `frequencyMs`. Never validated (or an unreadable time) is always due; frequency 0
 * after a validation is never due again. Pure.
 */
export function validationTiming(frequencyMs: number, lastValidationTime: string | null | undefined, nowMs: number): ValidationTiming {
  const last = lastValidationTime ? Date.parse(lastValidationTime) : Number.NaN;
  if (Number.isNaN(last)) return { validateNow: true };
  if (frequencyMs <= 0) return { validateNow: false };
  const dueInMs = last + frequencyMs - nowMs;
  return dueInMs <= 0 ? { validateNow: true } : { validateNow: false, dueInMs };
}
