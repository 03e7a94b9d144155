// The three durations of a Backup spec and their defaults. Velero treats a zero duration as "use
// the server's default" (the velero CLI posts `"0s"` for each flag left unset), so `0`, `0s`,
// `0m`, `""` and an absent field all mean the default.
import type { BackupSpec } from '@ferry/api';
import { formatDuration, nanosecondsPerMillisecond, parseDuration } from '@ferry/kube-values';
import { BackupRuleError, BackupRuleErrorCode } from '../errors';

/** The duration fields of a Backup spec. */
export const BackupDurationField = {
  Ttl: 'ttl',
  CsiSnapshotTimeout: 'csiSnapshotTimeout',
  ItemOperationTimeout: 'itemOperationTimeout',
} as const;
/** One of {@link BackupDurationField}. */
export type BackupDurationField = (typeof BackupDurationField)[keyof typeof BackupDurationField];

/** Default of each duration field, in nanoseconds (Velero's server flags). */
export type BackupDurationDefaults = Readonly<Record<BackupDurationField, bigint>>;

const hourNs = 3_600_000_000_000n;

/**
 * Velero's server defaults: `--default-backup-ttl` 720h, `--default-csi-snapshot-timeout` 10m,
 * `--default-item-operation-timeout` 4h.
 */
export const veleroDurationDefaults: BackupDurationDefaults = Object.freeze({
  ttl: 720n * hourNs,
  csiSnapshotTimeout: hourNs / 6n,
  itemOperationTimeout: 4n * hourNs,
});

/** One duration as the backup uses it. */
export interface EffectiveDuration {
  /** Exact value (int64 nanoseconds, as Go holds it). */
  readonly nanoseconds: bigint;
  /** The value rounded to whole milliseconds, for timers. */
  readonly milliseconds: number;
  /** Go's `Duration.String()` (`720h0m0s`), what Velero writes into the spec. */
  readonly text: string;
  /** Whether the spec left it zero or unset, so the default applies. */
  readonly defaulted: boolean;
}

/** The effective ttl and timeouts of a Backup. */
export type EffectiveDurations = Readonly<Record<BackupDurationField, EffectiveDuration>>;

/** A duration field whose text is not a Go duration, with Go's parse error. */
export interface DurationProblem {
  readonly field: BackupDurationField;
  readonly text: string;
  /** Go's error, e.g. `time: unknown unit "d" in duration "1d"`. */
  readonly message: string;
}

const fields: readonly BackupDurationField[] = [
  BackupDurationField.Ttl,
  BackupDurationField.CsiSnapshotTimeout,
  BackupDurationField.ItemOperationTimeout,
];

function effective(nanoseconds: bigint, defaulted: boolean): EffectiveDuration {
  const milliseconds = Number(nanoseconds / nanosecondsPerMillisecond);
  return { nanoseconds, milliseconds, text: formatDuration(nanoseconds), defaulted };
}

/**
 * Each duration field that does not parse as a Go duration, in field order (ttl,
 * csiSnapshotTimeout, itemOperationTimeout). Empty and absent fields are fine. Pure.
 */
export function durationProblems(spec: Pick<BackupSpec, BackupDurationField>): DurationProblem[] {
  return fields.flatMap((field) => {
    const text = spec[field];
    if (text === undefined || text === '') return [];
    const parsed = parseDuration(text);
    return parsed.ok ? [] : [{ field, text, message: parsed.message }];
  });
}

/**
 * The ttl, CSI snapshot timeout and item operation timeout a Backup runs with: the spec's value,
 * or `defaults` when it is absent, empty or zero (`0s`, `0`, `0m`…). A negative value is kept, as
 * Velero keeps it (a negative ttl expires at once). Pure. Throws {@link BackupRuleError}
 * `BACKUP_INVALID_DURATION` when a field is not a Go duration — validate the Backup first.
 */
export function effectiveDurations(
  spec: Pick<BackupSpec, BackupDurationField>,
  defaults: BackupDurationDefaults = veleroDurationDefaults,
): EffectiveDurations {
  const [problem] = durationProblems(spec);
  if (problem) {
    throw new BackupRuleError(
      BackupRuleErrorCode.InvalidDuration,
      `Backup spec.${problem.field} ${JSON.stringify(problem.text)}: ${problem.message}`,
    );
  }
  const one = (field: BackupDurationField): EffectiveDuration => {
    const text = spec[field];
    const parsed = text === undefined || text === '' ? undefined : parseDuration(text);
    const value = parsed?.ok ? parsed.nanoseconds : 0n;
    return value === 0n ? effective(defaults[field], true) : effective(value, false);
  };
  return { ttl: one('ttl'), csiSnapshotTimeout: one('csiSnapshotTimeout'), itemOperationTimeout: one('itemOperationTimeout') };
}
