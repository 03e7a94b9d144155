// Builders return result values instead of throwing: a missing input field is the caller's data
// problem, reported with a stable code and a message naming the object and the fix.

/** Stable codes of the problems a builder can report. */
export const ExposerProblemCode = {
  /** The source VolumeSnapshotContent has no `status.snapshotHandle` yet (not ready). */
  SnapshotHandleMissing: 'SNAPSHOT_HANDLE_MISSING',
  /** The source VolumeSnapshotContent names no CSI driver. */
  SnapshotDriverMissing: 'SNAPSHOT_DRIVER_MISSING',
  /** Neither the VolumeSnapshot's restoreSize nor the source PVC's storage request is known. */
  VolumeSizeUnknown: 'VOLUME_SIZE_UNKNOWN',
  /** An object lacks `metadata.name` or `metadata.uid`, needed for names and owner references. */
  ObjectIdentityMissing: 'OBJECT_IDENTITY_MISSING',
} as const;
/** One of {@link ExposerProblemCode}. */
export type ExposerProblemCode = (typeof ExposerProblemCode)[keyof typeof ExposerProblemCode];

/** A builder problem: stable code plus a message saying what failed, on which object, what to do. */
export interface ExposerProblem {
  code: ExposerProblemCode;
  message: string;
}

/** Outcome of a builder: the built value or one problem. Never thrown. */
export type BuildResult<T> = { ok: true; value: T } | { ok: false; problem: ExposerProblem };

/** Wraps a built value. */
export function built<T>(value: T): BuildResult<T> {
  return { ok: true, value };
}

/** Wraps a problem. */
export function failed<T>(code: ExposerProblemCode, message: string): BuildResult<T> {
  return { ok: false, problem: { code, message } };
}
